//! Loading the standards library: the built-in files embedded in the binary, then a user's
//! folder (`<data dir>/standards/*.ron`, by file name) that extends or replaces standards by id.
//!
//! A malformed user file never panics and never half-loads: the whole load fails with the first
//! problem as `FILE:LINE:COL: message`, and the caller keeps whatever library it had.

use super::lint::{self, Diagnostic};
use super::{Library, Standard};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The built-in library, one file per area, embedded at compile time.
pub const BUILTIN_FILES: [(&str, &str); 7] = [
    (
        "standards/infrastructure.ron",
        include_str!("../../standards/infrastructure.ron"),
    ),
    (
        "standards/security.ron",
        include_str!("../../standards/security.ron"),
    ),
    (
        "standards/data-privacy.ron",
        include_str!("../../standards/data-privacy.ron"),
    ),
    (
        "standards/devices.ron",
        include_str!("../../standards/devices.ron"),
    ),
    (
        "standards/classroom.ron",
        include_str!("../../standards/classroom.ron"),
    ),
    (
        "standards/operations.ron",
        include_str!("../../standards/operations.ron"),
    ),
    (
        "standards/governance.ron",
        include_str!("../../standards/governance.ron"),
    ),
];

/// The questionnaire file: not a list of standards, so standards loading and linting skip it.
pub const QUESTIONS_FILE: &str = "questions.ron";
const BUILTIN_QUESTIONS: &str = include_str!("../../standards/questions.ron");

/// Parses a questionnaire file (a map of answer key to question).
pub fn parse_questions(
    file_name: &str,
    text: &str,
) -> Result<BTreeMap<String, super::Question>, Diagnostic> {
    ron_options().from_str(text).map_err(|e| Diagnostic {
        file: file_name.to_string(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// The RON options every standards file is read with: `IMPLICIT_SOME` lets authors write
/// `label: "student Chromebooks"` rather than `label: Some("student Chromebooks")` (both work).
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses one standards file without semantic checks: a RON list of standards, or (for a
/// one-standard user file) a single standard.
pub fn parse_str(file_name: &str, text: &str) -> Result<Vec<Standard>, Diagnostic> {
    let diag = |e: ron::error::SpannedError| Diagnostic {
        file: file_name.to_string(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    };
    if first_token(text) == Some('(') {
        ron_options()
            .from_str::<Standard>(text)
            .map(|s| vec![s])
            .map_err(diag)
    } else {
        ron_options().from_str::<Vec<Standard>>(text).map_err(diag)
    }
}

/// The first character that is not whitespace, a comment or a `#![...]` header.
fn first_token(text: &str) -> Option<char> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("#!") {
            rest = r.split_once(']').map_or("", |(_, after)| after);
        } else {
            return rest.chars().next();
        }
    }
}

/// Why a library could not be loaded: the first problem found, plus any others.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// Further problems after the first (possibly in other files).
    pub more: Vec<Diagnostic>,
}

impl LoadError {
    fn from_diagnostics(mut diags: Vec<Diagnostic>) -> Option<LoadError> {
        if diags.is_empty() {
            return None;
        }
        let first = diags.remove(0);
        let mut err = LoadError::from(first);
        err.more = diags;
        Some(err)
    }
}

impl From<Diagnostic> for LoadError {
    fn from(d: Diagnostic) -> Self {
        LoadError {
            file: d.file,
            line: d.line,
            col: d.col,
            message: d.message,
            more: Vec::new(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )?;
        match self.more.len() {
            0 => Ok(()),
            1 => write!(f, " (and 1 more problem)"),
            n => write!(f, " (and {n} more problems)"),
        }
    }
}

impl std::error::Error for LoadError {}

/// RON files beside the standards that hold other tables: the questionnaire, the model table,
/// the E-Rate program rules and the price book (the last two also name a district's overrides in the data directory).
const NOT_STANDARDS: [&str; 7] = [
    QUESTIONS_FILE,
    "frameworks.ron",
    "models.ron",
    "erate-program.ron",
    "price-book.ron",
    "model-rules.ron",
    "README.md",
];

/// The `.ron` files of a folder, sorted by file name; a missing folder has none.
pub(crate) fn ron_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let io_err = |e: std::io::Error| Diagnostic {
        file: dir.display().to_string(),
        line: 1,
        col: 1,
        message: format!("cannot read the folder: {e}"),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_err)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("ron")))
        .filter(|p| {
            p.file_name()
                .is_none_or(|n| !NOT_STANDARDS.iter().any(|x| n == *x))
        })
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

/// Reads a file as text, or a diagnostic naming it.
pub(crate) fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Diagnostic {
        file: file.clone(),
        line: 1,
        col: 1,
        message: format!("cannot read the file: {e}"),
    })?;
    crate::decode::text(&bytes)
        .map(|t| t.into_owned())
        .map_err(|e| Diagnostic {
            file,
            line: e.line,
            col: e.col,
            message: e.message,
        })
}

impl Library {
    /// The embedded library. The embedded files are checked by the test suite, so failing here
    /// is a build defect, not a user error.
    pub fn builtin() -> Library {
        let mut standards = Vec::new();
        for (name, text) in BUILTIN_FILES {
            match parse_str(name, text) {
                Ok(mut list) => standards.append(&mut list),
                Err(d) => panic!("embedded standards file is malformed: {d}"),
            }
        }
        let mut lib = Library::from_standards(standards);
        lib.questions = match parse_questions("standards/questions.ron", BUILTIN_QUESTIONS) {
            Ok(q) => q,
            Err(d) => panic!("embedded questionnaire is malformed: {d}"),
        };
        lib
    }

    /// The embedded library extended and overridden by id with the user's `*.ron` files, read in
    /// file-name order (a later file wins over an earlier one for the same id).
    pub fn load(user_dir: Option<&Path>) -> Result<Library, LoadError> {
        Library::load_with(user_dir, None)
    }

    /// `load`, as if the file `candidate.0` (in `user_dir`) held `candidate.1`: how a new
    /// standards file is checked before it replaces anything on disk.
    pub fn load_with(
        user_dir: Option<&Path>,
        candidate: Option<(&Path, &str)>,
    ) -> Result<Library, LoadError> {
        let builtin = Library::builtin();
        let mut questions = builtin.questions;
        let mut by_id: BTreeMap<String, Standard> = builtin
            .standards
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect();
        let Some(dir) = user_dir else {
            return Ok(Library {
                standards: by_id.into_values().collect(),
                questions,
            });
        };
        let mut problems = Vec::new();
        // The district's own questionnaire wording, entry by entry.
        let own = dir.join(QUESTIONS_FILE);
        if own.is_file() {
            match read_text(&own).and_then(|t| parse_questions(&own.display().to_string(), &t)) {
                Ok(q) => questions.extend(q),
                Err(d) => problems.push(d),
            }
        }
        let mut files = if dir.is_dir() {
            ron_files(dir).map_err(LoadError::from)?
        } else {
            Vec::new()
        };
        if let Some((path, _)) = candidate
            && !files.iter().any(|f| f == path)
        {
            files.push(path.to_path_buf());
            files.sort();
        }
        let mut loaded = Vec::new();
        for path in files {
            let name = path.display().to_string();
            let text = match candidate {
                Some((c, text)) if c == path => text.to_string(),
                _ => match read_text(&path) {
                    Ok(t) => t,
                    Err(d) => {
                        problems.push(d);
                        continue;
                    }
                },
            };
            match parse_str(&name, &text) {
                Ok(list) => {
                    let diags = lint::check_file(&name, &text, &list);
                    if diags.is_empty() {
                        loaded.push(list);
                    }
                    problems.extend(diags);
                }
                Err(d) => problems.push(d),
            }
        }
        if let Some(err) = LoadError::from_diagnostics(problems) {
            return Err(err);
        }
        for s in loaded.into_iter().flatten() {
            by_id.insert(s.id.clone(), s);
        }
        Ok(Library {
            standards: by_id.into_values().collect(),
            questions,
        })
    }

    /// A library from a list, sorted by id.
    pub fn from_standards(mut standards: Vec<Standard>) -> Library {
        standards.sort_by(|a, b| a.id.cmp(&b.id));
        Library {
            standards,
            questions: BTreeMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = r#"[
    (
        id: "NET-01",
        title: "Internet capacity of 2 Mbps per student",
        area: "Infrastructure",
        severity: Critical,
        statement: "At least 2 Mbps per student.",
        check: Ratio(
            num: (select: (kinds: ["internet-circuit"]), attr: "mbps"),
            per: Students,
            at_least: 2.0,
            unit: "Mbps per student",
        ),
        refs: ["FCC 14-99"],
        remediation: (title: "Upgrade", cost: Fixed(100), duration: 1),
    ),
    (
        id: "ZZZ-01",
        title: "Local rule",
        area: "Governance",
        severity: Low,
        statement: "The board minutes mention technology.",
        check: Answer(key: "board_minutes", expect: Yes),
        remediation: (title: "Ask", cost: Fixed(0), duration: 1),
    ),
]"#;

    #[test]
    fn builtin_is_sorted_and_has_no_user_rules() {
        let lib = Library::builtin();
        assert!(lib.standards.windows(2).all(|w| w[0].id < w[1].id));
        assert!(lib.get("ZZZ-01").is_none());
        assert_eq!(
            Library::load(None).map(|l| l.standards.len()),
            Ok(lib.standards.len())
        );
    }

    #[test]
    fn user_folder_overrides_by_id_and_adds_new_standards() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("local.ron"), USER).unwrap();
        let builtin = Library::builtin();
        let lib = Library::load(Some(dir.path())).unwrap();
        assert_eq!(lib.standards.len(), builtin.standards.len() + 1);
        let net01 = lib.get("NET-01").unwrap();
        assert_eq!(net01.severity, super::super::Severity::Critical);
        assert_eq!(net01.title, "Internet capacity of 2 Mbps per student");
        assert!(lib.get("ZZZ-01").is_some());
        assert_eq!(lib.standards.last().map(|s| s.id.as_str()), Some("ZZZ-01"));
    }

    #[test]
    fn later_user_file_wins_for_the_same_id() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("10-a.ron"), USER).unwrap();
        let later = USER.replace("Local rule", "Local rule, revised");
        std::fs::write(dir.path().join("20-b.ron"), later).unwrap();
        let lib = Library::load(Some(dir.path())).unwrap();
        assert_eq!(lib.get("ZZZ-01").unwrap().title, "Local rule, revised");
    }

    #[test]
    fn malformed_user_file_fails_the_load_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("good.ron"), USER).unwrap();
        std::fs::write(
            dir.path().join("bad.ron"),
            USER.replace("severity: Low", "severity: Severe"),
        )
        .unwrap();
        let err = Library::load(Some(dir.path())).unwrap_err();
        assert!(err.file.ends_with("bad.ron"), "{err}");
        assert_eq!((err.line, err.col), (21, 19), "{err}");
        let shown = err.to_string();
        assert!(
            shown.contains("bad.ron:21:19: ") && shown.contains("Severe"),
            "{shown}"
        );
    }

    #[test]
    fn semantic_error_in_user_file_fails_the_load() {
        let dir = tempfile::tempdir().unwrap();
        let text = USER.replace("at_least: 2.0", "at_least: \"min_mbps\"");
        std::fs::write(dir.path().join("local.ron"), text).unwrap();
        let err = Library::load(Some(dir.path())).unwrap_err();
        assert_eq!((err.line, err.col), (3, 9), "{err}");
        assert!(err.message.contains("min_mbps"), "{err}");
    }

    #[test]
    fn a_user_file_may_hold_a_single_standard() {
        let first = USER.trim_start_matches('[').split("\n    ),\n").next();
        let single = format!(
            "// one rule\n#![enable(implicit_some)]\n{}\n)\n",
            first.unwrap_or_default()
        );
        let list = parse_str("one.ron", &single).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].id, "NET-01");
        let broken = single.replace("severity: Critical", "severity: Severe");
        let err = parse_str("one.ron", &broken).unwrap_err();
        assert!(err.message.contains("Severe"), "{err}");
        assert_eq!((err.line, err.col), (8, 19), "{err}");
    }

    #[test]
    fn missing_user_folder_is_just_the_builtin_library() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::load(Some(&dir.path().join("nope"))).unwrap();
        assert_eq!(lib.standards.len(), Library::builtin().standards.len());
    }
}
