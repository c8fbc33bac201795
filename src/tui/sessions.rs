//! Sessions and scenarios in the workbench, when it holds a `Store` (it does not in tests that
//! pass none): switch to another session (palette: "session NAME"), fork the current one into
//! a named scenario (`F`, then type the name), and compare two sessions side by side (palette:
//! "compare with NAME"), rendered by the same code as `vcio session compare`.

use super::app::{App, Overlay};
use crate::derive::Engine;
use crate::store::Store;

/// The compare overlay's text and scroll position.
pub struct Compare {
    pub title: String,
    pub text: String,
    pub scroll: usize,
}

impl App {
    /// Gives the workbench the store its session came from (sessions, fork, compare).
    pub fn set_store(&mut self, store: Option<Store>) {
        self.store = store;
        self.refresh_sessions();
    }

    pub fn session_names(&self) -> &[String] {
        &self.sessions
    }
    pub fn session_name(&self) -> &str {
        self.ws.name()
    }
    pub fn compare(&self) -> Option<&Compare> {
        match &self.overlay {
            Overlay::Compare(c) => Some(c),
            _ => None,
        }
    }
    pub fn prompt_text(&self) -> &str {
        match &self.overlay {
            Overlay::Prompt(text) => text,
            _ => "",
        }
    }

    fn refresh_sessions(&mut self) {
        self.sessions = match &self.store {
            Some(s) => s
                .sessions()
                .map(|v| v.into_iter().map(|i| i.name).collect())
                .unwrap_or_default(),
            None => Vec::new(),
        };
    }

    /// Replaces the open session by `name`'s (the current one is already saved).
    pub(crate) fn switch_session(&mut self, name: &str) {
        let Some(store) = &self.store else {
            self.info("no store: sessions are not available here");
            return;
        };
        if name == self.ws.name() {
            self.info(&format!("already in session {name}"));
            return;
        }
        match store.open_session(name) {
            Ok(session) => {
                self.ws.switch(Box::new(session));
                self.rebuild_inventory();
                self.clamp_selections();
                self.info(&format!("switched to session {name}"));
            }
            Err(e) => self.error(&format!("cannot open session {name}: {e}")),
        }
    }

    /// `S`: the setup checklist, as a page like the comparison (j/k scroll, Esc closes).
    pub(crate) fn open_setup(&mut self) {
        let list = crate::setup::checklist(self.plan(), self.library(), self.derived());
        let width = usize::from(self.area.get().width.saturating_sub(4)).max(60);
        let title = format!("Setup checklist: {}% complete", list.complete_pct);
        let mut text = String::from(
            "Here: D district profile · Ctrl-p \"add school\" or \"add funding source\" · A (in Failing standards) the questionnaire · N (in Roadmap) a new initiative\n\n",
        );
        text.push_str(&crate::views::setup::table(&list, width));
        self.overlay = Overlay::Compare(Box::new(Compare {
            title,
            text,
            scroll: 0,
        }));
    }

    /// The E-Rate view (finder: "E-Rate"): rates, the C2 budget, each line's funding year and
    /// whether it can still be filed, and the filing calendar, as `vcio erate` prints them.
    pub(crate) fn open_erate(&mut self) {
        let width = usize::from(self.area.get().width.saturating_sub(4)).max(60);
        let text = crate::views::erate::table(self.plan(), self.derived(), width);
        self.overlay = Overlay::Compare(Box::new(Compare {
            title: format!("E-Rate as of {}", self.derived().horizon.as_of),
            text,
            scroll: 0,
        }));
    }

    /// A session with no inventory yet opens on the setup checklist: the first thing a new
    /// district needs is what to fill in, not a screen of unknowns.
    pub fn open_setup_if_new(&mut self) {
        if self.plan().items.is_empty() && self.setup_pct().is_some() {
            self.open_setup();
        }
    }

    /// The setup checklist's completeness, for the header (None once nothing is missing).
    pub fn setup_pct(&self) -> Option<u32> {
        crate::setup::progress(self.plan(), self.derived())
    }

    /// `F`: asks for the scenario's name.
    pub(crate) fn ask_fork(&mut self) {
        if self.store.is_none() {
            self.info("no store: forking needs the saved sessions");
            return;
        }
        self.overlay = Overlay::Prompt(String::new());
        self.info("fork into a scenario named (Enter forks and switches, Esc cancels):");
    }

    pub(crate) fn prompt_key(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        use ratatui::crossterm::event::KeyCode;
        let Overlay::Prompt(text) = &mut self.overlay else {
            return;
        };
        match key.code {
            KeyCode::Esc => {
                self.overlay = Overlay::None;
                self.info("fork cancelled");
            }
            KeyCode::Enter => {
                let name = text.trim().to_string();
                self.overlay = Overlay::None;
                self.fork_to(&name);
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char(c) if !c.is_control() => text.push(c),
            _ => {}
        }
    }

    /// Forks the current session into `name` and switches to it.
    pub(crate) fn fork_to(&mut self, name: &str) {
        let Some(store) = &self.store else { return };
        let from = self.ws.name().to_string();
        match store.fork(&from, name) {
            Ok(()) => {
                self.refresh_sessions();
                self.switch_session(name);
                self.info(&format!(
                    "forked {from} into scenario {name}; now editing {name}"
                ));
            }
            Err(e) => self.error(&format!("not forked: {e}")),
        }
    }

    /// Compares the current session (A) with `other` (B).
    pub(crate) fn open_compare(&mut self, other: &str) {
        let Some(store) = &self.store else {
            self.info("no store: nothing to compare with");
            return;
        };
        let current = self.ws.name().to_string();
        if other == current {
            self.info("that is the session open now: pick another to compare with");
            return;
        }
        // A is the session open here (its plan and derived state as shown); only B is opened.
        let b = match store.open_session(other) {
            Ok(b) => b,
            Err(e) => {
                self.error(&format!("cannot compare: {e}"));
                return;
            }
        };
        let eb = Engine::new(b.plan(), self.library().clone(), self.ws.as_of());
        let width = usize::from(self.area.get().width.saturating_sub(4)).max(60);
        let text = crate::views::compare::render(
            [
                (&current, self.ws.plan(), self.ws.derived()),
                (other, b.plan(), eb.derived()),
            ],
            width,
        );
        self.overlay = Overlay::Compare(Box::new(Compare {
            title: format!("{current} (A) vs {other} (B)"),
            text,
            scroll: 0,
        }));
    }

    pub(crate) fn compare_key(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        use ratatui::crossterm::event::KeyCode;
        let Overlay::Compare(c) = &mut self.overlay else {
            return;
        };
        let lines = c.text.lines().count();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => self.overlay = Overlay::None,
            KeyCode::Down | KeyCode::Char('j') => c.scroll = (c.scroll + 1).min(lines),
            KeyCode::Up | KeyCode::Char('k') => c.scroll = c.scroll.saturating_sub(1),
            KeyCode::PageDown => c.scroll = (c.scroll + 10).min(lines),
            KeyCode::PageUp => c.scroll = c.scroll.saturating_sub(10),
            _ => {}
        }
    }
}
