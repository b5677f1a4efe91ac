//! The `SessionStore` statements both backends share (see `super`).

/// Implements [`crate::store::SessionStore`] for a store type of `impl_store!`.
macro_rules! impl_sessions {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::SessionStore for $store {
            async fn count_login_attempt(
                &self,
                key: &[u8],
                now: i64,
                policy: $crate::store::BackoffPolicy,
            ) -> $crate::store::StoreResult<$crate::store::AttemptOutcome> {
                sqlx::query(
                    "INSERT INTO login_throttle (key, failures, blocked_until, updated_at) VALUES ($1, 0, 0, $2) \
                     ON CONFLICT (key) DO NOTHING",
                )
                .bind(key)
                .bind(now)
                .execute(&self.pool)
                .await?;
                // One statement counts the attempt and sets the next back-off, so two concurrent
                // starts can't both slip through on a stale count.
                let counted: Option<(i64,)> = sqlx::query_as(
                    "UPDATE login_throttle SET failures = failures + 1, updated_at = $2, blocked_until = $2 + CASE \
                       WHEN failures + 1 < $3 THEN 0 \
                       WHEN failures + 1 - $3 > 30 THEN $5 \
                       WHEN (CAST($4 AS BIGINT) << CAST(failures + 1 - $3 AS INTEGER)) >= $5 THEN $5 \
                       ELSE (CAST($4 AS BIGINT) << CAST(failures + 1 - $3 AS INTEGER)) END \
                     WHERE key = $1 AND blocked_until <= $2 RETURNING failures",
                )
                .bind(key)
                .bind(now)
                .bind(policy.free_attempts)
                .bind(policy.first_delay)
                .bind(policy.max_delay)
                .fetch_optional(&self.pool)
                .await?;
                if counted.is_some() {
                    return Ok($crate::store::AttemptOutcome::Allowed);
                }
                let (blocked_until,): (i64,) =
                    sqlx::query_as("SELECT blocked_until FROM login_throttle WHERE key = $1")
                        .bind(key)
                        .fetch_one(&self.pool)
                        .await?;
                Ok($crate::store::AttemptOutcome::BlockedUntil(blocked_until))
            }

            async fn clear_login_attempts(&self, key: &[u8]) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM login_throttle WHERE key = $1")
                    .bind(key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn give_back_login_attempt(&self, key: &[u8]) -> $crate::store::StoreResult<()> {
                sqlx::query("UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0")
                    .bind(key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn add_global_login_failures(&self, bucket: i64, delta: i64) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO login_global (bucket, failures) VALUES ($1, $2) \
                     ON CONFLICT (bucket) DO UPDATE SET failures = login_global.failures + $2",
                )
                .bind(bucket)
                .bind(delta)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn count_global_login_failure(
                &self,
                bucket: i64,
                since_bucket: i64,
                limit: i64,
            ) -> $crate::store::StoreResult<bool> {
                let window = &$crate::store::sql::LOGIN_WINDOW;
                Ok(count_in_window(&self.pool, window, bucket, since_bucket, limit).await?)
            }

            async fn global_login_failures(
                &self,
                since_bucket: i64,
            ) -> $crate::store::StoreResult<(i64, Option<i64>)> {
                let window = &$crate::store::sql::LOGIN_WINDOW;
                Ok(window_sum(&self.pool, window, since_bucket).await?)
            }

            async fn put_login_state(&self, s: &$crate::store::LoginState) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO login_states (id, wallet_id, state, throttle_key, bucket, expires_at, give_back_key, give_back_bucket) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(s.id.as_str())
                .bind(s.wallet_id.as_ref().map(|w| w.as_str().to_owned()))
                .bind(&s.state)
                .bind(&s.throttle_key)
                .bind(s.bucket)
                .bind(s.expires_at)
                .bind(s.give_back.as_ref().map(|g| g.0.clone()))
                .bind(s.give_back.as_ref().map(|g| g.1))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn take_login_state(
                &self,
                id: &pde_api::ids::LoginId,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::LoginState>> {
                let row: Option<$crate::store::sql::LoginStateRow> = sqlx::query_as(
                    "DELETE FROM login_states WHERE id = $1 \
                     RETURNING id, wallet_id, state, throttle_key, bucket, expires_at, give_back_key, give_back_bucket",
                )
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.filter(|r| r.expires_at > now).map(|r| {
                    $crate::store::LoginState {
                        id: r.id,
                        wallet_id: r.wallet_id.map($crate::ids::WalletId::from_stored),
                        state: r.state,
                        throttle_key: r.throttle_key,
                        bucket: r.bucket,
                        give_back: r.give_back_key.zip(r.give_back_bucket),
                        expires_at: r.expires_at,
                    }
                }))
            }

            async fn create_session(
                &self,
                token_hash: &[u8],
                wallet_id: &$crate::ids::WalletId,
                now: i64,
            ) -> $crate::store::StoreResult<bool> {
                let mut tx = self.pool.begin().await?;
                // Refused while the wallet, or the everyday wallet of a hidden part, is locked.
                let inserted = sqlx::query(
                    "INSERT INTO sessions (token_hash, wallet_id, created_at, last_seen_at) \
                     SELECT $1, w.id, $3, $3 FROM wallets w LEFT JOIN wallets p ON p.id = w.hidden_of \
                     WHERE w.id = $2 AND (w.locked_until IS NULL OR w.locked_until <= $3) \
                     AND (p.locked_until IS NULL OR p.locked_until <= $3)",
                )
                .bind(token_hash)
                .bind(wallet_id.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if inserted.rows_affected() != 1 {
                    return Ok(false);
                }
                // The first unlock of the week and of the month, whichever part: the everyday
                // wallet keeps the last week and month it was counted in.
                use $crate::store::statistics::event;
                for (first_of_period, counted, period) in [
                    (
                        "UPDATE wallets SET stat_week = $2 \
                         WHERE id = (SELECT COALESCE(hidden_of, id) FROM wallets WHERE id = $1) \
                         AND (stat_week IS NULL OR stat_week < $2)",
                        event::ACTIVE_WEEK,
                        $crate::clock::iso_week_start(now),
                    ),
                    (
                        "UPDATE wallets SET stat_month = $2 \
                         WHERE id = (SELECT COALESCE(hidden_of, id) FROM wallets WHERE id = $1) \
                         AND (stat_month IS NULL OR stat_month < $2)",
                        event::ACTIVE_MONTH,
                        $crate::clock::month_start(now),
                    ),
                ] {
                    let first = sqlx::query(first_of_period)
                        .bind(wallet_id.as_str())
                        .bind(period)
                        .execute(&mut *tx)
                        .await?;
                    if first.rows_affected() == 1 {
                        count_wallet_event(&mut tx, counted, period, wallet_id.as_str()).await?;
                    }
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn time_locked_until(
                &self,
                wallet_id: &$crate::ids::WalletId,
                now: i64,
            ) -> $crate::store::StoreResult<Option<i64>> {
                // The lock is kept on the everyday wallet and covers its hidden parts.
                let row: Option<(i64,)> = sqlx::query_as(
                    "SELECT r.locked_until FROM wallets w JOIN wallets r ON r.id = COALESCE(w.hidden_of, w.id) \
                     WHERE w.id = $1 AND r.locked_until > $2",
                )
                .bind(wallet_id.as_str())
                .bind(now)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| r.0))
            }

            async fn spend_login_proof(
                &self,
                id: &[u8],
                expires_at: i64,
            ) -> $crate::store::StoreResult<bool> {
                let inserted = sqlx::query(
                    "INSERT INTO login_proofs_spent (id, expires_at) VALUES ($1, $2) \
                     ON CONFLICT (id) DO NOTHING",
                )
                .bind(id)
                .bind(expires_at)
                .execute(&self.pool)
                .await?
                .rows_affected();
                Ok(inserted == 1)
            }

            async fn put_hidden_attempt(
                &self,
                a: &$crate::store::HiddenAttempt,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO hidden_attempts (id, wallet_id, throttle_key, bucket, expires_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(a.id.as_str())
                .bind(a.wallet_id.as_ref().map(|w| w.as_str().to_owned()))
                .bind(&a.throttle_key)
                .bind(a.bucket)
                .bind(a.expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn take_hidden_attempt(
                &self,
                id: &pde_api::ids::AttemptId,
                now: i64,
            ) -> $crate::store::StoreResult<Option<$crate::store::HiddenAttempt>> {
                // DELETE … RETURNING: of two requests racing with one id, only one gets the row.
                let row: Option<$crate::store::sql::HiddenAttemptRow> = sqlx::query_as(
                    "DELETE FROM hidden_attempts WHERE id = $1 \
                     RETURNING id, wallet_id, throttle_key, bucket, expires_at",
                )
                .bind(id.as_str())
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.filter(|r| r.expires_at > now).map(|r| $crate::store::HiddenAttempt {
                    id: r.id,
                    wallet_id: r.wallet_id.map($crate::ids::WalletId::from_stored),
                    throttle_key: r.throttle_key,
                    bucket: r.bucket,
                    expires_at: r.expires_at,
                }))
            }

            async fn time_lock(
                &self,
                wallet_id: &$crate::ids::WalletId,
                until: i64,
            ) -> $crate::store::StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                // The everyday wallet carries the lock; every part of it loses its sessions.
                let root: (String,) = sqlx::query_as(
                    "SELECT COALESCE(hidden_of, id) FROM wallets WHERE id = $1",
                )
                .bind(wallet_id.as_str())
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("UPDATE wallets SET locked_until = $2 WHERE id = $1")
                    .bind(&root.0)
                    .bind(until)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM sessions WHERE wallet_id IN (SELECT id FROM wallets WHERE id = $1 OR hidden_of = $1)")
                    .bind(&root.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM login_states WHERE wallet_id IN (SELECT id FROM wallets WHERE id = $1 OR hidden_of = $1)")
                    .bind(&root.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM pending_recoveries WHERE wallet_id = $1")
                    .bind(&root.0)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM pending_hidden WHERE parent_id = $1")
                    .bind(&root.0)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn touch_session(
                &self,
                token_hash: &[u8],
                now: i64,
                idle: i64,
                absolute: i64,
            ) -> $crate::store::StoreResult<Option<$crate::ids::WalletId>> {
                // A session of a time-locked wallet is refused even if one was left behind.
                let row: Option<(String,)> = sqlx::query_as(
                    "UPDATE sessions SET last_seen_at = $2 \
                     WHERE token_hash = $1 AND last_seen_at > $2 - $3 AND created_at > $2 - $4 \
                     AND NOT EXISTS (SELECT 1 FROM wallets w LEFT JOIN wallets p ON p.id = w.hidden_of \
                         WHERE w.id = sessions.wallet_id AND (w.locked_until > $2 OR p.locked_until > $2)) \
                     RETURNING wallet_id",
                )
                .bind(token_hash)
                .bind(now)
                .bind(idle)
                .bind(absolute)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|r| $crate::ids::WalletId::from_stored(r.0)))
            }

            async fn delete_session(&self, token_hash: &[u8]) -> $crate::store::StoreResult<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn end_other_sessions(
                &self,
                everyday: &$crate::ids::WalletId,
                keep: &[u8],
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(concat!(
                    "DELETE FROM sessions WHERE token_hash <> $2 AND wallet_id IN ",
                    $crate::store::sql::wallet_family!()
                ))
                .bind(everyday.as_str())
                .bind(keep)
                .execute(&self.pool)
                .await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_sessions;
