//! The catalog of what standards cite (`standards/frameworks.ron`): frameworks with their
//! controls (CIS safeguards with their Implementation Group, NIST CSF 2.0 subcategories with
//! their function, K12 SIX categories) and documents (laws, regulations, program rules,
//! guidance, vendor policies, practice). A standard's ref is a string that resolves here, so
//! every citation carries a title, version or date and a URL, and a framework's controls can be
//! scored from the standards that cite them.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The embedded catalog.
pub const FRAMEWORKS_FILE: (&str, &str) = (
    "standards/frameworks.ron",
    include_str!("../../standards/frameworks.ron"),
);

/// A parameter whose source is this word is a house default a district may change.
pub const DEFAULT_SOURCE: &str = "default";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub frameworks: Vec<Framework>,
    pub documents: Vec<Document>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// The prefix refs use: "CIS" in "CIS 5.3".
    pub key: String,
    pub name: String,
    pub version: String,
    pub url: String,
    /// What `Control::group` is ("Implementation Group", "Function", "Category").
    pub grouping: String,
    /// The groups a scorecard counts in full (CIS: IG1 only).
    pub scored: Vec<String>,
    pub controls: Vec<Control>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: String,
    /// Empty where the source's text is not in the catalog.
    #[serde(default)]
    pub title: String,
    pub group: String,
    /// CIS: the safeguard's security function (Identify, Protect, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub function: String,
    /// CSF: the category ("PR.AA Identity Management, ...").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocKind {
    Law,
    Regulation,
    Program,
    Guidance,
    Vendor,
    Practice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// What refs write: "CIPA", "FCC 14-99".
    pub key: String,
    pub title: String,
    pub kind: DocKind,
    #[serde(default)]
    pub url: String,
    /// Date or edition ("2014-07-23", "2023-24").
    #[serde(default)]
    pub date: String,
}

/// A resolved reference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ref<'a> {
    Control(&'a Framework, &'a Control),
    Document(&'a Document),
}

impl Ref<'_> {
    /// "CIS v8.1 5.3 Disable Dormant Accounts (IG1)", "CIPA: Children's Internet ...".
    pub fn describe(&self) -> String {
        match self {
            Ref::Control(f, c) => {
                let title = if c.title.is_empty() {
                    c.category.as_str()
                } else {
                    c.title.as_str()
                };
                format!("{} {}: {title} ({}, {})", f.key, c.id, c.group, f.version)
            }
            Ref::Document(d) if d.date.is_empty() => format!("{}: {}", d.key, d.title),
            Ref::Document(d) => format!("{}: {} ({})", d.key, d.title, d.date),
        }
    }
    pub fn url(&self) -> &str {
        match self {
            Ref::Control(f, _) => &f.url,
            Ref::Document(d) => &d.url,
        }
    }
    pub fn json(&self, cited: &str) -> serde_json::Value {
        match self {
            Ref::Control(f, c) => serde_json::json!({
                "ref": cited, "framework": f.name, "version": f.version, "id": c.id,
                "title": c.title, "group": c.group, "url": f.url,
            }),
            Ref::Document(d) => serde_json::json!({
                "ref": cited, "document": d.title, "kind": d.kind, "date": d.date, "url": d.url,
            }),
        }
    }
}

impl Catalog {
    /// The embedded catalog. The test suite parses it, so failing here is a build defect.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| match Catalog::parse(FRAMEWORKS_FILE.1) {
            Ok(c) => c,
            Err(e) => panic!("embedded {} is malformed: {e}", FRAMEWORKS_FILE.0),
        })
    }

    pub fn parse(text: &str) -> Result<Catalog, String> {
        super::load::ron_options()
            .from_str(text)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
    }

    pub fn framework(&self, key: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.key == key)
    }

    /// What a ref names: a framework control ("CIS 5.3") or a document ("CIPA").
    pub fn resolve(&self, cited: &str) -> Option<Ref<'_>> {
        for f in &self.frameworks {
            if let Some(id) = cited
                .strip_prefix(f.key.as_str())
                .and_then(|r| r.strip_prefix(' '))
            {
                return f
                    .controls
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| Ref::Control(f, c));
            }
        }
        self.documents
            .iter()
            .find(|d| d.key == cited)
            .map(Ref::Document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalog_has_the_published_counts() {
        let c = Catalog::builtin();
        let cis = c.framework("CIS").expect("CIS");
        // CIS IG1 has 56 safeguards; CSF 2.0 has 106 subcategories in 6 functions.
        assert_eq!(cis.controls.iter().filter(|x| x.group == "IG1").count(), 56);
        let csf = c.framework("CSF").expect("CSF");
        assert_eq!(csf.controls.len(), 106);
        let rc = csf.controls.iter().filter(|x| x.group == "RC").count();
        assert_eq!(rc, 8);
    }

    #[test]
    fn refs_resolve_to_controls_and_documents() {
        let c = Catalog::builtin();
        let r = c.resolve("CIS 5.3").expect("CIS 5.3");
        assert!(
            r.describe().contains("Disable Dormant Accounts"),
            "{}",
            r.describe()
        );
        assert!(matches!(c.resolve("CIPA"), Some(Ref::Document(_))));
        assert!(c.resolve("CIS 99.1").is_none());
        assert!(
            c.resolve("SETDA").is_none(),
            "a bare organisation is not a source"
        );
    }
}
