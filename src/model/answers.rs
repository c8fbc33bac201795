//! Answers to the assessment questionnaire: facts that are not inventory, such as "MFA enforced
//! for staff" or "date of the last backup restore test". A missing answer is unknown, never a pass.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AnswerValue {
    Yes,
    No,
    Number(f64),
    Date(NaiveDate),
    Text(String),
}

impl std::fmt::Display for AnswerValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerValue::Yes => f.write_str("yes"),
            AnswerValue::No => f.write_str("no"),
            AnswerValue::Number(n) => write!(f, "{n}"),
            AnswerValue::Date(d) => write!(f, "{d}"),
            AnswerValue::Text(t) => f.write_str(t),
        }
    }
}

impl std::str::FromStr for AnswerValue {
    type Err = String;
    /// yes/no/true/false, a number, a date (2026-03-01 or 3/1/2026), or text.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Ok(match t.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => AnswerValue::Yes,
            "no" | "n" | "false" => AnswerValue::No,
            _ => {
                if let Ok(n) = t.parse::<f64>() {
                    AnswerValue::Number(n)
                } else if let Some(d) = super::time::parse_date(t) {
                    AnswerValue::Date(d)
                } else if t.is_empty() {
                    return Err("an answer cannot be empty".into());
                } else {
                    AnswerValue::Text(t.to_string())
                }
            }
        })
    }
}

pub type Answers = BTreeMap<String, AnswerValue>;
