//! The keymap: one table of key sequence -> action per scope. Lookup, the hint bar and the help
//! screen are all generated from this table, so what is shown is what is bound. Keys are written
//! as strings ("L", "S-Right", "C-r", "Tab"), and a sequence as keys separated by spaces
//! ("g d", "C-x C-s"), the same names the keymap file in RON uses. There are no timers: a key
//! that starts a longer sequence waits for the next key, so one scope cannot bind both "g" and
//! "g d" (`keymap_file::conflict` reports it).

use super::action::{Action, Pane};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// In normal mode, whatever pane has focus.
    Global,
    /// In normal mode, when this pane has focus.
    Pane(Pane),
    /// While a yes/no question is asked.
    Confirm,
    /// While the help screen is shown.
    Help,
    /// While the fuzzy palette is open (other keys type into its query).
    Palette,
}

/// A key with modifiers, normalised so that `L` and `Shift+l` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::SHIFT | KeyModifiers::CONTROL | KeyModifiers::ALT);
        // A character's case already says Shift; BackTab already says Shift.
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            c => c,
        };
        Key { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    /// Parses "L", "S-Right", "C-r", "A-x", "Tab", "BackTab", "Esc", "Enter", "Space", "PgDn".
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("C-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("S-") {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("A-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Esc" => KeyCode::Esc,
            "Enter" => KeyCode::Enter,
            "Space" => KeyCode::Char(' '),
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "PgUp" => KeyCode::PageUp,
            "PgDn" => KeyCode::PageDown,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Del" => KeyCode::Delete,
            "Backspace" => KeyCode::Backspace,
            one if one.chars().count() == 1 => KeyCode::Char(one.chars().next().unwrap_or(' ')),
            other => return Err(format!("unknown key {other:?} in {s:?}")),
        };
        Ok(Key::new(code, mods))
    }

    /// How the key is shown to people ("S-→" style is avoided: plain words read aloud).
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("A-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("S-");
        }
        match self.code {
            KeyCode::Char(' ') => out.push_str("Space"),
            KeyCode::Char(c) => out.push(c),
            KeyCode::Tab => out.push_str("Tab"),
            KeyCode::BackTab => out.push_str("S-Tab"),
            KeyCode::Esc => out.push_str("Esc"),
            KeyCode::Enter => out.push_str("Enter"),
            KeyCode::Left => out.push_str("Left"),
            KeyCode::Right => out.push_str("Right"),
            KeyCode::Up => out.push_str("Up"),
            KeyCode::Down => out.push_str("Down"),
            KeyCode::PageUp => out.push_str("PgUp"),
            KeyCode::PageDown => out.push_str("PgDn"),
            KeyCode::Home => out.push_str("Home"),
            KeyCode::End => out.push_str("End"),
            KeyCode::Delete => out.push_str("Del"),
            KeyCode::Backspace => out.push_str("Backspace"),
            other => out.push_str(&format!("{other:?}")),
        }
        out
    }
}

/// Keys pressed one after another (usually one).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Seq(pub Vec<Key>);

impl Seq {
    /// Parses keys separated by spaces: "g d", "C-x C-s", "L".
    pub fn parse(s: &str) -> Result<Seq, String> {
        let keys = s
            .split_whitespace()
            .map(Key::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err("an empty key".into());
        }
        Ok(Seq(keys))
    }
    pub fn label(&self) -> String {
        let labels: Vec<String> = self.0.iter().map(Key::label).collect();
        labels.join(" ")
    }
    /// Whether `self` starts with all of `keys` and is longer.
    pub fn extends(&self, keys: &[Key]) -> bool {
        self.0.len() > keys.len() && self.0.starts_with(keys)
    }
}

impl From<Key> for Seq {
    fn from(k: Key) -> Seq {
        Seq(vec![k])
    }
}

/// What the keys pressed so far mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The start of a longer sequence: wait for the next key.
    Prefix,
    Unbound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Seq,
    pub action: Action,
    pub scope: Scope,
    /// Shown in the hint bar (all bindings are shown on the help screen).
    pub hint: bool,
}

/// The default bindings: (keys, action, scope, shown in the hint bar).
const DEFAULTS: &[(&str, Action, Scope, bool)] = {
    use Action as A;
    use Scope::*;
    const R: Scope = Scope::Pane(super::action::Pane::Roadmap);
    const S: Scope = Scope::Pane(super::action::Pane::Standards);
    const I: Scope = Scope::Pane(super::action::Pane::Inventory);
    &[
        ("H S-Left", A::MoveEarlier, R, true),
        ("L S-Right", A::MoveLater, R, true),
        ("[", A::Shorten, R, true),
        ("]", A::Lengthen, R, true),
        ("d Del", A::Delete, R, true),
        ("a", A::AutoSchedule, R, true),
        ("v", A::ToggleTimeline, R, true),
        ("Enter e", A::EditForm, R, true),
        ("N", A::NewInitiative, R, true),
        ("c", A::Checkin, R, true),
        ("b", A::Ghosts, R, false),
        (
            "a",
            A::Actuals,
            Scope::Pane(super::action::Pane::Budget),
            true,
        ),
        ("f", A::Followup, Global, false),
        ("C", A::Frameworks, Global, false),
        ("Enter", A::Inspect, S, true),
        ("n", A::NewFromStandard, S, true),
        ("i", A::Inspect, Global, true),
        ("P", A::Present, Global, false),
        ("A", A::Answers, S, true),
        ("y", A::CycleYear, Global, true),
        ("s", A::Sort, I, true),
        ("/", A::Filter, I, true),
        ("a", A::AddItem, I, true),
        ("Enter e", A::EditItem, I, true),
        ("d Del", A::Delete, I, false),
        ("Tab", A::FocusNext, Global, true),
        ("C-p /", A::Palette, Global, true),
        ("q C-c", A::Quit, Global, true),
        ("BackTab", A::FocusPrev, Global, false),
        ("k Up", A::Up, Global, false),
        ("j Down", A::Down, Global, false),
        ("h Left", A::Left, Global, false),
        ("l Right", A::Right, Global, false),
        ("PgUp", A::PageUp, Global, false),
        ("PgDn", A::PageDown, Global, false),
        ("g Home", A::Top, Global, false),
        ("G End", A::Bottom, Global, false),
        ("u", A::Undo, Global, true),
        ("C-r", A::Redo, Global, true),
        ("z", A::Zoom, Global, true),
        ("t", A::NextTheme, Global, false),
        ("M", A::ToggleMouse, Global, false),
        ("F", A::Fork, Global, false),
        ("S", A::Setup, Global, true),
        ("D", A::District, Global, false),
        ("Enter", A::Confirm, Palette, true),
        ("Esc", A::Cancel, Palette, true),
        ("Up C-p", A::Up, Palette, false),
        ("Down C-n", A::Down, Palette, false),
        ("PgUp", A::PageUp, Palette, false),
        ("PgDn", A::PageDown, Palette, false),
        ("C-c", A::Quit, Palette, false),
        ("?", A::Help, Global, true),
        ("Esc", A::Cancel, Global, false),
        ("y Enter", A::Confirm, Confirm, true),
        ("n Esc", A::Cancel, Confirm, true),
        ("C-c", A::Quit, Confirm, false),
        ("? Esc q", A::Cancel, Help, true),
        ("j Down", A::Down, Help, true),
        ("k Up", A::Up, Help, false),
        ("C-c", A::Quit, Help, false),
    ]
};

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut bindings = Vec::new();
        for (keys, action, scope, hint) in DEFAULTS {
            for (i, k) in keys.split_whitespace().enumerate() {
                if let Ok(key) = Key::parse(k) {
                    bindings.push(Binding {
                        keys: key.into(),
                        action: *action,
                        scope: *scope,
                        // Only the first key of an action is a hint; the others are on `?`.
                        hint: *hint && i == 0,
                    });
                }
            }
        }
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action for one key on its own: the first scope in `scopes` with a binding wins.
    pub fn lookup(&self, ev: &KeyEvent, scopes: &[Scope]) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        match self.lookup_seq(&[Key::from_event(ev)], scopes) {
            Lookup::Action(a) => Some(a),
            Lookup::Prefix | Lookup::Unbound => None,
        }
    }

    /// What `keys` (pressed so far, in order) mean: the first scope in `scopes` that binds
    /// them, or a longer sequence starting with them, decides.
    pub fn lookup_seq(&self, keys: &[Key], scopes: &[Scope]) -> Lookup {
        for scope in scopes {
            let mut prefix = false;
            for b in self.bindings.iter().filter(|b| b.scope == *scope) {
                if b.keys.0 == keys {
                    return Lookup::Action(b.action);
                }
                prefix |= b.keys.extends(keys);
            }
            if prefix {
                return Lookup::Prefix;
            }
        }
        Lookup::Unbound
    }

    /// The sequences that complete `keys` in `scopes`: (the keys still to press, description).
    pub fn continuations(&self, keys: &[Key], scopes: &[Scope]) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for scope in scopes {
            for b in self.bindings.iter().filter(|b| b.scope == *scope) {
                if b.keys.extends(keys) {
                    let rest = Seq(b.keys.0[keys.len()..].to_vec()).label();
                    if !out.iter().any(|(k, _)| *k == rest) {
                        out.push((rest, b.action.describe_in(b.scope)));
                    }
                }
            }
        }
        out
    }

    /// Every key sequence bound to `action` in `scope`, as labels.
    pub fn keys_for(&self, action: Action, scope: Scope) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.action == action && b.scope == scope)
            .map(|b| b.keys.label())
            .collect()
    }

    /// (key, description) pairs for the hint bar, most specific scope first, one per action.
    pub fn hints(&self, scopes: &[Scope]) -> Vec<(String, &'static str)> {
        let mut seen: Vec<Action> = Vec::new();
        let mut out = Vec::new();
        // Help comes first so it survives a narrow terminal cutting the bar short.
        if let Some(b) = self
            .bindings
            .iter()
            .find(|b| b.action == Action::Help && b.hint && scopes.contains(&b.scope))
        {
            seen.push(Action::Help);
            out.push((b.keys.label(), b.action.describe_in(b.scope)));
        }
        for scope in scopes {
            for b in self.bindings.iter().filter(|b| b.scope == *scope && b.hint) {
                if !seen.contains(&b.action) {
                    seen.push(b.action);
                    out.push((b.keys.label(), b.action.describe_in(b.scope)));
                }
            }
        }
        out
    }

    /// Rows for the help screen: (scope title, [(keys, description)]).
    pub fn help(&self) -> Vec<(String, Vec<(String, &'static str)>)> {
        // Pane keys first, then the ones that work everywhere; the y/n and help-screen keys
        // are in the hint bar when they apply, so they do not take room here.
        let mut scopes: Vec<Scope> = Vec::new();
        for b in &self.bindings {
            if matches!(b.scope, Scope::Pane(_)) && !scopes.contains(&b.scope) {
                scopes.push(b.scope);
            }
        }
        scopes.push(Scope::Global);
        scopes
            .into_iter()
            .map(|scope| {
                let title = match scope {
                    Scope::Global => "Everywhere".to_string(),
                    Scope::Pane(p) => p.name().to_string(),
                    Scope::Confirm => "When asked y/n".to_string(),
                    Scope::Help => "On this screen".to_string(),
                    Scope::Palette => "In the finder".to_string(),
                };
                let mut rows: Vec<(String, &'static str)> = Vec::new();
                let mut actions: Vec<Action> = Vec::new();
                for b in self.bindings.iter().filter(|b| b.scope == scope) {
                    if !actions.contains(&b.action) {
                        actions.push(b.action);
                        rows.push((
                            self.keys_for(b.action, scope).join(" "),
                            b.action.describe(),
                        ));
                    }
                }
                (title, rows)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn shifted_letters_and_arrows_match() {
        let km = Keymap::default();
        let r = [Scope::Pane(Pane::Roadmap), Scope::Global];
        assert_eq!(
            km.lookup(&ev(KeyCode::Char('L'), KeyModifiers::SHIFT), &r),
            Some(Action::MoveLater)
        );
        assert_eq!(
            km.lookup(&ev(KeyCode::Right, KeyModifiers::SHIFT), &r),
            Some(Action::MoveLater)
        );
        assert_eq!(
            km.lookup(&ev(KeyCode::Char('r'), KeyModifiers::CONTROL), &r),
            Some(Action::Redo)
        );
        assert_eq!(
            km.lookup(&ev(KeyCode::BackTab, KeyModifiers::SHIFT), &r),
            Some(Action::FocusPrev)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        let km = Keymap::default();
        for (i, a) in km.bindings.iter().enumerate() {
            for b in &km.bindings[i + 1..] {
                assert!(
                    !(a.keys == b.keys && a.scope == b.scope),
                    "{} bound to {} and {}",
                    a.keys.label(),
                    a.action.name(),
                    b.action.name()
                );
            }
        }
    }

    #[test]
    fn a_sequence_is_a_prefix_until_complete_and_the_nearest_scope_decides() {
        let mut km = Keymap::default();
        let seq = |s: &str| Seq::parse(s).unwrap();
        let r = Scope::Pane(Pane::Roadmap);
        km.bindings.push(Binding {
            keys: seq("z d"),
            action: Action::Delete,
            scope: r,
            hint: false,
        });
        let (z, d, x) = (
            Key::parse("z").unwrap(),
            Key::parse("d").unwrap(),
            Key::parse("x").unwrap(),
        );
        // In the Roadmap "z" now starts "z d" (it shadows the global zoom key there).
        assert_eq!(km.lookup_seq(&[z], &[r, Scope::Global]), Lookup::Prefix);
        assert_eq!(
            km.lookup_seq(&[z, d], &[r, Scope::Global]),
            Lookup::Action(Action::Delete)
        );
        assert_eq!(km.lookup_seq(&[z, x], &[r, Scope::Global]), Lookup::Unbound);
        // Elsewhere "z" is still zoom.
        let s = Scope::Pane(Pane::Standards);
        assert_eq!(
            km.lookup_seq(&[z], &[s, Scope::Global]),
            Lookup::Action(Action::Zoom)
        );
        assert_eq!(
            km.continuations(&[z], &[r, Scope::Global]),
            vec![("d".to_string(), "delete")]
        );
        assert_eq!(seq("C-x  C-s").label(), "C-x C-s");
        assert!(Seq::parse(" ").is_err());
    }

    #[test]
    fn keys_round_trip_through_labels() {
        for s in ["L", "C-r", "Tab", "S-Left", "?", "["] {
            let k = Key::parse(s).unwrap();
            assert_eq!(Key::parse(&k.label()).unwrap(), k, "{s}");
        }
    }
}
