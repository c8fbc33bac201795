//! `vcio session ...`: list, create, fork, delete, compare and restore sessions, and show a
//! session's log. Also `open_or_create`, which every plan-reading command uses to get the
//! session named by `--session` (created from the demo district on first use).
//!
//! Output is aligned plain-text tables that fit 80 columns; every failure is one line and leaves
//! the data directory as it was.

use super::context::CliResult;
use super::{Ctx, SessionCmd, UserError};
use crate::derive::Engine;
use crate::model::Plan;
use crate::store::{self, LogEntry, Session, SessionInfo, Store, StoreError};
use crate::views::table::Table;

impl From<StoreError> for UserError {
    fn from(e: StoreError) -> Self {
        UserError(e.to_string())
    }
}

/// Runs a `vcio session` subcommand. `demo` builds the demo district for `new`.
pub fn run(cmd: SessionCmd, ctx: &Ctx, demo: impl Fn() -> Plan) -> CliResult {
    if let SessionCmd::Restore { force } = cmd {
        return restore(ctx, force);
    }
    let store = open_store(ctx)?;
    match cmd {
        SessionCmd::List { format } => match format {
            super::Format::Table => print!(
                "{}",
                render_list(&store.sessions()?, &ctx.session, crate::views::width())
            ),
            super::Format::Json => super::commands::print_json(
                &serde_json::json!({"current": ctx.session, "sessions": store.sessions()?}),
            ),
        },
        SessionCmd::New { name, empty } => {
            let plan = if empty { Plan::default() } else { demo() };
            store.create(&name, &plan)?;
            let from = if empty {
                "empty"
            } else {
                "from the demo district"
            };
            println!("created session {name:?} ({from})");
        }
        SessionCmd::Fork { from, to } => {
            store.fork(&from, &to)?;
            println!("forked {from:?} into {to:?}");
        }
        SessionCmd::Delete { name } => {
            store.delete(&name)?;
            println!("deleted session {name:?}");
        }
        SessionCmd::Compare { a, b } => {
            let sa = store.open_session(&a)?;
            let sb = store.open_session(&b)?;
            let library = ctx.library()?;
            let da = Engine::new(sa.plan(), library.clone(), ctx.as_of);
            let db = Engine::new(sb.plan(), library, ctx.as_of);
            let sides = [
                (sa.name(), sa.plan(), da.derived()),
                (sb.name(), sb.plan(), db.derived()),
            ];
            print!(
                "{}",
                crate::views::compare::render(sides, crate::views::width())
            );
        }
        SessionCmd::Log { since, format } => {
            if !store.exists(&ctx.session)? {
                return Err(StoreError::NoSuchSession(ctx.session.clone()).into());
            }
            let session = store.open_session(&ctx.session)?;
            let since = since
                .as_deref()
                .map(|s| {
                    crate::model::time::parse_date(s).ok_or_else(|| {
                        UserError(format!("--since: {s:?} is not a date like 2026-11-01"))
                    })
                })
                .transpose()?;
            let log: Vec<LogEntry> = session
                .log()?
                .into_iter()
                .filter(|e| since.is_none_or(|d| day_of(&e.at).is_none_or(|day| day >= d)))
                .collect();
            match format {
                super::LogFormat::Table => {
                    print!(
                        "{}",
                        render_log(session.name(), &log, crate::views::width())
                    )
                }
                super::LogFormat::Json => super::commands::print_json(
                    &serde_json::json!({"session": session.name(), "log": log}),
                ),
                super::LogFormat::Markdown => print!("{}", minutes(session.name(), since, &log)),
            }
        }
        SessionCmd::Restore { .. } => {}
    }
    Ok(())
}

/// `vcio portfolio`: every session's row, districts by attention with their scenarios.
/// One district after another: spreading them over threads was measured slower (sled's reads
/// contend), see the closing note of the portfolio work.
pub fn portfolio(ctx: &Ctx, format: super::Format) -> CliResult {
    let store = open_store(ctx)?;
    let library = ctx.library()?;
    let mut rows = Vec::new();
    for info in store.sessions()? {
        let session = store.open_session(&info.name)?;
        rows.push(crate::views::portfolio::row(
            &info.name,
            info.forked_from.as_deref(),
            session.plan(),
            library.clone(),
            ctx.as_of,
        ));
    }
    let rows = crate::views::portfolio::order(rows);
    match format {
        super::Format::Table => print!(
            "{}",
            crate::views::portfolio::table(&rows, crate::views::width())
        ),
        super::Format::Json => {
            super::commands::print_json(&serde_json::json!({"as_of": ctx.as_of, "districts": rows}))
        }
    }
    Ok(())
}

/// Opens the store for a command, printing any backup warnings to stderr.
pub fn open_store(ctx: &Ctx) -> CliResult<Store> {
    let store = Store::open(&ctx.data_dir)?;
    for w in store.warnings() {
        eprintln!("vcio: warning: {w}");
    }
    Ok(store)
}

/// The session named by `--session`, created from the demo district if it does not exist yet.
pub fn open_or_create(store: &Store, ctx: &Ctx, demo: impl Fn() -> Plan) -> CliResult<Session> {
    if !store.exists(&ctx.session)? {
        store.create(&ctx.session, &demo())?;
    }
    Ok(store.open_session(&ctx.session)?)
}

fn restore(ctx: &Ctx, force: bool) -> CliResult {
    if !force {
        match Store::open(&ctx.data_dir) {
            Ok(_) => return Err(StoreError::Healthy(ctx.data_dir.join("db")).into()),
            Err(StoreError::Corrupt { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let report = store::restore_latest(&ctx.data_dir)?;
    if let Some(old) = &report.moved_aside {
        println!("moved the old database to {}", old.display());
    }
    for r in &report.restored {
        println!(
            "restored session {:?} from {} and {} journalled change(s) after it: {} change(s) in all, undo history and log kept",
            r.name,
            r.backup.display(),
            r.replayed,
            r.changes
        );
        for why in &r.lost {
            eprintln!("vcio: warning: session {:?}: not recovered: {why}", r.name);
        }
    }
    for why in &report.skipped {
        eprintln!("vcio: warning: not restored: {why}");
    }
    Ok(())
}

/// `vcio session list`.
pub fn render_list(sessions: &[SessionInfo], current: &str, width: usize) -> String {
    if sessions.is_empty() {
        return "no sessions yet (one is created with the demo district on first use)\n".into();
    }
    let mut t = Table::new(&[
        "  Session",
        "Created",
        "Changed",
        "Edits",
        "Items",
        "Initiatives",
    ])
    .right(&[3, 4, 5])
    .flex(0);
    for s in sessions {
        let mark = if s.name == current { "*" } else { " " };
        t.row(vec![
            format!("{mark} {}", s.name),
            short_time(&s.created),
            short_time(&s.modified),
            s.edits.to_string(),
            s.items.to_string(),
            s.initiatives.to_string(),
        ]);
    }
    t.render(width)
}

/// `vcio session log`.
pub fn render_log(session: &str, log: &[LogEntry], width: usize) -> String {
    if log.is_empty() {
        return format!("no changes yet in session {session:?}\n");
    }
    let mut t = Table::new(&["#", "When", "Action", "Change"]).right(&[0]);
    for e in log {
        t.row(vec![
            (e.seq + 1).to_string(),
            short_time(&e.at),
            e.action.to_string(),
            e.description.clone(),
        ]);
    }
    t.render(width)
}

/// The day of a log timestamp.
fn day_of(rfc3339: &str) -> Option<chrono::NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|t| t.date_naive())
}

/// The log as meeting minutes: a heading per day, each change in words with its time.
pub fn minutes(session: &str, since: Option<chrono::NaiveDate>, log: &[LogEntry]) -> String {
    let mut out = match since {
        Some(d) => format!("# Changes to {session} since {d}\n\n"),
        None => format!("# Changes to {session}\n\n"),
    };
    if log.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let mut day = None;
    for e in log {
        let d = day_of(&e.at);
        if d != day {
            day = d;
            let heading = d.map_or_else(|| e.at.clone(), |d| d.format("%A %-d %B %Y").to_string());
            out.push_str(&format!("\n## {heading}\n\n"));
        }
        let time = chrono::DateTime::parse_from_rfc3339(&e.at)
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        let what = crate::reports::markdown::esc(&e.description);
        let action = match e.action.to_string().as_str() {
            "undo" => "Undid: ",
            "redo" => "Redid: ",
            _ => "",
        };
        out.push_str(&format!("- {time} {action}{what}\n"));
    }
    out
}

/// `2026-11-22T10:31:05-05:00` -> `2026-11-22 10:31` (anything unexpected is shown as is).
fn short_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| rfc3339.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Action;

    #[test]
    fn tables_fit_80_columns_and_align() {
        let log: Vec<LogEntry> = (0..12)
            .map(|n| LogEntry {
                seq: n,
                at: "2026-11-22T10:31:05-05:00".into(),
                action: Action::Do,
                description: format!(
                    "{n} changes: {}",
                    "put item CB-2021 (Chromebook); ".repeat(5)
                ),
            })
            .collect();
        let text = render_log("default", &log, 80);
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        assert!(text.contains("2026-11-22 10:31"));
        let cols: Vec<usize> = text
            .lines()
            .map(|l| l.find("do").unwrap_or(0))
            .skip(1)
            .collect();
        assert!(cols.windows(2).all(|w| w[0] == w[1]), "{text}");
    }

    #[test]
    fn list_marks_the_current_session() {
        let s = |name: &str| SessionInfo {
            name: name.into(),
            created: "2026-11-22T10:31:05+00:00".into(),
            modified: "2026-11-23T08:00:00+00:00".into(),
            edits: 3,
            items: 120_000,
            initiatives: 40,
            forked_from: None,
        };
        let text = render_list(&[s("default"), s("what-if")], "what-if", 80);
        assert!(text.contains("* what-if"), "{text}");
        assert!(text.contains("  default"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 80));
    }
}
