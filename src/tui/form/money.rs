//! Money in forms: dollars as people type them ("$1,234.50", "1234", ".07") parsed to integer
//! cents exactly (no floats), and cents formatted back as a form's starting text.

/// Parses dollars ("$1,234.50", "1234", "0.5") into cents, exactly (no floats).
pub fn parse_dollars(s: &str) -> Result<i64, String> {
    let t: String = s
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',' && *c != '_' && !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return Ok(0);
    }
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |x: &str| x.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(frac) || (whole.is_empty() && frac.is_empty()) {
        return Err("dollars like $1,234.50".into());
    }
    if frac.len() > 2 {
        return Err("at most 2 decimals (cents)".into());
    }
    let dollars: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| "too large".to_string())?
    };
    let cents: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    dollars
        .checked_mul(100)
        .and_then(|d| d.checked_add(cents))
        .ok_or_else(|| "too large".into())
}

/// Cents as "1,234.50" (a form's starting text).
pub fn format_dollars(cents: i64) -> String {
    let (d, c) = (cents.abs() / 100, cents.abs() % 100);
    let s = d.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    let sign = if cents < 0 { "-" } else { "" };
    if c == 0 {
        format!("{sign}{out}")
    } else {
        format!("{sign}{out}.{c:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_parse_exactly_into_cents() {
        assert_eq!(parse_dollars("$1,234.50"), Ok(123_450));
        assert_eq!(parse_dollars("1234"), Ok(123_400));
        assert_eq!(parse_dollars(" $0.5 "), Ok(50));
        assert_eq!(parse_dollars(".07"), Ok(7));
        assert_eq!(parse_dollars(""), Ok(0));
        assert_eq!(parse_dollars("$300,000"), Ok(300_000_00));
        assert!(parse_dollars("1.234").is_err());
        assert!(parse_dollars("-5").is_err());
        assert!(parse_dollars("12a").is_err());
        assert!(parse_dollars(".").is_err());
        assert!(parse_dollars("99999999999999999999").is_err());
    }

    #[test]
    fn dollars_format_with_commas_and_round_trip() {
        for c in [0, 5, 100, 123_450, 300_000_00, 1_000_000_01] {
            assert_eq!(parse_dollars(&format_dollars(c)), Ok(c), "{c}");
        }
        assert_eq!(format_dollars(123_450), "1,234.50");
        assert_eq!(format_dollars(300_000_00), "300,000");
    }
}
