//! vcio: a terminal planning workbench for school-district technology leaders.
//!
//! Data flows one way (see ARCHITECTURE.md):
//! files / sled --load--> `model::Plan` --derive--> `derive::Derived` --render--> TUI / CLI / reports,
//! and every change is an `edit::Edit` applied to the plan, which yields its inverse for undo.

pub mod assess;
pub mod budget;
pub mod cli;
pub mod decode;
pub mod demo;
pub mod derive;
pub mod edit;
pub mod fast_hash;
pub mod follow;
pub mod generate;
pub mod history;
pub mod io;
pub mod model;
pub mod reports;
pub mod roadmap;
pub mod setup;
pub mod standards;
pub mod store;
pub mod text_width;
pub mod tui;
pub mod views;
pub mod workspace;
