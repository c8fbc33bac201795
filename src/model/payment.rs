//! How an initiative's payment is written and read back, the same in the CLI
//! (`--funding bond:60,general:40`, `--lease 4:3.5`) and in the workbench's initiative form:
//! split funding, a lease, and E-Rate eligible shares (`89/0`: one-time / recurring).

use super::budget::BudgetSettings;
use super::initiative::{FundingShare, Initiative, Lease};

/// Reads `ID` or `ID:PCT,ID:PCT` (adding up to 100) against the plan's sources: the primary
/// source (the largest share) and the shares (empty for one source).
pub fn parse_funding(
    budget: &BudgetSettings,
    text: &str,
) -> Result<(String, Vec<FundingShare>), String> {
    let known = |id: &str| match budget.source(id) {
        Some(_) => Ok(()),
        None => Err(format!("no funding source {id:?}")),
    };
    let text = text.trim();
    if !text.contains(':') {
        known(text)?;
        return Ok((text.to_string(), Vec::new()));
    }
    let mut shares: Vec<FundingShare> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (id, pct) = part
            .split_once(':')
            .ok_or_else(|| format!("{part:?}: write SOURCE:PERCENT, e.g. bond:60"))?;
        known(id.trim())?;
        let pct: u8 = pct
            .trim()
            .trim_end_matches('%')
            .parse()
            .ok()
            .filter(|p| (1..=100).contains(p))
            .ok_or_else(|| format!("{part:?}: a percentage from 1 to 100"))?;
        if shares.iter().any(|s| s.source == id.trim()) {
            return Err(format!("{:?} is named twice", id.trim()));
        }
        shares.push(FundingShare {
            source: id.trim().to_string(),
            pct,
        });
    }
    let total: u32 = shares.iter().map(|s| u32::from(s.pct)).sum();
    if total != 100 {
        return Err(format!("the shares add up to {total}%, not 100%"));
    }
    let primary = shares
        .iter()
        .max_by_key(|s| s.pct)
        .map(|s| s.source.clone())
        .unwrap_or_default();
    Ok((primary, shares))
}

/// The funding as `parse_funding` reads it: `general`, or `bond:60,general:40`.
pub fn funding_text(ini: &Initiative) -> String {
    if ini.funding_shares.is_empty() {
        return ini.funding.clone();
    }
    ini.funding_shares
        .iter()
        .map(|s| format!("{}:{}", s.source, s.pct))
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads `YEARS:RATE` ("4:3.5" or "4:3.5%"): 1 to 10 yearly payments at 0% to 25%.
pub fn parse_lease(text: &str) -> Result<Lease, String> {
    let bad = || format!("expected YEARS:RATE like 4:3.5, found {text:?}");
    let (years, rate) = text.split_once(':').ok_or_else(bad)?;
    let years: u8 = years.trim().parse().map_err(|_| bad())?;
    let rate: f64 = rate
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| bad())?;
    if !(1..=10).contains(&years) || !(0.0..=25.0).contains(&rate) {
        return Err("1 to 10 years at 0% to 25%".into());
    }
    Ok(Lease {
        years,
        // Basis points: 3.5% -> 350.
        rate_bp: (rate * 100.0).round() as u32,
    })
}

/// A lease as `parse_lease` reads it: `4:3.5`.
pub fn lease_text(lease: &Lease) -> String {
    let whole = lease.rate_bp / 100;
    match lease.rate_bp % 100 {
        0 => format!("{}:{whole}", lease.years),
        frac if frac % 10 == 0 => format!("{}:{whole}.{}", lease.years, frac / 10),
        frac => format!("{}:{whole}.{frac:02}", lease.years),
    }
}

/// Reads E-Rate eligible shares `ONE-TIME/RECURRING` in percent (`89/0`, or one number for
/// both); empty means the defaults (100 with a category).
pub fn parse_eligible(text: &str) -> Result<(Option<u8>, Option<u8>), String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok((None, None));
    }
    let pct = |s: &str| {
        s.trim()
            .trim_end_matches('%')
            .parse::<u8>()
            .ok()
            .filter(|p| *p <= 100)
            .ok_or_else(|| format!("{s:?}: a percentage from 0 to 100"))
    };
    match text.split_once('/') {
        Some((a, b)) => Ok((Some(pct(a)?), Some(pct(b)?))),
        None => {
            let p = pct(text)?;
            Ok((Some(p), Some(p)))
        }
    }
}

/// The eligible shares as `parse_eligible` reads them (empty when both are the default).
pub fn eligible_text(ini: &Initiative) -> String {
    match (ini.erate_one_time_pct, ini.erate_recurring_pct) {
        (None, None) => String::new(),
        (a, b) => format!("{}/{}", a.unwrap_or(100), b.unwrap_or(100)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let budget = BudgetSettings::default();
        let (primary, shares) = parse_funding(&budget, "erate:30, general:70").expect("valid");
        assert_eq!(primary, "general");
        let mut ini = Initiative::new("A", "a", "FY2028-Q1".parse().expect("quarter"));
        ini.funding = primary;
        ini.funding_shares = shares;
        assert_eq!(funding_text(&ini), "erate:30,general:70");
        assert!(parse_funding(&budget, "general:60").is_err());
        assert!(parse_funding(&budget, "bond").is_err());
        for text in ["4:3.5", "5:0", "3:4.25"] {
            assert_eq!(lease_text(&parse_lease(text).expect("valid")), text);
        }
        assert!(parse_lease("11:3").is_err());
        assert_eq!(parse_eligible("89/0"), Ok((Some(89), Some(0))));
        assert_eq!(parse_eligible(""), Ok((None, None)));
        assert!(parse_eligible("120").is_err());
    }
}
