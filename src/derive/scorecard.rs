//! Framework scorecards: each control of a framework's scored groups (CIS IG1, the six CSF 2.0
//! functions, the K12 SIX categories) judged from the standards that cite it, in one fiscal
//! year. A control is met when every standard citing it passes, not met when any fails,
//! unknown when none fails but one is unknown or set aside, and not covered when no standard
//! cites it: "CIS IG1: 21 met, 9 not met, 8 unknown, 18 not covered by any standard".

use super::YearAssessment;
use crate::assess::Status;
use crate::standards::Library;
use crate::standards::catalog::Framework;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlStatus {
    Met,
    NotMet,
    Unknown,
    NotCovered,
}

impl ControlStatus {
    pub fn name(self) -> &'static str {
        match self {
            ControlStatus::Met => "met",
            ControlStatus::NotMet => "not met",
            ControlStatus::Unknown => "unknown",
            ControlStatus::NotCovered => "not covered",
        }
    }
}

/// One group's counts ("IG1", "PR").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GroupScore {
    pub group: String,
    pub controls: usize,
    pub met: usize,
    pub not_met: usize,
    pub unknown: usize,
    pub not_covered: usize,
}

/// One control: the standards that cite it and its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ControlScore {
    pub id: String,
    pub title: String,
    pub group: String,
    pub standards: Vec<String>,
    pub status: ControlStatus,
}

/// The library's standards (by index) citing each control of `fw`, in control order.
pub fn citing(fw: &Framework, lib: &Library) -> Vec<Vec<usize>> {
    let prefix = format!("{} ", fw.key);
    fw.controls
        .iter()
        .map(|c| {
            lib.standards
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.refs
                        .iter()
                        .any(|r| r.strip_prefix(&prefix) == Some(c.id.as_str()))
                })
                .map(|(i, _)| i)
                .collect()
        })
        .collect()
}

/// The framework's scored controls judged in `year`, with the counts per scored group.
pub fn score(
    fw: &Framework,
    lib: &Library,
    cites: &[Vec<usize>],
    year: &YearAssessment,
) -> (Vec<GroupScore>, Vec<ControlScore>) {
    let mut groups: Vec<GroupScore> = fw
        .scored
        .iter()
        .map(|g| GroupScore {
            group: g.clone(),
            ..GroupScore::default()
        })
        .collect();
    let mut controls = Vec::new();
    for (c, by) in fw.controls.iter().zip(cites) {
        let Some(g) = groups.iter_mut().find(|g| g.group == c.group) else {
            continue;
        };
        let statuses = by
            .iter()
            .filter_map(|&i| year.outcomes.get(i).map(|o| o.status));
        let status = judge(statuses);
        g.controls += 1;
        match status {
            ControlStatus::Met => g.met += 1,
            ControlStatus::NotMet => g.not_met += 1,
            ControlStatus::Unknown => g.unknown += 1,
            ControlStatus::NotCovered => g.not_covered += 1,
        }
        controls.push(ControlScore {
            id: c.id.clone(),
            title: c.title.clone(),
            group: c.group.clone(),
            standards: by
                .iter()
                .filter_map(|&i| lib.standards.get(i).map(|s| s.id.clone()))
                .collect(),
            status,
        });
    }
    (groups, controls)
}

fn judge(statuses: impl Iterator<Item = Status>) -> ControlStatus {
    let mut any = false;
    let mut unsure = false;
    for s in statuses {
        any = true;
        match s {
            Status::Fail => return ControlStatus::NotMet,
            Status::Unknown | Status::NotApplicable => unsure = true,
            Status::Pass => {}
        }
    }
    match (any, unsure) {
        (false, _) => ControlStatus::NotCovered,
        (true, true) => ControlStatus::Unknown,
        (true, false) => ControlStatus::Met,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_failing_standard_makes_a_control_not_met_and_unknown_is_never_met() {
        use Status::*;
        assert_eq!(judge([Pass, Fail].into_iter()), ControlStatus::NotMet);
        assert_eq!(judge([Pass, Unknown].into_iter()), ControlStatus::Unknown);
        assert_eq!(
            judge([Pass, NotApplicable].into_iter()),
            ControlStatus::Unknown
        );
        assert_eq!(judge([Pass, Pass].into_iter()), ControlStatus::Met);
        assert_eq!(judge([].into_iter()), ControlStatus::NotCovered);
    }
}
