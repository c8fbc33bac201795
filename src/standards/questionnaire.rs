//! The questionnaire the standards ask: every answer key an answer check reads (also inside
//! All/Any/Not), what it expects in words ("yes", "at least 90", "within 365 days"), which
//! standards it settles, and how a typed answer is read. The TUI form, `vcio answers` and the
//! answers CSV all use these, so an answer means the same wherever it is given.

use super::{Check, Expect, Library, Standard};
use crate::model::time::parse_date;
use crate::model::{AnswerValue, Num, Plan};
use chrono::NaiveDate;

/// One question: an answer key, what the first standard asking it expects, and who asks.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub key: String,
    pub expect: Expect,
    /// The expectation's number (threshold or days) with the district's overrides, if any.
    pub threshold: Option<f64>,
    /// Ids of the standards asking it, in library order.
    pub standards: Vec<String>,
}

/// Every `(key, expect)` in a check, depth first.
pub fn answer_checks<'a>(check: &'a Check, out: &mut Vec<(&'a str, &'a Expect)>) {
    match check {
        Check::Answer { key, expect } => out.push((key, expect)),
        Check::All(cs) | Check::Any(cs) => cs.iter().for_each(|c| answer_checks(c, out)),
        Check::Not(c) => answer_checks(c, out),
        Check::Share { .. } | Check::Ratio { .. } | Check::Exists { .. } => {}
    }
}

/// A threshold as the check will use it: the literal, or the parameter with the plan's override.
fn resolve(std: &Standard, plan: &Plan, n: &Num) -> Option<f64> {
    match n {
        Num::Lit(v) => Some(*v),
        Num::Param(p) => plan
            .overrides
            .get(&format!("{}.{p}", std.id))
            .or_else(|| std.params.get(p))
            .copied(),
    }
}

/// The questionnaire: every answer key in the library, in library order, each once.
pub fn questionnaire(library: &Library, plan: &Plan) -> Vec<Question> {
    let mut out: Vec<Question> = Vec::new();
    for std in &library.standards {
        let mut found = Vec::new();
        answer_checks(&std.check, &mut found);
        for (key, expect) in found {
            if let Some(q) = out.iter_mut().find(|q| q.key == key) {
                if !q.standards.contains(&std.id) {
                    q.standards.push(std.id.clone());
                }
                continue;
            }
            let threshold = match expect {
                Expect::AtLeast(n) | Expect::AtMost(n) | Expect::WithinDays(n) => {
                    resolve(std, plan, n)
                }
                Expect::Yes | Expect::No | Expect::OneOf(_) => None,
            };
            out.push(Question {
                key: key.to_string(),
                expect: expect.clone(),
                threshold,
                standards: vec![std.id.clone()],
            });
        }
    }
    out
}

/// What the question expects, read aloud: "yes", "at least 90", "within 365 days".
pub fn expectation(q: &Question) -> String {
    let n = |num: &Num| match (q.threshold, num) {
        (Some(v), _) => v.to_string(),
        (None, Num::Param(p)) => p.clone(),
        (None, Num::Lit(v)) => v.to_string(),
    };
    match &q.expect {
        Expect::Yes => "yes".into(),
        Expect::No => "no".into(),
        Expect::AtLeast(x) => format!("at least {}", n(x)),
        Expect::AtMost(x) => format!("at most {}", n(x)),
        Expect::WithinDays(x) => format!("within {} days", n(x)),
        Expect::OneOf(opts) => format!("one of: {}", opts.join(", ")),
    }
}

/// The text typed for a question into the answer it stands for ("" is no answer).
pub fn parse(q: &Question, text: &str, today: NaiveDate) -> Result<Option<AnswerValue>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let value = match &q.expect {
        Expect::Yes | Expect::No => match t.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => AnswerValue::Yes,
            "no" | "n" | "false" => AnswerValue::No,
            _ => return Err("yes or no".into()),
        },
        Expect::AtLeast(_) | Expect::AtMost(_) => match t.replace(',', "").parse::<f64>() {
            Ok(n) if n.is_finite() && n >= 0.0 => AnswerValue::Number(n),
            _ => return Err("a number, 0 or more".into()),
        },
        Expect::WithinDays(_) => match parse_date(t) {
            Some(d) if d > today => return Err(format!("after today ({today})")),
            Some(d) => AnswerValue::Date(d),
            None => return Err("a date like 2026-03-01 or 3/1/2026".into()),
        },
        Expect::OneOf(opts) => match opts.iter().find(|o| o.eq_ignore_ascii_case(t)) {
            Some(o) => AnswerValue::Text(o.clone()),
            None => return Err(format!("one of: {}", opts.join(", "))),
        },
    };
    Ok(Some(value))
}
