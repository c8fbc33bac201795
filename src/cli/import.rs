//! `vcio import inventory` and `vcio import standards`: real exports in, as one undoable edit
//! (inventory) or as a standards file in the data directory (OSCAL catalogs).

use super::context::CliResult;
use super::{Ctx, InventoryFormat as CliFormat, InventoryImportArgs, UserError};
use crate::edit::Edit;
use crate::io::model_rules::Described;
use crate::io::{
    ImportOptions, InventoryFormat, ModelRules, district_import, import_inventory, import_oscal,
    parse_site_map,
};
use crate::model::{Category, ModelMapping};
use crate::workspace::Workspace;
use std::path::Path;

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
    let format = match args.format {
        CliFormat::Auto => InventoryFormat::Auto,
        CliFormat::Snipeit => InventoryFormat::SnipeIt,
        CliFormat::GoogleAdmin => InventoryFormat::GoogleAdmin,
        CliFormat::Generic => InventoryFormat::Generic,
    };
    let opts = ImportOptions {
        skip_invalid: args.skip_invalid,
        site_map,
        create_sites: args.create_sites,
        retire_missing: args.retire_missing,
        ..district_import::options(ws.plan(), &ctx.data_dir, format, ctx.as_of)?
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
    let edits = district_import::edits(&district, &report);
    let mut lines = district_import::summary(&name, &report);
    if edits.is_empty() {
        lines[0].push_str("; nothing changed");
        println!("{}", lines.join("\n"));
        return Ok(());
    }
    ws.apply_labeled(Edit::Batch(edits), format!("import inventory from {name}"))?;
    println!("{}", lines.join("\n"));
    Ok(())
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
    let only = district_import::session_rules(std::slice::from_ref(&mapping));
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
