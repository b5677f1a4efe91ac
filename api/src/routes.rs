//! Every route of the API, named once: the server's router and its OpenAPI document, the web
//! vault and the native client all take the path from here (relative to
//! [`crate::API_PREFIX`]; a `{name}` segment is a parameter, filled in with [`fill`]). The test
//! `tests/routes_named_once.rs` fails when a route's path is written anywhere else.

/// `POST` start of a new wallet's OPAQUE registration.
pub const REGISTER_START: &str = "/wallets/register/start";
/// `POST` end of a new wallet's registration (opens a session).
pub const REGISTER_FINISH: &str = "/wallets/register/finish";
/// `POST` start of a recovery with the recovery sheet.
pub const RECOVER_START: &str = "/wallets/recover/start";
/// `POST` end of a recovery (new secret, opens a session).
pub const RECOVER_FINISH: &str = "/wallets/recover/finish";
/// `GET` the open wallet.
pub const WALLET: &str = "/wallet";
/// `POST` start of a change of the secret (within a session).
pub const SECRET_START: &str = "/wallet/secret/start";
/// `POST` end of a change of the secret (the current secret proven again).
pub const SECRET_FINISH: &str = "/wallet/secret/finish";
/// `POST` a new recovery sheet (within a session, the secret proven again).
pub const RECOVERY_SHEET: &str = "/wallet/recovery-sheet";
/// `POST` cancels a new recovery sheet still waiting for its time (with the current sheet).
pub const RECOVERY_SHEET_CANCEL: &str = "/wallet/recovery-sheet/cancel";
/// `POST` ends the open part for good (the secret proven again): "end my wallet".
pub const WALLET_ERASE: &str = "/wallet/erase";
/// `POST` the time-lock ("prepare my meeting").
pub const TIME_LOCK: &str = "/wallet/time-lock";
/// `POST` start of a login.
pub const LOGIN_START: &str = "/sessions/start";
/// `POST` end of a login (opens a session).
pub const LOGIN_FINISH: &str = "/sessions/finish";
/// `POST` ends the session.
pub const LOGOUT: &str = "/sessions/logout";
/// `POST` ends every other session of the wallet and of its parts.
pub const OTHER_SESSIONS: &str = "/sessions/others";
/// `POST` a hidden slot (and its single-use attempt).
pub const HIDDEN_SLOT: &str = "/hidden/slot";
/// `POST` start of a login into a hidden part.
pub const HIDDEN_LOGIN_START: &str = "/hidden/sessions/start";
/// `POST` start of a hidden part's registration.
pub const HIDDEN_REGISTER_START: &str = "/hidden/register/start";
/// `POST` end of a hidden part's registration.
pub const HIDDEN_REGISTER_FINISH: &str = "/hidden/register/finish";
/// `POST` a new upload.
pub const UPLOADS: &str = "/uploads";
/// `GET` where an upload stands; `DELETE` abandons it.
pub const UPLOAD: &str = "/uploads/{upload_id}";
/// `PUT` one part of an upload.
pub const UPLOAD_PART: &str = "/uploads/{upload_id}/parts/{part}";
/// `POST` completes an upload.
pub const UPLOAD_COMMIT: &str = "/uploads/{upload_id}/commit";
/// `GET` the wallet's documents.
pub const DOCUMENTS: &str = "/documents";
/// `DELETE` a document.
pub const DOCUMENT: &str = "/documents/{document_id}";
/// `GET` a document's ciphertext.
pub const DOCUMENT_CONTENT: &str = "/documents/{document_id}/content";
/// `PUT` a document's record.
pub const DOCUMENT_METADATA: &str = "/documents/{document_id}/metadata";
/// `POST` a new grant; `GET` the wallet's grants.
pub const GRANTS: &str = "/grants";
/// `DELETE` (revokes) a grant.
pub const GRANT: &str = "/grants/{grant_id}";
/// `PUT` one copy of a grant.
pub const GRANT_DOCUMENT: &str = "/grants/{grant_id}/documents/{position}";
/// `POST` what a grant link shows before it is opened.
pub const SHARED_STATUS: &str = "/shared/{grant_id}/status";
/// `POST` opens a grant link (counted).
pub const SHARED_OPEN: &str = "/shared/{grant_id}/open";
/// `GET` one copy of an opened grant.
pub const SHARED_DOCUMENT: &str = "/shared/{grant_id}/documents/{position}";
/// `POST` a new deposit link; `GET` the wallet's deposit links.
pub const DEPOSITS: &str = "/deposits";
/// `DELETE` (stops) a deposit link.
pub const DEPOSIT: &str = "/deposits/{deposit_id}";
/// `POST` what a deposit link shows the worker.
pub const DROP_STATUS: &str = "/drop/{deposit_id}/status";
/// `POST` starts one document through a deposit link.
pub const DROP_UPLOADS: &str = "/drop/{deposit_id}/uploads";
/// `PUT` one part of a deposited document.
pub const DROP_UPLOAD_PART: &str = "/drop/{deposit_id}/uploads/{upload_id}/parts/{part}";
/// `POST` completes a deposited document.
pub const DROP_UPLOAD_COMMIT: &str = "/drop/{deposit_id}/uploads/{upload_id}/commit";
/// `GET` what the server allows (limits, settings clients need).
pub const INFO: &str = "/info";
/// `GET` liveness: 200 while the process serves.
pub const HEALTH_LIVE: &str = "/health/live";
/// `GET` readiness: 200 when the database takes a write, the blob store a round trip, the disk
/// has room and the secrets are in place; else 503.
pub const HEALTH_READY: &str = "/health/ready";
/// `GET` the OpenAPI document.
pub const OPENAPI: &str = "/openapi.json";
/// `GET` the coordinators' announcement shown now, as plain text (one line per language).
pub const ANNOUNCEMENT: &str = "/announcement";
/// `GET` what a feedback form tells before anything is sent (how long feedback is kept).
pub const FEEDBACK_TERMS: &str = "/feedback/terms";
/// `POST` a feedback: without cookies, never logged (not even its route).
pub const FEEDBACK: &str = "/feedback";
/// `POST` moves the test clock (only in a server built with the `test-clock` feature).
pub const TEST_CLOCK: &str = "/test/clock";

/// Every route above, for checks over all of them.
pub const ALL: &[&str] = &[
    REGISTER_START,
    REGISTER_FINISH,
    RECOVER_START,
    RECOVER_FINISH,
    WALLET,
    TIME_LOCK,
    LOGIN_START,
    LOGIN_FINISH,
    LOGOUT,
    HIDDEN_SLOT,
    HIDDEN_LOGIN_START,
    HIDDEN_REGISTER_START,
    HIDDEN_REGISTER_FINISH,
    UPLOADS,
    UPLOAD,
    UPLOAD_PART,
    UPLOAD_COMMIT,
    DOCUMENTS,
    DOCUMENT,
    DOCUMENT_CONTENT,
    DOCUMENT_METADATA,
    GRANTS,
    GRANT,
    GRANT_DOCUMENT,
    SHARED_STATUS,
    SHARED_OPEN,
    SHARED_DOCUMENT,
    DEPOSITS,
    DEPOSIT,
    DROP_STATUS,
    DROP_UPLOADS,
    DROP_UPLOAD_PART,
    DROP_UPLOAD_COMMIT,
    INFO,
    HEALTH_LIVE,
    HEALTH_READY,
    OPENAPI,
    ANNOUNCEMENT,
    FEEDBACK_TERMS,
    FEEDBACK,
    TEST_CLOCK,
];

/// The administration API's routes (relative to [`crate::admin::ADMIN_API_PREFIX`], served on
/// the admin origin only): each named once too.
pub mod admin {
    /// `POST` start of an enrolment (the link's token): a passkey registration.
    pub const ENROL_START: &str = "/enrol/start";
    /// `POST` end of an enrolment: the passkey is kept, the 6-digit code shown.
    pub const ENROL_FINISH: &str = "/enrol/finish";
    /// `POST` start of a login with a passkey.
    pub const LOGIN_START: &str = "/login/start";
    /// `POST` end of a login (opens an admin session).
    pub const LOGIN_FINISH: &str = "/login/finish";
    /// `GET` who is logged in.
    pub const ME: &str = "/me";
    /// `POST` ends the admin session.
    pub const LOGOUT: &str = "/logout";
    /// `POST` start of a fresh assertion (before a passkey is added or removed).
    pub const REAUTH_START: &str = "/reauth/start";
    /// `POST` end of a fresh assertion.
    pub const REAUTH_FINISH: &str = "/reauth/finish";
    /// `GET` the admin's own passkeys.
    pub const PASSKEYS: &str = "/passkeys";
    /// `POST` start of adding a passkey (after a fresh assertion).
    pub const PASSKEY_ADD_START: &str = "/passkeys/start";
    /// `POST` end of adding a passkey.
    pub const PASSKEY_ADD_FINISH: &str = "/passkeys/finish";
    /// `DELETE` one of the admin's own passkeys (after a fresh assertion; never the last).
    pub const PASSKEY: &str = "/passkeys/{passkey_id}";
    /// `GET` the audit log.
    pub const AUDIT: &str = "/audit";
    /// `GET` the partners and the invitation batches.
    pub const INVITATIONS: &str = "/invitations";
    /// `POST` a new batch of invitation codes (coordinators).
    pub const BATCHES: &str = "/invitations/batches";
    /// `POST` revokes a batch: its codes no longer make wallets (coordinators).
    pub const BATCH_REVOKE: &str = "/invitations/batches/{batch_id}/revoke";
    /// `GET` the statistics (closed weeks and months, k-anonymous).
    pub const STATISTICS: &str = "/statistics";
    /// `GET` the same figures as a CSV file.
    pub const STATISTICS_CSV: &str = "/statistics.csv";
    /// `GET` the feedback received (coordinators).
    pub const FEEDBACK: &str = "/feedback";
    /// `POST` a feedback's tags and whether it is closed (coordinators).
    pub const FEEDBACK_ITEM: &str = "/feedback/{feedback_id}";
    /// `GET` the "what we changed" entries; `POST` publishes one (coordinators).
    pub const CHANGES: &str = "/changes";
    /// `DELETE` a "what we changed" entry (coordinators).
    pub const CHANGE: &str = "/changes/{change_id}";
    /// `GET` the announcements; `POST` posts one (coordinators).
    pub const ANNOUNCEMENTS: &str = "/announcements";
    /// `POST` ends an announcement now (coordinators).
    pub const ANNOUNCEMENT_END: &str = "/announcements/{announcement_id}/end";

    /// `GET` the admin API's OpenAPI document (not a client's endpoint: not in [`ALL`]).
    pub const OPENAPI: &str = "/openapi.json";

    /// Every admin route.
    pub const ALL: &[&str] = &[
        ENROL_START,
        ENROL_FINISH,
        LOGIN_START,
        LOGIN_FINISH,
        ME,
        LOGOUT,
        REAUTH_START,
        REAUTH_FINISH,
        PASSKEYS,
        PASSKEY_ADD_START,
        PASSKEY_ADD_FINISH,
        PASSKEY,
        AUDIT,
        INVITATIONS,
        BATCHES,
        BATCH_REVOKE,
        STATISTICS,
        STATISTICS_CSV,
        FEEDBACK,
        FEEDBACK_ITEM,
        CHANGES,
        CHANGE,
        ANNOUNCEMENTS,
        ANNOUNCEMENT_END,
    ];
}

/// The path of `template` with its `{…}` segments replaced by `values`, in order (a value is
/// an id or a number: the caller passes nothing that needs escaping).
///
/// ```
/// use pde_api::routes;
/// assert_eq!(
///     routes::fill(routes::UPLOAD_PART, &["ab12", "3"]),
///     "/uploads/ab12/parts/3"
/// );
/// ```
pub fn fill(template: &str, values: &[&str]) -> String {
    let mut values = values.iter();
    template
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                values.next().copied().unwrap_or(segment)
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_listed_once_and_fills() {
        let mut seen = std::collections::HashSet::new();
        for route in ALL {
            assert!(route.starts_with('/'), "{route}");
            assert!(seen.insert(route), "{route} twice");
        }
        assert_eq!(fill(DOCUMENTS, &[]), "/documents");
        assert_eq!(
            fill(DROP_UPLOAD_COMMIT, &["d", "u"]),
            "/drop/d/uploads/u/commit"
        );
    }
}
