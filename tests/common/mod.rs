//! Shared fixtures for integration tests: a small library and district written in RON, so the
//! tests also exercise the file format users write.
#![allow(dead_code)]

use chrono::NaiveDate;
use vcio::model::*;
use vcio::standards::{Library, Standard};

pub const MINI_LIBRARY: &str = r#"[
  (
    id: "DEV-03", title: "Student devices within refresh cycle", area: "Devices", severity: High,
    statement: "Student devices are at most max_age_years old",
    check: Share(select: (kinds: ["chromebook"], tags: ["student"], label: Some("student Chromebooks")),
                 pred: AgeAtMost("max_age_years"), at_least: 1.0),
    params: {"max_age_years": 5.0},
    refs: ["CIS 1.1"],
    remediation: (title: "Refresh student Chromebooks", cost: PerFailingUnit(30000), duration: 2),
  ),
  (
    id: "NET-04", title: "One AP per classroom", area: "Infrastructure", severity: Medium,
    statement: "At least 1 AP per classroom in every school",
    check: Ratio(num: (select: (kinds: ["access-point"])), per: Classrooms, at_least: Some(1.0),
                 per_site: true, unit: Some("APs per classroom")),
    refs: ["CSF PR.IR-04"],
    remediation: (title: "Add access points", cost: PerFailingUnit(120000), duration: 2, erate: Some(C2)),
  ),
  (
    id: "SEC-01", title: "MFA for staff", area: "Security", severity: Critical,
    statement: "MFA enforced for all staff",
    check: Answer(key: "mfa_staff", expect: Yes),
    refs: ["CIS 6.3"],
    remediation: (title: "Enforce MFA", cost: Fixed(1500000), duration: 1),
  ),
  (
    id: "DAT-03", title: "Restore tested", area: "Data & Privacy", severity: High,
    statement: "A restore test in the last 365 days",
    check: Answer(key: "restore_test", expect: WithinDays(365)),
    refs: ["CSF PR.DS-11"],
    remediation: (title: "Restore test", cost: Fixed(500000), duration: 1),
  ),
]"#;

pub fn library() -> Library {
    let mut standards: Vec<Standard> = ron::from_str(MINI_LIBRARY).expect("mini library parses");
    standards.sort_by(|a, b| a.id.cmp(&b.id));
    Library {
        standards,
        questions: Default::default(),
    }
}

pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

pub fn chromebooks(id: &str, qty: u32, acquired: &str) -> Item {
    let mut it = Item::new(id, "Chromebook", Category::Device, "chromebook", qty);
    it.tags = vec!["student".into()];
    it.unit_cost_cents = 30_000;
    it.acquired = Some(acquired.parse().unwrap());
    it
}

/// Testville: 1,500 students and 120 staff in two schools (Elm ES with 20 classrooms, High
/// with 40), a 60% E-Rate discount.
pub fn district() -> District {
    District {
        name: "Testville".into(),
        students: 1500,
        staff: 120,
        sites: vec![
            Site {
                id: "es".into(),
                name: "Elm ES".into(),
                classrooms: 20,
                students: 500,
                staff: 40,
                ..Site::new("", "")
            },
            Site {
                id: "hs".into(),
                name: "High".into(),
                classrooms: 40,
                students: 1000,
                staff: 80,
                ..Site::new("", "")
            },
        ],
        erate_discount_pct: 60,
        ..District::default()
    }
}

/// Two schools; 1,000 Chromebooks bought 2022-08 (age 5 by FY2028's end) and 500 new ones.
pub fn plan() -> Plan {
    let district = district();
    let mut plan = Plan {
        district,
        ..Plan::default()
    };
    let mut ap_es = Item::new("AP-ES", "AP", Category::Network, "access-point", 20);
    ap_es.site = Some("es".into());
    let mut ap_hs = Item::new("AP-HS", "AP", Category::Network, "access-point", 30);
    ap_hs.site = Some("hs".into());
    plan.items = vec![
        chromebooks("CB-2022", 1000, "2022-08"),
        chromebooks("CB-2026", 500, "2026-08"),
        ap_es,
        ap_hs,
    ];
    plan.answers.insert(
        "restore_test".into(),
        AnswerValue::Date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
    );
    plan.normalize();
    plan
}

pub fn initiative(id: &str, start: &str, quarters: u8, cents: i64) -> Initiative {
    Initiative {
        duration: quarters,
        one_time_cents: cents,
        ..Initiative::new(id, &format!("Initiative {id}"), start.parse().unwrap())
    }
}

/// Runs the `vcio` binary on `dir` as of 2026-11-22, ignoring the caller's VCIO_* variables.
pub fn vcio(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vcio"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--as-of", "2026-11-22"])
        .args(args)
        .env_remove("VCIO_DATA_DIR")
        .env_remove("VCIO_AS_OF")
        .output()
        .expect("vcio runs")
}
