//! Which roadmap work plausibly makes a standard pass when no initiative names it in
//! `resolves`: an initiative whose effects touch what the standard's check reads (the same
//! inventory kinds or category, or the same questionnaire answers).
//!
//! This only names candidates for the report's "Fixed by" column; the assessment itself comes
//! from the engine's projection, never from here.

use crate::model::{Category, Effect, Initiative, Selector};
use crate::standards::{Check, Per, Standard};

/// What a check reads: selectors over the inventory and answer keys.
#[derive(Default)]
struct Reads<'a> {
    selectors: Vec<&'a Selector>,
    answers: Vec<&'a str>,
}

fn collect<'a>(check: &'a Check, reads: &mut Reads<'a>) {
    match check {
        Check::Share { select, .. } | Check::Exists { select, .. } => reads.selectors.push(select),
        Check::Ratio { num, per, .. } => {
            reads.selectors.push(&num.select);
            if let Per::Measure(m) = per {
                reads.selectors.push(&m.select);
            }
        }
        Check::Answer { key, .. } => reads.answers.push(key),
        Check::All(cs) | Check::Any(cs) => cs.iter().for_each(|c| collect(c, reads)),
        Check::Not(c) => collect(c, reads),
    }
}

fn overlaps(kinds: &[String], category: Option<Category>, sel: &Selector) -> bool {
    if !kinds.is_empty() && !sel.kinds.is_empty() {
        return kinds
            .iter()
            .any(|k| sel.kinds.iter().any(|s| s.eq_ignore_ascii_case(k)));
    }
    match (category, sel.category) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Whether any of the initiative's effects changes something the standard's check reads.
pub fn touches(ini: &Initiative, standard: &Standard) -> bool {
    let mut reads = Reads::default();
    collect(&standard.check, &mut reads);
    ini.effects.iter().any(|e| match e {
        Effect::SetAnswer { key, .. } | Effect::AnswerDated { key } => {
            reads.answers.iter().any(|a| a == key)
        }
        Effect::Refresh { select, .. } | Effect::Retire { select } => reads
            .selectors
            .iter()
            .any(|s| overlaps(&select.kinds, select.category, s)),
        Effect::AddItems(items) => items.iter().any(|it| {
            reads
                .selectors
                .iter()
                .any(|s| overlaps(std::slice::from_ref(&it.kind), Some(it.category), s))
        }),
    })
}
