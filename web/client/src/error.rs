//! What can go wrong for a client.

use pde_api::{ErrorCode, ProofOfWork};
use pde_crypto::CryptoError;

/// What can go wrong for a client.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error body.
    #[error("{status}: {code}: {message}")]
    Api {
        /// HTTP status.
        status: u16,
        /// Stable error code.
        code: ErrorCode,
        /// The server's message (for logs; people see the code translated).
        message: String,
        /// Seconds to wait, for back-off.
        retry_after: Option<u64>,
        /// Until when the wallet is time-locked, with [`ErrorCode::WalletTimeLocked`].
        locked_until: Option<i64>,
        /// The challenge to solve, past the hourly budget of logins.
        proof_of_work: Option<ProofOfWork>,
        /// Tries left, after a grant's wrong PIN.
        tries_left: Option<u32>,
    },
    /// The request did not complete: nothing reached the server, or we can't know.
    #[error("network: {0}")]
    Network(String),
    /// Cryptography refused (wrong secret, tampered data…).
    #[error("crypto: {0}")]
    Crypto(#[from] CryptoError),
    /// The chosen secret breaks the passphrase policy.
    #[error("secret refused: {0}")]
    WeakSecret(#[from] pde_api::passphrase::PassphraseProblem),
    /// The chosen secret already opens a part of the wallet: another must be chosen.
    #[error("this secret can't be used; choose another")]
    SecretInUse,
    /// The document is larger than the server takes.
    #[error("larger than {max_bytes} bytes")]
    TooLarge {
        /// The limit.
        max_bytes: u64,
    },
    /// No wallet is open (it was locked meanwhile).
    #[error("the wallet is locked")]
    Locked,
    /// A link is not complete or not one of ours.
    #[error("not a complete link")]
    BadLink,
    /// The server answered something unexpected.
    #[error("protocol: {0}")]
    Protocol(String),
}

impl ClientError {
    /// The HTTP status of an API error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The stable code of an API error.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Api { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// Seconds to wait before trying again, when the server said.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::Api { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

/// Result of client steps.
pub type ClientResult<T> = Result<T, ClientError>;
