//! Linting standards files: parse errors and the semantic mistakes a parser cannot see
//! (duplicate ids, a threshold naming a parameter the standard does not define, a share outside
//! 0..1, a ratio with no bound). Every problem is a `FILE:LINE:COL: message` diagnostic; for a
//! semantic problem the position is the standard's `id: "X"` line when it can be found.

use super::load::{parse_str, read_text, ron_files};
use super::{Check, CostModel, Expect, Per, Standard};
use crate::model::{Num, Pred, Selector};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// One problem in one file, positioned (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.col,
            crate::decode::one_line(&self.message, 200)
        )
    }
}

impl std::error::Error for Diagnostic {}

/// Lints every `*.ron` file of a folder (by file name), including duplicate ids across files.
pub fn lint_dir(dir: &Path) -> Vec<Diagnostic> {
    if !dir.is_dir() {
        return vec![Diagnostic {
            file: dir.display().to_string(),
            line: 1,
            col: 1,
            message: "not a folder of standards (*.ron) files".into(),
        }];
    }
    let files = match ron_files(dir) {
        Ok(f) => f,
        Err(d) => return vec![d],
    };
    let mut diags = Vec::new();
    let questions = dir.join(super::load::QUESTIONS_FILE);
    if questions.is_file() {
        let checked = super::load::read_text(&questions)
            .and_then(|t| super::load::parse_questions(&questions.display().to_string(), &t));
        diags.extend(checked.err());
    }
    // id -> the file that defined it first.
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for path in files {
        let name = path.display().to_string();
        let text = match read_text(&path) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match parse_str(&name, &text) {
            Ok(list) => {
                diags.extend(check_file(&name, &text, &list));
                for s in &list {
                    if let Some(first) = seen.get(&s.id) {
                        if *first != name {
                            let (line, col) = id_position(&text, &s.id, 0);
                            diags.push(Diagnostic {
                                file: name.clone(),
                                line,
                                col,
                                message: format!(
                                    "duplicate id {:?}: already defined in {first}",
                                    s.id
                                ),
                            });
                        }
                    } else {
                        seen.insert(s.id.clone(), name.clone());
                    }
                }
            }
            Err(d) => diags.push(d),
        }
    }
    diags
}

/// Lints one file's text: a parse error, or every semantic problem found.
pub fn lint_str(file_name: &str, text: &str) -> Vec<Diagnostic> {
    match parse_str(file_name, text) {
        Ok(list) => check_file(file_name, text, &list),
        Err(d) => vec![d],
    }
}

/// Semantic checks of an already parsed file (duplicates within the file, per-standard rules).
pub(crate) fn check_file(file_name: &str, text: &str, list: &[Standard]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for s in list {
        let nth = count.entry(s.id.as_str()).or_insert(0);
        let (line, col) = id_position(text, &s.id, *nth);
        let mut push = |message: String| {
            diags.push(Diagnostic {
                file: file_name.to_string(),
                line,
                col,
                message,
            })
        };
        if *nth > 0 {
            push(format!(
                "duplicate id {:?}: defined earlier in this file",
                s.id
            ));
        }
        *nth += 1;
        for problem in standard_problems(s) {
            push(format!("{}: {problem}", label(s)));
        }
    }
    diags
}

fn label(s: &Standard) -> String {
    if s.id.trim().is_empty() {
        "standard with an empty id".into()
    } else {
        s.id.clone()
    }
}

/// Everything wrong with one standard on its own.
pub fn standard_problems(s: &Standard) -> Vec<String> {
    let mut out = Vec::new();
    for (field, value) in [
        ("id", &s.id),
        ("title", &s.title),
        ("area", &s.area),
        ("statement", &s.statement),
        ("remediation title", &s.remediation.title),
    ] {
        if value.trim().is_empty() {
            out.push(format!("{field} is empty"));
        }
    }
    if s.remediation.duration == 0 {
        out.push("remediation duration must be at least 1 quarter".into());
    }
    for (what, cost) in std::iter::once(("cost", &s.remediation.cost)).chain(
        s.remediation
            .recurring
            .iter()
            .map(|c| ("recurring cost", c)),
    ) {
        if cost_cents(cost) < 0 {
            out.push(format!("remediation {what} is negative"));
        }
    }
    for (name, v) in &s.params {
        if !v.is_finite() {
            out.push(format!("param {name:?} is not a finite number"));
        }
    }
    check_problems(s, &s.check, &mut out);
    out
}

fn cost_cents(c: &CostModel) -> i64 {
    match c {
        CostModel::Fixed(v)
        | CostModel::PerFailingUnit(v)
        | CostModel::PerStudent(v)
        | CostModel::PerStaff(v)
        | CostModel::PerSite(v)
        | CostModel::PerClassroom(v) => *v,
    }
}

/// The value of a number in this standard, or a problem if it names an undefined param.
fn resolve(s: &Standard, n: &Num, out: &mut Vec<String>) -> Option<f64> {
    match n {
        Num::Lit(v) => Some(*v),
        Num::Param(p) => match s.params.get(p) {
            Some(v) => Some(*v),
            None => {
                let known: Vec<&str> = s.params.keys().map(String::as_str).collect();
                out.push(if known.is_empty() {
                    format!("param {p:?} is not defined (the standard has no params)")
                } else {
                    format!("param {p:?} is not defined (params: {})", known.join(", "))
                });
                None
            }
        },
    }
}

fn check_problems(s: &Standard, c: &Check, out: &mut Vec<String>) {
    match c {
        Check::Share {
            select,
            pred,
            at_least,
            ..
        } => {
            selector_problems(s, select, out);
            pred_problems(s, pred, out);
            if let Some(v) = resolve(s, at_least, out)
                && !(0.0..=1.0).contains(&v)
            {
                out.push(format!(
                    "share at_least {v} is outside 0..1 (write 0.95, not 95)"
                ));
            }
        }
        Check::Ratio {
            num,
            per,
            at_least,
            at_most,
            ..
        } => {
            selector_problems(s, &num.select, out);
            if let Some(p) = &num.pred {
                pred_problems(s, p, out);
            }
            if let Per::Measure(m) = per {
                selector_problems(s, &m.select, out);
                if let Some(p) = &m.pred {
                    pred_problems(s, p, out);
                }
            }
            if at_least.is_none() && at_most.is_none() {
                out.push("ratio has neither at_least nor at_most".into());
            }
            let lo = at_least.as_ref().and_then(|n| resolve(s, n, out));
            let hi = at_most.as_ref().and_then(|n| resolve(s, n, out));
            if let (Some(lo), Some(hi)) = (lo, hi)
                && lo > hi
            {
                out.push(format!("ratio at_least {lo} is above at_most {hi}"));
            }
        }
        Check::Answer { key, expect } => {
            if key.trim().is_empty() {
                out.push("answer key is empty".into());
            }
            match expect {
                Expect::AtLeast(n) | Expect::AtMost(n) | Expect::WithinDays(n) => {
                    resolve(s, n, out);
                }
                Expect::OneOf(v) if v.is_empty() => out.push("OneOf lists no values".into()),
                _ => {}
            }
        }
        Check::Exists { select, min } => {
            selector_problems(s, select, out);
            if let Some(n) = min {
                resolve(s, n, out);
            }
        }
        Check::All(cs) | Check::Any(cs) => {
            if cs.is_empty() {
                out.push(format!(
                    "{}([]) has no checks",
                    if matches!(c, Check::All(_)) {
                        "All"
                    } else {
                        "Any"
                    }
                ));
            }
            for c in cs {
                check_problems(s, c, out);
            }
        }
        Check::Not(c) => check_problems(s, c, out),
    }
}

fn selector_problems(s: &Standard, sel: &Selector, out: &mut Vec<String>) {
    for k in &sel.kinds {
        kind_problem(k, out);
    }
    if let Some(p) = &sel.filter {
        pred_problems(s, p, out);
    }
}

fn kind_problem(k: &str, out: &mut Vec<String>) {
    let ok = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        out.push(format!(
            "kind {k:?} should be lower-case words joined by hyphens"
        ));
    }
}

fn pred_problems(s: &Standard, p: &Pred, out: &mut Vec<String>) {
    match p {
        Pred::AgeAtMost(n) | Pred::SupportedFor(n) => {
            resolve(s, n, out);
        }
        Pred::AttrAtLeast(_, n) | Pred::AttrAtMost(_, n) => {
            resolve(s, n, out);
        }
        Pred::IsKind(ks) => ks.iter().for_each(|k| kind_problem(k, out)),
        Pred::All(ps) | Pred::Any(ps) => ps.iter().for_each(|p| pred_problems(s, p, out)),
        Pred::Not(p) => pred_problems(s, p, out),
        Pred::WithinLife
        | Pred::AttrIs(..)
        | Pred::Flag(_)
        | Pred::HasTag(_)
        | Pred::AtSite(_)
        | Pred::AcquiredBefore(_) => {}
    }
}

/// The 1-based line and column of the `nth` (0-based) `id: "X"` in the text, else 1:1.
pub fn id_position(text: &str, id: &str, nth: usize) -> (usize, usize) {
    let needle = format!("\"{id}\"");
    let mut found = 0;
    let mut from = 0;
    while let Some(rel) = text[from..].find(&needle) {
        let at = from + rel;
        from = at + needle.len();
        let before = text[..at].trim_end();
        let Some(before) = before.strip_suffix(':') else {
            continue;
        };
        let before = before.trim_end();
        let Some(head) = before.strip_suffix("id") else {
            continue;
        };
        if head
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        if found == nth {
            let start = head.len();
            let line = text[..start].matches('\n').count() + 1;
            let line_start = text[..start].rfind('\n').map_or(0, |nl| nl + 1);
            let col = text[line_start..start].chars().count() + 1;
            return (line, col);
        }
        found += 1;
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid one-standard file; tests break it in one place at a time.
    const GOOD: &str = r#"// test file
[
    (
        id: "T-01",
        title: "Test",
        area: "Security",
        severity: High,
        statement: "Something measurable.",
        check: Share(
            select: (kinds: ["chromebook"], label: "Chromebooks"),
            pred: AgeAtMost("max_age_years"),
            at_least: 0.9,
        ),
        params: {"max_age_years": 5.0},
        refs: ["CIS 1.1"],
        remediation: (title: "Fix it", cost: PerFailingUnit(30000), duration: 2),
    ),
]
"#;

    fn one(text: &str) -> Diagnostic {
        let diags = lint_str("x.ron", text);
        assert_eq!(diags.len(), 1, "{diags:?}");
        diags.into_iter().next().unwrap()
    }

    #[test]
    fn good_file_is_clean_and_implicit_some_is_accepted() {
        assert_eq!(lint_str("x.ron", GOOD), vec![]);
        let explicit = GOOD.replace("label: \"Chromebooks\"", "label: Some(\"Chromebooks\")");
        assert_eq!(lint_str("x.ron", &explicit), vec![]);
    }

    #[test]
    fn wrong_field_name_points_at_the_field() {
        let d = one(&GOOD.replace("        title: \"Test\",", "        titel: \"Test\","));
        assert_eq!((d.line, d.col), (5, 9), "{d}");
        assert!(d.message.contains("titel"), "{d}");
        assert!(d.to_string().starts_with("x.ron:5:9: "), "{d}");
    }

    #[test]
    fn bad_severity_points_at_the_variant() {
        let d = one(&GOOD.replace("severity: High", "severity: Severe"));
        assert_eq!((d.line, d.col), (7, 19), "{d}");
        assert!(d.message.contains("Severe"), "{d}");
    }

    #[test]
    fn unknown_check_kind_points_at_the_check() {
        let d = one(&GOOD.replace("check: Share(", "check: Percent("));
        assert_eq!((d.line, d.col), (9, 16), "{d}");
        assert!(d.message.contains("Percent"), "{d}");
    }

    #[test]
    fn undefined_param_is_reported_at_the_id_line() {
        let d = one(&GOOD.replace("AgeAtMost(\"max_age_years\")", "AgeAtMost(\"max_years\")"));
        assert_eq!((d.line, d.col), (4, 9), "{d}");
        assert!(d.message.contains("\"max_years\" is not defined"), "{d}");
    }

    #[test]
    fn share_outside_unit_interval_is_an_error() {
        let d = one(&GOOD.replace("at_least: 0.9", "at_least: 90"));
        assert!(d.message.contains("outside 0..1"), "{d}");
    }

    #[test]
    fn zero_duration_and_empty_area_are_errors() {
        let text = GOOD
            .replace("duration: 2", "duration: 0")
            .replace("\"Security\"", "\"\"");
        let diags = lint_str("x.ron", &text);
        let msgs: Vec<String> = diags.iter().map(|d| d.message.clone()).collect();
        assert_eq!(diags.len(), 2, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("area is empty")));
        assert!(msgs.iter().any(|m| m.contains("duration")));
    }

    #[test]
    fn ratio_without_bounds_is_an_error() {
        let text = GOOD.replace(
            "check: Share(\n            select: (kinds: [\"chromebook\"], label: \"Chromebooks\"),\n            pred: AgeAtMost(\"max_age_years\"),\n            at_least: 0.9,\n        ),",
            "check: Ratio(num: (select: (kinds: [\"access-point\"])), per: Classrooms),",
        );
        assert_ne!(text, GOOD);
        let d = one(&text);
        assert!(d.message.contains("neither at_least nor at_most"), "{d}");
    }

    #[test]
    fn duplicate_id_in_one_file_points_at_the_second() {
        let body = GOOD.trim_end().trim_end_matches(']');
        let second = body.split_once('[').map(|(_, b)| b).unwrap_or_default();
        let text = format!("{body}{second}]\n");
        let d = one(&text);
        assert!(d.message.contains("duplicate id \"T-01\""), "{d}");
        // The copy starts after a blank line 18: its `(` is line 19 and its id line 20.
        assert_eq!((d.line, d.col), (20, 9), "{d}");
    }

    #[test]
    fn duplicate_id_across_files_names_the_first_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.ron"), GOOD).unwrap();
        std::fs::write(dir.path().join("b.ron"), GOOD).unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not a standards file").unwrap();
        let diags = lint_dir(dir.path());
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].file.ends_with("b.ron"));
        assert!(diags[0].message.contains("a.ron"), "{}", diags[0]);
        assert_eq!((diags[0].line, diags[0].col), (4, 9));
    }

    #[test]
    fn id_position_ignores_other_fields_with_the_same_text() {
        let text = "[\n  (key: \"A\",\n   id: \"A\"),\n]";
        assert_eq!(id_position(text, "A", 0), (3, 4));
        assert_eq!(id_position(text, "B", 0), (1, 1));
    }
}
