//! The module's own words (`web/manage/locales/`, one file per language, built into this module):
//! the screens loaded on demand carry their long texts themselves, so they weigh nothing on the
//! page's bundle. Short words the page shares (back, titles) stay in the page's catalogue.

use pde_web::i18n::{Arg, ModuleWords};

/// Every language's words, French (the reference) first.
const SOURCES: [(&str, &str); 4] = [
    ("fr", include_str!("../locales/fr.ftl")),
    ("nl", include_str!("../locales/nl.ftl")),
    ("en", include_str!("../locales/en.ftl")),
    ("ar", include_str!("../locales/ar.ftl")),
];

/// The module's message ids.
pub mod keys {
    pub const WHO_SEES: &str = "who-sees";
    pub const WHO_NOT: &str = "who-not";
    pub const WHO_SERVER: &str = "who-server";
    pub const WHO_SERVER_SEES: &str = "who-server-sees";
    pub const WHO_SERVER_NOT: &str = "who-server-not";
    pub const WHO_OPERATOR: &str = "who-operator";
    pub const WHO_OPERATOR_SEES: &str = "who-operator-sees";
    pub const WHO_OPERATOR_NOT: &str = "who-operator-not";
    pub const WHO_WORKER: &str = "who-worker";
    pub const WHO_WORKER_SEES: &str = "who-worker-sees";
    pub const WHO_WORKER_NOT: &str = "who-worker-not";
    pub const WHO_COMPUTER: &str = "who-computer";
    pub const WHO_COMPUTER_SEES: &str = "who-computer-sees";
    pub const WHO_COMPUTER_NOT: &str = "who-computer-not";
    pub const WHO_SECRET: &str = "who-secret";
    pub const WHO_SECRET_SEES: &str = "who-secret-sees";
    pub const WHO_SECRET_NOT: &str = "who-secret-not";
    pub const WHO_BACKUPS: &str = "who-backups";
    pub const WHO_BACKUPS_SEES: &str = "who-backups-sees";
    pub const WHO_BACKUPS_NOT: &str = "who-backups-not";
    pub const WHO_KEPT: &str = "who-kept";
    pub const WHO_PARTNER: &str = "who-partner";
    pub const WHO_TRANSPARENCY: &str = "who-transparency";

    /// Every id above.
    pub const ALL: [&str; 23] = [
        WHO_SEES,
        WHO_NOT,
        WHO_SERVER,
        WHO_SERVER_SEES,
        WHO_SERVER_NOT,
        WHO_OPERATOR,
        WHO_OPERATOR_SEES,
        WHO_OPERATOR_NOT,
        WHO_WORKER,
        WHO_WORKER_SEES,
        WHO_WORKER_NOT,
        WHO_COMPUTER,
        WHO_COMPUTER_SEES,
        WHO_COMPUTER_NOT,
        WHO_SECRET,
        WHO_SECRET_SEES,
        WHO_SECRET_NOT,
        WHO_BACKUPS,
        WHO_BACKUPS_SEES,
        WHO_BACKUPS_NOT,
        WHO_KEPT,
        WHO_PARTNER,
        WHO_TRANSPARENCY,
    ];
}

thread_local! {
    static WORDS: ModuleWords = const { ModuleWords::new(&SOURCES) };
}

/// Message `key` in language `code` (French for a code the module does not have), with `args`.
pub fn text(code: &str, key: &str, args: &[(&str, Arg)]) -> String {
    WORDS.with(|words| words.text(code, key, args))
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
    fn every_language_has_every_word_the_module_uses() {
        let used: BTreeSet<String> = keys::ALL.iter().map(|k| (*k).to_owned()).collect();
        for (code, source) in SOURCES {
            assert_eq!(ids(source), used, "web/manage/locales/{code}.ftl");
            assert_ne!(
                text(code, keys::WHO_SEES, &[]),
                keys::WHO_SEES,
                "{code} loads"
            );
        }
        assert_eq!(
            text("nl", keys::WHO_TRANSPARENCY, &[]),
            "Wat PDE bewaart, in detail"
        );
    }
}
