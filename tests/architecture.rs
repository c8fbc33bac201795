//! The layers of ARCHITECTURE.md, enforced: a module may use only modules in layers below its
//! own, and terminal types (ratatui, crossterm) appear only in `src/tui` and `src/main.rs`.
//! The test reads the sources, so a new edge that breaks a layer fails here with the file and
//! line, instead of surviving as a convention.

use std::path::{Path, PathBuf};

/// Layers, lowest first. Modules in one layer do not use each other.
const LAYERS: &[&[&str]] = &[
    &["decode", "fast_hash", "text_width"],
    &["model"],
    &["edit", "standards"],
    &["assess", "history"],
    &["budget"],
    &["derive"],
    &[
        "roadmap",
        "workspace",
        "generate",
        "demo",
        "setup",
        "follow",
    ],
    &["store", "io"],
    &["views", "reports"],
    &["cli", "tui"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file under `src/` belongs to (`src/store/mod.rs` -> `store`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src");
    let first = rel.components().next().expect("a component");
    let name = first.as_os_str().to_string_lossy();
    name.strip_suffix(".rs").unwrap_or(&name).to_string()
}

/// The code of a line without its `//` comment (good enough for this source tree: no string
/// in it holds `crate::` or `//` followed by a module path).
fn code(line: &str) -> &str {
    let t = line.trim_start();
    if t.starts_with("//") {
        return "";
    }
    match line.find(" //") {
        Some(i) => &line[..i],
        None => line,
    }
}

fn sources() -> (PathBuf, Vec<PathBuf>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    (src, files)
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let (src, files) = sources();
    let mut faults = Vec::new();
    for file in &files {
        let from = module_of(&src, file);
        if from == "main" || from == "lib" {
            continue;
        }
        let Some(own) = layer_of(&from) else {
            faults.push(format!(
                "{}: module {from} has no layer in this test",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = code(line);
            for (i, _) in code.match_indices("crate::") {
                let used: String = code[i + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if used == from || used.is_empty() {
                    continue;
                }
                match layer_of(&used) {
                    Some(l) if l < own => {}
                    Some(_) => faults.push(format!(
                        "{}:{}: {from} (layer {own}) uses {used}, which is not below it",
                        file.display(),
                        n + 1
                    )),
                    None => faults.push(format!(
                        "{}:{}: {from} uses {used}, which has no layer in this test",
                        file.display(),
                        n + 1
                    )),
                }
            }
        }
    }
    assert!(
        faults.is_empty(),
        "layer violations:\n{}",
        faults.join("\n")
    );
}

#[test]
fn terminal_types_stay_in_the_tui() {
    let (src, files) = sources();
    let mut faults = Vec::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "tui" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = code(line);
            if code.contains("ratatui::") || code.contains("crossterm::") {
                faults.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        faults.is_empty(),
        "terminal types outside src/tui:\n{}",
        faults.join("\n")
    );
}

/// The test itself must be able to fail: a made-up edge is caught.
#[test]
fn the_layer_rule_catches_an_upward_edge() {
    let model = layer_of("model").expect("model");
    let tui = layer_of("tui").expect("tui");
    assert!(model < tui);
    assert!(
        layer_of("cli") == layer_of("tui"),
        "cli and tui may not use each other"
    );
    assert_eq!(code("    // use crate::tui::x;"), "");
    assert_eq!(code("let a = 1; // crate::tui"), "let a = 1;");
}
