//! `vcio standards set` and `vcio standards exempt`: the district's own thresholds and the
//! standards it sets aside, each one undoable edit. (`standards show` is a view:
//! `views::standard`.)

use super::UserError;
use super::context::CliResult;
use crate::edit::Edit;
use crate::model::{Exemption, ExemptionKind};
use crate::workspace::Workspace;

fn known(ws: &Workspace, id: &str) -> CliResult<()> {
    ws.library().get(id).map(|_| ()).ok_or_else(|| {
        UserError(format!(
            "no standard {:?} (see `vcio standards list`)",
            crate::decode::excerpt(id, 40)
        ))
    })
}

/// `vcio standards set ID PARAM VALUE` (`none` returns to the library's value).
pub fn set(ws: &mut Workspace, id: &str, param: &str, value: &str) -> CliResult {
    known(ws, id)?;
    let Some(std) = ws.library().get(id) else {
        return Ok(());
    };
    if !std.params.contains_key(param) {
        let names: Vec<&str> = std.params.keys().map(String::as_str).collect();
        return Err(if names.is_empty() {
            format!("{id} has no parameters a district can change")
        } else {
            format!(
                "{id} has no parameter {param:?}; it has: {}",
                names.join(", ")
            )
        }
        .into());
    }
    let default = std.params[param];
    let key = format!("{id}.{param}");
    let value = if value.eq_ignore_ascii_case("none") {
        None
    } else {
        match value.replace(',', "").parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
            _ => {
                return Err(
                    format!("{param}: expected a number, 0 or more, found {value:?}").into(),
                );
            }
        }
    };
    ws.apply(Edit::SetOverride {
        key: key.clone(),
        value,
    })?;
    match value {
        Some(v) => println!("{key} = {v} for this district (library default {default})"),
        None => println!("{key} back to the library default {default}"),
    }
    Ok(())
}

/// `vcio standards exempt ID --reason TEXT [--until DATE] [--accepted-risk] | --clear`.
pub fn exempt(
    ws: &mut Workspace,
    id: &str,
    reason: Option<String>,
    until: Option<&str>,
    accepted_risk: bool,
    clear: bool,
) -> CliResult {
    known(ws, id)?;
    let mut d = ws.plan().district.clone();
    let said = if clear {
        if d.exemptions.remove(id).is_none() {
            return Err(format!("{id} is not set aside").into());
        }
        format!("{id} is judged again")
    } else {
        let reason = reason
            .filter(|r| !r.trim().is_empty())
            .ok_or("give the reason with --reason TEXT (it is shown wherever the standard is)")?;
        let until = until
            .map(|u| {
                crate::model::time::parse_date(u).ok_or_else(|| {
                    UserError(format!(
                        "--until: expected a date like 2027-06-30 or 6/30/2027, found {u:?}"
                    ))
                })
            })
            .transpose()?;
        let kind = if accepted_risk {
            ExemptionKind::AcceptedRisk
        } else {
            ExemptionKind::NotApplicable
        };
        d.exemptions.insert(
            id.to_string(),
            Exemption {
                kind,
                reason,
                until,
            },
        );
        let what = if accepted_risk {
            "an accepted risk"
        } else {
            "not applicable"
        };
        match until {
            Some(u) => format!("{id} is {what} until {u} (then flagged for review)"),
            None => format!("{id} is {what}"),
        }
    };
    ws.apply(Edit::SetDistrict(d))?;
    println!("{said}");
    Ok(())
}
