//! Setting a district up from the command line: `vcio district set`, `vcio site ...`,
//! `vcio funding ...` and `vcio budget cap`. Each command is one edit through the workspace
//! (validated, saved, undoable, in the log); a bad value is one line naming the key, and
//! nothing changes.

use super::context::CliResult;
use super::{FundingCmd, SiteCmd, UserError};
use crate::edit::Edit;
use crate::model::{FiscalYear, FundingSource, Reimbursement, Site, SourceKind, SpendKind};
use crate::workspace::Workspace;

/// `KEY=VALUE` arguments, in order.
fn pairs(args: &[String]) -> CliResult<Vec<(String, String)>> {
    if args.is_empty() {
        return Err("give at least one KEY=VALUE".into());
    }
    args.iter()
        .map(|a| match a.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                Ok((k.trim().to_ascii_lowercase(), v.trim().to_string()))
            }
            _ => Err(UserError(format!(
                "expected KEY=VALUE, found {:?}",
                crate::decode::excerpt(a, 40)
            ))),
        })
        .collect()
}

fn bad(key: &str, want: &str, v: &str) -> UserError {
    UserError(format!(
        "{key}: expected {want}, found {:?}",
        crate::decode::excerpt(v, 40)
    ))
}

/// A count: a whole number, 0 or more.
pub fn count<T: std::str::FromStr>(key: &str, v: &str) -> CliResult<T> {
    v.replace(',', "")
        .parse()
        .map_err(|_| bad(key, "a whole number, 0 or more", v))
}

fn percent(key: &str, v: &str) -> CliResult<u8> {
    match v.trim_end_matches('%').parse::<u8>() {
        Ok(n) if n <= 100 => Ok(n),
        _ => Err(bad(key, "a percentage 0-100", v)),
    }
}

fn flag(key: &str, v: &str) -> CliResult<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(bad(key, "true or false", v)),
    }
}

/// Money as people write it: `250000`, `250,000.00` or `$250,000` (dollars), never negative.
pub fn amount(key: &str, v: &str) -> CliResult<i64> {
    match crate::io::csv_util::parse_money_cents(v) {
        Ok(Some(c)) if c >= 0 => Ok(c),
        Ok(Some(_)) => Err(UserError(format!("{key}: an amount cannot be negative"))),
        _ => Err(bad(key, "an amount like 250000, 250,000.00 or $250,000", v)),
    }
}

/// `FY2027`, or a range `FY2027..FY2031`.
pub fn years(key: &str, v: &str) -> CliResult<Vec<FiscalYear>> {
    FiscalYear::parse_range(v).map_err(|e| UserError(format!("{key}: {e}")))
}

/// `vcio district set KEY=VALUE...`
pub fn set_district(ws: &mut Workspace, args: &[String]) -> CliResult {
    let mut d = ws.plan().district.clone();
    for (k, v) in pairs(args)? {
        match k.as_str() {
            "name" => d.name = v,
            "students" => d.students = count(&k, &v)?,
            "staff" => d.staff = count(&k, &v)?,
            "fiscal_start_month" => d.fiscal_start_month = count(&k, &v)?,
            "horizon_years" => d.horizon_years = count(&k, &v)?,
            "state" => d.state = (!v.is_empty()).then(|| v.to_ascii_uppercase()),
            "jurisdiction_population" => d.jurisdiction_population = Some(count(&k, &v)?),
            "nslp_pct" => d.erate.nslp_pct = Some(percent(&k, &v)?),
            "rural" => d.erate.rural = Some(flag(&k, &v)?),
            "erate_c1_pct" => d.erate.c1_pct = Some(percent(&k, &v)?),
            "erate_c2_pct" => {
                let p = percent(&k, &v)?;
                if p > 85 {
                    return Err("erate_c2_pct: Category Two discounts stop at 85%".into());
                }
                d.erate.c2_pct = Some(p);
            }
            "erate_discount_pct" => d.erate_discount_pct = percent(&k, &v)?,
            "reimbursement" => {
                d.erate.reimbursement = Some(match v.to_ascii_lowercase().as_str() {
                    "spi" => Reimbursement::Spi,
                    "bear" => Reimbursement::Bear,
                    _ => return Err(bad(&k, "spi or bear", &v)),
                })
            }
            "c2_committed" => d.erate.c2_committed_cents = amount(&k, &v)?,
            "c2_method" => {
                d.erate.c2_method = match v.to_ascii_lowercase().as_str() {
                    "district" => Some(crate::model::erate::C2Method::District),
                    "per-school" | "per_school" | "school" => {
                        Some(crate::model::erate::C2Method::PerSchool)
                    }
                    "" | "auto" => None,
                    _ => return Err(bad(&k, "district, per-school or auto", &v)),
                }
            }
            "erate_filed" => {
                // Funding years (start-year names) with a Form 471 filed: "2026,2027".
                let mut years = Vec::new();
                for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    let y: i32 = part
                        .trim_start_matches(['F', 'Y', 'f', 'y'])
                        .parse()
                        .ok()
                        .filter(|y| (2000..=2100).contains(y))
                        .ok_or_else(|| bad(&k, "E-Rate funding years like 2026,2027", &v))?;
                    years.push(y);
                }
                years.sort_unstable();
                years.dedup();
                d.erate.filed_years = years;
            }
            "inventory_complete" => {
                d.inventory_complete = v
                    .split(',')
                    .map(|s| s.trim().to_ascii_lowercase())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            _ => {
                return Err(UserError(format!(
                    "unknown key {k:?}; keys: name, students, staff, fiscal_start_month, horizon_years, state, jurisdiction_population, nslp_pct, rural, erate_c1_pct, erate_c2_pct, reimbursement, c2_committed, c2_method, erate_filed, inventory_complete"
                )));
            }
        }
    }
    ws.apply(Edit::SetDistrict(d))?;
    println!("district updated (u to undo: `vcio undo`)");
    Ok(())
}

fn site_index(ws: &Workspace, id: &str) -> CliResult<usize> {
    ws.plan()
        .district
        .sites
        .iter()
        .position(|s| s.id == id)
        .ok_or_else(|| UserError(format!("no site {id:?} (see `vcio site list`)")))
}

fn items_at<'a>(ws: &'a Workspace, id: &'a str) -> impl Iterator<Item = &'a crate::model::Item> {
    ws.plan()
        .items
        .iter()
        .filter(move |i| i.site.as_deref() == Some(id))
}

/// `vcio site add|set|alias|merge|remove`.
pub fn site(ws: &mut Workspace, cmd: SiteCmd) -> CliResult {
    let mut d = ws.plan().district.clone();
    let (edit, said): (Edit, String) = match cmd {
        SiteCmd::List => return Ok(()),
        SiteCmd::Add {
            id,
            name,
            students,
            classrooms,
            staff,
            non_instructional,
        } => {
            if d.site(&id).is_some() {
                return Err(format!("a site {id:?} exists already").into());
            }
            if id.contains(char::is_whitespace) {
                return Err(format!("site id {id:?}: use a short id without spaces").into());
            }
            d.sites.push(Site {
                students: students.unwrap_or(0),
                classrooms: classrooms.unwrap_or(0),
                staff: staff.unwrap_or(0),
                instructional: !non_instructional,
                ..Site::new(&id, &name)
            });
            (Edit::SetDistrict(d), format!("added site {id} ({name})"))
        }
        SiteCmd::Set { id, pairs: args } => {
            let i = site_index(ws, &id)?;
            let s = &mut d.sites[i];
            for (k, v) in pairs(&args)? {
                match k.as_str() {
                    "name" => s.name = v,
                    "students" => s.students = count(&k, &v)?,
                    "classrooms" => s.classrooms = count(&k, &v)?,
                    "staff" => s.staff = count(&k, &v)?,
                    "instructional" => s.instructional = flag(&k, &v)?,
                    _ => {
                        return Err(UserError(format!(
                            "unknown key {k:?}; keys: name, students, classrooms, staff, instructional"
                        )));
                    }
                }
            }
            (Edit::SetDistrict(d), format!("site {id} updated"))
        }
        SiteCmd::Alias { id, names } => {
            let i = site_index(ws, &id)?;
            for n in names {
                if !d.sites[i].aliases.contains(&n) {
                    d.sites[i].aliases.push(n);
                }
            }
            let list = d.sites[i].aliases.join(", ");
            (
                Edit::SetDistrict(d),
                format!("site {id} is also known as: {list}"),
            )
        }
        SiteCmd::Merge { from, into } => {
            site_index(ws, &from)?;
            site_index(ws, &into)?;
            let moved = items_at(ws, &from).count();
            let edit = crate::edit::merge_sites(ws.plan(), &from, &into)
                .map_err(|e| UserError(e.to_string()))?;
            (
                edit,
                format!(
                    "merged site {from} into {into}: {moved} inventory row(s) moved; {from} and its names are now aliases of {into}"
                ),
            )
        }
        SiteCmd::Remove { id } => {
            site_index(ws, &id)?;
            let edit = crate::edit::remove_site(ws.plan(), &id)
                .map_err(|e| UserError(format!("{e} (`vcio site merge {id} OTHER`)")))?;
            (edit, format!("removed site {id}"))
        }
    };
    ws.apply(edit)?;
    println!("{said}");
    Ok(())
}

fn source_kind(v: &str) -> CliResult<SourceKind> {
    match v.to_ascii_lowercase().as_str() {
        "general" => Ok(SourceKind::General),
        "grant" => Ok(SourceKind::Grant),
        "bond" => Ok(SourceKind::Bond),
        "erate" | "e-rate" => Ok(SourceKind::Erate),
        _ => Err(bad("kind", "general, grant, bond or erate", v)),
    }
}

/// `none` clears an optional amount.
fn optional_amount(key: &str, v: &str) -> CliResult<Option<i64>> {
    if v.eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        amount(key, v).map(Some)
    }
}

/// `vcio funding add|set|remove`.
pub fn funding(ws: &mut Workspace, cmd: FundingCmd) -> CliResult {
    let mut b = ws.plan().budget.clone();
    let said = match cmd {
        FundingCmd::List => return Ok(()),
        FundingCmd::Add {
            id,
            name,
            kind,
            annual_cap,
            award,
            years: yrs,
        } => {
            if b.source(&id).is_some() {
                return Err(format!("a funding source {id:?} exists already").into());
            }
            let source = FundingSource {
                id: id.clone(),
                name,
                kind: source_kind(&kind)?,
                annual_cap_cents: annual_cap.map(|v| amount("--annual-cap", &v)).transpose()?,
                award_cents: award.map(|v| amount("--award", &v)).transpose()?,
                years: yrs
                    .map(|v| years("--years", &v))
                    .transpose()?
                    .unwrap_or_default(),
                spend_only: None,
                max_capital_pct: None,
            };
            let text = crate::views::district::limits_text(&source);
            b.sources.push(source);
            format!("added funding source {id}: {text}")
        }
        FundingCmd::Set { id, pairs: args } => {
            let s = b.sources.iter_mut().find(|s| s.id == id).ok_or_else(|| {
                UserError(format!("no funding source {id:?} (see `vcio funding`)"))
            })?;
            for (k, v) in pairs(&args)? {
                match k.as_str() {
                    "name" => s.name = v,
                    "kind" => s.kind = source_kind(&v)?,
                    "annual_cap" => s.annual_cap_cents = optional_amount(&k, &v)?,
                    "award" => s.award_cents = optional_amount(&k, &v)?,
                    "years" if v.eq_ignore_ascii_case("any") => s.years.clear(),
                    "years" => s.years = years(&k, &v)?,
                    "spend_only" => {
                        s.spend_only = match v.to_ascii_lowercase().as_str() {
                            "capital" => Some(SpendKind::Capital),
                            "operating" => Some(SpendKind::Operating),
                            "" | "any" | "none" => None,
                            _ => return Err(bad(&k, "capital, operating or any", &v)),
                        }
                    }
                    "max_capital_pct" => {
                        s.max_capital_pct = match v.as_str() {
                            "" | "none" => None,
                            _ => Some(percent(&k, &v)?),
                        }
                    }
                    _ => {
                        return Err(UserError(format!(
                            "unknown key {k:?}; keys: name, kind, annual_cap, award, years, spend_only, max_capital_pct"
                        )));
                    }
                }
            }
            format!(
                "funding source {id}: {}",
                crate::views::district::limits_text(s)
            )
        }
        FundingCmd::Remove { id } => {
            let pos = b
                .sources
                .iter()
                .position(|s| s.id == id)
                .ok_or_else(|| UserError(format!("no funding source {id:?}")))?;
            let plan = ws.plan();
            let inis = plan.initiatives.iter().filter(|i| i.funding == id).count();
            // Recurring costs with no source are paid by the general fund.
            let pays = |f: Option<&str>| f.unwrap_or(crate::model::GENERAL_FUND) == id;
            let items = plan
                .items
                .iter()
                .filter(|i| pays(i.funding.as_deref()))
                .count();
            if inis + items > 0 {
                return Err(format!(
                    "funding source {id} pays for {inis} initiative(s) and {items} inventory row(s); move them to another source first"
                )
                .into());
            }
            b.sources.remove(pos);
            format!("removed funding source {id}")
        }
    };
    ws.apply(Edit::SetBudget(b))?;
    println!("{said}");
    Ok(())
}

/// `vcio budget cap AMOUNT|none [--year FY]`.
/// `vcio budget capitalisation AMOUNT`.
pub fn budget_capitalisation(ws: &mut Workspace, value: &str) -> CliResult {
    let cents = amount("AMOUNT", value)?;
    if cents <= 0 {
        return Err(UserError(
            "capitalisation: an amount above zero, like 5000".into(),
        ));
    }
    let mut b = ws.plan().budget.clone();
    b.capitalisation_threshold_cents = Some(cents);
    ws.apply(Edit::SetBudget(b))?;
    println!(
        "purchases of {} a unit or more are capital, cheaper units operating",
        crate::budget::money(cents)
    );
    Ok(())
}

pub fn budget_cap(ws: &mut Workspace, value: &str, year: Option<&str>) -> CliResult {
    let mut b = ws.plan().budget.clone();
    let cap = optional_amount("AMOUNT", value)?;
    let said = match year {
        Some(y) => {
            let fy: FiscalYear = y
                .parse()
                .map_err(|e: String| UserError(format!("--year: {e}")))?;
            match cap {
                Some(c) => {
                    b.caps_by_year.insert(fy, c);
                    format!("{fy} capped at {}", crate::budget::money(c))
                }
                None => {
                    b.caps_by_year.remove(&fy);
                    format!("{fy} follows the overall cap again")
                }
            }
        }
        None => {
            b.annual_cap_cents = cap;
            match cap {
                Some(c) => format!("overall cap {} a year", crate::budget::money(c)),
                None => "no overall cap".into(),
            }
        }
    };
    ws.apply(Edit::SetBudget(b))?;
    println!("{said}");
    Ok(())
}
