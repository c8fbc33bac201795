//! Initiatives: the remediation work a CIO places on the roadmap, with its cost, timing,
//! funding and the effects it has on the district once complete.

use super::answers::AnswerValue;
use super::governance::{Checkin, InitiativeStatus, StatusChange};
use super::inventory::{ErateCategory, Item};
use super::select::Selector;
use super::time::Quarter;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SpendKind {
    #[default]
    Capital,
    Operating,
}

/// What completing an initiative changes, from the quarter after it ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Replace the matching inventory: its age restarts at completion and its support is
    /// extended by `support_years` (default: the item's expected life, else 5 years).
    Refresh {
        select: Selector,
        #[serde(default)]
        support_years: Option<u8>,
    },
    /// Set a questionnaire answer.
    SetAnswer { key: String, value: AnswerValue },
    /// Set a date answer to the completion date ("restore test done").
    AnswerDated { key: String },
    /// Add inventory (new circuits, new access points).
    AddItems(Vec<Item>),
    /// Take the matching inventory out of service (the old access points a replacement
    /// removes): from completion it no longer counts in any check.
    Retire { select: Selector },
}

/// Paying for an initiative by lease or lease-purchase: equal yearly payments over `years`
/// at `rate_bp` basis points a year (350 = 3.5%), the first in the initiative's start quarter,
/// instead of the one-time cost up front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lease {
    pub years: u8,
    pub rate_bp: u32,
}

impl Lease {
    /// The yearly payment on `principal` cents: principal x r(1+r)^n / ((1+r)^n - 1), rounded
    /// to the cent (at 0% the principal split evenly, the last payment taking the remainder).
    pub fn payment(&self, principal: i64) -> i64 {
        let n = i32::from(self.years.max(1));
        if self.rate_bp == 0 {
            return principal / i64::from(n);
        }
        let r = f64::from(self.rate_bp) / 10_000.0;
        let grow = (1.0 + r).powi(n);
        let payment = principal as f64 * r * grow / (grow - 1.0);
        // A principal within the money bounds keeps this far inside i64.
        payment.round() as i64
    }
}

/// One source's share of an initiative's cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingShare {
    pub source: String,
    pub pct: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub owner: String,
    pub start: Quarter,
    /// Length in quarters (at least 1).
    pub duration: u8,
    /// One-time cost, spread evenly over the initiative's quarters.
    #[serde(default)]
    pub one_time_cents: i64,
    /// Recurring annual cost from the quarter after completion, in the first year's prices.
    #[serde(default)]
    pub recurring_cents: i64,
    /// How much the recurring cost rises each year, percent (default: the budget's escalation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation_pct: Option<u8>,
    /// Funding source id.
    pub funding: String,
    /// Paid by lease or lease-purchase instead of up front.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease: Option<Lease>,
    /// Split funding: the sources paying the district's part, each a percentage (summing to
    /// 100), e.g. bond 60% and general fund 40%. Empty: `funding` pays it all. E-Rate's share
    /// comes off each part as usual.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding_shares: Vec<FundingShare>,
    #[serde(default)]
    pub spend: SpendKind,
    /// The price of one unit the work buys (a Chromebook, an access point), when it buys
    /// units: below the district's capitalisation threshold the purchase is operating spend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_cost_cents: Option<i64>,
    /// E-Rate category when the one-time and recurring costs are E-Rate eligible.
    #[serde(default)]
    pub erate: Option<ErateCategory>,
    /// The E-Rate-eligible share of the one-time cost, percent (default 100 with `erate`): a
    /// mixed quote is cost-allocated (warranties, management licences and gear at a district
    /// office are not eligible).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erate_one_time_pct: Option<u8>,
    /// The eligible share of the recurring cost, percent (default 100 with `erate`; a security
    /// subscription is 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erate_recurring_pct: Option<u8>,
    /// Why the shares are what they are.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub erate_note: String,
    /// Initiatives that must finish before this one starts.
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Standards this initiative resolves from the fiscal year it completes.
    #[serde(default)]
    pub resolves: Vec<String>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default)]
    pub notes: String,
    /// The cabinet member who owns the outcome (a person's name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sponsor: String,
    /// Who carries on if the owner cannot (a person's name).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub backup: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stakeholders: Vec<String>,
    #[serde(default)]
    pub status: InitiativeStatus,
    /// Status decisions, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_log: Vec<StatusChange>,
    /// When the board approved it, where it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board_approved: Option<chrono::NaiveDate>,
    /// Progress notes, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checkins: Vec<Checkin>,
}

impl Initiative {
    /// An initiative of one quarter from `start`, costing nothing, paid from the general fund,
    /// with no links; callers fill in the rest (`Initiative { duration: 4, ..Initiative::new(..) }`).
    pub fn new(id: &str, title: &str, start: Quarter) -> Initiative {
        Initiative {
            id: id.into(),
            title: title.into(),
            owner: String::new(),
            start,
            duration: 1,
            one_time_cents: 0,
            recurring_cents: 0,
            escalation_pct: None,
            funding: super::budget::GENERAL_FUND.into(),
            funding_shares: Vec::new(),
            lease: None,
            spend: SpendKind::default(),
            unit_cost_cents: None,
            erate: None,
            erate_one_time_pct: None,
            erate_recurring_pct: None,
            erate_note: String::new(),
            depends_on: Vec::new(),
            resolves: Vec::new(),
            effects: Vec::new(),
            notes: String::new(),
            sponsor: String::new(),
            backup: String::new(),
            stakeholders: Vec::new(),
            status: InitiativeStatus::default(),
            status_log: Vec::new(),
            board_approved: None,
            checkins: Vec::new(),
        }
    }

    /// The E-Rate-eligible share of its one-time or recurring cost, percent (0 without an
    /// E-Rate category; 100 unless set).
    pub fn eligible_pct(&self, recurring: bool) -> u8 {
        if self.erate.is_none() {
            return 0;
        }
        let set = if recurring {
            self.erate_recurring_pct
        } else {
            self.erate_one_time_pct
        };
        set.unwrap_or(100).min(100)
    }

    /// Who pays: (source id, percent) pairs summing to 100.
    pub fn payers(&self) -> Vec<(&str, u8)> {
        if self.funding_shares.is_empty() {
            vec![(self.funding.as_str(), 100)]
        } else {
            self.funding_shares
                .iter()
                .map(|s| (s.source.as_str(), s.pct))
                .collect()
        }
    }

    /// `cents` split over the payers by their shares; the last takes the remainder, so the
    /// parts always add up to the whole.
    pub fn split_by_payer(&self, cents: i64) -> Vec<(&str, i64)> {
        let payers = self.payers();
        let mut left = cents;
        let n = payers.len();
        payers
            .into_iter()
            .enumerate()
            .map(|(i, (src, pct))| {
                let part = if i + 1 == n {
                    left
                } else {
                    cents * i64::from(pct) / 100
                };
                left -= part;
                (src, part)
            })
            .collect()
    }

    pub fn duration_q(&self) -> u8 {
        self.duration.max(1)
    }
    /// The last quarter of work.
    pub fn end(&self) -> Quarter {
        self.start.plus(i32::from(self.duration_q()) - 1)
    }
}
