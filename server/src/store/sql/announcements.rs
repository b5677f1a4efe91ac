//! The `AnnouncementStore` statements both backends share (see `super`).

/// The columns of an [`crate::store::announcements::AnnouncementRecord`].
macro_rules! announcement_columns {
    () => {
        "id, text_fr, text_nl, text_en, text_ar, starts_at, ends_at, created_by"
    };
}
pub(in crate::store) use announcement_columns;

/// Implements [`crate::store::announcements::AnnouncementStore`] for a store type of
/// `impl_store!`.
macro_rules! impl_announcements {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::announcements::AnnouncementStore for $store {
            async fn post_announcement(
                &self,
                a: &$crate::store::announcements::AnnouncementRecord,
            ) -> $crate::store::StoreResult<()> {
                // Writes first (a SQLite transaction that reads first can't become a writer).
                let mut tx = self.pool.begin().await?;
                sqlx::query("UPDATE announcements SET ends_at = $1 WHERE ends_at > $1")
                    .bind(a.starts_at)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(concat!(
                    "INSERT INTO announcements (",
                    $crate::store::sql::announcements::announcement_columns!(),
                    ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                ))
                .bind(&a.id)
                .bind(&a.text_fr)
                .bind(&a.text_nl)
                .bind(&a.text_en)
                .bind(&a.text_ar)
                .bind(a.starts_at)
                .bind(a.ends_at)
                .bind(&a.created_by)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn current_announcement(
                &self,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::announcements::AnnouncementRecord>>
            {
                Ok(sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::store::sql::announcements::announcement_columns!(),
                    " FROM announcements WHERE starts_at <= $1 AND ends_at > $1 \
                     ORDER BY starts_at DESC LIMIT 1"
                ))
                .bind(now)
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn announcements(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::announcements::AnnouncementRecord>>
            {
                Ok(sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::store::sql::announcements::announcement_columns!(),
                    " FROM announcements ORDER BY starts_at DESC, id LIMIT 50"
                ))
                .fetch_all(&self.pool)
                .await?)
            }

            async fn end_announcement(
                &self,
                id: &str,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::announcements::AnnouncementRecord>>
            {
                Ok(sqlx::query_as(concat!(
                    "UPDATE announcements SET ends_at = $2 WHERE id = $1 AND ends_at > $2 \
                     RETURNING ",
                    $crate::store::sql::announcements::announcement_columns!()
                ))
                .bind(id)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?)
            }
        }
    };
}
pub(in crate::store) use impl_announcements;
