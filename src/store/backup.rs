//! Portable plan files and the escape hatch from a damaged database.
//!
//! A plan exports to RON or JSON and imports back identically. On every `Store::open`, each
//! session that changed since its newest backup is exported to
//! `<data_dir>/backups/<session>-<YYYYMMDD-HHMMSS-mmm>.ron` (UTC), keeping the newest three per
//! session. The backups do not depend on sled's on-disk format, so `restore_latest` can rebuild a
//! database from them after sled fails to open (sled #1527, #1533).

use super::{SessionMeta, Store, StoreError, T, fsx, journal, keys, session};
use crate::model::Plan;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Backups kept per session.
pub const KEEP: usize = 3;
const STAMP_LEN: usize = "-YYYYMMDD-HHMMSS-mmm".len();

/// The plan as pretty RON (the backup format; also `vcio export --format ron`).
pub fn export_ron(plan: &Plan) -> String {
    ron::ser::to_string_pretty(plan, ron_config())
        .unwrap_or_else(|e| format!("// the plan could not be written as RON: {e}\n"))
}

fn ron_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new().indentor("  ".to_string())
}

/// The plan as pretty JSON (`vcio export --format json`).
pub fn export_json(plan: &Plan) -> String {
    serde_json::to_string_pretty(plan)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}

/// Reads a plan written by `export_ron` or `export_json` (or by hand). The format follows the
/// extension (`.ron`, `.json`), else the content. Errors read `FILE:LINE:COL: message`.
pub fn import_plan(file_name: &str, text: &str) -> Result<Plan, StoreError> {
    let lower = file_name.to_ascii_lowercase();
    let json = if lower.ends_with(".json") {
        true
    } else if lower.ends_with(".ron") {
        false
    } else {
        text.trim_start().starts_with('{')
    };
    let parse_err = |line: usize, col: usize, msg: String| StoreError::Parse {
        file: file_name.to_string(),
        line,
        col,
        msg,
    };
    let mut plan: Plan = if json {
        // `vcio export --format json` wraps the plan with everything derived from it; take the
        // plan out of such a report so the full export round-trips too.
        #[derive(serde::Deserialize)]
        struct Report {
            plan: Plan,
            #[allow(dead_code)]
            session: serde_json::Value,
        }
        match serde_json::from_str::<Report>(text) {
            Ok(report) => report.plan,
            Err(_) => serde_json::from_str(text).map_err(|e| {
                let full = e.to_string();
                let msg = full
                    .rsplit_once(" at line ")
                    .map_or(full.as_str(), |(m, _)| m)
                    .to_string();
                parse_err(e.line(), e.column(), msg)
            })?,
        }
    } else {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|e| parse_err(e.span.start.line, e.span.start.col, e.code.to_string()))?
    };
    plan.normalize();
    // The same checks as every edit; the message names the entity (the file has no position
    // for a value that parsed).
    crate::model::validate::plan(&plan)
        .map_err(|why| StoreError::Invalid(format!("{file_name}: {why}; nothing imported")))?;
    let dup = |ids: Vec<&str>| {
        ids.windows(2)
            .find(|w| w[0] == w[1])
            .map(|w| w[0].to_string())
    };
    let items = dup(plan.items.iter().map(|i| i.id.as_str()).collect());
    let inits = dup(plan.initiatives.iter().map(|i| i.id.as_str()).collect());
    for (id, what) in [(items, "inventory item"), (inits, "initiative")] {
        if let Some(id) = id {
            let (line, col) = second_definition(text, &id);
            return Err(parse_err(
                line,
                col,
                format!("a second {what} with the id {id:?}"),
            ));
        }
    }
    Ok(plan)
}

/// Line and column of the second `id: "ID"` (RON) or `"id": "ID"` (JSON) in `text`; 1:1 if not
/// found.
fn second_definition(text: &str, id: &str) -> (usize, usize) {
    let quoted = format!("\"{id}\"");
    let mut seen = 0;
    for (pos, _) in text.match_indices(&quoted) {
        let before = text[..pos].trim_end();
        let Some(before) = before.strip_suffix(':') else {
            continue;
        };
        let before = before.trim_end();
        if before.ends_with("\"id\"") || before.ends_with("id") {
            seen += 1;
            if seen == 2 {
                let line = text[..pos].matches('\n').count() + 1;
                let col = text[..pos]
                    .rsplit('\n')
                    .next()
                    .map_or(0, |l| l.chars().count())
                    + 1;
                return (line, col);
            }
        }
    }
    (1, 1)
}

pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// Backup files per session, oldest first.
pub fn list_backups(data_dir: &Path) -> Result<BTreeMap<String, Vec<PathBuf>>, StoreError> {
    let dir = backups_dir(data_dir);
    let mut out: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(StoreError::io(format!("read {}", dir.display()), e)),
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        if let Some(session) = file.to_str().and_then(session_of) {
            out.entry(session.to_string())
                .or_default()
                .push(entry.path());
        }
    }
    for files in out.values_mut() {
        files.sort();
    }
    Ok(out)
}

pub(crate) fn has_backups(data_dir: &Path) -> bool {
    list_backups(data_dir).is_ok_and(|b| !b.is_empty())
}

/// The session a backup file belongs to: `NAME-YYYYMMDD-HHMMSS-mmm.ron`.
fn session_of(file: &str) -> Option<&str> {
    let stem = file.strip_suffix(".ron")?;
    let cut = stem.len().checked_sub(STAMP_LEN)?;
    let (session, stamp) = (stem.get(..cut)?, stem.get(cut..)?);
    let shape_ok = stamp.bytes().enumerate().all(|(i, b)| match i {
        0 | 9 | 16 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    (shape_ok && !session.is_empty()).then_some(session)
}

fn header(store: &Store, name: &str, meta: &SessionMeta) -> String {
    format!(
        "// vcio backup of session {name:?} (db {:016x}, change {})",
        store.instance(),
        meta.changes
    )
}

/// The change count a backup's header records (any database).
pub(crate) fn change_of(header: &str) -> Option<u64> {
    let (_, rest) = header.rsplit_once(", change ")?;
    rest.strip_suffix(')')?.parse().ok()
}

/// After this many journal lines past its backup, a session gets a fresh backup on open (so a
/// restore never replays more than this).
pub const REBASE_AFTER: usize = 500;

/// Backs up every session whose newest backup plus journal does not reach its newest change;
/// returns one warning per failure.
pub(crate) fn rolling_backups(store: &Store) -> Vec<String> {
    let mut warnings = Vec::new();
    let existing = match list_backups(store.data_dir()) {
        Ok(b) => b,
        Err(e) => return vec![format!("backups skipped: {e}")],
    };
    for kv in store.inner().tree(T::Sessions).iter() {
        let result = kv.map_err(StoreError::from).and_then(|(k, v)| {
            let name = String::from_utf8_lossy(&k).into_owned();
            let meta: SessionMeta = keys::decode(&format!("session {name:?}"), &v)?;
            let files = existing.get(&name).map(Vec::as_slice).unwrap_or_default();
            if is_current(store, &name, &meta, files) {
                return Ok(());
            }
            backup_session(store, &name, &meta, files).map_err(|e| {
                StoreError::Invalid(format!("session {name:?} was not backed up: {e}"))
            })
        });
        if let Err(e) = result {
            warnings.push(e.to_string());
        }
    }
    warnings
}

/// Whether the newest backup (of this database) plus the journal lines after it reach the
/// session's newest change, with no gap and not too many lines to replay.
fn is_current(store: &Store, name: &str, meta: &SessionMeta, files: &[PathBuf]) -> bool {
    let Some(head) = files.last().and_then(|f| first_line(f)) else {
        return false;
    };
    if head == header(store, name, meta) {
        return true;
    }
    let ours = head.contains(&format!("(db {:016x},", store.instance()));
    let Some(base) = change_of(&head).filter(|_| ours) else {
        return false;
    };
    let after: Vec<u64> = journal::seqs(store.data_dir(), name)
        .into_iter()
        .filter(|&s| s >= base)
        .collect();
    let contiguous = after.iter().zip(base..).all(|(&s, want)| s == want);
    contiguous && base + after.len() as u64 == meta.changes && after.len() < REBASE_AFTER
}

/// Writes a new backup of one session (its plan, and its history beside it), empties its
/// journal, and prunes to `KEEP`.
pub(crate) fn backup_session(
    store: &Store,
    name: &str,
    meta: &SessionMeta,
    files: &[PathBuf],
) -> Result<(), StoreError> {
    let head = header(store, name, meta);
    let session = session::Session::load(store.inner().clone(), name)?;
    let history = session.history()?;
    let dir = backups_dir(store.data_dir());
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S-%3f");
    let path = dir.join(format!("{name}-{stamp}.ron"));
    // The history first: a backup without its sidecar is still a valid (history-less) backup,
    // a sidecar without its backup is ignored.
    fsx::write_atomically(&journal::history_path(&path), |w| {
        serde_json::to_writer(&mut *w, &history).map_err(std::io::Error::other)
    })?;
    fsx::write_atomically(&path, |w| {
        writeln!(w, "{head}")?;
        ron::Options::default()
            .to_io_writer_pretty(&mut *w, session.plan(), ron_config())
            .map_err(std::io::Error::other)
    })?;
    journal::reset(store.data_dir(), name)?;
    let mut all: Vec<PathBuf> = files.to_vec();
    all.push(path);
    all.sort();
    all.dedup();
    let excess = all.len().saturating_sub(KEEP);
    for old in &all[..excess] {
        std::fs::remove_file(old)
            .map_err(|e| StoreError::io(format!("remove {}", old.display()), e))?;
        let _ = std::fs::remove_file(journal::history_path(old));
    }
    Ok(())
}

fn first_line(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let mut line = String::new();
    std::io::BufReader::new(file).read_line(&mut line).ok()?;
    Some(line.trim_end().to_string())
}
