//! Baselines: the roadmap as it was at a named moment (what the board approved), and what has
//! changed since: initiatives moved, grown or shrunk (in time or money), added or dropped. The
//! "promised vs delivered" page.

use crate::model::{Baseline, BaselineEntry, Plan};
use chrono::NaiveDate;
use serde::Serialize;

/// The roadmap now, as a baseline named `name` taken on `date`.
pub fn snapshot(plan: &Plan, name: &str, date: NaiveDate) -> Baseline {
    Baseline {
        name: name.trim().to_string(),
        date,
        initiatives: plan
            .initiatives
            .iter()
            .filter(|i| i.status != crate::model::InitiativeStatus::Cancelled)
            .map(|i| BaselineEntry {
                id: i.id.clone(),
                title: i.title.clone(),
                start: i.start,
                duration: i.duration,
                one_time_cents: i.one_time_cents,
                recurring_cents: i.recurring_cents,
            })
            .collect(),
    }
}

/// One difference between a baseline and today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub id: String,
    pub title: String,
    /// "moved", "longer", "shorter", "costs more", "costs less", "added", "dropped",
    /// "cancelled".
    pub kind: &'static str,
    pub before: String,
    pub after: String,
    /// The session log entries since the baseline that name this initiative, oldest first
    /// ("2026-10-02 move INI-004 to FY2028-Q2"): who did it is the log's to say.
    pub by: Vec<String>,
}

/// One line of the session log as the diff reads it.
#[derive(Debug, Clone, Copy)]
pub struct LogLine<'a> {
    /// RFC 3339 time of the change.
    pub at: &'a str,
    /// "do", "undo" or "redo".
    pub action: &'a str,
    pub description: &'a str,
}

/// True when `text` names `id` as a whole word (INI-001 is not named by "INI-0010").
fn names(text: &str, id: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

/// Could the log entry `desc` have made a change of `kind` to initiative `id`? Check-ins and
/// charter changes ("INI-004: check-in ...", "INI-004: owner ...") touch neither dates nor
/// cost, only the status a cancellation records; people leaving change no initiative; a move
/// does not resize and a resize does not move.
fn could_make(kind: &str, id: &str, desc: &str) -> bool {
    if !names(desc, id) {
        return false;
    }
    let charter = desc.starts_with(&format!("{id}: "));
    let person = desc.contains(" left on ");
    match kind {
        "cancelled" => !person && (!charter || desc.contains("status")),
        _ if charter || person => false,
        "moved" => !desc.contains(&format!("resize {id}")),
        "longer" | "shorter" => !desc.contains(&format!("move {id}")),
        _ => true,
    }
}

/// Fills each change's `by` with the log entries that made it: those after the log says the
/// baseline was saved (or, when the log does not say, those dated on or after the baseline's
/// date) that name the change's initiative and could have made that kind of change.
pub fn attribute(changes: &mut [Change], b: &Baseline, log: &[LogLine]) {
    let saved = format!("baseline {} saved", b.name);
    let since = match log.iter().rposition(|l| l.description.starts_with(&saved)) {
        Some(i) => &log[i + 1..],
        None => {
            let date = b.date.to_string();
            let first = log
                .iter()
                .position(|l| l.at.get(..10).is_some_and(|d| d >= date.as_str()))
                .unwrap_or(log.len());
            &log[first..]
        }
    };
    for c in changes.iter_mut() {
        c.by = since
            .iter()
            .filter(|l| could_make(c.kind, &c.id, l.description))
            .map(|l| {
                let day = l.at.get(..10).unwrap_or(l.at);
                match l.action {
                    "do" => format!("{day} {}", l.description),
                    other => format!("{day} {other}: {}", l.description),
                }
            })
            .collect();
    }
}

/// What changed since `b`, initiative by initiative (in id order).
pub fn diff(plan: &Plan, b: &Baseline) -> Vec<Change> {
    let money = crate::budget::money;
    let mut out = Vec::new();
    let change = |e: &BaselineEntry, kind, before: String, after: String| Change {
        id: e.id.clone(),
        title: e.title.clone(),
        kind,
        before,
        after,
        by: Vec::new(),
    };
    for e in &b.initiatives {
        let Some(now) = plan.initiative(&e.id) else {
            out.push(change(
                e,
                "dropped",
                format!("{} {}q", e.start, e.duration),
                "-".into(),
            ));
            continue;
        };
        if now.status == crate::model::InitiativeStatus::Cancelled {
            out.push(change(
                e,
                "cancelled",
                e.start.to_string(),
                "cancelled".into(),
            ));
            continue;
        }
        if now.start != e.start {
            out.push(change(
                e,
                "moved",
                e.start.to_string(),
                now.start.to_string(),
            ));
        }
        if now.duration != e.duration {
            let kind = if now.duration > e.duration {
                "longer"
            } else {
                "shorter"
            };
            out.push(change(
                e,
                kind,
                format!("{}q", e.duration),
                format!("{}q", now.duration),
            ));
        }
        let (was, is) = (
            e.one_time_cents.saturating_add(e.recurring_cents),
            now.one_time_cents.saturating_add(now.recurring_cents),
        );
        if was != is {
            let kind = if is > was { "costs more" } else { "costs less" };
            out.push(change(e, kind, money(was), money(is)));
        }
    }
    for ini in &plan.initiatives {
        if !b.initiatives.iter().any(|e| e.id == ini.id) {
            out.push(Change {
                id: ini.id.clone(),
                title: ini.title.clone(),
                kind: "added",
                before: "-".into(),
                after: format!("{} {}q", ini.start, ini.duration),
                by: Vec::new(),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(at: &'a str, action: &'a str, description: &'a str) -> LogLine<'a> {
        LogLine {
            at,
            action,
            description,
        }
    }

    fn change(id: &str) -> Change {
        Change {
            id: id.into(),
            title: String::new(),
            kind: "moved",
            before: String::new(),
            after: String::new(),
            by: Vec::new(),
        }
    }

    fn baseline(name: &str, date: &str) -> Baseline {
        Baseline {
            name: name.into(),
            date: date.parse().expect("date"),
            initiatives: Vec::new(),
        }
    }

    #[test]
    fn ids_are_matched_as_whole_words() {
        assert!(names("move INI-001 to FY2028-Q1", "INI-001"));
        assert!(names("fix DAT-02 with INI-001.", "INI-001"));
        assert!(!names("move INI-0010 to FY2028-Q1", "INI-001"));
        assert!(!names("move XINI-001", "INI-001"));
    }

    #[test]
    fn only_entries_after_the_baseline_was_saved_are_attributed() {
        let log = [
            line(
                "2026-01-05T10:00:00+00:00",
                "do",
                "move INI-001 to FY2027-Q2",
            ),
            line(
                "2026-01-06T10:00:00+00:00",
                "do",
                "baseline board saved: 3 initiatives as of 2026-01-06",
            ),
            line(
                "2026-03-01T09:00:00+00:00",
                "do",
                "move INI-001 to FY2028-Q1",
            ),
            line(
                "2026-03-01T09:05:00+00:00",
                "undo",
                "move INI-002 to FY2028-Q3",
            ),
        ];
        let mut changes = [change("INI-001"), change("INI-002"), change("INI-003")];
        attribute(&mut changes, &baseline("board", "2026-01-06"), &log);
        assert_eq!(changes[0].by, ["2026-03-01 move INI-001 to FY2028-Q1"]);
        assert_eq!(
            changes[1].by,
            ["2026-03-01 undo: move INI-002 to FY2028-Q3"]
        );
        assert!(changes[2].by.is_empty());
    }

    #[test]
    fn check_ins_and_people_do_not_move_an_initiative() {
        let log = [
            line(
                "2026-10-15T10:00:00+00:00",
                "do",
                "INI-001: check-in 2026-10-15: 25% complete",
            ),
            line(
                "2026-11-30T10:00:00+00:00",
                "do",
                "Sam left on 2026-11-30; owner or sponsor of INI-001",
            ),
            line(
                "2026-11-30T11:00:00+00:00",
                "do",
                "resize INI-001 to 3 quarter(s)",
            ),
            line(
                "2026-11-30T12:00:00+00:00",
                "do",
                "move INI-001 to FY2027-Q3",
            ),
            line(
                "2026-12-01T12:00:00+00:00",
                "do",
                "INI-001: status in progress → cancelled",
            ),
        ];
        let mut changes = [change("INI-001")];
        attribute(&mut changes, &baseline("b", "2026-01-01"), &log);
        assert_eq!(changes[0].by, ["2026-11-30 move INI-001 to FY2027-Q3"]);
        changes[0].kind = "cancelled";
        attribute(&mut changes, &baseline("b", "2026-01-01"), &log);
        assert_eq!(changes[0].by.len(), 3, "{:?}", changes[0].by);
    }

    #[test]
    fn without_a_save_entry_the_baseline_date_bounds_the_log() {
        let log = [
            line(
                "2025-11-30T10:00:00+00:00",
                "do",
                "move INI-001 to FY2027-Q2",
            ),
            line(
                "2025-12-02T10:00:00+00:00",
                "do",
                "resize INI-001 to 4 quarters",
            ),
        ];
        let mut changes = [change("INI-001")];
        changes[0].kind = "longer";
        attribute(&mut changes, &baseline("imported", "2025-12-01"), &log);
        assert_eq!(changes[0].by, ["2025-12-02 resize INI-001 to 4 quarters"]);
    }
}
