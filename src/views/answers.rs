//! The questionnaire as `vcio answers` lists it and `vcio answers export` writes it: one row
//! per answer key with the question, what it expects, the current answer and the standards it
//! settles.

use super::table::Table;
use crate::model::Plan;
use crate::standards::Library;
use crate::standards::questionnaire::{expectation, questionnaire};
use serde_json::{Value, json};

/// One row of the questionnaire.
pub struct Row {
    pub key: String,
    pub question: String,
    pub help: String,
    pub expected: String,
    /// The current answer as text ("" when unanswered).
    pub answer: String,
    pub standards: Vec<String>,
}

pub fn rows(library: &Library, plan: &Plan) -> Vec<Row> {
    questionnaire(library, plan)
        .into_iter()
        .map(|q| {
            let text = library.questions.get(&q.key);
            Row {
                question: text.map_or_else(|| q.key.replace('_', " "), |t| t.question.clone()),
                help: text.map(|t| t.help.clone()).unwrap_or_default(),
                expected: expectation(&q),
                answer: plan
                    .answers
                    .get(&q.key)
                    .map(|a| a.to_string())
                    .unwrap_or_default(),
                standards: q.standards,
                key: q.key,
            }
        })
        .collect()
}

pub fn json(library: &Library, plan: &Plan) -> Value {
    let rows = rows(library, plan);
    let answered = rows.iter().filter(|r| !r.answer.is_empty()).count();
    json!({
        "answered": answered,
        "total": rows.len(),
        "questions": rows.iter().map(|r| json!({
            "key": r.key, "question": r.question, "help": r.help, "expected": r.expected,
            "answer": (!r.answer.is_empty()).then_some(&r.answer), "standards": r.standards,
        })).collect::<Vec<_>>(),
    })
}

pub fn table(library: &Library, plan: &Plan, width: usize) -> String {
    let rows = rows(library, plan);
    let answered = rows.iter().filter(|r| !r.answer.is_empty()).count();
    let mut t = Table::new(&["Key", "Answer", "Expected", "Question"]).flex(3);
    for r in &rows {
        let answer = if r.answer.is_empty() {
            "?".to_string()
        } else {
            r.answer.clone()
        };
        t.row(vec![
            r.key.clone(),
            answer,
            r.expected.clone(),
            r.question.clone(),
        ]);
    }
    format!(
        "{}{answered} of {} answered (? = not answered: the standards that ask stay unknown)\n",
        t.render(width),
        rows.len()
    )
}

/// The CSV for staff to fill in: key, question, expected, answer, standards, help.
pub fn csv(library: &Library, plan: &Plan) -> Result<String, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| e.to_string();
    w.write_record(["key", "question", "expected", "answer", "standards", "help"])
        .map_err(err)?;
    for r in rows(library, plan) {
        w.write_record([
            r.key.as_str(),
            &r.question,
            &r.expected,
            &r.answer,
            &r.standards.join(" "),
            &r.help,
        ])
        .map_err(err)?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}
