//! A login's first message, wherever it comes from (the everyday login or a hidden part's): the
//! name typed, the attempt counted per name and globally (priced by a proof of work past the
//! global budget), and the OPAQUE answer remembered until the finish.

use pde_api::pseudonym::Pseudonym;
use pde_api::wallet_number::{looks_like_wallet_number, WalletNumber};
use pde_api::{ErrorCode, LoginProof, LoginStartResponse};
use pde_crypto::names::NameKeys;
use pde_crypto::opaque::{self, KsfParams, PasswordFile};
use pde_crypto::proof::bits_for_load;

use super::blocking;
use crate::error::ApiError;
use crate::ids::WalletId;
use crate::state::AppState;
use crate::store::{AttemptOutcome, BackoffPolicy, LoginState, StoreError, WalletRecord};

/// Seconds between the two login messages (and between a hidden slot and its use).
pub(crate) const LOGIN_TTL: i64 = 120;

/// Width of a global failure bucket, in seconds.
const BUCKET_SECONDS: i64 = 60;

/// First back-off delay once the free attempts are used.
const FIRST_DELAY_SECONDS: i64 = 5;

/// What a person typed to name their wallet, in canonical form.
pub(crate) enum LoginName {
    Number(WalletNumber),
    Pseudonym(Pseudonym),
    /// Neither: answered like an unknown wallet.
    Invalid(String),
}

impl LoginName {
    pub(crate) fn parse(input: &str) -> Self {
        if looks_like_wallet_number(input) {
            if let Ok(number) = input.parse() {
                return Self::Number(number);
            }
        } else if let Ok(pseudonym) = Pseudonym::parse(input) {
            return Self::Pseudonym(pseudonym);
        }
        Self::Invalid(input.trim().to_uppercase())
    }

    pub(crate) fn canonical(&self) -> String {
        match self {
            Self::Number(n) => format!("number:{n}"),
            Self::Pseudonym(p) => format!("pseudonym:{p}"),
            Self::Invalid(s) => format!("invalid:{s}"),
        }
    }

    /// Key of a counter (`purpose`) for this name: an HMAC under a secret kept with the server
    /// setup, so the database keeps nothing a guess could be checked against. Texts that are
    /// neither a number nor a pseudonym share one counter: nothing is kept per text.
    fn counter_key(&self, keys: &NameKeys, purpose: &str) -> Vec<u8> {
        match self {
            Self::Invalid(_) => keys.key(purpose, "invalid"),
            _ => keys.key(purpose, &self.canonical()),
        }
    }

    /// Key of the login attempt counter.
    pub(crate) fn throttle_key(&self, keys: &NameKeys) -> Vec<u8> {
        self.counter_key(keys, "login")
    }

    /// Key of the counter of recovery attempts.
    pub(crate) fn recovery_throttle_key(&self, keys: &NameKeys) -> Vec<u8> {
        self.counter_key(keys, "recovery")
    }

    /// Key of the counter of attempts on hidden parts.
    pub(crate) fn hidden_throttle_key(&self, keys: &NameKeys) -> Vec<u8> {
        self.counter_key(keys, "hidden")
    }
}

pub(crate) async fn find_wallet(
    state: &AppState,
    name: &LoginName,
) -> Result<Option<WalletRecord>, ApiError> {
    Ok(match name {
        LoginName::Number(number) => state.store.wallet_by_number(number).await?,
        LoginName::Pseudonym(pseudonym) => {
            state.store.wallet_by_pseudonym(pseudonym.as_str()).await?
        }
        LoginName::Invalid(_) => None,
    })
}

/// Counts an attempt for `name` (per name and globally), refusing with 429 while backing off.
/// Returns the counter's key and the global bucket, to clear them after a verified proof.
pub(crate) async fn count_attempt(
    state: &AppState,
    name: &LoginName,
    proof: Option<&LoginProof>,
    now: i64,
) -> Result<(Vec<u8>, i64), ApiError> {
    count_attempt_on(state, name.throttle_key(&state.name_keys), proof, now).await
}

/// Counts an attempt on a given counter (hidden parts have their own, for every name) and in
/// the global budget (unfinished logins over all wallets in the last hour), each as one atomic
/// check-and-count; refused by either, nothing stays counted.
///
/// Past the global budget a login is priced, not refused: it must carry a solved challenge
/// (`proof`), whose cost rises with the load. A refusal would let anyone who floods the server
/// keep every holder out. The price is asked before the name is looked at, so it is the same
/// for every name, known or not.
pub(crate) async fn count_attempt_on(
    state: &AppState,
    throttle_key: Vec<u8>,
    proof: Option<&LoginProof>,
    now: i64,
) -> Result<(Vec<u8>, i64), ApiError> {
    let bucket = now / BUCKET_SECONDS;
    let window = 3600 / BUCKET_SECONDS;
    let budget = state.settings.global_login_failures_per_hour;
    if !state
        .store
        .count_global_login_failure(bucket, bucket - window, budget)
        .await?
    {
        let (unfinished, _) = state.store.global_login_failures(bucket - window).await?;
        pay_with_proof(state, proof, bits_for_load(unfinished, budget), now).await?;
        // Counted all the same, so that the price follows the load.
        state.store.add_global_login_failures(bucket, 1).await?;
    }
    let policy = BackoffPolicy {
        free_attempts: state.settings.login_free_attempts,
        first_delay: FIRST_DELAY_SECONDS,
        max_delay: state.settings.login_max_backoff_seconds,
    };
    if let AttemptOutcome::BlockedUntil(until) = state
        .store
        .count_login_attempt(&throttle_key, now, policy)
        .await?
    {
        state.store.add_global_login_failures(bucket, -1).await?;
        return Err(ApiError::TooManyAttempts {
            retry_after: (until - now).max(1) as u64,
        });
    }
    Ok((throttle_key, bucket))
}

/// Accepts a solved, unexpired challenge of this deployment that was not used before; anything
/// else is answered with a new challenge of `bits`.
pub(crate) async fn pay_with_proof(
    state: &AppState,
    proof: Option<&LoginProof>,
    bits: u8,
    now: i64,
) -> Result<(), ApiError> {
    if spend_proof(state, proof, bits, now).await? {
        return Ok(());
    }
    Err(ApiError::ProofOfWorkRequired {
        challenge: new_challenge(state, bits, now),
        bits,
    })
}

/// Whether `proof` is a solved, unexpired challenge of this deployment, asking at least `bits`
/// (the price now: challenges gathered while the load was lower pay no higher one), not used
/// before (it is used now).
pub(crate) async fn spend_proof(
    state: &AppState,
    proof: Option<&LoginProof>,
    bits: u8,
    now: i64,
) -> Result<bool, StoreError> {
    let Some(proof) = proof else {
        return Ok(false);
    };
    let Ok(checked) = state.proof_key.check(&proof.challenge.0, proof.nonce, now) else {
        return Ok(false);
    };
    if checked.bits < bits {
        return Ok(false);
    }
    state
        .store
        .spend_login_proof(&checked.spent_id, checked.expires_at)
        .await
}

/// A fresh challenge of `bits`, to answer within a login's time.
pub(crate) fn new_challenge(state: &AppState, bits: u8, now: i64) -> Vec<u8> {
    state.proof_key.challenge(bits, now + LOGIN_TTL)
}

/// What a login start counted, to undo once the login is verified.
pub(crate) struct Counted {
    /// The counter the attempt was counted on (cleared).
    pub throttle_key: Vec<u8>,
    /// Its global bucket (one unit given back).
    pub bucket: i64,
    /// Another attempt made for this login (given back): see [`LoginState::give_back`].
    pub give_back: Option<(Vec<u8>, i64)>,
}

pub(crate) fn invalid_login_message() -> ApiError {
    ApiError::refused(
        ErrorCode::InvalidLoginMessage,
        "The login message is not valid.",
    )
}

/// What a login's first message is answered against: a stored credential, or the dummy one.
pub(crate) struct Credential {
    wallet_id: Option<WalletId>,
    password_file: Option<PasswordFile>,
    credential_id: Vec<u8>,
    ksf: KsfParams,
}

impl Credential {
    /// The credential of a wallet (or of a hidden part).
    pub(crate) fn of(wallet: &WalletRecord) -> Result<Self, ApiError> {
        Ok(Self {
            wallet_id: Some(wallet.id.clone()),
            password_file: Some(
                PasswordFile::from_bytes(&wallet.password_file).map_err(ApiError::internal)?,
            ),
            credential_id: wallet.id.as_str().as_bytes().to_vec(),
            ksf: serde_json::from_str(&wallet.ksf).map_err(ApiError::internal)?,
        })
    }

    /// opaque-ke's dummy answer, fixed by `credential_id`, for a name or slot that has none.
    pub(crate) fn dummy(credential_id: Vec<u8>, ksf: KsfParams) -> Self {
        Self {
            wallet_id: None,
            password_file: None,
            credential_id,
            ksf,
        }
    }
}

/// Answers a login's first message and remembers the login (for any replica) until its finish,
/// with what it counted, undone by a verified finish.
pub(crate) async fn answer_login_start(
    state: &AppState,
    credential: Credential,
    message: Vec<u8>,
    counted: Counted,
    now: i64,
) -> Result<LoginStartResponse, ApiError> {
    let setup = state.opaque.clone();
    let Credential {
        wallet_id,
        password_file,
        credential_id,
        ksf,
    } = credential;
    let (server_state, response) = blocking(move || {
        opaque::server_login_start(&setup, password_file.as_ref(), &message, &credential_id)
    })
    .await?
    .map_err(|_| invalid_login_message())?;
    let id = pde_api::LoginId::random();
    let login = LoginState {
        state: server_state.seal(&state.opaque, id.as_str()),
        id,
        wallet_id,
        throttle_key: counted.throttle_key,
        bucket: counted.bucket,
        give_back: counted.give_back,
        expires_at: now + LOGIN_TTL,
    };
    state.store.put_login_state(&login).await?;
    Ok(LoginStartResponse {
        login_id: login.id,
        credential_response: response.into(),
        ksf,
    })
}
