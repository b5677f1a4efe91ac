//! The `StatisticsStore` statements both backends share (see `super`), and the two statements
//! the other aggregates run inside their own transactions to count an event.

/// Adds `$4` to the counter of event `$1` in the period starting at `$2`, for the partner kept
/// on the wallet `$3` (its everyday wallet's, `''` when none): for the caller's transaction.
macro_rules! count_for_wallet {
    () => {
        "INSERT INTO stat_counters (event, period_start, partner_id, count) \
         SELECT $1, $2, COALESCE(w.partner_id, ''), $4 FROM wallets w \
         WHERE w.id = (SELECT COALESCE(hidden_of, id) FROM wallets WHERE id = $3) \
         ON CONFLICT (event, period_start, partner_id) \
         DO UPDATE SET count = stat_counters.count + excluded.count"
    };
}
pub(in crate::store) use count_for_wallet;

/// Adds `$4` to the counter of event `$1` in the period starting at `$2` for the partner `$3`.
macro_rules! count_for_partner {
    () => {
        "INSERT INTO stat_counters (event, period_start, partner_id, count) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (event, period_start, partner_id) \
         DO UPDATE SET count = stat_counters.count + excluded.count"
    };
}
pub(in crate::store) use count_for_partner;

/// Implements [`crate::store::statistics::StatisticsStore`] for a store type of `impl_store!`.
macro_rules! impl_statistics {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::statistics::StatisticsStore for $store {
            async fn counters(
                &self,
            ) -> $crate::store::StoreResult<Vec<$crate::store::statistics::CounterRow>> {
                Ok(sqlx::query_as(
                    "SELECT event, period_start, partner_id, count FROM stat_counters \
                     ORDER BY period_start, event, partner_id",
                )
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}
pub(in crate::store) use impl_statistics;
