//! Synthetic districts of any size, for scale work and benchmarks (`vcio generate`).
//!
//! Deterministic for a seed. Items use the same kinds and attributes as the demo district, so
//! the built-in standards have something real to evaluate; initiatives come in dependency
//! chains and refresh narrow cohorts (one kind at one site), as real roadmaps do.

use crate::model::*;

/// A small, fast, seeded generator (xorshift64*), so no dependency is needed for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// (kind, category, unit cost in cents, life in years, tags)
const KINDS: &[(&str, Category, i64, u8, &[&str])] = &[
    ("chromebook", Category::Device, 30_000, 5, &["student"]),
    ("staff-laptop", Category::Device, 110_000, 5, &["staff"]),
    ("windows-laptop", Category::Device, 90_000, 5, &["staff"]),
    ("desktop", Category::Device, 80_000, 6, &[]),
    ("ipad", Category::Device, 40_000, 5, &["student"]),
    ("access-point", Category::Network, 120_000, 7, &[]),
    ("switch", Category::Network, 450_000, 8, &[]),
    ("core-switch", Category::Network, 3_000_000, 8, &[]),
    ("firewall", Category::Security, 2_500_000, 6, &[]),
    ("ups", Category::Facility, 150_000, 6, &[]),
    ("interactive-panel", Category::Facility, 500_000, 8, &[]),
    ("projector", Category::Facility, 90_000, 7, &[]),
    ("server", Category::Device, 1_200_000, 6, &[]),
    ("printer", Category::Device, 60_000, 6, &[]),
    ("camera", Category::Security, 40_000, 7, &[]),
];

/// A district with `items` inventory rows and `initiatives` initiatives.
pub fn generate(items: usize, initiatives: usize, seed: u64, standard_ids: &[String]) -> Plan {
    let mut rng = Rng::new(seed);
    let site_count = (items / 2_000).clamp(4, 60);
    let sites: Vec<Site> = (0..site_count)
        .map(|i| Site {
            id: format!("site-{i:02}"),
            name: format!("School {i:02}"),
            classrooms: 20 + rng.below(40) as u32,
            students: 300 + rng.below(1200) as u32,
            staff: 30 + rng.below(90) as u32,
            ..Site::new("", "")
        })
        .collect();
    let students = sites.iter().map(|s| s.students).sum();
    let staff = sites.iter().map(|s| s.staff).sum();
    let district = District {
        name: format!("Generated district {seed}"),
        students,
        staff,
        sites,
        fiscal_start_month: 7,
        horizon_years: 5,
        erate_discount_pct: 60,
        erate: Default::default(),
        state: None,
        jurisdiction_population: None,
        // A synthetic inventory is the whole inventory: nothing is "not imported yet".
        inventory_complete: vec!["all".into()],
        exemptions: Default::default(),
        model_map: Vec::new(),
    };
    let mut plan = Plan {
        district,
        ..Plan::default()
    };
    for n in 0..items {
        let (kind, category, cost, life, tags) = KINDS[rng.below(KINDS.len() as u64) as usize];
        let site = &plan.district.sites[rng.below(site_count as u64) as usize];
        let acquired = YearMonth::from_index(2015 * 12 + rng.below(12 * 12) as i32);
        let mut item = Item::new(
            &format!("GEN-{n:06}"),
            &format!("{kind} {n}"),
            category,
            kind,
            1 + rng.below(40) as u32,
        );
        item.site = Some(site.id.clone());
        item.unit_cost_cents = cost;
        item.acquired = Some(acquired);
        item.life_years = Some(life);
        item.tags = tags.iter().map(|t| t.to_string()).collect();
        if kind == "chromebook" {
            item.end_of_support = Some(acquired.plus_months(12 * 8));
        }
        for flag in ["encrypted", "edr_agent", "filter_agent", "mdm_enrolled"] {
            item.attrs.insert(flag, AttrValue::Flag(rng.chance(85)));
        }
        if kind == "access-point" {
            item.attrs
                .insert("wifi_gen", AttrValue::Num(4.0 + rng.below(3) as f64));
            item.erate = Some(ErateCategory::C2);
        }
        plan.items.push(item);
    }
    plan.budget.annual_cap_cents = Some(2_000_000_00 + (items as i64) * 2_000);
    for n in 0..initiatives {
        let (kind, _, cost, _, _) = KINDS[rng.below(KINDS.len() as u64) as usize];
        let site = format!("site-{:02}", rng.below(site_count as u64));
        let start =
            Quarter::new(2027 + rng.below(4) as i32, 1 + rng.below(4) as u8).unwrap_or(Quarter {
                fy: FiscalYear(2028),
                q: 1,
            });
        let mut ini = Initiative {
            id: format!("GI-{n:05}"),
            title: format!("Refresh {kind} at {site}"),
            owner: String::new(),
            start,
            duration: 1 + rng.below(4) as u8,
            one_time_cents: cost * (5 + rng.below(100) as i64),
            recurring_cents: if rng.chance(20) {
                100_00 * rng.below(500) as i64
            } else {
                0
            },
            escalation_pct: None,
            funding: GENERAL_FUND.into(),
            funding_shares: Vec::new(),
            lease: None,
            spend: SpendKind::Capital,
            unit_cost_cents: None,
            erate: (kind == "access-point" || kind == "switch").then_some(ErateCategory::C2),
            erate_one_time_pct: None,
            erate_recurring_pct: None,
            erate_note: String::new(),
            // Chains of about ten: most initiatives follow the one before.
            depends_on: if n % 10 != 0 {
                vec![format!("GI-{:05}", n - 1)]
            } else {
                Vec::new()
            },
            resolves: if standard_ids.is_empty() {
                Vec::new()
            } else {
                vec![standard_ids[rng.below(standard_ids.len() as u64) as usize].clone()]
            },
            effects: vec![Effect::Refresh {
                select: Selector {
                    kinds: vec![kind.into()],
                    filter: Some(Pred::AtSite(site)),
                    ..Selector::default()
                },
                support_years: None,
            }],
            notes: String::new(),
            ..Initiative::new("", "", start)
        };
        if rng.chance(10) {
            ini.effects.push(Effect::SetAnswer {
                key: "mfa_staff".into(),
                value: AnswerValue::Yes,
            });
        }
        plan.initiatives.push(ini);
    }
    plan.normalize();
    plan
}
