//! Ratio checks: a measured quantity divided by students, staff, users, classrooms, sites or
//! another measure, district-wide or school by school, against a minimum and/or maximum.

use super::compile::CPer;
use super::eval::{Need, Outcome, Status, YearView, group};
use super::slots::SlotTotals;
use crate::model::{District, Site};

/// What a district-wide ratio divides by in a year.
pub(super) fn district_denominator(
    per: &CPer,
    d: &District,
    totals: &SlotTotals,
    year: usize,
) -> f64 {
    match per {
        CPer::Students => f64::from(d.students),
        CPer::Staff => f64::from(d.staff),
        CPer::Users => f64::from(d.users()),
        CPer::Classrooms => f64::from(d.classrooms()),
        CPer::Sites => d.sites.len() as f64,
        CPer::Slot(x) => totals.total(*x, year),
    }
}

/// What a per-site ratio divides by at one site (`si` is its position) in a year.
pub(super) fn site_denominator(
    per: &CPer,
    s: &Site,
    totals: &SlotTotals,
    si: usize,
    year: usize,
) -> f64 {
    match per {
        CPer::Students => f64::from(s.students),
        CPer::Staff => f64::from(s.staff),
        CPer::Users => f64::from(s.students + s.staff),
        CPer::Classrooms => f64::from(s.classrooms),
        CPer::Sites => 1.0,
        CPer::Slot(x) => totals.site(*x, si, year),
    }
}

/// What a ratio with nothing to divide by needs: a district count, or items of the measured kind.
fn denominator_need(per: &CPer, label: &str) -> Need {
    match per {
        CPer::Slot(_) => Need::Inventory(label.to_string()),
        other => Need::District(per_name(other)),
    }
}

fn per_name(per: &CPer) -> &'static str {
    match per {
        CPer::Students => "students",
        CPer::Staff => "staff",
        CPer::Users => "users",
        CPer::Classrooms => "classrooms",
        CPer::Sites => "sites",
        CPer::Slot(_) => "units",
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn ratio(
    v: &YearView,
    num: usize,
    per: &CPer,
    at_least: Option<f64>,
    at_most: Option<f64>,
    per_site: bool,
    unit: &str,
    label: &str,
) -> Outcome {
    let meets =
        |r: f64| at_least.is_none_or(|t| r + 1e-9 >= t) && at_most.is_none_or(|t| r <= t + 1e-9);
    let need = match (at_least, at_most) {
        (Some(l), Some(m)) => format!("need {} to {}", group(l), group(m)),
        (Some(l), None) => format!("need at least {}", group(l)),
        (None, Some(m)) => format!("need at most {}", group(m)),
        (None, None) => "no threshold".into(),
    };
    let score_of = |r: f64| match (at_least, at_most) {
        (Some(l), _) if l > 0.0 => (r / l).min(1.0),
        (None, Some(m)) if r > 0.0 => (m / r).min(1.0),
        _ => 1.0,
    };
    if !per_site {
        let d = v.district;
        let den = district_denominator(per, d, v.totals, v.year);
        if den <= 0.0 {
            let msg = format!("no {} recorded, so {unit} cannot be judged", per_name(per));
            return Outcome::unknown(msg, denominator_need(per, label));
        }
        let n = v.totals.total(num, v.year);
        let r = n / den;
        let ok = meets(r);
        let evidence = format!(
            "{:.2} {unit} {} ({} {label} for {} {}; {need})",
            r,
            v.when(),
            group(n),
            group(den),
            per_name(per)
        );
        return Outcome::new(
            if ok { Status::Pass } else { Status::Fail },
            Some(score_of(r)),
            evidence,
        );
    }
    let mut judged = 0;
    let mut failing: Vec<String> = Vec::new();
    let mut score_sum = 0.0;
    for (si, site) in v.district.sites.iter().enumerate() {
        let den = site_denominator(per, site, v.totals, si, v.year);
        if den <= 0.0 {
            continue;
        }
        judged += 1;
        let r = v.totals.site(num, si, v.year) / den;
        score_sum += score_of(r);
        if !meets(r) {
            failing.push(format!("{} {:.2}", site.name, r));
        }
    }
    if judged == 0 {
        let msg = format!(
            "no site has {} recorded, so {unit} cannot be judged",
            per_name(per)
        );
        let need = if v.district.sites.is_empty() {
            Need::District("sites")
        } else {
            denominator_need(per, label)
        };
        return Outcome::unknown(msg, need);
    }
    let score = Some(score_sum / judged as f64);
    if failing.is_empty() {
        let msg = format!("all {judged} sites meet {unit} {} ({need})", v.when());
        Outcome::new(Status::Pass, score, msg)
    } else {
        let n = failing.len();
        let shown: Vec<String> = failing.into_iter().take(3).collect();
        let more = if n > 3 {
            format!(" and {} more", n - 3)
        } else {
            String::new()
        };
        let msg = format!(
            "{n} of {judged} sites short on {unit} {} ({need}): {}{more}",
            v.when(),
            shown.join(", ")
        );
        Outcome::new(Status::Fail, score, msg)
    }
}
