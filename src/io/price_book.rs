//! The price book: a unit cost to assume, with its source and date, when an export has none.
//!
//! `standards/price-book.ron` is embedded; `<data dir>/price-book.ron` is tried before it. An
//! item costed from here carries `cost_estimated` and `cost_source` attributes so the inventory,
//! the budget and the reports can say "estimate".

use super::ImportError;
use super::model_rules::{Needle, words};
use crate::model::YearMonth;
use serde::{Deserialize, Serialize};

const BUILTIN: &str = include_str!("../../standards/price-book.ron");

/// One price: for items of `kind` (and, with `contains`, only models containing those words).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Price {
    pub kind: String,
    #[serde(default)]
    pub contains: Option<String>,
    pub unit_cost_cents: i64,
    pub source: String,
    pub as_of: YearMonth,
}

impl Price {
    /// How the estimate is described next to the figure: "price book: SOURCE (as of YYYY-MM)".
    pub fn note(&self) -> String {
        format!("price book: {} (as of {})", self.source, self.as_of)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceBook {
    #[serde(default)]
    pub prices: Vec<Price>,
}

impl Default for PriceBook {
    fn default() -> Self {
        // The embedded book is checked by the test suite, so failing here is a build defect.
        crate::standards::load::ron_options()
            .from_str(BUILTIN)
            .expect("standards/price-book.ron is valid")
    }
}

impl PriceBook {
    /// A district's price book (RON) tried before the built-in one. Errors read
    /// `FILE:LINE:COL: message`; a negative or absurd price is refused by line too.
    pub fn from_ron(file_name: &str, text: &str) -> Result<PriceBook, ImportError> {
        let parse_err = |line: usize, column: usize, message: String| ImportError::Parse {
            file: file_name.into(),
            line,
            column,
            message,
        };
        let district: PriceBook = crate::standards::load::ron_options()
            .from_str(text)
            .map_err(|e| parse_err(e.span.start.line, e.span.start.col, e.code.to_string()))?;
        if let Some(p) = district
            .prices
            .iter()
            .find(|p| !(0..=crate::model::validate::MAX_CENTS).contains(&p.unit_cost_cents))
        {
            return Err(ImportError::Invalid {
                file: file_name.into(),
                message: format!(
                    "the price for {:?} is {} cents; a unit cost is 0 to {} cents",
                    p.kind,
                    p.unit_cost_cents,
                    crate::model::validate::MAX_CENTS
                ),
            });
        }
        let mut out = PriceBook::default();
        let mut prices = district.prices;
        prices.append(&mut out.prices);
        out.prices = prices;
        Ok(out)
    }

    /// The price for an item of `kind` described as `model` (manufacturer and model name):
    /// entries naming the model first, then the kind's.
    pub fn estimate(&self, kind: &str, model: &str) -> Option<&Price> {
        let hay = words(model);
        let of_kind = || {
            self.prices
                .iter()
                .filter(|p| p.kind.eq_ignore_ascii_case(kind))
        };
        of_kind()
            .find(|p| {
                p.contains
                    .as_deref()
                    .is_some_and(|c| Needle::new(c).found_in(&hay))
            })
            .or_else(|| of_kind().find(|p| p.contains.is_none()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_sourced_prices_and_a_district_book_comes_first() {
        let book = PriceBook::default();
        let cb = book.estimate("chromebook", "Dell Chromebook 3110").unwrap();
        assert_eq!(cb.unit_cost_cents, 30000);
        assert!(cb.note().starts_with("price book: "), "{}", cb.note());
        assert!(book.estimate("stapler", "Swingline").is_none());
        let district = PriceBook::from_ron(
            "price-book.ron",
            r#"(prices: [(kind: "chromebook", contains: "3110", unit_cost_cents: 26500,
                 source: "2026 state contract", as_of: "2026-05")])"#,
        )
        .unwrap();
        assert_eq!(
            district
                .estimate("chromebook", "Dell Chromebook 3110")
                .unwrap()
                .unit_cost_cents,
            26500
        );
        assert_eq!(
            district
                .estimate("chromebook", "HP Chromebook 11")
                .unwrap()
                .unit_cost_cents,
            30000
        );
        let bad = PriceBook::from_ron("p.ron", "(prices: [(kind: 1)])").unwrap_err();
        assert!(bad.to_string().starts_with("p.ron:1:"), "{bad}");
        let negative = PriceBook::from_ron(
            "p.ron",
            r#"(prices: [(kind: "x", unit_cost_cents: -5, source: "s", as_of: "2026-01")])"#,
        )
        .unwrap_err();
        assert!(negative.to_string().contains("0 to"), "{negative}");
    }
}
