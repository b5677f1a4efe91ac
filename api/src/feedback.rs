//! Feedback from holders and social workers: three faces and a few words, sent without cookies,
//! kept with the day only. The rules a text must follow are here, so the form and the server
//! refuse the same texts.

use serde::{Deserialize, Serialize};

use crate::wallet_number::WalletNumber;
use crate::{CarriesProof, LoginProof};

/// Error codes only the feedback form meets: it carries their words itself
/// (`web/feedback/locales/`), so the holders' bundle does not.
pub const FEEDBACK_ONLY_CODES: [crate::ErrorCode; 1] = [crate::ErrorCode::FeedbackBusy];

/// Longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 500;

/// The languages a feedback may say it was written in (the holders' app's).
pub const LANGUAGES: [&str; 4] = ["fr", "nl", "en", "ar"];

/// How the person felt: the three faces of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Face {
    /// Not happy.
    Unhappy,
    /// So-so.
    Neutral,
    /// Happy.
    Happy,
}

impl Face {
    /// The three, from unhappy to happy (the form's order).
    pub const ALL: [Face; 3] = [Face::Unhappy, Face::Neutral, Face::Happy];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unhappy => "unhappy",
            Self::Neutral => "neutral",
            Self::Happy => "happy",
        }
    }

    /// The face a stored name stands for.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|face| face.as_str() == name)
    }

    /// Its pictogram, as SVG path data on a 24 × 24 grid (stroked): the same three faces in the
    /// holders' form and the coordinators' console.
    pub fn pictogram(self) -> &'static str {
        match self {
            Self::Unhappy => {
                "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M9 9.5v1M15 9.5v1M8 16.5c2.4-2.4 5.6-2.4 8 0"
            }
            Self::Neutral => "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M9 9.5v1M15 9.5v1M8 15h8",
            Self::Happy => {
                "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M9 9.5v1M15 9.5v1M8 14c2.4 2.6 5.6 2.6 8 0"
            }
        }
    }
}

/// Who sent it: a holder (from the wallet's app) or a social worker (from a link's page).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackFrom {
    /// From the holders' app.
    Holder,
    /// From a grant link's page.
    Worker,
}

impl FeedbackFrom {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Holder => "holder",
            Self::Worker => "worker",
        }
    }

    /// The sender a stored name stands for.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Holder, Self::Worker]
            .into_iter()
            .find(|from| from.as_str() == name)
    }
}

/// A feedback, as sent. No cookie goes with it (the server drops one that carries a PDE cookie),
/// and it always carries a solved challenge: the first try, without one, is answered with the
/// challenge to solve.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackRequest {
    /// The face chosen.
    pub face: Face,
    /// A few words (optional), at most [`MAX_COMMENT_CHARS`], nothing that looks like a name
    /// or a number ([`check_comment`]).
    #[serde(default)]
    pub comment: Option<String>,
    /// The language of the form (one of [`LANGUAGES`]).
    pub language: String,
    /// Who sends it.
    pub from: FeedbackFrom,
    /// The solved challenge, once the server asked for one (`proof_of_work_required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<LoginProof>,
}

impl CarriesProof for FeedbackRequest {
    fn set_proof(&mut self, proof: LoginProof) {
        self.proof = Some(proof);
    }
}

/// What the form tells before anything is sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackTerms {
    /// Months after which a feedback is deleted.
    pub keep_months: u32,
    /// Longest comment, in characters.
    pub max_chars: u32,
}

/// Why a comment is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommentRefused {
    /// Longer than [`MAX_COMMENT_CHARS`].
    #[error("the comment is longer than 500 characters")]
    TooLong,
    /// It has a wallet number in it.
    #[error("the comment has a wallet number in it")]
    WalletNumber,
    /// It has a long number in it (a phone, a national register or card number).
    #[error("the comment has a long number in it (a phone or a card number?)")]
    Number,
    /// It has an e-mail address in it.
    #[error("the comment has an e-mail address in it")]
    Email,
    /// It says someone's name ("my name is …").
    #[error("the comment gives a name")]
    Name,
}

/// Digits in a row (spaces, dots and dashes between them allowed) from which a comment is
/// taken for a phone number or a national register number (9 to 11 digits in Belgium); a date
/// (8) still passes.
const LONG_NUMBER_DIGITS: usize = 9;

/// Phrases that introduce one's name, in the app's languages (compared in lower case, with
/// `'` for `’`).
const NAMING_PHRASES: [&str; 12] = [
    "je m'appelle",
    "mon nom est",
    "mon nom c'est",
    "mon nom :",
    "my name is",
    "my name:",
    "i am called",
    "ik heet",
    "mijn naam is",
    "mijn naam:",
    "اسمي",
    "إسمي",
];

/// Whether `comment` may be kept: short, and with nothing that looks like a name, a wallet
/// number, a long number or an e-mail address (the form asks for none; a heuristic, which the
/// form's words say plainly).
pub fn check_comment(comment: &str) -> Result<(), CommentRefused> {
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(CommentRefused::TooLong);
    }
    if has_wallet_number(comment) {
        return Err(CommentRefused::WalletNumber);
    }
    if longest_digit_run(comment) >= LONG_NUMBER_DIGITS {
        return Err(CommentRefused::Number);
    }
    if has_email(comment) {
        return Err(CommentRefused::Email);
    }
    let lower = comment.to_lowercase().replace('’', "'");
    if NAMING_PHRASES.iter().any(|phrase| lower.contains(phrase)) {
        return Err(CommentRefused::Name);
    }
    Ok(())
}

/// A wallet number written as one word (`K7QM-4XTA-9CRW`, `k7qm4xta9crw`) or as its groups in a
/// row (`K7QM 4XTA 9CRW`): runs of whole words that read as a valid number, check character
/// included.
pub(crate) fn has_wallet_number(comment: &str) -> bool {
    let words: Vec<String> = comment
        .split_whitespace()
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .replace('-', "")
        })
        .collect();
    (0..words.len()).any(|start| {
        let mut joined = String::new();
        for word in &words[start..] {
            joined.push_str(word);
            if joined.chars().count() >= 12 {
                break;
            }
        }
        joined.chars().count() == 12 && joined.parse::<WalletNumber>().is_ok()
    })
}

/// The most digits in a row (any script's digits: `0470`, `٠٤٧٠`), the separators people write
/// inside a telephone number (spaces, dots, dashes, slashes, brackets: `0470/12.34.56`,
/// `(02) 512 34 56`) not breaking the row.
pub(crate) fn longest_digit_run(comment: &str) -> usize {
    let is_digit = |c: char| c.is_numeric();
    let is_separator = |c: char| matches!(c, ' ' | '\u{a0}' | '.' | '-' | '/' | '(' | ')');
    let chars: Vec<char> = comment.chars().collect();
    let (mut longest, mut run) = (0, 0);
    for (at, &c) in chars.iter().enumerate() {
        if is_digit(c) {
            run += 1;
            longest = longest.max(run);
        } else if run > 0
            && is_separator(c)
            && chars[at..]
                .iter()
                .find(|&&next| !is_separator(next))
                .is_some_and(|&next| is_digit(next))
        {
            // Separators inside a number: the run goes on.
        } else {
            run = 0;
        }
    }
    longest
}

/// Something like `name@host.tld`.
fn has_email(comment: &str) -> bool {
    comment.split_whitespace().any(|word| {
        word.split_once('@').is_some_and(|(local, host)| {
            !local.is_empty() && host.contains('.') && !host.starts_with('.')
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_comments_pass_even_with_dates_and_short_numbers() {
        for comment in [
            "",
            "Merci, c'est facile à utiliser.",
            "J'ai attendu 2 heures le 12/03/2026 au CPAS.",
            "Le rendez-vous du 12.03.2026 à 14h30 s'est bien passé",
            "Het werkt goed, maar de knop is te klein.",
            "The PIN of 6 digits was hard to read: 123456",
            "الصفحة واضحة، شكرا",
            "ABCD EFGH",
            "QUAND NOUS AVONS",
        ] {
            assert_eq!(check_comment(comment), Ok(()), "{comment}");
        }
    }

    #[test]
    fn a_wallet_number_is_refused_however_it_is_written() {
        let number = WalletNumber::generate();
        let plain = number.as_str().to_owned();
        for comment in [
            format!("mon numéro {plain} merci"),
            format!("numéro: {}", plain.replace('-', " ")),
            format!("{}.", plain.replace('-', "").to_lowercase()),
        ] {
            assert_eq!(
                check_comment(&comment),
                Err(CommentRefused::WalletNumber),
                "{comment}"
            );
        }
    }

    #[test]
    fn long_numbers_addresses_and_names_are_refused() {
        for (comment, refused) in [
            ("appelez-moi au 0470 12 34 56", CommentRefused::Number),
            (
                "mon registre national 85.07.30-033.61",
                CommentRefused::Number,
            ),
            ("écrivez à jean.dupont@example.org", CommentRefused::Email),
            ("Bonjour, je m’appelle Samira", CommentRefused::Name),
            ("My name is John", CommentRefused::Name),
            ("Ik heet Jan en ...", CommentRefused::Name),
            ("اسمي أحمد", CommentRefused::Name),
        ] {
            assert_eq!(check_comment(comment), Err(refused), "{comment}");
        }
        let long = "a".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(check_comment(&long), Err(CommentRefused::TooLong));
        assert_eq!(check_comment(&"é".repeat(MAX_COMMENT_CHARS)), Ok(()));
    }

    #[test]
    fn faces_and_senders_keep_their_stored_names() {
        for face in Face::ALL {
            assert_eq!(Face::from_name(face.as_str()), Some(face));
        }
        for from in [FeedbackFrom::Holder, FeedbackFrom::Worker] {
            assert_eq!(FeedbackFrom::from_name(from.as_str()), Some(from));
        }
        assert_eq!(Face::from_name("angry"), None);
    }
}
