//! Scoring for the palette: `SkimMatcherV2` (smart case) behind an exact prefilter, run as a
//! job in time-bounded steps so a keystroke over 100k candidates returns within a frame.
//!
//! - Prefilter: each candidate's set of characters (ASCII-lowercased a-z and 0-9, one bit for
//!   anything else) is a `u64` built once; the query's set must be a subset. Skim needs every
//!   query character `p` in order with `c == p` (case-sensitive) or `c.eq_ignore_ascii_case(p)`,
//!   and either implies equal ASCII-lowercase forms, so the test never rejects a match.
//! - Job: `rescore` starts scoring the candidates still possible (every candidate, or the
//!   previous hits and the unscored rest when the query extends the previous one, even while a
//!   job runs) and does one step of at most `STEP`; `work` continues, `finish` completes.
//! - Hits stay sorted (score desc, then candidate index asc) whenever they are read: each step
//!   sorts what it found and merges it in, linear in the hits.
//! - Backspace is free: the complete results of each query typed on the way to this one are
//!   kept (`typed`), so going back to a shorter query restores its hits without scoring.
//! - Matched character indices are computed only for the rows on screen (`row`).

use super::Candidate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::cmp::Ordering as Cmp;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The scoring one keystroke (or one event-loop step) may do: well under a 60 Hz frame (16 ms),
/// leaving room for starting the job, drawing, and a thread finishing its last piece late on a
/// busy machine.
pub const STEP: Duration = Duration::from_millis(6);

/// Candidates scored between checks of the clock; threads claim pieces in order, so what has
/// been scored is always a prefix of the job's list.
const PIECE: usize = 512;

/// The bit for one character: a-z and 0-9 after ASCII lowercasing, or "anything else".
fn bit(c: char) -> u64 {
    match c.to_ascii_lowercase() {
        l @ 'a'..='z' => 1 << (u32::from(l) - u32::from('a')),
        d @ '0'..='9' => 1 << (26 + u32::from(d) - u32::from('0')),
        _ => 1 << 36,
    }
}

/// The set of characters in `s`, as bits.
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | bit(c))
}

/// Best first: higher score, then the earlier candidate (kind, then name).
fn order(a: &(i64, usize), b: &(i64, usize)) -> Cmp {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

/// Merges sorted `new` into sorted `hits`.
fn merge(hits: &mut Vec<(i64, usize)>, new: Vec<(i64, usize)>) {
    if new.is_empty() {
        return;
    }
    if hits.is_empty() {
        *hits = new;
        return;
    }
    let old = std::mem::take(hits);
    let mut out = Vec::with_capacity(old.len() + new.len());
    let mut a = old.into_iter().peekable();
    let mut b = new.into_iter().peekable();
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        let next = if order(x, y) != Cmp::Greater {
            a.next()
        } else {
            b.next()
        };
        out.extend(next);
    }
    out.extend(a);
    out.extend(b);
    *hits = out;
}

/// Scoring in progress: candidate indices to score, and how many of them are done.
struct Job {
    todo: Vec<usize>,
    done: usize,
}

pub struct Palette {
    matcher: SkimMatcherV2,
    pub candidates: Vec<Candidate>,
    /// `char_mask` of each candidate's text.
    masks: Vec<u64>,
    pub query: String,
    /// The query `hits` are for (complete, or being scored by `job`).
    scored: String,
    /// (score, candidate index), best first; every candidate when the query is empty. While a
    /// job runs: the hits found so far, sorted.
    pub hits: Vec<(i64, usize)>,
    pub selected: usize,
    job: Option<Job>,
    threads: usize,
    /// Complete hits of the queries typed on the way to this one (each a prefix of it).
    typed: Vec<(String, Vec<(i64, usize)>)>,
}

impl Palette {
    pub fn new(candidates: Vec<Candidate>) -> Palette {
        let hits = (0..candidates.len()).map(|i| (0, i)).collect();
        let masks = candidates.iter().map(|c| char_mask(&c.text)).collect();
        Palette {
            matcher: SkimMatcherV2::default().smart_case(),
            candidates,
            masks,
            query: String::new(),
            scored: String::new(),
            hits,
            selected: 0,
            job: None,
            threads: std::thread::available_parallelism().map_or(1, |t| t.get()),
            typed: Vec::new(),
        }
    }

    /// After the query changed: starts scoring it and does one step (at most about `STEP`).
    pub fn rescore(&mut self) {
        self.start();
        self.work(STEP);
    }

    /// Starts scoring the query without doing any of it. A query extending the one being (or
    /// already) scored narrows: only the hits so far and the not yet scored rest can match.
    pub fn start(&mut self) {
        self.selected = 0;
        let q = self.query.clone();
        if q.is_empty() {
            self.job = None;
            self.hits = (0..self.candidates.len()).map(|i| (0, i)).collect();
            self.scored = q;
            return;
        }
        // Results kept are only those on the way to this query; one of them may be it.
        self.typed.retain(|(t, _)| q.starts_with(t.as_str()));
        if let Some((_, hits)) = self.typed.iter().find(|(t, _)| *t == q) {
            self.job = None;
            self.hits.clone_from(hits);
            self.scored = q;
            return;
        }
        let need = char_mask(&q);
        let masks = &self.masks;
        let possible = |i: &usize| masks.get(*i).is_some_and(|m| need & !m == 0);
        let todo: Vec<usize> = if !self.scored.is_empty() && q.starts_with(self.scored.as_str()) {
            // The previous hits first, best first: the best new hits are likely among them,
            // so the first frame already shows good ones.
            let rest = self.job.take().map(|j| j.todo.into_iter().skip(j.done));
            self.hits
                .iter()
                .map(|h| h.1)
                .chain(rest.into_iter().flatten())
                .filter(possible)
                .collect()
        } else {
            let mut all = Vec::with_capacity(masks.len());
            all.extend(
                masks
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| need & !**m == 0)
                    .map(|(i, _)| i),
            );
            all
        };
        self.hits.clear();
        self.job = (!todo.is_empty()).then_some(Job { todo, done: 0 });
        self.scored = q;
    }

    /// Whether a job is still scoring (`hits` are incomplete).
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// (scored, to score in all) of the running job.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.job.as_ref().map(|j| (j.done, j.todo.len()))
    }

    /// Scores for about `budget` (at least one piece per thread), then merges what it found.
    pub fn work(&mut self, budget: Duration) {
        self.step(Instant::now().checked_add(budget));
    }

    /// Completes the running job, if any.
    pub fn finish(&mut self) {
        while self.is_busy() {
            self.step(None);
        }
    }

    fn step(&mut self, deadline: Option<Instant>) {
        let Some(job) = self.job.as_mut() else { return };
        let rest = job.todo.get(job.done..).unwrap_or_default();
        let (n, mut found) = score(
            &self.matcher,
            &self.candidates,
            &self.scored,
            rest,
            deadline,
            self.threads,
        );
        job.done += n;
        let complete = job.done >= job.todo.len();
        found.sort_unstable_by(order);
        merge(&mut self.hits, found);
        if complete {
            self.job = None;
            self.typed.push((self.scored.clone(), self.hits.clone()));
        }
    }

    /// The candidate and its matched char indices for hit `k` (computed on demand, for the
    /// rows on screen only).
    pub fn row(&self, k: usize) -> Option<(&Candidate, Vec<usize>)> {
        let (_, i) = *self.hits.get(k)?;
        let c = self.candidates.get(i)?;
        let idx = if self.scored.is_empty() {
            Vec::new()
        } else {
            self.matcher
                .fuzzy_indices(&c.text, &self.scored)
                .map(|(_, v)| v)
                .unwrap_or_default()
        };
        Some((c, idx))
    }

    pub fn current(&self) -> Option<&Candidate> {
        self.hits
            .get(self.selected)
            .and_then(|(_, i)| self.candidates.get(*i))
    }
}

/// Scores a prefix of `todo` until `deadline` (pieces of `PIECE` claimed in order by up to
/// `threads` threads; a thread stops when another piece would likely overrun the deadline).
/// Returns how many candidates of `todo` were scored and the hits among them, unsorted.
fn score(
    matcher: &SkimMatcherV2,
    candidates: &[Candidate],
    q: &str,
    todo: &[usize],
    deadline: Option<Instant>,
    threads: usize,
) -> (usize, Vec<(i64, usize)>) {
    let pieces = todo.len().div_ceil(PIECE);
    let next = AtomicUsize::new(0);
    let run = || {
        let mut out = Vec::new();
        loop {
            let began = Instant::now();
            let from = next.fetch_add(1, Ordering::Relaxed).saturating_mul(PIECE);
            let Some(part) = todo.get(from..todo.len().min(from.saturating_add(PIECE))) else {
                break;
            };
            if part.is_empty() {
                break;
            }
            for &i in part {
                if let Some(c) = candidates.get(i)
                    && let Some(s) = matcher.fuzzy_match(&c.text, q)
                {
                    out.push((s, i));
                }
            }
            let now = Instant::now();
            if deadline.is_some_and(|d| now + (now - began) >= d) {
                break;
            }
        }
        out
    };
    let threads = threads.min(pieces).max(1);
    let found = if threads == 1 {
        run()
    } else {
        std::thread::scope(|s| {
            let others: Vec<_> = (1..threads).map(|_| s.spawn(run)).collect();
            let mut all = run();
            for t in others {
                all.extend(t.join().unwrap_or_default());
            }
            all
        })
    };
    let scored = next.load(Ordering::Relaxed).min(pieces);
    ((scored * PIECE).min(todo.len()), found)
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
