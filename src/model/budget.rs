//! Budget settings: where money comes from and the caps it must stay under.

use super::time::FiscalYear;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceKind {
    /// The district's own operating or capital funds.
    General,
    /// A grant with a total award, spendable in named fiscal years.
    Grant,
    /// E-Rate reimbursement: the discount share of eligible lines lands here automatically.
    Erate,
    /// A bond or other capital source.
    Bond,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    /// The most this source may pay in one fiscal year.
    #[serde(default)]
    pub annual_cap_cents: Option<i64>,
    /// Grants and bonds: the total award over all years.
    #[serde(default)]
    pub award_cents: Option<i64>,
    /// Grants: the fiscal years the award may be spent in (empty: any year).
    #[serde(default)]
    pub years: Vec<FiscalYear>,
    /// What the source may pay for: capital only (a bond), operating only, or either.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spend_only: Option<super::initiative::SpendKind>,
    /// At most this share of the award on capital purchases (devices, equipment), percent:
    /// Title IV-A's 15% limit on the technology share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_capital_pct: Option<u8>,
}

/// The E-Rate Category Two five-year budget: per student with a floor, pre-discount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct C2Cycle {
    pub first_fy: FiscalYear,
    pub last_fy: FiscalYear,
    pub per_student_cents: i64,
    pub floor_cents: i64,
}

impl Default for C2Cycle {
    /// FY2026-2030: $201.57 per student, floor $30,175 (FCC, 2025-06-04).
    fn default() -> Self {
        Self {
            first_fy: FiscalYear(2026),
            last_fy: FiscalYear(2030),
            per_student_cents: 20_157,
            floor_cents: 3_017_500,
        }
    }
}

impl C2Cycle {
    pub fn budget_cents(&self, students: u32) -> i64 {
        (self.per_student_cents * i64::from(students)).max(self.floor_cents)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetSettings {
    #[serde(default)]
    pub sources: Vec<FundingSource>,
    /// Overall technology budget cap per fiscal year.
    #[serde(default)]
    pub annual_cap_cents: Option<i64>,
    /// Per-year overrides of the overall cap.
    #[serde(default)]
    pub caps_by_year: BTreeMap<FiscalYear, i64>,
    /// Read from older sessions and no longer used: the cycle's figures are the E-Rate
    /// program's (`standards/erate-program.ron`).
    #[serde(default)]
    pub c2: C2Cycle,
    /// Yearly price escalation, percent (default 3): recurring costs rise by it each fiscal
    /// year after the first (an initiative may set its own), and what the district paid for an
    /// item is brought up by it to what replacing it costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation_pct: Option<u8>,
    /// The unit cost from which a purchase is capital (default $5,000); units bought below
    /// it are operating spend, whatever the initiative says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capitalisation_threshold_cents: Option<i64>,
}

/// The capitalisation threshold when a district sets none: $5,000 a unit, a common district
/// and state policy. Federal awards use $10,000 for equipment (2 CFR 200.1, as revised in
/// 2024); a district on that threshold sets it.
pub const DEFAULT_CAPITALISATION_CENTS: i64 = 5_000_00;

/// The escalation used when a district sets none: about US CPI.
pub const DEFAULT_ESCALATION_PCT: u8 = 3;

/// `cents` grown by `pct` a year for `years` years (integer cents, rounded down).
pub fn escalate(cents: i64, pct: u8, years: u32) -> i64 {
    let years = years.min(50);
    let num = i128::from(100 + u32::from(pct)).pow(years);
    let den = 100i128.pow(years);
    i64::try_from(i128::from(cents) * num / den).unwrap_or(i64::MAX)
}

pub const GENERAL_FUND: &str = "general";
pub const ERATE: &str = "erate";

impl Default for BudgetSettings {
    fn default() -> Self {
        Self {
            sources: vec![
                FundingSource {
                    id: GENERAL_FUND.into(),
                    name: "General Fund".into(),
                    kind: SourceKind::General,
                    annual_cap_cents: None,
                    award_cents: None,
                    years: Vec::new(),
                    spend_only: None,
                    max_capital_pct: None,
                },
                FundingSource {
                    id: ERATE.into(),
                    name: "E-Rate".into(),
                    kind: SourceKind::Erate,
                    annual_cap_cents: None,
                    award_cents: None,
                    years: Vec::new(),
                    spend_only: None,
                    max_capital_pct: None,
                },
            ],
            annual_cap_cents: None,
            caps_by_year: BTreeMap::new(),
            c2: C2Cycle::default(),
            escalation_pct: None,
            capitalisation_threshold_cents: None,
        }
    }
}

impl BudgetSettings {
    /// The yearly escalation in force, percent: the district's, else the default.
    pub fn escalation(&self) -> u8 {
        self.escalation_pct.unwrap_or(DEFAULT_ESCALATION_PCT)
    }
    /// The capitalisation threshold in force, cents a unit.
    pub fn capitalisation_threshold(&self) -> i64 {
        self.capitalisation_threshold_cents
            .unwrap_or(DEFAULT_CAPITALISATION_CENTS)
    }
    /// Whether an initiative's one-time cost is capital or operating: what it says, except
    /// that units bought below the capitalisation threshold are operating.
    pub fn spend_of(&self, ini: &super::Initiative) -> super::SpendKind {
        use super::SpendKind;
        match (ini.spend, ini.unit_cost_cents) {
            (SpendKind::Capital, Some(unit)) if unit < self.capitalisation_threshold() => {
                SpendKind::Operating
            }
            (spend, _) => spend,
        }
    }
    pub fn source(&self, id: &str) -> Option<&FundingSource> {
        self.sources.iter().find(|s| s.id == id)
    }
    pub fn cap_for(&self, fy: FiscalYear) -> Option<i64> {
        self.caps_by_year
            .get(&fy)
            .copied()
            .or(self.annual_cap_cents)
    }
    /// The id of the E-Rate source, if the district has one.
    pub fn erate_source(&self) -> Option<&FundingSource> {
        self.sources.iter().find(|s| s.kind == SourceKind::Erate)
    }
}
