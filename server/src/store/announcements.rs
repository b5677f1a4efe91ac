//! The coordinators' announcements (the SQL is in `sql/announcements.rs`): at most one is shown
//! at a time, on the holders' start page.

use async_trait::async_trait;

use super::StoreResult;

/// An announcement as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AnnouncementRecord {
    /// Random hex id.
    pub id: String,
    /// French.
    pub text_fr: String,
    /// Dutch.
    pub text_nl: String,
    /// English.
    pub text_en: String,
    /// Arabic.
    pub text_ar: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds: shown until then.
    pub ends_at: i64,
    /// The coordinator's name.
    pub created_by: String,
}

/// Announcements.
#[async_trait]
pub trait AnnouncementStore: Send + Sync {
    /// Posts `announcement`, ending (at its start) any one still shown, in one transaction.
    async fn post_announcement(&self, announcement: &AnnouncementRecord) -> StoreResult<()>;
    /// The announcement shown at `now`, if any.
    async fn current_announcement(&self, now: i64) -> StoreResult<Option<AnnouncementRecord>>;
    /// The last 50 announcements, newest first.
    async fn announcements(&self) -> StoreResult<Vec<AnnouncementRecord>>;
    /// Ends an announcement at `now`: the record as it was, if it was still shown.
    async fn end_announcement(&self, id: &str, now: i64)
        -> StoreResult<Option<AnnouncementRecord>>;
}
