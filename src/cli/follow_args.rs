//! The follow-through subcommands' arguments: `vcio initiative set|checkin`,
//! `vcio person add|leave|list`, `vcio baseline save|diff|list` (their handlers are in
//! `follow.rs`, their views in `views::follow`).

use super::Format;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum InitiativeCmd {
    /// Set status (proposed, approved, in_progress, on_hold, done, cancelled), owner, sponsor,
    /// backup, stakeholders (comma-separated) or board_approved (a date); people by name.
    Set {
        id: String,
        #[arg(value_name = "KEY=VALUE", required = true)]
        pairs: Vec<String>,
    },
    /// Record progress: percent complete, a note, the next step and its due date, and money
    /// actually spent (with the source that paid it).
    Checkin {
        id: String,
        /// Percent complete, 0-100.
        #[arg(long)]
        percent: u8,
        #[arg(long, default_value = "")]
        note: String,
        /// The next step.
        #[arg(long, default_value = "")]
        next: String,
        /// When the next step is due (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// Money spent since the last check-in (AMOUNT like 12000 or $12,000).
        #[arg(long, value_name = "AMOUNT")]
        spent: Option<String>,
        /// The funding source that paid it (default: the initiative's own).
        #[arg(long, value_name = "ID")]
        source: Option<String>,
        /// What the money was for.
        #[arg(long = "for", default_value = "")]
        spent_for: String,
        /// The check-in's date (default: as of).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    List,
    /// Add someone initiatives can point at.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        role: String,
    },
    /// Someone left the district: every initiative they own or sponsor is flagged.
    Leave {
        name: String,
        /// The day they left (default: as of).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum BaselineCmd {
    /// Snapshot the roadmap under a name (e.g. board-2026-12).
    Save { name: String },
    /// What moved, grew, was added or dropped since a baseline (default: the newest).
    Diff {
        name: Option<String>,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The baselines saved.
    List,
}
