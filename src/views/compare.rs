//! Two sessions side by side (`vcio session compare A B` and the TUI's compare view):
//! compliance and spend per fiscal year, spend per source, and the initiatives that differ.

use crate::budget::money;
use crate::derive::Derived;
use crate::model::{FiscalYear, Initiative, Plan};
use crate::store::{ChangeKind, initiative_changes};
use crate::views::table::Table;
use std::collections::BTreeSet;

/// `vcio session compare A B`: compliance and spend per fiscal year, spend per source, and the
/// initiatives that differ.
pub fn render(sides: [(&str, &Plan, &Derived); 2], width: usize) -> String {
    let [(a, pa, da), (b, pb, db)] = sides;
    let mut out = format!("A = {a:?}, B = {b:?}\n\n");
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

    let changes = initiative_changes(pa, pb);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_carry_a_sign() {
        assert_eq!(signed(123_456_700), "+$1,234,567");
        assert_eq!(signed(0), "0");
        assert_eq!(signed(-100_000), "-$1,000");
    }
}
