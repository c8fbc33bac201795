//! The board report in Markdown: where the district stands, what fails now and later, the
//! roadmap quarter by quarter, the budget against caps, and the questions still open.
//!
//! Plain, professional language; every user-supplied text is escaped so it cannot break a
//! table or inject markup into a renderer.

use super::{Finding, Remedy, ReportInput, long_date, severity_heading};
use crate::assess::{Status, group};
use crate::budget::money;
use crate::model::FiscalYear;
use crate::model::time::month_name;
use crate::standards::Standard;
use std::fmt::Write;

/// The full report.
pub fn render(input: &ReportInput) -> String {
    let mut out = String::new();
    header(&mut out, input);
    summary(&mut out, input);
    compliance(&mut out, input);
    failing(&mut out, input);
    coming(&mut out, input);
    roadmap(&mut out, input);
    super::follow::markdown(&mut out, input);
    super::frameworks::markdown(&mut out, input);
    budget(&mut out, input);
    unknowns(&mut out, input);
    initiatives(&mut out, input);
    out
}

/// Escapes text for Markdown: inline markup, table pipes and raw HTML are neutralised and line
/// breaks become spaces. A bare `&` is left alone so "Data & Privacy" reads naturally in the
/// source; the worst it can do is render an entity a user typed.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' | '|' | '*' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

fn header(out: &mut String, r: &ReportInput) {
    let h = r.horizon();
    let last = h.years.last().copied().unwrap_or(h.current());
    let _ = writeln!(out, "# Technology plan: {}\n", esc(r.district()));
    let _ = writeln!(
        out,
        "Board report as of {} (fiscal year {}), covering {} to {}. Prepared with vcio from the \
         planning session \"{}\".\n",
        long_date(r.as_of),
        h.current(),
        h.current(),
        last,
        esc(r.session)
    );
    let d = &r.plan.district;
    let _ = writeln!(
        out,
        "{} students, {} staff, {} sites. Fiscal years run from {} to {}; E-Rate discount {}%.\n",
        group(f64::from(d.students)),
        group(f64::from(d.staff)),
        d.sites.len(),
        month_name(d.calendar().start_month),
        month_name((d.calendar().start_month + 10) % 12 + 1),
        d.erate_discount_pct
    );
}

fn summary(out: &mut String, r: &ReportInput) {
    out.push_str("## Summary\n\n");
    let (Some(now), Some(end), Some(base_end)) = (
        r.now(),
        r.derived.projected.last(),
        r.derived.baseline.last(),
    ) else {
        out.push_str("No fiscal years to report.\n\n");
        return;
    };
    let _ = writeln!(
        out,
        "- **Today:** {} standards are met; {} are not met and {} cannot be judged until open \
         questions are answered.",
        r.compliance_text(now),
        now.failing,
        now.unknown
    );
    let _ = writeln!(
        out,
        "- **With the roadmap:** {} are met by {}.",
        r.compliance_text(end),
        end.fiscal_year
    );
    let _ = writeln!(
        out,
        "- **If nothing is done:** only {} are met by {}, as equipment ages and support ends.",
        r.compliance_text(base_end),
        base_end.fiscal_year
    );
    let b = &r.derived.budget;
    let one_time: i64 = r.plan.initiatives.iter().map(|i| i.one_time_cents).sum();
    let _ = writeln!(
        out,
        "- **Roadmap:** {} initiatives, {} in one-time costs; total technology spend over the {} \
         years is {}.",
        r.plan.initiatives.len(),
        money(one_time),
        b.years.len(),
        money(b.horizon_total_cents)
    );
    let over: Vec<String> = b
        .years
        .iter()
        .filter(|y| y.over_cap)
        .map(|y| y.fiscal_year.to_string())
        .collect();
    if over.is_empty() {
        out.push_str("- **Budget:** every year is within its caps.\n");
    } else {
        let _ = writeln!(
            out,
            "- **Budget: OVER CAP in {}.** The roadmap must be re-phased or funded before approval.",
            over.join(", ")
        );
    }
    out.push('\n');
}

fn compliance(out: &mut String, r: &ReportInput) {
    out.push_str("## Compliance by fiscal year\n\n");
    out.push_str(
        "Standards met in each fiscal year with the roadmap as planned, and if nothing is done \
         (equipment keeps ageing, nothing is replaced). The current year is judged as of today, \
         later years as of their last day.\n\n",
    );
    out.push_str(
        "| Fiscal year | Met with the roadmap | Met if nothing is done | Not met (roadmap) | Unknown |\n",
    );
    out.push_str("|---|---:|---:|---:|---:|\n");
    for (i, p, b) in r.years() {
        let label = if i == 0 {
            format!("{} (now)", p.fiscal_year)
        } else {
            p.fiscal_year.to_string()
        };
        let _ = writeln!(
            out,
            "| {label} | {} | {} | {} | {} |",
            r.compliance_text(p),
            r.compliance_text(b),
            p.failing,
            p.unknown
        );
    }
    out.push('\n');
}

fn remedy_cell(
    r: &ReportInput,
    standard: &Standard,
    fixes: &[crate::derive::Fix],
    met: Option<FiscalYear>,
) -> String {
    match r.remedy(standard, fixes, met) {
        Remedy::Unaddressed => format!("**{}**", Remedy::Unaddressed.text()),
        other => esc(other.text()),
    }
}

fn failing(out: &mut String, r: &ReportInput) {
    let now = r.horizon().current();
    let list = r.findings(Status::Fail);
    let _ = writeln!(out, "## Standards not met now ({now})\n");
    if list.is_empty() {
        out.push_str("Every standard that can be judged is met.\n\n");
        return;
    }
    let unplanned = r.unaddressed(&list);
    let _ = writeln!(
        out,
        "{} standards are not met, most severe first. {} of them are not addressed by the \
         roadmap within the planning horizon.\n",
        list.len(),
        unplanned
    );
    let mut i = 0;
    while i < list.len() {
        let sev = list[i].standard.severity;
        let group: Vec<&Finding> = list[i..]
            .iter()
            .take_while(|f| f.standard.severity == sev)
            .collect();
        i += group.len();
        let _ = writeln!(out, "### {} ({})\n", severity_heading(sev), group.len());
        out.push_str("| Standard | What we found | Fixed by |\n|---|---|---|\n");
        for f in group {
            let _ = writeln!(
                out,
                "| **{}** {} ({}) | {} | {} |",
                esc(&f.standard.id),
                esc(&f.standard.title),
                esc(&f.standard.area),
                esc(f.evidence),
                remedy_cell(r, f.standard, f.fixes, f.met_from)
            );
        }
        out.push('\n');
    }
}

fn coming(out: &mut String, r: &ReportInput) {
    let list = r.coming_failures();
    if list.is_empty() {
        return;
    }
    out.push_str("## Standards that will stop being met\n\n");
    out.push_str(
        "Met today, but not met in a later year even with the roadmap as planned (equipment ages \
         out or loses vendor support).\n\n",
    );
    out.push_str("| First year not met | Standard | Severity | What we expect | Fixed by |\n");
    out.push_str("|---|---|---|---|---|\n");
    for c in list {
        let fix = remedy_cell(r, c.standard, c.fixes, c.met_from);
        let _ = writeln!(
            out,
            "| {} | **{}** {} | {} | {} | {} |",
            c.fiscal_year,
            esc(&c.standard.id),
            esc(&c.standard.title),
            c.standard.severity.name(),
            esc(c.evidence),
            fix
        );
    }
    out.push('\n');
}

fn roadmap(out: &mut String, r: &ReportInput) {
    out.push_str("## Roadmap\n\n");
    let inis = r.initiatives();
    if inis.is_empty() {
        out.push_str("No initiatives are planned.\n\n");
        return;
    }
    out.push_str(
        "Each fiscal year's initiatives by quarter (■ = work under way). Cost in year is the \
         initiative's one-time cost falling in that year plus its yearly cost once done, before \
         E-Rate reimbursement.\n\n",
    );
    let quarters = r.quarters();
    for (y, fy) in r.horizon().years.iter().enumerate() {
        let qs: Vec<_> = quarters.iter().filter(|q| q.fy == *fy).copied().collect();
        let active: Vec<_> = inis
            .iter()
            .filter(|i| qs.iter().any(|q| ReportInput::active(i, *q)))
            .collect();
        let _ = writeln!(out, "### {fy}\n");
        if active.is_empty() {
            out.push_str("No initiative work this year.\n\n");
            continue;
        }
        out.push_str("| Initiative |");
        for q in &qs {
            let _ = write!(out, " Q{} {} |", q.q, r.quarter_months(*q));
        }
        out.push_str(" Start | End | Cost in year | Funding |\n|---|");
        out.push_str(&":-:|".repeat(qs.len()));
        out.push_str("---|---|---:|---|\n");
        for ini in active {
            let _ = write!(out, "| {} {} |", esc(&ini.id), esc(&ini.title));
            for q in &qs {
                out.push_str(if ReportInput::active(ini, *q) {
                    " ■ |"
                } else {
                    "  |"
                });
            }
            let spend = r.spend_by_year(ini).get(y).copied().unwrap_or(0);
            let _ = writeln!(
                out,
                " {} | {} | {} | {} |",
                ini.start,
                ini.end(),
                money(spend),
                esc(&r.source_name(&ini.funding))
            );
        }
        out.push('\n');
    }
}

fn budget(out: &mut String, r: &ReportInput) {
    let b = &r.derived.budget;
    out.push_str("## Budget\n\n");
    out.push_str(
        "Technology spend per fiscal year by funding source: running costs of today's inventory \
         plus the roadmap. E-Rate is the reimbursed share of eligible costs.\n\n",
    );
    let mut sources: Vec<&String> = b.years.iter().flat_map(|y| y.by_source.keys()).collect();
    sources.sort();
    sources.dedup();
    out.push_str("| Fiscal year |");
    for s in &sources {
        let _ = write!(out, " {} |", esc(s));
    }
    out.push_str(" Total | Cap | Status |\n|---|");
    out.push_str(&"---:|".repeat(sources.len() + 2));
    out.push_str("---|\n");
    for y in &b.years {
        let _ = write!(out, "| {} |", y.fiscal_year);
        for s in &sources {
            let _ = write!(
                out,
                " {} |",
                money(y.by_source.get(*s).copied().unwrap_or(0))
            );
        }
        let status = if y.over_cap {
            "**OVER CAP**"
        } else {
            "within caps"
        };
        let _ = writeln!(
            out,
            " {} | {} | {status} |",
            money(y.total_cents),
            y.cap_cents.map(money).unwrap_or_else(|| "none".into())
        );
    }
    let _ = writeln!(
        out,
        "| **{}-year total** |{} **{}** | | |\n",
        b.years.len(),
        " |".repeat(sources.len()),
        money(b.horizon_total_cents)
    );
    for y in b.years.iter().filter(|y| y.over_cap) {
        let _ = writeln!(
            out,
            "**{} is OVER CAP:** {}.\n",
            y.fiscal_year,
            esc(&y.over.join("; "))
        );
    }
    out.push_str("Caps and awards:\n\n");
    for line in r.cap_lines() {
        let _ = writeln!(out, "- {}", esc(&line));
    }
    out.push('\n');
    if r.derived.warnings.is_empty() {
        out.push_str("No warnings.\n\n");
    } else {
        out.push_str("### Warnings\n\n");
        for w in &r.derived.warnings {
            let _ = writeln!(out, "- {}", esc(w));
        }
        out.push('\n');
    }
}

fn unknowns(out: &mut String, r: &ReportInput) {
    let list = r.findings(Status::Unknown);
    out.push_str("## Needs data\n\n");
    if list.is_empty() {
        out.push_str("Every standard could be judged: no data is missing.\n\n");
    }
    let _ = writeln!(
        out,
        "{} standards cannot be judged until these are answered or recorded:\n",
        list.len()
    );
    for f in list {
        let fix = r
            .fix_text(f.fixes)
            .map(|t| format!(" Addressed by {}.", esc(&t)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- **{}** {} ({}): {}.{fix}",
            esc(&f.standard.id),
            esc(&f.standard.title),
            f.standard.severity.name(),
            esc(f.evidence)
        );
    }
    out.push('\n');
    let aside = r.findings(Status::NotApplicable);
    if !aside.is_empty() {
        out.push_str("## Set aside by the district\n\n");
        for f in aside {
            let _ = writeln!(
                out,
                "- **{}** {}: {}.",
                esc(&f.standard.id),
                esc(&f.standard.title),
                esc(f.evidence)
            );
        }
        out.push('\n');
    }
}

fn initiatives(out: &mut String, r: &ReportInput) {
    let inis = r.initiatives();
    if inis.is_empty() {
        return;
    }
    out.push_str("## Appendix: initiatives\n\n");
    out.push_str(
        "| ID | Initiative | Owner | Start | End | One-time | Yearly after | Funding | Resolves | After |\n",
    );
    out.push_str("|---|---|---|---|---|---:|---:|---|---|---|\n");
    for i in inis {
        let erate = match i.erate {
            Some(c) => format!(" (E-Rate {c:?})"),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {}{erate} | {} | {} |",
            esc(&i.id),
            esc(&i.title),
            esc(&i.owner),
            i.start,
            i.end(),
            money(i.one_time_cents),
            money(i.recurring_cents),
            esc(&r.source_name(&i.funding)),
            esc(&i.resolves.join(", ")),
            esc(&i.depends_on.join(", "))
        );
    }
    out.push('\n');
}
