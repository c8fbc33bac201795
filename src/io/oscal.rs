//! OSCAL catalog import: a NIST (or any) control catalog in OSCAL JSON becomes vcio standards,
//! each answered by a yes/no questionnaire item, so a district can track SP 800-53, CSF 2.0 or
//! its state's framework next to the built-in library.
//!
//! Every control and enhancement with a non-empty statement becomes a [`Standard`]: the id is
//! the control's `label` prop (the one without a `class`, else class `sp800-53a`, else any),
//! else its `id` upper-cased; the area is the innermost enclosing group's title (else the
//! catalog's); the statement is the statement part's prose with its items flattened
//! ("a. ...; b. ..."), parameter placeholders shown as `[assignment: label]` or
//! `[selection: a; b]`; the check is the answer `oscal.<control-id>` = yes; the remediation a
//! fixed-cost placeholder to be priced by the district.

use super::ImportError;
use crate::standards::{Check, CostModel, Expect, Remediation, Severity, Standard};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The placeholder one-time cost of implementing an imported control: $5,000.
pub const DEFAULT_CONTROL_COST_CENTS: i64 = 500_000;
/// The placeholder duration of implementing an imported control, in quarters.
pub const DEFAULT_CONTROL_QUARTERS: u8 = 2;

#[derive(Deserialize)]
struct Doc {
    catalog: Option<Catalog>,
    profile: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Catalog {
    metadata: Metadata,
    params: Vec<Param>,
    groups: Vec<Group>,
    controls: Vec<Control>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Metadata {
    title: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Group {
    title: String,
    params: Vec<Param>,
    groups: Vec<Group>,
    controls: Vec<Control>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Control {
    id: String,
    title: String,
    params: Vec<Param>,
    props: Vec<Prop>,
    parts: Vec<Part>,
    controls: Vec<Control>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Param {
    id: String,
    label: Option<String>,
    values: Vec<String>,
    select: Option<Select>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Select {
    #[serde(rename = "how-many")]
    how_many: Option<String>,
    choice: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Prop {
    name: String,
    value: String,
    class: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Part {
    name: String,
    prose: String,
    props: Vec<Prop>,
    parts: Vec<Part>,
}

/// Import an OSCAL catalog (JSON). `file_name` is used in messages only.
///
/// Errors: malformed JSON -> `FILE:LINE:COL: message`; JSON that is not a catalog (a profile,
/// a component definition, anything else) -> `FILE: ...` saying what was expected; a catalog
/// without any control statement -> an error rather than an empty library.
pub fn import_oscal(file_name: &str, text: &str) -> Result<Vec<Standard>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: Doc = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let message = if e.is_data() {
            format!("not an OSCAL catalog: {message}")
        } else {
            message
        };
        ImportError::Parse {
            file: file_name.into(),
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    let Some(catalog) = doc.catalog else {
        let message = if doc.profile.is_some() {
            "this is an OSCAL profile, not a catalog: import its resolved catalog \
             (e.g. ..._LOW-baseline-resolved-profile_catalog.json)"
        } else {
            "not an OSCAL catalog: expected a top-level \"catalog\" object"
        };
        return Err(ImportError::Invalid {
            file: file_name.into(),
            message: message.into(),
        });
    };

    let mut params = HashMap::new();
    collect_params(&catalog.params, &mut params);
    for g in &catalog.groups {
        collect_group_params(g, &mut params);
    }
    for c in &catalog.controls {
        collect_control_params(c, &mut params);
    }

    let title = if catalog.metadata.title.trim().is_empty() {
        file_name.to_string()
    } else {
        catalog.metadata.title.trim().to_string()
    };
    let mut w = Walker {
        catalog_title: &title,
        params: &params,
        out: Vec::new(),
        seen: HashSet::new(),
    };
    for g in &catalog.groups {
        w.group(g, &title);
    }
    for c in &catalog.controls {
        w.control(c, &title);
    }
    if w.out.is_empty() {
        return Err(ImportError::Invalid {
            file: file_name.into(),
            message: "the catalog has no control with a statement: nothing to import".into(),
        });
    }
    Ok(w.out)
}

fn collect_params<'a>(ps: &'a [Param], into: &mut HashMap<&'a str, &'a Param>) {
    for p in ps {
        into.entry(p.id.as_str()).or_insert(p);
    }
}
fn collect_group_params<'a>(g: &'a Group, into: &mut HashMap<&'a str, &'a Param>) {
    collect_params(&g.params, into);
    for sub in &g.groups {
        collect_group_params(sub, into);
    }
    for c in &g.controls {
        collect_control_params(c, into);
    }
}
fn collect_control_params<'a>(c: &'a Control, into: &mut HashMap<&'a str, &'a Param>) {
    collect_params(&c.params, into);
    for sub in &c.controls {
        collect_control_params(sub, into);
    }
}

struct Walker<'a> {
    catalog_title: &'a str,
    params: &'a HashMap<&'a str, &'a Param>,
    out: Vec<Standard>,
    seen: HashSet<String>,
}

impl Walker<'_> {
    fn group(&mut self, g: &Group, area: &str) {
        let area = if g.title.trim().is_empty() {
            area
        } else {
            g.title.trim()
        };
        for c in &g.controls {
            self.control(c, area);
        }
        for sub in &g.groups {
            self.group(sub, area);
        }
    }

    fn control(&mut self, c: &Control, area: &str) {
        let withdrawn = c
            .props
            .iter()
            .any(|p| p.name == "status" && p.value == "withdrawn");
        if let Some(statement) = c.parts.iter().find(|p| p.name == "statement")
            && !withdrawn
        {
            let mut text = String::new();
            flatten(statement, &mut text);
            let text = substitute(&text, self.params, 0);
            let text = tidy(&text);
            if !text.is_empty() {
                let mut id = label_of(&c.props).unwrap_or_else(|| c.id.to_uppercase());
                if self.seen.contains(&id) {
                    id = c.id.to_uppercase();
                }
                if self.seen.insert(id.clone()) {
                    let title = c.title.split_whitespace().collect::<Vec<_>>().join(" ");
                    self.out.push(Standard {
                        remediation: Remediation {
                            title: format!("Implement {id} {title}"),
                            cost: CostModel::Fixed(DEFAULT_CONTROL_COST_CENTS),
                            recurring: None,
                            duration: DEFAULT_CONTROL_QUARTERS,
                            erate: None,
                        },
                        id,
                        title,
                        area: area.to_string(),
                        severity: severity_of(&c.props),
                        statement: text,
                        check: Check::Answer {
                            key: format!("oscal.{}", c.id),
                            expect: Expect::Yes,
                        },
                        params: BTreeMap::new(),
                        sources: BTreeMap::new(),
                        deadline: None,
                        refs: vec![format!("OSCAL {}", self.catalog_title), c.id.clone()],
                    });
                }
            }
        }
        for sub in &c.controls {
            self.control(sub, area);
        }
    }
}

/// One line of prose: whitespace runs become one space, none before `;` `,` `.` `:` `)` `]`.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let glue = word.starts_with([';', ',', '.', ':', ')', ']']);
        if !out.is_empty() && !glue {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The display label: the `label` prop without a class, else class `sp800-53a`, else any.
fn label_of(props: &[Prop]) -> Option<String> {
    let labels = || {
        props
            .iter()
            .filter(|p| p.name == "label" && !p.value.trim().is_empty())
    };
    labels()
        .find(|p| p.class.is_none())
        .or_else(|| labels().find(|p| p.class.as_deref() == Some("sp800-53a")))
        .or_else(|| labels().next())
        .map(|p| p.value.trim().to_string())
}

/// A severity from a `severity`, `priority` or `impact` prop, else Medium.
fn severity_of(props: &[Prop]) -> Severity {
    props
        .iter()
        .filter(|p| {
            matches!(
                p.name.as_str(),
                "severity" | "priority" | "impact" | "baseline-impact"
            )
        })
        .find_map(|p| match p.value.trim().to_ascii_lowercase().as_str() {
            "critical" | "p0" => Some(Severity::Critical),
            "high" | "p1" => Some(Severity::High),
            "moderate" | "medium" | "p2" => Some(Severity::Medium),
            "low" | "p3" => Some(Severity::Low),
            _ => None,
        })
        .unwrap_or(Severity::Medium)
}

/// The part's prose, then each sub-item as "label prose".
fn flatten(part: &Part, out: &mut String) {
    if !part.prose.trim().is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part.prose.trim());
    }
    for sub in part
        .parts
        .iter()
        .filter(|p| p.name == "item" || p.name == "statement")
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if let Some(l) = sub.props.iter().find(|p| p.name == "label") {
            out.push_str(l.value.trim());
        }
        flatten(sub, out);
    }
}

/// Replace `{{ insert: param, ID }}` with the parameter's value, selection or label.
fn substitute(text: &str, params: &HashMap<&str, &Param>, depth: u8) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inner = &after[..end];
        let mut fields = inner.split(',').map(str::trim);
        let kind = fields.next().unwrap_or("");
        let id = fields.next().unwrap_or("");
        if kind.replace(' ', "") == "insert:param" && !id.is_empty() {
            out.push_str(&param_text(id, params, depth));
        } else {
            out.push_str(&rest[start..start + 2 + end + 2]);
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

fn param_text(id: &str, params: &HashMap<&str, &Param>, depth: u8) -> String {
    let Some(p) = params.get(id) else {
        return format!("[assignment: {id}]");
    };
    if !p.values.is_empty() {
        return p.values.join(", ");
    }
    if let Some(sel) = &p.select
        && !sel.choice.is_empty()
    {
        let choices: Vec<String> = sel
            .choice
            .iter()
            .map(|c| {
                if depth < 4 {
                    substitute(c, params, depth + 1)
                } else {
                    c.clone()
                }
            })
            .collect();
        let many = if sel.how_many.as_deref() == Some("one-or-more") {
            " (one or more)"
        } else {
            ""
        };
        return format!("[selection{many}: {}]", choices.join("; "));
    }
    match p.label.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) => format!("[assignment: {l}]"),
        None => format!("[assignment: {id}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"{"catalog": {"uuid": "x", "metadata": {"title": "Mini"},
      "groups": [{"id": "g", "title": "Access", "controls": [
        {"id": "ac-1", "title": "Policy", "props": [{"name": "label", "value": "AC-01", "class": "zero-padded"},
                                                     {"name": "label", "value": "AC-1"}],
         "params": [{"id": "p1", "label": "personnel"}, {"id": "p2", "select": {"choice": ["yes", "no"]}}],
         "parts": [{"name": "statement", "parts": [
            {"name": "item", "props": [{"name": "label", "value": "a."}], "prose": "Tell {{ insert: param, p1 }};"},
            {"name": "item", "props": [{"name": "label", "value": "b."}], "prose": "Pick {{ insert: param, p2 }}."}]}],
         "controls": [{"id": "ac-1.1", "title": "Sub", "parts": [{"name": "statement", "prose": "Do it."}]},
                      {"id": "ac-1.2", "title": "Gone", "props": [{"name": "status", "value": "withdrawn"}]}]}]}]}}"#;

    #[test]
    fn controls_and_enhancements_become_standards() {
        let s = import_oscal("mini.json", MINI).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id, "AC-1");
        assert_eq!(s[0].area, "Access");
        assert_eq!(
            s[0].statement,
            "a. Tell [assignment: personnel]; b. Pick [selection: yes; no]."
        );
        assert_eq!(
            s[0].refs,
            vec!["OSCAL Mini".to_string(), "ac-1".to_string()]
        );
        assert_eq!(
            s[0].check,
            Check::Answer {
                key: "oscal.ac-1".into(),
                expect: Expect::Yes
            }
        );
        assert_eq!(s[0].remediation.title, "Implement AC-1 Policy");
        assert_eq!(s[1].id, "AC-1.1");
    }

    #[test]
    fn malformed_and_foreign_json_are_explained() {
        let e = import_oscal("bad.json", "{\n  \"catalog\": {\n    \"metadata\": }")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("bad.json:3:17: "), "{e}");
        let e = import_oscal("p.json", r#"{"profile": {"imports": []}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("OSCAL profile, not a catalog"), "{e}");
        let e = import_oscal("x.json", r#"{"hello": 1}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "x.json: not an OSCAL catalog: expected a top-level \"catalog\" object"
        );
        let e = import_oscal("x.json", "[1, 2]").unwrap_err().to_string();
        assert!(
            e.starts_with("x.json:1:") && e.contains("not an OSCAL catalog"),
            "{e}"
        );
    }
}
