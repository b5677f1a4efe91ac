//! Every endpoint of the wallet protocol, declared once: its method, its path (from
//! [`crate::routes`]) and the types of what it takes and gives. The server's router takes the
//! method and the path from here; `pde-client` (the web vault and the native test client) can
//! only send an endpoint the body its declaration names, and reads the answer as declared.
//!
//! Bodies are JSON types, [`NoBody`], [`Ciphertext`] (raw bytes, `application/octet-stream`)
//! [`CsvText`] or [`AnnouncementText`].

use std::marker::PhantomData;

use crate::routes;
use crate::types::*;

/// An HTTP method of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// As written in a request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// No body (in a request) or a body nobody reads (an empty `204` answer). As JSON, `null`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NoBody;

/// A body of raw bytes: sealed documents and their parts, never JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ciphertext;

/// A body of text in CSV (`text/csv`), for a spreadsheet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CsvText;

/// The announcement shown now, as plain text (`text/plain`): one line per language, its code, a
/// space, the text (`fr …`, `nl …`, `en …`, `ar …`); empty when there is none. Plain text so
/// that the holders' start page reads it without a JSON decoder (see [`announcement_in`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnnouncementText;

/// The text for language `code` in an [`AnnouncementText`] body (none when empty).
pub fn announcement_in<'a>(body: &'a str, code: &str) -> Option<&'a str> {
    body.lines()
        .find_map(|line| line.strip_prefix(code)?.strip_prefix(' '))
}

#[cfg(test)]
mod announcement_tests {
    #[test]
    fn each_language_reads_its_own_line() {
        let body = "fr Entretien samedi.\nnl Onderhoud zaterdag.\nen Maintenance on Saturday.\nar صيانة يوم السبت.\n";
        assert_eq!(
            super::announcement_in(body, "nl"),
            Some("Onderhoud zaterdag.")
        );
        assert_eq!(super::announcement_in(body, "ar"), Some("صيانة يوم السبت."));
        assert_eq!(super::announcement_in("", "fr"), None);
        assert_eq!(super::announcement_in("frx nope\n", "fr"), None);
    }
}

/// One endpoint: `method path`, taking `Req` and answering `Res`.
pub struct Endpoint<Req, Res> {
    /// The method.
    pub method: Method,
    /// The path template, relative to [`crate::API_PREFIX`] (see [`routes::fill`]).
    pub path: &'static str,
    types: PhantomData<fn(Req) -> Res>,
}

impl<Req, Res> Endpoint<Req, Res> {
    pub(crate) const fn new(method: Method, path: &'static str) -> Self {
        Self {
            method,
            path,
            types: PhantomData,
        }
    }

    /// The path with its `{…}` parameters filled in, in order.
    pub fn path_with(&self, values: &[&str]) -> String {
        routes::fill(self.path, values)
    }
}

impl<Req, Res> Clone for Endpoint<Req, Res> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Req, Res> Copy for Endpoint<Req, Res> {}

impl<Req, Res> std::fmt::Debug for Endpoint<Req, Res> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method.as_str(), self.path)
    }
}

use Method::{Delete, Get, Post, Put};

/// Declares each endpoint once, and [`ALL`] from the same lines.
macro_rules! endpoints {
    ($($(#[$doc:meta])* $name:ident: $req:ty => $res:ty = $method:ident $path:path;)*) => {
        $($(#[$doc])* pub const $name: Endpoint<$req, $res> = Endpoint::new($method, $path);)*

        /// Every endpoint's method and path (the server checks its router and its OpenAPI
        /// document against this list).
        pub const ALL: &[(Method, &str)] = &[$(($method, $path)),*];
    };
}
#[cfg(feature = "admin")]
pub(crate) use endpoints;

endpoints! {
    /// Starts a new wallet's OPAQUE registration.
    REGISTER_START: RegisterStartRequest => RegisterStartResponse = Post routes::REGISTER_START;
    /// Ends a new wallet's registration (opens a session).
    REGISTER_FINISH: RegisterFinishRequest => SessionOpened = Post routes::REGISTER_FINISH;
    /// Starts a recovery with the recovery sheet.
    RECOVER_START: RecoverStartRequest => RecoverStartResponse = Post routes::RECOVER_START;
    /// Ends a recovery (new secret, opens a session).
    RECOVER_FINISH: RecoverFinishRequest => SessionOpened = Post routes::RECOVER_FINISH;
    /// The open wallet.
    WALLET: NoBody => WalletInfo = Get routes::WALLET;
    /// Starts changing the secret of the open part.
    SECRET_START: SecretChangeStartRequest => SecretChangeStartResponse = Post routes::SECRET_START;
    /// Ends a change of the secret, the current one proven again.
    SECRET_FINISH: SecretChangeFinishRequest => NoBody = Post routes::SECRET_FINISH;
    /// Makes a new recovery sheet: at once with the current sheet, after a delay without it.
    RECOVERY_SHEET: NewSheetRequest => NewSheetResponse = Post routes::RECOVERY_SHEET;
    /// Cancels a new recovery sheet still waiting for its time, with the current sheet.
    RECOVERY_SHEET_CANCEL: CancelSheetRequest => NoBody = Post routes::RECOVERY_SHEET_CANCEL;
    /// Ends the open part for good, the secret proven again ("end my wallet").
    WALLET_ERASE: EraseRequest => NoBody = Post routes::WALLET_ERASE;
    /// Time-locks the wallet ("prepare my meeting").
    TIME_LOCK: TimeLockRequest => TimeLocked = Post routes::TIME_LOCK;
    /// Starts a login (counted).
    LOGIN_START: LoginStartRequest => LoginStartResponse = Post routes::LOGIN_START;
    /// Ends a login (opens a session).
    LOGIN_FINISH: LoginFinishRequest => SessionOpened = Post routes::LOGIN_FINISH;
    /// Ends the session.
    LOGOUT: NoBody => NoBody = Post routes::LOGOUT;
    /// Ends every other session of the wallet and of its parts (a computer left open elsewhere).
    END_OTHER_SESSIONS: NoBody => NoBody = Post routes::OTHER_SESSIONS;
    /// A hidden slot and its single-use attempt (counted).
    HIDDEN_SLOT: HiddenSlotRequest => HiddenSlotResponse = Post routes::HIDDEN_SLOT;
    /// Starts a login into a hidden part.
    HIDDEN_LOGIN_START: HiddenLoginStartRequest => LoginStartResponse = Post routes::HIDDEN_LOGIN_START;
    /// Starts a hidden part's registration.
    HIDDEN_REGISTER_START: HiddenRegisterStartRequest => HiddenRegisterStartResponse = Post routes::HIDDEN_REGISTER_START;
    /// Ends a hidden part's registration.
    HIDDEN_REGISTER_FINISH: HiddenRegisterFinishRequest => NoBody = Post routes::HIDDEN_REGISTER_FINISH;
    /// Announces an upload.
    CREATE_UPLOAD: UploadCreateRequest => UploadStatus = Post routes::UPLOADS;
    /// Where an upload stands.
    UPLOAD_STATUS: NoBody => UploadStatus = Get routes::UPLOAD;
    /// Abandons an upload.
    ABORT_UPLOAD: NoBody => NoBody = Delete routes::UPLOAD;
    /// One part of an upload.
    UPLOAD_PART: Ciphertext => NoBody = Put routes::UPLOAD_PART;
    /// Completes an upload.
    COMMIT_UPLOAD: UploadCommitRequest => DocumentInfo = Post routes::UPLOAD_COMMIT;
    /// The wallet's documents.
    DOCUMENTS: NoBody => DocumentList = Get routes::DOCUMENTS;
    /// Deletes a document.
    DELETE_DOCUMENT: NoBody => NoBody = Delete routes::DOCUMENT;
    /// A document's ciphertext.
    DOCUMENT_CONTENT: NoBody => Ciphertext = Get routes::DOCUMENT_CONTENT;
    /// Replaces a document's record.
    DOCUMENT_METADATA: MetadataUpdate => NoBody = Put routes::DOCUMENT_METADATA;
    /// Creates a grant, its documents declared.
    CREATE_GRANT: GrantCreateRequest => GrantCreated = Post routes::GRANTS;
    /// The wallet's grants.
    GRANTS: NoBody => GrantList = Get routes::GRANTS;
    /// Revokes a grant.
    REVOKE_GRANT: NoBody => NoBody = Delete routes::GRANT;
    /// One copy of a grant.
    GRANT_DOCUMENT: Ciphertext => NoBody = Put routes::GRANT_DOCUMENT;
    /// What a grant link shows before it is opened (counts nothing).
    SHARED_STATUS: GrantTokens => GrantStatus = Post routes::SHARED_STATUS;
    /// Opens a grant link (counted).
    SHARED_OPEN: GrantTokens => GrantOpened = Post routes::SHARED_OPEN;
    /// One copy of an opened grant (with the opening token as bearer).
    SHARED_DOCUMENT: NoBody => Ciphertext = Get routes::SHARED_DOCUMENT;
    /// Creates a deposit link.
    CREATE_DEPOSIT: DepositCreateRequest => DepositCreated = Post routes::DEPOSITS;
    /// The wallet's deposit links.
    DEPOSITS: NoBody => DepositList = Get routes::DEPOSITS;
    /// Stops a deposit link.
    REVOKE_DEPOSIT: NoBody => NoBody = Delete routes::DEPOSIT;
    /// What a deposit link shows the worker.
    DROP_STATUS: DepositAccess => DepositStatus = Post routes::DROP_STATUS;
    /// Starts one document through a deposit link.
    DROP_UPLOAD: DepositUploadRequest => UploadStatus = Post routes::DROP_UPLOADS;
    /// One part of a deposited document (with the link's token as bearer).
    DROP_UPLOAD_PART: Ciphertext => NoBody = Put routes::DROP_UPLOAD_PART;
    /// Completes a deposited document (with the link's token as bearer).
    DROP_UPLOAD_COMMIT: DepositCommitRequest => DepositReceived = Post routes::DROP_UPLOAD_COMMIT;
    /// What the server allows.
    INFO: NoBody => ServerInfo = Get routes::INFO;
    /// The coordinators' announcement shown now (plain text).
    ANNOUNCEMENT: NoBody => AnnouncementText = Get routes::ANNOUNCEMENT;
    /// What a feedback form tells first.
    FEEDBACK_TERMS: NoBody => crate::feedback::FeedbackTerms = Get routes::FEEDBACK_TERMS;
    /// Sends a feedback (without cookies).
    FEEDBACK: crate::feedback::FeedbackRequest => NoBody = Post routes::FEEDBACK;
}
