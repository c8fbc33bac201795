//! `vcio import inventory` and `vcio import standards`: real exports in, as one undoable edit
//! (inventory) or as a standards file in the data directory (OSCAL catalogs).

use super::context::CliResult;
use super::{Ctx, InventoryFormat as CliFormat, UserError};
use crate::edit::Edit;
use crate::io::{ImportOptions, InventoryFormat, ModelRules, import_inventory, import_oscal};
use crate::workspace::Workspace;
use std::path::Path;

/// District model rules live in `DATA_DIR/model-rules.ron` and are tried before the defaults.
pub const MODEL_RULES_FILE: &str = "model-rules.ron";

pub fn inventory(
    ws: &mut Workspace,
    ctx: &Ctx,
    file: &Path,
    format: CliFormat,
    skip_invalid: bool,
) -> CliResult {
    let bytes = std::fs::read(file).map_err(|e| UserError(format!("{}: {e}", file.display())))?;
    let rules_path = ctx.data_dir.join(MODEL_RULES_FILE);
    let rules = if rules_path.is_file() {
        let text = crate::decode::read_file(&rules_path)?;
        let district = ModelRules::from_ron(&rules_path.display().to_string(), &text)
            .map_err(|e| e.to_string())?;
        ModelRules::extend_defaults(district)
    } else {
        ModelRules::default()
    };
    let opts = ImportOptions {
        format: match format {
            CliFormat::Auto => InventoryFormat::Auto,
            CliFormat::Snipeit => InventoryFormat::SnipeIt,
            CliFormat::GoogleAdmin => InventoryFormat::GoogleAdmin,
            CliFormat::Generic => InventoryFormat::Generic,
        },
        skip_invalid,
        rules,
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
    let mut edits: Vec<Edit> = report.items.iter().cloned().map(Edit::PutItem).collect();
    edits.extend(report.emptied.iter().cloned().map(Edit::RemoveItem));
    let summary = format!(
        "{name} ({}): {} rows -> {} items created, {} updated, {} removed, {} unchanged; {} retired rows left out, {} invalid rows skipped",
        report.format.name(),
        report.rows_read,
        report.created.len(),
        report.updated.len(),
        report.emptied.len(),
        report.unchanged,
        report.retired,
        report.skipped.len()
    );
    if edits.is_empty() {
        println!("{summary}; nothing changed");
        return Ok(());
    }
    ws.apply_labeled(Edit::Batch(edits), format!("import inventory from {name}"))?;
    println!("{summary}");
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
