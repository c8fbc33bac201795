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
    /// E-Rate discount percentage (20..=90) from the NSLP discount matrix.
    #[serde(default)]
    pub erate_discount_pct: u8,
    /// Parts of the inventory the district has declared complete (categories such as
    /// "network", kinds such as "firewall", or "all"): only there does "none recorded" mean
    /// there are none. Elsewhere an empty part is unknown (not imported yet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inventory_complete: Vec<String>,
}

fn default_fiscal_start() -> u8 {
    7
}
fn default_horizon() -> u8 {
    5
}

impl District {
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
            inventory_complete: Vec::new(),
        }
    }
}
