//! The standards library: types (the RON schema), loading the embedded defaults plus a user's
//! folder, and linting.

pub mod catalog;
pub mod lint;
pub mod load;
pub mod provenance;
pub mod questionnaire;
pub mod types;

pub use lint::{Diagnostic, lint_dir, lint_str};
pub use load::LoadError;
pub use load::QUESTIONS_FILE;
pub use types::{
    Check, CostModel, Deadline, Expect, IfEmpty, Measure, Per, Remediation, Severity, Standard,
};

/// The standards in use, in a stable order (by id), and the questionnaire their answer checks
/// read.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub standards: Vec<Standard>,
    /// Question text and help per answer key (`standards/questions.ron`).
    pub questions: std::collections::BTreeMap<String, Question>,
}

/// One questionnaire entry: the question in plain language and what counts as an answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub question: String,
    #[serde(default)]
    pub help: String,
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&Standard> {
        self.standards.iter().find(|s| s.id == id)
    }

    /// Every answer key a standard reads, with the ids of the standards that read it, in key
    /// order.
    pub fn answer_keys(&self) -> std::collections::BTreeMap<String, Vec<String>> {
        let mut out: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        for s in &self.standards {
            let mut keys = Vec::new();
            s.check.answer_keys(&mut keys);
            for k in keys {
                let ids = out.entry(k).or_default();
                if !ids.contains(&s.id) {
                    ids.push(s.id.clone());
                }
            }
        }
        out
    }
}
