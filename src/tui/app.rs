//! The workbench state and its update function: keys become actions, actions become edits of
//! the plan (through `History::apply`, then `Engine::update`) or changes of view state.
//! Rendering (`draw`) only reads this state; the one exception is the scroll offsets, which the
//! renderer nudges (through `Cell`) to keep the selection on screen.

use super::TuiOptions;
use super::action::{Action, Pane};
use super::glyphs::Glyphs;
use super::keymap::{Keymap, Scope};
use super::theme::{self, Theme};
use super::view::{self, InventoryView, SortKey, StdRow};
use crate::derive::{Derived, Engine};
use crate::history::History;
use crate::model::{Initiative, Plan};
use crate::standards::Library;
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use std::cell::Cell;

/// How much of the horizon the Roadmap shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeline {
    /// The chosen fiscal year, with finer columns.
    Year,
    /// Every year of the horizon, one column per quarter.
    Full,
}

/// What keys currently mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// A yes/no question is asked before an edit.
    Confirm(Pending),
    Help,
    /// Typing an inventory filter.
    Filter,
    /// The fuzzy palette is open.
    Palette,
    /// An edit form is open.
    Form,
    /// Typing a scenario name to fork into.
    Prompt,
    /// Two sessions compared side by side.
    Compare,
}

/// An edit waiting for confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    DeleteInitiative(String),
    DeleteItem(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// Selections per pane (indexes into what the pane shows).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub roadmap: usize,
    pub standards: usize,
    pub inventory: usize,
}

/// First visible row per pane, adjusted while drawing.
#[derive(Debug, Default)]
pub struct Scroll {
    pub roadmap: Cell<usize>,
    pub standards: Cell<usize>,
    pub inventory: Cell<usize>,
}

pub struct App {
    pub(crate) history: Box<dyn History>,
    pub(crate) engine: Engine,
    pub(crate) keymap: Keymap,
    pub(crate) themes: Vec<Theme>,
    pub(crate) theme: usize,
    pub(crate) glyphs: Glyphs,
    pub(crate) focus: Pane,
    pub(crate) zoomed: bool,
    pub(crate) timeline: Timeline,
    pub(crate) mode: Mode,
    /// Index of the chosen fiscal year in the horizon (Standards pane, 1-year roadmap, budget).
    pub(crate) year: usize,
    pub(crate) sel: Selection,
    pub(crate) scroll: Scroll,
    pub(crate) sort: SortKey,
    pub(crate) filter: String,
    pub(crate) inventory: InventoryView,
    pub(crate) status: Option<(StatusKind, String)>,
    pub(crate) quit: bool,
    /// The last frame's area, for mouse hit-testing.
    pub(crate) area: Cell<Rect>,
    /// A bar being dragged (with its scratch preview).
    pub(crate) drag: Option<super::drag::Drag>,
    /// Whether mouse reporting is wanted (`M` toggles it; the event loop follows).
    pub(crate) mouse: bool,
    /// The open fuzzy palette.
    pub(crate) palette: Option<super::palette::Palette>,
    /// The open edit form.
    pub(crate) form: Option<super::form::Form>,
    /// Where sessions live (None in tests and without a store).
    pub(crate) store: Option<crate::store::Store>,
    pub(crate) compare: Option<super::sessions::Compare>,
    /// Text typed at a prompt (the scenario name).
    pub(crate) prompt: String,
    /// Session names for the palette and the session switcher.
    pub(crate) sessions: Vec<String>,
}

impl App {
    /// Builds the workbench over a session. `NO_COLOR` (set and not empty) selects colourless
    /// themes.
    pub fn new(
        history: Box<dyn History>,
        library: Library,
        as_of: NaiveDate,
        opts: &TuiOptions,
    ) -> App {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        App::with_color(history, library, as_of, opts, !no_color)
    }

    /// Like `new`, with colour on or off explicitly (tests, benches).
    pub fn with_color(
        history: Box<dyn History>,
        library: Library,
        as_of: NaiveDate,
        opts: &TuiOptions,
        color: bool,
    ) -> App {
        let engine = Engine::new(history.plan(), library, as_of);
        let (mut themes, errors) = theme::load_all(&opts.data_dir);
        if !color {
            themes = themes.into_iter().map(Theme::without_color).collect();
        }
        let mut status = errors
            .first()
            .map(|e| (StatusKind::Error, format!("theme: {e} (using the default)")));
        let mut theme_index = 0;
        let wanted = opts
            .theme
            .clone()
            .or_else(|| (!color).then(|| "mono".into()));
        if let Some(name) = wanted {
            match themes.iter().position(|t| t.name == name) {
                Some(i) => theme_index = i,
                None if status.is_none() => {
                    status = Some((StatusKind::Error, format!("no theme named {name:?}")));
                }
                None => {}
            }
        }
        let (keymap, keymap_error) = super::keymap_file::load(&opts.data_dir);
        if let Some(e) = keymap_error {
            status = Some((StatusKind::Error, e));
        }
        let inventory = InventoryView::build(history.plan(), SortKey::Name, "");
        let year = 0;
        App {
            history,
            engine,
            keymap,
            themes,
            theme: theme_index,
            glyphs: Glyphs::new(opts.ascii),
            focus: Pane::Roadmap,
            zoomed: false,
            timeline: Timeline::Full,
            mode: Mode::Normal,
            year,
            sel: Selection::default(),
            scroll: Scroll::default(),
            sort: SortKey::Name,
            filter: String::new(),
            inventory,
            status,
            quit: false,
            area: Cell::new(Rect::default()),
            drag: None,
            mouse: opts.mouse,
            palette: None,
            form: None,
            store: None,
            compare: None,
            prompt: String::new(),
            sessions: Vec::new(),
        }
    }

    // ---- read access (tests, renderers) ----

    /// The plan as shown: during a drag, the scratch copy with the candidate edit applied.
    pub fn plan(&self) -> &Plan {
        match self.drag.as_ref().and_then(|d| d.scratch.as_ref()) {
            Some(s) => &s.plan,
            None => self.history.plan(),
        }
    }
    /// The derived state as shown (the drag preview's, during a drag).
    pub fn derived(&self) -> &Derived {
        match self.drag.as_ref().and_then(|d| d.scratch.as_ref()) {
            Some(s) => s.engine.derived(),
            None => self.engine.derived(),
        }
    }
    /// The derived state of the saved plan, ignoring any drag preview.
    pub fn derived_base(&self) -> &Derived {
        self.engine.derived()
    }
    /// Whether the session has an edit to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }
    /// Whether mouse reporting is wanted.
    pub fn mouse_enabled(&self) -> bool {
        self.mouse
    }
    pub fn library(&self) -> &Library {
        self.engine.library()
    }
    pub fn focus(&self) -> Pane {
        self.focus
    }
    pub fn mode(&self) -> &Mode {
        &self.mode
    }
    pub fn zoomed(&self) -> bool {
        self.zoomed
    }
    pub fn timeline(&self) -> Timeline {
        self.timeline
    }
    pub fn should_quit(&self) -> bool {
        self.quit
    }
    pub fn theme(&self) -> &Theme {
        self.themes.get(self.theme).unwrap_or(&self.themes[0])
    }
    pub fn glyphs(&self) -> &Glyphs {
        &self.glyphs
    }
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }
    pub fn selection(&self) -> Selection {
        self.sel
    }
    /// The status line text, if any.
    pub fn status(&self) -> Option<&str> {
        self.status.as_ref().map(|(_, s)| s.as_str())
    }
    pub fn status_is_error(&self) -> bool {
        matches!(self.status, Some((StatusKind::Error, _)))
    }
    /// The chosen fiscal year's index in the horizon.
    pub fn year_index(&self) -> usize {
        self.year
            .min(self.derived().horizon.years.len().saturating_sub(1))
    }
    pub fn selected_initiative(&self) -> Option<&Initiative> {
        self.plan().initiatives.get(self.sel.roadmap)
    }
    pub fn standard_rows(&self) -> Vec<StdRow> {
        view::standard_rows(self.library(), self.derived(), self.year_index())
    }
    pub fn inventory_view(&self) -> &InventoryView {
        &self.inventory
    }
    pub fn filter_text(&self) -> &str {
        &self.filter
    }
    pub fn sort_key(&self) -> SortKey {
        self.sort
    }

    /// The keymap scopes in force, most specific first.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.mode {
            Mode::Normal | Mode::Filter => vec![Scope::Pane(self.focus), Scope::Global],
            Mode::Confirm(_) => vec![Scope::Confirm],
            Mode::Help => vec![Scope::Help],
            Mode::Palette => vec![Scope::Palette],
            // The form shows its own keys.
            Mode::Form | Mode::Prompt | Mode::Compare => Vec::new(),
        }
    }

    // ---- input ----

    /// Handles one key press: filter typing, or the keymap's action.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // Esc quickly followed by a key arrives as one Alt-chord (over SSH, through tmux). No
        // Alt-letter is bound by default, so an unbound one is read as Esc, then the letter.
        if let KeyCode::Char(c) = key.code
            && key.modifiers.contains(KeyModifiers::ALT)
            && self.keymap.lookup(&key, &self.scopes()).is_none()
        {
            let mods = key.modifiers - KeyModifiers::ALT;
            self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            self.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
            return;
        }
        if self.drag.is_some() {
            // Mid-drag only Esc means something: cancel and restore.
            if key.code == KeyCode::Esc {
                self.cancel_drag();
            }
            return;
        }
        if self.mode == Mode::Filter {
            self.filter_key(key);
            return;
        }
        if self.mode == Mode::Palette {
            self.palette_key(key);
            return;
        }
        match self.mode {
            Mode::Form => return self.form_key(key),
            Mode::Prompt => return self.prompt_key(key),
            Mode::Compare => return self.compare_key(key),
            _ => {}
        }
        match self.keymap.lookup(&key, &self.scopes()) {
            Some(action) => self.update(action),
            None if self.mode == Mode::Normal => {
                let label = super::keymap::Key::from_event(&key).label();
                // Say where the key works, if it works somewhere else.
                let elsewhere = self.keymap.bindings.iter().find_map(|b| match b.scope {
                    Scope::Pane(p) if b.key == super::keymap::Key::from_event(&key) => {
                        Some((p, b.action))
                    }
                    _ => None,
                });
                let msg = match elsewhere {
                    Some((p, a)) => {
                        format!("{label} ({}) works in {} (Tab)", a.describe(), p.name())
                    }
                    None => format!("{label} does nothing in {} (? for keys)", self.focus.name()),
                };
                self.status = Some((StatusKind::Info, msg));
            }
            None => {}
        }
    }

    fn filter_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Enter => self.mode = Mode::Normal,
            KeyCode::Esc => {
                self.filter.clear();
                self.mode = Mode::Normal;
                self.rebuild_inventory();
            }
            KeyCode::Backspace => {
                self.filter.pop();
                self.rebuild_inventory();
            }
            KeyCode::Char(c) if !c.is_control() => {
                self.filter.push(c);
                self.rebuild_inventory();
            }
            _ => {}
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        // A message stays until the next action, so nothing has to time out (no timers).
        if !matches!(action, Action::Confirm | Action::Cancel) {
            self.status = None;
        }
        match (&self.mode, action) {
            (Mode::Confirm(p), Action::Confirm) => {
                let p = p.clone();
                self.mode = Mode::Normal;
                self.confirm(p);
            }
            (Mode::Confirm(_), Action::Cancel) => {
                self.mode = Mode::Normal;
                self.info("cancelled");
            }
            (Mode::Help, Action::Cancel | Action::Help) => self.mode = Mode::Normal,
            (_, Action::Quit) => self.quit = true,
            (Mode::Normal, a) => self.normal(a),
            _ => {}
        }
    }

    fn normal(&mut self, action: Action) {
        match action {
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-10),
            Action::PageDown => self.step(10),
            Action::Top => self.step(-(i32::MAX / 2)),
            Action::Bottom => self.step(i32::MAX / 2),
            Action::Left => self.set_year(self.year_index() as i32 - 1),
            Action::Right => self.set_year(self.year_index() as i32 + 1),
            Action::CycleYear => {
                let n = self.derived().horizon.years.len().max(1);
                self.year = (self.year_index() + 1) % n;
                let fy = self.derived().horizon.years.get(self.year).copied();
                if let Some(fy) = fy {
                    self.info(&format!("showing {fy}"));
                }
            }
            Action::MoveEarlier => self.move_selected(-1),
            Action::MoveLater => self.move_selected(1),
            Action::Shorten => self.resize_selected(-1),
            Action::Lengthen => self.resize_selected(1),
            Action::NewFromStandard => self.new_from_standard(),
            Action::Delete => self.ask_delete(),
            Action::AutoSchedule => self.auto_schedule(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::ToggleTimeline => {
                self.timeline = match self.timeline {
                    Timeline::Full => Timeline::Year,
                    Timeline::Year => Timeline::Full,
                }
            }
            Action::NextTheme => {
                self.theme = (self.theme + 1) % self.themes.len().max(1);
                let name = self.theme().name.clone();
                self.info(&format!("theme {name}"));
            }
            Action::Help => self.mode = Mode::Help,
            Action::Zoom => self.zoomed = !self.zoomed,
            Action::Sort => {
                self.sort = self.sort.next();
                self.rebuild_inventory();
                self.info(&format!("inventory sorted by {}", self.sort.name()));
            }
            Action::Filter => {
                self.focus = Pane::Inventory;
                self.mode = Mode::Filter;
            }
            Action::Cancel => self.zoomed = false,
            Action::Palette => self.open_palette(),
            Action::EditForm => self.open_form(),
            Action::Fork => self.ask_fork(),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.info(if self.mouse {
                    "mouse on: click, drag bars (M for the terminal's copy/paste)"
                } else {
                    "mouse off: the terminal's copy/paste works (M turns it back on)"
                });
            }
            Action::Confirm | Action::Quit => {}
        }
    }

    /// Moves the focused pane's selection by `delta` rows (clamped).
    fn step(&mut self, delta: i32) {
        let clamp = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as i64 + i64::from(delta)).clamp(0, len as i64 - 1) as usize
        };
        match self.focus {
            Pane::Roadmap => {
                self.sel.roadmap = clamp(self.sel.roadmap, self.plan().initiatives.len())
            }
            Pane::Standards => {
                self.sel.standards = clamp(self.sel.standards, self.standard_rows().len())
            }
            Pane::Inventory => {
                self.sel.inventory = clamp(self.sel.inventory, self.inventory.item_rows.len())
            }
            Pane::Budget => self.set_year(self.year_index() as i32 + delta.signum()),
        }
    }

    fn set_year(&mut self, y: i32) {
        let n = self.derived().horizon.years.len() as i32;
        self.year = y.clamp(0, (n - 1).max(0)) as usize;
    }

    pub(crate) fn info(&mut self, msg: &str) {
        self.status = Some((StatusKind::Info, msg.to_string()));
    }
    pub(crate) fn error(&mut self, msg: &str) {
        self.status = Some((StatusKind::Error, msg.to_string()));
    }

    pub(crate) fn rebuild_inventory(&mut self) {
        self.inventory = InventoryView::build(self.history.plan(), self.sort, &self.filter);
        let n = self.inventory.item_rows.len();
        self.sel.inventory = self.sel.inventory.min(n.saturating_sub(1));
    }

    /// Clamps every selection after the plan changed.
    pub(crate) fn clamp_selections(&mut self) {
        let n = self.plan().initiatives.len();
        self.sel.roadmap = self.sel.roadmap.min(n.saturating_sub(1));
        let s = self.standard_rows().len();
        self.sel.standards = self.sel.standards.min(s.saturating_sub(1));
        self.set_year(self.year as i32);
    }

    /// Selects an initiative in the Roadmap by id.
    pub(crate) fn select_initiative(&mut self, id: &str) {
        if let Ok(i) = self.plan().initiative_index(id) {
            self.sel.roadmap = i;
        }
    }
}
