//! Fixtures shared by the store tests: a plan that exercises every field shape the store must
//! round-trip (untagged attribute values, selectors with parameters, dates, maps keyed by year).

#![allow(dead_code)]

use std::collections::BTreeMap;
use vcio::model::{
    AnswerValue, AttrValue, BudgetSettings, Category, District, Effect, ErateCategory, FiscalYear,
    FundingSource, Initiative, Item, Num, Plan, Pred, Quarter, Selector, Site, SourceKind,
    SpendKind, YearMonth,
};

pub fn q(fy: i32, q: u8) -> Quarter {
    Quarter::new(fy, q).expect("valid quarter")
}

pub fn initiative(id: &str, start: Quarter) -> Initiative {
    Initiative {
        owner: "CIO".into(),
        duration: 2,
        one_time_cents: 1_250_000,
        recurring_cents: 30_000,
        resolves: vec!["NET-01".into()],
        ..Initiative::new(id, &format!("Initiative {id}"), start)
    }
}

pub fn item(id: &str) -> Item {
    let mut it = Item::new(
        id,
        &format!("Item {id}"),
        Category::Device,
        "chromebook",
        30,
    );
    it.unit_cost_cents = 29_900;
    it.acquired = YearMonth::new(2021, 8);
    it.site = Some("hs".into());
    it
}

/// A small district with one of everything.
pub fn rich_plan() -> Plan {
    let mut attrs = BTreeMap::new();
    attrs.insert("mbps".to_string(), AttrValue::Num(1000.0));
    attrs.insert("encrypted".to_string(), AttrValue::Flag(true));
    attrs.insert("boot".to_string(), AttrValue::Text("uefi".into()));
    attrs.insert("ports".to_string(), AttrValue::Num(48.5));
    let mut fw = Item::new("FW-1", "Core firewall", Category::Security, "firewall", 1);
    fw.attrs = attrs.into_iter().collect();
    fw.end_of_support = YearMonth::new(2027, 6);
    fw.life_years = Some(7);
    fw.erate = Some(ErateCategory::C2);
    fw.vendor = Some("Fortinet".into());
    fw.tags = vec!["core".into(), "dmz".into()];
    fw.assets = vec!["SN-001".into()];
    fw.annual_cost_cents = 450_000;
    fw.funding = Some("erate".into());

    let mut refresh = initiative("INI-001", q(2027, 2));
    refresh.effects = vec![
        Effect::Refresh {
            select: Selector {
                kinds: vec!["chromebook".into()],
                category: Some(Category::Device),
                tags: vec![],
                filter: Some(Pred::All(vec![
                    Pred::AgeAtMost(Num::Lit(5.0)),
                    Pred::AttrAtLeast("ram_gb".into(), Num::Param("min_ram".into())),
                ])),
                label: Some("student Chromebooks".into()),
            },
            support_years: Some(6),
        },
        Effect::SetAnswer {
            key: "mfa_staff".into(),
            value: AnswerValue::Yes,
        },
        Effect::AnswerDated {
            key: "restore_test".into(),
        },
        Effect::AddItems(vec![item("AP-NEW")]),
    ];
    let mut mfa = initiative("INI-002", q(2027, 4));
    mfa.depends_on = vec!["INI-001".into()];
    mfa.erate = Some(ErateCategory::C1);
    mfa.spend = SpendKind::Operating;

    let mut budget = BudgetSettings::default();
    budget.sources.push(FundingSource {
        id: "esser".into(),
        name: "ESSER III".into(),
        kind: SourceKind::Grant,
        annual_cap_cents: Some(5_000_000),
        award_cents: Some(12_000_000),
        years: vec![FiscalYear(2027), FiscalYear(2028)],
        spend_only: None,
        max_capital_pct: None,
    });
    budget.annual_cap_cents = Some(90_000_000);
    budget.caps_by_year.insert(FiscalYear(2028), 80_000_000);

    let mut plan = Plan {
        district: District {
            name: "Maple Valley USD".into(),
            students: 4200,
            staff: 380,
            sites: vec![Site {
                id: "hs".into(),
                name: "Maple Valley High".into(),
                classrooms: 60,
                students: 1400,
                staff: 120,
                aliases: vec!["MVHS".into()],
                instructional: true,
            }],
            fiscal_start_month: 7,
            horizon_years: 5,
            erate_discount_pct: 80,
            inventory_complete: Vec::new(),
            erate: vcio::model::ErateSettings {
                nslp_pct: Some(62),
                rural: Some(true),
                ..Default::default()
            },
            state: Some("NY".into()),
            jurisdiction_population: Some(48_000),
            exemptions: [(
                "CLS-10".to_string(),
                vcio::model::Exemption {
                    kind: vcio::model::ExemptionKind::AcceptedRisk,
                    reason: "county hosts the website".into(),
                    until: chrono::NaiveDate::from_ymd_opt(2027, 6, 30),
                },
            )]
            .into(),
            model_map: vec![vcio::model::ModelMapping {
                model: "Gizmo 9".into(),
                category: vcio::model::Category::Network,
                kind: "access-point".into(),
            }],
        },
        items: vec![item("CB-2021"), item("CB-2022"), fw],
        answers: BTreeMap::new(),
        initiatives: vec![refresh, mfa],
        budget,
        overrides: BTreeMap::new(),
        // Follow-through survives saving too: a person who left and a baseline.
        governance: vcio::model::Governance {
            people: vec![vcio::model::Person {
                name: "Alex Romero".into(),
                role: "Security Lead".into(),
                left_on: chrono::NaiveDate::from_ymd_opt(2026, 9, 30),
            }],
            baselines: vec![vcio::model::Baseline {
                name: "board-2025-12".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 12, 9).expect("date"),
                initiatives: Vec::new(),
            }],
        },
    };
    plan.answers.insert("mfa_staff".into(), AnswerValue::No);
    plan.answers
        .insert("backup_copies".into(), AnswerValue::Number(2.5));
    plan.answers.insert(
        "restore_test".into(),
        AnswerValue::Date(chrono::NaiveDate::from_ymd_opt(2025, 3, 14).expect("date")),
    );
    plan.answers
        .insert("sis".into(), AnswerValue::Text("PowerSchool".into()));
    plan.overrides
        .insert("NET-03.min_mbps_per_student".into(), 1.5);
    plan.normalize();
    plan
}
