//! The commands that only read a session: assessment, inventory, roadmap, budget, exports,
//! the district, sites, funding, the questionnaire, one standard and the setup checklist. While
//! another vcio holds the database (or the data directory cannot be written) they read the
//! newest backup plus the edit journal instead, and say so on stderr.

use super::commands::{print_json, unreachable_command};
use super::context::CliResult;
use super::session::open_or_create;
use super::{AnswersCmd, Command, Ctx, ExportFormat, Format, StandardsCmd, UserError};
use crate::demo::demo_plan;
use crate::derive::Engine;
use crate::standards::Library;
use crate::views::{self, assess::AssessView, listings, roadmap};
use std::path::Path;

/// Commands that only read the session's plan. While another vcio holds the database (or the
/// data directory cannot be written) they read the newest backup plus the edit journal, which
/// reach the newest acknowledged edit, and say so on stderr.
pub(super) fn read_only(command: Command, ctx: &Ctx, width: usize) -> CliResult {
    let library = ctx.library()?;
    match crate::store::Store::open(&ctx.data_dir) {
        Ok(store) => {
            for w in store.warnings() {
                eprintln!("vcio: warning: {w}");
            }
            let session = open_or_create(&store, ctx, demo_plan)?;
            let log = || session.log().unwrap_or_default();
            view(
                command,
                session.name(),
                session.plan(),
                &log,
                library,
                ctx,
                width,
            )
        }
        Err(e) if e.read_only_reason().is_some() => {
            let why = e.read_only_reason().unwrap_or_default();
            // No backup to read: the original refusal is the better message.
            let snap = crate::store::read_snapshot(&ctx.data_dir, &ctx.session)
                .map_err(|_| UserError::from(e))?;
            eprintln!(
                "vcio: note: {why}; read session {:?} from its backup and journal (change {})",
                snap.name, snap.changes
            );
            for why in &snap.lost {
                eprintln!("vcio: warning: {why}");
            }
            // The backup carries no log; changes are listed without the entries that made them.
            view(
                command,
                &snap.name,
                &snap.plan,
                &Vec::new,
                library,
                ctx,
                width,
            )
        }
        Err(e) => Err(e.into()),
    }
}

/// The session's log, read only by the commands that show it.
type ReadLog<'a> = &'a dyn Fn() -> Vec<crate::store::LogEntry>;

fn view(
    command: Command,
    name: &str,
    plan: &crate::model::Plan,
    log: ReadLog,
    library: Library,
    ctx: &Ctx,
    width: usize,
) -> CliResult {
    match command {
        Command::Assess {
            year,
            baseline,
            format,
        } => {
            let engine = Engine::new(plan, library, ctx.as_of);
            let h = engine.horizon();
            let year = match year {
                None => 0,
                Some(fy) => h.year_index(fy).ok_or_else(|| {
                    format!(
                        "--year: {fy} is outside the planning horizon {}-{}",
                        h.years[0],
                        h.years[h.years.len() - 1]
                    )
                })?,
            };
            let view = AssessView {
                session: name,
                district: &plan.district.name,
                library: engine.library(),
                derived: engine.derived(),
                year,
                baseline,
            };
            match format {
                Format::Json => print_json(&view.json()),
                Format::Table => print!("{}", view.table(width)),
            }
        }
        Command::Inventory { format, .. } => match format {
            Format::Json => print_json(&listings::inventory_json(name, plan)),
            Format::Table => print!("{}", listings::inventory_table(plan, width)),
        },
        Command::Roadmap {
            action: None,
            format,
        } => {
            let engine = Engine::new(plan, library, ctx.as_of);
            match format {
                Format::Json => print_json(&roadmap::roadmap_json(name, plan, engine.derived())),
                Format::Table => {
                    print!("{}", roadmap::roadmap_table(plan, engine.derived(), width))
                }
            }
        }
        Command::Erate { format } => {
            let engine = Engine::new(plan, library, ctx.as_of);
            match format {
                Format::Json => print_json(&views::erate::json(name, plan, engine.derived())),
                Format::Table => print!("{}", views::erate::table(plan, engine.derived(), width)),
            }
        }
        Command::Budget {
            actuals: true,
            format,
            ..
        } => {
            let horizon = crate::model::Horizon::new(&plan.district, ctx.as_of);
            let a = crate::follow::actuals::actuals(plan, &horizon);
            match format {
                Format::Json => print_json(&serde_json::to_value(&a).unwrap_or_default()),
                Format::Table => print!("{}", views::follow::actuals_table(&a, width)),
            }
        }
        Command::Frameworks { year, format } => {
            let engine = Engine::new(plan, library, ctx.as_of);
            let d = engine.derived();
            let later = match year {
                None => d.horizon.years.len().saturating_sub(1),
                Some(fy) => d
                    .horizon
                    .year_index(fy)
                    .ok_or_else(|| format!("--year: {fy} is outside the planning horizon"))?,
            };
            match format {
                Format::Json => print_json(&views::frameworks::json(name, engine.library(), d)),
                Format::Table => print!(
                    "{}",
                    views::frameworks::text(engine.library(), d, &[0, later], width)
                ),
            }
        }
        Command::Followup { format } => {
            let horizon = crate::model::Horizon::new(&plan.district, ctx.as_of);
            let flags = crate::follow::flags(plan, &horizon);
            match format {
                Format::Json => print_json(
                    &serde_json::to_value(views::follow::Followup {
                        session: name,
                        as_of: ctx.as_of,
                        flags: &flags,
                    })
                    .unwrap_or_default(),
                ),
                Format::Table => print!("{}", views::follow::followup_table(&flags, width)),
            }
        }
        Command::Person { format, .. } => match format {
            Format::Json => print_json(&views::follow::people_json(&plan.governance)),
            Format::Table => print!("{}", views::follow::people_table(plan, width)),
        },
        Command::Baseline(super::BaselineCmd::List) => {
            print!(
                "{}",
                views::follow::baselines_table(&plan.governance, width)
            )
        }
        Command::Baseline(super::BaselineCmd::Diff {
            name: wanted,
            format,
        }) => {
            let g = &plan.governance;
            let b = match &wanted {
                Some(n) => g.baseline(n).ok_or_else(|| {
                    UserError(format!(
                        "no baseline named {n:?} (see `vcio baseline list`)"
                    ))
                })?,
                None => g.baselines.iter().max_by_key(|b| b.date).ok_or_else(|| {
                    UserError(
                        "no baseline yet: vcio baseline save NAME snapshots the roadmap".into(),
                    )
                })?,
            };
            let mut changes = crate::follow::baseline::diff(plan, b);
            crate::follow::baseline::attribute(&mut changes, b, &log_lines(&log()));
            match format {
                Format::Json => print_json(
                    &serde_json::to_value(views::follow::BaselineDiff {
                        baseline: &b.name,
                        date: b.date,
                        changes: &changes,
                    })
                    .unwrap_or_default(),
                ),
                Format::Table => {
                    print!("{}", views::follow::baseline_diff_table(b, &changes, width))
                }
            }
        }
        Command::Budget { format, .. } => {
            let engine = Engine::new(plan, library, ctx.as_of);
            match format {
                Format::Json => print_json(&roadmap::budget_json(name, plan, engine.derived())),
                Format::Table => print!(
                    "{}",
                    roadmap::budget_table(engine.derived(), &plan.budget, width)
                ),
            }
        }
        Command::Export { format, out } => {
            export(name, plan, log, library, ctx, format, out.as_deref())?
        }
        Command::District { format, .. } => match format {
            Format::Json => print_json(&views::district::district_json(&plan.district)),
            Format::Table => print!("{}", views::district::district_table(&plan.district, width)),
        },
        Command::Site { format, .. } => match format {
            Format::Json => print_json(&views::district::sites_json(&plan.district)),
            Format::Table => print!("{}", views::district::sites_table(&plan.district, width)),
        },
        Command::Funding { format, .. } => match format {
            Format::Json => print_json(&views::district::funding_json(&plan.budget)),
            Format::Table => print!("{}", views::district::funding_table(&plan.budget, width)),
        },
        Command::Answers {
            action: Some(AnswersCmd::Export { out }),
            ..
        } => {
            let text = views::answers::csv(&library, plan)?;
            std::fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))?;
            println!(
                "wrote {}: fill in the answer column, then `vcio answers import {}`",
                out.display(),
                out.display()
            );
        }
        Command::Answers { format, .. } => match format {
            Format::Json => print_json(&views::answers::json(&library, plan)),
            Format::Table => print!("{}", views::answers::table(&library, plan, width)),
        },
        Command::Setup { format } => {
            let engine = Engine::new(plan, library, ctx.as_of);
            let list = crate::setup::checklist(plan, engine.library(), engine.derived());
            match format {
                Format::Json => print_json(&serde_json::to_value(&list).unwrap_or_default()),
                Format::Table => print!("{}", views::setup::table(&list, width)),
            }
        }
        Command::Standards(StandardsCmd::Show { id, format }) => {
            let engine = Engine::new(plan, library, ctx.as_of);
            let (lib, d) = (engine.library(), engine.derived());
            let missing = || UserError(format!("no standard {id:?} (see `vcio standards list`)"));
            match format {
                Format::Json => {
                    print_json(&views::standard::json(lib, plan, d, &id).ok_or_else(missing)?)
                }
                Format::Table => print!(
                    "{}",
                    views::standard::text(lib, plan, d, &id, width).ok_or_else(missing)?
                ),
            }
        }
        _ => unreachable_command()?,
    }
    Ok(())
}

/// The log as the baseline diff reads it.
pub(super) fn log_lines(
    log: &[crate::store::LogEntry],
) -> Vec<crate::follow::baseline::LogLine<'_>> {
    log.iter()
        .map(|e| crate::follow::baseline::LogLine {
            at: &e.at,
            action: match e.action {
                crate::store::Action::Do => "do",
                crate::store::Action::Undo => "undo",
                crate::store::Action::Redo => "redo",
            },
            description: &e.description,
        })
        .collect()
}

fn export(
    name: &str,
    plan: &crate::model::Plan,
    log: ReadLog,
    library: Library,
    ctx: &Ctx,
    format: ExportFormat,
    out: Option<&Path>,
) -> CliResult {
    let text = match format {
        ExportFormat::Ron => crate::store::export_ron(plan),
        ExportFormat::Markdown | ExportFormat::Html | ExportFormat::Csv | ExportFormat::Json => {
            let engine = Engine::new(plan, library, ctx.as_of);
            let log = log();
            let log = log_lines(&log);
            let input = crate::reports::ReportInput {
                session: name,
                as_of: ctx.as_of,
                plan,
                library: engine.library(),
                derived: engine.derived(),
                log: &log,
            };
            match format {
                ExportFormat::Markdown => crate::reports::markdown(&input),
                ExportFormat::Html => crate::reports::html(&input),
                ExportFormat::Csv => crate::reports::csv(&input),
                _ => crate::reports::json(&input),
            }
        }
    };
    match out {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}
