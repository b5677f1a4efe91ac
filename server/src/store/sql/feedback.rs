//! The `FeedbackStore` statements both backends share (see `super`).

/// Implements [`crate::store::feedback::FeedbackStore`] for a store type of `impl_store!`.
macro_rules! impl_feedback {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::feedback::FeedbackStore for $store {
            async fn count_feedback(
                &self,
                bucket: i64,
                since_bucket: i64,
                limit: i64,
            ) -> $crate::store::StoreResult<bool> {
                let window = &$crate::store::sql::FEEDBACK_WINDOW;
                Ok(count_in_window(&self.pool, window, bucket, since_bucket, limit).await?)
            }

            async fn feedback_counted(
                &self,
                since_bucket: i64,
            ) -> $crate::store::StoreResult<(i64, Option<i64>)> {
                let window = &$crate::store::sql::FEEDBACK_WINDOW;
                Ok(window_sum(&self.pool, window, since_bucket).await?)
            }

            async fn add_feedback(
                &self,
                f: &$crate::store::feedback::FeedbackRecord,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO feedback (id, day, face, comment, language, origin, tags, closed) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&f.id)
                .bind(f.day)
                .bind(&f.face)
                .bind(&f.comment)
                .bind(&f.language)
                .bind(&f.origin)
                .bind(&f.tags)
                .bind(f.closed)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn feedback(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::feedback::FeedbackRecord>> {
                Ok(sqlx::query_as(
                    "SELECT id, day, face, comment, language, origin, tags, closed FROM feedback \
                     ORDER BY day DESC, id",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn update_feedback(
                &self,
                id: &str,
                tags: &str,
                closed: bool,
            ) -> $crate::store::StoreResult<bool> {
                let updated = sqlx::query("UPDATE feedback SET tags = $2, closed = $3 WHERE id = $1")
                    .bind(id)
                    .bind(tags)
                    .bind(i64::from(closed))
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                Ok(updated == 1)
            }

            async fn delete_feedback_before(&self, day: i64) -> $crate::store::StoreResult<u64> {
                Ok(sqlx::query("DELETE FROM feedback WHERE day < $1")
                    .bind(day)
                    .execute(&self.pool)
                    .await?
                    .rows_affected())
            }

            async fn add_change(
                &self,
                c: &$crate::store::feedback::ChangeRecord,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO changes_published (id, day, text_fr, text_nl, text_en, text_ar) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(&c.id)
                .bind(c.day)
                .bind(&c.text_fr)
                .bind(&c.text_nl)
                .bind(&c.text_en)
                .bind(&c.text_ar)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn changes(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::feedback::ChangeRecord>> {
                Ok(sqlx::query_as(
                    "SELECT id, day, text_fr, text_nl, text_en, text_ar FROM changes_published \
                     ORDER BY day DESC, id",
                )
                .fetch_all(&self.pool)
                .await?)
            }

            async fn remove_change(&self, id: &str) -> $crate::store::StoreResult<bool> {
                let removed = sqlx::query("DELETE FROM changes_published WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                Ok(removed == 1)
            }
        }
    };
}
pub(in crate::store) use impl_feedback;
