//! The one error type of the API: an explicit status and a stable code per variant, a plain message
//! for the client, and the cause (logged, never sent).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use pde_api::ErrorCode;
use pde_api::{ErrorBody, ErrorDetail, ProofOfWork};

/// Everything a handler can answer besides success.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Refused for the reason `code` names (its HTTP status is the code's: see
    /// [`ErrorCode::status`]): a malformed request, a conflicting state, something too large
    /// or gone, storage full…
    #[error("refused: {code}")]
    Refused {
        /// Stable code.
        code: ErrorCode,
        /// Plain message.
        message: String,
    },
    /// No valid session.
    #[error("not signed in")]
    NotSignedIn,
    /// Wrong wallet or wrong secret: the two are never told apart.
    #[error("login failed")]
    LoginFailed,
    /// Creating wallets needs an invitation, and the code given is missing or used up.
    #[error("invitation required")]
    InvitationRequired,
    /// Nothing there, or not this wallet's.
    #[error("not found")]
    NotFound,
    /// No route.
    #[error("no such route")]
    NoRoute,
    /// The route exists, not with this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A wrong PIN for a grant (counted).
    #[error("wrong pin")]
    WrongPin {
        /// Tries left before the grant is burned.
        tries_left: i64,
    },
    /// The wallet is time-locked (said only after a verified secret).
    #[error("wallet time-locked")]
    TimeLocked {
        /// Unix seconds.
        until: i64,
    },
    /// The hourly limit of new wallets on this server is reached.
    #[error("wallet creation limit reached")]
    CreationBusy {
        /// Seconds until a new wallet can be made.
        retry_after: u64,
    },
    /// The server took as many feedbacks as it takes in an hour.
    #[error("feedback budget reached")]
    FeedbackBusy {
        /// Seconds until a feedback is taken again.
        retry_after: u64,
    },
    /// The hourly budget of logins is used up: the same request again, with this challenge
    /// solved (see `pde_crypto::proof`).
    #[error("proof of work required")]
    ProofOfWorkRequired {
        /// The challenge.
        challenge: Vec<u8>,
        /// Zero bits it asks.
        bits: u8,
    },
    /// Back-off: try again after this many seconds.
    #[error("too many attempts")]
    TooManyAttempts {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// Unexpected: logged with its cause, answered as 500 without details.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// Refused for the reason `code` names, told in `message`.
    pub fn refused(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Refused {
            code,
            message: message.into(),
        }
    }

    /// Wraps an unexpected failure; its text is logged, never sent.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    /// The code and the message a person reads (the status follows from the code).
    fn parts(&self) -> (ErrorCode, String) {
        match self {
            Self::Refused { code, message } => (*code, message.clone()),
            Self::NotSignedIn => (
                ErrorCode::NotSignedIn,
                "Your session has ended. Open your wallet again.".into(),
            ),
            Self::LoginFailed => (
                ErrorCode::LoginFailed,
                "Wrong wallet number or wrong secret.".into(),
            ),
            Self::InvitationRequired => (
                ErrorCode::InvitationRequired,
                "Creating a wallet here needs a valid invitation code.".into(),
            ),
            Self::NotFound => (
                ErrorCode::NotFound,
                "Nothing was found here.".into(),
            ),
            Self::NoRoute => (
                ErrorCode::NoSuchRoute,
                "This address does not exist.".into(),
            ),
            Self::MethodNotAllowed => (
                ErrorCode::MethodNotAllowed,
                "This address does not accept this kind of request.".into(),
            ),
            Self::WrongPin { tries_left } => (
                ErrorCode::WrongPin,
                format!("Wrong PIN. {tries_left} tries left."),
            ),
            Self::TimeLocked { .. } => (
                ErrorCode::WalletTimeLocked,
                "This wallet is locked until the time its holder chose. Nobody can open it before then.".into(),
            ),
            Self::CreationBusy { retry_after } => (
                ErrorCode::CreationBusy,
                format!(
                    "Many wallets were made on this server in the last hour. Try again in {} minutes.",
                    retry_after.div_ceil(60)
                ),
            ),
            Self::FeedbackBusy { retry_after } => (
                ErrorCode::FeedbackBusy,
                format!(
                    "Many opinions arrived in the last hour. Try again in {} minutes.",
                    retry_after.div_ceil(60)
                ),
            ),
            Self::ProofOfWorkRequired { .. } => (
                ErrorCode::ProofOfWorkRequired,
                "This server asks your device to solve a small puzzle first (a few seconds), \
                 then the same request goes again."
                    .into(),
            ),
            Self::TooManyAttempts { retry_after } => (
                ErrorCode::TooManyAttempts,
                format!("Too many attempts. Wait {retry_after} seconds, then try again."),
            ),
            Self::Internal(_) => (
                ErrorCode::InternalError,
                "Something went wrong on the server. Nothing was changed; try again.".into(),
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(%cause, "internal error");
        }
        let (code, message) = self.parts();
        let status =
            StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let retry_after = match &self {
            Self::TooManyAttempts { retry_after }
            | Self::CreationBusy { retry_after }
            | Self::FeedbackBusy { retry_after } => Some(*retry_after),
            _ => None,
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code,
                message,
                retry_after_seconds: retry_after,
                tries_left: match &self {
                    Self::WrongPin { tries_left } => u32::try_from(*tries_left).ok(),
                    _ => None,
                },
                locked_until: match &self {
                    Self::TimeLocked { until } => Some(*until),
                    _ => None,
                },
                proof_of_work: match self {
                    Self::ProofOfWorkRequired { challenge, bits } => Some(ProofOfWork {
                        challenge: challenge.into(),
                        bits,
                    }),
                    _ => None,
                },
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(value: crate::store::StoreError) -> Self {
        Self::internal(value)
    }
}

impl From<crate::blobs::BlobError> for ApiError {
    fn from(value: crate::blobs::BlobError) -> Self {
        Self::internal(value)
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> Self {
        use axum::extract::rejection::JsonRejection;
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return Self::refused(ErrorCode::BodyTooLarge, "The request is too large.");
        }
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Self::refused(
                ErrorCode::ExpectedJson,
                "The request must be JSON (Content-Type: application/json).",
            ),
            JsonRejection::JsonSyntaxError(_) => {
                Self::refused(ErrorCode::MalformedJson, "The request is not valid JSON.")
            }
            JsonRejection::JsonDataError(err) => Self::refused(
                ErrorCode::InvalidFields,
                format!(
                    "The request's fields are not as expected: {}",
                    err.body_text()
                ),
            ),
            other => Self::refused(ErrorCode::MalformedRequest, other.body_text()),
        }
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> Self {
        Self::refused(
            ErrorCode::MalformedRequest,
            format!("This address is not valid: {}", rejection.body_text()),
        )
    }
}

/// `Path` whose rejections are [`ApiError`]s (a part number that is not a number, say).
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// `Json` whose rejections are [`ApiError`]s, so every failure has the same JSON shape.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}
