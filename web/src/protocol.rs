//! Messages between the page and the vault worker. The page never holds a key: it sends
//! commands (with a `File` attached when adding a document) and gets plain answers back (with a
//! `Blob` attached when opening one). Messages travel as postcard bytes: both ends are this same
//! build, and a compact binary format needs far less WebAssembly than JSON's field-name matching.
//! Every type here must therefore serialize every field (no `skip_serializing_if`, no internally
//! tagged or untagged enums), which the round-trip tests check.

use pde_crypto::document::DocumentId;
use pde_crypto::metadata::{Category, DocumentDate};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// A message as bytes for `postMessage`.
pub fn encode<T: Serialize>(message: &T) -> Result<Vec<u8>, postcard::Error> {
    postcard::to_allocvec(message)
}

/// A message back from bytes; `None` for bytes this build did not write.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes).ok()
}

/// What the page asks the vault for.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// The server's limits and creation mode.
    ServerInfo,
    /// Creates a wallet and opens it.
    Create {
        /// Optional pseudonym (else only the generated number).
        pseudonym: Option<String>,
        /// The passphrase or PIN.
        secret: Secret,
        /// Invitation code, when the server asks for one.
        invite_code: Option<String>,
    },
    /// Opens a wallet with its secret.
    Unlock {
        /// Wallet number or pseudonym.
        login: String,
        /// The passphrase or PIN.
        secret: Secret,
    },
    /// Replaces a forgotten secret using the recovery key, then opens the wallet.
    Recover {
        /// Wallet number or pseudonym.
        login: String,
        /// The recovery key as typed from the sheet.
        recovery_key: Secret,
        /// The new passphrase or PIN.
        new_secret: Secret,
    },
    /// The documents, with their metadata decrypted.
    List,
    /// What the server holds about the open wallet (for the export's index).
    About,
    /// Encrypts and uploads the attached file (reporting progress).
    Add {
        /// Category chosen by the holder.
        category: Category,
        /// The name to give it (a readable one made by the page from the category and the
        /// date, for a camera's `IMG_1234.jpg`); else the file's own.
        name: Option<String>,
    },
    /// Downloads, checks and decrypts a document; answers with the content attached.
    Open {
        /// Which one.
        id: DocumentId,
    },
    /// Replaces a document's name, category, note and dates.
    Update {
        /// Which one.
        id: DocumentId,
        /// New name.
        name: String,
        /// New category.
        category: Category,
        /// New note.
        note: String,
        /// When it was issued, if known.
        issued_on: Option<DocumentDate>,
        /// When it expires, if it does.
        expires_on: Option<DocumentDate>,
    },
    /// Deletes a document.
    Delete {
        /// Which one.
        id: DocumentId,
    },
    /// Forgets every key and ends the session.
    Lock,
    /// Ends every other session of the wallet and of its parts; this one stays open.
    EndOtherSessions,
    /// A new recovery sheet, the secret proven again: at once with the `current` sheet's key,
    /// else after a week.
    NewSheet {
        /// The wallet number or pseudonym.
        login: String,
        /// The wallet's secret.
        secret: Secret,
        /// The current sheet's recovery key, as typed, when the holder has it.
        current: Option<Secret>,
    },
    /// Cancels a new recovery sheet still waiting, with the current sheet's key.
    CancelSheet {
        /// The current sheet's recovery key, as typed.
        current: Secret,
    },
    /// Ends the open part for good ("end my wallet"), its secret proven again; the vault
    /// forgets the key.
    EraseWallet {
        /// The wallet number or pseudonym.
        login: String,
        /// The part's secret.
        secret: Secret,
    },
    /// Replaces the open wallet's everyday secret (the current one proven again); every other
    /// session ends, and with `end_links` every grant and deposit link stops too.
    ChangeSecret {
        /// The wallet number or pseudonym.
        login: String,
        /// The secret in use.
        current: Secret,
        /// The new one.
        new_secret: Secret,
        /// Stop every link as well.
        end_links: bool,
    },
    /// Sets up a hidden part of the open wallet, opened by its own secret.
    CreateHidden {
        /// The wallet number or pseudonym.
        login: String,
        /// The hidden part's secret.
        secret: Secret,
    },
    /// "Prepare my meeting": proves the secret again and locks the wallet until `until` (Unix
    /// seconds); the server ends every session and the vault forgets the key.
    TimeLock {
        /// The wallet number or pseudonym.
        login: String,
        /// The secret, typed again.
        secret: Secret,
        /// Unix seconds.
        until: i64,
    },
    /// Shares documents through a new grant link: each is decrypted and sealed again to a
    /// fresh grant key (reporting progress), then sent.
    Share(ShareRequest),
    /// The holder's grants, labels decrypted.
    Grants,
    /// Stops a grant at once.
    Revoke {
        /// Which one.
        grant_id: pde_api::GrantId,
    },
    /// The worker's page read a link: the vault keeps its secret and asks for the grant's
    /// state (nothing is counted).
    SharedStatus {
        /// The grant's id (the link's path).
        grant_id: String,
        /// The link's fragment (the secret).
        fragment: Secret,
    },
    /// Opens the grant of the last [`Command::SharedStatus`] (counted as an opening).
    OpenShared {
        /// The PIN told aloud, when the grant has one.
        pin: Option<Secret>,
    },
    /// Downloads and decrypts one granted document; answers with the content attached.
    OpenSharedDocument {
        /// Its place in the grant.
        position: u32,
    },
    /// Makes a deposit link for the open wallet.
    CreateDeposit {
        /// The private label ("CPAS Anderlecht").
        label: String,
        /// How long it works.
        expires_in_seconds: u64,
        /// Most documents.
        max_files: u32,
        /// The interface language, which the worker's page starts in.
        lang: String,
    },
    /// The holder's deposit links, labels decrypted.
    Deposits,
    /// Stops a deposit link.
    RevokeDeposit {
        /// Which one.
        deposit_id: pde_api::DepositId,
    },
    /// The worker's page read a deposit link: the vault keeps its secret, asks the link's
    /// state and checks the holder's key.
    DropStatus {
        /// The link's id.
        deposit_id: String,
        /// The link's fragment (the secret).
        fragment: Secret,
    },
    /// Seals the attached file to the holder's key and sends it through the link read last.
    Drop,
}

/// What the holder chose to share.
#[derive(Debug, Serialize, Deserialize)]
pub struct ShareRequest {
    /// The documents, in the order the worker will see them.
    pub documents: Vec<DocumentId>,
    /// The private label only the holder sees ("CPAS Anderlecht").
    pub label: String,
    /// How long the link works.
    pub expires_in_seconds: u64,
    /// The PIN to tell aloud, if any.
    pub pin: Option<Secret>,
    /// Most openings, if limited.
    pub max_openings: Option<u32>,
    /// The interface language, which the worker's page starts in.
    pub lang: String,
    /// Whether the holder's notes and thumbnails go with the documents (off by default).
    pub include_notes: bool,
}

/// A secret typed by the holder (passphrase, PIN, recovery key, a link's fragment): zeroized
/// when dropped, never cloned, no `Debug` output of the content. What the browser itself keeps
/// (the input field's value, the strings the page hands over) is beyond the page's reach.
pub struct Secret(pub Zeroizing<String>);

impl Secret {
    /// Takes `text` over (it is zeroized with the `Secret`).
    pub fn new(text: String) -> Self {
        Self(Zeroizing::new(text))
    }
}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The vault's answer to one command.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// Answer to [`Command::ServerInfo`].
    ServerInfo(pde_api::ServerInfo),
    /// The wallet was created and is open; the recovery key is shown once.
    Created {
        /// The open wallet.
        wallet: WalletView,
        /// The recovery key, grouped for reading and writing down.
        recovery_key: String,
    },
    /// A new recovery sheet was made; its key is shown once.
    NewSheet {
        /// The open wallet as it is now.
        wallet: WalletView,
        /// The new recovery key, grouped for reading and writing down.
        recovery_key: Secret,
        /// When it replaces the old sheet, Unix seconds.
        effective_at: i64,
    },
    /// The open wallet changed (e.g. a waiting sheet was cancelled).
    WalletChanged {
        /// The open wallet as it is now.
        wallet: WalletView,
    },
    /// The wallet is open.
    Unlocked {
        /// The open wallet.
        wallet: WalletView,
    },
    /// Answer to [`Command::List`].
    Documents(DocumentsView),
    /// Answer to [`Command::About`].
    About {
        /// When the server says the wallet was made, Unix seconds.
        created_at: i64,
    },
    /// The document was stored.
    Added {
        /// Its id.
        id: DocumentId,
    },
    /// The content is attached as a `Blob` of type `mime`.
    Opened {
        /// The type the app set after checking the content (never the uploader's claim).
        mime: String,
        /// How the page may show it.
        display: Display,
        /// File name for downloading.
        name: String,
    },
    /// The grant link is ready.
    Shared {
        /// The grant's id (the link's path: `/g/<id>`).
        grant_id: pde_api::GrantId,
        /// The link's fragment: the secret (and the page's language). Shown as the link and
        /// the QR code, never sent to the server.
        fragment: Secret,
        /// Unix seconds.
        expires_at: i64,
    },
    /// Answer to [`Command::Grants`].
    Grants(Vec<GrantView>),
    /// Answer to [`Command::SharedStatus`].
    SharedStatus(pde_api::GrantStatus),
    /// Answer to [`Command::OpenShared`]: the granted documents.
    SharedOpened {
        /// Unix seconds.
        expires_at: i64,
        /// In the holder's order.
        documents: Vec<SharedDocumentView>,
    },
    /// A deposit link is ready.
    DepositReady {
        /// Its id (`/d/<id>`).
        deposit_id: pde_api::DepositId,
        /// The link's fragment (secret and language).
        fragment: Secret,
        /// Unix seconds.
        expires_at: i64,
    },
    /// Answer to [`Command::Deposits`].
    Deposits(Vec<DepositView>),
    /// Answer to [`Command::DropStatus`].
    DropStatus {
        /// Where the link stands.
        state: pde_api::DepositState,
        /// Unix seconds.
        expires_at: i64,
        /// Documents it still accepts.
        files_left: u32,
    },
    /// Done, nothing to report.
    Done,
    /// The wallet is locked until then; every session ended, the key is forgotten.
    TimeLocked {
        /// Unix seconds.
        until: i64,
    },
    /// Something failed.
    Failed(Failure),
}

/// How the page may show a document's content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Display {
    /// A re-encoded image (JPEG or PNG made by the app): an `<img>`.
    Image,
    /// A PDF (checked by its signature): a frame showing the browser's PDF viewer.
    Pdf,
    /// Anything else: download only.
    DownloadOnly,
}

/// The open wallet as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WalletView {
    /// The generated wallet number (`XXXX-XXXX-XXXX`).
    pub wallet_number: String,
    /// The pseudonym, if any.
    pub pseudonym: Option<String>,
    /// Which part of the wallet is open (its public key; a hidden part has its own): work cut
    /// short by the end of a session is only taken up again in the same part.
    pub part: String,
    /// A new recovery sheet made with the secret alone, waiting for its time.
    pub pending_sheet: Option<pde_api::PendingSheetInfo>,
    /// The server was restored from a backup of this time (told at the first unlock after it).
    pub restored_from: Option<i64>,
}

/// The documents of the open wallet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentsView {
    /// Newest first.
    pub documents: Vec<DocumentView>,
    /// Bytes used (padded ciphertext).
    pub used_bytes: u64,
    /// The wallet's quota.
    pub quota_bytes: u64,
}

/// One document, decrypted metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    /// Its id.
    pub id: DocumentId,
    /// File name.
    pub name: String,
    /// Type set by the app.
    pub mime: String,
    /// Category.
    pub category: Category,
    /// Note.
    pub note: String,
    /// When it was added (Unix seconds).
    pub created_at: i64,
    /// When it was issued, if the holder said.
    pub issued_on: Option<DocumentDate>,
    /// When it expires, if the holder said.
    pub expires_on: Option<DocumentDate>,
    /// Encrypted size on the server (padded).
    pub size: u64,
    /// JPEG thumbnail, base64, if the document is an image.
    pub thumbnail_jpeg_base64: Option<String>,
    /// The record failed its integrity check (changed or swapped on the server).
    pub damaged: bool,
    /// It came through a deposit link (sender not verified): that link's private label.
    pub received_from: Option<String>,
}

/// One of the holder's grants as the "shared" screen shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GrantView {
    /// Its id.
    pub grant_id: pde_api::GrantId,
    /// The private label.
    pub label: String,
    /// The shared documents' names (kept in the label record: the server can't read them).
    pub documents: Vec<String>,
    /// Where it stands.
    pub state: pde_api::GrantState,
    /// Whether it has a PIN.
    pub has_pin: bool,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub expires_at: i64,
    /// Most openings, if limited.
    pub max_openings: Option<u32>,
    /// When it was opened (Unix seconds), oldest first.
    pub opened_at: Vec<i64>,
}

/// One of the holder's deposit links.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepositView {
    /// Its id.
    pub deposit_id: pde_api::DepositId,
    /// The private label.
    pub label: String,
    /// Where it stands.
    pub state: pde_api::DepositState,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub expires_at: i64,
    /// Most documents.
    pub max_files: u32,
    /// Documents received.
    pub files_received: u32,
}

/// A granted document, for the worker's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedDocumentView {
    /// Its place in the grant.
    pub position: u32,
    /// File name.
    pub name: String,
    /// Type set by the holder's app.
    pub mime: String,
    /// The holder's note, when they chose to share it.
    pub note: String,
    /// Encrypted size.
    pub size: u64,
}

/// Why a command failed, in terms the page translates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// The server answered with an error code (see `pde_api::ErrorCode`).
    Server {
        /// The wire code.
        code: pde_api::ErrorCode,
        /// Seconds to wait, for back-off.
        retry_after_seconds: Option<u64>,
    },
    /// The server's hourly budget of logins is used up: this challenge must be solved first
    /// (the vault does it; the page sees it only when that keeps failing).
    ProofOfWork {
        /// The challenge, as issued.
        challenge: Vec<u8>,
    },
    /// The session ended (idle, expired, locked elsewhere): the page returns to the unlock
    /// screen, keeping what the holder was doing.
    SessionEnded,
    /// No wallet is open in the vault.
    Locked,
    /// The wallet is time-locked (told only after the secret was verified).
    TimeLocked {
        /// Unix seconds.
        until: i64,
    },
    /// The secret breaks the passphrase policy.
    WeakSecret {
        /// Which rule (a translation key suffix).
        problem: String,
    },
    /// The pseudonym is not valid.
    BadPseudonym {
        /// Which rule (an error code).
        code: String,
    },
    /// A file larger than the server accepts.
    FileTooLarge {
        /// The limit in bytes.
        max_bytes: u64,
    },
    /// The wallet has no room left for this file.
    QuotaFull,
    /// A document or record failed its integrity check: it was changed or swapped.
    Tampered,
    /// The network failed; nothing was changed.
    Network,
    /// The image could not be read.
    BadImage,
    /// The recovery key as typed is not a valid key (a typo: the checksum does not match).
    BadRecoveryKey,
    /// A grant's PIN was wrong.
    WrongPin {
        /// Tries left before the grant is burned.
        tries_left: u32,
    },
    /// The link is not complete (the part after `#` is missing or cut).
    BadLink,
    /// Anything else (the text is for the console, not for the holder).
    Unexpected {
        /// Developer-facing detail.
        detail: String,
    },
    /// The wallet this work was for was locked, and another opened, while it ran: the answer
    /// belongs to neither and the page lets it go without a word.
    Superseded,
}

impl Failure {
    /// The vault answered a command with a reply meant for another: shown as an unexpected
    /// error, never ignored.
    pub fn unexpected_reply() -> Self {
        Failure::Unexpected {
            detail: "the vault answered with a reply for another command".into(),
        }
    }
}

/// Progress of a long command (adding a document).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Bytes done.
    pub done: u64,
    /// Bytes in all.
    pub total: u64,
}

/// A message from the page to the vault.
#[derive(Debug, Serialize, Deserialize)]
pub struct Request {
    /// Matches the answer to the request.
    pub id: u32,
    /// What to do.
    pub command: Command,
}

/// A message from the vault to the page.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VaultMessage {
    /// The vault has loaded and takes commands.
    Ready,
    /// Progress of request `id`.
    Progress {
        /// The request.
        id: u32,
        /// How far.
        progress: Progress,
    },
    /// The answer to request `id`.
    Reply {
        /// The request.
        id: u32,
        /// The answer.
        reply: Reply,
    },
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn secrets_are_not_printed() {
        let command = Command::Unlock {
            login: "ABCD".into(),
            secret: Secret::new("hunter22".into()),
        };
        assert!(!format!("{command:?}").contains("hunter22"));
    }

    #[test]
    fn messages_round_trip() {
        let request = Request {
            id: 7,
            command: Command::Add {
                category: Category::Medical,
                name: Some("Carte d'identité".into()),
            },
        };
        let back: Request = decode(&encode(&request).unwrap()).unwrap();
        assert_eq!(back.id, 7);
        assert!(matches!(
            back.command,
            Command::Add {
                category: Category::Medical,
                name: Some(_)
            }
        ));
        let message = VaultMessage::Reply {
            id: 7,
            reply: Reply::Failed(Failure::Server {
                code: pde_api::ErrorCode::LoginFailed,
                retry_after_seconds: Some(30),
            }),
        };
        let back: VaultMessage = decode(&encode(&message).unwrap()).unwrap();
        assert!(matches!(
            back,
            VaultMessage::Reply {
                id: 7,
                reply: Reply::Failed(Failure::Server { ref code, retry_after_seconds: Some(30) })
            } if *code == pde_api::ErrorCode::LoginFailed
        ));
        assert!(decode::<VaultMessage>(b"not a message").is_none());
    }
}
