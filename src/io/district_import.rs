//! An inventory import as the CLI and the workbench both run it: the options from the plan and
//! the district's own tables in the data directory, the edits that apply a report (one undoable
//! batch: new sites and aliases, then items), and the summary a user reads afterwards.
//!
//! The only file access in `io`: the two override tables, `DATA_DIR/model-rules.ron` and
//! `DATA_DIR/price-book.ron`, read on each import so an edit to them takes effect at once.

use super::{ImportOptions, ImportReport, InventoryFormat, ModelRule, ModelRules, PriceBook};
use crate::edit::Edit;
use crate::model::{District, ModelMapping, Plan};
use std::path::Path;

/// The data directory's additions to the model table.
pub const MODEL_RULES_FILE: &str = "model-rules.ron";
/// The data directory's prices, tried before the built-in price book.
pub const PRICE_BOOK_FILE: &str = "price-book.ron";

/// The hand mappings recorded in a session, as model rules.
pub fn session_rules(map: &[ModelMapping]) -> ModelRules {
    ModelRules {
        rules: map
            .iter()
            .map(|m| ModelRule::map(&m.model, m.category, &m.kind))
            .collect(),
        categories: Vec::new(),
        ou_skip: Vec::new(),
        staff_ou: Vec::new(),
    }
}

fn read(path: &Path) -> Result<Option<String>, String> {
    if !path.is_file() {
        return Ok(None);
    }
    crate::decode::read_file(path).map(Some)
}

/// Options for importing into `plan`: its sites, its hand mappings before the data directory's
/// model table before the built-in one, the price books likewise, sync counted to `today`.
pub fn options(
    plan: &Plan,
    data_dir: &Path,
    format: InventoryFormat,
    today: chrono::NaiveDate,
) -> Result<ImportOptions, String> {
    let rules_path = data_dir.join(MODEL_RULES_FILE);
    let mut rules = match read(&rules_path)? {
        Some(text) => ModelRules::from_ron(&rules_path.display().to_string(), &text)
            .map_err(|e| e.to_string())?,
        None => ModelRules::default(),
    };
    rules.prepend(session_rules(&plan.district.model_map));
    let prices_path = data_dir.join(PRICE_BOOK_FILE);
    let prices = match read(&prices_path)? {
        Some(text) => PriceBook::from_ron(&prices_path.display().to_string(), &text)
            .map_err(|e| e.to_string())?,
        None => PriceBook::default(),
    };
    Ok(ImportOptions {
        format,
        rules,
        prices,
        sites: plan.district.sites.clone(),
        today: Some(today),
        ..ImportOptions::default()
    })
}

/// The edits that apply a report to a plan with `district`: the district with its new sites
/// and aliases (when it gains any), the created and changed items, the emptied ones removed.
pub fn edits(district: &District, report: &ImportReport) -> Vec<Edit> {
    let mut edits = Vec::new();
    if let Some(d) = with_sites(district, report) {
        edits.push(Edit::SetDistrict(d));
    }
    edits.extend(report.items.iter().cloned().map(Edit::PutItem));
    edits.extend(report.emptied.iter().cloned().map(Edit::RemoveItem));
    edits
}

/// The district with the sites and aliases the import adds, or `None` when it adds none.
fn with_sites(district: &District, report: &ImportReport) -> Option<District> {
    let mut d = district.clone();
    d.sites.extend(report.new_sites.iter().cloned());
    for (id, alias) in &report.aliases {
        if let Some(site) = d.sites.iter_mut().find(|s| &s.id == id)
            && !site.aliases.iter().any(|a| a.eq_ignore_ascii_case(alias))
        {
            site.aliases.push(alias.clone());
        }
    }
    (d != *district).then_some(d)
}

/// What the import did, first line the counts, then each thing the user may want to act on.
pub fn summary(name: &str, r: &ImportReport) -> Vec<String> {
    let mut out = vec![format!(
        "{name} ({}): {} rows -> {} items added, {} updated, {} removed, {} unchanged; {} not in service left out, {} invalid rows skipped",
        r.format.name(),
        r.rows_read,
        r.created.len(),
        r.updated.len(),
        r.emptied.len(),
        r.unchanged,
        r.retired,
        r.skipped.len()
    )];
    if !r.new_sites.is_empty() {
        let names: Vec<String> = r
            .new_sites
            .iter()
            .map(|s| format!("{} ({})", s.id, s.name))
            .collect();
        out.push(format!(
            "  new sites from the export's locations: {} (`vcio site set ID ...` adds classrooms and enrolment)",
            names.join(", ")
        ));
    }
    if !r.aliases.is_empty() {
        out.push(format!(
            "  {} mapped location(s) kept as site aliases",
            r.aliases.len()
        ));
    }
    if !r.estimated.is_empty() {
        out.push(format!(
            "  {} item(s) costed from the price book (marked as estimates): {}",
            r.estimated.len(),
            shown(&r.estimated)
        ));
    }
    if !r.inferred.is_empty() {
        out.push(format!(
            "  {} item(s) dated from their model's release year (marked as inferred): {}",
            r.inferred.len(),
            shown(&r.inferred)
        ));
    }
    if !r.missing.is_empty() {
        let assets: usize = r.missing.iter().map(|(_, a)| a.len()).sum();
        out.push(if r.missing_retired {
            format!("  {assets} asset(s) no longer in the export removed from their items")
        } else {
            format!(
                "  {assets} asset(s) imported before are not in this export (in {}); kept: pass --retire-missing to remove them",
                shown(&r.missing.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>())
            )
        });
    }
    if !r.unmatched_models.is_empty() {
        out.push(format!(
            "  {} model(s) not recognised, imported as kind \"other\"; map each to its kind:",
            r.unmatched_models.len()
        ));
        for (model, category, units) in &r.unmatched_models {
            let cat = if category.is_empty() {
                String::new()
            } else {
                format!(", category {category:?}")
            };
            out.push(format!(
                "    {model:?} ({units} unit(s){cat}): vcio inventory map-model {:?} --kind KIND",
                model
            ));
        }
    }
    out
}

fn shown(ids: &[String]) -> String {
    let first: Vec<&str> = ids.iter().take(4).map(String::as_str).collect();
    let more = if ids.len() > 4 {
        format!(" and {} more", ids.len() - 4)
    } else {
        String::new()
    };
    format!("{}{more}", first.join(", "))
}
