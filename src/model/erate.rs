//! The E-Rate program's rules as data and small pure functions: funding years (named by the
//! year they start, kept apart from the district's fiscal years), which funding year a line of
//! work falls in, whether a request can still be filed for it, the filing calendar, and the
//! Category Two budget from the district's schools.
//!
//! The figures live in `standards/erate-program.ron` (embedded), each with its source, so a
//! new FCC order is a data change. ARCHITECTURE.md's "E-Rate" section explains the model.

use super::district::{District, Site};
use super::inventory::ErateCategory;
use super::time::YearMonth;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const BUILTIN: &str = include_str!("../../standards/erate-program.ron");

/// One Category Two budget cycle's figures (pre-discount, integer cents).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct C2CycleFigures {
    pub first_year: i32,
    pub last_year: i32,
    pub per_student_cents: i64,
    pub floor_cents: i64,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErateProgram {
    pub c2_cycles: Vec<C2CycleFigures>,
    pub per_school_max_schools: usize,
    pub per_school_source: String,
    pub c1_max_pct: u8,
    pub c2_max_pct: u8,
    pub matrix_source: String,
    /// (month, day) of the calendar year a funding year starts in.
    pub window_opens: (u32, u32),
    pub window_closes: (u32, u32),
    pub window_source: String,
    pub form470_days: i64,
    pub c2_advance_month: u8,
    pub c1_advance_month: u8,
    pub form486_days: i64,
    pub invoice_days: i64,
    pub timing_source: String,
    #[serde(default)]
    pub eligibility: Vec<Eligibility>,
}

/// The E-Rate-eligible shares of a kind of line, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    pub kind: String,
    pub one_time_pct: u8,
    pub recurring_pct: u8,
    pub note: String,
}

static PROGRAM: std::sync::OnceLock<ErateProgram> = std::sync::OnceLock::new();

/// The program rules in force: a district's `erate-program.ron` when one was installed at
/// start-up ([`install`]), else the embedded ones.
pub fn program() -> &'static ErateProgram {
    PROGRAM.get_or_init(ErateProgram::default)
}

/// Puts a district's program file in force for this process (before the first [`program`]
/// call; later calls keep the rules already in use and return false).
pub fn install(p: ErateProgram) -> bool {
    PROGRAM.set(p).is_ok()
}

impl Default for ErateProgram {
    fn default() -> Self {
        // Checked by the test suite: failing here is a build defect.
        ron::from_str(BUILTIN).expect("standards/erate-program.ron is valid")
    }
}

/// How the district sizes its Category Two budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum C2Method {
    /// The greater of students x multiplier and schools x floor.
    District,
    /// Each school on its own (the greater of its students x multiplier and the floor), summed:
    /// open to districts of at most `per_school_max_schools` schools.
    PerSchool,
}

/// A district's Category Two budget for one cycle, and how it was sized.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct C2Budget {
    pub first_year: i32,
    pub last_year: i32,
    pub budget_cents: i64,
    pub method: C2Method,
    pub schools: usize,
    pub students: u64,
    /// Whether the cycle's figures are a known cycle's (false: the last known cycle's figures
    /// carried forward until the FCC sets the next).
    pub figures_known: bool,
    pub source: String,
}

/// "E-Rate FY2026 (district FY2027)": both names, wherever an E-Rate figure is shown.
pub fn both_names(funding_year: i32, district_fy_of_july: i32) -> String {
    format!("E-Rate FY{funding_year} (district FY{district_fy_of_july})")
}

/// The funding year a month's recurring service falls in (July-June, named by its start).
pub fn funding_year_of(ym: YearMonth) -> i32 {
    if ym.month >= 7 { ym.year } else { ym.year - 1 }
}

impl ErateProgram {
    /// Parses a program file; errors read `FILE:LINE:COL: message`.
    pub fn from_ron(file: &str, text: &str) -> Result<ErateProgram, String> {
        ron::from_str(text).map_err(|e| {
            format!(
                "{file}:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })
    }

    /// The eligible shares of a kind of line, if the table names it.
    pub fn eligibility(&self, kind: &str) -> Option<&Eligibility> {
        self.eligibility
            .iter()
            .find(|e| e.kind.eq_ignore_ascii_case(kind))
    }

    /// The funding year work in `ym` counts toward: recurring service by its month; one-time
    /// work may be installed early for the coming funding year (C2 from April, C1 non-recurring
    /// from January).
    pub fn funding_year_for(&self, ym: YearMonth, cat: ErateCategory, recurring: bool) -> i32 {
        let advance = match cat {
            ErateCategory::C1 => self.c1_advance_month,
            ErateCategory::C2 => self.c2_advance_month,
        };
        if !recurring && ym.month < 7 && ym.month >= advance {
            ym.year
        } else {
            funding_year_of(ym)
        }
    }

    fn day(year: i32, (m, d): (u32, u32)) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, m, d)
            .or_else(|| NaiveDate::from_ymd_opt(year, m, 1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The Form 471 window before a funding year: (opens, closes).
    pub fn window(&self, funding_year: i32) -> (NaiveDate, NaiveDate) {
        (
            Self::day(funding_year, self.window_opens),
            Self::day(funding_year, self.window_closes),
        )
    }

    /// The last day a Form 470 can be posted for a request in the window.
    pub fn form470_last(&self, funding_year: i32) -> NaiveDate {
        self.window(funding_year).1 - chrono::Duration::days(self.form470_days)
    }

    /// Whether, as of `as_of`, a funding request can exist for the funding year: one is filed
    /// already, or its window has not closed.
    pub fn request_possible(&self, funding_year: i32, as_of: NaiveDate, filed: &[i32]) -> bool {
        filed.contains(&funding_year) || as_of < self.window(funding_year).1
    }

    /// The first month from `from` whose work can still be funded.
    pub fn earliest_fundable(
        &self,
        from: YearMonth,
        cat: ErateCategory,
        recurring: bool,
        as_of: NaiveDate,
        filed: &[i32],
    ) -> YearMonth {
        (0..60)
            .map(|k| from.plus_months(k))
            .find(|ym| {
                self.request_possible(self.funding_year_for(*ym, cat, recurring), as_of, filed)
            })
            .unwrap_or(from)
    }

    /// The cycle containing a funding year; past the last known cycle, its figures carried
    /// forward in five-year steps (`figures_known` false).
    pub fn cycle(&self, funding_year: i32) -> Option<(C2CycleFigures, bool)> {
        if let Some(c) = self
            .c2_cycles
            .iter()
            .find(|c| (c.first_year..=c.last_year).contains(&funding_year))
        {
            return Some((c.clone(), true));
        }
        let last = self.c2_cycles.iter().max_by_key(|c| c.last_year)?;
        let len = (last.last_year - last.first_year + 1).max(1);
        let steps = (funding_year - last.first_year).div_euclid(len);
        let first = last.first_year + steps * len;
        Some((
            C2CycleFigures {
                first_year: first,
                last_year: first + len - 1,
                ..last.clone()
            },
            false,
        ))
    }

    /// The district's C2 budget for the cycle containing `funding_year`, from its instructional
    /// schools (the district's own count when no school lists students).
    pub fn c2_budget(&self, d: &District, funding_year: i32) -> Option<C2Budget> {
        let (cycle, known) = self.cycle(funding_year)?;
        let schools: Vec<&Site> = d.sites.iter().filter(|s| s.instructional).collect();
        let site_students: u64 = schools.iter().map(|s| u64::from(s.students)).sum();
        let (n, students) = if site_students > 0 {
            (schools.len().max(1), site_students)
        } else {
            (schools.len().max(1), u64::from(d.students))
        };
        let mult = i64::try_from(students)
            .unwrap_or(i64::MAX)
            .saturating_mul(cycle.per_student_cents);
        let n_i64 = i64::try_from(n).unwrap_or(i64::MAX);
        let district_wide = mult.max(n_i64.saturating_mul(cycle.floor_cents));
        let per_school_ok = n <= self.per_school_max_schools && site_students > 0;
        let per_school: i64 = schools
            .iter()
            .map(|s| (i64::from(s.students) * cycle.per_student_cents).max(cycle.floor_cents))
            .sum();
        let method = match d.erate.c2_method {
            Some(C2Method::PerSchool) if per_school_ok => C2Method::PerSchool,
            Some(_) => C2Method::District,
            None if per_school_ok && per_school > district_wide => C2Method::PerSchool,
            None => C2Method::District,
        };
        let budget_cents = match method {
            C2Method::PerSchool => per_school,
            C2Method::District => district_wide,
        };
        Some(C2Budget {
            first_year: cycle.first_year,
            last_year: cycle.last_year,
            budget_cents,
            method,
            schools: n,
            students,
            figures_known: known,
            source: cycle.source,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(y: i32, m: u8) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn work_falls_in_the_funding_year_the_rules_say() {
        let p = ErateProgram::default();
        // January 2027 C2 installation: E-Rate FY2026 (July 2026 - June 2027).
        assert_eq!(
            p.funding_year_for(ym(2027, 1), ErateCategory::C2, false),
            2026
        );
        // April 2027 C2 installation: advance installation for FY2027.
        assert_eq!(
            p.funding_year_for(ym(2027, 4), ErateCategory::C2, false),
            2027
        );
        // January 2027 C1 non-recurring work: FY2027; the same month's circuit service: FY2026.
        assert_eq!(
            p.funding_year_for(ym(2027, 1), ErateCategory::C1, false),
            2027
        );
        assert_eq!(
            p.funding_year_for(ym(2027, 1), ErateCategory::C1, true),
            2026
        );
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert!(
            !p.request_possible(2026, as_of, &[]),
            "the FY2026 window closed 1 Apr 2026"
        );
        assert!(
            p.request_possible(2026, as_of, &[2026]),
            "unless a request is filed"
        );
        assert!(p.request_possible(2027, as_of, &[]));
        assert_eq!(
            p.earliest_fundable(ym(2027, 1), ErateCategory::C2, false, as_of, &[]),
            ym(2027, 4)
        );
        assert_eq!(
            p.form470_last(2027),
            NaiveDate::from_ymd_opt(2027, 3, 4).unwrap()
        );
    }

    #[test]
    fn four_small_schools_get_the_floor_each() {
        let p = ErateProgram::default();
        let mut d = District::default();
        for (i, id) in ["a", "b", "c", "d"].iter().enumerate() {
            let mut s = Site::new(id, id);
            s.students = 100;
            d.sites.push(s);
            let _ = i;
        }
        let mut office = Site::new("do", "District Office");
        office.instructional = false;
        office.students = 0;
        d.sites.push(office);
        // 4 x $30,175 = $120,700, not 400 x $201.57 = $80,628; the office gets nothing.
        let b = p.c2_budget(&d, 2026).unwrap();
        assert_eq!((b.budget_cents, b.schools), (12_070_000, 4));
        // One big school and one small: per school $403,140 + $30,175 beats the district's
        // 2,100 x $201.57 = $423,297.
        d.sites.truncate(2);
        d.sites[0].students = 2000;
        let b = p.c2_budget(&d, 2026).unwrap();
        assert_eq!(
            (b.budget_cents, b.method),
            (43_331_500, C2Method::PerSchool)
        );
        d.erate.c2_method = Some(C2Method::District);
        assert_eq!(p.c2_budget(&d, 2026).unwrap().budget_cents, 42_329_700);
        // Past the known cycle the figures carry forward, and say so.
        let later = p.c2_budget(&d, 2031).unwrap();
        assert_eq!((later.first_year, later.figures_known), (2031, false));
    }
}
