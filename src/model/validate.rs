//! The one validation of plan data, whatever way it arrives: forms, CLI commands, CSV import,
//! `import plan`, and restored backups all reach the plan through `edit::apply` or
//! `Store::create`, and both call these checks. A value outside them is refused with a one-line
//! reason naming the entity and field; nothing changes.
//!
//! The bounds are generous for any real district and chosen so that no sum the budget forms can
//! overflow an `i64` of cents: every money value is at most `MAX_CENTS` ($1 billion) and so is
//! every item's line total (quantity x unit cost, quantity x annual cost); a plan of 10 million
//! such lines summed over 10 years with escalation stays below 2^63 cents (9.2 x 10^18).

use super::answers::AnswerValue;
use super::budget::BudgetSettings;
use super::district::District;
use super::initiative::{Effect, Initiative};
use super::inventory::{AttrValue, Item};
use super::plan::Plan;
use super::time::{FiscalYear, Quarter, YearMonth};

/// The largest amount of money any one value may hold: $1,000,000,000.00.
pub const MAX_CENTS: i64 = 1_000_000_000_00;
/// The largest quantity of one inventory row.
pub const MAX_QUANTITY: u32 = 1_000_000;
/// The longest an initiative may last: ten years of quarters.
pub const MAX_QUARTERS: u8 = 40;
/// Fiscal years and calendar years a plan may name.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// Fiscal years a roadmap quarter may name.
pub const ROADMAP_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// Characters in an id.
pub const MAX_ID: usize = 64;
/// Characters in a name, title, kind, vendor, tag or short text.
pub const MAX_SHORT: usize = 300;
/// Characters in notes and other long text.
pub const MAX_LONG: usize = 20_000;
/// Entries in a list (tags, attributes, dependencies, effects...), except asset tags.
pub const MAX_LIST: usize = 1_000;

/// Why a value was refused.
pub type Invalid = String;

fn text(what: &str, s: &str, max: usize) -> Result<(), Invalid> {
    let n = s.chars().count();
    if n > max {
        return Err(format!(
            "{what} is {n} characters long; at most {max} are kept"
        ));
    }
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(format!("{what} contains a control character"));
    }
    Ok(())
}

fn id(what: &str, s: &str) -> Result<(), Invalid> {
    if s.trim().is_empty() {
        return Err(format!("{what} is empty"));
    }
    text(what, s, MAX_ID)
}

/// A money value: not negative, at most `MAX_CENTS`.
pub fn money(what: &str, cents: i64) -> Result<(), Invalid> {
    if cents < 0 {
        return Err(format!("{what} cannot be negative"));
    }
    if cents > MAX_CENTS {
        return Err(format!(
            "{what} is over $1,000,000,000, more than vcio plans with"
        ));
    }
    Ok(())
}

fn list<T>(what: &str, v: &[T], max: usize) -> Result<(), Invalid> {
    if v.len() > max {
        return Err(format!(
            "{what} has {} entries; at most {max} are kept",
            v.len()
        ));
    }
    Ok(())
}

fn month(what: &str, ym: Option<YearMonth>) -> Result<(), Invalid> {
    match ym {
        Some(ym) if !YEARS.contains(&ym.year) => Err(format!("{what} {ym} is not a real year")),
        _ => Ok(()),
    }
}

fn fiscal_year(what: &str, fy: FiscalYear) -> Result<(), Invalid> {
    if YEARS.contains(&fy.0) {
        Ok(())
    } else {
        Err(format!("{what} {fy} is not a real fiscal year"))
    }
}

/// A roadmap quarter: FY2000-FY2100.
pub fn quarter(what: &str, q: Quarter) -> Result<(), Invalid> {
    if ROADMAP_YEARS.contains(&q.fy.0) {
        Ok(())
    } else {
        Err(format!("{what} {q} is outside FY2000-FY2100"))
    }
}

/// An initiative's length in quarters: 1..=40.
pub fn duration(what: &str, quarters: u8) -> Result<(), Invalid> {
    if (1..=MAX_QUARTERS).contains(&quarters) {
        Ok(())
    } else {
        Err(format!(
            "{what} lasts {quarters} quarters; 1 to {MAX_QUARTERS} are allowed"
        ))
    }
}

pub fn item(it: &Item) -> Result<(), Invalid> {
    let at = |field: &str| format!("item {}: {field}", crate::decode::excerpt(&it.id, 40));
    id("an item's id", &it.id)?;
    text(&at("the name"), &it.name, MAX_SHORT)?;
    text(&at("the kind"), &it.kind, MAX_SHORT)?;
    for (field, v) in [
        ("the site", &it.site),
        ("the funding", &it.funding),
        ("the vendor", &it.vendor),
    ] {
        if let Some(v) = v {
            text(&at(field), v, MAX_SHORT)?;
        }
    }
    if it.quantity > MAX_QUANTITY {
        return Err(format!(
            "{} is {}; at most {MAX_QUANTITY}",
            at("the quantity"),
            it.quantity
        ));
    }
    money(&at("the unit cost"), it.unit_cost_cents)?;
    money(&at("the annual cost"), it.annual_cost_cents)?;
    let qty = i64::from(it.quantity);
    money(
        &at("the line's total cost"),
        it.unit_cost_cents.saturating_mul(qty),
    )?;
    money(
        &at("the line's annual cost"),
        it.annual_cost_cents.saturating_mul(qty),
    )?;
    month(&at("acquired"), it.acquired)?;
    month(&at("the end of support"), it.end_of_support)?;
    if let Some(life) = it.life_years
        && !(1..=100).contains(&life)
    {
        return Err(format!("{} is {life}; 1 to 100 years", at("the life")));
    }
    list(&at("the tags"), &it.tags, MAX_LIST)?;
    for t in &it.tags {
        text(&at("a tag"), t, MAX_SHORT)?;
    }
    list(&at("the asset tags"), &it.assets, MAX_QUANTITY as usize)?;
    for a in &it.assets {
        text(&at("an asset tag"), a, MAX_SHORT)?;
    }
    if it.attrs.len() > MAX_LIST {
        return Err(format!(
            "{} has {} entries; at most {MAX_LIST}",
            at("the attributes"),
            it.attrs.len()
        ));
    }
    for (name, v) in it.attrs.iter() {
        text(&at("an attribute name"), name, MAX_SHORT)?;
        match v {
            AttrValue::Text(t) => text(&at(&format!("attribute {name}")), t, MAX_SHORT)?,
            AttrValue::Num(n) if !n.is_finite() => {
                return Err(format!(
                    "{} is not a number",
                    at(&format!("attribute {name}"))
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

pub fn initiative(ini: &Initiative) -> Result<(), Invalid> {
    id("an initiative's id", &ini.id)?;
    let at = |field: &str| format!("{}: {field}", ini.id);
    if ini.title.trim().is_empty() {
        return Err(at("the title is empty"));
    }
    text(&at("the title"), &ini.title, MAX_SHORT)?;
    text(&at("the owner"), &ini.owner, MAX_SHORT)?;
    text(&at("the funding"), &ini.funding, MAX_SHORT)?;
    if let Some(l) = ini.lease
        && (!(1..=10).contains(&l.years) || l.rate_bp > 2_500)
    {
        return Err(at("a lease runs 1 to 10 years at 0% to 25%"));
    }
    if !ini.funding_shares.is_empty() {
        list(&at("the funding shares"), &ini.funding_shares, MAX_LIST)?;
        let total: u32 = ini.funding_shares.iter().map(|s| u32::from(s.pct)).sum();
        if total != 100 || ini.funding_shares.iter().any(|s| s.pct == 0) {
            return Err(at(&format!(
                "the funding shares add up to {total}%, not 100% (each at least 1%)"
            )));
        }
        for s in &ini.funding_shares {
            text(&at("the funding shares"), &s.source, MAX_SHORT)?;
        }
    }
    text(&at("the notes"), &ini.notes, MAX_LONG)?;
    quarter(&at("the start"), ini.start)?;
    duration(&ini.id, ini.duration)?;
    money(&at("the one-time cost"), ini.one_time_cents)?;
    money(&at("the recurring cost"), ini.recurring_cents)?;
    if ini.depends_on.contains(&ini.id) {
        return Err(format!("{} cannot depend on itself", ini.id));
    }
    for (what, v) in [
        ("the dependencies", &ini.depends_on),
        ("the standards resolved", &ini.resolves),
    ] {
        list(&at(what), v, MAX_LIST)?;
        for s in v {
            text(&at(what), s, MAX_ID)?;
        }
    }
    follow_through(ini)?;
    list(&at("the effects"), &ini.effects, MAX_LIST)?;
    for e in &ini.effects {
        match e {
            Effect::AddItems(items) => {
                list(&at("the items added"), items, MAX_LIST)?;
                items.iter().try_for_each(item)?;
            }
            Effect::SetAnswer { key, value } => answer(key, Some(value))?,
            Effect::AnswerDated { key } => text(&at("an answer key"), key, MAX_SHORT)?,
            Effect::Refresh { .. } | Effect::Retire { .. } => {}
        }
    }
    Ok(())
}

/// An initiative's people, status history and check-ins.
fn follow_through(ini: &Initiative) -> Result<(), Invalid> {
    let at = |field: &str| format!("{}: {field}", ini.id);
    text(&at("the sponsor"), &ini.sponsor, MAX_SHORT)?;
    text(&at("the backup owner"), &ini.backup, MAX_SHORT)?;
    list(&at("the stakeholders"), &ini.stakeholders, MAX_LIST)?;
    for s in &ini.stakeholders {
        text(&at("a stakeholder"), s, MAX_SHORT)?;
    }
    list(&at("the status history"), &ini.status_log, MAX_LIST)?;
    list(&at("the check-ins"), &ini.checkins, MAX_LIST)?;
    for c in &ini.checkins {
        let when = at(&format!("the check-in of {}", c.date));
        if c.percent > 100 {
            return Err(format!(
                "{when}: percent complete is 0 to 100, not {}",
                c.percent
            ));
        }
        text(&when, &c.note, MAX_LONG)?;
        text(&when, &c.next_step, MAX_SHORT)?;
        if let Some(s) = &c.spent {
            money(&format!("{when}: the amount spent"), s.cents)?;
            text(&when, &s.source, MAX_SHORT)?;
            text(&when, &s.what, MAX_SHORT)?;
        }
    }
    Ok(())
}

/// People (unique names) and baselines (unique names, real quarters).
pub fn governance(g: &crate::model::Governance) -> Result<(), Invalid> {
    list("the people", &g.people, MAX_LIST)?;
    for (i, p) in g.people.iter().enumerate() {
        if p.name.trim().is_empty() {
            return Err("a person needs a name".into());
        }
        text("a person's name", &p.name, MAX_SHORT)?;
        text(&format!("{}'s role", p.name), &p.role, MAX_SHORT)?;
        if g.people[..i]
            .iter()
            .any(|q| q.name.eq_ignore_ascii_case(&p.name))
        {
            return Err(format!("{} is listed twice", p.name));
        }
    }
    list("the baselines", &g.baselines, MAX_LIST)?;
    for (i, b) in g.baselines.iter().enumerate() {
        id("a baseline's name", &b.name)?;
        if g.baselines[..i]
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(&b.name))
        {
            return Err(format!("a baseline named {} exists already", b.name));
        }
        list(&format!("baseline {}", b.name), &b.initiatives, 100_000)?;
        for e in &b.initiatives {
            quarter(&format!("baseline {}: {}", b.name, e.id), e.start)?;
            money(&format!("baseline {}: {}", b.name, e.id), e.one_time_cents)?;
            money(&format!("baseline {}: {}", b.name, e.id), e.recurring_cents)?;
        }
    }
    Ok(())
}

pub fn answer(key: &str, value: Option<&AnswerValue>) -> Result<(), Invalid> {
    id("an answer's key", key)?;
    match value {
        Some(AnswerValue::Number(n)) if !n.is_finite() => {
            Err(format!("answer {key}: not a number"))
        }
        Some(AnswerValue::Text(t)) => text(&format!("answer {key}"), t, MAX_SHORT),
        Some(AnswerValue::Date(d)) => {
            use chrono::Datelike;
            if YEARS.contains(&d.year()) {
                Ok(())
            } else {
                Err(format!("answer {key}: {d} is not a real date"))
            }
        }
        _ => Ok(()),
    }
}

pub fn district(d: &District) -> Result<(), Invalid> {
    text("the district's name", &d.name, MAX_SHORT)?;
    if !(1..=12).contains(&d.fiscal_start_month) {
        return Err("the fiscal year starts in a month 1..12".into());
    }
    if !(1..=10).contains(&d.horizon_years) {
        return Err(format!(
            "the planning horizon is {} years; 1 to 10 are allowed",
            d.horizon_years
        ));
    }
    if d.erate_discount_pct > 90 {
        return Err(format!(
            "the E-Rate discount is {}%; at most 90%",
            d.erate_discount_pct
        ));
    }
    list("the district's sites", &d.sites, MAX_LIST)?;
    for s in &d.sites {
        id("a site's id", &s.id)?;
        text(&format!("site {}: the name", s.id), &s.name, MAX_SHORT)?;
    }
    Ok(())
}

pub fn budget(b: &BudgetSettings) -> Result<(), Invalid> {
    list("the funding sources", &b.sources, MAX_LIST)?;
    for s in &b.sources {
        id("a funding source's id", &s.id)?;
        let at = |field: &str| format!("funding source {}: {field}", s.id);
        text(&at("the name"), &s.name, MAX_SHORT)?;
        if let Some(c) = s.annual_cap_cents {
            money(&at("the annual cap"), c)?;
        }
        if let Some(c) = s.award_cents {
            money(&at("the award"), c)?;
        }
        for fy in &s.years {
            fiscal_year(&at("a year"), *fy)?;
        }
    }
    if let Some(c) = b.annual_cap_cents {
        money("the annual cap", c)?;
    }
    for (fy, c) in &b.caps_by_year {
        fiscal_year("a capped year", *fy)?;
        money(&format!("the {fy} cap"), *c)?;
    }
    Ok(())
}

pub fn override_value(key: &str, value: Option<f64>) -> Result<(), Invalid> {
    text("an override's key", key, MAX_SHORT)?;
    match value {
        Some(v) if !v.is_finite() => Err(format!("override {key}: not a number")),
        _ => Ok(()),
    }
}

/// A whole plan (an import, a restored backup, a new session).
pub fn plan(p: &Plan) -> Result<(), Invalid> {
    district(&p.district)?;
    budget(&p.budget)?;
    p.items.iter().try_for_each(item)?;
    p.initiatives.iter().try_for_each(initiative)?;
    for (k, v) in &p.answers {
        answer(k, Some(v))?;
    }
    for (k, v) in &p.overrides {
        override_value(k, Some(*v))?;
    }
    governance(&p.governance)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    #[test]
    fn the_measured_bad_values_are_refused() {
        let mut it = Item::new("A", "x", Category::Device, "chromebook", 2);
        it.annual_cost_cents = 5_000_000_000_000_000_000;
        assert!(item(&it).unwrap_err().contains("annual cost"));
        it.annual_cost_cents = -1;
        assert!(item(&it).unwrap_err().contains("negative"));
        it.annual_cost_cents = 0;
        it.quantity = u32::MAX;
        assert!(item(&it).unwrap_err().contains("quantity"));
        it.quantity = 1;
        it.name = "n".repeat(10_000_000);
        let why = item(&it).unwrap_err();
        assert!(why.len() < 200, "{why}");
        let q = Quarter::new(9999, 4).expect("quarter");
        let ini = Initiative::new("I", "t", q);
        assert!(initiative(&ini).unwrap_err().contains("FY9999"));
        let mut ini = Initiative::new("I", "t", Quarter::new(2027, 1).expect("q"));
        ini.duration = 200;
        assert!(initiative(&ini).unwrap_err().contains("200 quarters"));
    }
}
