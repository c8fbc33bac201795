//! Small, allocation-free parsers for the messy text found in real CSV exports: encodings and
//! delimiters, header names, money, dates and site names.
//!
//! They exist apart from the importer so each rule ("$1,234.50" is 123450 cents, "3/7/21" is
//! March 2021) is tested on its own and shared by every export format.

use crate::model::YearMonth;
use std::borrow::Cow;

/// Windows-1252: Latin-1 except 0x80..=0x9F, where Excel keeps curly quotes, dashes and the euro.
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// How a CSV file's bytes were read, when not as plain UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Excel's "Unicode text": UTF-16 with a byte-order mark, decoded as such.
    Utf16,
    /// Not UTF-8: read as Windows-1252; the first byte that was not UTF-8 is at (line, col).
    Windows1252 {
        line: usize,
        col: usize,
    },
}

/// Decode a CSV file's bytes: strip a UTF-8 BOM; UTF-16 with a BOM (Excel's "Unicode text") is
/// decoded; text that is not UTF-8 (an Excel "CSV" saved as Windows-1252) is read as
/// Windows-1252 and says where the first non-UTF-8 byte was, so a warning can name it.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let utf16 = |be: bool| {
        let units = bytes[2..].chunks(2).map(|c| match (c, be) {
            ([a, b], true) => u16::from_be_bytes([*a, *b]),
            ([a, b], false) => u16::from_le_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        (Cow::Owned(text), Encoding::Utf16)
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(false);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(true);
    }
    match crate::decode::text(bytes) {
        Ok(s) => (s, Encoding::Utf8),
        Err(e) => {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let text = bytes.iter().map(|&b| cp1252(b)).collect();
            (
                Cow::Owned(text),
                Encoding::Windows1252 {
                    line: e.line,
                    col: e.col,
                },
            )
        }
    }
}

/// The delimiter of a CSV text and how many leading lines to skip.
///
/// An Excel `sep=;` first line names it outright (and is skipped); otherwise the first non-blank
/// line's count of `,` `;` and tab outside quotes decides (ties and nothing found: comma).
pub fn sniff_delimiter(text: &str) -> (u8, usize) {
    let mut first = None;
    for (n, line) in text.lines().enumerate() {
        if !line.trim().is_empty() {
            first = Some((n, line));
            break;
        }
    }
    let Some((n, line)) = first else {
        return (b',', 0);
    };
    if let Some(rest) = line.trim().strip_prefix("sep=")
        && let Some(&d) = rest.as_bytes().first()
    {
        return (d, n + 1);
    }
    let (mut comma, mut semi, mut tab, mut quoted) = (0usize, 0usize, 0usize, false);
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semi += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    let delim = if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    };
    (delim, 0)
}

/// A header name reduced to lower-case letters and digits: "Asset Tag", "asset_tag",
/// "AssetTag" and "Asset-Tag:" all become `assettag`.
pub fn norm_header(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Append a slug of `s` to `out`: lower-case ASCII letters and digits, other runs become one `-`.
pub fn push_slug(out: &mut String, s: &str) {
    let mut dash = false;
    let start = out.len();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && out.len() > start {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
}

/// A slug as a new string ("Lincoln Elementary" -> "lincoln-elementary").
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_slug(&mut out, s);
    out
}

/// Parse an amount of money into integer cents without floating point.
///
/// Accepts "$1,234.50", "1234.5", "USD 300", "300 USD", "1.234,50" and "1234,50" (decimal
/// comma), "(12.00)" (negative). Fractions of a cent round half away from zero.
/// Empty text is `Ok(None)`; anything else that is not an amount is an error.
pub fn parse_money_cents(s: &str) -> Result<Option<i64>, String> {
    let t = s.trim();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let bad = || format!("expected an amount like 1234.50 or $1,234.50, found {t:?}");
    let (neg_paren, t) = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, t),
    };
    let mut neg = neg_paren;
    // Drop currency words and symbols at either end.
    let mut body = t;
    for _ in 0..3 {
        let before = body;
        body = body.trim();
        if let Some(r) = body.strip_prefix('-') {
            neg = !neg;
            body = r;
        }
        for sym in ["USD", "usd", "US$", "$"] {
            if let Some(r) = body.strip_prefix(sym) {
                body = r;
            }
            if let Some(r) = body.strip_suffix(sym) {
                body = r;
            }
        }
        if before == body {
            break;
        }
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(bad());
    }
    // Which character is the decimal separator?
    let last_dot = body.rfind('.');
    let last_comma = body.rfind(',');
    let decimal = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        (Some(d), None) => {
            // "1.234.567" is thousands; one dot is a decimal point.
            if body.matches('.').count() > 1 {
                None
            } else {
                Some(d)
            }
        }
        (None, Some(c)) => {
            let after = body.len() - c - 1;
            if body.matches(',').count() == 1 && (1..=2).contains(&after) {
                Some(c)
            } else {
                None
            }
        }
        (None, None) => None,
    };
    let (int_part, frac_part) = match decimal {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, ""),
    };
    let mut units: i64 = 0;
    let mut digits = 0;
    for b in int_part.bytes() {
        match b {
            b'0'..=b'9' => {
                units = units
                    .checked_mul(10)
                    .and_then(|u| u.checked_add(i64::from(b - b'0')))
                    .ok_or_else(bad)?;
                digits += 1;
            }
            b',' | b'.' | b' ' | b'\'' | b'_' => {}
            _ => return Err(bad()),
        }
    }
    let mut cents: i64 = 0;
    let mut round_up = false;
    for (k, b) in frac_part.bytes().enumerate() {
        if !b.is_ascii_digit() {
            return Err(bad());
        }
        let d = i64::from(b - b'0');
        match k {
            0 => cents += d * 10,
            1 => cents += d,
            2 => round_up = d >= 5,
            _ => {}
        }
        digits += 1;
    }
    if digits == 0 {
        return Err(bad());
    }
    let total = units
        .checked_mul(100)
        .and_then(|u| u.checked_add(cents + i64::from(round_up)))
        .ok_or_else(bad)?;
    Ok(Some(if neg { -total } else { total }))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn full_year(y: u32, len: usize) -> Option<i32> {
    let y = i32::try_from(y).ok()?;
    match len {
        2 => Some(if y < 70 { 2000 + y } else { 1900 + y }),
        4 if (1900..=2199).contains(&y) => Some(y),
        _ => None,
    }
}

fn ym(year: i32, month: u32, day: Option<u32>) -> Option<YearMonth> {
    let m = u8::try_from(month).ok()?;
    if let Some(d) = day {
        chrono::NaiveDate::from_ymd_opt(year, month, d)?;
    }
    YearMonth::new(year, m)
}

/// Parse a date as exported by asset systems into its year-month (the day is checked, then
/// dropped): `2024-03-05`, `2024-03`, `2024/03/05`, `03/05/2024`, `3/5/24` (US order),
/// `2024-03-05T14:22:01.123Z` and other ISO date-times, `Mar 2024` / `March 5, 2024`, and
/// epoch milliseconds (the Directory API's `autoUpdateExpiration`).
/// Empty text is `Ok(None)`.
pub fn parse_year_month(s: &str) -> Result<Option<YearMonth>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    parse_ym_inner(t).map(Some).ok_or_else(|| {
        format!("expected a date like 2024-03-05, 03/05/2024 or 2024-03, found {t:?}")
    })
}

fn parse_ym_inner(t: &str) -> Option<YearMonth> {
    // Epoch milliseconds or seconds.
    if t.len() >= 9 && t.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = t.parse().ok()?;
        let secs = if t.len() >= 12 { n / 1000 } else { n };
        return chrono::DateTime::from_timestamp(secs, 0).map(|d| YearMonth::of(d.date_naive()));
    }
    // Cut a time part: "2024-03-05T14:22:01Z", "2024-03-05 14:22:01", "3/5/2024 8:00 AM".
    let date = t.split(['T', ' ']).next().unwrap_or(t);
    let digit_start = date.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let year_first = date.len() > 4 && date.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    if digit_start && (date.contains('-') || (date.contains('/') && year_first)) {
        let mut p = date.split(['-', '/']);
        let (y, m, d) = (p.next()?, p.next()?, p.next());
        if p.next().is_some() || y.len() != 4 {
            return None;
        }
        let year = full_year(num(y)?, 4)?;
        let day = match d {
            Some(d) => Some(num(d)?),
            None => None,
        };
        return ym(year, num(m)?, day);
    }
    if digit_start && date.contains('/') {
        let mut p = date.split('/');
        let (m, d, y) = (p.next()?, p.next()?, p.next()?);
        if p.next().is_some() {
            return None;
        }
        let year = full_year(num(y)?, y.len())?;
        return ym(year, num(m)?, Some(num(d)?));
    }
    // Month names: "Mar 2024", "March 2024", "March 5, 2024", "Jun-2028".
    let lower = t.to_ascii_lowercase();
    let mut words = lower.split([' ', ',', '-']).filter(|w| !w.is_empty());
    let first = words.next()?;
    let month = MONTHS.iter().position(|m| first.starts_with(m))? as u32 + 1;
    let rest: Vec<&str> = words.collect();
    let (day, year) = match rest.as_slice() {
        [y] => (None, *y),
        [d, y] => (Some(num(d)?), *y),
        _ => return None,
    };
    ym(full_year(num(year)?, year.len())?, month, day)
}

/// Parse a non-negative whole number ("12", "1,200"); empty is `Ok(None)`.
pub fn parse_count(s: &str) -> Result<Option<u32>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let cleaned: String = t.chars().filter(|&c| c != ',' && c != '_').collect();
    let cleaned = cleaned.strip_suffix(".0").unwrap_or(&cleaned);
    cleaned
        .parse::<u32>()
        .map(Some)
        .map_err(|_| format!("expected a whole number, found {t:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(s: &str) -> Option<i64> {
        parse_money_cents(s).unwrap()
    }

    #[test]
    fn money_in_the_shapes_exports_use() {
        assert_eq!(cents("$1,234.50"), Some(123_450));
        assert_eq!(cents("1234.5"), Some(123_450));
        assert_eq!(cents("USD 300"), Some(30_000));
        assert_eq!(cents("300 USD"), Some(30_000));
        assert_eq!(cents(" 279 "), Some(27_900));
        assert_eq!(cents("1.234,50"), Some(123_450));
        assert_eq!(cents("1234,5"), Some(123_450));
        assert_eq!(cents("1,234"), Some(123_400));
        assert_eq!(cents("(12.00)"), Some(-1_200));
        assert_eq!(cents("0.005"), Some(1));
        assert_eq!(cents(""), None);
        for bad in ["abc", "$", "12.3.4x", "1,2,3.4a", "ten dollars"] {
            assert!(parse_money_cents(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_in_the_shapes_exports_use() {
        let p = |s: &str| parse_year_month(s).unwrap().map(|y| y.to_string());
        assert_eq!(p("2021-08-15").as_deref(), Some("2021-08"));
        assert_eq!(p("2021-08").as_deref(), Some("2021-08"));
        assert_eq!(p("2021/08/15").as_deref(), Some("2021-08"));
        assert_eq!(p("08/15/2021").as_deref(), Some("2021-08"));
        assert_eq!(p("8/5/21").as_deref(), Some("2021-08"));
        assert_eq!(p("2024-03-05T14:22:01.123Z").as_deref(), Some("2024-03"));
        assert_eq!(p("2024-03-05 14:22:01").as_deref(), Some("2024-03"));
        assert_eq!(p("Jun 2028").as_deref(), Some("2028-06"));
        assert_eq!(p("June 30, 2028").as_deref(), Some("2028-06"));
        assert_eq!(p("1719792000000").as_deref(), Some("2024-07"));
        assert_eq!(p("").as_deref(), None);
        for bad in [
            "2021-13-01",
            "02/30/2021",
            "soon",
            "2021-08-15-1",
            "13/01/2021",
        ] {
            assert!(parse_year_month(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn headers_and_slugs() {
        assert_eq!(norm_header("Asset Tag"), "assettag");
        assert_eq!(norm_header("asset_tag"), "assettag");
        assert_eq!(
            norm_header("Checked Out To: Username"),
            "checkedouttousername"
        );
        assert_eq!(
            slug("/Students/Lincoln Elementary"),
            "students-lincoln-elementary"
        );
        assert_eq!(
            slug("Dell Chromebook 3100 (2-in-1)"),
            "dell-chromebook-3100-2-in-1"
        );
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3"), (b';', 0));
        assert_eq!(sniff_delimiter("a\tb\tc"), (b'\t', 0));
        assert_eq!(sniff_delimiter("\"x;y\",b,c"), (b',', 0));
        assert_eq!(sniff_delimiter("sep=;\na;b"), (b';', 1));
        let (text, enc) = decode(b"\xEF\xBB\xBFa,b");
        assert_eq!((text.as_ref(), enc), ("a,b", Encoding::Utf8));
        let (text, enc) = decode(b"Teacher\x92s caf\xE9");
        assert_eq!(
            (text.as_ref(), enc),
            ("Teacher’s café", Encoding::Windows1252 { line: 1, col: 8 })
        );
        let (text, enc) = decode(b"\xFF\xFEa\0,\0b\0");
        assert_eq!((text.as_ref(), enc), ("a,b", Encoding::Utf16));
    }

    fn dollars(cents: i64) -> String {
        let (whole, frac) = (cents / 100, cents % 100);
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("${grouped}.{frac:02}")
    }

    proptest::proptest! {
        #[test]
        fn money_round_trips_through_dollar_formatting(cents in 0i64..10_000_000_000) {
            proptest::prop_assert_eq!(parse_money_cents(&dollars(cents)).unwrap(), Some(cents));
            let plain = format!("{}.{:02}", cents / 100, cents % 100);
            proptest::prop_assert_eq!(parse_money_cents(&plain).unwrap(), Some(cents));
        }

        #[test]
        fn every_valid_date_parses_in_us_and_iso_order(y in 1990i32..2100, m in 1u32..=12, d in 1u32..=28) {
            let want = format!("{y:04}-{m:02}");
            let iso = format!("{y:04}-{m:02}-{d:02}T08:00:00Z");
            let us = format!("{m}/{d}/{y}");
            proptest::prop_assert_eq!(parse_year_month(&iso).unwrap().map(|x| x.to_string()), Some(want.clone()));
            proptest::prop_assert_eq!(parse_year_month(&us).unwrap().map(|x| x.to_string()), Some(want));
        }

        #[test]
        fn money_parsing_never_panics(s in "\\PC{0,20}") {
            let _ = parse_money_cents(&s);
            let _ = parse_year_month(&s);
        }
    }
}
