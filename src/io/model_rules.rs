//! The model table: how an asset export's row ("Aruba", "AP-515", category "Networking")
//! becomes an inventory category, kind, tags and the vendor facts known about the model
//! (end of support, release year, Wi-Fi generation), plus the org-unit words that are not
//! schools and those that mark staff devices.
//!
//! The table is data: `standards/models.ron` is embedded, a district's `model-rules.ron` in the
//! data directory is tried before it ([`ModelRules::extend_defaults`]), and mappings recorded
//! in the session (`vcio inventory map-model`) before both. The RON file's header documents the
//! matching rules; [`words`] and [`Needle`] implement them.

use super::ImportError;
use crate::model::{Category, YearMonth};
use serde::{Deserialize, Serialize};

/// The embedded model table.
const BUILTIN: &str = include_str!("../../standards/models.ron");

/// One rule: rows whose "<manufacturer> <model> <model number>" contains `contains` (and
/// `maker`, when set) get this category, kind, tags and facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelRule {
    pub contains: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maker: Option<String>,
    pub category: Category,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Last month the vendor supports the model (a Chromebook's auto-update expiry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_of_support: Option<YearMonth>,
    /// Year the model came out: the earliest a unit can have been bought.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<u16>,
    /// Wi-Fi generation of an access point (5, 6, 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wifi_gen: Option<u8>,
    /// Where the dates come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl ModelRule {
    /// A rule mapping a model name to a category and kind, nothing else.
    pub fn map(contains: &str, category: Category, kind: &str) -> ModelRule {
        ModelRule {
            contains: contains.into(),
            maker: None,
            category,
            kind: kind.into(),
            tags: Vec::new(),
            end_of_support: None,
            released: None,
            wifi_gen: None,
            source: None,
        }
    }
}

/// An export category text ("Networking", "Chromebooks") -> category, and kind when it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryRule {
    pub contains: String,
    pub category: Category,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Ordered model rules (first match wins), category rules, and the org-unit path segments that
/// name a group of devices rather than a school (`ou_skip`) or mark staff devices (`staff_ou`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelRules {
    #[serde(default)]
    pub rules: Vec<ModelRule>,
    #[serde(default)]
    pub categories: Vec<CategoryRule>,
    /// Lower-case org-unit segments that are not sites ("students", "carts", ...).
    #[serde(default)]
    pub ou_skip: Vec<String>,
    /// Lower-case org-unit segments that mark staff devices ("staff", "teachers", ...).
    #[serde(default)]
    pub staff_ou: Vec<String>,
}

/// What a row's description maps to. `kind` is `None` when only the export's category text
/// matched and it names no kind ("Networking"): the model is then reported as unmatched.
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    pub category: Category,
    pub kind: Option<String>,
    pub tags: Vec<String>,
    pub end_of_support: Option<YearMonth>,
    pub released: Option<u16>,
    pub wifi_gen: Option<u8>,
    pub source: Option<String>,
}

/// What an export says about a model.
#[derive(Debug, Clone, Copy, Default)]
pub struct Described<'a> {
    pub maker: &'a str,
    pub model: &'a str,
    pub model_no: &'a str,
    pub category_text: &'a str,
}

/// Text as matchable words: lower-case alphanumeric runs, each preceded by a space and the
/// whole followed by one ("Aruba AP-515" -> " aruba ap 515 ").
pub fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                out.push(' ');
                in_word = true;
            }
            out.extend(c.to_lowercase());
        } else {
            in_word = false;
        }
    }
    out.push(' ');
    out
}

/// A rule's `contains` as a pattern over [`words`]: it must start at a word; a trailing
/// non-alphanumeric character ("pa-") means it must also end at one.
pub struct Needle(String);

impl Needle {
    pub fn new(contains: &str) -> Needle {
        let mut w = words(contains);
        let whole_word = contains
            .chars()
            .last()
            .is_some_and(|c| !c.is_alphanumeric());
        if !whole_word {
            w.pop();
        }
        Needle(w)
    }
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
    pub fn found_in(&self, hay_words: &str) -> bool {
        !self.is_empty() && hay_words.contains(self.0.as_str())
    }
}

impl Default for ModelRules {
    fn default() -> Self {
        // The embedded table is checked by the test suite, so failing here is a build defect.
        crate::standards::load::ron_options()
            .from_str(BUILTIN)
            .expect("standards/models.ron is valid")
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
    /// `first` tried before these rules; its org-unit words are added to these.
    pub fn prepend(&mut self, first: ModelRules) {
        let mut rules = first.rules;
        rules.append(&mut self.rules);
        self.rules = rules;
        let mut cats = first.categories;
        cats.append(&mut self.categories);
        self.categories = cats;
        let lower = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase());
        self.ou_skip.extend(lower(first.ou_skip));
        self.staff_ou.extend(lower(first.staff_ou));
    }

    /// A district's rules tried before the defaults.
    pub fn extend_defaults(district: ModelRules) -> ModelRules {
        let mut out = ModelRules::default();
        out.prepend(district);
        out
    }

    /// Parse a district rules file (RON) and put its rules before the defaults. Errors read
    /// `FILE:LINE:COL: message`.
    pub fn from_ron(file_name: &str, text: &str) -> Result<ModelRules, ImportError> {
        let district: ModelRules = crate::standards::load::ron_options()
            .from_str(text)
            .map_err(|e| ImportError::Parse {
                file: file_name.into(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })?;
        Ok(Self::extend_defaults(district))
    }

    /// The first model rule matching a description, if any.
    pub fn rule_for(&self, d: &Described) -> Option<&ModelRule> {
        let hay = words(&format!("{} {} {}", d.maker, d.model, d.model_no));
        self.rules.iter().find(|r| {
            Needle::new(&r.contains).found_in(&hay)
                && r.maker
                    .as_deref()
                    .is_none_or(|m| Needle::new(m).found_in(&hay))
        })
    }

    /// Classify a row: the model rules over manufacturer, model and model number first, then
    /// the export's category text ("Chromebooks" -> chromebook, "Networking" -> Network).
    pub fn classify(&self, d: &Described) -> Option<Classified> {
        if let Some(r) = self.rule_for(d) {
            return Some(Classified {
                category: r.category,
                kind: Some(r.kind.clone()),
                tags: r.tags.clone(),
                end_of_support: r.end_of_support,
                released: r.released,
                wifi_gen: r.wifi_gen,
                source: r.source.clone(),
            });
        }
        let cat = words(d.category_text);
        let c = self
            .categories
            .iter()
            .find(|c| Needle::new(&c.contains).found_in(&cat))?;
        Some(Classified {
            category: c.category,
            kind: c.kind.clone(),
            tags: c.tags.clone(),
            end_of_support: None,
            released: None,
            wifi_gen: None,
            source: None,
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

    /// Whether an org-unit path puts a device with staff ("/Staff", "/Lincoln/Teachers").
    pub fn is_staff_ou(&self, path: &str) -> bool {
        path.split('/')
            .map(str::trim)
            .any(|seg| self.staff_ou.iter().any(|w| w.eq_ignore_ascii_case(seg)))
    }
}

/// A manufacturer named at the start of (or inside) a model name: "Dell Chromebook 3100" ->
/// "Dell"; "HP" only as a whole word.
pub fn guess_vendor(model: &str) -> Option<&'static str> {
    let hay = words(model);
    VENDORS
        .iter()
        .copied()
        .find(|v| hay.contains(&format!("{} ", words(v).trim_end())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(model: &str) -> Option<(Category, String)> {
        ModelRules::default()
            .classify(&Described {
                model,
                ..Described::default()
            })
            .and_then(|c| Some((c.category, c.kind?)))
    }

    #[test]
    fn common_k12_models_classify() {
        assert_eq!(
            kind("Dell Chromebook 3100"),
            Some((Category::Device, "chromebook".into()))
        );
        let k = |m| kind(m).map(|k| k.1);
        assert_eq!(k("Apple iPad (9th gen)").as_deref(), Some("ipad"));
        assert_eq!(k("Dell Latitude 5440").as_deref(), Some("staff-laptop"));
        assert_eq!(k("MacBook Air M2").as_deref(), Some("mac-laptop"));
        assert_eq!(k("Meraki MR46").as_deref(), Some("access-point"));
        assert_eq!(k("Meraki MS225-48LP").as_deref(), Some("switch"));
        assert_eq!(k("FortiGate 200F").as_deref(), Some("firewall"));
        assert_eq!(k("Palo Alto PA-440").as_deref(), Some("firewall"));
        assert_eq!(
            k("Promethean ActivPanel 9").as_deref(),
            Some("interactive-panel")
        );
        // "pa-" is a whole word: a panel is not a Palo Alto firewall.
        assert_eq!(k("Panel 65in").as_deref(), Some("interactive-panel"));
        // A Dell server named like a Ruckus AP is a server.
        assert_eq!(k("Dell PowerEdge R650").as_deref(), Some("server"));
        assert_eq!(kind("Mystery Box 3000"), None);
    }

    #[test]
    fn manufacturer_model_number_and_category_text_all_count() {
        let rules = ModelRules::default();
        let ap = rules
            .classify(&Described {
                maker: "Aruba",
                model: "AP-515",
                model_no: "Q9H62A",
                category_text: "Networking",
            })
            .unwrap();
        assert_eq!(
            (ap.category, ap.kind.as_deref()),
            (Category::Network, Some("access-point"))
        );
        assert_eq!(ap.wifi_gen, Some(6));
        let sw = rules
            .classify(&Described {
                maker: "Aruba Networks",
                model: "CX 6100 48G Class4 PoE",
                model_no: "JL675A",
                category_text: "Networking",
            })
            .unwrap();
        assert_eq!(sw.kind.as_deref(), Some("switch"));
        // Category text alone: the category is taken, the kind stays open.
        let other = rules
            .classify(&Described {
                maker: "Acme",
                model: "Gizmo 9",
                category_text: "Networking",
                ..Described::default()
            })
            .unwrap();
        assert_eq!((other.category, other.kind), (Category::Network, None));
        let dell = rules
            .classify(&Described {
                model: "Dell Chromebook 3110",
                ..Described::default()
            })
            .unwrap();
        assert_eq!(
            dell.end_of_support.map(|y| y.to_string()).as_deref(),
            Some("2031-06")
        );
        assert_eq!(dell.released, Some(2021));
    }

    #[test]
    fn district_rules_come_first_and_parse_from_ron() {
        let text = r#"(rules: [(contains: "Chromebook 3100", category: Device, kind: "old-chromebook")],
                      ou_skip: ["Loaners"])"#;
        let rules = ModelRules::from_ron("district.ron", text).unwrap();
        let d = Described {
            model: "Dell Chromebook 3100",
            ..Described::default()
        };
        assert_eq!(
            rules.classify(&d).unwrap().kind.as_deref(),
            Some("old-chromebook")
        );
        assert_eq!(
            rules.site_from_ou("/Loaners/Carts/Lincoln HS/Grade 5"),
            Some("Lincoln HS")
        );
        assert!(rules.is_staff_ou("/Staff/Office"));
        assert!(!rules.is_staff_ou("/Students/Lincoln HS"));
        let err = ModelRules::from_ron("district.ron", "(rules: [(contains: 3)])").unwrap_err();
        assert!(err.to_string().starts_with("district.ron:1:"), "{err}");
    }

    #[test]
    fn vendors_are_guessed_from_model_names() {
        assert_eq!(guess_vendor("Dell Chromebook 3100"), Some("Dell"));
        assert_eq!(guess_vendor("HP Chromebook 11 G9 EE"), Some("HP"));
        assert_eq!(guess_vendor("Palo Alto PA-440"), Some("Palo Alto"));
        assert_eq!(guess_vendor("Chromebook"), None);
    }
}
