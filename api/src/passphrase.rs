//! The passphrase policy, applied by every client before registration.
//!
//! The server never sees the secret (OPAQUE), so it cannot enforce this: the clients do. The policy
//! refuses what an online guesser tries first, because the server allows a few guesses per wallet
//! before backing off: the most common PINs, PIN patterns and years, and very common passwords.

/// What kind of secret the holder chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// Digits only: quick to type, weaker, protected by the server's back-off.
    Pin,
    /// Anything else.
    Passphrase,
}

/// Why a secret is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PassphraseProblem {
    /// A PIN shorter than [`MIN_PIN_DIGITS`].
    #[error("a PIN has at least {MIN_PIN_DIGITS} digits")]
    PinTooShort,
    /// A passphrase shorter than [`MIN_PASSPHRASE_CHARS`].
    #[error("a passphrase has at least {MIN_PASSPHRASE_CHARS} characters")]
    PassphraseTooShort,
    /// A PIN that is among the first ones a guesser tries.
    #[error("this PIN is too common: it is among the first ones tried")]
    CommonPin,
    /// A passphrase that is among the first ones a guesser tries.
    #[error("this passphrase is too common")]
    CommonPassphrase,
    /// Longer than [`MAX_CHARS`].
    #[error("a passphrase has at most {MAX_CHARS} characters")]
    TooLong,
}

/// Fewest digits in a PIN.
pub const MIN_PIN_DIGITS: usize = 4;
/// Fewest characters in a passphrase.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Most characters in any secret.
pub const MAX_CHARS: usize = 128;

/// PINs that lead published frequency lists and are not caught by the patterns below
/// (keypad columns and shapes, "LOVE" on a phone keypad, film numbers).
const COMMON_PINS: &[&str] = &[
    "1004", "2580", "0852", "1379", "7410", "0147", "0007", "5683", "8520", "1470", "2468", "1357",
    "9876", "4826", "1998", "0911", "147258", "159753", "123321", "789456", "147852", "258456",
    "753159", "131313", "102030", "010203", "246810", "135790", "000007", "007007", "142536",
    "121314", "852456", "520520", "564738", "123654",
];

/// Passwords at the top of every leaked list.
const COMMON_PASSPHRASES: &[&str] = &[
    "password",
    "password1",
    "motdepasse",
    "wachtwoord",
    "azertyuiop",
    "qwertyuiop",
    "iloveyou",
    "sunshine",
    "football",
    "princess",
    "baseball",
    "welcome1",
    "abcdefgh",
    "azertyui",
    "qwertyui",
    "12345678a",
    "bonjour1",
    "doudoune",
    "loveyou1",
    "jetaime1",
    "soleil123",
    "marseille",
    "bruxelles",
    "brussels",
    "passw0rd",
    "p@ssw0rd",
    "letmein1",
    "trustno1",
    "superman",
    "starwars",
    "pokemon1",
    "azerty123",
    "qwerty123",
    "password123",
];

/// Checks a secret before registration; tells what kind it is.
pub fn check(secret: &str) -> Result<SecretKind, PassphraseProblem> {
    let chars = secret.chars().count();
    if chars > MAX_CHARS {
        return Err(PassphraseProblem::TooLong);
    }
    if !secret.is_empty() && secret.chars().all(|c| c.is_ascii_digit()) {
        if chars < MIN_PIN_DIGITS {
            return Err(PassphraseProblem::PinTooShort);
        }
        if is_common_pin(secret) {
            return Err(PassphraseProblem::CommonPin);
        }
        return Ok(SecretKind::Pin);
    }
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseProblem::PassphraseTooShort);
    }
    // ASCII folding is enough: the list of common passphrases is ASCII, and it keeps the
    // Unicode case tables out of the web bundle.
    let lowered = secret.to_ascii_lowercase();
    let distinct = {
        let mut seen: Vec<char> = lowered.chars().collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    if distinct <= 2 || COMMON_PASSPHRASES.contains(&lowered.as_str()) {
        return Err(PassphraseProblem::CommonPassphrase);
    }
    if lowered
        .chars()
        .all(|c| c.is_ascii_digit() || !c.is_alphanumeric())
    {
        // Digits with punctuation are a PIN in disguise.
        let digits: String = lowered.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= MIN_PIN_DIGITS && is_common_pin(&digits) {
            return Err(PassphraseProblem::CommonPassphrase);
        }
    }
    Ok(SecretKind::Passphrase)
}

fn is_common_pin(pin: &str) -> bool {
    let digits: Vec<i16> = pin.bytes().map(|b| i16::from(b - b'0')).collect();
    let all_same = digits.windows(2).all(|w| w[0] == w[1]);
    let step = |delta: i16| {
        digits
            .windows(2)
            .all(|w| (w[1] - w[0]).rem_euclid(10) == delta.rem_euclid(10))
    };
    let sequence = step(1) || step(-1);
    let repeats_with_period = |period: usize| {
        digits.len() > period
            && digits.len().is_multiple_of(period)
            && digits.chunks(period).all(|c| c == &digits[..period])
    };
    let repeated_block = (2..=4).any(repeats_with_period);
    // AABB, AABBCC: doubled digits.
    let doubled = digits.len().is_multiple_of(2) && digits.chunks(2).all(|pair| pair[0] == pair[1]);
    // Years people pick: birth years and recent ones.
    let year = pin.len() == 4
        && pin
            .parse::<u16>()
            .map(|y| (1930..=2035).contains(&y))
            .unwrap_or(false);
    // Mirrored halves: 1221, 123321.
    let palindrome = digits.len() >= 4 && digits.iter().eq(digits.iter().rev());
    all_same
        || sequence
        || repeated_block
        || doubled
        || year
        || palindrome
        || COMMON_PINS.contains(&pin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_common_pins_are_refused() {
        for pin in [
            "1234", "1111", "0000", "1212", "7777", "1004", "2000", "4444", "2222", "6969", "9999",
            "3333", "5555", "6666", "1122", "1313", "8888", "4321", "2001", "1010", "123456",
            "654321", "111111", "121212", "112233", "123123", "1987", "2580",
        ] {
            assert_eq!(check(pin), Err(PassphraseProblem::CommonPin), "{pin}");
        }
    }

    #[test]
    fn ordinary_pins_and_passphrases_pass() {
        assert_eq!(check("4821"), Ok(SecretKind::Pin));
        assert_eq!(check("730519"), Ok(SecretKind::Pin));
        assert_eq!(check("rue haute 42 vélo"), Ok(SecretKind::Passphrase));
    }

    #[test]
    fn short_and_common_passphrases_are_refused() {
        assert_eq!(check("123"), Err(PassphraseProblem::PinTooShort));
        assert_eq!(check("abc"), Err(PassphraseProblem::PassphraseTooShort));
        assert_eq!(check("Password"), Err(PassphraseProblem::CommonPassphrase));
        assert_eq!(
            check("aaaaaaaaaa"),
            Err(PassphraseProblem::CommonPassphrase)
        );
        assert_eq!(
            check("12-34-12-34"),
            Err(PassphraseProblem::CommonPassphrase)
        );
        assert_eq!(check(&"x1".repeat(65)), Err(PassphraseProblem::TooLong));
    }
}
