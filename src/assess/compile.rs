//! Compiling a standards library for evaluation: thresholds are resolved (standard params, then
//! district overrides), and every inventory quantity a check needs becomes a numbered *slot*:
//! the sum over selected items of quantity (or quantity x attribute), optionally only items
//! meeting a predicate. Slots are what the engine totals per fiscal year, and what initiative
//! effects adjust, so checks themselves never touch the inventory.

use crate::model::{Category, Num, Pred, Selector, YearMonth};
use crate::standards::{Check, Expect, IfEmpty, Library, Measure, Per};
use std::collections::BTreeMap;

pub type SlotId = usize;

/// A predicate with its thresholds resolved to numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum CPred {
    AgeAtMostMonths(f64),
    WithinLife,
    SupportedForMonths(f64),
    AttrAtLeast(String, f64),
    AttrAtMost(String, f64),
    AttrIs(String, String),
    Flag(String),
    HasTag(String),
    IsKind(Vec<String>),
    AtSite(String),
    AcquiredBefore(YearMonth),
    All(Vec<CPred>),
    Any(Vec<CPred>),
    Not(Box<CPred>),
}

/// How a slot with a predicate treats items lacking a fact the predicate reads (purchase date,
/// support date, attributes): for them the predicate is unknown, neither met nor failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Facts {
    /// Count items where the predicate holds, facts or not (ratios and filters).
    #[default]
    Any,
    /// Count only items whose facts are known and where the predicate holds (a share's pass).
    Known,
    /// Count the items whose facts are not known, whatever the predicate (a share's unknown).
    Unknown,
}

/// A selector ready to match items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CSelector {
    pub kinds: Vec<String>,
    pub category: Option<Category>,
    pub tags: Vec<String>,
    pub filter: Option<CPred>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Slots with equal selectors share this id, so a scan matches each selector once per item.
    pub sel: usize,
    pub select: CSelector,
    pub pred: Option<CPred>,
    pub attr: Option<String>,
    /// Also total per site (for per-site ratios).
    pub per_site: bool,
    pub facts: Facts,
    /// Slots asking the same "facts known?" question share this (0: none).
    pub known_key: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CPer {
    Students,
    Staff,
    Users,
    Classrooms,
    Sites,
    Slot(SlotId),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CExpect {
    Yes,
    No,
    AtLeast(f64),
    AtMost(f64),
    WithinDays(f64),
    OneOf(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CCheck {
    Share {
        total: SlotId,
        /// Items that meet the predicate, among those whose facts are known.
        pass: SlotId,
        /// Items lacking a fact the predicate reads.
        unknown: SlotId,
        /// What those facts are, in words ("purchase date", "boot mode").
        facts: String,
        /// The kinds or category the district marks complete to make "none recorded" mean none.
        scope: Vec<String>,
        at_least: f64,
        if_empty: IfEmpty,
        label: String,
        failing: String,
    },
    Ratio {
        num: SlotId,
        per: CPer,
        at_least: Option<f64>,
        at_most: Option<f64>,
        per_site: bool,
        unit: String,
        label: String,
        /// The numerator's kinds or category, for "none recorded" (see `Share::scope`).
        scope: Vec<String>,
    },
    Answer {
        key: String,
        expect: CExpect,
    },
    Exists {
        total: SlotId,
        min: f64,
        label: String,
        /// What the district marks complete to make "none recorded" mean none (its kinds, or
        /// its category).
        scope: Vec<String>,
    },
    All(Vec<CCheck>),
    Any(Vec<CCheck>),
    Not(Box<CCheck>),
}

/// A library compiled against a district's overrides.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    /// One check per standard, in library order.
    pub checks: Vec<CCheck>,
    pub slots: Vec<Slot>,
}

struct Compiler<'a> {
    slots: Vec<Slot>,
    selectors: BTreeMap<String, usize>,
    index: BTreeMap<String, SlotId>,
    params: &'a BTreeMap<String, f64>,
    overrides: &'a BTreeMap<String, f64>,
    std_id: &'a str,
}

/// Compiles every standard. Unknown parameter names resolve to 0 here; `standards lint`
/// reports them, so a library that lints clean never relies on that.
pub fn compile(lib: &Library, overrides: &BTreeMap<String, f64>) -> Compiled {
    let mut c = Compiler {
        slots: Vec::new(),
        selectors: BTreeMap::new(),
        index: BTreeMap::new(),
        params: &BTreeMap::new(),
        overrides,
        std_id: "",
    };
    let checks = lib
        .standards
        .iter()
        .map(|s| {
            c.params = &s.params;
            c.std_id = &s.id;
            c.check(&s.check)
        })
        .collect();
    Compiled {
        checks,
        slots: c.slots,
    }
}

impl Compiler<'_> {
    fn num(&self, n: &Num) -> f64 {
        match n {
            Num::Lit(v) => *v,
            Num::Param(p) => self
                .overrides
                .get(&format!("{}.{p}", self.std_id))
                .or_else(|| self.params.get(p))
                .copied()
                .unwrap_or(0.0),
        }
    }

    fn pred(&self, p: &Pred) -> CPred {
        match p {
            Pred::AgeAtMost(n) => CPred::AgeAtMostMonths(self.num(n) * 12.0),
            Pred::WithinLife => CPred::WithinLife,
            Pred::SupportedFor(n) => CPred::SupportedForMonths(self.num(n)),
            Pred::AttrAtLeast(k, n) => CPred::AttrAtLeast(k.clone(), self.num(n)),
            Pred::AttrAtMost(k, n) => CPred::AttrAtMost(k.clone(), self.num(n)),
            Pred::AttrIs(k, v) => CPred::AttrIs(k.clone(), v.to_lowercase()),
            Pred::Flag(k) => CPred::Flag(k.clone()),
            Pred::HasTag(t) => CPred::HasTag(t.clone()),
            Pred::IsKind(ks) => CPred::IsKind(ks.clone()),
            Pred::AtSite(s) => CPred::AtSite(s.clone()),
            Pred::AcquiredBefore(ym) => CPred::AcquiredBefore(*ym),
            Pred::All(ps) => CPred::All(ps.iter().map(|p| self.pred(p)).collect()),
            Pred::Any(ps) => CPred::Any(ps.iter().map(|p| self.pred(p)).collect()),
            Pred::Not(p) => CPred::Not(Box::new(self.pred(p))),
        }
    }

    pub fn selector(&self, s: &Selector) -> CSelector {
        CSelector {
            kinds: s.kinds.iter().map(|k| k.to_lowercase()).collect(),
            category: s.category,
            tags: s.tags.clone(),
            filter: s.filter.as_ref().map(|p| self.pred(p)),
        }
    }

    /// Interns a slot so checks that total the same thing share one.
    fn slot(&mut self, mut slot: Slot) -> SlotId {
        let next = self.selectors.len();
        slot.sel = *self
            .selectors
            .entry(format!("{:?}", slot.select))
            .or_insert(next);
        let key = format!("{slot:?}");
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        self.slots.push(slot);
        self.index.insert(key, self.slots.len() - 1);
        self.slots.len() - 1
    }

    fn measure(&mut self, m: &Measure, per_site: bool) -> SlotId {
        let slot = Slot {
            sel: 0,
            select: self.selector(&m.select),
            pred: m.pred.as_ref().map(|p| self.pred(p)),
            attr: m.attr.clone(),
            per_site,
            facts: Facts::Any,
            known_key: 0,
        };
        self.slot(slot)
    }

    fn check(&mut self, c: &Check) -> CCheck {
        match c {
            Check::Share {
                select,
                pred,
                at_least,
                if_empty,
                failing,
            } => {
                let select_c = self.selector(select);
                let total = self.slot(Slot {
                    sel: 0,
                    select: select_c.clone(),
                    pred: None,
                    attr: None,
                    per_site: false,
                    facts: Facts::Any,
                    known_key: 0,
                });
                let p = self.pred(pred);
                let pass = self.slot(Slot {
                    sel: 0,
                    select: select_c.clone(),
                    pred: Some(p.clone()),
                    attr: None,
                    per_site: false,
                    facts: Facts::Known,
                    known_key: 0,
                });
                let unknown = self.slot(Slot {
                    sel: 0,
                    select: select_c,
                    pred: Some(p),
                    attr: None,
                    per_site: false,
                    facts: Facts::Unknown,
                    known_key: 0,
                });
                // The scan asks "are the facts known?" once for both slots: they share a key.
                self.slots[pass].known_key = pass + 1;
                self.slots[unknown].known_key = pass + 1;
                CCheck::Share {
                    total,
                    pass,
                    unknown,
                    facts: facts_of(pred).join(", "),
                    scope: scope_of(select),
                    at_least: self.num(at_least),
                    if_empty: *if_empty,
                    label: label_of(select),
                    failing: failing
                        .clone()
                        .unwrap_or_else(|| describe_failing(pred, &|n| self.num(n))),
                }
            }
            Check::Ratio {
                num,
                per,
                at_least,
                at_most,
                per_site,
                unit,
            } => {
                let num_slot = self.measure(num, *per_site);
                let per = match per {
                    Per::Students => CPer::Students,
                    Per::Staff => CPer::Staff,
                    Per::Users => CPer::Users,
                    Per::Classrooms => CPer::Classrooms,
                    Per::Sites => CPer::Sites,
                    Per::Measure(m) => CPer::Slot(self.measure(m, *per_site)),
                };
                CCheck::Ratio {
                    num: num_slot,
                    per,
                    at_least: at_least.as_ref().map(|n| self.num(n)),
                    at_most: at_most.as_ref().map(|n| self.num(n)),
                    per_site: *per_site,
                    unit: unit.clone().unwrap_or_else(|| "per unit".into()),
                    label: label_of(&num.select),
                    scope: scope_of(&num.select),
                }
            }
            Check::Answer { key, expect } => CCheck::Answer {
                key: key.clone(),
                expect: match expect {
                    Expect::Yes => CExpect::Yes,
                    Expect::No => CExpect::No,
                    Expect::AtLeast(n) => CExpect::AtLeast(self.num(n)),
                    Expect::AtMost(n) => CExpect::AtMost(self.num(n)),
                    Expect::WithinDays(n) => CExpect::WithinDays(self.num(n)),
                    Expect::OneOf(v) => {
                        CExpect::OneOf(v.iter().map(|s| s.to_lowercase()).collect())
                    }
                },
            },
            Check::Exists { select, min } => {
                let total = self.slot(Slot {
                    sel: 0,
                    select: self.selector(select),
                    pred: None,
                    attr: None,
                    per_site: false,
                    facts: Facts::Any,
                    known_key: 0,
                });
                CCheck::Exists {
                    total,
                    min: min.as_ref().map(|n| self.num(n)).unwrap_or(1.0),
                    label: label_of(select),
                    scope: scope_of(select),
                }
            }
            Check::All(cs) => CCheck::All(cs.iter().map(|c| self.check(c)).collect()),
            Check::Any(cs) => CCheck::Any(cs.iter().map(|c| self.check(c)).collect()),
            Check::Not(c) => CCheck::Not(Box::new(self.check(c))),
        }
    }
}

/// Compiles a selector outside a library (initiative effects use selectors too).
pub fn compile_selector(s: &Selector) -> CSelector {
    let empty = BTreeMap::new();
    let c = Compiler {
        slots: Vec::new(),
        selectors: BTreeMap::new(),
        index: BTreeMap::new(),
        params: &empty,
        overrides: &empty,
        std_id: "",
    };
    c.selector(s)
}

/// The inventory kinds (and category) a selector reads, lower-case, for "marked complete".
fn scope_of(s: &Selector) -> Vec<String> {
    let mut scope: Vec<String> = s.kinds.iter().map(|k| k.to_lowercase()).collect();
    scope.extend(s.category.map(|c| c.name().to_lowercase()));
    scope
}

fn label_of(s: &Selector) -> String {
    if let Some(l) = &s.label {
        return l.clone();
    }
    match (s.kinds.as_slice(), s.category) {
        ([], Some(c)) => format!("{} items", c.name().to_lowercase()),
        ([], None) => "items".into(),
        (ks, _) => ks.join("/") + " units",
    }
}

/// The facts a predicate reads, in words, for "unknown" evidence and the setup checklist.
pub fn facts_of(p: &Pred) -> Vec<String> {
    let mut out: Vec<String> = match p {
        Pred::AgeAtMost(_) | Pred::WithinLife | Pred::AcquiredBefore(_) => {
            vec!["purchase date".into()]
        }
        Pred::SupportedFor(_) => vec!["end-of-support date".into()],
        Pred::AttrAtLeast(k, _) | Pred::AttrAtMost(k, _) | Pred::AttrIs(k, _) | Pred::Flag(k) => {
            vec![k.replace('_', " ")]
        }
        Pred::HasTag(_) | Pred::IsKind(_) | Pred::AtSite(_) => Vec::new(),
        Pred::All(ps) | Pred::Any(ps) => ps.iter().flat_map(facts_of).collect(),
        Pred::Not(p) => facts_of(p),
    };
    out.dedup();
    out
}

/// How evidence describes items failing a predicate, when the standard does not say.
fn describe_failing(p: &Pred, resolve: &dyn Fn(&Num) -> f64) -> String {
    let n = |n: &Num| crate::assess::eval::group(resolve(n));
    match p {
        Pred::AgeAtMost(y) => format!("are older than {} years", n(y)),
        Pred::WithinLife => "are past their expected life".into(),
        Pred::SupportedFor(m) if resolve(m) <= 0.0 => "are past end of support".into(),
        Pred::SupportedFor(m) => format!("have under {} months of support left", n(m)),
        Pred::AttrAtLeast(k, v) => format!("have {k} below {}", n(v)),
        Pred::AttrAtMost(k, v) => format!("have {k} above {}", n(v)),
        Pred::AttrIs(k, v) => format!("do not have {k} = {v}"),
        Pred::Flag(k) => format!("lack {}", k.replace('_', " ")),
        Pred::HasTag(t) => format!("are not tagged {t}"),
        Pred::IsKind(ks) => format!("are not {}", ks.join("/")),
        Pred::AtSite(s) => format!("are not at {s}"),
        Pred::AcquiredBefore(ym) => format!("were acquired after {ym}"),
        Pred::All(_) | Pred::Any(_) | Pred::Not(_) => "do not meet the standard".into(),
    }
}
