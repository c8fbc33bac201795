//! The planning horizon: which fiscal years are shown and the date each is judged at.
//!
//! The current fiscal year is judged as of "now" (the as-of date); each later year as of its
//! last day, so equipment that ages out or loses support during a year fails in that year.

use super::{District, FiscalCalendar, FiscalYear, Quarter, YearMonth};
use chrono::NaiveDate;

#[derive(Clone, PartialEq)]
pub struct Horizon {
    pub calendar: FiscalCalendar,
    pub as_of: NaiveDate,
    pub years: Vec<FiscalYear>,
    pub ref_dates: Vec<NaiveDate>,
    pub ref_months: Vec<i32>,
    /// Completion dates of the quarters from `COMPLETIONS_BEFORE` quarters before the horizon to
    /// as many after it: the engine asks for one per initiative on every edit, and computing a
    /// calendar date each time was a visible share of a move's recompute.
    completions: Vec<NaiveDate>,
}

/// How many quarters around the horizon have a precomputed completion date.
const COMPLETIONS_BEFORE: i32 = 40;

// By hand, to leave the completion table (derived, and long) out of debug output.
impl std::fmt::Debug for Horizon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Horizon")
            .field("calendar", &self.calendar)
            .field("as_of", &self.as_of)
            .field("years", &self.years)
            .field("ref_dates", &self.ref_dates)
            .field("ref_months", &self.ref_months)
            .finish_non_exhaustive()
    }
}

impl Horizon {
    pub fn new(district: &District, as_of: NaiveDate) -> Horizon {
        let calendar = district.calendar();
        let current = calendar.fy_of_date(as_of);
        let years: Vec<FiscalYear> = (0..i32::from(district.horizon()))
            .map(|i| FiscalYear(current.0 + i))
            .collect();
        let ref_dates: Vec<NaiveDate> = years
            .iter()
            .enumerate()
            .map(|(i, fy)| if i == 0 { as_of } else { calendar.fy_end(*fy) })
            .collect();
        let ref_months = ref_dates
            .iter()
            .map(|d| YearMonth::of(*d).index())
            .collect();
        let mut h = Horizon {
            calendar,
            as_of,
            years,
            ref_dates,
            ref_months,
            completions: Vec::new(),
        };
        let first = h.first_quarter().plus(-COMPLETIONS_BEFORE);
        let span = h.last_quarter().index() - first.index() + 1 + COMPLETIONS_BEFORE;
        h.completions = (0..span)
            .map(|i| calendar.quarter_end(first.plus(i)).last_day())
            .collect();
        h
    }
    pub fn current(&self) -> FiscalYear {
        self.years[0]
    }
    pub fn first_quarter(&self) -> Quarter {
        Quarter {
            fy: self.years[0],
            q: 1,
        }
    }
    pub fn last_quarter(&self) -> Quarter {
        Quarter {
            fy: *self.years.last().unwrap_or(&self.years[0]),
            q: 4,
        }
    }
    /// The quarter containing "now".
    pub fn now_quarter(&self) -> Quarter {
        self.calendar.quarter_of(YearMonth::of(self.as_of))
    }
    pub fn year_index(&self, fy: FiscalYear) -> Option<usize> {
        self.years.iter().position(|y| *y == fy)
    }
    /// The last day of a quarter: when work ending in it counts as done.
    pub fn completion_date(&self, end: Quarter) -> NaiveDate {
        let at = end.index() - (self.first_quarter().index() - COMPLETIONS_BEFORE);
        match usize::try_from(at)
            .ok()
            .and_then(|i| self.completions.get(i))
        {
            Some(d) => *d,
            None => self.calendar.quarter_end(end).last_day(),
        }
    }
    /// The first horizon year in which work completed on `date` counts, if any.
    pub fn first_year_done(&self, date: NaiveDate) -> Option<usize> {
        self.ref_dates.iter().position(|r| *r >= date)
    }
}
