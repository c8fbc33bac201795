//! Selectors and item predicates: the vocabulary standards and initiative effects use to say
//! which inventory they mean ("student Chromebooks") and what those items must satisfy
//! ("at most 5 years old", "supported through the year").
//!
//! Thresholds are `Num`s: a literal or the name of a standard parameter that a district may
//! override. They are resolved once when a library is compiled, never per item.

use super::inventory::Category;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Which inventory rows a check or effect is about. Every field narrows the selection; an
/// empty selector selects everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    /// Any of these kinds (empty: any kind).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// All of these tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Only items also satisfying this (time-independent) predicate, e.g. an attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Pred>,
    /// How evidence names the selection: "student Chromebooks".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// A number in a check: a literal, or a parameter name looked up in the standard's `params`
/// (and the district's overrides). In RON: `5` or `"max_age_years"`.
#[derive(Debug, Clone, PartialEq)]
pub enum Num {
    Lit(f64),
    Param(String),
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Num::Lit(n) => s.serialize_f64(*n),
            Num::Param(p) => s.serialize_str(p),
        }
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Num;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a parameter name in quotes")
            }
            fn visit_f64<E>(self, v: f64) -> Result<Num, E> {
                Ok(Num::Lit(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Num, E> {
                Ok(Num::Lit(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Num, E> {
                Ok(Num::Lit(v as f64))
            }
            fn visit_str<E>(self, v: &str) -> Result<Num, E> {
                Ok(Num::Param(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A predicate on one inventory row, evaluated at a reference date (the fiscal year's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Pred {
    /// Age at the reference date is at most N years (an unknown purchase date is unknown).
    AgeAtMost(Num),
    /// Age is within the item's own expected life (`life_years`).
    WithinLife,
    /// Vendor support lasts at least N more months after the reference date (0: supported now).
    /// An item without an end-of-support date is unknown for this, never assumed supported.
    SupportedFor(Num),
    /// A numeric attribute is at least N.
    AttrAtLeast(String, Num),
    /// A numeric attribute is at most N.
    AttrAtMost(String, Num),
    /// An attribute equals this text (case-insensitive) or flag.
    AttrIs(String, String),
    /// A flag attribute is true.
    Flag(String),
    HasTag(String),
    IsKind(Vec<String>),
    /// The item is at this site (site id).
    AtSite(String),
    /// The item was acquired before this month (selects a purchase cohort).
    AcquiredBefore(super::time::YearMonth),
    All(Vec<Pred>),
    Any(Vec<Pred>),
    Not(Box<Pred>),
}

impl Pred {
    /// Whether the predicate depends on the reference date (age, support); effects that refresh
    /// items only change such predicates.
    pub fn is_time_dependent(&self) -> bool {
        match self {
            Pred::AgeAtMost(_) | Pred::WithinLife | Pred::SupportedFor(_) => true,
            Pred::All(ps) | Pred::Any(ps) => ps.iter().any(Pred::is_time_dependent),
            Pred::Not(p) => p.is_time_dependent(),
            _ => false,
        }
    }
}
