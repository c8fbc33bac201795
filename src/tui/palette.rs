//! The fuzzy palette (`/` where it is free, Ctrl-p everywhere): one list of inventory items,
//! standards, initiatives, sessions and commands, scored with `SkimMatcherV2` (smart case).
//!
//! Fast at 100k items: candidate strings are built once when the palette opens; a query that
//! extends the previous one re-scores only the previous hits; a full scan is split across
//! threads; matched character indices (char positions, not bytes) are computed only for the
//! rows on screen.

use super::action::{Action, Pane};
use super::app::{App, Mode};
use super::keymap::{Key, Scope};
use super::view::InvRow;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

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
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub text: String,
    pub target: Target,
}

/// Candidates scanned per thread before a full scan is split.
const SPLIT_AT: usize = 20_000;

pub struct Palette {
    matcher: SkimMatcherV2,
    pub candidates: Vec<Candidate>,
    pub query: String,
    /// The query `hits` were scored for.
    scored: String,
    /// (score, candidate index), best first; every candidate when the query is empty.
    pub hits: Vec<(i64, usize)>,
    pub selected: usize,
}

impl Palette {
    pub fn new(candidates: Vec<Candidate>) -> Palette {
        let hits = (0..candidates.len()).map(|i| (0, i)).collect();
        Palette {
            matcher: SkimMatcherV2::default().smart_case(),
            candidates,
            query: String::new(),
            scored: String::new(),
            hits,
            selected: 0,
        }
    }

    /// Re-scores after the query changed: only the previous hits when it extends the old query.
    pub fn rescore(&mut self) {
        let q = self.query.as_str();
        if q.is_empty() {
            self.hits = (0..self.candidates.len()).map(|i| (0, i)).collect();
        } else if !self.scored.is_empty() && q.starts_with(self.scored.as_str()) {
            let prev: Vec<usize> = self.hits.iter().map(|(_, i)| *i).collect();
            self.hits = self.score(q, &prev);
        } else {
            let all: Vec<usize> = (0..self.candidates.len()).collect();
            self.hits = self.score(q, &all);
        }
        // Best first; ties keep the candidates' order (kind, then name).
        self.hits
            .sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        self.scored = self.query.clone();
        self.selected = 0;
    }

    /// Scores the candidates at `which` (a full scan or the previous hits), split across
    /// threads when there are many.
    fn score(&self, q: &str, which: &[usize]) -> Vec<(i64, usize)> {
        let run = |part: &[usize]| -> Vec<(i64, usize)> {
            part.iter()
                .filter_map(|&i| {
                    let c = self.candidates.get(i)?;
                    self.matcher.fuzzy_match(&c.text, q).map(|s| (s, i))
                })
                .collect()
        };
        let n = which.len();
        let threads = std::thread::available_parallelism()
            .map(|t| t.get())
            .unwrap_or(1)
            .min(n / SPLIT_AT)
            .max(1);
        if threads == 1 {
            return run(which);
        }
        std::thread::scope(|s| {
            let jobs: Vec<_> = which
                .chunks(n.div_ceil(threads))
                .map(|part| s.spawn(move || run(part)))
                .collect();
            jobs.into_iter()
                .flat_map(|j| j.join().unwrap_or_default())
                .collect()
        })
    }

    /// The candidate and its matched char indices for hit `k` (computed on demand, for the
    /// rows on screen only).
    pub fn row(&self, k: usize) -> Option<(&Candidate, Vec<usize>)> {
        let (_, i) = *self.hits.get(k)?;
        let c = self.candidates.get(i)?;
        let idx = if self.query.is_empty() {
            Vec::new()
        } else {
            self.matcher
                .fuzzy_indices(&c.text, &self.query)
                .map(|(_, v)| v)
                .unwrap_or_default()
        };
        Some((c, idx))
    }

    pub fn current(&self) -> Option<&Candidate> {
        self.hits
            .get(self.selected)
            .and_then(|(_, i)| self.candidates.get(*i))
    }
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
        for s in &self.sessions {
            out.push(Candidate {
                text: format!("session {s}"),
                target: Target::Session(s.clone()),
            });
            if s != self.history.name() {
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
        self.palette = Some(Palette::new(self.palette_candidates()));
        self.mode = Mode::Palette;
    }

    pub fn palette(&self) -> Option<&Palette> {
        self.palette.as_ref()
    }

    pub(crate) fn palette_key(&mut self, key: KeyEvent) {
        let Some(p) = self.palette.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        let n = p.hits.len();
        match self.keymap.lookup(&key, &[Scope::Palette]) {
            Some(Action::Cancel) => {
                self.palette = None;
                self.mode = Mode::Normal;
            }
            Some(Action::Confirm) => {
                let target = p.current().map(|c| c.target.clone());
                self.palette = None;
                self.mode = Mode::Normal;
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
            }
            Target::Standard(i) => {
                self.focus = Pane::Standards;
                let id = self.library().standards.get(i).map(|s| s.id.clone());
                match self.standard_rows().iter().position(|r| r.index == i) {
                    Some(row) => self.sel.standards = row,
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
        }
    }
}
