//! Inventory items: what the district owns or subscribes to, as rows with a quantity.
//!
//! One row stands for many identical assets (e.g. 612 Chromebooks of one model bought in one
//! year at one school); `assets` keeps their tags or serials so a re-import updates rather than
//! duplicates.

use super::attrs::Attrs;
use super::time::YearMonth;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    Device,
    Network,
    Software,
    DataSystem,
    Security,
    Facility,
    Service,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Device,
        Category::Network,
        Category::Software,
        Category::DataSystem,
        Category::Security,
        Category::Facility,
        Category::Service,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Category::Device => "Device",
            Category::Network => "Network",
            Category::Software => "Software",
            Category::DataSystem => "DataSystem",
            Category::Security => "Security",
            Category::Facility => "Facility",
            Category::Service => "Service",
        }
    }
}

impl std::str::FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace([' ', '_', '-'], "");
        Category::ALL
            .into_iter()
            .find(|c| c.name().to_ascii_lowercase() == t)
            .ok_or_else(|| format!("unknown category {s:?} (expected one of Device, Network, Software, DataSystem, Security, Facility, Service)"))
    }
}

/// A free attribute value: a number (Mbps, ports), a flag (encrypted) or text (boot mode).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AttrValue {
    Flag(bool),
    Num(f64),
    Text(String),
}

impl AttrValue {
    pub fn as_num(&self) -> Option<f64> {
        match self {
            AttrValue::Num(n) => Some(*n),
            AttrValue::Flag(b) => Some(if *b { 1.0 } else { 0.0 }),
            AttrValue::Text(t) => t.trim().parse().ok(),
        }
    }
    /// A fact as people type it in a cell: yes/no (true/false) a flag, a number (thousands
    /// separators allowed) a number, anything else text.
    pub fn parse_cell(v: &str) -> AttrValue {
        let v = v.trim();
        match v.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" => AttrValue::Flag(true),
            "false" | "no" | "n" => AttrValue::Flag(false),
            _ => v
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map_or_else(|| AttrValue::Text(v.to_string()), AttrValue::Num),
        }
    }
    pub fn as_text(&self) -> String {
        match self {
            AttrValue::Num(n) => n.to_string(),
            AttrValue::Flag(b) => b.to_string(),
            AttrValue::Text(t) => t.clone(),
        }
    }
}

/// What happens when a contract (a recurring cost whose `end_of_support` is its end) ends.
/// The budget and the standards read the same choice, so they never disagree: a renewed
/// contract is paid every year and counts as covered; a sunset one is paid until its end and
/// counts as lapsed after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Renewal {
    #[default]
    Renew,
    Sunset,
}

/// E-Rate category of a line: C1 is connectivity to the school, C2 inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErateCategory {
    C1,
    C2,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub name: String,
    pub category: Category,
    /// Lower-case kind used by standards to select items: `chromebook`, `access-point`, `sis`...
    pub kind: String,
    /// Site id, or none for district-wide items (a core firewall, a licence).
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default = "one")]
    pub quantity: u32,
    #[serde(default)]
    pub unit_cost_cents: i64,
    #[serde(default)]
    pub acquired: Option<YearMonth>,
    #[serde(default)]
    pub life_years: Option<u8>,
    /// Last month the vendor supports it (auto-update expiry for Chromebooks).
    #[serde(default)]
    pub end_of_support: Option<YearMonth>,
    /// Recurring cost per unit per year (licence, subscription, circuit).
    #[serde(default)]
    pub annual_cost_cents: i64,
    /// Funding source id paying the recurring cost; the general fund when absent.
    #[serde(default)]
    pub funding: Option<String>,
    /// E-Rate category when the recurring cost is E-Rate eligible.
    #[serde(default)]
    pub erate: Option<ErateCategory>,
    /// For a contract: renewed each year (the default) or sunset at its end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
    #[serde(default)]
    pub vendor: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub attrs: Attrs,
    /// Asset tags or serials of the units this row stands for.
    #[serde(default)]
    pub assets: Vec<String>,
}

/// Attributes an import sets to say where a value came from. Standards never read them; the
/// inventory, its JSON and the detail pane show them.
pub mod marks {
    /// Flag: the unit cost is a price-book estimate.
    pub const COST_ESTIMATED: &str = "cost_estimated";
    /// Text: the price-book entry (source and date) the estimate came from.
    pub const COST_SOURCE: &str = "cost_source";
    /// Flag: `acquired` is the model's release year, not a purchase date.
    pub const ACQUIRED_INFERRED: &str = "acquired_inferred";
    /// Text: where the end-of-support date came from when the export had none.
    pub const SUPPORT_SOURCE: &str = "support_source";
    /// Text: the export format that created the item (`snipeit`, `google-admin`): only a later
    /// export of that format can say one of its assets is gone.
    pub const IMPORTED_FROM: &str = "imported_from";

    /// Every mark: kept by the item form, not offered as facts to edit.
    pub const ALL: [&str; 5] = [
        COST_ESTIMATED,
        COST_SOURCE,
        ACQUIRED_INFERRED,
        SUPPORT_SOURCE,
        IMPORTED_FROM,
    ];
}

/// A model mapped by hand: imports (and the items already imported) whose model contains
/// `model` get this category and kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelMapping {
    pub model: String,
    pub category: Category,
    pub kind: String,
}

/// Kinds whose vendor publishes an end-of-support date that matters (network gear, firewalls,
/// operating systems, Chromebooks' auto-update expiry): without one recorded, whether such an
/// item is supported is unknown. Any other kind without a date is taken as supported (most
/// subscriptions, cables and furniture never publish one).
pub const SUPPORT_DATE_KINDS: &[&str] = &[
    "chromebook",
    "access-point",
    "wireless-controller",
    "switch",
    "core-switch",
    "router",
    "firewall",
    "server",
    "nas",
];

/// Whether an item of `kind` must have an end-of-support date to be judged supported.
pub fn needs_support_date(kind: &str) -> bool {
    SUPPORT_DATE_KINDS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(kind))
}

fn one() -> u32 {
    1
}

impl Item {
    /// A minimal item; the rest are defaults. Handy in tests and generators.
    pub fn new(id: &str, name: &str, category: Category, kind: &str, quantity: u32) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            category,
            kind: kind.into(),
            site: None,
            quantity,
            unit_cost_cents: 0,
            acquired: None,
            life_years: None,
            end_of_support: None,
            annual_cost_cents: 0,
            funding: None,
            erate: None,
            renewal: None,
            vendor: None,
            tags: Vec::new(),
            attrs: Attrs::new(),
            assets: Vec::new(),
        }
    }
    /// The end month of the contract this item is, if it is one: a recurring cost on a kind
    /// whose `end_of_support` is a contract end (a licence or service, not hardware whose end
    /// of support is the maker's).
    pub fn contract_end(&self) -> Option<YearMonth> {
        if self.annual_cost_cents > 0 && !needs_support_date(&self.kind) {
            self.end_of_support
        } else {
            None
        }
    }
    /// Whether a contract renews at its end (so it stays covered while the budget pays it).
    pub fn renews(&self) -> bool {
        self.contract_end().is_some() && self.renewal.unwrap_or_default() == Renewal::Renew
    }
    /// Whether the unit cost is a price-book estimate rather than a recorded cost.
    pub fn cost_estimated(&self) -> bool {
        self.attrs.get(marks::COST_ESTIMATED) == Some(&AttrValue::Flag(true))
    }
    /// Whether `acquired` is inferred from the model's release year.
    pub fn acquired_inferred(&self) -> bool {
        self.attrs.get(marks::ACQUIRED_INFERRED) == Some(&AttrValue::Flag(true))
    }
    pub fn total_cost_cents(&self) -> i64 {
        self.unit_cost_cents
            .saturating_mul(i64::from(self.quantity))
    }
}
