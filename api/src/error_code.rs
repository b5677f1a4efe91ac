//! The stable error codes of `/api/v1` (`ErrorDetail::code`). Clients translate each one;
//! `ErrorCode::ALL` lets a test check that every code has a translation in every language.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A stable, machine-readable reason for an error answer. On the wire, its `snake_case` name;
/// a name this version does not know reads as [`ErrorCode::Unknown`], so clients match on the
/// enum and never compare strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// `body_interrupted`
    BodyInterrupted,
    /// `body_too_large`
    BodyTooLarge,
    /// `document_exists`
    DocumentExists,
    /// `document_too_large`
    DocumentTooLarge,
    /// `empty_upload`
    EmptyUpload,
    /// `expected_json`
    ExpectedJson,
    /// `internal_error`
    InternalError,
    /// `invalid_fields`
    InvalidFields,
    /// `invalid_login_message`
    InvalidLoginMessage,
    /// `invalid_registration_message`
    InvalidRegistrationMessage,
    /// `invalid_tag`
    InvalidTag,
    /// `invalid_wrapped_keys`
    InvalidWrappedKeys,
    /// `invitation_required`
    InvitationRequired,
    /// `login_failed`
    LoginFailed,
    /// `malformed_json`
    MalformedJson,
    /// `malformed_request`
    MalformedRequest,
    /// `metadata_empty`
    MetadataEmpty,
    /// `metadata_too_large`
    MetadataTooLarge,
    /// `method_not_allowed`
    MethodNotAllowed,
    /// `no_such_route`
    NoSuchRoute,
    /// `not_found`
    NotFound,
    /// `not_signed_in`
    NotSignedIn,
    /// `number_taken`
    NumberTaken,
    /// `part_out_of_range`
    PartOutOfRange,
    /// `part_too_large`
    PartTooLarge,
    /// `part_wrong_size`
    PartWrongSize,
    /// `pseudonym_invalid`
    PseudonymInvalid,
    /// `pseudonym_invalid_character`
    PseudonymInvalidCharacter,
    /// `pseudonym_looks_like_number`
    PseudonymLooksLikeNumber,
    /// `pseudonym_no_letter`
    PseudonymNoLetter,
    /// `pseudonym_taken`
    PseudonymTaken,
    /// `pseudonym_too_long`
    PseudonymTooLong,
    /// `pseudonym_too_short`
    PseudonymTooShort,
    /// `quota_exceeded`
    QuotaExceeded,
    /// `registration_expired`
    RegistrationExpired,
    /// `server_full`
    ServerFull,
    /// `deposit_busy`: the link has as many documents on their way as it may have at once.
    DepositBusy,
    /// `creation_busy`
    CreationBusy,
    /// `feedback_busy`: the server took as many feedbacks as it takes in an hour.
    FeedbackBusy,
    /// `test_wallets_disabled`
    TestWalletsDisabled,
    /// `proof_of_work_required`: the server's hourly budget of logins is used up; the answer
    /// carries a challenge to solve and send with the same request again.
    ProofOfWorkRequired,
    /// `too_many_attempts`
    TooManyAttempts,
    /// `upload_incomplete`
    UploadIncomplete,
    /// `deposit_expired`
    DepositExpired,
    /// `deposit_full`
    DepositFull,
    /// `deposit_revoked`
    DepositRevoked,
    /// `grant_burned`
    GrantBurned,
    /// `grant_expired`
    GrantExpired,
    /// `grant_incomplete`
    GrantIncomplete,
    /// `grant_revoked`
    GrantRevoked,
    /// `grant_used_up`
    GrantUsedUp,
    /// `wrong_pin`
    WrongPin,
    /// `wallet_time_locked`
    WalletTimeLocked,
    /// `time_lock_invalid`
    TimeLockInvalid,
    /// `hidden_unavailable`
    HiddenUnavailable,
    /// `secret_change_unavailable`
    SecretChangeUnavailable,
    /// `recovery_sheet_unavailable`
    RecoverySheetUnavailable,
    /// `recovery_key_wrong`
    RecoveryKeyWrong,
    /// A code this version does not know (from a newer server): shown as an unexpected error.
    /// Not in [`ErrorCode::ALL`]; written as `unknown`.
    Unknown,
}

impl ErrorCode {
    /// Every code, for translation checks.
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::BodyInterrupted,
        ErrorCode::BodyTooLarge,
        ErrorCode::DocumentExists,
        ErrorCode::DocumentTooLarge,
        ErrorCode::EmptyUpload,
        ErrorCode::ExpectedJson,
        ErrorCode::InternalError,
        ErrorCode::InvalidFields,
        ErrorCode::InvalidLoginMessage,
        ErrorCode::InvalidRegistrationMessage,
        ErrorCode::InvalidTag,
        ErrorCode::InvalidWrappedKeys,
        ErrorCode::InvitationRequired,
        ErrorCode::LoginFailed,
        ErrorCode::MalformedJson,
        ErrorCode::MalformedRequest,
        ErrorCode::MetadataEmpty,
        ErrorCode::MetadataTooLarge,
        ErrorCode::MethodNotAllowed,
        ErrorCode::NoSuchRoute,
        ErrorCode::NotFound,
        ErrorCode::NotSignedIn,
        ErrorCode::NumberTaken,
        ErrorCode::PartOutOfRange,
        ErrorCode::PartTooLarge,
        ErrorCode::PartWrongSize,
        ErrorCode::PseudonymInvalid,
        ErrorCode::PseudonymInvalidCharacter,
        ErrorCode::PseudonymLooksLikeNumber,
        ErrorCode::PseudonymNoLetter,
        ErrorCode::PseudonymTaken,
        ErrorCode::PseudonymTooLong,
        ErrorCode::PseudonymTooShort,
        ErrorCode::QuotaExceeded,
        ErrorCode::RegistrationExpired,
        ErrorCode::ServerFull,
        ErrorCode::DepositBusy,
        ErrorCode::CreationBusy,
        ErrorCode::FeedbackBusy,
        ErrorCode::TestWalletsDisabled,
        ErrorCode::ProofOfWorkRequired,
        ErrorCode::TooManyAttempts,
        ErrorCode::UploadIncomplete,
        ErrorCode::DepositExpired,
        ErrorCode::DepositFull,
        ErrorCode::DepositRevoked,
        ErrorCode::GrantBurned,
        ErrorCode::GrantExpired,
        ErrorCode::GrantIncomplete,
        ErrorCode::GrantRevoked,
        ErrorCode::GrantUsedUp,
        ErrorCode::WrongPin,
        ErrorCode::WalletTimeLocked,
        ErrorCode::TimeLockInvalid,
        ErrorCode::HiddenUnavailable,
        ErrorCode::SecretChangeUnavailable,
        ErrorCode::RecoverySheetUnavailable,
        ErrorCode::RecoveryKeyWrong,
    ];

    /// The code as sent on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BodyInterrupted => "body_interrupted",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::DocumentExists => "document_exists",
            ErrorCode::DocumentTooLarge => "document_too_large",
            ErrorCode::EmptyUpload => "empty_upload",
            ErrorCode::ExpectedJson => "expected_json",
            ErrorCode::InternalError => "internal_error",
            ErrorCode::InvalidFields => "invalid_fields",
            ErrorCode::InvalidLoginMessage => "invalid_login_message",
            ErrorCode::InvalidRegistrationMessage => "invalid_registration_message",
            ErrorCode::InvalidTag => "invalid_tag",
            ErrorCode::InvalidWrappedKeys => "invalid_wrapped_keys",
            ErrorCode::InvitationRequired => "invitation_required",
            ErrorCode::LoginFailed => "login_failed",
            ErrorCode::MalformedJson => "malformed_json",
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::MetadataEmpty => "metadata_empty",
            ErrorCode::MetadataTooLarge => "metadata_too_large",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::NoSuchRoute => "no_such_route",
            ErrorCode::NotFound => "not_found",
            ErrorCode::NotSignedIn => "not_signed_in",
            ErrorCode::NumberTaken => "number_taken",
            ErrorCode::PartOutOfRange => "part_out_of_range",
            ErrorCode::PartTooLarge => "part_too_large",
            ErrorCode::PartWrongSize => "part_wrong_size",
            ErrorCode::PseudonymInvalid => "pseudonym_invalid",
            ErrorCode::PseudonymInvalidCharacter => "pseudonym_invalid_character",
            ErrorCode::PseudonymLooksLikeNumber => "pseudonym_looks_like_number",
            ErrorCode::PseudonymNoLetter => "pseudonym_no_letter",
            ErrorCode::PseudonymTaken => "pseudonym_taken",
            ErrorCode::PseudonymTooLong => "pseudonym_too_long",
            ErrorCode::PseudonymTooShort => "pseudonym_too_short",
            ErrorCode::QuotaExceeded => "quota_exceeded",
            ErrorCode::RegistrationExpired => "registration_expired",
            ErrorCode::ServerFull => "server_full",
            ErrorCode::DepositBusy => "deposit_busy",
            ErrorCode::CreationBusy => "creation_busy",
            ErrorCode::FeedbackBusy => "feedback_busy",
            ErrorCode::TestWalletsDisabled => "test_wallets_disabled",
            ErrorCode::ProofOfWorkRequired => "proof_of_work_required",
            ErrorCode::TooManyAttempts => "too_many_attempts",
            ErrorCode::UploadIncomplete => "upload_incomplete",
            ErrorCode::DepositExpired => "deposit_expired",
            ErrorCode::DepositFull => "deposit_full",
            ErrorCode::DepositRevoked => "deposit_revoked",
            ErrorCode::GrantBurned => "grant_burned",
            ErrorCode::GrantExpired => "grant_expired",
            ErrorCode::GrantIncomplete => "grant_incomplete",
            ErrorCode::GrantRevoked => "grant_revoked",
            ErrorCode::GrantUsedUp => "grant_used_up",
            ErrorCode::WrongPin => "wrong_pin",
            ErrorCode::WalletTimeLocked => "wallet_time_locked",
            ErrorCode::TimeLockInvalid => "time_lock_invalid",
            ErrorCode::HiddenUnavailable => "hidden_unavailable",
            ErrorCode::SecretChangeUnavailable => "secret_change_unavailable",
            ErrorCode::RecoverySheetUnavailable => "recovery_sheet_unavailable",
            ErrorCode::RecoveryKeyWrong => "recovery_key_wrong",
            ErrorCode::Unknown => "unknown",
        }
    }

    /// The HTTP status the server answers with this code: decided here, once, so a code never
    /// goes out with two statuses.
    pub const fn status(self) -> u16 {
        use ErrorCode::*;
        match self {
            BodyInterrupted
            | EmptyUpload
            | ExpectedJson
            | InvalidFields
            | InvalidLoginMessage
            | InvalidRegistrationMessage
            | InvalidTag
            | InvalidWrappedKeys
            | MalformedJson
            | MalformedRequest
            | MetadataEmpty
            | PartOutOfRange
            | PartWrongSize
            | PseudonymInvalid
            | PseudonymInvalidCharacter
            | PseudonymLooksLikeNumber
            | PseudonymNoLetter
            | PseudonymTooLong
            | PseudonymTooShort
            | RegistrationExpired
            | TestWalletsDisabled
            | TimeLockInvalid
            | RecoveryKeyWrong => 400,
            LoginFailed | NotSignedIn => 401,
            InvitationRequired | WrongPin => 403,
            NotFound | NoSuchRoute => 404,
            MethodNotAllowed => 405,
            DocumentExists
            | NumberTaken
            | PseudonymTaken
            | DepositBusy
            | UploadIncomplete
            | GrantIncomplete
            | HiddenUnavailable
            | SecretChangeUnavailable
            | RecoverySheetUnavailable => 409,
            DepositExpired | DepositFull | DepositRevoked | GrantBurned | GrantExpired
            | GrantRevoked | GrantUsedUp => 410,
            BodyTooLarge | DocumentTooLarge | MetadataTooLarge | PartTooLarge | QuotaExceeded => {
                413
            }
            WalletTimeLocked => 423,
            CreationBusy | FeedbackBusy | ProofOfWorkRequired | TooManyAttempts => 429,
            InternalError | Unknown => 500,
            ServerFull => 507,
        }
    }

    /// The code for a wire string, `None` when this version doesn't know it.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|known| known.as_str() == code)
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Ok(Self::parse(&code).unwrap_or(Self::Unknown))
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_an_error_status_and_the_familiar_ones_theirs() {
        for code in ErrorCode::ALL {
            assert!((400..600).contains(&code.status()), "{code}");
        }
        assert_eq!(ErrorCode::NotSignedIn.status(), 401);
        assert_eq!(ErrorCode::NotFound.status(), 404);
        assert_eq!(ErrorCode::QuotaExceeded.status(), 413);
        assert_eq!(ErrorCode::TooManyAttempts.status(), 429);
        assert_eq!(ErrorCode::InternalError.status(), 500);
    }

    #[test]
    fn wire_form_matches_serde() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(ErrorCode::parse(code.as_str()), Some(*code));
        }
        assert_eq!(ErrorCode::parse("no_such_code"), None);
        assert_eq!(
            serde_json::from_str::<ErrorCode>("\"no_such_code\"").unwrap_or(ErrorCode::NotFound),
            ErrorCode::Unknown
        );
        assert!(!ErrorCode::ALL.contains(&ErrorCode::Unknown));
    }
}
