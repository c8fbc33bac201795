//! Follow-through commands that change the plan: `initiative set|checkin`, `person add|leave`,
//! `baseline save`. Each is one edit through the workspace (undoable, in the log). The views
//! (`followup`, `person list`, `baseline diff`, `budget --actuals`) are in `views::follow`.

use super::context::CliResult;
use super::district::amount;
use super::{BaselineCmd, InitiativeCmd, PersonCmd, UserError};
use crate::edit::Edit;
use crate::model::time::parse_date;
use crate::model::{Checkin, InitiativeStatus, Person, Spend, StatusChange};
use crate::workspace::Workspace;
use chrono::NaiveDate;

/// A date option: YYYY-MM-DD (or M/D/YYYY), not after `as_of` when `past` says so.
fn date(key: &str, v: Option<&str>, as_of: NaiveDate, past: bool) -> CliResult<NaiveDate> {
    let Some(v) = v else { return Ok(as_of) };
    let d = parse_date(v)
        .ok_or_else(|| UserError(format!("{key}: {v:?} is not a date like 2026-11-30")))?;
    if past && d > as_of {
        return Err(UserError(format!(
            "{key}: {d} is after the as-of date {as_of}; a check-in records what has happened"
        )));
    }
    Ok(d)
}

/// "owner Sam Okafor → Dana Ruiz" (or "owner Dana Ruiz" when there was none).
fn changed(what: &str, was: &str, now: &str) -> String {
    if was.is_empty() {
        format!("{what} {now}")
    } else {
        format!("{what} {was} → {now}")
    }
}

/// A person the plan knows, by name: their name as recorded.
fn known_person(ws: &Workspace, who: &str) -> CliResult<String> {
    match ws.plan().governance.person(who) {
        Some(p) => Ok(p.name.clone()),
        None => Err(UserError(format!(
            "no person named {who:?} (vcio person add {who:?} --role ROLE)"
        ))),
    }
}

pub fn initiative(ws: &mut Workspace, cmd: InitiativeCmd, as_of: NaiveDate) -> CliResult {
    let id = match &cmd {
        InitiativeCmd::Set { id, .. } | InitiativeCmd::Checkin { id, .. } => id.to_uppercase(),
    };
    let mut ini = ws
        .plan()
        .initiative(&id)
        .cloned()
        .ok_or_else(|| UserError(format!("no initiative {id:?} (see `vcio roadmap`)")))?;
    let said = match cmd {
        InitiativeCmd::Set { pairs, .. } => {
            let mut said = Vec::new();
            for pair in &pairs {
                let (key, value) = pair
                    .split_once('=')
                    .ok_or_else(|| UserError(format!("{pair:?}: write KEY=VALUE")))?;
                let value = value.trim();
                match key.trim() {
                    "status" => {
                        let status: InitiativeStatus = value.parse().map_err(UserError)?;
                        let was = ini.status;
                        ini.status = status;
                        ini.status_log.push(StatusChange {
                            date: as_of,
                            status,
                            by: String::new(),
                        });
                        said.push(format!("status {} → {}", was.name(), status.name()));
                    }
                    "owner" => {
                        let was = std::mem::replace(&mut ini.owner, known_person(ws, value)?);
                        said.push(changed("owner", &was, &ini.owner));
                    }
                    "sponsor" => {
                        let was = std::mem::replace(&mut ini.sponsor, known_person(ws, value)?);
                        said.push(changed("sponsor", &was, &ini.sponsor));
                    }
                    "backup" => {
                        let was = std::mem::replace(&mut ini.backup, known_person(ws, value)?);
                        said.push(changed("backup", &was, &ini.backup));
                    }
                    "stakeholders" => {
                        ini.stakeholders = value
                            .split(',')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect();
                        said.push(format!("stakeholders {}", ini.stakeholders.join(", ")));
                    }
                    "board_approved" => {
                        let d = date("board_approved", Some(value), as_of, true)?;
                        ini.board_approved = Some(d);
                        said.push(format!("board approved {d}"));
                    }
                    other => {
                        return Err(UserError(format!(
                            "{other:?} cannot be set (status, owner, sponsor, backup, stakeholders, board_approved)"
                        )));
                    }
                }
            }
            said.join(", ")
        }
        InitiativeCmd::Checkin {
            percent,
            note,
            next,
            due,
            spent,
            source,
            spent_for,
            date: when,
            ..
        } => {
            let day = date("--date", when.as_deref(), as_of, true)?;
            let next_due = due
                .as_deref()
                .map(|d| date("--due", Some(d), as_of, false))
                .transpose()?;
            let spent = match spent {
                Some(a) => Some(Spend {
                    cents: amount("--spent", &a)?,
                    source: source.unwrap_or_else(|| ini.funding.clone()),
                    what: spent_for,
                }),
                None if source.is_some() => {
                    return Err(UserError(
                        "--source names who paid --spent; give --spent too".into(),
                    ));
                }
                None => None,
            };
            let money = spent
                .as_ref()
                .map(|s| format!(", spent {}", crate::budget::money(s.cents)))
                .unwrap_or_default();
            let about = [note.as_str(), next.as_str()]
                .iter()
                .filter(|t| !t.is_empty())
                .map(|t| format!(" ({t})"))
                .collect::<String>();
            let checkin = Checkin {
                date: day,
                percent,
                note,
                next_step: next,
                next_due,
                spent,
            };
            ini = crate::follow::with_checkin(ws.plan(), &id, checkin, as_of).map_err(UserError)?;
            format!("check-in {day}: {percent}% complete{money}{about}")
        }
    };
    // The log says what happened in words (the minutes read it), not "put initiative".
    ws.apply_labeled(Edit::PutInitiative(ini), format!("{id}: {said}"))?;
    println!("{id}: {said}");
    Ok(())
}

pub fn person(ws: &mut Workspace, cmd: PersonCmd, as_of: NaiveDate) -> CliResult {
    let mut g = ws.plan().governance.clone();
    let said = match cmd {
        PersonCmd::List => return super::commands::unreachable_command(),
        PersonCmd::Add { name, role } => {
            let name = name.trim().to_string();
            if g.person(&name).is_some() {
                return Err(UserError(format!("{name} is already in the people list")));
            }
            g.people.push(Person {
                name: name.clone(),
                role: role.trim().to_string(),
                left_on: None,
            });
            format!("added {name}")
        }
        PersonCmd::Leave { name, date: when } => {
            let day = date("--date", when.as_deref(), as_of, true)?;
            let p = g
                .people
                .iter_mut()
                .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| UserError(format!("no person named {name:?}")))?;
            p.left_on = Some(day);
            let who = p.name.clone();
            let theirs: Vec<String> = ws
                .plan()
                .initiatives
                .iter()
                .filter(|i| !i.status.closed())
                .filter(|i| {
                    i.owner.eq_ignore_ascii_case(&who) || i.sponsor.eq_ignore_ascii_case(&who)
                })
                .map(|i| i.id.clone())
                .collect();
            if theirs.is_empty() {
                format!("{who} left on {day}; they own or sponsor no open initiative")
            } else {
                format!(
                    "{who} left on {day}; owner or sponsor of {}",
                    theirs.join(", ")
                )
            }
        }
    };
    ws.apply_labeled(Edit::SetGovernance(g), said.clone())?;
    println!("{said}");
    if said.contains("owner or sponsor of") {
        println!("(vcio followup lists them; reassign with vcio initiative set ID owner=NAME)");
    }
    Ok(())
}

pub fn baseline_save(ws: &mut Workspace, cmd: BaselineCmd, as_of: NaiveDate) -> CliResult {
    let BaselineCmd::Save { name } = cmd else {
        return super::commands::unreachable_command();
    };
    let mut g = ws.plan().governance.clone();
    if g.baseline(&name).is_some() {
        return Err(UserError(format!(
            "a baseline named {name:?} exists already"
        )));
    }
    let b = crate::follow::baseline::snapshot(ws.plan(), &name, as_of);
    let n = b.initiatives.len();
    g.baselines.push(b);
    let said = format!("baseline {name} saved: {n} initiatives as of {as_of}");
    ws.apply_labeled(Edit::SetGovernance(g), said.clone())?;
    println!("{said}");
    Ok(())
}
