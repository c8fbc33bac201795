//! The workbench state and its update function: keys become actions, actions become edits of
//! the plan (through the `Workspace`, which saves and recomputes) or changes of view state.
//! Rendering (`draw`) only reads this state; the one exception is the scroll offsets, which the
//! renderer nudges (through `Cell`) to keep the selection on screen.

use super::TuiOptions;
use super::action::Pane;
use super::glyphs::Glyphs;
use super::keymap::{Keymap, Scope};
use super::theme::{self, Theme};
use super::view::{self, InventoryView, SortKey, StdRow};
use crate::derive::Derived;
use crate::history::History;
use crate::model::{Initiative, Item, Plan};
use crate::standards::Library;
use crate::workspace::Workspace;
use chrono::NaiveDate;
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

/// What covers the panes and takes the keys, owning its state: one value, so "the palette is
/// open but there is no palette" cannot be represented.
pub enum Overlay {
    None,
    /// A yes/no question is asked before an edit.
    Confirm(Pending),
    /// The keys and the legend, scrolled by this many lines.
    Help(u16),
    /// Typing an inventory filter.
    Filter,
    Palette(Box<super::palette::Palette>),
    Form(Box<super::form::Form>),
    /// Typing a scenario name to fork into.
    Prompt(String),
    Compare(Box<super::sessions::Compare>),
    /// Importing an inventory export: path, location mapping, summary.
    Import(Box<super::import::ImportFlow>),
    /// The selected thing in full, scrolled by this many lines.
    Inspect(u16),
    /// Initiatives at risk (follow-through), scrolled by this many lines.
    Followup(u16),
    /// Framework scorecards, scrolled to a line.
    Frameworks(u16),
}

/// What keys currently mean: the overlay's kind, without its state (for tests and renderers).
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
    /// An inventory import is open.
    Import,
    /// Reading the selected thing in full.
    Inspect,
}

/// An edit waiting for confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    DeleteInitiative(String),
    DeleteItem(String),
    /// An initiative from a standard that is unknown (not failing) or already covered.
    NewFromStandard(String),
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
    /// First fiscal year (horizon index) the full timeline and the budget strip show, when
    /// the horizon is wider than the pane.
    pub years: Cell<usize>,
}

pub struct App {
    /// The session and its derived state: the one owner of every change.
    pub(crate) ws: Workspace,
    pub(crate) keymap: Keymap,
    pub(crate) themes: Vec<Theme>,
    pub(crate) theme: usize,
    pub(crate) glyphs: Glyphs,
    pub(crate) focus: Pane,
    pub(crate) zoomed: bool,
    /// Presenter mode: roadmap and budget only, the scenario and compliance emphasised.
    pub(crate) presenting: bool,
    /// Whether the roadmap shows the newest baseline's bars behind today's.
    pub(crate) ghosts: bool,
    /// The budget strip shows spend recorded in check-ins against the plan.
    pub(crate) actuals: bool,
    pub(crate) timeline: Timeline,
    pub(crate) overlay: Overlay,
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
    /// Where sessions live (None in tests and without a store).
    pub(crate) store: Option<crate::store::Store>,
    /// Session names for the palette and the session switcher.
    pub(crate) sessions: Vec<String>,
    /// What is selected, by id (`selection`).
    pub(crate) chosen: super::selection::Chosen,
    /// Keys of a sequence begun but not finished ("g" of "g d").
    pub(crate) pending: Vec<super::keymap::Key>,
    /// The data directory: the district's model table and price book for imports.
    pub(crate) data_dir: std::path::PathBuf,
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
        let ws = Workspace::new(history, library, as_of);
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
        let inventory = InventoryView::build(ws.plan(), SortKey::Name, "");
        let year = 0;
        App {
            ws,
            keymap,
            themes,
            theme: theme_index,
            glyphs: Glyphs::new(opts.ascii),
            focus: Pane::Roadmap,
            zoomed: false,
            presenting: false,
            ghosts: false,
            actuals: false,
            timeline: Timeline::Full,
            overlay: Overlay::None,
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
            store: None,
            sessions: Vec::new(),
            pending: Vec::new(),
            data_dir: opts.data_dir.clone(),
            chosen: Default::default(),
        }
    }

    // ---- read access (tests, renderers) ----

    /// The plan as shown: during a drag, the scratch copy with the candidate edit applied.
    pub fn plan(&self) -> &Plan {
        match self.drag.as_ref().and_then(|d| d.scratch.as_ref()) {
            Some(s) => &s.plan,
            None => self.ws.plan(),
        }
    }
    /// The derived state as shown (the drag preview's, during a drag).
    pub fn derived(&self) -> &Derived {
        match self.drag.as_ref().and_then(|d| d.scratch.as_ref()) {
            Some(s) => s.derived(),
            None => self.ws.derived(),
        }
    }
    /// The derived state of the saved plan, ignoring any drag preview.
    pub fn derived_base(&self) -> &Derived {
        self.ws.derived()
    }
    /// Whether the session has an edit to undo.
    pub fn can_undo(&self) -> bool {
        self.ws.can_undo()
    }
    /// Whether mouse reporting is wanted.
    pub fn mouse_enabled(&self) -> bool {
        self.mouse
    }
    pub fn library(&self) -> &Library {
        self.ws.library()
    }
    pub fn focus(&self) -> Pane {
        self.focus
    }
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Overlay::None => Mode::Normal,
            Overlay::Confirm(p) => Mode::Confirm(p.clone()),
            Overlay::Help(_) => Mode::Help,
            Overlay::Filter => Mode::Filter,
            Overlay::Palette(_) => Mode::Palette,
            Overlay::Form(_) => Mode::Form,
            Overlay::Prompt(_) => Mode::Prompt,
            Overlay::Compare(_) => Mode::Compare,
            Overlay::Import(_) => Mode::Import,
            Overlay::Inspect(_) | Overlay::Followup(_) | Overlay::Frameworks(_) => Mode::Inspect,
        }
    }
    /// Whether nothing covers the panes (keys go to the focused pane).
    pub fn is_plain(&self) -> bool {
        matches!(self.overlay, Overlay::None)
    }
    pub fn zoomed(&self) -> bool {
        self.zoomed
    }
    pub fn presenting(&self) -> bool {
        self.presenting
    }
    /// How the panes share the screen now.
    pub fn arrangement(&self) -> super::layout::Arrangement {
        use super::layout::Arrangement;
        if self.presenting {
            Arrangement::Present
        } else if self.zoomed {
            Arrangement::Zoom(self.focus)
        } else {
            Arrangement::All
        }
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
    /// Keys of an unfinished sequence.
    pub fn pending_keys(&self) -> &[super::keymap::Key] {
        &self.pending
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
    /// The item selected in the Inventory pane (as sorted and filtered there).
    pub fn selected_item(&self) -> Option<&Item> {
        let row = self.inventory.item_rows.get(self.sel.inventory)?;
        match self.inventory.rows.get(*row) {
            Some(view::InvRow::Item(i)) => self.plan().items.get(*i),
            _ => None,
        }
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
        match self.mode() {
            Mode::Normal | Mode::Filter => vec![Scope::Pane(self.focus), Scope::Global],
            Mode::Confirm(_) => vec![Scope::Confirm],
            Mode::Help => vec![Scope::Help],
            Mode::Palette => vec![Scope::Palette],
            // The form shows its own keys.
            Mode::Form | Mode::Prompt | Mode::Compare | Mode::Import | Mode::Inspect => Vec::new(),
        }
    }

    pub(crate) fn info(&mut self, msg: &str) {
        self.status = Some((StatusKind::Info, msg.to_string()));
    }
    pub(crate) fn error(&mut self, msg: &str) {
        self.status = Some((StatusKind::Error, msg.to_string()));
    }

    pub(crate) fn rebuild_inventory(&mut self) {
        self.inventory = InventoryView::build(self.ws.plan(), self.sort, &self.filter);
        self.follow();
    }

    /// Keeps every selection on what was chosen after the plan changed.
    pub(crate) fn clamp_selections(&mut self) {
        self.set_year(self.year as i32);
        self.follow();
    }

    /// Selects an initiative in the Roadmap by id.
    pub(crate) fn select_initiative(&mut self, id: &str) {
        if let Ok(i) = self.plan().initiative_index(id) {
            self.sel.roadmap = i;
            self.choose();
        }
    }

    /// Selects an item in the Inventory by id, clearing a filter that hides it.
    pub(crate) fn select_item(&mut self, id: &str) {
        let Ok(index) = self.plan().item_index(id) else {
            return;
        };
        let row_of = |app: &App| {
            app.inventory
                .item_rows
                .iter()
                .position(|r| app.inventory.rows.get(*r) == Some(&view::InvRow::Item(index)))
        };
        if row_of(self).is_none() && !self.filter.is_empty() {
            self.filter.clear();
            self.rebuild_inventory();
        }
        if let Some(k) = row_of(self) {
            self.sel.inventory = k;
            self.choose();
        }
    }
}
