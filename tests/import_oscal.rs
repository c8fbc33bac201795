//! OSCAL catalog import against real NIST content: the SP 800-53 rev5 LOW baseline and the
//! OSCAL basic example catalog.

use std::collections::BTreeSet;
use vcio::io::import_oscal;
use vcio::standards::{Check, CostModel, Expect, Severity};

const SHARED_NIST: &str = "/work/shared/fixtures/oscal/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json";

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/oscal/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assert_low_baseline(file: &str, text: &str) {
    let standards = import_oscal(file, text).unwrap();
    assert_eq!(
        standards.len(),
        149,
        "controls + enhancements with a statement"
    );
    let areas: BTreeSet<&str> = standards.iter().map(|s| s.area.as_str()).collect();
    assert_eq!(areas.len(), 18, "one area per family: {areas:?}");
    assert!(
        areas.contains("Access Control") && areas.contains("Identification and Authentication")
    );

    let by_id = |id: &str| {
        standards
            .iter()
            .find(|s| s.id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let ac1 = by_id("AC-1");
    assert_eq!(ac1.title, "Policy and Procedures");
    assert_eq!(ac1.area, "Access Control");
    assert!(
        ac1.statement
            .starts_with("a. Develop, document, and disseminate to [assignment: "),
        "{}",
        ac1.statement
    );
    assert!(
        !ac1.statement.contains("{{"),
        "placeholders are substituted"
    );

    let ac2 = by_id("AC-2");
    assert!(
        ac2.statement.contains("b. Assign account managers;"),
        "{}",
        ac2.statement
    );
    assert!(
        ac2.statement
            .contains("d. Specify: 1. Authorized users of the system;")
    );
    assert_eq!(
        ac2.check,
        Check::Answer {
            key: "oscal.ac-2".into(),
            expect: Expect::Yes
        }
    );
    assert_eq!(ac2.severity, Severity::Medium);
    assert_eq!(ac2.refs[1], "ac-2");
    assert!(ac2.refs[0].starts_with("OSCAL NIST Special Publication 800-53"));

    let ia21 = by_id("IA-2(1)");
    assert_eq!(
        ia21.title,
        "Multi-factor Authentication to Privileged Accounts"
    );
    assert_eq!(ia21.area, "Identification and Authentication");
    assert_eq!(
        ia21.statement,
        "Implement multi-factor authentication for access to privileged accounts."
    );
    assert_eq!(
        ia21.remediation.title,
        "Implement IA-2(1) Multi-factor Authentication to Privileged Accounts"
    );
    assert!(matches!(ia21.remediation.cost, CostModel::Fixed(c) if c > 0));
    assert_eq!(ia21.remediation.duration, 2);

    let ids: BTreeSet<&str> = standards.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), standards.len(), "ids are unique");
}

#[test]
fn nist_low_baseline_trimmed_fixture_gives_149_standards_in_18_families() {
    let name = "NIST_SP-800-53_rev5_LOW-statements.json";
    assert_low_baseline(name, &fixture(name));
}

#[test]
fn nist_low_baseline_full_catalog_from_shared_fixtures() {
    let Ok(text) = std::fs::read_to_string(SHARED_NIST) else {
        println!(
            "skipped: {SHARED_NIST} is absent (the trimmed copy in tests/fixtures is tested instead)"
        );
        return;
    };
    assert_low_baseline("NIST_LOW.json", &text);
}

#[test]
fn basic_catalog_nested_groups_and_selection_params() {
    let standards = import_oscal("basic-catalog.json", &fixture("basic-catalog.json")).unwrap();
    let ids: Vec<&str> = standards.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["1.1.1", "1.1.2", "2.1.1", "2.1.2"]);
    let first = &standards[0];
    assert_eq!(
        first.area, "Internal Organization",
        "the innermost group names the area"
    );
    assert_eq!(
        first.title,
        "Information security roles and responsibilities"
    );
    assert!(
        first.statement.contains(
            "A value has been assigned to [selection (one or more): initiating a device lock after \
             [assignment: a duration] of inactivity; requiring the user"
        ),
        "{}",
        first.statement
    );
    assert_eq!(
        first.refs[0],
        "OSCAL Sample Security Catalog *for Demonstration* and Testing"
    );
}

#[test]
fn a_truncated_catalog_names_file_line_and_column() {
    let text = fixture("basic-catalog.json");
    let cut = &text[..text.len() / 2];
    let err = import_oscal("basic-catalog.json", cut)
        .unwrap_err()
        .to_string();
    let lines = cut.lines().count();
    assert!(
        err.starts_with(&format!("basic-catalog.json:{lines}:")),
        "{err}"
    );
    assert!(err.contains("EOF"), "{err}");
}
