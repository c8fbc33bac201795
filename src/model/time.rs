//! Calendar arithmetic for planning: year-months, fiscal years and fiscal quarters.
//!
//! A fiscal year is named by the calendar year it ends in (with a July start, FY2027 runs July
//! 2026 to June 2027). Quarters are written `FY2027-Q1`. Everything here is plain integer math so
//! that moving a bar or ageing a fleet never allocates.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar month, e.g. `2021-08`. Ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl YearMonth {
    pub fn new(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month })
    }
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month() as u8,
        }
    }
    /// Months since year 0: makes differences and comparisons one subtraction.
    pub fn index(self) -> i32 {
        self.year * 12 + i32::from(self.month) - 1
    }
    pub fn from_index(index: i32) -> Self {
        Self {
            year: index.div_euclid(12),
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }
    pub fn plus_months(self, months: i32) -> Self {
        Self::from_index(self.index() + months)
    }
    /// The last day of this month.
    pub fn last_day(self) -> NaiveDate {
        let next = self.plus_months(1);
        NaiveDate::from_ymd_opt(next.year, u32::from(next.month), 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for YearMonth {
    type Err = String;
    /// Accepts `YYYY-MM` and `YYYY-MM-DD` (the day is dropped).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let mut parts = s.split('-');
        let bad = || format!("expected a year-month like 2024-07, found {s:?}");
        let year: i32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let month: u8 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let day = match parts.next() {
            Some(day) => Some(day.parse::<u32>().map_err(|_| bad())?),
            None => None,
        };
        if parts.next().is_some() || !(1000..=9999).contains(&year) {
            return Err(bad());
        }
        let ym = YearMonth::new(year, month).ok_or_else(bad)?;
        // A day is dropped, but only a real one: 2026-02-30 is a typo, not February.
        if let Some(day) = day
            && NaiveDate::from_ymd_opt(year, u32::from(month), day).is_none()
        {
            return Err(format!("{s:?} is not a real date"));
        }
        Ok(ym)
    }
}

/// A fiscal year, named by the calendar year it ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FiscalYear(pub i32);

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FY{}", self.0)
    }
}

impl std::str::FromStr for FiscalYear {
    type Err = String;
    /// Accepts `FY2027`, `fy2027` or `2027`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let digits = t
            .strip_prefix("FY")
            .or_else(|| t.strip_prefix("fy"))
            .unwrap_or(t);
        digits
            .parse::<i32>()
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .map(FiscalYear)
            .ok_or_else(|| format!("expected a fiscal year like FY2027, found {s:?}"))
    }
}

impl FiscalYear {
    /// `FY2027`, or an inclusive range `FY2027..FY2031` (at most 50 years).
    pub fn parse_range(s: &str) -> Result<Vec<FiscalYear>, String> {
        match s.split_once("..") {
            Some((a, b)) => {
                let (a, b): (FiscalYear, FiscalYear) = (a.parse()?, b.parse()?);
                if b < a || b.0 - a.0 > 50 {
                    return Err(format!("expected a range like FY2027..FY2031, found {s:?}"));
                }
                Ok((a.0..=b.0).map(FiscalYear).collect())
            }
            None => Ok(vec![s.parse()?]),
        }
    }
}

/// A fiscal quarter: fiscal year plus quarter 1..=4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub fy: FiscalYear,
    pub q: u8,
}

impl Quarter {
    pub fn new(fy: i32, q: u8) -> Option<Self> {
        (1..=4).contains(&q).then_some(Self {
            fy: FiscalYear(fy),
            q,
        })
    }
    /// Quarters since FY0-Q1: moving by k quarters is adding k.
    pub fn index(self) -> i32 {
        self.fy.0 * 4 + i32::from(self.q) - 1
    }
    pub fn from_index(index: i32) -> Self {
        Self {
            fy: FiscalYear(index.div_euclid(4)),
            q: (index.rem_euclid(4) + 1) as u8,
        }
    }
    pub fn plus(self, quarters: i32) -> Self {
        Self::from_index(self.index() + quarters)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-Q{}", self.fy, self.q)
    }
}

impl std::str::FromStr for Quarter {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("expected a quarter like FY2027-Q1, found {s:?}");
        let (fy, q) = s.trim().split_once(['-', ' ']).ok_or_else(bad)?;
        let fy: FiscalYear = fy.parse().map_err(|_| bad())?;
        let q: u8 = q
            .strip_prefix('Q')
            .or_else(|| q.strip_prefix('q'))
            .and_then(|q| q.parse().ok())
            .ok_or_else(bad)?;
        Quarter::new(fy.0, q).ok_or_else(bad)
    }
}

/// The district's fiscal calendar: which month a fiscal year starts in (US schools: July).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiscalCalendar {
    pub start_month: u8,
}

impl FiscalCalendar {
    pub fn new(start_month: u8) -> Self {
        Self {
            start_month: start_month.clamp(1, 12),
        }
    }
    /// The fiscal year a month falls in.
    pub fn fy_of(self, ym: YearMonth) -> FiscalYear {
        if self.start_month == 1 || ym.month < self.start_month {
            FiscalYear(ym.year)
        } else {
            FiscalYear(ym.year + 1)
        }
    }
    pub fn fy_of_date(self, date: NaiveDate) -> FiscalYear {
        self.fy_of(YearMonth::of(date))
    }
    /// The first month of a fiscal year.
    pub fn first_month(self, fy: FiscalYear) -> YearMonth {
        let year = if self.start_month == 1 {
            fy.0
        } else {
            fy.0 - 1
        };
        YearMonth {
            year,
            month: self.start_month,
        }
    }
    /// The first month of a quarter.
    pub fn quarter_start(self, q: Quarter) -> YearMonth {
        self.first_month(q.fy).plus_months(3 * (i32::from(q.q) - 1))
    }
    /// The last month of a quarter.
    pub fn quarter_end(self, q: Quarter) -> YearMonth {
        self.quarter_start(q).plus_months(2)
    }
    pub fn quarter_of(self, ym: YearMonth) -> Quarter {
        let fy = self.fy_of(ym);
        let offset = ym.index() - self.first_month(fy).index();
        Quarter {
            fy,
            q: (offset / 3 + 1) as u8,
        }
    }
    /// The last day of a fiscal year.
    pub fn fy_end(self, fy: FiscalYear) -> NaiveDate {
        self.first_month(fy).plus_months(11).last_day()
    }
}

macro_rules! serde_via_string {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
serde_via_string!(YearMonth);
serde_via_string!(Quarter);

/// A date as people write it: ISO `2026-03-01` or US `3/1/2026` (month/day/year), nothing else
/// (`1/3/2026` is always 3 January's month-first reading, never guessed).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%m/%d/%Y"))
        .ok()
}

/// A month (1-12) as its three-letter English name ("Jan"); "?" outside 1-12.
pub fn month_name(m: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES
        .get(usize::from(m.saturating_sub(1)))
        .copied()
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn july_start_names_fiscal_year_by_its_end() {
        let cal = FiscalCalendar::new(7);
        assert_eq!(
            cal.fy_of(YearMonth::new(2026, 7).unwrap()),
            FiscalYear(2027)
        );
        assert_eq!(
            cal.fy_of(YearMonth::new(2027, 6).unwrap()),
            FiscalYear(2027)
        );
        assert_eq!(cal.first_month(FiscalYear(2027)).to_string(), "2026-07");
        let q3: Quarter = "FY2027-Q3".parse().unwrap();
        assert_eq!(cal.quarter_start(q3).to_string(), "2027-01");
        assert_eq!(cal.quarter_of(YearMonth::new(2027, 3).unwrap()), q3);
        assert_eq!(cal.fy_end(FiscalYear(2027)).to_string(), "2027-06-30");
    }

    #[test]
    fn january_start_is_the_calendar_year() {
        let cal = FiscalCalendar::new(1);
        assert_eq!(
            cal.fy_of(YearMonth::new(2026, 12).unwrap()),
            FiscalYear(2026)
        );
        assert_eq!(cal.quarter_of(YearMonth::new(2026, 12).unwrap()).q, 4);
    }

    #[test]
    fn quarter_arithmetic_crosses_year_boundaries() {
        let q: Quarter = "FY2027-Q4".parse().unwrap();
        assert_eq!(q.plus(1).to_string(), "FY2028-Q1");
        assert_eq!(q.plus(-4).to_string(), "FY2026-Q4");
        assert!("FY2027-Q5".parse::<Quarter>().is_err());
        assert!("2027-13".parse::<YearMonth>().is_err());
        assert_eq!(
            "2024-02-29".parse::<YearMonth>().unwrap().to_string(),
            "2024-02"
        );
    }
}
