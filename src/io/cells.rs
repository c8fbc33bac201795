//! What single export cells mean: a status that takes a device out of service, Snipe-IT's EOL
//! in months, a last-sync time as a day, an OS version to compare.

use chrono::NaiveDate;

/// Statuses (letters and digits only, lower-case prefixes) of assets that are not in service:
/// Snipe-IT's archived and disposed labels, Google's deprovisioned and disabled devices.
const NOT_IN_SERVICE: [&str; 14] = [
    "archived",
    "retired",
    "disposed",
    "deprovisioned",
    "disabled",
    "lost",
    "stolen",
    "brokennotfixable",
    "pendingdisposal",
    "recycled",
    "scrapped",
    "sold",
    "donated",
    "surplus",
];

/// Whether a status cell takes the asset out of service.
pub fn out_of_service(status: &str) -> bool {
    let mut buf = [0u8; 24];
    let mut n = 0;
    for b in status.bytes().filter(u8::is_ascii_alphanumeric) {
        if n == buf.len() {
            break;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    let norm = &buf[..n];
    NOT_IN_SERVICE
        .iter()
        .any(|r| norm.starts_with(r.as_bytes()))
}

/// A number of months ("36", "36 months", "36 mo"), as Snipe-IT writes a model's EOL.
pub fn eol_months(v: &str) -> Option<u32> {
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    let unit = v[digits..].trim().to_ascii_lowercase();
    let unit_ok = matches!(unit.as_str(), "" | "month" | "months" | "mo" | "mos");
    (unit_ok && (1..=3).contains(&digits))
        .then(|| v[..digits].parse().ok())
        .flatten()
}

/// The day of a timestamp as exports write it: `2025-01-14T15:02:11.123Z`, `2025-01-14`,
/// `1/14/2025 3:02 PM` (US order), epoch milliseconds. `None` when it is none of these.
pub fn parse_day(v: &str) -> Option<NaiveDate> {
    let t = v.trim();
    if t.len() >= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = t.parse().ok()?;
        let secs = if t.len() >= 12 { n / 1000 } else { n };
        return chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive());
    }
    let date = t.split(['T', ' ']).next()?;
    let parts: Vec<&str> = date.split(['-', '/']).collect();
    let n = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => NaiveDate::from_ymd_opt(y.parse().ok()?, n(m)?, n(d)?),
        [m, d, y] if y.len() == 4 => NaiveDate::from_ymd_opt(y.parse().ok()?, n(m)?, n(d)?),
        [m, d, y] if y.len() == 2 => {
            NaiveDate::from_ymd_opt(2000 + y.parse::<i32>().ok()?, n(m)?, n(d)?)
        }
        _ => None,
    }
}

/// Compare dotted version numbers numerically ("131.0.6778.204" > "99.0.1").
pub fn version_lt(a: &str, b: &str) -> bool {
    let parts = |s: &str| -> Vec<u64> {
        s.split('.')
            .map(|p| p.trim().parse().unwrap_or(0))
            .collect()
    };
    parts(a) < parts(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_days_and_versions() {
        assert!(out_of_service("DISABLED"));
        assert!(out_of_service("Deprovisioned"));
        assert!(out_of_service("Broken - Not Fixable"));
        assert!(!out_of_service("ACTIVE"));
        assert!(!out_of_service("Ready to Deploy"));
        assert_eq!(eol_months("36 months"), Some(36));
        assert_eq!(eol_months("2026-06-30"), None);
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_day("2025-01-14T15:02:11.123Z"), d(2025, 1, 14));
        assert_eq!(parse_day("1/14/2025 3:02 PM"), d(2025, 1, 14));
        assert_eq!(parse_day("1736867000000"), d(2025, 1, 14));
        assert_eq!(parse_day("never"), None);
        assert!(version_lt("99.0.1", "131.0.6778.204"));
        assert!(!version_lt("131.0.6778.204", "131.0.6778.204"));
    }
}
