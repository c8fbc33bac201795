//! `vcio session ...`: list, create, fork, delete, compare and restore sessions, and show a
//! session's log. Also `open_or_create`, which every plan-reading command uses to get the
//! session named by `--session` (created from the demo district on first use).
//!
//! Output is aligned plain-text tables that fit 80 columns; every failure is one line and leaves
//! the data directory as it was.

use super::context::CliResult;
use super::{Ctx, SessionCmd, UserError};
use crate::budget::money;
use crate::derive::{Derived, Engine};
use crate::model::{FiscalYear, Initiative, Plan};
use crate::store::{
    self, ChangeKind, LogEntry, Session, SessionInfo, Store, StoreError, initiative_changes,
};
use crate::views::table::Table;
use std::collections::BTreeSet;

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
        SessionCmd::List => print!(
            "{}",
            render_list(&store.sessions()?, &ctx.session, crate::views::width())
        ),
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
            let sides = [(&sa, da.derived()), (&sb, db.derived())];
            print!("{}", render_compare(sides, crate::views::width()));
        }
        SessionCmd::Log => {
            if !store.exists(&ctx.session)? {
                return Err(StoreError::NoSuchSession(ctx.session.clone()).into());
            }
            let session = store.open_session(&ctx.session)?;
            let width = crate::views::width();
            print!("{}", render_log(session.name(), &session.log()?, width));
        }
        SessionCmd::Restore { .. } => {}
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

/// `vcio session compare A B`: compliance and spend per fiscal year, spend per source, and the
/// initiatives that differ.
pub fn render_compare(sides: [(&Session, &Derived); 2], width: usize) -> String {
    let [(a, da), (b, db)] = sides;
    let mut out = format!("A = {:?}, B = {:?}\n\n", a.name(), b.name());
    let years: BTreeSet<FiscalYear> = [da, db]
        .iter()
        .flat_map(|d| d.budget.years.iter().map(|y| y.fiscal_year))
        .chain(
            [da, db]
                .iter()
                .flat_map(|d| d.projected.iter().map(|y| y.fiscal_year)),
        )
        .collect();
    let passing = |d: &Derived, fy: FiscalYear| {
        d.projected
            .iter()
            .find(|y| y.fiscal_year == fy)
            .map_or("-".to_string(), |y| {
                let pct = (y.compliance() * 100.0).round();
                format!("{}/{} {pct}%", y.passing, y.outcomes.len())
            })
    };
    let year_budget =
        |d: &Derived, fy: FiscalYear| d.budget.years.iter().find(|y| y.fiscal_year == fy).cloned();
    let spend = |d: &Derived, fy: FiscalYear| {
        year_budget(d, fy).map_or("-".to_string(), |y| {
            format!(
                "{}{}",
                money(y.total_cents),
                if y.over_cap { " !" } else { "" }
            )
        })
    };
    let total = |d: &Derived, fy: FiscalYear| year_budget(d, fy).map_or(0, |y| y.total_cents);
    let mut t = Table::new(&[
        "Year",
        "Passing A",
        "Passing B",
        "Spend A",
        "Spend B",
        "B - A",
    ])
    .right(&[1, 2, 3, 4, 5]);
    for &fy in &years {
        t.row(vec![
            fy.to_string(),
            passing(da, fy),
            passing(db, fy),
            spend(da, fy),
            spend(db, fy),
            signed(total(db, fy) - total(da, fy)),
        ]);
    }
    out.push_str(&t.render(width));
    out.push_str("(! = over a cap that year; passing counts initiatives done by then)\n\n");

    let mut by_source = Table::new(&["Year", "Source", "A", "B", "B - A"]).right(&[2, 3, 4]);
    for &fy in &years {
        let (ya, yb) = (year_budget(da, fy), year_budget(db, fy));
        let sources: BTreeSet<&String> = ya
            .iter()
            .chain(yb.iter())
            .flat_map(|y| y.by_source.keys())
            .collect();
        for src in sources {
            let get = |y: &Option<crate::budget::YearBudget>| {
                y.as_ref()
                    .and_then(|y| y.by_source.get(src))
                    .copied()
                    .unwrap_or(0)
            };
            let (x, z) = (get(&ya), get(&yb));
            if x != 0 || z != 0 {
                by_source.row(vec![
                    fy.to_string(),
                    src.clone(),
                    money(x),
                    money(z),
                    signed(z - x),
                ]);
            }
        }
    }
    if !by_source.is_empty() {
        out.push_str(&by_source.render(width));
        out.push('\n');
    }

    let changes = initiative_changes(a.plan(), b.plan());
    if changes.is_empty() {
        out.push_str("the initiatives are the same in both sessions\n");
        return out;
    }
    out.push_str(&format!("{} initiative(s) differ:\n", changes.len()));
    let span =
        |i: Option<&Initiative>| i.map_or("-".to_string(), |i| format!("{}..{}", i.start, i.end()));
    let mut t = Table::new(&["Initiative", "How", "A", "B", "What"]);
    for c in &changes {
        let (what, detail) = match &c.kind {
            ChangeKind::Added => ("added", title(c.b)),
            ChangeKind::Removed => ("removed", title(c.a)),
            ChangeKind::Moved => ("moved", title(c.b)),
            ChangeKind::Changed { fields } => ("changed", fields.join(", ")),
        };
        t.row(vec![
            c.id.to_string(),
            what.into(),
            span(c.a),
            span(c.b),
            detail,
        ]);
    }
    out.push_str(&t.render(width));
    out
}

fn title(i: Option<&Initiative>) -> String {
    i.map(|i| i.title.clone()).unwrap_or_default()
}

/// Money with an explicit sign for differences: `+$1,200`, `-$300`, `0`.
fn signed(cents: i64) -> String {
    match cents {
        0 => "0".into(),
        c if c > 0 => format!("+{}", money(c)),
        c => money(c),
    }
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
        };
        let text = render_list(&[s("default"), s("what-if")], "what-if", 80);
        assert!(text.contains("* what-if"), "{text}");
        assert!(text.contains("  default"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 80));
    }

    #[test]
    fn differences_carry_a_sign() {
        assert_eq!(signed(123_456_700), "+$1,234,567");
        assert_eq!(signed(0), "0");
        assert_eq!(signed(-100_000), "-$1,000");
    }
}
