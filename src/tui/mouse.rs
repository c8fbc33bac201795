//! Mouse: click to focus a pane and select the row (or fiscal year) under the pointer; press on
//! a roadmap bar and drag to move or resize it (see `drag`); the wheel moves the selection.
//! Hit-testing goes through `hit::hit` over the last frame's geometry.

use super::action::Pane;
use super::app::{App, Overlay};
use super::hit::{Hit, hit, inner};
use super::panes::{budget, roadmap};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

impl App {
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        self.mouse_event(ev);
        self.after_input();
    }

    fn mouse_event(&mut self, ev: MouseEvent) {
        if matches!(self.overlay, Overlay::Help(_)) {
            if matches!(ev.kind, MouseEventKind::Down(_)) {
                self.overlay = Overlay::None;
            }
            return;
        }
        if !self.is_plain() {
            return;
        }
        if matches!(ev.kind, MouseEventKind::Down(_)) {
            // A click abandons a key sequence begun on the keyboard.
            self.pending.clear();
        }
        let lf = self.last_frame();
        if self.drag.is_some() {
            match ev.kind {
                MouseEventKind::Drag(MouseButton::Left) => {
                    self.drag_to(lf.quarter_at(ev.column), lf.beyond_edge(ev.column));
                }
                MouseEventKind::Up(_) => self.end_drag(),
                // A second press without a release (the release was lost): commit first.
                MouseEventKind::Down(_) => self.end_drag(),
                _ => {}
            }
            return;
        }
        let pos = Position::new(ev.column, ev.row);
        let h = hit(&lf, ev.column, ev.row);
        let pane = match h {
            Hit::Bar { .. } => Pane::Roadmap,
            Hit::Pane(p) => p,
            Hit::None => return,
        };
        let areas = lf.areas;
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                self.status = None;
                self.focus = pane;
                match h {
                    Hit::Bar { ini, part, quarter } => self.begin_drag(ini, part, quarter),
                    _ => self.click(pane, inner(areas.pane(pane)), pos),
                }
            }
            MouseEventKind::ScrollUp => {
                self.focus = pane;
                self.update(super::action::Action::Up);
            }
            MouseEventKind::ScrollDown => {
                self.focus = pane;
                self.update(super::action::Action::Down);
            }
            _ => {}
        }
    }

    fn click(&mut self, pane: Pane, inner: Rect, pos: Position) {
        if !inner.contains(pos) {
            return;
        }
        let row = usize::from(pos.y - inner.y);
        match pane {
            Pane::Roadmap => {
                let hdr = usize::from(roadmap::header_rows(inner.height));
                if row >= hdr {
                    let i = self.scroll.roadmap.get() + row - hdr;
                    if i < self.plan().initiatives.len() {
                        self.sel.roadmap = i;
                        self.choose();
                    }
                }
            }
            Pane::Standards => {
                let i = self.scroll.standards.get()
                    + row / super::panes::standards::row_lines(inner.width);
                if i < self.standard_rows().len() {
                    self.sel.standards = i;
                    self.choose();
                }
            }
            Pane::Inventory => {
                let display = self.scroll.inventory.get() + row;
                if let Some(j) = self.inventory.item_rows.iter().position(|r| *r == display) {
                    self.sel.inventory = j;
                    self.choose();
                }
            }
            Pane::Budget => {
                let lw = roadmap::label_width(inner.width, self.derived().horizon.years.len());
                let shown = roadmap::year_window(self, inner.width);
                let cw = budget::column_width(
                    inner.width,
                    shown.len(),
                    self.derived().horizon.years.len(),
                )
                .max(1);
                if pos.x >= inner.x + lw {
                    let y = shown.start + usize::from(pos.x - inner.x - lw) / cw;
                    if shown.contains(&y) {
                        self.year = y;
                    }
                }
            }
        }
    }
}
