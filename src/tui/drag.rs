//! Dragging a roadmap bar: press on its body to move it, on either end to resize it. While the
//! button is held the candidate edit is applied to a scratch copy of the plan and a cloned
//! `Engine` (a `workspace::Preview`, never saved), so the bar, the budget strip and the header
//! preview the result; release commits one undoable edit through the workspace; Esc restores
//! the plan as it was.

use super::app::App;
use super::hit::Part;
use crate::edit::Edit;
use crate::model::{Plan, Quarter};
use crate::roadmap::cascade_move;
use crate::workspace::Preview;

/// Longest initiative a drag makes, in quarters (the model's rule).
const MAX_QUARTERS: i32 = crate::model::validate::MAX_QUARTERS as i32;

/// A drag in progress.
pub struct Drag {
    pub id: String,
    pub part: Part,
    /// The quarter pressed on; the pointer's quarter minus this is the drag's delta.
    pub anchor: i32,
    pub delta: i32,
    orig_start: Quarter,
    orig_duration: u8,
    /// The edit release would commit (None: nothing changes).
    pub candidate: Option<Edit>,
    pub scratch: Option<Box<Preview>>,
}

impl App {
    pub fn dragging(&self) -> Option<&Drag> {
        self.drag.as_ref()
    }

    /// Starts dragging the initiative at `index` from `quarter`.
    pub fn begin_drag(&mut self, index: usize, part: Part, quarter: i32) {
        let Some(ini) = self.ws.plan().initiatives.get(index) else {
            return;
        };
        self.drag = Some(Drag {
            id: ini.id.clone(),
            part,
            anchor: quarter,
            delta: 0,
            orig_start: ini.start,
            orig_duration: ini.duration_q(),
            candidate: None,
            scratch: None,
        });
        let id = ini.id.clone();
        self.sel.roadmap = index;
        self.choose();
        let what = match part {
            Part::Body => "move",
            Part::Start | Part::End => "resize",
        };
        let msg = format!("dragging {id} to {what}: release to commit, Esc to cancel");
        self.info(&msg);
    }

    /// The pointer is over `quarter` (extrapolated past the view's edges) and `beyond` quarters
    /// past the edge of the view (negative: left of it).
    pub fn drag_to(&mut self, quarter: i32, beyond: i32) {
        if self.drag.is_none() {
            return;
        }
        // Past the edge of the view: the year under the pointer becomes the chosen year, and
        // the timeline (1-year, or a full view narrower than the horizon) scrolls to show it.
        if beyond != 0 {
            let horizon = &self.derived_base().horizon;
            let fy = Quarter::from_index(quarter).fy;
            let last = horizon.years.len().saturating_sub(1);
            self.year = match horizon.years.iter().position(|y| *y == fy) {
                Some(i) => i,
                None if beyond < 0 => 0,
                None => last,
            };
        }
        let Some(d) = self.drag.as_mut() else { return };
        let delta = quarter - d.anchor;
        if delta == d.delta && (d.candidate.is_some() || delta == 0) {
            return;
        }
        d.delta = delta;
        let candidate = candidate(self.ws.plan(), d);
        let (id, msg) = (d.id.clone(), preview_message(d, &candidate));
        self.preview(candidate);
        match msg {
            Ok(m) => self.info(&format!("{id} {m}: release to commit, Esc to cancel")),
            Err(e) => self.error(&format!("{id}: {e}")),
        }
    }

    /// Shows `candidate` in the scratch preview instead of the previous one.
    fn preview(&mut self, candidate: Result<Option<Edit>, String>) {
        let ws = &self.ws;
        let Some(d) = self.drag.as_mut() else { return };
        let cand = candidate.ok().flatten();
        if cand.is_some() || d.scratch.is_some() {
            d.scratch
                .get_or_insert_with(|| Box::new(ws.preview()))
                .show(cand.as_ref());
        }
        d.candidate = cand;
    }

    /// Release: commits the candidate as one persisted, undoable edit.
    pub fn end_drag(&mut self) {
        let Some(d) = self.drag.take() else { return };
        match d.candidate {
            Some(edit) => {
                let what = edit.describe();
                if self.apply(edit) {
                    self.select_initiative(&d.id);
                    self.info(&format!("{what} (u to undo)"));
                }
            }
            None => self.info(&format!("{} unchanged", d.id)),
        }
    }

    /// Esc: drops the preview; the plan is as it was before the press.
    pub fn cancel_drag(&mut self) {
        if let Some(d) = self.drag.take() {
            self.select_initiative(&d.id);
            self.info(&format!("drag cancelled: {} unchanged", d.id));
        }
    }
}

/// The edit a drag of `d.delta` quarters asks for, against the plan before the drag.
fn candidate(plan: &Plan, d: &Drag) -> Result<Option<Edit>, String> {
    if d.delta == 0 {
        return Ok(None);
    }
    let dur = i32::from(d.orig_duration);
    match d.part {
        Part::Body => cascade_move(plan, &d.id, d.orig_start.plus(d.delta))
            .map(Some)
            .map_err(|e| e.to_string()),
        Part::End => {
            let want = (dur + d.delta).clamp(1, MAX_QUARTERS);
            Ok((want != dur).then(|| Edit::ResizeInitiative {
                id: d.id.clone(),
                duration: want as u8,
            }))
        }
        Part::Start => {
            // Keep the end where it is: the start moves and the duration absorbs it.
            let shift = d.delta.clamp(dur - MAX_QUARTERS, dur - 1);
            if shift == 0 {
                return Ok(None);
            }
            let Some(mut ini) = plan.initiative(&d.id).cloned() else {
                return Err("no longer in the plan".into());
            };
            ini.start = d.orig_start.plus(shift);
            ini.duration = (dur - shift) as u8;
            Ok(Some(Edit::PutInitiative(ini)))
        }
    }
}

fn resized(from: u8, to: u8, start: Option<crate::model::Quarter>) -> String {
    let change = i32::from(to) - i32::from(from);
    let starts = start.map(|s| format!(", from {s}")).unwrap_or_default();
    format!("{to} quarter(s) ({change:+}){starts}")
}

fn preview_message(d: &Drag, c: &Result<Option<Edit>, String>) -> Result<String, String> {
    match c {
        Err(e) => Err(e.clone()),
        Ok(None) => Ok("unchanged".into()),
        Ok(Some(edit)) => Ok(match (d.part, edit) {
            (Part::Body, _) => format!("would start {}", d.orig_start.plus(d.delta)),
            // Said as the bar's new length, so dragging the left edge back reads as growth.
            (_, Edit::ResizeInitiative { duration, .. }) => {
                resized(d.orig_duration, *duration, None)
            }
            (_, Edit::PutInitiative(ini)) => {
                resized(d.orig_duration, ini.duration, Some(ini.start))
            }
            _ => "unchanged".into(),
        }),
    }
}
