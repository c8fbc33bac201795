//! The domain model: plain serde data with no I/O (ARCHITECTURE.md, "Code map").

pub mod answers;
pub mod attrs;
pub mod budget;
pub mod district;
pub mod erate;
pub mod governance;
pub mod horizon;
pub mod initiative;
pub mod inventory;
pub mod payment;
pub mod plan;
pub mod select;
pub mod time;
pub mod validate;

pub use answers::{AnswerValue, Answers};
pub use attrs::Attrs;
pub use budget::{
    BudgetSettings, C2Cycle, DEFAULT_ESCALATION_PCT, ERATE, FundingSource, GENERAL_FUND,
    SourceKind, escalate,
};
pub use district::{District, ErateSettings, Exemption, ExemptionKind, Reimbursement, Site};
pub use governance::{
    Baseline, BaselineEntry, Checkin, Governance, InitiativeStatus, Person, Spend, StatusChange,
};
pub use horizon::Horizon;
pub use initiative::{Effect, FundingShare, Initiative, Lease, SpendKind};
pub use inventory::{AttrValue, Category, ErateCategory, Item, ModelMapping, Renewal, marks};
pub use plan::Plan;
pub use select::{Num, Pred, Selector};
pub use time::{FiscalCalendar, FiscalYear, Quarter, YearMonth};
