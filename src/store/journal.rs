//! The edit journal and the session history beside each backup, so a backup is never older
//! than the newest acknowledged edit.
//!
//! A backup (`backups/NAME-STAMP.ron`) is a full plan; writing one costs time proportional to
//! the plan, so it is written only now and then (see `backup::rolling_backups`). Between
//! backups, every acknowledged change (do, undo, redo) is appended as one JSON line to
//! `backups/NAME.journal` right after its transaction commits: `{"seq", "at", "action",
//! "description", "edit"}` (the edit only for `Do`; undo and redo are determined by the
//! stacks). Beside each backup, `NAME-STAMP.history.json` holds the undo and redo stacks and the
//! log at the backup's moment. Backup + history + journal replayed in order (`Replay`) give the
//! session exactly as the database holds it, with its undo history and log: that is what
//! `vcio session restore` rebuilds and what a read-only open shows while another vcio holds the
//! database.
//!
//! The journal is appended without fsync: it survives `kill -9` (the page cache is the
//! kernel's), and the database itself is fsynced per edit. A line cut by a crash is recognised
//! (no newline, or not JSON) and reported as the one change that could not be recovered.

use super::history::{Action, LogEntry, StackEntry};
use super::{StoreError, UNDO_KEEP, fsx};
use crate::edit::{self, Edit};
use crate::model::Plan;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One journal line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Line {
    pub seq: u64,
    pub at: String,
    pub action: Action,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edit: Option<Edit>,
}

/// A session's history at a backup's moment (`NAME-STAMP.history.json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct History {
    /// The session's change count: the next log sequence number.
    pub changes: u64,
    pub undo_floor: u64,
    /// Undo entries from the floor up (oldest first).
    pub undo: Vec<StackEntry>,
    /// Redo entries from the bottom up.
    pub redo: Vec<StackEntry>,
    pub log: Vec<LogEntry>,
}

pub(crate) fn path(data_dir: &Path, session: &str) -> PathBuf {
    super::backup::backups_dir(data_dir).join(format!("{session}.journal"))
}

/// The sidecar of a backup file: `X.ron` -> `X.history.json`.
pub(crate) fn history_path(backup: &Path) -> PathBuf {
    backup.with_extension("history.json")
}

/// The JSON of an edit before it is applied (it is consumed by `edit::apply`).
pub(crate) fn encode_edit(edit: &Edit) -> Option<String> {
    serde_json::to_string(edit).ok()
}

/// Appends one change. `edit_json` is the edit done (for `Do`).
pub(crate) fn append(
    data_dir: &Path,
    session: &str,
    entry: &LogEntry,
    edit_json: Option<&str>,
) -> Result<(), StoreError> {
    let head = serde_json::to_string(&Line {
        seq: entry.seq,
        at: entry.at.clone(),
        action: entry.action,
        description: entry.description.clone(),
        edit: None,
    })
    .map_err(|e| StoreError::Invalid(format!("cannot journal the change: {e}")))?;
    let mut line = match edit_json {
        // `{..}` + `,"edit":EDIT}`: the edit is spliced in rather than parsed back.
        Some(edit) => format!("{},\"edit\":{edit}}}", &head[..head.len() - 1]),
        None => head,
    };
    line.push('\n');
    let dir = super::backup::backups_dir(data_dir);
    fsx::private_dir(&dir)?;
    let target = path(data_dir, session);
    let mut file = fsx::open_append(&target)?;
    // One write of the whole line: a crash leaves it whole or visibly cut.
    file.write_all(line.as_bytes())
        .map_err(|e| StoreError::io(format!("write {}", target.display()), e))
}

/// Empties the journal (after a new backup, or when a session of this name is created).
pub(crate) fn reset(data_dir: &Path, session: &str) -> Result<(), StoreError> {
    let p = path(data_dir, session);
    match std::fs::symlink_metadata(&p) {
        Ok(_) => std::fs::remove_file(&p)
            .map_err(|e| StoreError::io(format!("remove {}", p.display()), e)),
        Err(_) => Ok(()),
    }
}

/// The journal's lines in order, and a note if its last line was cut off (a crash mid-write).
pub(crate) fn read(data_dir: &Path, session: &str) -> (Vec<Line>, Option<String>) {
    let p = path(data_dir, session);
    let Ok(bytes) = std::fs::read(&p) else {
        return (Vec::new(), None);
    };
    let mut lines = Vec::new();
    let mut torn = None;
    let mut rest = bytes.as_slice();
    let mut n = 0;
    while !rest.is_empty() {
        n += 1;
        let (line, next, complete) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..], true),
            None => (rest, &[][..], false),
        };
        rest = next;
        match serde_json::from_slice::<Line>(line) {
            Ok(l) if complete => lines.push(l),
            _ => {
                torn = Some(format!(
                    "{}:{n}: a change cut off by a crash could not be read",
                    p.display()
                ));
                break;
            }
        }
    }
    (lines, torn)
}

/// The sequence numbers of the journal's complete lines, read cheaply from each line's start
/// (`{"seq":N,`) without decoding the edits: how an open decides whether a backup is current.
pub(crate) fn seqs(data_dir: &Path, session: &str) -> Vec<u64> {
    let Ok(bytes) = std::fs::read(path(data_dir, session)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let Some(body) = line.strip_suffix(b"\n") else {
            break;
        };
        let Some(num) = body.strip_prefix(b"{\"seq\":") else {
            break;
        };
        let digits: Vec<u8> = num
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .copied()
            .collect();
        match std::str::from_utf8(&digits)
            .ok()
            .and_then(|d| d.parse().ok())
        {
            Some(n) => out.push(n),
            None => break,
        }
    }
    out
}

/// A session rebuilt in memory from a backup and its journal.
#[derive(Debug)]
pub(crate) struct Replay {
    pub plan: Plan,
    pub undo: VecDeque<StackEntry>,
    pub undo_floor: u64,
    pub redo: Vec<StackEntry>,
    pub log: Vec<LogEntry>,
    pub changes: u64,
    /// Changes replayed from the journal.
    pub replayed: u64,
    /// What could not be recovered, one line each (empty: nothing was lost).
    pub lost: Vec<String>,
}

impl Replay {
    /// Starts from a backup's plan and (if it has one) its history.
    pub fn new(plan: Plan, history: History) -> Replay {
        Replay {
            plan,
            undo: history.undo.into(),
            undo_floor: history.undo_floor,
            redo: history.redo,
            log: history.log,
            changes: history.changes,
            replayed: 0,
            lost: Vec::new(),
        }
    }

    /// Applies the journal's lines that follow the backup, in order, stopping at a gap.
    pub fn run(&mut self, lines: Vec<Line>, torn: Option<String>) {
        for line in lines {
            if line.seq < self.changes {
                continue;
            }
            if line.seq > self.changes {
                self.lost.push(format!(
                    "changes {} to {} are missing from the journal",
                    self.changes,
                    line.seq - 1
                ));
                return;
            }
            if let Err(why) = self.step(line) {
                self.lost.push(why);
                return;
            }
        }
        self.lost.extend(torn);
    }

    fn step(&mut self, line: Line) -> Result<(), String> {
        let seq = line.seq;
        let description = match line.action {
            Action::Do => {
                let edit = line
                    .edit
                    .ok_or_else(|| format!("change {seq} has no edit in the journal"))?;
                let inverse = edit::apply(&mut self.plan, edit)
                    .map_err(|e| format!("change {seq} does not apply: {e}"))?;
                self.undo.push_back(StackEntry {
                    edit: inverse,
                    description: line.description.clone(),
                });
                if self.undo.len() as u64 > UNDO_KEEP {
                    self.undo.pop_front();
                    self.undo_floor += 1;
                }
                self.redo.clear();
                line.description
            }
            Action::Undo | Action::Redo => {
                let popped = if line.action == Action::Undo {
                    self.undo.pop_back()
                } else {
                    self.redo.pop()
                };
                let entry =
                    popped.ok_or_else(|| format!("change {seq}: nothing to {}", line.action))?;
                let back = StackEntry {
                    edit: edit::apply(&mut self.plan, entry.edit)
                        .map_err(|e| format!("change {seq} does not apply: {e}"))?,
                    description: entry.description,
                };
                let description = back.description.clone();
                if line.action == Action::Undo {
                    self.redo.push(back);
                } else {
                    self.undo.push_back(back);
                }
                description
            }
        };
        self.log.push(LogEntry {
            seq,
            at: line.at,
            action: line.action,
            description,
        });
        self.changes += 1;
        self.replayed += 1;
        Ok(())
    }
}
