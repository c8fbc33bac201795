//! Assessment: standards evaluated against the district as it will be in a fiscal year.
//!
//! `compile` turns a library into checks over numbered inventory *slots*; `slots` totals those
//! over the inventory per year; `eval` judges each check from the totals. The projection with
//! initiative effects lives in `crate::derive`.

pub mod compile;
pub mod eval;
mod ratio;
pub mod slots;

pub use compile::{Compiled, compile};
pub use eval::{Need, Outcome, Status, group};
