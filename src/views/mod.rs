//! Read-only views of a plan and what is derived from it, as the CLI prints them: aligned
//! tables for people, one JSON document for programs (the JSON shapes in ARCHITECTURE.md, "The command-line contract").

pub mod answers;
pub mod assess;
pub mod compare;
pub mod district;
pub mod erate;
pub mod follow;
pub mod frameworks;
pub mod listings;
pub mod portfolio;
pub mod roadmap;
pub mod setup;
pub mod standard;
pub mod table;

/// Terminal width for tables: `COLUMNS` when set, else 80.
pub fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(80)
}
