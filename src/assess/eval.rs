//! Evaluating compiled checks for one fiscal year from slot totals and answers, giving a
//! status, a score and a one-line evidence string a CIO can read aloud.

use super::compile::{CCheck, CExpect};
use super::ratio::{district_denominator, site_denominator};
use super::slots::SlotTotals;
use crate::model::{AnswerValue, District, FiscalYear};
use crate::standards::IfEmpty;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    /// Not enough information (missing answer, nothing recorded): never a silent pass.
    Unknown,
    /// Set aside by the district (does not apply, or a risk it accepts): never a pass either.
    #[serde(rename = "not_applicable")]
    NotApplicable,
}

impl Status {
    /// The name JSON uses ("pass", "fail", "unknown", "not_applicable").
    pub fn name(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
            Status::NotApplicable => "not_applicable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub status: Status,
    /// 0..1 where a share or ratio applies.
    pub score: Option<f64>,
    pub evidence: String,
    /// For an unknown outcome: the data that would settle it (the setup checklist ranks these).
    #[serde(skip)]
    pub need: Option<Need>,
}

/// The data an unknown outcome lacks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// A district or site count is 0: "students", "staff", "users", "classrooms", "sites".
    District(&'static str),
    /// A questionnaire answer.
    Answer(String),
    /// Facts missing on some inventory items ("purchase date" of "student devices").
    Facts { facts: String, label: String },
    /// No items of this description are recorded.
    Inventory(String),
}

impl Outcome {
    pub fn new(status: Status, score: Option<f64>, evidence: String) -> Outcome {
        Outcome {
            status,
            score,
            evidence,
            need: None,
        }
    }

    pub(super) fn unknown(evidence: String, need: Need) -> Outcome {
        Outcome {
            need: Some(need),
            ..Outcome::new(Status::Unknown, None, evidence)
        }
    }
}

/// What a check can see in one fiscal year.
pub struct YearView<'a> {
    pub year: usize,
    pub fy: FiscalYear,
    /// The date "as of" which this year is judged (now for the current year, else its end).
    pub ref_date: NaiveDate,
    pub is_current: bool,
    pub totals: &'a SlotTotals,
    pub district: &'a District,
    pub answer: &'a dyn Fn(&str) -> Option<&'a AnswerValue>,
    /// Answers vcio works out from the plan; they take the place of a typed answer.
    pub computed: &'a [ComputedAnswer],
}

/// An answer worked out from the plan instead of asked (the share of the C2 budget committed
/// or planned), with the sentence saying how, which becomes the evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputedAnswer {
    pub key: &'static str,
    pub value: AnswerValue,
    pub how: String,
}

impl YearView<'_> {
    pub(super) fn when(&self) -> String {
        if self.is_current {
            "now".into()
        } else {
            format!("by {}", self.fy)
        }
    }
}

/// Formats a count with thousands separators: 1850 -> "1,850"; keeps two decimals otherwise.
pub fn group(n: f64) -> String {
    if n.fract().abs() > 1e-9 {
        return format!("{n:.2}");
    }
    let digits = format!("{}", n.abs() as i64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0.0 { format!("-{out}") } else { out }
}

pub(super) fn pct(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).floor())
}

pub fn evaluate(check: &CCheck, v: &YearView) -> Outcome {
    match check {
        CCheck::Share {
            total,
            pass,
            unknown,
            facts,
            scope,
            at_least,
            if_empty,
            label,
            failing,
        } => {
            let t = v.totals.total(*total, v.year);
            let p = v.totals.total(*pass, v.year);
            let u = v.totals.total(*unknown, v.year);
            if t <= 0.0 {
                // "None" means none only where the district says that inventory is complete;
                // elsewhere it is most often not imported yet.
                let status = match if_empty {
                    _ if !complete(v.district, scope) => Status::Unknown,
                    IfEmpty::Unknown => Status::Unknown,
                    IfEmpty::Pass => Status::Pass,
                    IfEmpty::Fail => Status::Fail,
                };
                let evidence = format!("no {label} recorded");
                if status == Status::Unknown {
                    return Outcome::unknown(evidence, Need::Inventory(label.clone()));
                }
                return Outcome::new(status, None, evidence);
            }
            let share = p / t;
            let ok = share + 1e-9 >= *at_least;
            // Met even if every unknown item failed, failed even if every one passed, or else
            // decided by the facts nobody has recorded yet.
            let fails_anyway = (p + u) / t + 1e-9 < *at_least;
            if u > 0.0 && !ok && !fails_anyway {
                let evidence = if u >= t {
                    format!(
                        "{facts} unknown for all {} {label}: record the {facts} to settle it",
                        group(t)
                    )
                } else {
                    format!(
                        "{facts} unknown for {} of {} {label}; {} of the {} known meet it {} ({} needed): record the {facts} to settle it",
                        group(u),
                        group(t),
                        group(p),
                        group(t - u),
                        v.when(),
                        pct(*at_least)
                    )
                };
                let need = Need::Facts {
                    facts: facts.clone(),
                    label: label.clone(),
                };
                return Outcome::unknown(evidence, need);
            }
            // With unknown items a share of the whole would understate the known ones.
            let (meet, unknown_note) = if u > 0.0 {
                (
                    format!("{} of the {} known meet it", group(p), group(t - u)),
                    format!("; {facts} unknown for {}", group(u)),
                )
            } else {
                (format!("{} meet it", pct(share)), String::new())
            };
            let evidence = if ok {
                format!(
                    "{} of {} {label} meet it {} ({}){unknown_note}",
                    group(p),
                    group(t),
                    v.when(),
                    pct(share)
                )
            } else {
                format!(
                    "{} of {} {label} {failing} {} ({meet}, {} needed){unknown_note}",
                    group(t - p - u),
                    group(t),
                    v.when(),
                    pct(*at_least)
                )
            };
            Outcome::new(
                if ok { Status::Pass } else { Status::Fail },
                Some(share),
                evidence,
            )
        }
        CCheck::Ratio {
            num,
            per,
            at_least,
            at_most,
            per_site,
            unit,
            label,
            scope,
        } => {
            // Nothing of the numerator recorded where a minimum is asked: not imported yet,
            // unless the district says that inventory is complete.
            let nothing = if *per_site {
                (0..v.district.sites.len()).all(|si| v.totals.site(*num, si, v.year) <= 0.0)
                    && v.totals.total(*num, v.year) <= 0.0
            } else {
                v.totals.total(*num, v.year) <= 0.0
            };
            if at_least.is_some_and(|m| m > 0.0) && nothing && !complete(v.district, scope) {
                return Outcome::unknown(
                    format!(
                        "no {label} recorded: import them, or mark that part of the inventory complete if there are none"
                    ),
                    Need::Inventory(label.clone()),
                );
            }
            super::ratio::ratio(v, *num, per, *at_least, *at_most, *per_site, unit, label)
        }
        CCheck::Answer { key, expect } => answer(v, key, expect),
        CCheck::Exists {
            total,
            min,
            label,
            scope,
        } => {
            let t = v.totals.total(*total, v.year);
            if t <= 0.0 && !complete(v.district, scope) {
                // An empty inventory of this kind is most often one nobody imported yet.
                return Outcome::unknown(
                    format!(
                        "no {label} recorded: import them, or mark that part of the inventory complete if there are none"
                    ),
                    Need::Inventory(label.clone()),
                );
            }
            if t + 1e-9 >= *min {
                Outcome::new(
                    Status::Pass,
                    Some(1.0),
                    format!("{} {label} in the inventory", group(t)),
                )
            } else if t <= 0.0 {
                Outcome::new(
                    Status::Fail,
                    Some(0.0),
                    format!("no {label} in the inventory"),
                )
            } else {
                let score = Some(t / min);
                Outcome::new(
                    Status::Fail,
                    score,
                    format!("{} {label}, {} needed", group(t), group(*min)),
                )
            }
        }
        CCheck::All(cs) => combine(cs.iter().map(|c| evaluate(c, v)).collect(), true),
        CCheck::Any(cs) => combine(cs.iter().map(|c| evaluate(c, v)).collect(), false),
        CCheck::Not(c) => {
            let o = evaluate(c, v);
            let status = match o.status {
                Status::Pass => Status::Fail,
                Status::Fail => Status::Pass,
                s @ (Status::Unknown | Status::NotApplicable) => s,
            };
            Outcome {
                need: o.need,
                ..Outcome::new(
                    status,
                    o.score.map(|s| 1.0 - s),
                    format!("not: {}", o.evidence),
                )
            }
        }
    }
}

/// Whether the district marked the inventory a check reads as complete (a kind, its category,
/// or "all").
fn complete(d: &District, scope: &[String]) -> bool {
    d.inventory_complete.iter().any(|c| {
        let c = c.to_lowercase();
        c == "all" || scope.contains(&c)
    })
}

/// All (`all = true`) or Any of several outcomes; evidence comes from the deciding parts.
fn combine(outcomes: Vec<Outcome>, all: bool) -> Outcome {
    let decisive = if all { Status::Fail } else { Status::Pass };
    let status = if outcomes.iter().any(|o| o.status == decisive) {
        decisive
    } else if outcomes.iter().any(|o| o.status == Status::Unknown) {
        Status::Unknown
    } else if all {
        Status::Pass
    } else {
        Status::Fail
    };
    let evidence: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.status == status)
        .map(|o| o.evidence.as_str())
        .collect();
    let need = outcomes
        .iter()
        .filter(|o| o.status == status)
        .find_map(|o| o.need.clone());
    let scores: Vec<f64> = outcomes.iter().filter_map(|o| o.score).collect();
    let score = (!scores.is_empty()).then(|| {
        if all {
            scores.iter().sum::<f64>() / scores.len() as f64
        } else {
            scores.iter().cloned().fold(0.0, f64::max)
        }
    });
    Outcome {
        need: if status == Status::Unknown {
            need
        } else {
            None
        },
        ..Outcome::new(status, score, evidence.join("; "))
    }
}

fn answer(v: &YearView, key: &str, expect: &CExpect) -> Outcome {
    let computed = v.computed.iter().find(|c| c.key == key);
    let Some(a) = computed.map(|c| &c.value).or_else(|| (v.answer)(key)) else {
        return Outcome::unknown(
            format!("not answered ({key})"),
            Need::Answer(key.to_string()),
        );
    };
    let verdict = |ok: bool, text: String| {
        Outcome::new(
            if ok { Status::Pass } else { Status::Fail },
            Some(f64::from(u8::from(ok))),
            text,
        )
    };
    let said = |n: f64| match computed {
        Some(c) => c.how.clone(),
        None => format!("answered {}", group(n)),
    };
    let mismatch = || {
        Outcome::unknown(
            format!("answer {a} does not fit {key}"),
            Need::Answer(key.to_string()),
        )
    };
    match (expect, a) {
        (CExpect::Yes, AnswerValue::Yes) => verdict(true, "answered yes".into()),
        (CExpect::Yes, AnswerValue::No) => verdict(false, "answered no".into()),
        (CExpect::No, AnswerValue::No) => verdict(true, "answered no".into()),
        (CExpect::No, AnswerValue::Yes) => verdict(false, "answered yes".into()),
        (CExpect::AtLeast(t), AnswerValue::Number(n)) => verdict(
            *n + 1e-9 >= *t,
            format!("{}, need at least {}", said(*n), group(*t)),
        ),
        (CExpect::AtMost(t), AnswerValue::Number(n)) => verdict(
            *n <= *t + 1e-9,
            format!("{}, need at most {}", said(*n), group(*t)),
        ),
        (CExpect::WithinDays(days), AnswerValue::Date(d)) => {
            let age = (v.ref_date - *d).num_days();
            let when = if v.is_current {
                format!("{age} days ago")
            } else {
                format!("{age} days before {} ends", v.fy)
            };
            verdict(
                age as f64 <= *days,
                format!("last on {d}, {when} (limit {} days)", group(*days)),
            )
        }
        (CExpect::OneOf(options), AnswerValue::Text(t)) => {
            let ok = options.iter().any(|o| o.eq_ignore_ascii_case(t.trim()));
            verdict(
                ok,
                format!("answered {t:?}, expected one of {}", options.join("/")),
            )
        }
        _ => mismatch(),
    }
}

/// How many units a check is short by in a year: failing items of a share, missing units of a
/// ratio (summed over short sites) or of an existence check. 0 when nothing is short.
pub fn shortfall(check: &CCheck, totals: &SlotTotals, year: usize, d: &District) -> f64 {
    match check {
        CCheck::Share {
            total,
            pass,
            unknown,
            at_least,
            ..
        } => {
            let (t, p) = (totals.total(*total, year), totals.total(*pass, year));
            let u = totals.total(*unknown, year);
            // Only the units known to fail: unknown ones are not bought for on a guess.
            if t > 0.0 && p / t + 1e-9 < *at_least {
                (t - p - u).max(0.0)
            } else {
                0.0
            }
        }
        CCheck::Ratio {
            num,
            per,
            at_least: Some(min),
            per_site,
            ..
        } => {
            let short = |n: f64, den: f64| (min * den - n).max(0.0);
            if *per_site {
                d.sites
                    .iter()
                    .enumerate()
                    .map(|(si, s)| {
                        let den = site_denominator(per, s, totals, si, year);
                        short(totals.site(*num, si, year), den)
                    })
                    .sum()
            } else {
                let den = district_denominator(per, d, totals, year);
                short(totals.total(*num, year), den)
            }
        }
        CCheck::Exists { total, min, .. } => (min - totals.total(*total, year)).max(0.0),
        CCheck::All(cs) | CCheck::Any(cs) => cs
            .iter()
            .map(|c| shortfall(c, totals, year, d))
            .find(|u| *u > 0.0)
            .unwrap_or(0.0),
        _ => 0.0,
    }
}
