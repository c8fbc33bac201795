//! `vcio answers set|unset|import`: questionnaire answers as edits. An import reads the CSV
//! `vcio answers export` wrote (after staff filled in the `answer` column) as one undoable edit;
//! any bad row stops it with FILE:LINE and nothing changes. A blank answer leaves that
//! question as it was.

use super::UserError;
use super::context::CliResult;
use crate::edit::Edit;
use crate::standards::questionnaire::{Question, parse, questionnaire};
use crate::workspace::Workspace;
use std::path::Path;

fn find<'a>(qs: &'a [Question], key: &str) -> CliResult<&'a Question> {
    qs.iter().find(|q| q.key == key).ok_or_else(|| {
        UserError(format!(
            "no question {:?} (see `vcio answers` for the keys)",
            crate::decode::excerpt(key, 60)
        ))
    })
}

/// `vcio answers set KEY VALUE`.
pub fn set(ws: &mut Workspace, key: &str, value: &str) -> CliResult {
    let qs = questionnaire(ws.library(), ws.plan());
    let q = find(&qs, key)?;
    let answer = parse(q, value, ws.as_of())
        .map_err(|want| UserError(format!("{key}: expected {want}, found {value:?}")))?
        .ok_or_else(|| {
            UserError(format!(
                "{key}: give an answer, or `vcio answers unset {key}`"
            ))
        })?;
    let said = format!("{key} = {answer}");
    ws.apply(Edit::SetAnswer {
        key: key.to_string(),
        value: Some(answer),
    })?;
    println!("{said}");
    Ok(())
}

/// `vcio answers unset KEY`: the answer becomes unknown again.
pub fn unset(ws: &mut Workspace, key: &str) -> CliResult {
    let qs = questionnaire(ws.library(), ws.plan());
    find(&qs, key)?;
    if !ws.plan().answers.contains_key(key) {
        return Err(format!("{key} is not answered").into());
    }
    ws.apply(Edit::SetAnswer {
        key: key.to_string(),
        value: None,
    })?;
    println!("{key} is unanswered again");
    Ok(())
}

/// `vcio answers import FILE.csv`.
pub fn import(ws: &mut Workspace, file: &Path) -> CliResult {
    let shown = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| UserError(format!("{shown}: {e}")))?;
    let (text, _) = crate::io::csv_util::decode(&bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| UserError(format!("{shown}:1: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(key_col), Some(answer_col)) = (col("key"), col("answer")) else {
        let missing: Vec<&str> = ["key", "answer"]
            .into_iter()
            .filter(|n| col(n).is_none())
            .collect();
        return Err(format!(
            "{shown}:1: missing column(s) {} (export one with `vcio answers export --out FILE.csv`)",
            missing.join(", ")
        )
        .into());
    };
    let qs = questionnaire(ws.library(), ws.plan());
    let mut edits = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            UserError(format!(
                "{shown}:{line}: {}",
                crate::decode::one_line(&e.to_string(), 200)
            ))
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let key = rec.get(key_col).unwrap_or("").trim();
        let value = rec.get(answer_col).unwrap_or("").trim();
        if key.is_empty() && value.is_empty() {
            continue;
        }
        let q = find(&qs, key).map_err(|e| UserError(format!("{shown}:{line}: {e}")))?;
        let parsed = parse(q, value, ws.as_of()).map_err(|want| {
            UserError(format!(
                "{shown}:{line}: column \"answer\": {key} expects {want}, found {:?}",
                crate::decode::excerpt(value, 40)
            ))
        })?;
        if let Some(answer) = parsed
            && ws.plan().answers.get(key) != Some(&answer)
        {
            edits.push(Edit::SetAnswer {
                key: key.to_string(),
                value: Some(answer),
            });
        }
    }
    if edits.is_empty() {
        println!("{shown}: no answers changed");
        return Ok(());
    }
    let n = edits.len();
    ws.apply_labeled(
        Edit::Batch(edits),
        format!("import answers from {shown} ({n})"),
    )?;
    println!("{shown}: {n} answer(s) saved (one undo step)");
    Ok(())
}
