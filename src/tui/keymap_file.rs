//! Keymap overrides in RON: `<data_dir>/keymap.ron` maps scopes to actions to keys, and each
//! action listed replaces that action's keys in that scope (everything else keeps its default):
//!
//! ```ron
//! {
//!     "roadmap": { "move_later": ["L", "S-Right", "C-l"] },
//!     "global": { "undo": ["u", "C-z"], "next_theme": ["g t"] },
//! }
//! ```
//!
//! A key string with spaces is a sequence ("g t": g, then t). Scopes: `global`, `inventory`,
//! `standards`, `roadmap`, `budget`, `confirm`, `help`, `palette`. Actions use `Action::name`.
//! Every error is reported as FILE:LINE:COL: a malformed file (from the RON parser), an unknown
//! scope, action or key (found where the file writes it), and a conflict (one scope binding
//! the same keys to two actions, or a key that starts another binding's sequence), which names
//! both actions. In every error case the defaults are used. The help screen and the hint bar
//! are generated from the resulting table, so they always show what is bound.

use super::action::{Action, Pane};
use super::keymap::{Binding, Keymap, Scope, Seq};
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

/// 1-based line and column (in characters) of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Byte offset of the first `"name"` in `text` at or after `from`. Names are found as written
/// (a name spelt with escapes is not found, and its message then goes without a position).
fn find_quoted(text: &str, name: &str, from: usize) -> Option<usize> {
    let needle = format!("{name:?}");
    text.get(from..)?.find(&needle).map(|i| from + i)
}

/// `PATH:LINE:COL: msg`, or `PATH: msg` when the position is not known.
fn at(path: &Path, text: &str, pos: Option<usize>, msg: &str) -> String {
    match pos {
        Some(p) => {
            let (l, c) = line_col(text, p);
            format!("{}:{l}:{c}: {msg}", path.display())
        }
        None => format!("{}: {msg}", path.display()),
    }
}

/// The keymap from the defaults and `text` (the contents of `path`), or the defaults and a
/// message saying what was wrong and where.
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
    // Where each binding read from the file is written: (the binding, byte offset).
    let mut written: Vec<(Binding, usize)> = Vec::new();
    for (scope_name, actions) in &file {
        let scope_at = find_quoted(text, scope_name, 0);
        let sc = scope(scope_name).ok_or_else(|| {
            at(
                path,
                text,
                scope_at,
                &format!("unknown scope {scope_name:?}"),
            )
        })?;
        for (action_name, keys) in actions {
            let action_at = find_quoted(text, action_name, scope_at.unwrap_or(0));
            let action = Action::ALL
                .into_iter()
                .find(|a| a.name() == action_name)
                .ok_or_else(|| {
                    let msg = format!("unknown action {action_name:?} in {scope_name}");
                    at(path, text, action_at, &msg)
                })?;
            let hint = km
                .bindings
                .iter()
                .any(|b| b.action == action && b.scope == sc && b.hint);
            km.bindings
                .retain(|b| !(b.action == action && b.scope == sc));
            let mut key_from = action_at.unwrap_or(0);
            for (n, k) in keys.iter().enumerate() {
                let key_at = find_quoted(text, k, key_from);
                key_from = key_at.map_or(key_from, |p| p + 1);
                let keys = Seq::parse(k).map_err(|e| {
                    at(
                        path,
                        text,
                        key_at,
                        &format!("{scope_name}.{action_name}: {e}"),
                    )
                })?;
                let binding = Binding {
                    keys,
                    action,
                    scope: sc,
                    hint: hint && n == 0,
                };
                if let Some(p) = key_at {
                    written.push((binding.clone(), p));
                }
                km.bindings.push(binding);
            }
        }
    }
    if let Some((i, j, msg)) = first_conflict(&km) {
        // Point at whichever of the two the file wrote (the later one when both).
        let pos = [j, i].iter().find_map(|k| {
            let b = km.bindings.get(*k)?;
            written.iter().find(|(w, _)| w == b).map(|(_, p)| *p)
        });
        return Err(at(path, text, pos, &msg));
    }
    Ok(km)
}

/// The first pair of bindings in one scope that cannot both work: the same keys for two
/// actions, or one binding's keys starting another's (with no timers, the shorter would always
/// win and the longer never be reached).
fn first_conflict(km: &Keymap) -> Option<(usize, usize, String)> {
    for (i, a) in km.bindings.iter().enumerate() {
        for (j, b) in km.bindings.iter().enumerate().skip(i + 1) {
            if a.scope != b.scope {
                continue;
            }
            let msg = if a.keys == b.keys && a.action != b.action {
                format!(
                    "{} is bound to both {} and {}",
                    a.keys.label(),
                    a.action.name(),
                    b.action.name()
                )
            } else if a.keys.extends(&b.keys.0) || b.keys.extends(&a.keys.0) {
                let (short, long) = if a.keys.0.len() < b.keys.0.len() {
                    (a, b)
                } else {
                    (b, a)
                };
                format!(
                    "{} ({}) is the start of {} ({}): a key cannot be both",
                    short.keys.label(),
                    short.action.name(),
                    long.keys.label(),
                    long.action.name()
                )
            } else {
                continue;
            };
            return Some((i, j, msg));
        }
    }
    None
}

/// The first conflict in a keymap, if any (see `first_conflict`).
pub fn conflict(km: &Keymap) -> Option<String> {
    first_conflict(km).map(|(_, _, m)| m)
}

/// Loads `<data_dir>/keymap.ron` if it exists: the keymap, and a message for the status line
/// when the file could not be used.
pub fn load(data_dir: &Path) -> (Keymap, Option<String>) {
    let path = data_dir.join("keymap.ron");
    let text = match std::fs::read(&path) {
        Ok(bytes) => match crate::decode::text(&bytes) {
            Ok(t) => t.into_owned(),
            Err(e) => {
                let msg = format!(
                    "keymap: {} (using the default keys)",
                    e.at(&path.display().to_string())
                );
                return (Keymap::default(), Some(msg));
            }
        },
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
