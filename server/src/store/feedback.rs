//! Feedback and the "what we changed" entries (the SQL is in `sql/feedback.rs`). A feedback row
//! has a random id and a day: nothing of who sent it, from where, or when in the day.

use async_trait::async_trait;

use super::StoreResult;

/// A feedback as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct FeedbackRecord {
    /// Random hex id.
    pub id: String,
    /// Unix seconds of the day's midnight (UTC).
    pub day: i64,
    /// `unhappy`, `neutral` or `happy`.
    pub face: String,
    /// The words, if any.
    pub comment: Option<String>,
    /// The form's language.
    pub language: String,
    /// `holder` or `worker`.
    pub origin: String,
    /// The coordinators' tags, comma-separated.
    pub tags: String,
    /// 1 once dealt with.
    pub closed: i64,
}

/// A "what we changed" entry.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ChangeRecord {
    /// Random hex id.
    pub id: String,
    /// Unix seconds of the day's midnight (UTC) it was published.
    pub day: i64,
    /// French.
    pub text_fr: String,
    /// Dutch.
    pub text_nl: String,
    /// English.
    pub text_en: String,
    /// Arabic.
    pub text_ar: String,
}

/// Feedback, its global hourly budget, and the "what we changed" entries.
#[async_trait]
pub trait FeedbackStore: Send + Sync {
    /// Counts one feedback in `bucket` if the buckets after `since_bucket` hold fewer than
    /// `limit` together, as one check-and-count. False (nothing counted) when the budget is spent.
    async fn count_feedback(&self, bucket: i64, since_bucket: i64, limit: i64)
        -> StoreResult<bool>;
    /// Feedbacks counted in buckets after `since_bucket`, and the oldest such bucket.
    async fn feedback_counted(&self, since_bucket: i64) -> StoreResult<(i64, Option<i64>)>;
    /// Keeps a feedback.
    async fn add_feedback(&self, feedback: &FeedbackRecord) -> StoreResult<()>;
    /// Every feedback kept, newest day first.
    async fn feedback(&self) -> StoreResult<Vec<FeedbackRecord>>;
    /// Sets a feedback's tags and state; `false` if there is no such feedback.
    async fn update_feedback(&self, id: &str, tags: &str, closed: bool) -> StoreResult<bool>;
    /// Deletes the feedback of days before `day`; how many.
    async fn delete_feedback_before(&self, day: i64) -> StoreResult<u64>;
    /// Publishes an entry.
    async fn add_change(&self, change: &ChangeRecord) -> StoreResult<()>;
    /// The entries, newest first.
    async fn changes(&self) -> StoreResult<Vec<ChangeRecord>>;
    /// Takes an entry down; `false` if there is no such entry.
    async fn remove_change(&self, id: &str) -> StoreResult<bool>;
}
