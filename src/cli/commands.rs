//! Dispatch of every command except `session`: read-only commands go to `read`, the rest open
//! the session in a `Workspace` and apply at most one edit.

use super::context::CliResult;
use super::session::{open_or_create, open_store};
use super::{
    AnswersCmd, BaselineCmd, BudgetCmd, Cli, Command, Ctx, DistrictCmd, Format, FundingCmd,
    ImportCmd, InventoryCmd, PersonCmd, RoadmapCmd, SiteCmd, StandardsCmd, UserError,
};
use crate::demo::demo_plan;
use crate::edit::Edit;
use crate::standards::lint_dir;
use crate::views::{self, listings};
use crate::workspace::Workspace;
use std::path::Path;

/// Runs a parsed command line (the TUI is started by `main` when there is no subcommand).
pub fn run(cli: Cli, ctx: &Ctx) -> CliResult {
    let Some(command) = cli.command else {
        return Err("no command given".into());
    };
    let width = views::width();
    match command {
        Command::Session(cmd) => super::session::run(cmd, ctx, demo_plan),
        Command::Portfolio { format } => super::session::portfolio(ctx, format),
        Command::Standards(StandardsCmd::Lint { dir }) => lint(ctx, dir.as_deref()),
        other @ Command::Standards(StandardsCmd::Show { .. }) => {
            super::read::read_only(other, ctx, width)
        }
        other @ Command::Standards(StandardsCmd::Set { .. } | StandardsCmd::Exempt { .. }) => {
            with_session(other, ctx)
        }
        Command::Standards(StandardsCmd::List { format }) => {
            let lib = ctx.library()?;
            match format {
                Format::Json => print_json(&listings::standards_json(&lib)),
                Format::Table => print!("{}", listings::standards_table(&lib, width)),
            }
            Ok(())
        }
        Command::Import(ImportCmd::Inventory(args)) if args.template => {
            print!("{}", crate::io::generic_template());
            Ok(())
        }
        Command::Import(ImportCmd::Standards { file }) => super::import::standards(ctx, &file),
        other @ (Command::Assess { .. }
        | Command::Inventory { action: None, .. }
        | Command::Erate { .. }
        | Command::Roadmap { action: None, .. }
        | Command::Budget { action: None, .. }
        | Command::District { action: None, .. }
        | Command::Site {
            action: None | Some(SiteCmd::List),
            ..
        }
        | Command::Funding {
            action: None | Some(FundingCmd::List),
            ..
        }
        | Command::Answers {
            action: None | Some(AnswersCmd::Export { .. }),
            ..
        }
        | Command::Setup { .. }
        | Command::Followup { .. }
        | Command::Frameworks { .. }
        | Command::Person {
            action: None | Some(PersonCmd::List),
            ..
        }
        | Command::Baseline(BaselineCmd::Diff { .. } | BaselineCmd::List)
        | Command::Export { .. }) => super::read::read_only(other, ctx, width),
        other => with_session(other, ctx),
    }
}

/// Commands that change the session's plan: each is at most one edit, through the workspace
/// (validated, saved before the command returns, recomputed), like a key in the TUI.
fn with_session(command: Command, ctx: &Ctx) -> CliResult {
    let store = open_store(ctx)?;
    // A plan imported into a new session is that session's start, not an edit of the demo.
    if let Command::Import(ImportCmd::Plan { file }) = &command
        && !store.exists(&ctx.session)?
    {
        let plan = crate::store::import_plan(&file.display().to_string(), &read(file)?)?;
        store.create(&ctx.session, &plan)?;
        println!(
            "imported {} into session {:?}: {} items, {} initiatives",
            file.display(),
            ctx.session,
            plan.items.len(),
            plan.initiatives.len()
        );
        return Ok(());
    }
    let session = open_or_create(&store, ctx, demo_plan)?;
    let mut ws = Workspace::new(Box::new(session), ctx.library()?, ctx.as_of);
    match command {
        Command::Roadmap {
            action: Some(action),
            format,
        } => roadmap_action(action, &mut ws, format == Format::Json)?,
        Command::Undo => match ws.undo()? {
            Some(edit) => println!("undone: {}", edit.describe()),
            None => return Err("nothing to undo".into()),
        },
        Command::Redo => match ws.redo()? {
            Some(edit) => println!("redone: {}", edit.describe()),
            None => return Err("nothing to redo".into()),
        },
        Command::Generate {
            items,
            initiatives,
            seed,
        } => {
            let ids: Vec<String> = ws
                .library()
                .standards
                .iter()
                .map(|s| s.id.clone())
                .collect();
            let plan = crate::generate::generate(items, initiatives, seed, &ids);
            replace_plan(&mut ws, &plan)?;
            println!(
                "session {:?} now holds a synthetic district: {} items, {} initiatives (seed {seed})",
                ws.name(),
                plan.items.len(),
                plan.initiatives.len()
            );
        }
        Command::Import(ImportCmd::Inventory(args)) => {
            super::import::inventory(&mut ws, ctx, &args)?
        }
        Command::Inventory {
            action:
                Some(InventoryCmd::MapModel {
                    model,
                    kind,
                    category,
                }),
            ..
        } => super::import::map_model(&mut ws, &model, &kind, category.as_deref())?,
        Command::Import(ImportCmd::Plan { file }) => {
            let plan = crate::store::import_plan(&file.display().to_string(), &read(&file)?)?;
            replace_plan(&mut ws, &plan)?;
            println!(
                "imported {} into session {:?}: {} items, {} initiatives",
                file.display(),
                ws.name(),
                plan.items.len(),
                plan.initiatives.len()
            );
        }
        Command::District {
            action: Some(DistrictCmd::Set { pairs }),
            ..
        } => super::district::set_district(&mut ws, &pairs)?,
        Command::Site {
            action: Some(cmd), ..
        } => super::district::site(&mut ws, cmd)?,
        Command::Funding {
            action: Some(cmd), ..
        } => super::district::funding(&mut ws, cmd)?,
        Command::Budget {
            action: Some(BudgetCmd::Cap { amount, year }),
            ..
        } => super::district::budget_cap(&mut ws, &amount, year.as_deref())?,
        Command::Budget {
            action: Some(BudgetCmd::Escalation { pct }),
            ..
        } => {
            if pct > 25 {
                return Err("escalation: a yearly percentage from 0 to 25".into());
            }
            let mut settings = ws.plan().budget.clone();
            settings.escalation_pct = Some(pct);
            ws.apply(Edit::SetBudget(settings))?;
            println!("prices escalate {pct}% a year (u to undo: `vcio undo`)");
        }
        Command::Budget {
            action: Some(BudgetCmd::Capitalisation { amount }),
            ..
        } => super::district::budget_capitalisation(&mut ws, &amount)?,
        Command::Initiative(cmd) => super::follow::initiative(&mut ws, cmd, ctx.as_of)?,
        Command::Person {
            action: Some(cmd), ..
        } => super::follow::person(&mut ws, cmd, ctx.as_of)?,
        Command::Baseline(cmd) => super::follow::baseline_save(&mut ws, cmd, ctx.as_of)?,
        Command::Answers {
            action: Some(AnswersCmd::Set { key, value }),
            ..
        } => super::answers::set(&mut ws, &key, &value)?,
        Command::Answers {
            action: Some(AnswersCmd::Unset { key }),
            ..
        } => super::answers::unset(&mut ws, &key)?,
        Command::Answers {
            action: Some(AnswersCmd::Import { file }),
            ..
        } => super::answers::import(&mut ws, &file)?,
        Command::Standards(StandardsCmd::Set { id, param, value }) => {
            super::standards_cmd::set(&mut ws, &id, &param, &value)?
        }
        Command::Standards(StandardsCmd::Exempt {
            id,
            reason,
            until,
            accepted_risk,
            clear,
        }) => super::standards_cmd::exempt(
            &mut ws,
            &id,
            reason,
            until.as_deref(),
            accepted_risk,
            clear,
        )?,
        Command::Session(_)
        | Command::Standards(_)
        | Command::Assess { .. }
        | Command::Inventory { action: None, .. }
        | Command::Erate { .. }
        | Command::Roadmap { action: None, .. }
        | Command::Budget { action: None, .. }
        | Command::District { action: None, .. }
        | Command::Site { action: None, .. }
        | Command::Funding { action: None, .. }
        | Command::Answers { .. }
        | Command::Setup { .. }
        | Command::Followup { .. }
        | Command::Frameworks { .. }
        | Command::Person { action: None, .. }
        | Command::Portfolio { .. }
        | Command::Export { .. }
        | Command::Import(ImportCmd::Standards { .. }) => unreachable_command()?,
    }
    Ok(())
}

/// Replaces the plan as one undoable edit that changes only what differs.
fn replace_plan(ws: &mut Workspace, plan: &crate::model::Plan) -> CliResult {
    let edits = crate::store::plan_diff(ws.plan(), plan);
    let n = edits.len();
    if n > 0 {
        let label = format!("import plan ({n} change{})", if n == 1 { "" } else { "s" });
        ws.apply_labeled(Edit::Batch(edits), label)?;
    }
    Ok(())
}

pub(super) fn unreachable_command() -> CliResult {
    Err("internal: command dispatched to the wrong handler".into())
}

/// A roadmap change; with `json`, what it did as one JSON document instead of lines.
fn roadmap_action(action: RoadmapCmd, ws: &mut Workspace, json: bool) -> CliResult {
    let edit = match action {
        RoadmapCmd::Move {
            id,
            quarter,
            cascade,
        } => {
            let start = quarter;
            if cascade {
                crate::roadmap::cascade_move(ws.plan(), &id, start).map_err(|e| e.to_string())?
            } else {
                Edit::MoveInitiative { id, start }
            }
        }
        RoadmapCmd::Schedule { dry_run } => {
            let result =
                crate::roadmap::schedule::schedule(ws.plan(), ws.engine().horizon(), ws.library());
            let outcome = result.outcome(ws.plan(), ws.engine().horizon());
            if json {
                let moves: Vec<serde_json::Value> = result
                    .moves
                    .iter()
                    .filter_map(|m| match m {
                        Edit::MoveInitiative { id, start } => Some(serde_json::json!({
                            "id": id,
                            "from": ws.plan().initiative(id).map(|i| i.start.to_string()),
                            "to": start.to_string(),
                        })),
                        _ => None,
                    })
                    .collect();
                let unplaced: Vec<serde_json::Value> = result
                    .unplaced
                    .iter()
                    .map(|(id, why)| serde_json::json!({"id": id, "why": why}))
                    .collect();
                let saved = !dry_run && result.edit().is_some();
                if let Some(e) = result.edit().filter(|_| saved) {
                    ws.apply(e)?;
                }
                print_json(&serde_json::json!({
                    "session": ws.name(), "moves": moves, "unplaced": unplaced,
                    "outcome": outcome, "saved": saved,
                }));
                return Ok(());
            }
            for (id, why) in &result.unplaced {
                eprintln!("vcio: warning: {id} cannot be placed: {why}");
            }
            // One line per move, "ID FROM -> TO", so a dry run can be read before saving.
            for m in &result.moves {
                if let Edit::MoveInitiative { id, start } = m {
                    let from = ws.plan().initiative(id).map(|i| i.start.to_string());
                    println!("{id} {} -> {start}", from.unwrap_or_default());
                }
            }
            match result.edit() {
                Some(_) if dry_run => {
                    println!("dry run, nothing saved: {outcome}");
                    return Ok(());
                }
                Some(e) => {
                    println!("{outcome}");
                    e
                }
                None => {
                    println!("{outcome}");
                    return Ok(());
                }
            }
        }
        RoadmapCmd::Add {
            title,
            start,
            quarters,
            one_time,
            recurring,
            funding,
            erate,
            resolves,
            owner,
            lease,
        } => {
            let (funding, funding_shares) = funding_arg(ws.plan(), funding)?;
            let erate = match erate.as_deref().map(str::to_ascii_lowercase).as_deref() {
                None => None,
                Some("c1") => Some(crate::model::ErateCategory::C1),
                Some("c2") => Some(crate::model::ErateCategory::C2),
                Some(other) => {
                    return Err(format!("--erate: expected c1 or c2, found {other:?}").into());
                }
            };
            let resolves: Vec<String> = resolves
                .unwrap_or_default()
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            if let Some(bad) = resolves.iter().find(|id| ws.library().get(id).is_none()) {
                return Err(
                    format!("--resolves: no standard {bad:?} (see `vcio standards list`)").into(),
                );
            }
            let id = ws.plan().next_initiative_id();
            let cents = |flag: &str, v: Option<String>| {
                v.map(|v| super::district::amount(flag, &v))
                    .transpose()
                    .map(Option::unwrap_or_default)
            };
            let ini = crate::model::Initiative {
                duration: quarters,
                one_time_cents: cents("--one-time", one_time)?,
                recurring_cents: cents("--recurring", recurring)?,
                funding,
                funding_shares,
                lease: lease.as_deref().map(lease_arg).transpose()?,
                erate,
                resolves,
                owner: owner.unwrap_or_default(),
                ..crate::model::Initiative::new(&id, &title, start)
            };
            ws.apply(Edit::PutInitiative(ini))?;
            if json {
                print_json(&serde_json::json!({"session": ws.name(), "id": id}));
            } else {
                println!("{id}");
            }
            return Ok(());
        }
        RoadmapCmd::Fix { standard, start } => {
            let start = start.unwrap_or_else(|| ws.engine().horizon().now_quarter().plus(1));
            let ini =
                crate::roadmap::template::from_standard(ws.plan(), ws.engine(), &standard, start)?;
            Edit::PutInitiative(ini)
        }
    };
    let description = edit.describe();
    let mut ids = std::collections::BTreeSet::new();
    collect_initiatives(&edit, &mut ids);
    ws.apply(edit)?;
    if json {
        let initiatives: Vec<serde_json::Value> = ids
            .iter()
            .filter_map(|id| ws.plan().initiative(id))
            .map(|i| {
                serde_json::json!({"id": i.id, "start": i.start.to_string(), "end": i.end().to_string()})
            })
            .collect();
        print_json(&serde_json::json!({
            "session": ws.name(), "change": description, "initiatives": initiatives,
        }));
    } else {
        println!("{description}");
    }
    Ok(())
}

/// The initiatives an edit changes (a cascade moves several).
fn collect_initiatives(edit: &Edit, ids: &mut std::collections::BTreeSet<String>) {
    match edit {
        Edit::MoveInitiative { id, .. }
        | Edit::ResizeInitiative { id, .. }
        | Edit::SetDependencies { id, .. } => {
            ids.insert(id.clone());
        }
        Edit::PutInitiative(i) => {
            ids.insert(i.id.clone());
        }
        Edit::Batch(es) => es.iter().for_each(|e| collect_initiatives(e, ids)),
        _ => {}
    }
}

/// `vcio standards lint [DIR]`: a folder's files (schema, checks, refs in the catalog, a
/// source for every param); with no folder, the shipped library and the district's own
/// folder when it has one.
fn lint(ctx: &Ctx, dir: Option<&Path>) -> CliResult {
    use crate::standards::{catalog::Catalog, provenance};
    let default = ctx.data_dir.join("standards");
    let mut diags = Vec::new();
    let what = match dir {
        Some(dir) => {
            diags.extend(lint_dir(dir));
            diags.extend(provenance::lint_dir(dir, Catalog::builtin()));
            dir.display().to_string()
        }
        None => {
            diags.extend(provenance::lint_builtin());
            if default.is_dir() {
                diags.extend(lint_dir(&default));
                diags.extend(provenance::lint_dir(&default, Catalog::builtin()));
                format!("the shipped library and {}", default.display())
            } else {
                "the shipped library".to_string()
            }
        }
    };
    if diags.is_empty() {
        println!("{what}: no problems found");
        return Ok(());
    }
    for d in &diags {
        eprintln!("{d}");
    }
    Err(format!("{} problem(s) in {what}", diags.len()).into())
}

fn read(path: &Path) -> CliResult<String> {
    crate::decode::read_file(path).map_err(UserError)
}

pub(super) fn print_json(v: &serde_json::Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into())
    );
}

/// `--funding ID`, or split funding `bond:60,general:40` (percentages adding up to 100): the
/// primary source (the largest share) and the shares.
fn funding_arg(
    plan: &crate::model::Plan,
    arg: Option<String>,
) -> CliResult<(String, Vec<crate::model::FundingShare>)> {
    let arg = arg.unwrap_or_else(|| crate::model::GENERAL_FUND.into());
    crate::model::payment::parse_funding(&plan.budget, &arg)
        .map_err(|e| UserError(format!("--funding: {e} (see `vcio funding`)")))
}

/// `--lease YEARS:RATE` ("4:3.5" or "4:3.5%").
fn lease_arg(v: &str) -> CliResult<crate::model::Lease> {
    crate::model::payment::parse_lease(v).map_err(|e| UserError(format!("--lease: {e}")))
}
