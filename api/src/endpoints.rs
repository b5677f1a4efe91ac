//! Every endpoint of the wallet protocol, declared once: its method, its path (from
//! [`crate::routes`]) and the types of what it takes and gives. The server's router takes the
//! method and the path from here; `pde-client` (the web vault and the native test client) can
//! only send an endpoint the body its declaration names, and reads the answer as declared.
//!
//! Bodies are JSON types, [`NoBody`], or [`Ciphertext`] (raw bytes, `application/octet-stream`).

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

/// No body (in a request) or a body nobody reads (an empty `204` answer).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoBody;

/// A body of raw bytes: sealed documents and their parts, never JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ciphertext;

/// One endpoint: `method path`, taking `Req` and answering `Res`.
pub struct Endpoint<Req, Res> {
    /// The method.
    pub method: Method,
    /// The path template, relative to [`crate::API_PREFIX`] (see [`routes::fill`]).
    pub path: &'static str,
    types: PhantomData<fn(Req) -> Res>,
}

impl<Req, Res> Endpoint<Req, Res> {
    const fn new(method: Method, path: &'static str) -> Self {
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

/// Starts a new wallet's OPAQUE registration.
pub const REGISTER_START: Endpoint<RegisterStartRequest, RegisterStartResponse> =
    Endpoint::new(Post, routes::REGISTER_START);
/// Ends a new wallet's registration (opens a session).
pub const REGISTER_FINISH: Endpoint<RegisterFinishRequest, SessionOpened> =
    Endpoint::new(Post, routes::REGISTER_FINISH);
/// Starts a recovery with the recovery sheet.
pub const RECOVER_START: Endpoint<RecoverStartRequest, RecoverStartResponse> =
    Endpoint::new(Post, routes::RECOVER_START);
/// Ends a recovery (new secret, opens a session).
pub const RECOVER_FINISH: Endpoint<RecoverFinishRequest, SessionOpened> =
    Endpoint::new(Post, routes::RECOVER_FINISH);
/// The open wallet.
pub const WALLET: Endpoint<NoBody, WalletInfo> = Endpoint::new(Get, routes::WALLET);
/// Time-locks the wallet ("prepare my meeting").
pub const TIME_LOCK: Endpoint<TimeLockRequest, TimeLocked> = Endpoint::new(Post, routes::TIME_LOCK);
/// Starts a login (counted).
pub const LOGIN_START: Endpoint<LoginStartRequest, LoginStartResponse> =
    Endpoint::new(Post, routes::LOGIN_START);
/// Ends a login (opens a session).
pub const LOGIN_FINISH: Endpoint<LoginFinishRequest, SessionOpened> =
    Endpoint::new(Post, routes::LOGIN_FINISH);
/// Ends the session.
pub const LOGOUT: Endpoint<NoBody, NoBody> = Endpoint::new(Post, routes::LOGOUT);
/// A hidden slot and its single-use attempt (counted).
pub const HIDDEN_SLOT: Endpoint<HiddenSlotRequest, HiddenSlotResponse> =
    Endpoint::new(Post, routes::HIDDEN_SLOT);
/// Starts a login into a hidden part.
pub const HIDDEN_LOGIN_START: Endpoint<HiddenLoginStartRequest, LoginStartResponse> =
    Endpoint::new(Post, routes::HIDDEN_LOGIN_START);
/// Starts a hidden part's registration.
pub const HIDDEN_REGISTER_START: Endpoint<HiddenRegisterStartRequest, HiddenRegisterStartResponse> =
    Endpoint::new(Post, routes::HIDDEN_REGISTER_START);
/// Ends a hidden part's registration.
pub const HIDDEN_REGISTER_FINISH: Endpoint<HiddenRegisterFinishRequest, NoBody> =
    Endpoint::new(Post, routes::HIDDEN_REGISTER_FINISH);
/// Announces an upload.
pub const CREATE_UPLOAD: Endpoint<UploadCreateRequest, UploadStatus> =
    Endpoint::new(Post, routes::UPLOADS);
/// Where an upload stands.
pub const UPLOAD_STATUS: Endpoint<NoBody, UploadStatus> = Endpoint::new(Get, routes::UPLOAD);
/// Abandons an upload.
pub const ABORT_UPLOAD: Endpoint<NoBody, NoBody> = Endpoint::new(Delete, routes::UPLOAD);
/// One part of an upload.
pub const UPLOAD_PART: Endpoint<Ciphertext, NoBody> = Endpoint::new(Put, routes::UPLOAD_PART);
/// Completes an upload.
pub const COMMIT_UPLOAD: Endpoint<UploadCommitRequest, DocumentInfo> =
    Endpoint::new(Post, routes::UPLOAD_COMMIT);
/// The wallet's documents.
pub const DOCUMENTS: Endpoint<NoBody, DocumentList> = Endpoint::new(Get, routes::DOCUMENTS);
/// Deletes a document.
pub const DELETE_DOCUMENT: Endpoint<NoBody, NoBody> = Endpoint::new(Delete, routes::DOCUMENT);
/// A document's ciphertext.
pub const DOCUMENT_CONTENT: Endpoint<NoBody, Ciphertext> =
    Endpoint::new(Get, routes::DOCUMENT_CONTENT);
/// Replaces a document's record.
pub const DOCUMENT_METADATA: Endpoint<MetadataUpdate, NoBody> =
    Endpoint::new(Put, routes::DOCUMENT_METADATA);
/// Creates a grant, its documents declared.
pub const CREATE_GRANT: Endpoint<GrantCreateRequest, GrantCreated> =
    Endpoint::new(Post, routes::GRANTS);
/// The wallet's grants.
pub const GRANTS: Endpoint<NoBody, GrantList> = Endpoint::new(Get, routes::GRANTS);
/// Revokes a grant.
pub const REVOKE_GRANT: Endpoint<NoBody, NoBody> = Endpoint::new(Delete, routes::GRANT);
/// One copy of a grant.
pub const GRANT_DOCUMENT: Endpoint<Ciphertext, NoBody> = Endpoint::new(Put, routes::GRANT_DOCUMENT);
/// What a grant link shows before it is opened (counts nothing).
pub const SHARED_STATUS: Endpoint<GrantTokens, GrantStatus> =
    Endpoint::new(Post, routes::SHARED_STATUS);
/// Opens a grant link (counted).
pub const SHARED_OPEN: Endpoint<GrantTokens, GrantOpened> =
    Endpoint::new(Post, routes::SHARED_OPEN);
/// One copy of an opened grant (with the opening token as bearer).
pub const SHARED_DOCUMENT: Endpoint<NoBody, Ciphertext> =
    Endpoint::new(Get, routes::SHARED_DOCUMENT);
/// Creates a deposit link.
pub const CREATE_DEPOSIT: Endpoint<DepositCreateRequest, DepositCreated> =
    Endpoint::new(Post, routes::DEPOSITS);
/// The wallet's deposit links.
pub const DEPOSITS: Endpoint<NoBody, DepositList> = Endpoint::new(Get, routes::DEPOSITS);
/// Stops a deposit link.
pub const REVOKE_DEPOSIT: Endpoint<NoBody, NoBody> = Endpoint::new(Delete, routes::DEPOSIT);
/// What a deposit link shows the worker.
pub const DROP_STATUS: Endpoint<DepositAccess, DepositStatus> =
    Endpoint::new(Post, routes::DROP_STATUS);
/// Starts one document through a deposit link.
pub const DROP_UPLOAD: Endpoint<DepositUploadRequest, UploadStatus> =
    Endpoint::new(Post, routes::DROP_UPLOADS);
/// One part of a deposited document (with the link's token as bearer).
pub const DROP_UPLOAD_PART: Endpoint<Ciphertext, NoBody> =
    Endpoint::new(Put, routes::DROP_UPLOAD_PART);
/// Completes a deposited document (with the link's token as bearer).
pub const DROP_UPLOAD_COMMIT: Endpoint<DepositCommitRequest, DepositReceived> =
    Endpoint::new(Post, routes::DROP_UPLOAD_COMMIT);
/// What the server allows.
pub const INFO: Endpoint<NoBody, ServerInfo> = Endpoint::new(Get, routes::INFO);
