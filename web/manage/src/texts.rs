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

/// The module's message ids; and the page's, for the words it shares with the page.
pub mod keys {
    pub use pde_web::i18n::keys::*;

    // The security screen.
    pub const SECURITY_LEAD: &str = "security-lead";
    pub const SECURITY_SESSIONS_TITLE: &str = "security-sessions-title";
    pub const SECURITY_SESSIONS_TEXT: &str = "security-sessions-text";
    pub const SECURITY_END_OTHERS: &str = "security-end-others";
    pub const SECURITY_END_OTHERS_DONE: &str = "security-end-others-done";
    pub const SECURITY_SECRET_TITLE: &str = "security-secret-title";
    pub const SECURITY_SECRET_TEXT: &str = "security-secret-text";
    pub const SECURITY_SECRET_CURRENT: &str = "security-secret-current";
    pub const SECURITY_SECRET_NEW: &str = "security-secret-new";
    pub const SECURITY_SECRET_HINT: &str = "security-secret-hint";
    pub const SECURITY_SECRET_END_LINKS: &str = "security-secret-end-links";
    pub const SECURITY_SECRET_SUBMIT: &str = "security-secret-submit";
    pub const SECURITY_SECRET_WORKING: &str = "security-secret-working";
    pub const SECURITY_SECRET_DONE: &str = "security-secret-done";
    pub const SECURITY_SECRET_LINKS_ENDED: &str = "security-secret-links-ended";
    pub const SECURITY_SHEET_TITLE: &str = "security-sheet-title";
    pub const SECURITY_SHEET_TEXT: &str = "security-sheet-text";
    pub const SECURITY_SHEET_CURRENT: &str = "security-sheet-current";
    pub const SECURITY_SHEET_SUBMIT: &str = "security-sheet-submit";
    pub const SECURITY_SHEET_NOW: &str = "security-sheet-now";
    pub const SECURITY_SHEET_LATER: &str = "security-sheet-later";
    pub const SECURITY_SHEET_CANCEL_TITLE: &str = "security-sheet-cancel-title";
    pub const SECURITY_SHEET_CANCEL_TEXT: &str = "security-sheet-cancel-text";
    pub const SECURITY_SHEET_CANCEL: &str = "security-sheet-cancel";
    pub const SECURITY_SHEET_CANCELLED: &str = "security-sheet-cancelled";
    pub const SECURITY_ERASE_TITLE: &str = "security-erase-title";
    pub const SECURITY_ERASE_TEXT: &str = "security-erase-text";
    pub const SECURITY_ERASE_START: &str = "security-erase-start";
    pub const SECURITY_ERASE_CONFIRM: &str = "security-erase-confirm";
    pub const SECURITY_ERASE_UNDERSTOOD: &str = "security-erase-understood";
    pub const SECURITY_ERASE_YES: &str = "security-erase-yes";
    pub const SECURITY_ERASE_NO: &str = "security-erase-no";
    pub const SECURITY_TAKE_TITLE: &str = "security-take-title";
    pub const SECURITY_TAKE_TEXT: &str = "security-take-text";
    pub const SECURITY_EXPORT: &str = "security-export";
    pub const SECURITY_IMPORT: &str = "security-import";

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
    pub const ALL: [&str; 59] = [
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
        SECURITY_LEAD,
        SECURITY_SESSIONS_TITLE,
        SECURITY_SESSIONS_TEXT,
        SECURITY_END_OTHERS,
        SECURITY_END_OTHERS_DONE,
        SECURITY_SECRET_TITLE,
        SECURITY_SECRET_TEXT,
        SECURITY_SECRET_CURRENT,
        SECURITY_SECRET_NEW,
        SECURITY_SECRET_HINT,
        SECURITY_SECRET_END_LINKS,
        SECURITY_SECRET_SUBMIT,
        SECURITY_SECRET_WORKING,
        SECURITY_SECRET_DONE,
        SECURITY_SECRET_LINKS_ENDED,
        SECURITY_SHEET_TITLE,
        SECURITY_SHEET_TEXT,
        SECURITY_SHEET_CURRENT,
        SECURITY_SHEET_SUBMIT,
        SECURITY_SHEET_NOW,
        SECURITY_SHEET_LATER,
        SECURITY_SHEET_CANCEL_TITLE,
        SECURITY_SHEET_CANCEL_TEXT,
        SECURITY_SHEET_CANCEL,
        SECURITY_SHEET_CANCELLED,
        SECURITY_ERASE_TITLE,
        SECURITY_ERASE_TEXT,
        SECURITY_ERASE_START,
        SECURITY_ERASE_CONFIRM,
        SECURITY_ERASE_UNDERSTOOD,
        SECURITY_ERASE_YES,
        SECURITY_ERASE_NO,
        SECURITY_TAKE_TITLE,
        SECURITY_TAKE_TEXT,
        SECURITY_EXPORT,
        SECURITY_IMPORT,
    ];
}

thread_local! {
    static WORDS: ModuleWords = const { ModuleWords::new(&SOURCES) };
}

/// Message `key` in language `code` (French for a code the module does not have), with `args`.
pub fn text(code: &str, key: &str, args: &[(&str, Arg)]) -> String {
    WORDS.with(|words| words.text(code, key, args))
}

/// Message `key` in the screen's language: from the module's words when it is one of them,
/// else from the page's catalogue.
#[cfg(target_arch = "wasm32")]
pub fn t_with(state: pde_web::page::state::AppState, key: &str, args: &[(&str, Arg)]) -> String {
    use leptos::prelude::Get;
    if keys::ALL.contains(&key) {
        text(state.lang.get(), key, args)
    } else {
        state.t_with(key, args)
    }
}

/// [`t_with`] without arguments.
#[cfg(target_arch = "wasm32")]
pub fn t(state: pde_web::page::state::AppState, key: &str) -> String {
    t_with(state, key, &[])
}

/// [`t`] as a reactive text, following the language (the page's `tr`, with the module's words).
#[cfg(target_arch = "wasm32")]
pub fn tr(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let state = pde_web::page::state::AppState::get();
    move || t(state, key)
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
