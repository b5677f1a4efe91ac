//! Invitations by partner: the operator's list of partners and the batches of codes the console
//! prints as slips. A batch counts the wallets its codes made; nothing links a code to a wallet
//! or keeps when a code was used.

use async_trait::async_trait;

use super::StoreResult;
use crate::ids::WalletId;

/// A partner (a day centre, a service) of the operator's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerRecord {
    /// Random hex id.
    pub id: String,
    /// Its name.
    pub label: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// A batch to store, with its codes' hashes.
#[derive(Clone, Debug)]
pub struct NewBatchRecord {
    /// Random hex id.
    pub id: String,
    /// Its partner.
    pub partner_id: String,
    /// The administrator's name.
    pub created_by: String,
    /// Wallets each code may make.
    pub uses_per_code: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// The codes work until then.
    pub expires_at: i64,
    /// The codes' hashes (`invite_hash`).
    pub code_hashes: Vec<Vec<u8>>,
}

/// A batch as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct BatchRecord {
    /// Its id.
    pub id: String,
    /// Its partner's name.
    pub partner: String,
    /// The administrator's name.
    pub created_by: String,
    /// How many codes.
    pub codes: i64,
    /// Wallets each code may make.
    pub uses_per_code: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub expires_at: i64,
    /// Unix seconds, when revoked.
    pub revoked_at: Option<i64>,
    /// Wallets its codes made.
    pub wallets_created: i64,
    /// Start of the last ISO week a code of it made a wallet (0: none since the figure is
    /// kept by week).
    pub last_use_week: i64,
    /// Wallets its codes made before that week.
    pub created_before_week: i64,
}

impl BatchRecord {
    /// The wallets its codes made before the ISO week starting at `week_start` (the week in
    /// course): the figure the console shows, which changes at most once a week.
    pub fn created_before(&self, week_start: i64) -> i64 {
        if self.last_use_week < week_start {
            self.wallets_created
        } else {
            self.created_before_week
        }
    }
}

/// Partners and invitation batches.
#[async_trait]
pub trait InvitationStore: Send + Sync {
    /// Adds a partner; `false` if one has this name already.
    async fn add_partner(&self, partner: PartnerRecord) -> StoreResult<bool>;
    /// The partners, by name.
    async fn partners(&self) -> StoreResult<Vec<PartnerRecord>>;
    /// Stores a batch and its codes in one transaction; `false` if the partner is unknown.
    async fn create_batch(&self, batch: NewBatchRecord) -> StoreResult<bool>;
    /// The batches, newest first.
    async fn batches(&self) -> StoreResult<Vec<BatchRecord>>;
    /// Revokes a batch at `now`: its codes make no more wallets. The batch as it was, if it
    /// existed and was not revoked yet.
    async fn revoke_batch(&self, id: &str, now: i64) -> StoreResult<Option<BatchRecord>>;
    /// The name of the partner kept on a wallet (only with `--keep-partner-on-wallet`).
    async fn wallet_partner(&self, wallet_id: &WalletId) -> StoreResult<Option<String>>;
}
