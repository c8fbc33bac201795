//! Actions: everything a key (or a click) can ask the workbench to do. Keys map to actions in
//! `keymap`; `App::update` turns actions into edits of the plan or changes of view state.

/// The panes that can take focus, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Inventory,
    Standards,
    Roadmap,
    Budget,
}

impl Pane {
    pub const ALL: [Pane; 4] = [
        Pane::Inventory,
        Pane::Standards,
        Pane::Roadmap,
        Pane::Budget,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Pane::Inventory => "Inventory",
            Pane::Standards => "Failing standards",
            Pane::Roadmap => "Roadmap",
            Pane::Budget => "Budget",
        }
    }
    pub fn next(self) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(i + 1) % Pane::ALL.len()]
    }
    pub fn prev(self) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(i + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    MoveEarlier,
    MoveLater,
    Shorten,
    Lengthen,
    NewFromStandard,
    Delete,
    AutoSchedule,
    Undo,
    Redo,
    CycleYear,
    ToggleTimeline,
    NextTheme,
    Help,
    Zoom,
    Sort,
    Filter,
    ToggleMouse,
    Palette,
    EditForm,
    /// A form for a new inventory item.
    AddItem,
    /// The selected inventory item's form.
    EditItem,
    /// The questionnaire form (answers the standards ask for).
    Answers,
    Fork,
    /// A form for a new initiative of the district's own.
    NewInitiative,
    /// The setup checklist: what data is missing, ranked.
    Setup,
    /// The district profile form.
    District,
    /// The selected standard, initiative, item or year in full, scrollable.
    Inspect,
    /// Presenter mode: the roadmap and budget fill the screen (the projector).
    Present,
    /// Record a check-in on the selected initiative.
    Checkin,
    /// Initiatives at risk, with why and the next step.
    Followup,
    /// Show the newest baseline's bars behind today's.
    Ghosts,
    /// The budget strip shows actual spend against the plan.
    Actuals,
    /// Framework scorecards: CIS IG1, CSF functions, K12 SIX categories.
    Frameworks,
    /// Answers "yes" to a confirmation.
    Confirm,
    /// Closes an overlay, answers "no", or clears a message.
    Cancel,
}

impl Action {
    /// Every action (keymap files name them).
    pub const ALL: [Action; 46] = [
        Action::Quit,
        Action::FocusNext,
        Action::FocusPrev,
        Action::Up,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::MoveEarlier,
        Action::MoveLater,
        Action::Shorten,
        Action::Lengthen,
        Action::NewFromStandard,
        Action::Delete,
        Action::AutoSchedule,
        Action::Undo,
        Action::Redo,
        Action::CycleYear,
        Action::ToggleTimeline,
        Action::NextTheme,
        Action::Help,
        Action::Zoom,
        Action::Sort,
        Action::Filter,
        Action::ToggleMouse,
        Action::Palette,
        Action::EditForm,
        Action::AddItem,
        Action::EditItem,
        Action::Answers,
        Action::Fork,
        Action::NewInitiative,
        Action::Setup,
        Action::District,
        Action::Inspect,
        Action::Present,
        Action::Checkin,
        Action::Followup,
        Action::Ghosts,
        Action::Actuals,
        Action::Frameworks,
        Action::Confirm,
        Action::Cancel,
    ];

    /// A stable name, used by keymap files and the help screen.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "left",
            Action::Right => "right",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::MoveEarlier => "move_earlier",
            Action::MoveLater => "move_later",
            Action::Shorten => "shorten",
            Action::Lengthen => "lengthen",
            Action::NewFromStandard => "new_from_standard",
            Action::Delete => "delete",
            Action::AutoSchedule => "auto_schedule",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::CycleYear => "cycle_year",
            Action::ToggleTimeline => "toggle_timeline",
            Action::NextTheme => "next_theme",
            Action::Help => "help",
            Action::Zoom => "zoom",
            Action::Sort => "sort",
            Action::Filter => "filter",
            Action::ToggleMouse => "toggle_mouse",
            Action::Palette => "palette",
            Action::EditForm => "edit",
            Action::AddItem => "add_item",
            Action::EditItem => "edit_item",
            Action::Answers => "answers",
            Action::Fork => "fork",
            Action::NewInitiative => "new_initiative",
            Action::Setup => "setup",
            Action::District => "district",
            Action::Inspect => "inspect",
            Action::Present => "present",
            Action::Checkin => "checkin",
            Action::Followup => "followup",
            Action::Ghosts => "baseline_ghosts",
            Action::Actuals => "budget_actuals",
            Action::Frameworks => "frameworks",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
        }
    }

    /// A short description for the hint bar and the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::Up => "up",
            Action::Down => "down",
            Action::Left => "left",
            Action::Right => "right",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "first row",
            Action::Bottom => "last row",
            Action::MoveEarlier => "earlier",
            Action::MoveLater => "later",
            Action::Shorten => "shorter",
            Action::Lengthen => "longer",
            Action::NewFromStandard => "new initiative",
            Action::Delete => "delete",
            Action::AutoSchedule => "auto-schedule",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::CycleYear => "fiscal year",
            Action::ToggleTimeline => "1y/5y",
            Action::NextTheme => "theme",
            Action::Help => "help",
            Action::Zoom => "zoom pane",
            Action::Sort => "sort",
            Action::Filter => "filter",
            Action::ToggleMouse => "mouse on/off",
            Action::Palette => "find",
            Action::EditForm => "edit",
            Action::AddItem => "add item",
            Action::EditItem => "edit item",
            Action::Answers => "edit answers",
            Action::Fork => "fork scenario",
            Action::NewInitiative => "new initiative (own)",
            Action::Setup => "setup checklist",
            Action::District => "district profile",
            Action::Inspect => "read in full",
            Action::Present => "presenter mode",
            Action::Checkin => "check-in",
            Action::Followup => "follow-through",
            Action::Ghosts => "baseline bars",
            Action::Actuals => "actual spend",
            Action::Frameworks => "framework scorecards",
            Action::Confirm => "yes",
            Action::Cancel => "no / close",
        }
    }

    /// The description where a scope gives the action a plainer meaning: in the finder,
    /// Enter goes to the candidate and Esc closes it (not "yes" and "no").
    pub fn describe_in(self, scope: super::keymap::Scope) -> &'static str {
        match (scope, self) {
            (super::keymap::Scope::Palette, Action::Confirm) => "go",
            (super::keymap::Scope::Palette, Action::Cancel) => "close",
            (super::keymap::Scope::Help, Action::Cancel) => "close",
            _ => self.describe(),
        }
    }

    /// Whether this action changes the plan (and so only makes sense where there is something
    /// to change).
    pub fn edits(self) -> bool {
        matches!(
            self,
            Action::MoveEarlier
                | Action::MoveLater
                | Action::Shorten
                | Action::Lengthen
                | Action::NewFromStandard
                | Action::Delete
                | Action::EditForm
                | Action::AddItem
                | Action::EditItem
                | Action::Answers
                | Action::NewInitiative
                | Action::Checkin
                | Action::District
                | Action::AutoSchedule
                | Action::Undo
                | Action::Redo
        )
    }
}
