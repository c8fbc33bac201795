//! The district profile: who is served, where, and the settings that shape every calculation
//! (fiscal-year start, planning horizon, E-Rate discount).

use super::time::FiscalCalendar;
use serde::{Deserialize, Serialize};

/// A building: the unit for per-site checks such as access points per classroom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub classrooms: u32,
    #[serde(default)]
    pub students: u32,
    #[serde(default)]
    pub staff: u32,
    /// Names other systems use for this building ("Lincoln ES", "/Students/Lincoln"): imports
    /// match them to this site.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// A school (true) or a district office, bus garage or warehouse (false): only
    /// instructional sites get an E-Rate Category Two budget.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub instructional: bool,
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

impl Site {
    /// A site with only an id and a name (an instructional school with no counts yet).
    pub fn new(id: &str, name: &str) -> Site {
        Site {
            id: id.into(),
            name: name.into(),
            classrooms: 0,
            students: 0,
            staff: 0,
            aliases: Vec::new(),
            instructional: true,
        }
    }
}

/// How the district receives E-Rate support: SPI (the vendor bills only the district's share)
/// or BEAR (the district pays in full and is reimbursed later).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reimbursement {
    Spi,
    Bear,
}

/// The district's E-Rate inputs. Discounts come from the USAC matrix (lunch-program share and
/// urban/rural) unless set explicitly; Category Two never exceeds 85%.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErateSettings {
    /// Share of students eligible for the National School Lunch Program, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nslp_pct: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rural: Option<bool>,
    /// Explicit Category One discount (overrides the matrix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c1_pct: Option<u8>,
    /// Explicit Category Two discount (overrides the matrix; at most 85).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c2_pct: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reimbursement: Option<Reimbursement>,
    /// E-Rate funding years (named by their start year) with a Form 471 already filed: work
    /// in them is fundable although their window has closed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filed_years: Vec<i32>,
    /// Category Two funds already committed or pending in the current cycle (pre-discount),
    /// as USAC's C2 budget tool shows them.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub c2_committed_cents: i64,
    /// How the C2 budget is sized (default: the larger the rules allow).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c2_method: Option<super::erate::C2Method>,
}

fn is_zero(n: &i64) -> bool {
    *n == 0
}

/// The USAC discount matrix (E-Rate, FY2026): (C1, C2) percent by NSLP band and locale.
/// Source: USAC discount matrix, as summarised in ARCHITECTURE.md's E-Rate notes.
pub fn discount_matrix(nslp_pct: u8, rural: bool) -> (u8, u8) {
    let (urban, rur) = match nslp_pct {
        0 => ((20, 20), (25, 25)),
        1..=19 => ((40, 40), (50, 50)),
        20..=34 => ((50, 50), (60, 60)),
        35..=49 => ((60, 60), (70, 70)),
        50..=74 => ((80, 80), (80, 80)),
        _ => ((90, 85), (90, 85)),
    };
    if rural { rur } else { urban }
}

/// Why a standard is set aside for this district.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionKind {
    /// The standard does not apply (no elementary grades, no servers).
    NotApplicable,
    /// It applies, and the district accepts the risk for now.
    AcceptedRisk,
}

/// A standard set aside: shown as such, never as passing, with its reason and review date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    pub kind: ExemptionKind,
    pub reason: String,
    /// When the decision is to be reviewed; from then on it is flagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct District {
    pub name: String,
    pub students: u32,
    pub staff: u32,
    #[serde(default)]
    pub sites: Vec<Site>,
    /// Month the fiscal year starts in (1..=12); US schools mostly use July.
    #[serde(default = "default_fiscal_start")]
    pub fiscal_start_month: u8,
    /// Fiscal years planned, counting the current one (current FY + 4 by default).
    #[serde(default = "default_horizon")]
    pub horizon_years: u8,
    /// E-Rate discount percentage (20..=90) used for both categories when the district has not
    /// given its lunch-program share or explicit rates (`erate`); older plans carry only this.
    #[serde(default)]
    pub erate_discount_pct: u8,
    #[serde(default, skip_serializing_if = "is_default")]
    pub erate: ErateSettings,
    /// Two-letter state (selects state standard packs), e.g. "NY".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Population of the public entity the district belongs to (ADA Title II deadlines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction_population: Option<u64>,
    /// Parts of the inventory the district has declared complete (categories such as
    /// "network", kinds such as "firewall", or "all"): only there does "none recorded" mean
    /// there are none. Elsewhere an empty part is unknown (not imported yet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inventory_complete: Vec<String>,
    /// Standards set aside by the district, by id.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub exemptions: std::collections::BTreeMap<String, Exemption>,
    /// Models the district mapped by hand (`vcio inventory map-model`), tried before the model
    /// table by every import.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub model_map: Vec<super::inventory::ModelMapping>,
}

fn is_default(e: &ErateSettings) -> bool {
    *e == ErateSettings::default()
}

fn default_fiscal_start() -> u8 {
    7
}
fn default_horizon() -> u8 {
    5
}

impl District {
    /// Category One and Category Two discounts, percent: explicit rates, else the matrix from
    /// the lunch-program share (urban unless marked rural), else `erate_discount_pct`. Category
    /// Two is capped at 85%.
    pub fn erate_rates(&self) -> (u8, u8) {
        let from_matrix = self
            .erate
            .nslp_pct
            .map(|n| discount_matrix(n, self.erate.rural.unwrap_or(false)));
        let (c1, c2) = from_matrix.unwrap_or((self.erate_discount_pct, self.erate_discount_pct));
        let c1 = self.erate.c1_pct.unwrap_or(c1).min(90);
        let c2 = self.erate.c2_pct.unwrap_or(c2).min(85);
        (c1, c2)
    }
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }
    pub fn calendar(&self) -> FiscalCalendar {
        FiscalCalendar::new(self.fiscal_start_month)
    }
    pub fn classrooms(&self) -> u32 {
        self.sites.iter().map(|s| s.classrooms).sum()
    }
    pub fn users(&self) -> u32 {
        self.students + self.staff
    }
    pub fn horizon(&self) -> u8 {
        self.horizon_years.clamp(1, 10)
    }
}

impl Default for District {
    fn default() -> Self {
        Self {
            name: "New district".into(),
            students: 0,
            staff: 0,
            sites: Vec::new(),
            fiscal_start_month: default_fiscal_start(),
            horizon_years: default_horizon(),
            erate_discount_pct: 0,
            erate: ErateSettings::default(),
            state: None,
            jurisdiction_population: None,
            inventory_complete: Vec::new(),
            exemptions: Default::default(),
            model_map: Vec::new(),
        }
    }
}
