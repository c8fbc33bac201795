//! One school, one site: matching the location an export names ("Lincoln Elementary School",
//! "/Students/Lincoln", "LINCOLN ES") to the district's declared sites.
//!
//! A name is compared as words with the school-level words unified ("Elementary", "Elem",
//! "ES" -> `es`; "High School", "HS" -> `hs`; "Middle", "Junior High" -> `ms`) and filler
//! dropped ("School", "Campus", "The"). A location matches a site when its words equal the
//! site's id, name or an alias; failing that, when exactly one site has the same name without
//! its level and the levels do not contradict ("Lincoln" -> "Lincoln Elementary", but not
//! "Lincoln HS" -> "Lincoln Elementary").
//!
//! Locations that match nothing either become new sites (an empty district, or
//! `--create-sites`) or stop the import before anything changes, listed with their row counts
//! and the closest declared site.

use super::csv_util::slug;
use crate::fast_hash::{FastMap, fast_map};
use crate::model::Site;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Words a school's level is written in, and the one word each becomes.
const LEVELS: [(&[&str], &str); 4] = [
    (&["elementary", "elem", "es", "primary", "ps"], "es"),
    (
        &["middle", "ms", "intermediate", "junior", "jr", "jhs"],
        "ms",
    ),
    (&["high", "hs", "senior", "secondary", "shs"], "hs"),
    (&["k8", "k 8"], "k8"),
];
/// Words that never tell two schools apart.
const FILLER: [&str; 7] = [
    "school", "schools", "campus", "the", "of", "building", "bldg",
];

/// A name as (all words, words without the level, level).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    full: String,
    core: String,
    level: Option<&'static str>,
}

fn key(name: &str) -> Key {
    let lower = name.to_lowercase();
    let mut full: Vec<&str> = Vec::new();
    let mut core: Vec<&str> = Vec::new();
    let mut level = None;
    for w in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if FILLER.contains(&w) {
            continue;
        }
        if let Some((_, l)) = LEVELS.iter().find(|(ws, _)| ws.contains(&w)) {
            // "Junior High" is one level, not two.
            if level.is_none() || level == Some("ms") && *l == "hs" {
                level = Some(*l);
            }
            if full.last() != Some(l) {
                full.push(l);
            }
            continue;
        }
        full.push(w);
        core.push(w);
    }
    // "Junior High" ends as "ms hs": a junior high is a middle school.
    if lower.contains("junior high") || lower.contains("jr high") {
        level = Some("ms");
        full.retain(|w| *w != "hs");
    }
    Key {
        full: full.join(" "),
        core: core.join(" "),
        level,
    }
}

/// A location that matched no site, with how many rows named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedSite {
    pub location: String,
    pub rows: usize,
    /// The declared site that looks closest: (id, name).
    pub closest: Option<(String, String)>,
}

/// What a location resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Site(String),
    Unmatched,
}

/// Resolves export locations to site ids over one import.
pub struct SiteResolver {
    /// (site id, name, keys of its id, name and aliases).
    sites: Vec<(String, String, Vec<Key>)>,
    /// Normalised location -> site id, from a site map.
    mapped: FastMap<String, String>,
    create: bool,
    /// Sites created by this import, in the order first seen.
    pub created: Vec<Site>,
    unmatched: Vec<UnmatchedSite>,
    cache: FastMap<String, Resolved>,
    key_buf: String,
}

impl SiteResolver {
    /// Over the district's sites; `map` is (location, site id) pairs; `create` makes a site of
    /// each unmatched location (always so when the district has no sites yet).
    pub fn new(declared: &[Site], map: &[(String, String)], create: bool) -> SiteResolver {
        let sites = declared
            .iter()
            .map(|s| {
                let mut keys = vec![key(&s.id), key(&s.name)];
                keys.extend(s.aliases.iter().map(|a| key(a)));
                (s.id.clone(), s.name.clone(), keys)
            })
            .collect();
        let mapped = map
            .iter()
            .map(|(loc, id)| (key(loc).full, id.clone()))
            .collect();
        SiteResolver {
            sites,
            mapped,
            create: create || declared.is_empty(),
            created: Vec::new(),
            unmatched: Vec::new(),
            cache: fast_map(),
            key_buf: String::new(),
        }
    }

    /// The declared or created site a name matches, if any.
    fn find(&self, name: &str) -> Option<String> {
        let k = key(name);
        if k.full.is_empty() {
            return None;
        }
        if let Some(id) = self.mapped.get(&k.full) {
            return Some(id.clone());
        }
        if let Some((id, ..)) = self
            .sites
            .iter()
            .find(|(_, _, keys)| keys.iter().any(|x| x.full == k.full))
        {
            return Some(id.clone());
        }
        if k.core.is_empty() {
            return None;
        }
        let mut by_core = self.sites.iter().filter(|(_, _, keys)| {
            keys.iter().any(|x| {
                x.core == k.core && (x.level.is_none() || k.level.is_none() || x.level == k.level)
            })
        });
        match (by_core.next(), by_core.next()) {
            (Some((id, ..)), None) => Some(id.clone()),
            _ => None,
        }
    }

    /// The site of a row: the first of `candidates` (most explicit first: a location column,
    /// then the org unit's school) that matches a site. When none does, `candidates`' last
    /// non-empty name is created as a site or recorded as unmatched.
    pub fn resolve(&mut self, candidates: &[&str]) -> Resolved {
        // The cache key is built in a reused buffer: this runs once per row.
        self.key_buf.clear();
        for c in candidates {
            self.key_buf.push_str(c);
            self.key_buf.push('\u{1f}');
        }
        if let Some(r) = self.cache.get(self.key_buf.as_str()) {
            let r = r.clone();
            if r == Resolved::Unmatched {
                self.count_unmatched(candidates);
            }
            return r;
        }
        let cache_key = self.key_buf.clone();
        let found = candidates
            .iter()
            .filter(|c| !c.trim().is_empty())
            .find_map(|c| self.find(c));
        let r = match found {
            Some(id) => Resolved::Site(id),
            None if self.create => match last_named(candidates) {
                Some(name) => Resolved::Site(self.create_site(name)),
                None => Resolved::Unmatched,
            },
            None => {
                self.count_unmatched(candidates);
                Resolved::Unmatched
            }
        };
        self.cache.insert(cache_key, r.clone());
        r
    }

    fn count_unmatched(&mut self, candidates: &[&str]) {
        let Some(name) = last_named(candidates) else {
            return;
        };
        match self.unmatched.iter_mut().find(|u| u.location == name) {
            Some(u) => u.rows += 1,
            None => self.unmatched.push(UnmatchedSite {
                location: name.to_string(),
                rows: 1,
                closest: None,
            }),
        }
    }

    fn create_site(&mut self, name: &str) -> String {
        let base = slug(name);
        let taken = |id: &str, me: &Self| me.sites.iter().any(|(s, ..)| s == id);
        let mut id = base.clone();
        let mut n = 2;
        while taken(&id, self) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let site = Site::new(&id, name.trim());
        self.sites
            .push((id.clone(), site.name.clone(), vec![key(&id), key(name)]));
        self.created.push(site);
        id
    }

    /// The unmatched locations, most rows first, each with its closest declared site.
    pub fn unmatched(&self) -> Vec<UnmatchedSite> {
        let matcher = SkimMatcherV2::default();
        let mut out: Vec<UnmatchedSite> = self
            .unmatched
            .iter()
            .map(|u| {
                let core = key(&u.location);
                let pattern = if core.core.is_empty() {
                    core.full
                } else {
                    core.core
                };
                let closest = self
                    .sites
                    .iter()
                    .filter_map(|(id, name, _)| {
                        let score = matcher
                            .fuzzy_match(&key(name).full, &pattern)
                            .max(matcher.fuzzy_match(&key(id).full, &pattern))?;
                        Some((score, id, name))
                    })
                    .max_by_key(|(s, ..)| *s)
                    .map(|(_, id, name)| (id.clone(), name.clone()));
                UnmatchedSite {
                    closest,
                    ..u.clone()
                }
            })
            .collect();
        out.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.location.cmp(&b.location)));
        out
    }
}

fn last_named<'a>(candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .rev()
        .map(|c| c.trim())
        .find(|c| !c.is_empty())
}

/// Read a site map: one `location,site` pair per line (a header line naming `location` is
/// skipped, `#` starts a comment). Each site must be a declared site's id or name; errors read
/// `FILE:LINE: message`.
pub fn parse_site_map(
    file: &str,
    text: &str,
    declared: &[Site],
) -> Result<Vec<(String, String)>, String> {
    let resolver = SiteResolver::new(declared, &[], false);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((loc, site)) = line.rsplit_once([',', '\t', ';']) else {
            return Err(format!(
                "{file}:{n}: expected \"location,site\", found {line:?}"
            ));
        };
        let (loc, site) = (loc.trim().trim_matches('"'), site.trim().trim_matches('"'));
        if n == 1 && loc.eq_ignore_ascii_case("location") {
            continue;
        }
        let Some(id) = declared
            .iter()
            .find(|s| s.id == site)
            .map(|s| s.id.clone())
            .or_else(|| resolver.find(site))
        else {
            let ids: Vec<&str> = declared.iter().map(|s| s.id.as_str()).collect();
            return Err(format!(
                "{file}:{n}: {site:?} is not a site of the district (sites: {})",
                ids.join(", ")
            ));
        };
        out.push((loc.to_string(), id));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites() -> Vec<Site> {
        let mut lincoln = Site::new("lincoln-elementary", "Lincoln Elementary");
        lincoln.aliases.push("LES".into());
        vec![
            lincoln,
            Site::new("washington-ms", "Washington Middle School"),
            Site::new("roosevelt-hs", "Roosevelt High School"),
            Site::new("lincoln-hs", "Lincoln High School"),
        ]
    }

    fn site(r: &mut SiteResolver, c: &[&str]) -> Option<String> {
        match r.resolve(c) {
            Resolved::Site(s) => Some(s),
            Resolved::Unmatched => None,
        }
    }

    #[test]
    fn spellings_of_one_school_match_its_site() {
        let mut r = SiteResolver::new(&sites(), &[], false);
        let s = |r: &mut SiteResolver, x: &str| site(r, &[x]);
        assert_eq!(
            s(&mut r, "Lincoln Elementary School").as_deref(),
            Some("lincoln-elementary")
        );
        assert_eq!(
            s(&mut r, "LINCOLN ES").as_deref(),
            Some("lincoln-elementary")
        );
        assert_eq!(
            s(&mut r, "lincoln-elementary").as_deref(),
            Some("lincoln-elementary")
        );
        assert_eq!(s(&mut r, "LES").as_deref(), Some("lincoln-elementary"));
        assert_eq!(s(&mut r, "Washington MS").as_deref(), Some("washington-ms"));
        assert_eq!(
            s(&mut r, "Washington Junior High").as_deref(),
            Some("washington-ms")
        );
        assert_eq!(s(&mut r, "Roosevelt").as_deref(), Some("roosevelt-hs"));
        assert_eq!(s(&mut r, "Lincoln HS").as_deref(), Some("lincoln-hs"));
        // Two Lincolns: the bare name is ambiguous.
        assert_eq!(s(&mut r, "Lincoln"), None);
        // A room is not a school; the org unit's school is tried next.
        assert_eq!(
            site(&mut r, &["Room 12", "Roosevelt High"]).as_deref(),
            Some("roosevelt-hs")
        );
        let un = r.unmatched();
        assert_eq!(un.len(), 1);
        assert_eq!(un[0].location, "Lincoln");
        assert!(
            un[0]
                .closest
                .as_ref()
                .is_some_and(|(id, _)| id.starts_with("lincoln"))
        );
    }

    #[test]
    fn an_empty_district_gets_one_site_per_school() {
        let mut r = SiteResolver::new(&[], &[], false);
        assert_eq!(
            site(&mut r, &["Lincoln Elementary"]).as_deref(),
            Some("lincoln-elementary")
        );
        assert_eq!(
            site(&mut r, &["Lincoln Elementary School"]).as_deref(),
            Some("lincoln-elementary")
        );
        assert_eq!(
            site(&mut r, &["Room 4", "Lincoln"]).as_deref(),
            Some("lincoln-elementary")
        );
        assert_eq!(
            site(&mut r, &["Jefferson MS"]).as_deref(),
            Some("jefferson-ms")
        );
        assert_eq!(r.created.len(), 2);
    }

    #[test]
    fn a_site_map_names_declared_sites_and_points_at_its_lines() {
        let text =
            "location,site\nLincoln Annex,lincoln-elementary\n\"Old Gym\",Roosevelt High School\n";
        let map = parse_site_map("map.csv", text, &sites()).unwrap();
        assert_eq!(map[1], ("Old Gym".to_string(), "roosevelt-hs".to_string()));
        let mut r = SiteResolver::new(&sites(), &map, false);
        assert_eq!(
            site(&mut r, &["LINCOLN ANNEX"]).as_deref(),
            Some("lincoln-elementary")
        );
        let err = parse_site_map("map.csv", "Annex,nowhere\n", &sites()).unwrap_err();
        assert!(
            err.starts_with("map.csv:1: \"nowhere\" is not a site"),
            "{err}"
        );
    }
}
