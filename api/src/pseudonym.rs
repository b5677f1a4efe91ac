//! Pseudonyms: an optional, chosen name for a wallet, unique on a server.
//!
//! Normalised so that two spellings a person would consider the same name are the same pseudonym:
//! Unicode NFKC, lower case, surrounding space trimmed, inner runs of space folded to one.

use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::wallet_number::looks_like_wallet_number;

/// Fewest characters in a pseudonym.
pub const MIN_CHARS: usize = 3;
/// Most characters in a pseudonym.
pub const MAX_CHARS: usize = 32;

/// A normalised, valid pseudonym.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Pseudonym(String);

/// Why a pseudonym was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PseudonymError {
    /// Fewer than [`MIN_CHARS`] characters.
    #[error("a pseudonym has at least {MIN_CHARS} characters")]
    TooShort,
    /// More than [`MAX_CHARS`] characters.
    #[error("a pseudonym has at most {MAX_CHARS} characters")]
    TooLong,
    /// A character other than letters, digits, space, `-`, `_`, `.` or `'`.
    #[error("a pseudonym uses only letters, digits, spaces and - _ . '")]
    InvalidCharacter,
    /// It would read as a wallet number.
    #[error("a pseudonym cannot look like a wallet number")]
    LooksLikeWalletNumber,
    /// No letter at all.
    #[error("a pseudonym has at least one letter")]
    NoLetter,
}

impl Pseudonym {
    /// Normalises and validates.
    pub fn parse(input: &str) -> Result<Self, PseudonymError> {
        let normalised: String = input.nfkc().collect::<String>().to_lowercase();
        let folded = normalised.split_whitespace().collect::<Vec<_>>().join(" ");
        let chars = folded.chars().count();
        if chars < MIN_CHARS {
            return Err(PseudonymError::TooShort);
        }
        if chars > MAX_CHARS {
            return Err(PseudonymError::TooLong);
        }
        let allowed = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '\'');
        if !folded.chars().all(allowed) {
            return Err(PseudonymError::InvalidCharacter);
        }
        if !folded.chars().any(char::is_alphabetic) {
            return Err(PseudonymError::NoLetter);
        }
        if looks_like_wallet_number(&folded) {
            return Err(PseudonymError::LooksLikeWalletNumber);
        }
        Ok(Self(folded))
    }

    /// The normalised form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Pseudonym {
    type Error = PseudonymError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Pseudonym> for String {
    fn from(value: Pseudonym) -> Self {
        value.0
    }
}

impl fmt::Display for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Terse on purpose: a pseudonym must never reach a log.
impl fmt::Debug for Pseudonym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pseudonym(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_are_one_pseudonym() {
        let a = Pseudonym::parse("  Marie   Claire ").expect("valid");
        let b = Pseudonym::parse("marie claire").expect("valid");
        let full_width = Pseudonym::parse("ＭＡＲＩＥ claire").expect("valid");
        assert_eq!(a, b);
        assert_eq!(a, full_width);
        assert_eq!(a.as_str(), "marie claire");
        assert!(Pseudonym::parse("سارة").is_ok());
        assert!(Pseudonym::parse("Zoë-D'Hondt").is_ok());
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(Pseudonym::parse("ab"), Err(PseudonymError::TooShort));
        assert_eq!(
            Pseudonym::parse(&"a".repeat(33)),
            Err(PseudonymError::TooLong)
        );
        assert_eq!(
            Pseudonym::parse("bob<script>"),
            Err(PseudonymError::InvalidCharacter)
        );
        assert_eq!(Pseudonym::parse("12345"), Err(PseudonymError::NoLetter));
        assert_eq!(
            Pseudonym::parse("abcd-efgh-jkmn"),
            Err(PseudonymError::LooksLikeWalletNumber)
        );
    }
}
