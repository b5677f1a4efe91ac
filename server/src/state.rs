//! What every handler shares.

use std::sync::Arc;

use pde_crypto::opaque::{KsfParams, ServerSetup};

use crate::blobs::Blobs;
use crate::clock::Clock;
use crate::settings::Settings;
use crate::store::Store;

/// Shared state, cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

/// The parts of [`AppState`].
pub struct Inner {
    /// Configuration.
    pub(crate) settings: Settings,
    /// Database.
    pub(crate) store: Arc<dyn Store>,
    /// Ciphertext blobs.
    pub(crate) blobs: Blobs,
    /// OPAQUE server setup (OPRF seed): a secret, loaded from the secrets directory.
    pub(crate) opaque: Arc<ServerSetup>,
    /// Seed of the hidden parts' slot keys (derived from the server setup).
    pub(crate) slot_seed: Arc<pde_crypto::hidden::SlotSeed>,
    /// Keys of the per-name attempt counters (derived from the server setup).
    pub(crate) name_keys: Arc<pde_crypto::names::NameKeys>,
    /// Key of the proof-of-work challenges (derived from the server setup).
    pub(crate) proof_key: Arc<pde_crypto::proof::ProofKey>,
    /// Key of the erasure journal's marks (derived from the server setup).
    pub(crate) erasure_marks: Arc<pde_crypto::erasures::ErasureMarks>,
    /// Time.
    pub(crate) clock: Clock,
    /// Argon2 parameters of new wallets.
    pub(crate) default_ksf: KsfParams,
    /// A wallet part was erased here since the last sweep (which then reclaims the space).
    pub(crate) erased_since_sweep: std::sync::atomic::AtomicBool,
    /// The last readiness verdict (`service::health`).
    pub(crate) readiness: tokio::sync::Mutex<crate::service::health::LastVerdict>,
    /// The administration console's origin and passkey verifier (with `--admin-listen`).
    pub(crate) admin: Option<Arc<crate::admin::AdminConsole>>,
}

impl AppState {
    /// Bundles the parts.
    pub(crate) fn new(inner: Inner) -> Self {
        Self(Arc::new(inner))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
