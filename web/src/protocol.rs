//! Messages between the page and the vault worker. The page never holds a key: it sends
//! commands (with a `File` attached when adding a document) and gets plain answers back (with a
//! `Blob` attached when opening one). Messages travel as JSON text, enums externally tagged
//! (internally tagged ones cost ~50 KB of WebAssembly in buffering deserializers).

use pde_crypto::document::DocumentId;
use pde_crypto::metadata::Category;
use serde::{Deserialize, Serialize};

/// What the page asks the vault for.
#[derive(Clone, Debug, Serialize, Deserialize)]
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
    /// Encrypts and uploads the attached file (reporting progress).
    Add {
        /// Category chosen by the holder.
        category: Category,
    },
    /// Downloads, checks and decrypts a document; answers with the content attached.
    Open {
        /// Which one.
        id: DocumentId,
    },
    /// Replaces a document's name, category and note.
    Update {
        /// Which one.
        id: DocumentId,
        /// New name.
        name: String,
        /// New category.
        category: Category,
        /// New note.
        note: String,
    },
    /// Deletes a document.
    Delete {
        /// Which one.
        id: DocumentId,
    },
    /// Forgets every key and ends the session.
    Lock,
}

/// A secret typed by the holder. No `Debug` output of the content.
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The vault's answer to one command.
#[derive(Clone, Debug, Serialize, Deserialize)]
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
    /// The wallet is open.
    Unlocked {
        /// The open wallet.
        wallet: WalletView,
    },
    /// Answer to [`Command::List`].
    Documents(DocumentsView),
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
    /// Done, nothing to report.
    Done,
    /// Something failed.
    Failed(Failure),
}

/// How the page may show a document's content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Display {
    /// A re-encoded image (JPEG or PNG made by the app): an `<img>`.
    Image,
    /// A PDF (checked by its signature): a sandboxed frame.
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
    /// Encrypted size on the server (padded).
    pub size: u64,
    /// JPEG thumbnail, base64, if the document is an image.
    pub thumbnail_jpeg_base64: Option<String>,
    /// The record failed its integrity check (changed or swapped on the server).
    pub damaged: bool,
}

/// Why a command failed, in terms the page translates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    /// The server answered with an error code (see `pde_api::ErrorCode`).
    Server {
        /// The wire code.
        code: String,
        /// Seconds to wait, for back-off.
        retry_after_seconds: Option<u64>,
    },
    /// The session ended (idle, expired, locked elsewhere): the page returns to the unlock
    /// screen, keeping what the holder was doing.
    SessionEnded,
    /// No wallet is open in the vault.
    Locked,
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
    /// Anything else (the text is for the console, not for the holder).
    Unexpected {
        /// Developer-facing detail.
        detail: String,
    },
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
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    /// Matches the answer to the request.
    pub id: u32,
    /// What to do.
    pub command: Command,
}

/// A message from the vault to the page.
#[derive(Clone, Debug, Serialize, Deserialize)]
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
            secret: Secret("hunter22".into()),
        };
        assert!(!format!("{command:?}").contains("hunter22"));
    }

    #[test]
    fn messages_round_trip_as_json() {
        let request = Request {
            id: 7,
            command: Command::Add {
                category: Category::Medical,
            },
        };
        let text = serde_json::to_string(&request).unwrap();
        let back: Request = serde_json::from_str(&text).unwrap();
        assert_eq!(back.id, 7);
        let message = VaultMessage::Reply {
            id: 7,
            reply: Reply::Failed(Failure::Server {
                code: "login_failed".into(),
                retry_after_seconds: None,
            }),
        };
        let text = serde_json::to_string(&message).unwrap();
        assert!(text.contains("login_failed"));
        let _: VaultMessage = serde_json::from_str(&text).unwrap();
    }
}
