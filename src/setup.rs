//! The setup checklist (`vcio setup`, the TUI's Setup view): what is missing for a
//! trustworthy assessment, ranked by how many standards each gap leaves unknown, each with the
//! command that fills it. Read from the unknown outcomes' needs (`assess::Need`), so the list
//! can never disagree with the assessment.

use crate::assess::{Need, Status};
use crate::derive::Derived;
use crate::model::Plan;
use crate::standards::Library;
use std::collections::BTreeMap;

/// One thing to fill in.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Gap {
    /// What is missing, in words ("students is 0", "purchase date unknown for ...").
    pub what: String,
    /// The standards it leaves unknown now.
    pub standards: Vec<String>,
    /// The command (or key) that fills it.
    pub command: String,
}

/// The checklist for a plan as it stands now.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Checklist {
    /// Standards that can be judged now, out of those that apply, as a whole percentage.
    pub complete_pct: u32,
    pub standards_total: usize,
    pub standards_unknown: usize,
    /// Most standards first.
    pub gaps: Vec<Gap>,
}

impl Checklist {
    pub fn done(&self) -> bool {
        self.gaps.is_empty()
    }
}

fn district_gap(field: &str) -> (String, String) {
    match field {
        "sites" => (
            "no schools recorded".into(),
            "vcio site add ID --name NAME --students N --classrooms N".into(),
        ),
        "classrooms" => (
            "no classroom counts recorded".into(),
            "vcio site set ID classrooms=N".into(),
        ),
        "users" => (
            "students and staff are 0".into(),
            "vcio district set students=N staff=N".into(),
        ),
        other => (
            format!("{other} is 0"),
            format!("vcio district set {other}=N"),
        ),
    }
}

/// Where a district finds a fact, as the import columns and template name it.
fn fact_source(facts: &str) -> String {
    if facts.contains("purchase date") {
        "import an export with purchase dates (Snipe-IT `Purchase Date`, the generic template's `acquired`) or set it per item in the Inventory form".into()
    } else if facts.contains("end-of-support") {
        "import an export with support dates (Snipe-IT `EOL`, Google Admin `Auto Update Expiration`, the generic template's `end of support`)".into()
    } else {
        let attr = facts.replace(' ', "_");
        format!(
            "add an `attr:{attr}` column to the generic template (`vcio import inventory --template`) and re-import, or set it per item"
        )
    }
}

/// How complete setup is, as `checklist` would say, without building the list: cheap enough
/// for every frame of the workbench's header. None when nothing is missing.
pub fn progress(plan: &Plan, derived: &Derived) -> Option<u32> {
    let now = derived.projected.first()?;
    let b = &plan.budget;
    let no_cap = b.annual_cap_cents.is_none()
        && b.caps_by_year.is_empty()
        && b.sources.iter().all(|s| s.annual_cap_cents.is_none());
    let d = &plan.district;
    let unnamed = d.name.trim().is_empty() || d.name == crate::model::District::default().name;
    if now.unknown == 0 && !no_cap && !unnamed {
        return None;
    }
    let applicable = now.outcomes.len() - now.not_applicable;
    let judged = applicable - now.unknown;
    Some((judged * 100).checked_div(applicable).unwrap_or(100) as u32)
}

pub fn checklist(plan: &Plan, library: &Library, derived: &Derived) -> Checklist {
    let Some(now) = derived.projected.first() else {
        return Checklist {
            complete_pct: 0,
            standards_total: 0,
            standards_unknown: 0,
            gaps: Vec::new(),
        };
    };
    let mut by_need: BTreeMap<Need, Vec<String>> = BTreeMap::new();
    for (s, o) in library.standards.iter().zip(&now.outcomes) {
        if o.status != Status::Unknown {
            continue;
        }
        let need = o.need.clone().unwrap_or(Need::Inventory("items".into()));
        by_need.entry(need).or_default().push(s.id.clone());
    }
    // Unanswered questions and unrecorded inventory are one gap each (one spreadsheet to
    // send, one export to import); district counts and item facts are one gap apiece.
    let mut gaps: Vec<Gap> = Vec::new();
    let mut questions: (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut absent: (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for (need, standards) in by_need {
        let (what, command) = match need {
            Need::District(field) => district_gap(field),
            Need::Facts { facts, label } => (
                format!("{facts} unknown for some {label}"),
                fact_source(&facts),
            ),
            Need::Answer(key) => {
                questions.0.push(key);
                questions.1.extend(standards);
                continue;
            }
            Need::Inventory(label) => {
                absent.0.push(label);
                absent.1.extend(standards);
                continue;
            }
        };
        gaps.push(Gap {
            what,
            standards,
            command,
        });
    }
    let union = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    if !questions.0.is_empty() {
        let n = questions.0.len();
        let first = library
            .questions
            .get(&questions.0[0])
            .map_or_else(|| questions.0[0].replace('_', " "), |q| q.question.clone());
        gaps.push(Gap {
            what: format!("{n} question(s) not answered (e.g. \"{first}\")"),
            standards: union(questions.1),
            command: "vcio answers export --out questions.csv, fill in the answer column, vcio answers import questions.csv (or vcio answers set KEY VALUE)".into(),
        });
    }
    if !absent.0.is_empty() {
        let shown: Vec<&str> = absent.0.iter().take(5).map(String::as_str).collect();
        let more = if absent.0.len() > 5 { ", ..." } else { "" };
        gaps.push(Gap {
            what: format!("nothing recorded for: {}{more}", shown.join(", ")),
            standards: union(absent.1),
            command: "vcio import inventory FILE (Snipe-IT, Google Admin or GAM exports, or the generic template); where there really are none: vcio district set inventory_complete=KIND,...".into(),
        });
    }
    gaps.sort_by(|a, b| {
        b.standards
            .len()
            .cmp(&a.standards.len())
            .then(a.what.cmp(&b.what))
    });
    let d = &plan.district;
    if d.name.trim().is_empty() || d.name == crate::model::District::default().name {
        gaps.push(Gap {
            what: "the district has no name".into(),
            standards: Vec::new(),
            command: "vcio district set name=\"...\"".into(),
        });
    }
    let b = &plan.budget;
    if b.annual_cap_cents.is_none()
        && b.caps_by_year.is_empty()
        && b.sources.iter().all(|s| s.annual_cap_cents.is_none())
    {
        gaps.push(Gap {
            what: "no budget cap: over-budget years cannot be flagged".into(),
            standards: Vec::new(),
            command: "vcio budget cap AMOUNT (or vcio funding set general annual_cap=AMOUNT)"
                .into(),
        });
    }
    let applicable = now.outcomes.len() - now.not_applicable;
    let judged = applicable - now.unknown;
    Checklist {
        complete_pct: (judged * 100).checked_div(applicable).unwrap_or(100) as u32,
        standards_total: applicable,
        standards_unknown: now.unknown,
        gaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::Engine;

    /// The header's cheap figure agrees with the full checklist: an empty district, and one
    /// with its name and a cap set (only unknown standards left).
    #[test]
    fn progress_agrees_with_the_checklist() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        let mut named = Plan::default();
        named.district.name = "Lakeside USD".into();
        named.budget.annual_cap_cents = Some(250_000_00);
        for plan in [Plan::default(), named] {
            let engine = Engine::new(&plan, Library::builtin(), as_of);
            let list = checklist(&plan, engine.library(), engine.derived());
            let quick = progress(&plan, engine.derived());
            assert_eq!(quick, (!list.done()).then_some(list.complete_pct));
        }
    }
}
