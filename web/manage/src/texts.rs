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

    // Recovery, deposit and grant links, the end of a wallet.
    pub const RECOVER_TITLE: &str = "recover-title";
    pub const RECOVER_LEAD: &str = "recover-lead";
    pub const RECOVER_KEY_LABEL: &str = "recover-key-label";
    pub const RECOVER_KEY_HINT: &str = "recover-key-hint";
    pub const RECOVER_SCAN: &str = "recover-scan";
    pub const RECOVER_SCAN_HINT: &str = "recover-scan-hint";
    pub const RECOVER_SCAN_STOP: &str = "recover-scan-stop";
    pub const RECOVER_SCAN_READ: &str = "recover-scan-read";
    pub const RECOVER_SCAN_NOT_KEY: &str = "recover-scan-not-key";
    pub const RECOVER_SCAN_UNAVAILABLE: &str = "recover-scan-unavailable";
    pub const RECOVER_NEW_SECRET_LABEL: &str = "recover-new-secret-label";
    pub const RECOVER_SUBMIT: &str = "recover-submit";
    pub const DEPOSIT_LEAD: &str = "deposit-lead";
    pub const DEPOSIT_FILES_LABEL: &str = "deposit-files-label";
    pub const DEPOSIT_FILES_INVALID: &str = "deposit-files-invalid";
    pub const DEPOSIT_LINKS_TITLE: &str = "deposit-links-title";
    pub const DEPOSIT_STATE_FULL: &str = "deposit-state-full";
    pub const DEPOSIT_RECEIVED_COUNT: &str = "deposit-received-count";
    pub const DEPOSIT_READY_EXPLAIN: &str = "deposit-ready-explain";
    pub const DEPOSIT_SLIP_TITLE: &str = "deposit-slip-title";
    pub const GRANT_STATE_ACTIVE: &str = "grant-state-active";
    pub const GRANT_STATE_INCOMPLETE: &str = "grant-state-incomplete";
    pub const GRANT_STATE_EXPIRED: &str = "grant-state-expired";
    pub const GRANT_STATE_REVOKED: &str = "grant-state-revoked";
    pub const GRANT_STATE_USED_UP: &str = "grant-state-used-up";
    pub const GRANT_STATE_BURNED: &str = "grant-state-burned";
    pub const GRANT_TIME_LEFT: &str = "grant-time-left";
    pub const GRANT_CREATED: &str = "grant-created";
    pub const GRANT_UNTIL: &str = "grant-until";
    pub const GRANT_HAS_PIN: &str = "grant-has-pin";
    pub const GRANT_OPENED: &str = "grant-opened";
    pub const GRANT_OPENED_OF: &str = "grant-opened-of";
    pub const GRANT_LOG: &str = "grant-log";
    pub const GRANT_REVOKE: &str = "grant-revoke";
    pub const GRANT_REVOKE_CONFIRM: &str = "grant-revoke-confirm";
    pub const GRANT_REVOKE_YES: &str = "grant-revoke-yes";
    pub const ERASED_TITLE: &str = "erased-title";
    pub const ERASED_TEXT: &str = "erased-text";
    pub const ERASED_START: &str = "erased-start";

    // Hidden documents, the meeting, export and import.
    pub const HIDDEN_LEAD: &str = "hidden-lead";
    pub const HIDDEN_WARNING: &str = "hidden-warning";
    pub const HIDDEN_SECRET_LABEL: &str = "hidden-secret-label";
    pub const HIDDEN_SECRET_REPEAT: &str = "hidden-secret-repeat";
    pub const HIDDEN_SUBMIT: &str = "hidden-submit";
    pub const HIDDEN_DONE: &str = "hidden-done";
    pub const MEETING_LEAD: &str = "meeting-lead";
    pub const MEETING_SHARE_FIRST: &str = "meeting-share-first";
    pub const MEETING_HOURS_LABEL: &str = "meeting-hours-label";
    pub const MEETING_HOURS: &str = "meeting-hours";
    pub const MEETING_UNTIL: &str = "meeting-until";
    pub const MEETING_SECRET_LABEL: &str = "meeting-secret-label";
    pub const MEETING_LOCK: &str = "meeting-lock";
    pub const MEETING_CONFIRM: &str = "meeting-confirm";
    pub const MEETING_UNDERSTOOD: &str = "meeting-understood";
    pub const MEETING_LOCK_YES: &str = "meeting-lock-yes";
    pub const MEETING_LOCK_NO: &str = "meeting-lock-no";
    pub const EXPORT_TITLE: &str = "export-title";
    pub const EXPORT_ZIP: &str = "export-zip";
    pub const EXPORT_ZIP_HINT: &str = "export-zip-hint";
    pub const EXPORT_LOCKED: &str = "export-locked";
    pub const EXPORT_LOCKED_HINT: &str = "export-locked-hint";
    pub const EXPORT_OWN: &str = "export-own";
    pub const EXPORT_KEY_TITLE: &str = "export-key-title";
    pub const EXPORT_KEY_TEXT: &str = "export-key-text";
    pub const EXPORT_KEY_NOTED: &str = "export-key-noted";
    pub const EXPORT_OWN_LABEL: &str = "export-own-label";
    pub const EXPORT_OWN_HINT: &str = "export-own-hint";
    pub const EXPORT_OWN_WEAK: &str = "export-own-weak";
    pub const EXPORT_START: &str = "export-start";
    pub const EXPORT_PREPARING: &str = "export-preparing";
    pub const EXPORT_PROGRESS: &str = "export-progress";
    pub const EXPORT_SAVE: &str = "export-save";
    pub const EXPORT_DONE: &str = "export-done";
    pub const EXPORT_READY: &str = "export-ready";
    pub const EXPORT_DAMAGED: &str = "export-damaged";
    pub const EXPORT_INDEX_TITLE: &str = "export-index-title";
    pub const EXPORT_INDEX_PART: &str = "export-index-part";
    pub const EXPORT_INDEX_ADDED: &str = "export-index-added";
    pub const EXPORT_INDEX_SERVER: &str = "export-index-server";
    pub const EXPORT_INDEX_CREATED: &str = "export-index-created";
    pub const EXPORT_INDEX_LINK: &str = "export-index-link";
    pub const EXPORT_INDEX_OPENED: &str = "export-index-opened";
    pub const EXPORT_INDEX_DEPOSIT: &str = "export-index-deposit";
    pub const IMPORT_TITLE: &str = "import-title";
    pub const IMPORT_LEAD: &str = "import-lead";
    pub const IMPORT_FILE: &str = "import-file";
    pub const IMPORT_PASSPHRASE: &str = "import-passphrase";
    pub const IMPORT_START: &str = "import-start";
    pub const IMPORT_DONE: &str = "import-done";
    pub const IMPORT_WRONG: &str = "import-wrong";
    pub const IMPORT_NOT_ARCHIVE: &str = "import-not-archive";
    pub const IMPORT_RECEIVED: &str = "import-received";

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
    pub const ALL: [&str; 151] = [
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
        RECOVER_TITLE,
        RECOVER_LEAD,
        RECOVER_KEY_LABEL,
        RECOVER_KEY_HINT,
        RECOVER_SCAN,
        RECOVER_SCAN_HINT,
        RECOVER_SCAN_STOP,
        RECOVER_SCAN_READ,
        RECOVER_SCAN_NOT_KEY,
        RECOVER_SCAN_UNAVAILABLE,
        RECOVER_NEW_SECRET_LABEL,
        RECOVER_SUBMIT,
        DEPOSIT_LEAD,
        DEPOSIT_FILES_LABEL,
        DEPOSIT_FILES_INVALID,
        DEPOSIT_LINKS_TITLE,
        DEPOSIT_STATE_FULL,
        DEPOSIT_RECEIVED_COUNT,
        DEPOSIT_READY_EXPLAIN,
        DEPOSIT_SLIP_TITLE,
        GRANT_STATE_ACTIVE,
        GRANT_STATE_INCOMPLETE,
        GRANT_STATE_EXPIRED,
        GRANT_STATE_REVOKED,
        GRANT_STATE_USED_UP,
        GRANT_STATE_BURNED,
        GRANT_TIME_LEFT,
        GRANT_CREATED,
        GRANT_UNTIL,
        GRANT_HAS_PIN,
        GRANT_OPENED,
        GRANT_OPENED_OF,
        GRANT_LOG,
        GRANT_REVOKE,
        GRANT_REVOKE_CONFIRM,
        GRANT_REVOKE_YES,
        ERASED_TITLE,
        ERASED_TEXT,
        ERASED_START,
        HIDDEN_LEAD,
        HIDDEN_WARNING,
        HIDDEN_SECRET_LABEL,
        HIDDEN_SECRET_REPEAT,
        HIDDEN_SUBMIT,
        HIDDEN_DONE,
        MEETING_LEAD,
        MEETING_SHARE_FIRST,
        MEETING_HOURS_LABEL,
        MEETING_HOURS,
        MEETING_UNTIL,
        MEETING_SECRET_LABEL,
        MEETING_LOCK,
        MEETING_CONFIRM,
        MEETING_UNDERSTOOD,
        MEETING_LOCK_YES,
        MEETING_LOCK_NO,
        EXPORT_TITLE,
        EXPORT_ZIP,
        EXPORT_ZIP_HINT,
        EXPORT_LOCKED,
        EXPORT_LOCKED_HINT,
        EXPORT_OWN,
        EXPORT_KEY_TITLE,
        EXPORT_KEY_TEXT,
        EXPORT_KEY_NOTED,
        EXPORT_OWN_LABEL,
        EXPORT_OWN_HINT,
        EXPORT_OWN_WEAK,
        EXPORT_START,
        EXPORT_PREPARING,
        EXPORT_PROGRESS,
        EXPORT_SAVE,
        EXPORT_DONE,
        EXPORT_READY,
        EXPORT_DAMAGED,
        EXPORT_INDEX_TITLE,
        EXPORT_INDEX_PART,
        EXPORT_INDEX_ADDED,
        EXPORT_INDEX_SERVER,
        EXPORT_INDEX_CREATED,
        EXPORT_INDEX_LINK,
        EXPORT_INDEX_OPENED,
        EXPORT_INDEX_DEPOSIT,
        IMPORT_TITLE,
        IMPORT_LEAD,
        IMPORT_FILE,
        IMPORT_PASSPHRASE,
        IMPORT_START,
        IMPORT_DONE,
        IMPORT_WRONG,
        IMPORT_NOT_ARCHIVE,
        IMPORT_RECEIVED,
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
