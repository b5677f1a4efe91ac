//! Wallet numbers: the identity of a wallet that has no pseudonym.
//!
//! Twelve characters in three groups of four (`K7QM-4XTA-9CRW`), from an alphabet without
//! look-alikes (no 0/O, no 1/I/L): easy to read aloud, to copy from a card and to type. Eleven
//! characters are random (11 × log2(31) ≈ 54 bits, above the 50 the design asks so that numbers
//! cannot be guessed), the last one is a check character so that a typo is reported as a typo
//! rather than as "wrong wallet or secret". The alphabet has a prime size (31), so the weighted
//! check catches every single wrong character and every swap of two neighbours.

use std::fmt;
use std::str::FromStr;

use rand::Rng;
use serde::{Deserialize, Serialize};

/// The 31 symbols of a wallet number.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const RANDOM_CHARS: usize = 11;
const TOTAL_CHARS: usize = RANDOM_CHARS + 1;
const GROUP: usize = 4;

/// A syntactically valid wallet number, stored in canonical form (`XXXX-XXXX-XXXX`).
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(value_type = String, example = "K7QM-4XTA-9CRW"))]
pub struct WalletNumber(String);

/// Why a string is not a wallet number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WalletNumberError {
    /// Not twelve symbols once spaces and dashes are removed.
    #[error("a wallet number has 12 characters")]
    WrongLength,
    /// A character outside the alphabet.
    #[error("a wallet number uses only the letters and digits printed on the card")]
    InvalidCharacter,
    /// The check character does not match: a typo.
    #[error("this wallet number has a typo")]
    Typo,
}

fn value_of(symbol: u8) -> Option<usize> {
    ALPHABET.iter().position(|&c| c == symbol)
}

/// Weighted sum mod 31 (weights 1..=11, all invertible mod the prime 31).
fn check_symbol(values: &[usize]) -> u8 {
    let sum: usize = values.iter().enumerate().map(|(i, v)| (i + 1) * v).sum();
    ALPHABET[sum % ALPHABET.len()]
}

impl WalletNumber {
    /// Draws a new random wallet number.
    pub fn generate() -> Self {
        let mut rng = rand::rngs::OsRng;
        let values: Vec<usize> = (0..RANDOM_CHARS)
            .map(|_| rng.gen_range(0..ALPHABET.len()))
            .collect();
        let mut symbols: Vec<u8> = values.iter().map(|&v| ALPHABET[v]).collect();
        symbols.push(check_symbol(&values));
        Self(group(&symbols))
    }

    /// The canonical form, `XXXX-XXXX-XXXX`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn group(symbols: &[u8]) -> String {
    symbols
        .chunks(GROUP)
        .map(|chunk| chunk.iter().map(|&b| b as char).collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Whether `input` is meant as a wallet number (rather than a pseudonym): twelve symbols once
/// spaces and dashes are dropped, all letters or digits.
pub fn looks_like_wallet_number(input: &str) -> bool {
    let compact: Vec<char> = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    compact.len() == TOTAL_CHARS && compact.iter().all(|c| c.is_ascii_alphanumeric())
}

impl FromStr for WalletNumber {
    type Err = WalletNumberError;

    /// Accepts any case, spaces and dashes anywhere.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let symbols: Vec<u8> = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase() as u32)
            .map(|c| u8::try_from(c).unwrap_or(0))
            .collect();
        if symbols.len() != TOTAL_CHARS {
            return Err(WalletNumberError::WrongLength);
        }
        let values = symbols
            .iter()
            .map(|&s| value_of(s).ok_or(WalletNumberError::InvalidCharacter))
            .collect::<Result<Vec<_>, _>>()?;
        if check_symbol(&values[..RANDOM_CHARS]) != symbols[RANDOM_CHARS] {
            return Err(WalletNumberError::Typo);
        }
        Ok(Self(group(&symbols)))
    }
}

impl TryFrom<String> for WalletNumber {
    type Error = WalletNumberError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<WalletNumber> for String {
    fn from(value: WalletNumber) -> Self {
        value.0
    }
}

impl fmt::Display for WalletNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Deliberately terse: a wallet number is an identifier that must not end up in logs.
impl fmt::Debug for WalletNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WalletNumber(…)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn generated_numbers_parse_back_in_canonical_form() {
        for _ in 0..200 {
            let number = WalletNumber::generate();
            assert_eq!(number.as_str().len(), 14);
            let spaced = number.as_str().replace('-', " ").to_lowercase();
            assert_eq!(spaced.parse::<WalletNumber>(), Ok(number.clone()));
        }
    }

    #[test]
    fn carries_at_least_fifty_random_bits() {
        let bits = RANDOM_CHARS as f64 * (ALPHABET.len() as f64).log2();
        assert!(bits >= 50.0, "{bits}");
    }

    #[test]
    fn rejects_bad_input_with_the_right_reason() {
        assert_eq!(
            "ABC".parse::<WalletNumber>(),
            Err(WalletNumberError::WrongLength)
        );
        assert_eq!(
            "0BCD-EFGH-JKMN".parse::<WalletNumber>(),
            Err(WalletNumberError::InvalidCharacter)
        );
        assert!(looks_like_wallet_number("abcd efgh jkmn"));
        assert!(!looks_like_wallet_number("marie-claire"));
    }

    proptest! {
        #[test]
        fn any_single_substitution_is_caught(position in 0usize..12, replacement in 0usize..31) {
            let number = WalletNumber::generate();
            let mut symbols: Vec<u8> = number.as_str().bytes().filter(|&b| b != b'-').collect();
            prop_assume!(symbols[position] != ALPHABET[replacement]);
            symbols[position] = ALPHABET[replacement];
            let typed = String::from_utf8(symbols).expect("ascii");
            prop_assert_eq!(typed.parse::<WalletNumber>(), Err(WalletNumberError::Typo));
        }

        #[test]
        fn any_swap_of_neighbours_is_caught(position in 0usize..10) {
            let number = WalletNumber::generate();
            let mut symbols: Vec<u8> = number.as_str().bytes().filter(|&b| b != b'-').collect();
            prop_assume!(symbols[position] != symbols[position + 1]);
            symbols.swap(position, position + 1);
            let typed = String::from_utf8(symbols).expect("ascii");
            prop_assert_eq!(typed.parse::<WalletNumber>(), Err(WalletNumberError::Typo));
        }
    }
}
