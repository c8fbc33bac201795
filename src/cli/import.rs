//! `vcio import inventory` and `vcio import standards`: real exports in, as one undoable edit
//! (inventory) or as a standards file in the data directory (OSCAL catalogs).

use super::context::CliResult;
use super::{Ctx, InventoryFormat as CliFormat, InventoryImportArgs, UserError};
use crate::edit::Edit;
use crate::io::model_rules::Described;
use crate::io::{
    ImportOptions, ImportReport, InventoryFormat, ModelRule, ModelRules, PriceBook,
    import_inventory, import_oscal, parse_site_map,
};
use crate::model::{Category, District, ModelMapping};
use crate::workspace::Workspace;
use std::path::Path;

/// District model rules live in `DATA_DIR/model-rules.ron` and are tried before the built-in
/// model table; `DATA_DIR/price-book.ron` before the built-in price book.
pub const MODEL_RULES_FILE: &str = "model-rules.ron";
pub const PRICE_BOOK_FILE: &str = "price-book.ron";

/// The model table an import uses: the session's hand mappings, then the data directory's
/// file, then the built-in table.
pub fn model_rules(ws: &Workspace, ctx: &Ctx) -> CliResult<ModelRules> {
    let path = ctx.data_dir.join(MODEL_RULES_FILE);
    let mut rules = if path.is_file() {
        let text = crate::decode::read_file(&path)?;
        ModelRules::from_ron(&path.display().to_string(), &text).map_err(|e| e.to_string())?
    } else {
        ModelRules::default()
    };
    rules.prepend(session_rules(&ws.plan().district.model_map));
    Ok(rules)
}

fn session_rules(map: &[ModelMapping]) -> ModelRules {
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

fn price_book(ctx: &Ctx) -> CliResult<PriceBook> {
    let path = ctx.data_dir.join(PRICE_BOOK_FILE);
    if !path.is_file() {
        return Ok(PriceBook::default());
    }
    let text = crate::decode::read_file(&path)?;
    Ok(PriceBook::from_ron(&path.display().to_string(), &text).map_err(|e| e.to_string())?)
}

pub fn inventory(ws: &mut Workspace, ctx: &Ctx, args: &InventoryImportArgs) -> CliResult {
    let file = args
        .file
        .as_deref()
        .ok_or("import inventory: give a FILE (or --template for the generic CSV)")?;
    let bytes = std::fs::read(file).map_err(|e| UserError(format!("{}: {e}", file.display())))?;
    let district = ws.plan().district.clone();
    let site_map = match &args.site_map {
        Some(path) => {
            let text = crate::decode::read_file(path)?;
            parse_site_map(&path.display().to_string(), &text, &district.sites)?
        }
        None => Vec::new(),
    };
    let opts = ImportOptions {
        format: match args.format {
            CliFormat::Auto => InventoryFormat::Auto,
            CliFormat::Snipeit => InventoryFormat::SnipeIt,
            CliFormat::GoogleAdmin => InventoryFormat::GoogleAdmin,
            CliFormat::Generic => InventoryFormat::Generic,
        },
        skip_invalid: args.skip_invalid,
        rules: model_rules(ws, ctx)?,
        prices: price_book(ctx)?,
        sites: district.sites.clone(),
        site_map,
        create_sites: args.create_sites,
        retire_missing: args.retire_missing,
        today: Some(ctx.as_of),
    };
    let name = file.display().to_string();
    let report =
        import_inventory(&name, &bytes, &ws.plan().items, &opts).map_err(|e| e.to_string())?;
    for skipped in &report.skipped {
        eprintln!("vcio: skipped {skipped}");
    }
    for w in &report.warnings {
        eprintln!("vcio: warning: {w}");
    }
    let mut edits: Vec<Edit> = Vec::new();
    if let Some(d) = with_sites(&district, &report) {
        edits.push(Edit::SetDistrict(d));
    }
    edits.extend(report.items.iter().cloned().map(Edit::PutItem));
    edits.extend(report.emptied.iter().cloned().map(Edit::RemoveItem));
    let lines = summary(&name, &report);
    if edits.is_empty() {
        println!("{}; nothing changed", lines.join("\n"));
        return Ok(());
    }
    ws.apply_labeled(Edit::Batch(edits), format!("import inventory from {name}"))?;
    println!("{}", lines.join("\n"));
    Ok(())
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
fn summary(name: &str, r: &ImportReport) -> Vec<String> {
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

/// `vcio inventory map-model`: record the mapping in the district and reclassify the items whose
/// model it matches, as one undoable edit.
pub fn map_model(ws: &mut Workspace, model: &str, kind: &str, category: Option<&str>) -> CliResult {
    let kind = crate::io::csv_util::slug(kind);
    if model.trim().is_empty() || kind.is_empty() {
        return Err("map-model: give a model and a --kind".into());
    }
    let category: Category = match category {
        Some(c) => c.parse().map_err(UserError)?,
        None => ModelRules::default()
            .rules
            .iter()
            .find(|r| r.kind == kind)
            .map_or(Category::Device, |r| r.category),
    };
    let mapping = ModelMapping {
        model: model.trim().to_string(),
        category,
        kind: kind.clone(),
    };
    let plan = ws.plan();
    let mut district = plan.district.clone();
    district
        .model_map
        .retain(|m| !m.model.eq_ignore_ascii_case(&mapping.model));
    district.model_map.insert(0, mapping.clone());
    let only = session_rules(std::slice::from_ref(&mapping));
    let mut edits = vec![Edit::SetDistrict(district)];
    let mut units = 0u64;
    for item in &plan.items {
        let d = Described {
            maker: item.vendor.as_deref().unwrap_or(""),
            model: &item.name,
            ..Described::default()
        };
        if only.rule_for(&d).is_none() || (item.category == category && item.kind == kind) {
            continue;
        }
        let mut it = item.clone();
        it.category = category;
        it.kind = kind.clone();
        units += u64::from(it.quantity);
        edits.push(Edit::PutItem(it));
    }
    let items = edits.len() - 1;
    ws.apply_labeled(
        Edit::Batch(edits),
        format!("map model {:?} to {kind}", mapping.model),
    )?;
    println!(
        "{:?} is now {} / {kind} for every import; {items} item(s) ({units} units) reclassified",
        mapping.model,
        category.name()
    );
    Ok(())
}

/// Converts an OSCAL catalog into `DATA_DIR/standards/<name>.ron`, used alongside the built-in
/// library from then on. The file is checked by loading the library before it is kept.
pub fn standards(ctx: &Ctx, file: &Path) -> CliResult {
    let text = crate::decode::read_file(file).map_err(UserError)?;
    let standards = import_oscal(&file.display().to_string(), &text).map_err(|e| e.to_string())?;
    if standards.is_empty() {
        return Err(format!(
            "{}: the catalog has no controls with a statement",
            file.display()
        )
        .into());
    }
    let dir = ctx.data_dir.join("standards");
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("oscal");
    let target = dir.join(format!("oscal-{stem}.ron"));
    let pretty = ron::ser::PrettyConfig::new().struct_names(false);
    let body = ron::ser::to_string_pretty(&standards, pretty)
        .map_err(|e| format!("cannot write standards: {e}"))?;
    let header = format!(
        "// Imported by `vcio import standards` from {}.\n",
        file.display()
    );
    let text = header + &body;
    // Checked as the library will read it before anything on disk changes, so a rejected
    // re-import keeps the catalog imported before.
    if let Err(e) = crate::standards::Library::load_with(Some(&dir), Some((&target, &text))) {
        return Err(format!("the imported standards do not load, nothing changed: {e}").into());
    }
    crate::store::write_private_file(&target, text.as_bytes())?;
    let areas: std::collections::BTreeSet<&str> =
        standards.iter().map(|s| s.area.as_str()).collect();
    println!(
        "imported {} standards in {} areas from {} into {}",
        standards.len(),
        areas.len(),
        file.display(),
        target.display()
    );
    Ok(())
}
