//! Importing an inventory export from the workbench (finder: "import inventory from a CSV").
//!
//! Three stages in one overlay: type the file's path; if locations match no school, map each
//! with keys (Up/Down pick a location, Left/Right cycle its site or "new site", Enter imports);
//! then the summary the command line prints, until any key. The import itself is the same as
//! `vcio import inventory` (`io::district_import`): one undoable edit, nothing changed on a
//! refusal.

use super::app::{App, Overlay};
use crate::edit::Edit;
use crate::io::{ImportError, InventoryFormat, district_import, import_inventory};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One unmatched location and the site chosen for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapRow {
    pub location: String,
    pub rows: usize,
    /// Index into the district's sites; `sites.len()` means "add as a new site".
    pub choice: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Typing the path; the last refusal, if any.
    Path { error: Option<String> },
    /// Mapping unmatched locations to sites.
    Map { rows: Vec<MapRow>, cursor: usize },
    /// The import is done: its summary.
    Done { lines: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFlow {
    pub path: String,
    pub stage: Stage,
}

impl App {
    /// Opens the import overlay at the path stage.
    pub(crate) fn open_import(&mut self) {
        self.overlay = Overlay::Import(Box::new(ImportFlow {
            path: String::new(),
            stage: Stage::Path { error: None },
        }));
        self.info("import an inventory export: type its path, Enter imports, Esc cancels");
    }

    /// The import overlay's state, for the renderer and tests.
    pub fn import_flow(&self) -> Option<&ImportFlow> {
        match &self.overlay {
            Overlay::Import(f) => Some(f),
            _ => None,
        }
    }

    pub(crate) fn import_key(&mut self, key: KeyEvent) {
        let sites = self.plan().district.sites.len();
        let Overlay::Import(flow) = &mut self.overlay else {
            return;
        };
        match &mut flow.stage {
            Stage::Done { .. } => {
                self.overlay = Overlay::None;
            }
            Stage::Path { .. } => match key.code {
                KeyCode::Esc => {
                    self.overlay = Overlay::None;
                    self.info("import cancelled");
                }
                KeyCode::Enter => self.run_import(),
                KeyCode::Backspace => {
                    flow.path.pop();
                }
                KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    flow.path.clear();
                }
                KeyCode::Char(c) if !c.is_control() => flow.path.push(c),
                _ => {}
            },
            Stage::Map { rows, cursor } => match key.code {
                KeyCode::Esc => {
                    flow.stage = Stage::Path { error: None };
                }
                KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                    *cursor = (*cursor + 1).min(rows.len().saturating_sub(1));
                }
                KeyCode::Left | KeyCode::Char('h') => {
                    if let Some(r) = rows.get_mut(*cursor) {
                        r.choice = (r.choice + sites) % (sites + 1);
                    }
                }
                KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') => {
                    if let Some(r) = rows.get_mut(*cursor) {
                        r.choice = (r.choice + 1) % (sites + 1);
                    }
                }
                KeyCode::Enter => self.run_import(),
                _ => {}
            },
        }
    }

    /// Runs the import with the mappings chosen so far, and moves to the next stage.
    fn run_import(&mut self) {
        let Some(flow) = self.import_flow().cloned() else {
            return;
        };
        let path = expand_home(flow.path.trim());
        let district = self.plan().district.clone();
        let (site_map, create_sites) = match &flow.stage {
            Stage::Map { rows, .. } => {
                let map: Vec<(String, String)> = rows
                    .iter()
                    .filter_map(|r| {
                        district
                            .sites
                            .get(r.choice)
                            .map(|s| (r.location.clone(), s.id.clone()))
                    })
                    .collect();
                let create = rows.iter().any(|r| r.choice >= district.sites.len());
                (map, create)
            }
            _ => (Vec::new(), false),
        };
        let refuse = |app: &mut App, error: String| {
            if let Overlay::Import(f) = &mut app.overlay {
                f.stage = Stage::Path {
                    error: Some(crate::decode::one_line(&error, 300)),
                };
            }
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => return refuse(self, format!("{path}: {e}")),
        };
        let opts = match district_import::options(
            self.plan(),
            &self.data_dir,
            InventoryFormat::Auto,
            self.ws.as_of(),
        ) {
            Ok(o) => crate::io::ImportOptions {
                site_map,
                create_sites,
                ..o
            },
            Err(e) => return refuse(self, e),
        };
        let report = match import_inventory(&path, &bytes, &self.plan().items, &opts) {
            Ok(r) => r,
            Err(ImportError::UnmatchedSites { sites, .. }) => {
                let rows = sites
                    .into_iter()
                    .map(|u| MapRow {
                        choice: u
                            .closest
                            .as_ref()
                            .and_then(|(id, _)| district.sites.iter().position(|s| &s.id == id))
                            .unwrap_or(district.sites.len()),
                        location: u.location,
                        rows: u.rows,
                    })
                    .collect();
                if let Overlay::Import(f) = &mut self.overlay {
                    f.stage = Stage::Map { rows, cursor: 0 };
                }
                self.info("map each location to a school: Up/Down, Left/Right, Enter imports");
                return;
            }
            Err(e) => return refuse(self, e.to_string()),
        };
        let mut lines = district_import::summary(&path, &report);
        lines.extend(report.warnings.iter().map(|w| format!("  {w}")));
        let edits = district_import::edits(&district, &report);
        if edits.is_empty() {
            lines.push("nothing changed".into());
        } else if !self.apply_labeled(Edit::Batch(edits), format!("import inventory from {path}")) {
            return;
        }
        if let Overlay::Import(f) = &mut self.overlay {
            f.stage = Stage::Done { lines };
        }
        self.info("imported: one undoable edit (u undoes it); any key closes the summary");
    }
}

/// `~/x.csv` as the shell would read it.
fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest).display().to_string(),
        _ => path.to_string(),
    }
}
