//! Follow-through data: who is responsible (people, active or left), what each initiative's
//! status is and how it is going (check-ins with progress, the next step and actual spend), and
//! what the board approved (baselines: named snapshots of the roadmap).
//!
//! People and baselines are one record of the plan (`Plan::governance`, one edit
//! `Edit::SetGovernance`); status and check-ins live on the initiative they describe.

use super::time::Quarter;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Someone an initiative or a request points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// CIO, CFO, principal, teacher, network manager...
    #[serde(default)]
    pub role: String,
    /// The day they left the district (resigned, retired, moved on); none while active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_on: Option<NaiveDate>,
}

impl Person {
    pub fn active(&self) -> bool {
        self.left_on.is_none()
    }
}

/// Where an initiative stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeStatus {
    #[default]
    Proposed,
    Approved,
    InProgress,
    OnHold,
    Done,
    Cancelled,
}

impl InitiativeStatus {
    pub const ALL: [InitiativeStatus; 6] = [
        InitiativeStatus::Proposed,
        InitiativeStatus::Approved,
        InitiativeStatus::InProgress,
        InitiativeStatus::OnHold,
        InitiativeStatus::Done,
        InitiativeStatus::Cancelled,
    ];
    pub fn name(self) -> &'static str {
        match self {
            InitiativeStatus::Proposed => "proposed",
            InitiativeStatus::Approved => "approved",
            InitiativeStatus::InProgress => "in_progress",
            InitiativeStatus::OnHold => "on_hold",
            InitiativeStatus::Done => "done",
            InitiativeStatus::Cancelled => "cancelled",
        }
    }
    /// Finished one way or the other: nothing more is expected of it.
    pub fn closed(self) -> bool {
        matches!(self, InitiativeStatus::Done | InitiativeStatus::Cancelled)
    }
}

impl std::str::FromStr for InitiativeStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        InitiativeStatus::ALL
            .into_iter()
            .find(|st| st.name() == norm)
            .ok_or_else(|| {
                format!(
                    "{s:?} is not a status (proposed, approved, in_progress, on_hold, done, cancelled)"
                )
            })
    }
}

/// A status decision: when, what, who decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub date: NaiveDate,
    pub status: InitiativeStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

/// Money actually spent on an initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spend {
    pub cents: i64,
    /// The funding source id that paid it.
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what: String,
}

/// A dated note on progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkin {
    pub date: NaiveDate,
    /// Percent complete, 0-100.
    pub percent: u8,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_step: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent: Option<Spend>,
}

/// One initiative as a baseline remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub id: String,
    pub title: String,
    pub start: Quarter,
    pub duration: u8,
    pub one_time_cents: i64,
    pub recurring_cents: i64,
}

/// A named snapshot of the roadmap (what the board approved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub name: String,
    pub date: NaiveDate,
    pub initiatives: Vec<BaselineEntry>,
}

/// People and baselines: one record of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub baselines: Vec<Baseline>,
}

impl Governance {
    /// A person by name, ignoring case.
    pub fn person(&self, name: &str) -> Option<&Person> {
        let name = name.trim();
        self.people
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
    pub fn baseline(&self, name: &str) -> Option<&Baseline> {
        self.baselines
            .iter()
            .find(|b| b.name.eq_ignore_ascii_case(name.trim()))
    }
}
