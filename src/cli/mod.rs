//! The command line (ARCHITECTURE.md, "The command-line contract"). Parsing lives here; each command group has its own
//! file that reads the plan, derives what it needs and prints a view. Every user error becomes
//! one line on stderr and a non-zero exit, with nothing changed.

pub mod answers;
pub mod commands;
pub mod context;
pub mod district;
pub mod follow;
mod follow_args;
pub mod import;
mod read;
pub mod session;
pub mod standards_cmd;

use clap::{Parser, Subcommand, ValueEnum};
pub use context::{Ctx, UserError};
pub use follow_args::{BaselineCmd, InitiativeCmd, PersonCmd};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "vcio",
    version,
    about = "A planning workbench for school-district technology"
)]
pub struct Cli {
    /// Where sessions, backups and user standards/themes live.
    #[arg(long, env = "VCIO_DATA_DIR", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The session (a named plan) to open.
    #[arg(
        long,
        env = "VCIO_SESSION",
        global = true,
        default_value = "default",
        value_name = "NAME"
    )]
    pub session: String,
    /// The date "now" means (YYYY-MM-DD); default today.
    #[arg(long, env = "VCIO_AS_OF", global = true, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Workbench theme (built-in: default, light, projector, mono, or a file in
    /// DATA_DIR/themes). Only for the workbench (no command).
    #[arg(long)]
    pub theme: Option<String>,
    /// Workbench: draw with plain ASCII (no box-drawing or block glyphs).
    #[arg(long)]
    pub ascii: bool,
    /// Workbench: do not capture the mouse (keeps the terminal's own copy and paste).
    #[arg(long)]
    pub no_mouse: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `FY2028-Q2` (any case) for clap: a bad quarter is a usage error (exit 2).
fn parse_quarter(s: &str) -> Result<crate::model::Quarter, String> {
    s.trim().to_uppercase().parse()
}

/// `FY2027` or `2027` for clap.
fn parse_fiscal_year(s: &str) -> Result<crate::model::FiscalYear, String> {
    s.trim().to_uppercase().parse()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum LogFormat {
    #[default]
    Table,
    Json,
    /// Minutes: the changes day by day, in words.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Standards evaluated as of a fiscal year.
    Assess {
        /// Fiscal year (FY2027 or 2027); default the current one.
        #[arg(long, value_parser = parse_fiscal_year)]
        year: Option<crate::model::FiscalYear>,
        /// As if no initiative is done.
        #[arg(long)]
        baseline: bool,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// E-Rate: discounts, the C2 budget (committed, planned, remaining), each line's funding
    /// year and whether it can still be filed, and the filing calendar.
    Erate {
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The inventory; `inventory map-model` maps a model the imports did not recognise.
    Inventory {
        #[command(subcommand)]
        action: Option<InventoryCmd>,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The standards library.
    #[command(subcommand)]
    Standards(StandardsCmd),
    /// Initiatives with quarters, costs, effects and warnings.
    Roadmap {
        #[command(subcommand)]
        action: Option<RoadmapCmd>,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Spend per fiscal year and funding source, against caps.
    Budget {
        #[command(subcommand)]
        action: Option<BudgetCmd>,
        /// Planned against actual spend (from check-ins) per fiscal year and source, and per
        /// initiative.
        #[arg(long)]
        actuals: bool,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// One initiative's follow-through: status, owner, sponsor, backup, check-ins.
    #[command(subcommand)]
    Initiative(InitiativeCmd),
    /// The people initiatives point at (`person add`, `person leave`).
    Person {
        #[command(subcommand)]
        action: Option<PersonCmd>,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Initiatives at risk, with the reason, the next step and the owner: the agenda of a
    /// follow-up visit.
    Followup {
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Framework scorecards (CIS IG1, NIST CSF 2.0 functions, K12 SIX categories): controls
    /// met, not met, unknown and not covered by any standard, now and with the plan.
    Frameworks {
        /// The later fiscal year to compare with now (FY2029 or 2029); default the horizon's
        /// last.
        #[arg(long, value_parser = parse_fiscal_year)]
        year: Option<crate::model::FiscalYear>,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Snapshots of the roadmap (what the board approved) and what changed since.
    #[command(subcommand)]
    Baseline(BaselineCmd),
    /// Every district in the data directory (scenarios under their district), sorted by what
    /// needs attention: the virtual CIO's view.
    Portfolio {
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The district profile and its sites (`district set KEY=VALUE...` changes it).
    District {
        #[command(subcommand)]
        action: Option<DistrictCmd>,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Schools and other buildings.
    Site {
        #[command(subcommand)]
        action: Option<SiteCmd>,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The questionnaire: every question the standards ask, its answer and what it expects.
    Answers {
        #[command(subcommand)]
        action: Option<AnswersCmd>,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// What is missing for a trustworthy assessment, ranked, with the command that fills each.
    Setup {
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Funding sources, grants and their caps.
    Funding {
        #[command(subcommand)]
        action: Option<FundingCmd>,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Undo the session's last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Bring data in.
    #[command(subcommand)]
    Import(ImportCmd),
    /// Write the plan and what is derived from it.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Sessions and scenarios.
    #[command(subcommand)]
    Session(SessionCmd),
    /// Write a synthetic district of a given size into the session (for scale work; a
    /// developer command, not listed).
    #[command(hide = true)]
    Generate {
        #[arg(long)]
        items: usize,
        #[arg(long)]
        initiatives: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum StandardsCmd {
    /// The library in use.
    List {
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Validate standards: schema, checks, refs that resolve in the catalog and a source for
    /// every threshold. A folder, or by default the shipped library plus DATA_DIR/standards;
    /// errors as FILE:LINE:COL.
    Lint { dir: Option<PathBuf> },
    /// One standard in full: statement, parameters with the district's values, references,
    /// remediation, and its status in each fiscal year.
    Show {
        id: String,
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Set a threshold for this district (e.g. `standards set DEV-03 max_age_years 6`;
    /// `none` returns to the library's value).
    Set {
        id: String,
        param: String,
        value: String,
    },
    /// Set a standard aside: not applicable (default) or an accepted risk, with a reason and
    /// an optional review date; --clear judges it again.
    Exempt {
        id: String,
        #[arg(long)]
        reason: Option<String>,
        /// Review date (2027-06-30 or 6/30/2027); flagged from then on.
        #[arg(long)]
        until: Option<String>,
        /// The standard applies and the district accepts the risk for now.
        #[arg(long)]
        accepted_risk: bool,
        #[arg(long)]
        clear: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AnswersCmd {
    /// Answer a question: yes/no, a number, or a date (2026-03-01 or 3/1/2026).
    Set { key: String, value: String },
    /// Make a question unanswered (its standards become unknown).
    Unset { key: String },
    /// Write the questionnaire as CSV for staff to fill in the `answer` column.
    Export {
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
    },
    /// Read a filled-in questionnaire CSV back (one undoable edit; blank answers are skipped).
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum BudgetCmd {
    /// Set the overall cap per fiscal year (AMOUNT like 250000 or $250,000; `none` removes it).
    Cap {
        amount: String,
        /// Only this fiscal year (e.g. FY2028).
        #[arg(long)]
        year: Option<String>,
    },
    /// Yearly price escalation in percent (0-25), used to price replacements from what the
    /// district paid (default 3).
    Escalation { pct: u8 },
    /// The unit cost from which a purchase is capital (AMOUNT like 5000 or $10,000; default
    /// $5,000): units bought below it are operating spend.
    Capitalisation { amount: String },
}

#[derive(Debug, Subcommand)]
pub enum DistrictCmd {
    /// Change the profile: name, students, staff, fiscal_start_month, horizon_years, state,
    /// jurisdiction_population, nslp_pct, rural, erate_c1_pct, erate_c2_pct, reimbursement
    /// (spi|bear), inventory_complete (e.g. network,security or all).
    Set {
        #[arg(value_name = "KEY=VALUE", required = true)]
        pairs: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SiteCmd {
    /// The sites.
    List,
    /// Add a school or building.
    Add {
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        students: Option<u32>,
        #[arg(long)]
        classrooms: Option<u32>,
        #[arg(long)]
        staff: Option<u32>,
        /// A district office, garage or warehouse (no E-Rate Category Two budget).
        #[arg(long)]
        non_instructional: bool,
    },
    /// Change a site: name, students, classrooms, staff, instructional.
    Set {
        id: String,
        #[arg(value_name = "KEY=VALUE", required = true)]
        pairs: Vec<String>,
    },
    /// Add names other systems use for the site (imports match them).
    Alias {
        id: String,
        #[arg(required = true)]
        names: Vec<String>,
    },
    /// Move FROM's inventory to INTO; FROM's id and names become INTO's aliases.
    Merge { from: String, into: String },
    /// Remove a site no inventory uses.
    Remove { id: String },
}

#[derive(Debug, Subcommand)]
pub enum FundingCmd {
    /// The funding sources and caps.
    List,
    /// Add a source: a grant "per year" is --annual-cap, "in total" is --award.
    Add {
        id: String,
        #[arg(long)]
        name: String,
        /// general, grant or bond.
        #[arg(long)]
        kind: String,
        /// At most this much a fiscal year.
        #[arg(long)]
        annual_cap: Option<String>,
        /// At most this much over all its years.
        #[arg(long)]
        award: Option<String>,
        /// The fiscal years it may be spent in, e.g. FY2027..FY2031.
        #[arg(long)]
        years: Option<String>,
    },
    /// Change a source: name, kind, annual_cap, award (amounts or none), years (or any).
    Set {
        id: String,
        #[arg(value_name = "KEY=VALUE", required = true)]
        pairs: Vec<String>,
    },
    /// Remove a source nothing is paid from.
    Remove { id: String },
}

#[derive(Debug, Subcommand)]
pub enum RoadmapCmd {
    /// Move an initiative to start in a quarter (e.g. FY2028-Q2).
    Move {
        id: String,
        /// The new start quarter, e.g. FY2028-Q2.
        #[arg(value_parser = parse_quarter)]
        quarter: crate::model::Quarter,
        /// Also shift initiatives that depend on it.
        #[arg(long)]
        cascade: bool,
    },
    /// Place initiatives by value at the earliest quarter that respects dependencies and caps.
    Schedule {
        /// Show the moves without saving them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add an initiative of the district's own; prints its new id.
    Add {
        #[arg(long)]
        title: String,
        /// First quarter, e.g. FY2028-Q1.
        #[arg(long, value_parser = parse_quarter)]
        start: crate::model::Quarter,
        /// Length in quarters (1-40).
        #[arg(long, default_value_t = 1)]
        quarters: u8,
        /// One-time cost, spread over its quarters (e.g. 120000 or $120,000).
        #[arg(long)]
        one_time: Option<String>,
        /// Recurring cost a year once done.
        #[arg(long)]
        recurring: Option<String>,
        /// The funding source id that pays (default: general).
        #[arg(long)]
        funding: Option<String>,
        /// E-Rate category of the costs: c1 or c2.
        #[arg(long)]
        erate: Option<String>,
        /// Standards it resolves once done, e.g. SEC-01,NET-06.
        #[arg(long)]
        resolves: Option<String>,
        /// Who leads it.
        #[arg(long)]
        owner: Option<String>,
        /// Pay by lease or lease-purchase: YEARS:RATE, e.g. 4:3.5 (4 yearly payments at 3.5%)
        /// instead of the one-time cost up front.
        #[arg(long)]
        lease: Option<String>,
    },
    /// Create an initiative from a failing standard's remediation template.
    Fix {
        standard: String,
        /// Start quarter; default the next quarter.
        #[arg(long, value_parser = parse_quarter)]
        start: Option<crate::model::Quarter>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InventoryFormat {
    Auto,
    Snipeit,
    GoogleAdmin,
    Generic,
}

#[derive(Debug, Subcommand)]
pub enum InventoryCmd {
    /// Map a model to a category and kind: recorded in the session for every later import,
    /// and the items already imported are reclassified (one undoable edit).
    MapModel {
        /// The model as the export names it (or words it contains), e.g. "Gizmo AP 9".
        model: String,
        /// The kind standards select by: chromebook, access-point, switch, firewall...
        #[arg(long)]
        kind: String,
        /// Device, Network, Software, DataSystem, Security, Facility or Service (default: the
        /// category the kind usually has, else Device).
        #[arg(long)]
        category: Option<String>,
    },
}

/// `vcio import inventory` arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct InventoryImportArgs {
    pub file: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "auto")]
    pub format: InventoryFormat,
    /// Import the valid rows and report each skipped one.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Print the generic CSV template and exit.
    #[arg(long)]
    pub template: bool,
    /// Locations to sites, one "location,site" per line, for locations whose names match no
    /// site; each location is kept as an alias of its site.
    #[arg(long, value_name = "FILE")]
    pub site_map: Option<PathBuf>,
    /// Add each location that matches no site as a new site.
    #[arg(long)]
    pub create_sites: bool,
    /// Remove assets of earlier imports that this export no longer lists.
    #[arg(long)]
    pub retire_missing: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Inventory from Snipe-IT, Google Admin / GAM, or the generic CSV template.
    Inventory(InventoryImportArgs),
    /// An OSCAL catalog in JSON, added alongside the built-in standards.
    Standards { file: PathBuf },
    /// A plan exported as RON or JSON, replacing the session's plan.
    Plan { file: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Html,
    Csv,
    Json,
    Ron,
}

#[derive(Debug, Subcommand)]
pub enum SessionCmd {
    /// The sessions in the data directory.
    List {
        /// table: aligned text for people; json: one JSON document for programs.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Create a session (from the demo district unless --empty).
    New {
        name: String,
        #[arg(long)]
        empty: bool,
    },
    /// Copy a session into a new what-if scenario.
    Fork { from: String, to: String },
    /// Delete a session.
    Delete { name: String },
    /// Compare two sessions: compliance and budget per year, initiatives that differ.
    Compare { a: String, b: String },
    /// The session's edit history; `--format markdown` reads as meeting minutes.
    Log {
        /// Only changes made on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: LogFormat,
    },
    /// Rebuild a damaged database from the newest backup of each session.
    Restore {
        /// Replace the database even if it opens fine.
        #[arg(long)]
        force: bool,
    },
}
