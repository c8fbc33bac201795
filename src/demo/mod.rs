//! The demo district a new session starts with: Cedar Valley Unified, a fictional mid-size
//! district whose inventory, answers, roadmap and budget tell the post-ESSER story (some
//! standards fail today, many more as the 2022 fleet ages out, one fiscal year over its cap).
//!
//! The plan is embedded RON (`district.ron`, read with the same options as standards files) so
//! that it is data, reviewable and editable without touching code.

use crate::model::Plan;

/// The embedded demo plan, as text.
pub const DISTRICT_RON: &str = include_str!("district.ron");

/// The demo plan, normalized (items and initiatives sorted by id). The embedded file is
/// checked by the tests below, so a parse failure here is a build defect.
pub fn demo_plan() -> Plan {
    let mut plan: Plan = match crate::standards::load::ron_options().from_str(DISTRICT_RON) {
        Ok(p) => p,
        Err(e) => panic!(
            "embedded demo district is malformed: src/demo/district.ron:{}:{}: {}",
            e.span.start.line, e.span.start.col, e.code
        ),
    };
    plan.normalize();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Effect, Item};
    use crate::standards::Library;
    use std::collections::BTreeSet;

    fn all_items(plan: &Plan) -> Vec<&Item> {
        let added = plan
            .initiatives
            .iter()
            .flat_map(|i| &i.effects)
            .flat_map(|e| match e {
                Effect::AddItems(items) => items.iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            });
        plan.items.iter().chain(added).collect()
    }

    #[test]
    fn demo_parses_with_unique_sorted_ids() {
        let plan = demo_plan();
        assert!(
            plan.items.windows(2).all(|w| w[0].id < w[1].id),
            "item ids not unique/sorted"
        );
        assert!(plan.initiatives.windows(2).all(|w| w[0].id < w[1].id));
        let ids: BTreeSet<&str> = all_items(&plan).iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            all_items(&plan).len(),
            "an added item reuses an inventory id"
        );
    }

    #[test]
    fn demo_is_a_mid_size_district() {
        let plan = demo_plan();
        let d = &plan.district;
        assert!(
            (5_000..=7_000).contains(&d.students),
            "{} students",
            d.students
        );
        assert!((450..=650).contains(&d.staff), "{} staff", d.staff);
        assert!((6..=9).contains(&d.sites.len()));
        assert_eq!(d.students, d.sites.iter().map(|s| s.students).sum::<u32>());
        assert_eq!(d.staff, d.sites.iter().map(|s| s.staff).sum::<u32>());
        assert_eq!(d.fiscal_start_month, 7);
        assert!((10..=15).contains(&plan.initiatives.len()));
        assert!(plan.items.len() <= 400);
    }

    #[test]
    fn every_item_site_exists() {
        let plan = demo_plan();
        let sites: BTreeSet<&str> = plan.district.sites.iter().map(|s| s.id.as_str()).collect();
        for item in all_items(&plan) {
            if let Some(site) = &item.site {
                assert!(
                    sites.contains(site.as_str()),
                    "{} is at unknown site {site}",
                    item.id
                );
            }
        }
    }

    #[test]
    fn resolves_name_builtin_standards_and_dependencies_exist() {
        let plan = demo_plan();
        let lib = Library::builtin();
        for ini in &plan.initiatives {
            for sid in &ini.resolves {
                assert!(
                    lib.get(sid).is_some(),
                    "{} resolves unknown standard {sid}",
                    ini.id
                );
            }
            for dep in &ini.depends_on {
                assert!(
                    plan.initiative(dep).is_some(),
                    "{} depends on unknown {dep}",
                    ini.id
                );
            }
        }
    }

    #[test]
    fn every_funding_id_is_a_budget_source() {
        let plan = demo_plan();
        let known = |id: &str| plan.budget.source(id).is_some();
        for ini in &plan.initiatives {
            assert!(
                known(&ini.funding),
                "{} funded by unknown {}",
                ini.id,
                ini.funding
            );
        }
        for item in all_items(&plan) {
            if let Some(f) = &item.funding {
                assert!(known(f), "{} funded by unknown {f}", item.id);
            }
        }
        assert!(plan.budget.erate_source().is_some());
    }

    #[test]
    fn every_inventory_kind_a_standard_selects_is_in_the_demo() {
        let plan = demo_plan();
        let have: BTreeSet<&str> = plan.items.iter().map(|i| i.kind.as_str()).collect();
        let mut missing = BTreeSet::new();
        for s in Library::builtin().standards {
            for k in kinds_of(&s.check) {
                if !have.contains(k.as_str()) {
                    missing.insert(format!("{k} ({})", s.id));
                }
            }
        }
        assert!(missing.is_empty(), "kinds with no demo item: {missing:?}");
    }

    fn kinds_of(c: &crate::standards::Check) -> Vec<String> {
        use crate::standards::{Check, Per};
        match c {
            Check::Share { select, .. } | Check::Exists { select, .. } => select.kinds.clone(),
            Check::Ratio { num, per, .. } => {
                let mut k = num.select.kinds.clone();
                if let Per::Measure(m) = per {
                    k.extend(m.select.kinds.clone());
                }
                k
            }
            Check::Answer { .. } => Vec::new(),
            Check::All(cs) | Check::Any(cs) => cs.iter().flat_map(kinds_of).collect(),
            Check::Not(c) => kinds_of(c),
        }
    }

    #[test]
    fn every_demo_answer_is_read_by_a_standard() {
        fn keys(c: &crate::standards::Check, out: &mut BTreeSet<String>) {
            use crate::standards::Check;
            match c {
                Check::Answer { key, .. } => {
                    out.insert(key.clone());
                }
                Check::All(cs) | Check::Any(cs) => cs.iter().for_each(|c| keys(c, out)),
                Check::Not(c) => keys(c, out),
                _ => {}
            }
        }
        let mut read = BTreeSet::new();
        Library::builtin()
            .standards
            .iter()
            .for_each(|s| keys(&s.check, &mut read));
        for key in demo_plan().answers.keys() {
            assert!(
                read.contains(key),
                "demo answers {key:?}, which no standard reads"
            );
        }
    }

    #[test]
    fn some_questions_are_left_unanswered() {
        let plan = demo_plan();
        for key in [
            "kev_remediation_hours",
            "last_restore_test",
            "repair_turnaround_days",
        ] {
            assert!(
                !plan.answers.contains_key(key),
                "{key} should be unanswered"
            );
        }
    }
}

/// The story the demo must keep telling, judged by the real engine as of 2026-11-22.
#[cfg(test)]
mod story {
    use super::demo_plan;
    use crate::assess::Status;
    use crate::derive::Engine;
    use crate::standards::Library;

    fn engine() -> (Engine, Library) {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
        let lib = Library::builtin();
        (Engine::new(&demo_plan(), lib.clone(), as_of), lib)
    }

    fn status(e: &Engine, lib: &Library, id: &str, year: usize, baseline: bool) -> Status {
        let i = lib
            .standards
            .iter()
            .position(|s| s.id == id)
            .expect("known id");
        let d = e.derived();
        let years = if baseline { &d.baseline } else { &d.projected };
        years[year].outcomes[i].status
    }

    #[test]
    fn some_fail_now_and_many_more_later_without_the_roadmap() {
        let (e, _) = engine();
        let d = e.derived();
        assert_eq!(d.horizon.years.first().map(|y| y.0), Some(2027));
        let total = d.baseline[0].outcomes.len() as f64;
        let now = d.baseline[0].failing as f64 / total;
        assert!((0.15..=0.35).contains(&now), "{now:.2} failing now");
        let last = d.baseline.last().expect("horizon").failing;
        assert!(
            last as f64 >= 1.5 * d.baseline[0].failing as f64,
            "{last} failing by FY2031"
        );
        let planned = d.projected.last().expect("horizon").failing;
        assert!(planned < last / 2, "the roadmap leaves {planned} failing");
    }

    #[test]
    fn the_headline_failures_are_there() {
        let (e, lib) = engine();
        for id in ["SEC-01", "NET-14", "NET-04", "NET-07", "DEV-02", "NET-01"] {
            assert_eq!(status(&e, &lib, id, 0, true), Status::Fail, "{id} now");
        }
        // The ESSER III Chromebooks (Dell 3110, a 2021 platform with ten years of updates) reach
        // auto-update expiry in June 2031: DEV-10 (expiry within a year) passes until FY2030
        // and fails in FY2031; with INI-001 and INI-013 done, DEV-02 passes in FY2030 while the
        // baseline still fails it (the Maple 2020 Chromebooks expired in June 2026).
        let aue = |y| status(&e, &lib, "DEV-10", y, true);
        assert_eq!(
            (aue(0), aue(3), aue(4)),
            (Status::Pass, Status::Pass, Status::Fail)
        );
        assert_eq!(status(&e, &lib, "DEV-02", 3, true), Status::Fail);
        assert_eq!(status(&e, &lib, "DEV-02", 3, false), Status::Pass);
        for id in ["DAT-03", "SEC-10", "OPS-05"] {
            assert_eq!(
                status(&e, &lib, id, 0, true),
                Status::Unknown,
                "{id} unanswered"
            );
        }
    }

    /// The worksheet in the comment at the top of district.ron is what `vcio budget` shows.
    #[test]
    fn the_budget_worksheet_in_the_file_matches_the_engine() {
        let (e, _) = engine();
        let dollars = |s: &str| {
            s.trim_start_matches('$')
                .replace(',', "")
                .parse::<i64>()
                .ok()
        };
        let rows: Vec<Vec<&str>> = super::DISTRICT_RON
            .lines()
            .filter_map(|l| l.strip_prefix("//   FY20"))
            .map(|l| l.split_whitespace().collect())
            .collect();
        let years = &e.derived().budget.years;
        assert_eq!(rows.len(), years.len());
        for (row, y) in rows.iter().zip(years) {
            let src = |name: &str| (y.by_source.get(name).copied().unwrap_or(0) + 50) / 100;
            let want = [
                src("General Fund"),
                src("E-Rate"),
                src("Title IV-A (technology share)"),
                (y.total_cents + 50) / 100,
            ];
            let got: Vec<Option<i64>> = row[1..5].iter().map(|c| dollars(c)).collect();
            assert_eq!(
                got,
                want.map(Some).to_vec(),
                "{} worksheet row",
                y.fiscal_year
            );
        }
    }

    #[test]
    fn exactly_one_year_is_over_its_cap() {
        let (e, _) = engine();
        let over: Vec<i32> = e
            .derived()
            .budget
            .years
            .iter()
            .filter(|y| y.over_cap)
            .map(|y| y.fiscal_year.0)
            .collect();
        assert_eq!(over, vec![2029]);
    }
}
