//! Standards as data: what a standard says, how it is checked, and how it is remediated.
//!
//! These types are the RON schema of `standards/*.ron`. A check is a small tree evaluated against
//! the district as it will be in a fiscal year (see `crate::assess`).

use crate::model::{ErateCategory, Num, Pred, Selector};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
    /// Weight used when ranking initiatives by value.
    pub fn weight(self) -> i64 {
        match self {
            Severity::Critical => 8,
            Severity::High => 4,
            Severity::Medium => 2,
            Severity::Low => 1,
        }
    }
}

/// An amount of inventory: the sum over selected rows of quantity (or quantity x a numeric
/// attribute such as `mbps`), optionally only rows meeting a predicate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub select: Selector,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pred: Option<Pred>,
    /// Weigh each unit by this numeric attribute (e.g. `mbps`); rows without it count 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
}

/// What a ratio is divided by.
#[allow(clippy::large_enum_variant)] // schema data, built once at load
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Per {
    Students,
    Staff,
    /// Students plus staff.
    Users,
    Classrooms,
    Sites,
    /// Another measure of the inventory (e.g. devices with the filter agent per devices).
    Measure(Measure),
}

/// What a questionnaire answer must be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Expect {
    Yes,
    No,
    AtLeast(Num),
    AtMost(Num),
    /// A date no more than N days before the reference date.
    WithinDays(Num),
    /// Text equal (case-insensitive) to one of these.
    OneOf(Vec<String>),
}

/// What an empty selection means for a share check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum IfEmpty {
    /// Nothing recorded: shown as unknown, never a silent pass.
    #[default]
    Unknown,
    /// Nothing to be wrong (e.g. no Windows 10 endpoints at all).
    Pass,
    Fail,
}

#[allow(clippy::large_enum_variant)] // schema data, built once at load
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Check {
    /// The share (by quantity) of selected items meeting `pred` is at least `at_least` (0..1).
    Share {
        select: Selector,
        pred: Pred,
        at_least: Num,
        #[serde(default)]
        if_empty: IfEmpty,
        /// How evidence describes failing items: "reach auto-update expiry".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        failing: Option<String>,
    },
    /// `num / per` is at least / at most a threshold; with `per_site`, in every site.
    Ratio {
        num: Measure,
        per: Per,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_least: Option<Num>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_most: Option<Num>,
        #[serde(default)]
        per_site: bool,
        /// Unit for evidence: "Mbps per student".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// A questionnaire answer compared to a value.
    Answer {
        key: String,
        expect: Expect,
    },
    /// At least `min` units (default 1) of the selection exist.
    Exists {
        select: Selector,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<Num>,
    },
    All(Vec<Check>),
    Any(Vec<Check>),
    Not(Box<Check>),
}

impl Check {
    /// The kind's name as the CLI and JSON report it.
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Share { .. } => "share",
            Check::Ratio { .. } => "ratio",
            Check::Answer { .. } => "answer",
            Check::Exists { .. } => "exists",
            Check::All(_) => "all",
            Check::Any(_) => "any",
            Check::Not(_) => "not",
        }
    }
    /// The answer keys the check reads.
    pub fn answer_keys(&self, out: &mut Vec<String>) {
        match self {
            Check::Answer { key, .. } => out.push(key.clone()),
            Check::All(cs) | Check::Any(cs) => cs.iter().for_each(|c| c.answer_keys(out)),
            Check::Not(c) => c.answer_keys(out),
            Check::Share { .. } | Check::Ratio { .. } | Check::Exists { .. } => {}
        }
    }
    /// Whether any part of the check reads inventory (rather than only answers).
    pub fn uses_inventory(&self) -> bool {
        match self {
            Check::Share { .. } | Check::Ratio { .. } | Check::Exists { .. } => true,
            Check::Answer { .. } => false,
            Check::All(cs) | Check::Any(cs) => cs.iter().any(Check::uses_inventory),
            Check::Not(c) => c.uses_inventory(),
        }
    }
}

/// How a remediation's cost is estimated from the district (amounts in cents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CostModel {
    Fixed(i64),
    /// Per unit of the failing inventory in the check (e.g. per Chromebook to replace).
    PerFailingUnit(i64),
    PerStudent(i64),
    PerStaff(i64),
    PerSite(i64),
    PerClassroom(i64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remediation {
    pub title: String,
    pub cost: CostModel,
    /// Recurring annual cost once complete (licences, subscriptions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurring: Option<CostModel>,
    /// Duration in quarters.
    pub duration: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erate: Option<ErateCategory>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    /// Stable id such as `NET-03`; a user file with the same id replaces the built-in one.
    pub id: String,
    pub title: String,
    /// Infrastructure, Security, Data & Privacy, Devices, Classroom, Operations, Governance (or
    /// an imported catalog's group).
    pub area: String,
    pub severity: Severity,
    /// The measurable statement, as a CIO would read it to a board.
    pub statement: String,
    pub check: Check,
    /// Thresholds a district may override (`plan.overrides["ID.name"]`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, f64>,
    /// Where each param's value comes from: a ref that states it ("CIS 5.3") or "default", a
    /// house default the district may change. `vcio standards lint` requires one per param.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, String>,
    /// What the standard cites, each resolving in the catalog (`standards/frameworks.ron`): a
    /// framework control ("CIS 4.1", "CSF PR.PS-02", "K12 SIX 3") or a document ("CIPA").
    #[serde(default)]
    pub refs: Vec<String>,
    /// A legal compliance date (ADA Title II): failing evidence says when the standard is
    /// required by, or since when, so each fiscal year's projection reads as the law does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    pub remediation: Remediation,
}

/// When a law requires a standard, by the jurisdiction's population (not enrolment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// (smallest population, compliance date), largest population first: the first row the
    /// district's jurisdiction reaches applies.
    pub by_population: Vec<(u64, chrono::NaiveDate)>,
    /// The ref that sets the dates.
    pub source: String,
}

impl Deadline {
    /// The date for a population; `None` when the population is not recorded.
    pub fn date_for(&self, population: Option<u64>) -> Option<chrono::NaiveDate> {
        let p = population?;
        self.by_population
            .iter()
            .find(|(min, _)| p >= *min)
            .map(|(_, d)| *d)
    }
}
