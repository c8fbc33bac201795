//! Rules that turn a model name from an asset export ("Dell Chromebook 3100", "Meraki MR46")
//! into an inventory category, kind and tags, plus the org-unit words that are not sites.
//!
//! Districts name things their own way, so the rules are data: the defaults below cover common
//! K-12 equipment and a district's RON file can add rules that are tried first
//! ([`ModelRules::extend_defaults`]).

use super::ImportError;
use crate::model::Category;
use serde::{Deserialize, Serialize};

/// One rule: if the model (or, failing that, the export's category column) contains `contains`
/// (case-insensitive), the row gets this category, kind and tags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelRule {
    pub contains: String,
    pub category: Category,
    pub kind: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Ordered model rules (first match wins) and the org-unit path segments that name a group of
/// devices rather than a school (skipped when a site is taken from a Google org unit).
///
/// In RON (a district file; its rules are tried before the defaults):
/// ```ron
/// (
///     rules: [
///         (contains: "CTL NL72", category: Device, kind: "chromebook", tags: ["student"]),
///         (contains: "Epson BrightLink", category: Device, kind: "interactive-projector"),
///     ],
///     ou_skip: ["Loaners"],
/// )
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelRules {
    #[serde(default)]
    pub rules: Vec<ModelRule>,
    /// Lower-case org-unit segments that are not sites ("students", "carts", ...).
    #[serde(default)]
    pub ou_skip: Vec<String>,
}

/// What a model maps to.
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    pub category: Category,
    pub kind: String,
    pub tags: Vec<String>,
}

fn rule(contains: &str, category: Category, kind: &str, tags: &[&str]) -> ModelRule {
    ModelRule {
        contains: contains.to_ascii_lowercase(),
        category,
        kind: kind.into(),
        tags: tags.iter().map(|t| (*t).to_string()).collect(),
    }
}

impl Default for ModelRules {
    fn default() -> Self {
        use Category::{Device, Facility, Network, Security};
        let rules = vec![
            // Order matters: "Chromebook" before laptop lines that also make Chromebooks.
            rule("chromebook", Device, "chromebook", &["student"]),
            rule("chromebox", Device, "chromebox", &[]),
            rule("ipad", Device, "ipad", &[]),
            rule("macbook", Device, "mac-laptop", &["staff"]),
            rule("imac", Device, "mac-desktop", &[]),
            rule("latitude", Device, "staff-laptop", &["staff"]),
            rule("thinkpad", Device, "staff-laptop", &["staff"]),
            rule("elitebook", Device, "staff-laptop", &["staff"]),
            rule("probook", Device, "staff-laptop", &["staff"]),
            rule("surface", Device, "staff-laptop", &["staff"]),
            rule("optiplex", Device, "desktop", &[]),
            rule("thinkcentre", Device, "desktop", &[]),
            rule("elitedesk", Device, "desktop", &[]),
            // Networking before "panel" and friends: "Meraki MS" is never a display.
            rule("access point", Network, "access-point", &[]),
            rule("meraki mr", Network, "access-point", &[]),
            rule("aruba ap", Network, "access-point", &[]),
            rule("unifi u6", Network, "access-point", &[]),
            rule("unifi uap", Network, "access-point", &[]),
            rule("uap-", Network, "access-point", &[]),
            rule("ruckus r", Network, "access-point", &[]),
            rule("catalyst 91", Network, "access-point", &[]),
            rule("fortiap", Network, "access-point", &[]),
            rule("fortigate", Network, "firewall", &[]),
            rule("palo alto", Network, "firewall", &[]),
            rule("pa-", Network, "firewall", &[]),
            rule("sonicwall", Network, "firewall", &[]),
            rule("firewall", Network, "firewall", &[]),
            rule("meraki mx", Network, "firewall", &[]),
            rule("meraki ms", Network, "switch", &[]),
            rule("catalyst", Network, "switch", &[]),
            rule("aruba cx", Network, "switch", &[]),
            rule("procurve", Network, "switch", &[]),
            rule("unifi switch", Network, "switch", &[]),
            rule("usw-", Network, "switch", &[]),
            rule("icx", Network, "switch", &[]),
            rule("switch", Network, "switch", &[]),
            rule("router", Network, "router", &[]),
            rule("smart-ups", Facility, "ups", &[]),
            rule("back-ups", Facility, "ups", &[]),
            rule("document camera", Device, "document-camera", &["classroom"]),
            rule("camera", Security, "camera", &[]),
            rule("verkada", Security, "camera", &[]),
            rule("promethean", Device, "interactive-panel", &["classroom"]),
            rule("viewsonic", Device, "interactive-panel", &["classroom"]),
            rule("smart board", Device, "interactive-panel", &["classroom"]),
            rule("panel", Device, "interactive-panel", &["classroom"]),
            rule("projector", Device, "projector", &["classroom"]),
            rule("epson", Device, "projector", &["classroom"]),
            rule("printer", Device, "printer", &[]),
            rule("laserjet", Device, "printer", &[]),
            rule("phone", Device, "phone", &[]),
            rule("hotspot", Device, "hotspot", &[]),
            rule("laptop", Device, "laptop", &[]),
            rule("desktop", Device, "desktop", &[]),
            rule("server", Device, "server", &[]),
            rule("tablet", Device, "tablet", &[]),
        ];
        let ou_skip = [
            "students",
            "student",
            "staff",
            "teachers",
            "faculty",
            "devices",
            "device",
            "chromebooks",
            "chromebook",
            "chrome devices",
            "chromeos",
            "chrome os",
            "managed devices",
            "student devices",
            "staff devices",
            "carts",
            "cart",
            "district",
            "schools",
            "campuses",
            "sites",
            "loaners",
            "spares",
        ];
        Self {
            rules,
            ou_skip: ou_skip.iter().map(|s| (*s).to_string()).collect(),
        }
    }
}

/// Known manufacturer names, used when an export has no manufacturer column (Google Admin).
const VENDORS: [&str; 22] = [
    "Acer",
    "Apple",
    "Asus",
    "CTL",
    "Dell",
    "HP",
    "Lenovo",
    "Samsung",
    "Google",
    "Microsoft",
    "Cisco",
    "Meraki",
    "Aruba",
    "Ubiquiti",
    "Fortinet",
    "Palo Alto",
    "SonicWall",
    "Ruckus",
    "Promethean",
    "ViewSonic",
    "Epson",
    "Juniper",
];

impl ModelRules {
    /// A district's rules tried before the defaults; its `ou_skip` words are added to the
    /// defaults'.
    pub fn extend_defaults(district: ModelRules) -> ModelRules {
        let mut out = ModelRules::default();
        let mut rules: Vec<ModelRule> = district
            .rules
            .into_iter()
            .map(|mut r| {
                r.contains = r.contains.to_lowercase();
                r
            })
            .collect();
        rules.append(&mut out.rules);
        out.rules = rules;
        out.ou_skip
            .extend(district.ou_skip.into_iter().map(|s| s.to_lowercase()));
        out
    }

    /// Parse a district rules file (RON) and put its rules before the defaults. Errors read
    /// `FILE:LINE:COL: message`.
    pub fn from_ron(file_name: &str, text: &str) -> Result<ModelRules, ImportError> {
        let district: ModelRules = ron::from_str(text).map_err(|e| ImportError::Parse {
            file: file_name.into(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })?;
        Ok(Self::extend_defaults(district))
    }

    /// Classify a model. `model_lower` and `category_lower` must already be lower-case (the
    /// importer lower-cases once per group, not per row). The model is tried against every rule
    /// first, then the export's own category text ("Chromebooks", "Access Points").
    pub fn classify(&self, model_lower: &str, category_lower: &str) -> Option<Classified> {
        let hit = |hay: &str| {
            self.rules
                .iter()
                .find(|r| !r.contains.is_empty() && hay.contains(r.contains.as_str()))
        };
        let r = hit(model_lower).or_else(|| {
            // "Chromebooks" -> "chromebook", "Access Points" -> "access point".
            let singular = category_lower.strip_suffix('s').unwrap_or(category_lower);
            if singular.is_empty() {
                None
            } else {
                hit(singular)
            }
        })?;
        Some(Classified {
            category: r.category,
            kind: r.kind.clone(),
            tags: r.tags.clone(),
        })
    }

    /// Whether an org-unit segment names a group of devices rather than a site.
    pub fn skips_ou(&self, segment: &str) -> bool {
        let s = segment.trim();
        s.is_empty()
            || self.ou_skip.iter().any(|w| w.eq_ignore_ascii_case(s))
            || s.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("grade "))
    }

    /// The site named by an org-unit path: its first segment that is not a grouping word
    /// ("/Students/Lincoln Elementary/Grade 5" -> "Lincoln Elementary").
    pub fn site_from_ou<'a>(&self, path: &'a str) -> Option<&'a str> {
        path.split('/')
            .map(str::trim)
            .find(|seg| !self.skips_ou(seg))
    }
}

/// A manufacturer named at the start of (or inside) a model name: "Dell Chromebook 3100" ->
/// "Dell"; "HP" only as a whole word.
pub fn guess_vendor(model: &str) -> Option<&'static str> {
    VENDORS.iter().copied().find(|v| {
        model
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case(v))
            || (v.contains(' ') && model.to_ascii_lowercase().contains(&v.to_ascii_lowercase()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(model: &str) -> Option<(Category, String)> {
        ModelRules::default()
            .classify(&model.to_lowercase(), "")
            .map(|c| (c.category, c.kind))
    }

    #[test]
    fn common_k12_models_classify() {
        assert_eq!(
            kind("Dell Chromebook 3100"),
            Some((Category::Device, "chromebook".into()))
        );
        assert_eq!(
            kind("Apple iPad (9th gen)"),
            Some((Category::Device, "ipad".into()))
        );
        assert_eq!(
            kind("Dell Latitude 5440").map(|k| k.1).as_deref(),
            Some("staff-laptop")
        );
        assert_eq!(
            kind("MacBook Air M2").map(|k| k.1).as_deref(),
            Some("mac-laptop")
        );
        assert_eq!(
            kind("Meraki MR46").map(|k| k.1).as_deref(),
            Some("access-point")
        );
        assert_eq!(
            kind("Meraki MS225-48LP").map(|k| k.1).as_deref(),
            Some("switch")
        );
        assert_eq!(
            kind("FortiGate 200F").map(|k| k.1).as_deref(),
            Some("firewall")
        );
        assert_eq!(
            kind("Palo Alto PA-440").map(|k| k.1).as_deref(),
            Some("firewall")
        );
        assert_eq!(
            kind("Promethean ActivPanel 9").map(|k| k.1).as_deref(),
            Some("interactive-panel")
        );
        assert_eq!(kind("Mystery Box 3000"), None);
        let rules = ModelRules::default();
        let c = rules.classify("xyz-100", "access points").map(|c| c.kind);
        assert_eq!(c.as_deref(), Some("access-point"));
    }

    #[test]
    fn district_rules_come_first_and_parse_from_ron() {
        let text = r#"(rules: [(contains: "Chromebook 3100", category: Device, kind: "old-chromebook")],
                      ou_skip: ["Loaners"])"#;
        let rules = ModelRules::from_ron("district.ron", text).unwrap();
        let c = rules.classify("dell chromebook 3100", "").unwrap();
        assert_eq!(c.kind, "old-chromebook");
        assert_eq!(
            rules.site_from_ou("/Loaners/Carts/Lincoln HS/Grade 5"),
            Some("Lincoln HS")
        );
        let err = ModelRules::from_ron("district.ron", "(rules: [(contains: 3)])").unwrap_err();
        assert!(err.to_string().starts_with("district.ron:1:"), "{err}");
    }

    #[test]
    fn vendors_are_guessed_from_model_names() {
        assert_eq!(guess_vendor("Dell Chromebook 3100"), Some("Dell"));
        assert_eq!(guess_vendor("HP Chromebook 11 G9 EE"), Some("HP"));
        assert_eq!(guess_vendor("Chromebook"), None);
    }
}
