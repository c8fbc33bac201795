//! A fuzz target per parser, as property tests over arbitrary bytes and over valid files with
//! random damage (a splice of random bytes, a cut): plans (RON and JSON), standards, themes,
//! keymaps, inventory CSV, OSCAL catalogs and model rules. Every reader must return, never
//! panic, and every refusal must be one line that starts with the file's name and a position.
//! CI runs the default case count (a few seconds); `PROPTEST_CASES=100000 cargo test --release
//! --test fuzz_parsers` runs them at length.

use proptest::prelude::*;
use std::path::Path;
use vcio::io::{ImportOptions, ModelRules, import_inventory, import_oscal};

const FILE: &str = "in.file";

const PLAN_RON: &str = "(district: (name: \"D\", students: 10, staff: 2, sites: []), items: [(id: \"A\", name: \"a\", category: Device, kind: \"chromebook\", quantity: 3, acquired: Some(\"2021-08\"))], initiatives: [(id: \"I\", title: \"t\", start: \"FY2027-Q1\", duration: 2, funding: \"general\")])";
const PLAN_JSON: &str = r#"{"district": {"name": "D", "students": 10, "staff": 2}, "items": [{"id": "A", "name": "a", "category": "Device", "kind": "chromebook", "quantity": 3}], "initiatives": []}"#;
const STANDARDS: &str = include_str!("../standards/devices.ron");
const THEME: &str = include_str!("../themes/default.ron");
const KEYMAP: &str = include_str!("tui_fixture/keymaps/valid.ron");
const CSV: &str = include_str!("fixtures/inventory/snipeit_assets.csv");
const OSCAL: &str = include_str!("fixtures/oscal/basic-catalog.json");
const RULES: &str = "(rules: [(contains: \"Aruba AP\", category: Network, kind: \"access-point\")], ou_skip: [\"Loaners\"])";

/// A refusal as a user sees it: one line, naming the file, short.
fn check_message(msg: &str, file: &str) {
    assert!(!msg.contains('\n'), "more than one line: {msg:?}");
    assert!(msg.len() < 2_000, "{} bytes", msg.len());
    assert!(msg.contains(file), "does not name {file}: {msg}");
}

/// A CSV refusal: its first line is the cause; the invalid rows follow, one line each, every
/// one naming the file and line.
fn check_rows_message(msg: &str, file: &str) {
    for line in msg.lines() {
        check_message(line.trim_start(), file);
    }
}

/// Text as every reader decodes it; bytes that are not UTF-8 must be located.
fn decoded(bytes: &[u8]) -> Option<String> {
    match vcio::decode::text(bytes) {
        Ok(t) => Some(t.into_owned()),
        Err(e) => {
            check_message(&e.at(FILE), FILE);
            assert!(e.line >= 1 && e.col >= 1);
            None
        }
    }
}

fn run_all(bytes: &[u8]) {
    // Plans, as `import plan` and restore read them.
    if let Some(text) = decoded(bytes) {
        for name in ["in.ron", "in.json", "in.plan"] {
            if let Err(e) = vcio::store::import_plan(name, &text) {
                check_message(&e.to_string(), name);
            }
        }
        if let Err(d) = vcio::standards::load::parse_str(FILE, &text) {
            check_message(&d.to_string(), FILE);
        }
        if let Err(e) = vcio::tui::theme::Theme::parse("x", &text) {
            assert!(!e.contains('\n'), "{e}");
        }
        if let Err(e) = vcio::tui::keymap_file::apply(&text, Path::new(FILE)) {
            check_message(&e, FILE);
        }
        if let Err(e) = import_oscal(FILE, &text) {
            check_message(&e.to_string(), FILE);
        }
        if let Err(e) = ModelRules::from_ron(FILE, &text) {
            check_message(&e.to_string(), FILE);
        }
    }
    // CSV takes bytes: it reads UTF-16 and Windows-1252 itself.
    for skip_invalid in [false, true] {
        let opts = ImportOptions {
            skip_invalid,
            ..ImportOptions::default()
        };
        if let Err(e) = import_inventory(FILE, bytes, &[], &opts) {
            check_rows_message(&e.to_string(), FILE);
        }
    }
}

/// A valid file with damage: `cut` bytes kept, then `splice` inserted at `at`.
fn damaged(seed: &str, at: usize, cut: usize, splice: &[u8]) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    let at = at % (bytes.len() + 1);
    bytes.splice(at..at, splice.iter().copied());
    let keep = bytes.len() - cut % (bytes.len() / 4 + 1);
    bytes.truncate(keep);
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic_any_reader(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        run_all(&bytes);
    }

    #[test]
    fn damaged_valid_files_never_panic_any_reader(
        which in 0usize..8,
        at in any::<usize>(),
        cut in any::<usize>(),
        splice in proptest::collection::vec(any::<u8>(), 0..12),
    ) {
        let seed = [PLAN_RON, PLAN_JSON, STANDARDS, THEME, KEYMAP, CSV, OSCAL, RULES][which];
        run_all(&damaged(seed, at, cut, &splice));
    }
}

#[test]
fn the_valid_seeds_are_accepted_by_their_readers() {
    assert!(vcio::store::import_plan("p.ron", PLAN_RON).is_ok());
    assert!(vcio::store::import_plan("p.json", PLAN_JSON).is_ok());
    assert!(vcio::standards::load::parse_str("s.ron", STANDARDS).is_ok());
    assert!(vcio::tui::theme::Theme::parse("default", THEME).is_ok());
    assert!(vcio::tui::keymap_file::apply(KEYMAP, Path::new("k.ron")).is_ok());
    assert!(import_inventory("a.csv", CSV.as_bytes(), &[], &ImportOptions::default()).is_ok());
    assert!(import_oscal("c.json", OSCAL).is_ok());
    assert!(ModelRules::from_ron("r.ron", RULES).is_ok());
}
