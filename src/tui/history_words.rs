//! What undo and redo say: both name the action itself ("undid: move INI-016 FY2027-Q4 ->
//! FY2028-Q1", "redid: move INI-016 FY2027-Q4 -> FY2028-Q1"), not the state an edit leaves.
//! The session hands back the edit it applied (for undo, the inverse), so the words are worked
//! out from it and the initiatives as they were just before.

use crate::edit::Edit;
use crate::model::Initiative;

/// Which way the history moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

/// The action undone or redone, given the edit the session applied and the initiatives before.
pub fn action_words(applied: &Edit, before: &[Initiative], dir: Direction, arrow: &str) -> String {
    let find = |id: &str| before.iter().find(|i| i.id == id);
    // (value the action started from, value it led to)
    let span = |then: String, now: String| match dir {
        Direction::Undo => (now, then),
        Direction::Redo => (then, now),
    };
    match applied {
        Edit::MoveInitiative { id, start } => {
            let (from, to) = span(
                find(id).map_or_else(|| "?".into(), |i| i.start.to_string()),
                start.to_string(),
            );
            format!("move {id} {from} {arrow} {to}")
        }
        Edit::ResizeInitiative { id, duration } => {
            let (from, to) = span(
                find(id).map_or_else(|| "?".into(), |i| format!("{}q", i.duration)),
                format!("{duration}q"),
            );
            format!("resize {id} {from} {arrow} {to}")
        }
        Edit::PutInitiative(ini) => match (find(&ini.id).is_some(), dir) {
            (true, _) => format!("edit {} ({})", ini.id, ini.title),
            (false, Direction::Undo) => format!("delete {} ({})", ini.id, ini.title),
            (false, Direction::Redo) => format!("add {} ({})", ini.id, ini.title),
        },
        Edit::RemoveInitiative(id) => {
            let title = find(id).map(|i| i.title.as_str()).unwrap_or("");
            match dir {
                Direction::Undo => format!("add {id} ({title})"),
                Direction::Redo => format!("delete {id} ({title})"),
            }
        }
        Edit::Batch(es) if es.len() == 1 => action_words(&es[0], before, dir, arrow),
        Edit::Batch(es) if es.iter().all(|e| matches!(e, Edit::MoveInitiative { .. })) => {
            let first = action_words(&es[0], before, dir, arrow);
            format!("{first} and {} more move(s)", es.len() - 1)
        }
        other => match dir {
            Direction::Redo => other.describe(),
            // The inverse names the state restored, so it is said as that.
            Direction::Undo => format!("a change (restored: {})", other.describe()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Quarter;

    #[test]
    fn undo_and_redo_name_the_same_action() {
        let q = |s: &str| s.parse::<Quarter>().expect("quarter");
        let ini = Initiative::new("INI-016", "Wi-Fi", q("FY2028-Q1"));
        // The move FY2027-Q4 -> FY2028-Q1 was made; undo applies the inverse (back to Q4).
        let undo = Edit::MoveInitiative {
            id: "INI-016".into(),
            start: q("FY2027-Q4"),
        };
        assert_eq!(
            action_words(&undo, std::slice::from_ref(&ini), Direction::Undo, "->"),
            "move INI-016 FY2027-Q4 -> FY2028-Q1"
        );
        let back = Initiative::new("INI-016", "Wi-Fi", q("FY2027-Q4"));
        let redo = Edit::MoveInitiative {
            id: "INI-016".into(),
            start: q("FY2028-Q1"),
        };
        assert_eq!(
            action_words(&redo, &[back], Direction::Redo, "->"),
            "move INI-016 FY2027-Q4 -> FY2028-Q1"
        );
        // Undoing a delete puts the initiative back: the action undone was the delete.
        let put = Edit::PutInitiative(ini.clone());
        assert_eq!(
            action_words(&put, &[], Direction::Undo, "->"),
            "delete INI-016 (Wi-Fi)"
        );
    }
}
