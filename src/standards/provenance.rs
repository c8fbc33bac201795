//! Provenance rules for `vcio standards lint`: every ref resolves in the catalog (a framework
//! control or a document with a title, date and URL), and every param says where its value
//! comes from (a ref the standard cites, or "default": a house default a district may change).
//! Loading does not apply these, so a district's own standards may cite what they like; lint
//! holds the shipped library (and any folder it is pointed at) to them.

use super::Standard;
use super::catalog::{Catalog, DEFAULT_SOURCE};

/// Every provenance problem of one standard.
pub fn problems(s: &Standard, catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    for r in &s.refs {
        if catalog.resolve(r).is_none() {
            out.push(format!(
                "ref {r:?} is not in the catalog (standards/frameworks.ron): write a framework \
                 control such as \"CIS 5.3\" or a document key"
            ));
        }
    }
    for name in s.params.keys() {
        match s.sources.get(name) {
            None => out.push(format!(
                "param {name:?} has no source: add sources: {{{name:?}: \"default\"}} or the ref \
                 that states it"
            )),
            Some(src) if src == DEFAULT_SOURCE => {}
            Some(src) if catalog.resolve(src).is_none() => out.push(format!(
                "param {name:?}: source {src:?} is not in the catalog"
            )),
            Some(src) if !s.refs.contains(src) => out.push(format!(
                "param {name:?}: source {src:?} is not among the standard's refs"
            )),
            Some(_) => {}
        }
    }
    if let Some(d) = &s.deadline
        && !s.refs.contains(&d.source)
    {
        out.push(format!(
            "deadline source {:?} is not among the standard's refs",
            d.source
        ));
    }
    for name in s.sources.keys() {
        if !s.params.contains_key(name) {
            out.push(format!("source for {name:?}, which is not a param"));
        }
    }
    out
}

/// A param's provenance in words: "CIS 5.3" or "house default (district may change)".
pub fn describe_source(s: &Standard, param: &str) -> String {
    match s.sources.get(param).map(String::as_str) {
        Some(DEFAULT_SOURCE) | None => "house default (district may change)".into(),
        Some(src) => format!("sourced: {src}"),
    }
}

/// Each ref in words with its URL ("CIS 5.3: Disable Dormant Accounts (IG1, v8.1, 2024)
/// <https://...>"), or the bare ref marked where the catalog does not hold it.
pub fn citations(s: &Standard) -> Vec<String> {
    let catalog = Catalog::builtin();
    s.refs
        .iter()
        .map(|r| match catalog.resolve(r) {
            Some(found) if found.url().is_empty() => found.describe(),
            Some(found) => format!("{} <{}>", found.describe(), found.url()),
            None => format!("{r} (not in the catalog)"),
        })
        .collect()
}

/// Provenance diagnostics for one standards file's text, positioned at each standard's id.
/// A file that does not parse is left to `lint_str`, which reports where.
pub fn lint_text(file_name: &str, text: &str, catalog: &Catalog) -> Vec<super::Diagnostic> {
    let Ok(list) = super::load::parse_str(file_name, text) else {
        return Vec::new();
    };
    let mut diags = Vec::new();
    let mut nth: std::collections::BTreeMap<&str, usize> = Default::default();
    for s in &list {
        let n = nth.entry(s.id.as_str()).or_insert(0);
        let (line, col) = super::lint::id_position(text, &s.id, *n);
        *n += 1;
        for message in problems(s, catalog) {
            diags.push(super::Diagnostic {
                file: file_name.to_string(),
                line,
                col,
                message: format!("{}: {message}", s.id),
            });
        }
    }
    diags
}

/// Provenance diagnostics for every standards file in a folder.
pub fn lint_dir(dir: &std::path::Path, catalog: &Catalog) -> Vec<super::Diagnostic> {
    let Ok(files) = super::load::ron_files(dir) else {
        return Vec::new();
    };
    files
        .iter()
        .filter_map(|p| {
            let text = super::load::read_text(p).ok()?;
            Some(lint_text(&p.display().to_string(), &text, catalog))
        })
        .flatten()
        .collect()
}

/// Every problem in the shipped library: the embedded files' own lint and provenance.
pub fn lint_builtin() -> Vec<super::Diagnostic> {
    let catalog = Catalog::builtin();
    let mut diags = Vec::new();
    for (name, text) in super::load::BUILTIN_FILES {
        diags.extend(super::lint_str(name, text));
        diags.extend(lint_text(name, text, catalog));
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_library_cites_only_what_the_catalog_holds_and_sources_every_param() {
        let diags = lint_builtin();
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert!(diags.is_empty(), "{}", shown.join("\n"));
    }

    #[test]
    fn an_unknown_ref_and_an_unsourced_param_are_reported_at_the_standard() {
        let text = r#"[
    (
        id: "X-01",
        title: "t",
        area: "Security",
        severity: Low,
        statement: "s",
        check: Answer(key: "k", expect: Yes),
        params: {"max_days": 30.0},
        refs: ["SETDA", "CIS 5.3"],
        remediation: (title: "r", cost: Fixed(100), duration: 1),
    ),
]"#;
        let diags = lint_text("x.ron", text, Catalog::builtin());
        let msgs: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(diags.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].starts_with("x.ron:3:9: X-01: ref \"SETDA\""),
            "{msgs:?}"
        );
        assert!(
            msgs[1].contains("param \"max_days\" has no source"),
            "{msgs:?}"
        );
        let fixed = text.replace(
            "params: {\"max_days\": 30.0},",
            "params: {\"max_days\": 30.0}, sources: {\"max_days\": \"CIS 5.3\"},",
        );
        let fixed = fixed.replace("\"SETDA\", ", "");
        assert!(lint_text("x.ron", &fixed, Catalog::builtin()).is_empty());
    }
}
