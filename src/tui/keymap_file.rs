//! Keymap overrides in RON: `<data_dir>/keymap.ron` maps scopes to actions to keys, and each
//! action listed replaces that action's keys in that scope (everything else keeps its default):
//!
//! ```ron
//! {
//!     "roadmap": { "move_later": ["L", "S-Right", "C-l"] },
//!     "global": { "undo": ["u", "C-z"] },
//! }
//! ```
//!
//! Scopes: `global`, `inventory`, `standards`, `roadmap`, `budget`, `confirm`, `help`,
//! `palette`. Actions use `Action::name`. A malformed file is reported as FILE:LINE:COL; an
//! unknown scope, action or key, or a key bound to two actions in one scope, is reported with
//! both action names; in every error case the defaults are used. The help screen and the hint
//! bar are generated from the resulting table, so they always show what is bound.

use super::action::{Action, Pane};
use super::keymap::{Binding, Key, Keymap, Scope};
use std::collections::BTreeMap;
use std::path::Path;

type File = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn scope(name: &str) -> Option<Scope> {
    Some(match name {
        "global" => Scope::Global,
        "inventory" => Scope::Pane(Pane::Inventory),
        "standards" => Scope::Pane(Pane::Standards),
        "roadmap" => Scope::Pane(Pane::Roadmap),
        "budget" => Scope::Pane(Pane::Budget),
        "confirm" => Scope::Confirm,
        "help" => Scope::Help,
        "palette" => Scope::Palette,
        _ => return None,
    })
}

/// The keymap from the defaults and `text` (the contents of `path`), or the defaults and a
/// message saying what was wrong.
pub fn apply(text: &str, path: &Path) -> Result<Keymap, String> {
    let file: File = ron::from_str(text).map_err(|e| {
        format!(
            "{}:{}:{}: {}",
            path.display(),
            e.span.start.line,
            e.span.start.col,
            e.code
        )
    })?;
    let mut km = Keymap::default();
    for (scope_name, actions) in &file {
        let sc = scope(scope_name)
            .ok_or_else(|| format!("{}: unknown scope {scope_name:?}", path.display()))?;
        for (action_name, keys) in actions {
            let action = Action::ALL
                .into_iter()
                .find(|a| a.name() == action_name)
                .ok_or_else(|| {
                    format!(
                        "{}: unknown action {action_name:?} in {scope_name}",
                        path.display()
                    )
                })?;
            let hint = km
                .bindings
                .iter()
                .any(|b| b.action == action && b.scope == sc && b.hint);
            km.bindings
                .retain(|b| !(b.action == action && b.scope == sc));
            for (i, k) in keys.iter().enumerate() {
                let key = Key::parse(k)
                    .map_err(|e| format!("{}: {scope_name}.{action_name}: {e}", path.display()))?;
                km.bindings.push(Binding {
                    key,
                    action,
                    scope: sc,
                    hint: hint && i == 0,
                });
            }
        }
    }
    if let Some(msg) = conflict(&km) {
        return Err(format!("{}: {msg}", path.display()));
    }
    Ok(km)
}

/// The first key bound to two different actions in one scope.
pub fn conflict(km: &Keymap) -> Option<String> {
    for (i, a) in km.bindings.iter().enumerate() {
        for b in &km.bindings[i + 1..] {
            if a.key == b.key && a.scope == b.scope && a.action != b.action {
                return Some(format!(
                    "{} is bound to both {} and {}",
                    a.key.label(),
                    a.action.name(),
                    b.action.name()
                ));
            }
        }
    }
    None
}

/// Loads `<data_dir>/keymap.ron` if it exists: the keymap, and a message for the status line
/// when the file could not be used.
pub fn load(data_dir: &Path) -> (Keymap, Option<String>) {
    let path = data_dir.join("keymap.ron");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Keymap::default(), None),
        Err(e) => {
            let msg = format!("{}: {e} (using the default keys)", path.display());
            return (Keymap::default(), Some(msg));
        }
    };
    match apply(&text, &path) {
        Ok(km) => (km, None),
        Err(e) => (
            Keymap::default(),
            Some(format!("keymap: {e} (using the default keys)")),
        ),
    }
}
