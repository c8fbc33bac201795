//! The standards library: types (the RON schema), loading the embedded defaults plus a user's
//! folder, and linting.

pub mod lint;
pub mod load;
pub mod types;

pub use lint::{Diagnostic, lint_dir, lint_str};
pub use load::LoadError;
pub use types::{Check, CostModel, Expect, IfEmpty, Measure, Per, Remediation, Severity, Standard};

/// The standards in use, in a stable order (by id).
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub standards: Vec<Standard>,
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }
}
