//! The form's own words (`web/feedback/locales/`, one file per language, built in).

use pde_web::i18n::{Arg, ModuleWords};

/// Every language's words, French (the reference) first.
const SOURCES: [(&str, &str); 4] = [
    ("fr", include_str!("../locales/fr.ftl")),
    ("nl", include_str!("../locales/nl.ftl")),
    ("en", include_str!("../locales/en.ftl")),
    ("ar", include_str!("../locales/ar.ftl")),
];

/// The form's message ids.
pub mod keys {
    pub const LEAD: &str = "feedback-lead";
    pub const FACES: &str = "feedback-faces";
    pub const UNHAPPY: &str = "feedback-unhappy";
    pub const NEUTRAL: &str = "feedback-neutral";
    pub const HAPPY: &str = "feedback-happy";
    pub const COMMENT: &str = "feedback-comment";
    pub const HINT: &str = "feedback-hint";
    pub const PRIVATE: &str = "feedback-private";
    pub const SEND: &str = "feedback-send";
    pub const SENDING: &str = "feedback-sending";
    pub const PICK_FACE: &str = "feedback-pick-face";
    pub const REFUSED_NAME: &str = "feedback-refused-name";
    pub const REFUSED_NUMBER: &str = "feedback-refused-number";
    pub const REFUSED_EMAIL: &str = "feedback-refused-email";
    pub const REFUSED_LONG: &str = "feedback-refused-long";
    pub const THANKS: &str = "feedback-thanks";
    /// `feedback_busy` (see `pde_api::feedback::FEEDBACK_ONLY_CODES`).
    pub const BUSY: &str = "error-feedback-busy";

    /// Every id above.
    pub const ALL: [&str; 17] = [
        LEAD,
        FACES,
        UNHAPPY,
        NEUTRAL,
        HAPPY,
        COMMENT,
        HINT,
        PRIVATE,
        SEND,
        SENDING,
        PICK_FACE,
        REFUSED_NAME,
        REFUSED_NUMBER,
        REFUSED_EMAIL,
        REFUSED_LONG,
        THANKS,
        BUSY,
    ];
}

thread_local! {
    static WORDS: ModuleWords = const { ModuleWords::new(&SOURCES) };
}

/// Message `key` in language `code` (French for a code the form does not have), with `args`.
pub fn text(code: &str, key: &str, args: &[(&str, Arg)]) -> String {
    WORDS.with(|words| words.text(code, key, args))
}

/// The message that says why `refused` words can't be sent.
pub fn refusal_key(refused: pde_api::feedback::CommentRefused) -> &'static str {
    use pde_api::feedback::CommentRefused;
    match refused {
        CommentRefused::TooLong => keys::REFUSED_LONG,
        CommentRefused::WalletNumber | CommentRefused::Number => keys::REFUSED_NUMBER,
        CommentRefused::Email => keys::REFUSED_EMAIL,
        CommentRefused::Name => keys::REFUSED_NAME,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids(source: &str) -> BTreeSet<String> {
        let resource = fluent_syntax::parser::parse(source).expect("a valid Fluent file");
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_word_the_form_uses() {
        let used: BTreeSet<String> = keys::ALL.iter().map(|k| (*k).to_owned()).collect();
        for (code, source) in SOURCES {
            assert_eq!(ids(source), used, "web/feedback/locales/{code}.ftl");
            let private = text(code, keys::PRIVATE, &[("months", 6u32.into())]);
            assert!(private.contains('6'), "{code}: {private}");
        }
        assert_eq!(text("nl", keys::HAPPY, &[]), "Goed");
    }

    #[test]
    fn the_codes_only_the_form_meets_have_its_words() {
        for code in pde_api::feedback::FEEDBACK_ONLY_CODES {
            let key = format!("error-{}", code.as_str().replace('_', "-"));
            assert!(keys::ALL.contains(&key.as_str()), "{key}");
        }
        assert!(text("fr", keys::BUSY, &[("minutes", 5u64.into())]).contains('5'));
    }

    #[test]
    fn each_refusal_has_its_words() {
        use pde_api::feedback::check_comment;
        let refused = check_comment("je m'appelle Anne").expect_err("a name");
        assert_eq!(refusal_key(refused), keys::REFUSED_NAME);
        let refused = check_comment("0470 12 34 56").expect_err("a phone");
        assert_eq!(refusal_key(refused), keys::REFUSED_NUMBER);
    }
}
