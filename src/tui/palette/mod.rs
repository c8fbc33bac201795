//! The fuzzy palette (`/` where it is free, Ctrl-p everywhere): one list of inventory items,
//! standards, initiatives, sessions and commands, scored with `SkimMatcherV2` (smart case).
//!
//! This file holds the candidates (built once per opening), the palette's keys and where Enter
//! goes; `score` holds the scoring, which is fast at 100k items: a character-set prefilter
//! before the matcher, narrowing re-scores only the previous hits, and scoring runs as a job
//! in steps of at most one frame (the event loop keeps drawing and reading keys between
//! steps), so no keystroke waits for a full scan.

mod score;

pub use score::{Palette, STEP};

use super::action::{Action, Pane};
use super::app::{App, Overlay};
use super::keymap::{Key, Scope};
use super::view::InvRow;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where Enter on a candidate goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Index into the plan's items.
    Item(usize),
    /// Index into the library.
    Standard(usize),
    /// Index into the plan's initiatives.
    Initiative(usize),
    Session(String),
    /// Compare the current session with this one.
    Compare(String),
    Command(Action, Scope),
    /// Edit the school at this index of the district's sites (None: add one).
    Site(Option<usize>),
    /// Edit the funding source at this index (None: add one).
    Funding(Option<usize>),
    /// Import an inventory export.
    Import,
    /// The E-Rate view: rates, C2 budget, lines, filing calendar.
    Erate,
}

impl Target {
    /// A short tag shown before the candidate (so kinds read without colour).
    pub fn tag(&self) -> &'static str {
        match self {
            Target::Item(_) => "item",
            Target::Standard(_) => "std",
            Target::Initiative(_) => "ini",
            Target::Session(_) => "sess",
            Target::Compare(_) => "cmp",
            Target::Command(..) => "cmd",
            Target::Site(_) => "school",
            Target::Funding(_) => "funding",
            Target::Import | Target::Erate => "cmd",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub text: String,
    pub target: Target,
}

impl App {
    /// Every candidate, built once per opening.
    pub fn palette_candidates(&self) -> Vec<Candidate> {
        let plan = self.plan();
        let mut out = Vec::with_capacity(plan.items.len() + plan.initiatives.len() + 200);
        for (i, ini) in plan.initiatives.iter().enumerate() {
            out.push(Candidate {
                text: format!("{} {}", ini.id, ini.title),
                target: Target::Initiative(i),
            });
        }
        for (i, s) in self.library().standards.iter().enumerate() {
            out.push(Candidate {
                text: format!("{} {} ({})", s.id, s.title, s.area),
                target: Target::Standard(i),
            });
        }
        for (i, s) in plan.district.sites.iter().enumerate() {
            out.push(Candidate {
                text: format!("school {} {} {}", s.id, s.name, s.aliases.join(" ")),
                target: Target::Site(Some(i)),
            });
        }
        out.push(Candidate {
            text: "add school or building".into(),
            target: Target::Site(None),
        });
        for (i, s) in plan.budget.sources.iter().enumerate() {
            out.push(Candidate {
                text: format!("funding {} {}", s.id, s.name),
                target: Target::Funding(Some(i)),
            });
        }
        out.push(Candidate {
            text: "add funding source or grant".into(),
            target: Target::Funding(None),
        });
        out.push(Candidate {
            text: "import inventory from a CSV export (Google Admin, GAM, Snipe-IT, generic)"
                .into(),
            target: Target::Import,
        });
        out.push(Candidate {
            text: "E-Rate: discounts, C2 budget, lines by funding year, filing deadlines".into(),
            target: Target::Erate,
        });
        for s in &self.sessions {
            out.push(Candidate {
                text: format!("session {s}"),
                target: Target::Session(s.clone()),
            });
            if s != self.ws.name() {
                out.push(Candidate {
                    text: format!("compare with {s}"),
                    target: Target::Compare(s.clone()),
                });
            }
        }
        let mut seen: Vec<Action> = Vec::new();
        for b in &self.keymap().bindings {
            let palette_ok = !matches!(b.scope, Scope::Confirm | Scope::Help | Scope::Palette)
                && !matches!(
                    b.action,
                    Action::Confirm | Action::Cancel | Action::Palette | Action::Up | Action::Down
                );
            if palette_ok && !seen.contains(&b.action) {
                seen.push(b.action);
                let keys = self.keymap().keys_for(b.action, b.scope).join(" ");
                let place = match b.scope {
                    Scope::Pane(p) => format!(" in {}", p.name()),
                    _ => String::new(),
                };
                out.push(Candidate {
                    text: format!("{}{place} [{keys}]", b.action.describe()),
                    target: Target::Command(b.action, b.scope),
                });
            }
        }
        for (i, it) in plan.items.iter().enumerate() {
            let site = it.site.as_deref().unwrap_or("district");
            out.push(Candidate {
                text: format!("{} {} {} @{site}", it.id, it.name, it.kind),
                target: Target::Item(i),
            });
        }
        out
    }

    pub fn open_palette(&mut self) {
        self.overlay = Overlay::Palette(Box::new(Palette::new(self.palette_candidates())));
    }

    pub fn palette(&self) -> Option<&Palette> {
        match &self.overlay {
            Overlay::Palette(p) => Some(p),
            _ => None,
        }
    }

    fn palette_mut(&mut self) -> Option<&mut Palette> {
        match &mut self.overlay {
            Overlay::Palette(p) => Some(p),
            _ => None,
        }
    }

    /// Whether the palette is still scoring its query (the event loop then polls instead of
    /// blocking, and calls `do_pending_work` while no key is waiting).
    pub fn has_pending_work(&self) -> bool {
        self.palette().is_some_and(Palette::is_busy)
    }

    /// One step (at most about a frame) of the pending scoring.
    pub fn do_pending_work(&mut self) {
        if let Some(p) = self.palette_mut() {
            p.work(STEP);
        }
    }

    /// Finishes any pending scoring (tests, and anything that needs the complete results).
    pub fn settle(&mut self) {
        if let Some(p) = self.palette_mut() {
            p.finish();
        }
    }

    pub(crate) fn palette_key(&mut self, key: KeyEvent) {
        let action = self.keymap.lookup(&key, &[Scope::Palette]);
        let Overlay::Palette(p) = &mut self.overlay else {
            return;
        };
        let n = p.hits.len();
        match action {
            Some(Action::Cancel) => {
                self.overlay = Overlay::None;
            }
            Some(Action::Confirm) => {
                // The true best hit, not the best found so far.
                p.finish();
                let target = p.current().map(|c| c.target.clone());
                self.overlay = Overlay::None;
                if let Some(t) = target {
                    self.go_to(t);
                }
            }
            Some(Action::Quit) => self.quit = true,
            Some(Action::Up) => p.selected = p.selected.saturating_sub(1),
            Some(Action::Down) => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
            Some(Action::PageUp) => p.selected = p.selected.saturating_sub(10),
            Some(Action::PageDown) => p.selected = (p.selected + 10).min(n.saturating_sub(1)),
            _ => match key.code {
                KeyCode::Backspace => {
                    p.query.pop();
                    p.rescore();
                }
                // Ctrl-u clears the query, as in a shell.
                KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    p.query.clear();
                    p.rescore();
                }
                // Shift is part of the character; Ctrl and Alt chords are not text.
                KeyCode::Char(c) if !c.is_control() && Key::from_event(&key).mods.is_empty() => {
                    p.query.push(c);
                    p.rescore();
                }
                _ => {}
            },
        }
    }

    /// Enter on a candidate: show it where it lives, or run the command.
    fn go_to(&mut self, t: Target) {
        match t {
            Target::Initiative(i) => {
                self.focus = Pane::Roadmap;
                self.sel.roadmap = i.min(self.plan().initiatives.len().saturating_sub(1));
                self.choose();
            }
            Target::Standard(i) => {
                self.focus = Pane::Standards;
                let id = self.library().standards.get(i).map(|s| s.id.clone());
                match self.standard_rows().iter().position(|r| r.index == i) {
                    Some(row) => {
                        self.sel.standards = row;
                        self.choose();
                    }
                    None => self.info(&format!(
                        "{} is not failing in the fiscal year shown",
                        id.unwrap_or_default()
                    )),
                }
            }
            Target::Item(i) => {
                self.focus = Pane::Inventory;
                let find = |app: &App| {
                    app.inventory.item_rows.iter().position(
                        |r| matches!(app.inventory.rows.get(*r), Some(InvRow::Item(j)) if *j == i),
                    )
                };
                if find(self).is_none() && !self.filter.is_empty() {
                    self.filter.clear();
                    self.rebuild_inventory();
                }
                if let Some(row) = find(self) {
                    self.sel.inventory = row;
                    self.choose();
                }
            }
            Target::Session(name) => self.switch_session(&name),
            Target::Compare(name) => self.open_compare(&name),
            Target::Command(action, scope) => {
                if let Scope::Pane(p) = scope {
                    self.focus = p;
                }
                self.update(action);
            }
            Target::Site(i) => self.open_site_form(i),
            Target::Funding(i) => self.open_funding_form(i),
            Target::Import => self.open_import(),
            Target::Erate => self.open_erate(),
        }
    }
}
