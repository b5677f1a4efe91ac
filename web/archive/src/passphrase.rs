//! The passphrase that locks an archive. A lost USB stick can be attacked offline, without any
//! server to slow the guesser down: so never a PIN — either one generated here (128 random bits,
//! written like a recovery key, checksum included, for a printed sheet) or a long one the holder
//! chooses that passes [`check_chosen`]; and always a high scrypt work factor.

use pde_crypto::wallet::RecoveryKey;
use zeroize::Zeroizing;

/// scrypt's work factor (log₂ N) for every archive: 256 MiB and about a second of a PC's time
/// per guess.
pub const WORK_FACTOR: u8 = 18;
/// Fewest characters in a passphrase the holder chooses.
pub const MIN_CHOSEN_CHARS: usize = 20;
/// Fewest words (runs of letters or digits) in it.
pub const MIN_CHOSEN_WORDS: usize = 4;

/// A new passphrase: 128 random bits in 7 groups of 4 characters.
pub fn generate() -> Zeroizing<String> {
    RecoveryKey::generate().to_display()
}

/// The passphrase as typed, made exact: a generated one is read as a recovery key is (case,
/// spaces, dashes and look-alike letters tolerated); any other is taken as it is, trimmed.
pub fn normalise(typed: &str) -> Zeroizing<String> {
    match RecoveryKey::parse(typed) {
        Ok(key) => key.to_display(),
        Err(_) => Zeroizing::new(typed.trim().to_owned()),
    }
}

/// Why a chosen passphrase is refused for an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ChosenProblem {
    /// Shorter than [`MIN_CHOSEN_CHARS`] or fewer than [`MIN_CHOSEN_WORDS`] words.
    #[error(
        "an archive's passphrase needs {MIN_CHOSEN_CHARS} characters and {MIN_CHOSEN_WORDS} words"
    )]
    TooShort,
    /// Refused by the wallet's own rules (common, too long).
    #[error("this passphrase is refused: {0}")]
    Policy(#[from] pde_api::passphrase::PassphraseProblem),
}

/// Checks a passphrase the holder chose for an archive.
pub fn check_chosen(chosen: &str) -> Result<(), ChosenProblem> {
    let chosen = chosen.trim();
    let words = chosen
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    let distinct: std::collections::HashSet<char> = chosen.chars().collect();
    if chosen.chars().count() < MIN_CHOSEN_CHARS || words < MIN_CHOSEN_WORDS || distinct.len() < 8 {
        return Err(ChosenProblem::TooShort);
    }
    pde_api::passphrase::check(chosen)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_passphrase_survives_the_way_people_type_it() {
        let generated = generate();
        assert_eq!(generated.len(), 34);
        let typed = generated.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(*normalise(&typed), *generated);
        assert_ne!(*generate(), *generated);
        assert_eq!(*normalise("  my own words  "), "my own words");
    }

    #[test]
    fn a_chosen_passphrase_must_be_long_and_of_words() {
        assert_eq!(check_chosen("1234"), Err(ChosenProblem::TooShort));
        assert_eq!(
            check_chosen("correcthorsebatterystaple"),
            Err(ChosenProblem::TooShort)
        );
        assert_eq!(
            check_chosen("aaaa aaaa aaaa aaaa aaaa"),
            Err(ChosenProblem::TooShort)
        );
        assert!(check_chosen("le chat de Molenbeek mange des frites").is_ok());
        assert!(matches!(
            check_chosen(&"abcd efgh ijkl mnop ".repeat(8)),
            Err(ChosenProblem::Policy(_))
        ));
    }
}
