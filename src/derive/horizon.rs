//! The planning horizon: which fiscal years are shown and the date each is judged at.
//!
//! The current fiscal year is judged as of "now" (the as-of date); each later year as of its
//! last day, so equipment that ages out or loses support during a year fails in that year.

use crate::model::{District, FiscalCalendar, FiscalYear, Quarter, YearMonth};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct Horizon {
    pub calendar: FiscalCalendar,
    pub as_of: NaiveDate,
    pub years: Vec<FiscalYear>,
    pub ref_dates: Vec<NaiveDate>,
    pub ref_months: Vec<i32>,
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
        Horizon {
            calendar,
            as_of,
            years,
            ref_dates,
            ref_months,
        }
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
        self.calendar.quarter_end(end).last_day()
    }
    /// The first horizon year in which work completed on `date` counts, if any.
    pub fn first_year_done(&self, date: NaiveDate) -> Option<usize> {
        self.ref_dates.iter().position(|r| *r >= date)
    }
}
