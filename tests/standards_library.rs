//! The shipped standards library: every embedded file parses and lints clean, and the library is
//! big and broad enough for a real district assessment.

use std::collections::BTreeSet;
use vcio::standards::load::BUILTIN_FILES;
use vcio::standards::{Library, lint_str};

#[test]
fn every_shipped_file_lints_clean() {
    for (name, text) in BUILTIN_FILES {
        let diags = lint_str(name, text);
        assert!(
            diags.is_empty(),
            "{}",
            diags
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn ids_are_unique_across_files_and_sorted() {
    let lib = Library::builtin();
    let ids: Vec<&str> = lib.standards.iter().map(|s| s.id.as_str()).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(
        ids.len(),
        unique.len(),
        "duplicate ids in the built-in library"
    );
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "library is not sorted by id"
    );
}

const AREAS: [&str; 7] = [
    "Infrastructure",
    "Security",
    "Data & Privacy",
    "Devices",
    "Classroom",
    "Operations",
    "Governance",
];

#[test]
fn library_is_broad_enough_for_a_district_assessment() {
    let lib = Library::builtin();
    assert!(
        lib.standards.len() >= 110,
        "only {} standards",
        lib.standards.len()
    );
    for area in AREAS {
        let n = lib.standards.iter().filter(|s| s.area == area).count();
        assert!(n >= 10, "area {area} has only {n} standards");
    }
    for s in &lib.standards {
        assert!(
            AREAS.contains(&s.area.as_str()),
            "{} has unknown area {:?}",
            s.id,
            s.area
        );
        assert!(!s.refs.is_empty(), "{} cites no framework", s.id);
    }
}

#[test]
fn most_standards_read_inventory_facts() {
    let lib = Library::builtin();
    let inv = lib
        .standards
        .iter()
        .filter(|s| s.check.uses_inventory())
        .count();
    let share = inv as f64 / lib.standards.len() as f64;
    assert!(
        share >= 0.6,
        "only {inv} of {} standards read inventory ({share:.2})",
        lib.standards.len()
    );
}

#[test]
fn ids_carry_their_area_prefix() {
    let prefix = |area: &str| match area {
        "Infrastructure" => "NET-",
        "Security" => "SEC-",
        "Data & Privacy" => "DAT-",
        "Devices" => "DEV-",
        "Classroom" => "CLS-",
        "Operations" => "OPS-",
        _ => "GOV-",
    };
    for s in Library::builtin().standards {
        assert!(
            s.id.starts_with(prefix(&s.area)),
            "{} is in area {}",
            s.id,
            s.area
        );
    }
}

/// Evidence is read aloud ("612 of 1,850 student Chromebooks reach their auto-update expiry"), so
/// every share names its selection and its failing items, and every ratio names its unit.
#[test]
fn every_check_can_describe_its_evidence() {
    use vcio::standards::Check;
    fn walk(id: &str, c: &Check) {
        match c {
            Check::Share {
                select, failing, ..
            } => {
                assert!(select.label.is_some(), "{id}: share selector has no label");
                assert!(failing.is_some(), "{id}: share has no failing text");
            }
            Check::Ratio { num, unit, .. } => {
                assert!(
                    num.select.label.is_some(),
                    "{id}: ratio numerator has no label"
                );
                assert!(unit.is_some(), "{id}: ratio has no unit");
            }
            Check::Exists { select, .. } => {
                assert!(select.label.is_some(), "{id}: exists selector has no label")
            }
            Check::Answer { .. } => {}
            Check::All(cs) | Check::Any(cs) => cs.iter().for_each(|c| walk(id, c)),
            Check::Not(c) => walk(id, c),
        }
    }
    for s in Library::builtin().standards {
        walk(&s.id, &s.check);
    }
}

/// `vcio standards lint standards/` on the shipped folder reports nothing (the README and any
/// other non-RON file is ignored).
#[test]
fn shipped_folder_lints_clean_as_a_directory() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards");
    let diags = vcio::standards::lint_dir(&dir);
    assert!(
        diags.is_empty(),
        "{}",
        diags
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        std::fs::read_dir(&dir)
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ron"))
            .count(),
        BUILTIN_FILES.len() + 5,
        "a standards/*.ron file is not embedded in the binary (questions.ron, models.ron, \
         erate-program.ron, price-book.ron and frameworks.ron are the +5)"
    );
    assert!(
        !vcio::model::erate::ErateProgram::default()
            .c2_cycles
            .is_empty()
    );
    // The two tables beside the standards load as the importer reads them.
    assert!(!vcio::io::ModelRules::default().rules.is_empty());
    assert!(!vcio::io::PriceBook::default().prices.is_empty());
}

/// Every question the standards ask has question text a member of staff can answer, and
/// every entry of the questionnaire is asked by some standard.
#[test]
fn every_answer_key_has_a_plain_language_question() {
    let lib = vcio::standards::Library::builtin();
    let keys = lib.answer_keys();
    let missing: Vec<&String> = keys
        .keys()
        .filter(|k| !lib.questions.contains_key(*k))
        .collect();
    assert!(missing.is_empty(), "no question text for {missing:?}");
    let unused: Vec<&String> = lib
        .questions
        .keys()
        .filter(|k| !keys.contains_key(*k))
        .collect();
    assert!(unused.is_empty(), "questions no standard asks: {unused:?}");
    for (k, q) in &lib.questions {
        assert!(q.question.ends_with('?'), "{k}: {}", q.question);
        assert!(!q.help.is_empty(), "{k} has no help");
    }
}
