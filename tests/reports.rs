//! The reports `vcio export` writes, read as their readers would: the board report in Markdown
//! (snapshot of the demo district) and HTML (self-contained, escaped, over-cap year marked),
//! the initiatives CSV parsed back, and the JSON document with the plan and everything derived.

use chrono::NaiveDate;
use vcio::budget::money;
use vcio::demo::demo_plan;
use vcio::derive::Engine;
use vcio::model::Plan;
use vcio::reports::{self, ReportInput};
use vcio::standards::Library;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date")
}

fn engine(plan: &Plan) -> Engine {
    Engine::new(plan, Library::builtin(), as_of())
}

fn input<'a>(plan: &'a Plan, engine: &'a Engine) -> ReportInput<'a> {
    ReportInput {
        session: "default",
        as_of: as_of(),
        plan,
        library: engine.library(),
        derived: engine.derived(),
        log: &[],
    }
}

/// The text of a Markdown section: from its `## ` heading to the next one.
fn section<'a>(doc: &'a str, heading: &str) -> &'a str {
    let start = doc
        .find(&format!("\n## {heading}"))
        .unwrap_or_else(|| panic!("no section {heading:?}"));
    let rest = &doc[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

#[test]
fn markdown_board_report_for_the_demo_district() {
    let plan = demo_plan();
    let engine = engine(&plan);
    insta::assert_snapshot!(reports::markdown(&input(&plan, &engine)));
}

#[test]
fn markdown_report_answers_the_boards_questions() {
    let plan = demo_plan();
    let engine = engine(&plan);
    let d = engine.derived();
    let md = reports::markdown(&input(&plan, &engine));
    assert!(md.starts_with("# Technology plan: Cedar Valley Unified School District\n"));
    assert!(md.contains("as of 22 November 2026 (fiscal year FY2027)"));

    // Compliance now and per year, with the roadmap and if nothing is done.
    let compliance = section(&md, "Compliance by fiscal year");
    for (p, b) in d.projected.iter().zip(&d.baseline) {
        let row = compliance
            .lines()
            .find(|l| l.starts_with(&format!("| {}", p.fiscal_year)))
            .unwrap_or_else(|| panic!("no row for {}", p.fiscal_year));
        assert!(row.contains(&format!("| {} of 122", p.passing)), "{row}");
        assert!(row.contains(&format!("| {} of 122", b.passing)), "{row}");
    }

    // Every standard failing now is listed with its evidence and what fixes it.
    let failing = section(&md, "Standards not met now");
    let now = &d.projected[0];
    let lib = engine.library();
    for (s, o) in lib.standards.iter().zip(&now.outcomes) {
        if o.status == vcio::assess::Status::Fail {
            let row = failing
                .lines()
                .find(|l| l.starts_with(&format!("| **{}**", s.id)))
                .unwrap_or_else(|| panic!("{} missing from the failing list", s.id));
            assert!(row.contains(&o.evidence), "{row}");
        }
    }
    assert!(failing.contains("### Critical ("));
    assert!(
        failing.find("### Critical").unwrap() < failing.find("### High").unwrap(),
        "most severe first"
    );
    let dat02 = failing.lines().find(|l| l.contains("**DAT-02**")).unwrap();
    assert!(
        dat02.contains("INI-008") && dat02.contains("done FY2027-Q4"),
        "{dat02}"
    );

    // The roadmap per fiscal year, the Chromebook refresh in FY2029 across all four quarters.
    let roadmap = section(&md, "Roadmap");
    let fy2029 = &roadmap[roadmap.find("### FY2029").unwrap()..];
    let ini013 = fy2029.lines().find(|l| l.contains("INI-013")).unwrap();
    assert_eq!(ini013.matches('■').count(), 4, "{ini013}");
    assert!(ini013.contains("$1,408,000") && ini013.contains("General Fund"));

    // Budget per year against caps: FY2029 unmistakably over, the 5-year total shown.
    let budget = section(&md, "Budget");
    for y in &d.budget.years {
        let row = budget
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", y.fiscal_year)))
            .unwrap();
        assert_eq!(row.contains("OVER CAP"), y.over_cap, "{row}");
        assert!(row.contains(&money(y.total_cents)), "{row}");
    }
    assert!(d.budget.years.iter().any(|y| y.over_cap));
    assert!(budget.contains("5-year total** |"));
    assert!(budget.contains(&format!("**{}**", money(d.budget.horizon_total_cents))));
    assert!(budget.contains("General Fund over its annual cap by $760,162.09"));

    // Unanswered questions are listed.
    let open = section(&md, "Needs data");
    for id in ["DAT-03", "SEC-10", "OPS-05"] {
        assert!(open.contains(&format!("**{id}**")), "{id}: {open}");
    }
    assert!(open.contains("not answered (kev_remediation_hours)"));
}

#[test]
fn markdown_escapes_text_that_would_break_a_table() {
    let mut plan = demo_plan();
    plan.initiatives[0].title = "Wi-Fi | cabling <script>alert(1)</script> *now*".into();
    let engine = engine(&plan);
    let md = reports::markdown(&input(&plan, &engine));
    assert!(!md.contains("<script>"));
    let appendix = section(&md, "Appendix: initiatives");
    // Cell separators are the pipes not escaped with a backslash.
    let separators = |l: &str| {
        let b = l.as_bytes();
        (0..b.len())
            .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
            .count()
    };
    let header_cells = separators(appendix.lines().nth(2).unwrap());
    let row = appendix
        .lines()
        .find(|l| l.contains(&plan.initiatives[0].id))
        .unwrap();
    assert!(row.contains("Wi-Fi \\| cabling"), "{row}");
    let unescaped_pipes = separators(row);
    assert_eq!(unescaped_pipes, header_cells, "{row}");
}

#[test]
fn html_is_one_self_contained_file() {
    let plan = demo_plan();
    let engine = engine(&plan);
    let html = reports::html(&input(&plan, &engine));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "no scripts");
    // Nothing is fetched: the only URLs are the sources' links a reader may follow.
    let mut fetched = lower.clone();
    while let Some(at) = fetched.find("<a href=") {
        let end = fetched[at..]
            .find("</a>")
            .map_or(fetched.len(), |e| at + e + 4);
        fetched.replace_range(at..end, "");
    }
    assert!(
        !fetched.contains("http://") && !fetched.contains("https://"),
        "no network"
    );
    assert!(
        lower.contains("<a href=\"https://www.cisecurity.org"),
        "sources are linked"
    );
    assert!(!lower.contains("<link") && !lower.contains("@import") && !lower.contains("<img"));
    assert!(lower.contains("<style>") && lower.contains("@media print"));
    assert!(
        lower.contains("break-before: page"),
        "major sections start a page"
    );
    assert!(lower.contains("<svg"), "inline chart");
    assert!(lower.contains("class=\"timeline\""), "timeline table");
}

#[test]
fn html_escapes_user_text() {
    let mut plan = demo_plan();
    plan.district.name = "Cedar <b>Valley</b> & \"Sons\" 'USD'".into();
    plan.initiatives[0].title = "<img src=x onerror=alert(1)>".into();
    let engine = engine(&plan);
    let html = reports::html(&input(&plan, &engine));
    assert!(html.contains("Cedar &lt;b&gt;Valley&lt;/b&gt; &amp; &quot;Sons&quot; &#39;USD&#39;"));
    assert!(!html.contains("<b>Valley"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn html_marks_the_over_cap_year_in_words() {
    let plan = demo_plan();
    let engine = engine(&plan);
    let d = engine.derived();
    let html = reports::html(&input(&plan, &engine));
    let table = &html[html.find("<table class=\"num budget").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    for y in &d.budget.years {
        let start = table
            .find(&format!("<th scope=\"row\">{}</th>", y.fiscal_year))
            .unwrap();
        let row = &table[start..];
        let row = &row[..row.find("</tr>").unwrap()];
        assert_eq!(
            row.contains("OVER CAP"),
            y.over_cap,
            "{}: {row}",
            y.fiscal_year
        );
    }
    let over: Vec<_> = d.budget.years.iter().filter(|y| y.over_cap).collect();
    assert_eq!(over.len(), 1);
    assert_eq!(over[0].fiscal_year.to_string(), "FY2029");
    assert!(html.contains("<strong>FY2029 is OVER CAP:</strong>"));
}

#[test]
fn csv_parses_back_and_its_year_columns_add_up_to_the_budget() {
    let mut plan = demo_plan();
    plan.initiatives[1].title = "Internet, WAN \"10 Gbps\"\nupgrade".into();
    let engine = engine(&plan);
    let d = engine.derived();
    let text = reports::csv(&input(&plan, &engine));
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for name in reports::csv::COLUMNS {
        col(name);
    }
    let years: Vec<usize> = d
        .horizon
        .years
        .iter()
        .map(|fy| col(&format!("{fy}_cents")))
        .collect();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), plan.initiatives.len());
    let cents = |r: &csv::StringRecord, c: usize| r[c].parse::<i64>().unwrap();
    let mut per_year = vec![0i64; years.len()];
    for r in &rows {
        let ini = plan.initiative(&r[col("id")]).unwrap();
        assert_eq!(r[col("title")], ini.title);
        assert_eq!(cents(r, col("one_time_cents")), ini.one_time_cents);
        assert_eq!(r[col("start")], ini.start.to_string());
        let sum: i64 = years.iter().map(|&c| cents(r, c)).sum();
        assert_eq!(sum, cents(r, col("in_horizon_cents")), "{}", ini.id);
        for (y, &c) in years.iter().enumerate() {
            per_year[y] += cents(r, c);
        }
    }
    // A one-time-only initiative inside the horizon costs exactly its one-time cost.
    let ini013 = rows.iter().find(|r| &r[0] == "INI-013").unwrap();
    assert_eq!(cents(ini013, col("in_horizon_cents")), 1_408_000_00);
    // Initiatives plus the inventory's running costs are the year's work, year by year (who
    // pays it, and when E-Rate's share arrives, is the budget's split).
    // The inventory's running costs, summed per (source, E-Rate category) as the budget keeps
    // them, rise 3% a year after the first.
    let mut groups: std::collections::BTreeMap<(String, String), i64> = Default::default();
    for i in &plan.items {
        let key = (
            i.funding.clone().unwrap_or_else(|| "general".into()),
            format!("{:?}", i.erate),
        );
        *groups.entry(key).or_default() += i.annual_cost_cents * i64::from(i.quantity);
    }
    for (y, yb) in d.budget.years.iter().enumerate() {
        let inventory: i64 = groups
            .values()
            .map(|c| vcio::model::escalate(*c, 3, y as u32))
            .sum();
        assert_eq!(
            per_year[y] + inventory,
            yb.capital_cents + yb.operating_cents,
            "{}",
            yb.fiscal_year
        );
    }
}

#[test]
fn json_holds_the_plan_and_everything_derived() {
    let plan = demo_plan();
    let engine = engine(&plan);
    let d = engine.derived();
    let doc: serde_json::Value =
        serde_json::from_str(&reports::json(&input(&plan, &engine))).unwrap();
    assert_eq!(doc["session"], "default");
    assert_eq!(doc["as_of"], "2026-11-22");
    let years = doc["assessment"].as_array().unwrap();
    assert_eq!(years.len(), d.projected.len());
    assert_eq!(years[2]["fiscal_year"], 2029);
    assert_eq!(years[2]["projected"]["passing"], d.projected[2].passing);
    assert_eq!(years[2]["baseline"]["passing"], d.baseline[2].passing);
    assert_eq!(
        years[0]["projected"]["outcomes"]["DAT-02"]["status"],
        "fail"
    );
    assert_eq!(
        years[1]["projected"]["outcomes"]["DAT-02"]["status"],
        "pass"
    );
    assert_eq!(
        doc["budget"]["horizon_total_cents"],
        d.budget.horizon_total_cents
    );
    assert_eq!(doc["budget"]["years"][2]["over_cap"], true);
    assert_eq!(
        doc["roadmap"].as_array().unwrap().len(),
        plan.initiatives.len()
    );
    assert_eq!(doc["warnings"].as_array().unwrap().len(), d.warnings.len());

    // The plan inside imports back to the same plan, which derives the same results.
    let text = serde_json::to_string(&doc["plan"]).unwrap();
    let back = vcio::store::import_plan("plan.json", &text).unwrap();
    assert_eq!(back, plan);
    assert_eq!(engine_derived(&back), *d);
}

fn engine_derived(plan: &Plan) -> vcio::derive::Derived {
    engine(plan).derived().clone()
}

#[test]
fn an_empty_district_gets_plain_reports_not_a_crash() {
    let plan = Plan::default();
    let engine = engine(&plan);
    let r = input(&plan, &engine);
    let md = reports::markdown(&r);
    assert!(md.contains("No initiatives are planned."));
    assert!(md.contains("every year is within its caps"));
    let html = reports::html(&r);
    assert!(html.contains("No initiatives are planned."));
    assert!(!html.contains("OVER CAP"));
    let csv = reports::csv(&r);
    assert_eq!(csv.lines().count(), 1, "header only: {csv}");
    let doc: serde_json::Value = serde_json::from_str(&reports::json(&r)).unwrap();
    assert_eq!(doc["roadmap"].as_array().map(Vec::len), Some(0));
}
