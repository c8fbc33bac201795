//! Initiatives as CSV for spreadsheets: one row per initiative with its quarters, costs,
//! funding, dependencies and what it resolves, then its spend in each fiscal year of the
//! horizon. Written with the `csv` crate so commas, quotes and line breaks in titles are quoted.
//!
//! Money is integer cents. A year's column is the initiative's one-time cost falling in that
//! year plus its recurring cost once done, before E-Rate reimbursement; `in_horizon_cents` is
//! their sum.

use super::ReportInput;

/// The fixed columns, before one `FY####_cents` column per horizon year and `in_horizon_cents`.
pub const COLUMNS: [&str; 12] = [
    "id",
    "title",
    "owner",
    "start",
    "end",
    "duration_quarters",
    "one_time_cents",
    "recurring_cents",
    "funding_source",
    "erate",
    "depends_on",
    "resolves",
];

pub fn render(r: &ReportInput) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    header.extend(r.horizon().years.iter().map(|fy| format!("{fy}_cents")));
    header.push("in_horizon_cents".into());
    let mut rows = vec![header];
    for i in r.initiatives() {
        let spend = r.spend_by_year(i);
        let mut row = vec![
            i.id.clone(),
            i.title.clone(),
            i.owner.clone(),
            i.start.to_string(),
            i.end().to_string(),
            i.duration_q().to_string(),
            i.one_time_cents.to_string(),
            i.recurring_cents.to_string(),
            i.funding.clone(),
            i.erate.map(|c| format!("{c:?}")).unwrap_or_default(),
            i.depends_on.join(";"),
            i.resolves.join(";"),
        ];
        row.extend(spend.iter().map(|c| c.to_string()));
        row.push(spend.iter().sum::<i64>().to_string());
        rows.push(row);
    }
    for row in &rows {
        if let Err(e) = w.write_record(row) {
            return format!("error: {e}\n");
        }
    }
    match w.into_inner() {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => format!("error: {e}\n"),
    }
}
