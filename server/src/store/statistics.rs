//! Statistics without content access: counters only ever added to, each in the transaction of
//! the event it counts (the SQL is in `sql/statistics.rs`). Nothing here is a wallet's: a
//! counter is an event, a period and a partner.

use async_trait::async_trait;

use super::StoreResult;

/// What is counted (the `event` column).
pub mod event {
    /// A wallet was made (its hidden parts are not wallets).
    pub const CREATED: &str = "created";
    /// A wallet (any of its parts) was unlocked for the first time in an ISO week.
    pub const ACTIVE_WEEK: &str = "active_week";
    /// … for the first time in a month (period: the month's start).
    pub const ACTIVE_MONTH: &str = "active_month";
    /// A wallet was ended (with its parts; a hidden part ended alone is not counted).
    pub const ERASED: &str = "erased";
    /// A grant link was made.
    pub const LINK_MADE: &str = "link_made";
    /// A grant link was opened.
    pub const LINK_OPENED: &str = "link_opened";
    /// A document arrived through a deposit link.
    pub const DEPOSIT: &str = "deposit";
    /// Documents stored (added; removed), and their bytes.
    pub const DOCUMENTS_ADDED: &str = "documents_added";
    /// Documents deleted, or gone with their wallet.
    pub const DOCUMENTS_REMOVED: &str = "documents_removed";
    /// Bytes of the documents added.
    pub const BYTES_ADDED: &str = "bytes_added";
    /// Bytes of the documents removed.
    pub const BYTES_REMOVED: &str = "bytes_removed";
}

/// One counter.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CounterRow {
    /// One of [`event`].
    pub event: String,
    /// Unix seconds: the start of the ISO week (or the month, for `active_month`).
    pub period_start: i64,
    /// The partner whose slip made the wallet, or `''`.
    pub partner_id: String,
    /// How many.
    pub count: i64,
}

/// The counters (written by the other aggregates' transactions).
#[async_trait]
pub trait StatisticsStore: Send + Sync {
    /// Every counter, oldest period first (the views keep the closed periods).
    async fn counters(&self) -> StoreResult<Vec<CounterRow>>;
}
