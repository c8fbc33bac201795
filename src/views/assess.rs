//! `vcio assess`: the standards judged as of a fiscal year, failing ones first by severity,
//! each with its evidence and the initiative that fixes it.

use crate::assess::{Status, group};
use crate::derive::{Derived, YearAssessment};
use crate::standards::{Library, Standard};
use serde_json::{Value, json};

pub struct AssessView<'a> {
    pub session: &'a str,
    pub district: &'a str,
    pub library: &'a Library,
    pub derived: &'a Derived,
    pub year: usize,
    pub baseline: bool,
}

impl AssessView<'_> {
    fn year(&self) -> &YearAssessment {
        let years = if self.baseline {
            &self.derived.baseline
        } else {
            &self.derived.projected
        };
        &years[self.year]
    }

    /// (standard, outcome index) with the given status, most severe first, then by id.
    fn with_status(&self, status: Status) -> Vec<(usize, &Standard)> {
        let y = self.year();
        let mut v: Vec<(usize, &Standard)> = self
            .library
            .standards
            .iter()
            .enumerate()
            .filter(|(i, _)| y.outcomes[*i].status == status)
            .collect();
        v.sort_by(|a, b| {
            a.1.severity
                .cmp(&b.1.severity)
                .then_with(|| a.1.id.cmp(&b.1.id))
        });
        v
    }

    fn entry(&self, i: usize, s: &Standard) -> Value {
        let o = &self.year().outcomes[i];
        let fixes: Vec<Value> = self.derived.fixes[i]
            .iter()
            .map(|f| json!({"initiative": f.initiative, "done": f.done.to_string()}))
            .collect();
        json!({
            "id": s.id, "title": s.title, "area": s.area, "severity": s.severity.name(),
            "evidence": o.evidence, "score": o.score, "fixed_by": fixes,
        })
    }

    pub fn json(&self) -> Value {
        let y = self.year();
        let list = |st| {
            self.with_status(st)
                .into_iter()
                .map(|(i, s)| self.entry(i, s))
                .collect::<Vec<_>>()
        };
        json!({
            "session": self.session,
            "fiscal_year": y.fiscal_year,
            "baseline": self.baseline,
            "standards_total": y.outcomes.len(),
            "passing": y.passing,
            "failing": list(Status::Fail),
            "unknown": list(Status::Unknown),
            "not_applicable": list(Status::NotApplicable),
            "compliance": y.compliance(),
        })
    }

    pub fn table(&self, width: usize) -> String {
        let y = self.year();
        let h = &self.derived.horizon;
        let mode = if self.baseline {
            "baseline, no initiatives"
        } else {
            "with the roadmap"
        };
        let when = if self.year == 0 {
            format!("{} (now, {})", y.fiscal_year, h.as_of)
        } else {
            y.fiscal_year.to_string()
        };
        let mut out = format!(
            "{} · session {} · {when} · {mode}\n{} of {} standards pass ({:.0}%), {} fail, {} unknown{}\n",
            self.district,
            self.session,
            y.passing,
            y.outcomes.len() - y.not_applicable,
            y.compliance() * 100.0,
            y.failing,
            y.unknown,
            if y.not_applicable > 0 {
                format!(", {} set aside", y.not_applicable)
            } else {
                String::new()
            }
        );
        for (title, status) in [
            ("FAILING", Status::Fail),
            ("UNKNOWN (needs data)", Status::Unknown),
            ("SET ASIDE BY THE DISTRICT", Status::NotApplicable),
        ] {
            let list = self.with_status(status);
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{title}\n"));
            for (i, s) in list {
                let head = format!("{:<8} {:<7} {}", s.severity.name(), s.id, s.title);
                out.push_str(&super::table::fit(&head, width));
                out.push('\n');
                let mut ev = y.outcomes[i].evidence.clone();
                if let Some(f) = self.derived.fixes[i].first() {
                    ev.push_str(&format!(" -> fixed by {} ({})", f.initiative, f.done));
                }
                out.push_str(&super::table::wrap(&ev, width, 9));
            }
        }
        let trend: Vec<String> = self
            .derived
            .projected
            .iter()
            .zip(&self.derived.baseline)
            .map(|(p, b)| {
                format!(
                    "{} {}/{}",
                    p.fiscal_year,
                    group(p.passing as f64),
                    group(b.passing as f64)
                )
            })
            .collect();
        out.push_str(&format!(
            "\npassing per year, with roadmap/baseline: {}\n",
            trend.join("  ")
        ));
        out
    }
}
