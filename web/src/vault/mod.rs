//! The vault: runs in a dedicated Web Worker, holds the wallet key, does every piece of
//! cryptography and image work and every request that needs them. The page only sees plain
//! answers. Keys live in Rust memory here (zeroized on lock) and are never posted back.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use base64::Engine as _;
use futures::future::LocalBoxFuture;
use js_sys::{Object, Reflect, Uint8Array};
use pde_api::{DocumentInfo, ErrorCode, ServerInfo};
use pde_client::{ClientError, ClientResult, Destination, KeyRing};
use pde_crypto::document::DocumentId;
use pde_crypto::metadata::{Category, DocumentMetadata};
use pde_crypto::wallet::{RecoveryKey, WalletKey};
use pde_crypto::CryptoError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, File, MessageEvent};
use zeroize::Zeroizing;

#[cfg(feature = "bench")]
pub(crate) mod bench;
pub(crate) mod decode;
pub(crate) mod sharing;

pub use sharing::handle_grant_link;

use crate::api::{self, client};
use crate::photo::{self, PhotoFormat};
use crate::protocol::{
    self, Command, Display, DocumentView, DocumentsView, Failure, Progress, Reply, Request, Secret,
    VaultMessage, WalletView,
};

/// How much of a file is read and encrypted at a time.
pub(crate) const READ_PIECE: u64 = 1024 * 1024;
/// How much larger than the document limit an original photo may be before cleaning.
const MAX_ORIGINAL_FACTOR: u64 = 4;

/// The open wallet. No `Debug`, `Clone`: it holds the key.
pub(crate) struct OpenWallet {
    /// Shared only for the synchronous moment a step needs it (see [`OpenKey`]): the last
    /// holder zeroizes it.
    pub(crate) key: Rc<WalletKey>,
    /// Tags and metadata of the last listing, by id.
    known: HashMap<DocumentId, DocumentInfo>,
}

thread_local! {
    static WALLET: RefCell<Option<OpenWallet>> = const { RefCell::new(None) };
    static SERVER_INFO: RefCell<Option<ServerInfo>> = const { RefCell::new(None) };
    /// Counts the wallets opened, so that work started for one cannot act on the next (see
    /// [`run`]).
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

pub(crate) type Outcome = Result<(Reply, Option<Blob>), Failure>;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &VaultMessage, blob: Option<&Blob>) {
    let Ok(bytes) = protocol::encode(message) else {
        return;
    };
    let envelope = Object::new();
    let _ = Reflect::set(
        &envelope,
        &"message".into(),
        &Uint8Array::from(bytes.as_slice()),
    );
    if let Some(blob) = blob {
        let _ = Reflect::set(&envelope, &"blob".into(), blob);
    }
    let _ = scope().post_message(&envelope);
}

/// What a vault does with each command: the holders' bundle's vault every command
/// ([`handle_any`]), the grant link page's vault only a grant link's ([`handle_grant_link`]), so
/// that bundle carries no OPAQUE, Argon2 or photo code.
pub type Handler = fn(u32, Command, Option<File>) -> LocalBoxFuture<'static, Outcome>;

/// Every command (the holders' bundle).
pub fn handle_any(
    id: u32,
    command: Command,
    file: Option<File>,
) -> LocalBoxFuture<'static, Outcome> {
    Box::pin(handle(id, command, file))
}

/// Starts the vault in a worker: hands every message from the page to `handler`.
pub fn run(handler: Handler) {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let bytes = Reflect::get(&data, &"request".into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
            .map(|array| {
                let bytes = Zeroizing::new(array.to_vec());
                // The request may carry a typed secret: leave no copy in the JS heap.
                array.fill(0, 0, array.length());
                bytes
            })
            .unwrap_or_default();
        let file = Reflect::get(&data, &"file".into())
            .ok()
            .and_then(|v| v.dyn_into::<File>().ok());
        let Some(request) = protocol::decode::<Request>(&bytes) else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            let id = request.id;
            let started = generation();
            let (reply, blob) = match handler(id, request.command, file).await {
                Ok(answer) => answer,
                Err(failure) => {
                    let ended = matches!(
                        failure,
                        Failure::SessionEnded | Failure::Locked | Failure::TimeLocked { .. }
                    );
                    // A late answer for a wallet locked meanwhile must not close the one opened
                    // since (its session cookie replaced the old one).
                    let failure = if ended && generation() != started {
                        Failure::Superseded
                    } else {
                        failure
                    };
                    if matches!(failure, Failure::SessionEnded | Failure::TimeLocked { .. }) {
                        forget_wallet();
                    }
                    (Reply::Failed(failure), None)
                }
            };
            post(&VaultMessage::Reply { id, reply }, blob.as_ref());
        });
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page: the handler must too.
    on_message.forget();
    post(&VaultMessage::Ready, None);
}

fn forget_wallet() {
    // Dropping the key zeroizes it.
    WALLET.with(|w| w.borrow_mut().take());
}

fn keep_wallet(key: WalletKey) {
    WALLET.with(|w| {
        *w.borrow_mut() = Some(OpenWallet {
            key: Rc::new(key),
            known: HashMap::new(),
        })
    });
    GENERATION.with(|g| g.set(g.get() + 1));
}

fn generation() -> u64 {
    GENERATION.with(Cell::get)
}

pub(crate) fn with_wallet<T>(f: impl FnOnce(&mut OpenWallet) -> T) -> Result<T, Failure> {
    WALLET.with(|w| w.borrow_mut().as_mut().map(f).ok_or(Failure::Locked))
}

/// The open wallet's key, lent to `pde-client` for each moment it is needed: a step that comes
/// after a lock finds none.
pub(crate) struct OpenKey;

impl KeyRing for OpenKey {
    fn with_key<R>(&self, f: impl FnOnce(&WalletKey) -> R) -> ClientResult<R> {
        let key = open_key().ok_or(ClientError::Locked)?;
        Ok(f(&key))
    }
}

/// The open wallet's key, shared for a moment (not generic: compiled once).
#[inline(never)]
fn open_key() -> Option<Rc<WalletKey>> {
    WALLET.with(|w| w.borrow().as_ref().map(|wallet| wallet.key.clone()))
}

async fn handle(id: u32, command: Command, file: Option<File>) -> Outcome {
    match command {
        Command::ServerInfo => Ok((Reply::ServerInfo(server_info().await?), None)),
        Command::Create {
            pseudonym,
            secret,
            invite_code,
        } => create(pseudonym, secret, invite_code).await,
        Command::Unlock { login, secret } => unlock(&login, secret).await,
        Command::Recover {
            login,
            recovery_key,
            new_secret,
        } => recover(&login, recovery_key, new_secret).await,
        Command::List => Ok((Reply::Documents(list().await?), None)),
        Command::About => {
            with_wallet(|_| ())?;
            let info = client().wallet_info().await?;
            Ok((
                Reply::About {
                    created_at: info.created_at,
                },
                None,
            ))
        }
        Command::Add { category, name } => {
            let file = file.ok_or(Failure::Unexpected {
                detail: "no file attached".into(),
            })?;
            let added = add(id, &file, category, name).await?;
            Ok((Reply::Added { id: added }, None))
        }
        Command::Open { id } => open(id).await,
        Command::Update {
            id,
            name,
            category,
            note,
            issued_on,
            expires_on,
        } => {
            update(id, |meta| {
                meta.name = name;
                meta.category = category;
                meta.note = note;
                meta.issued_on = issued_on;
                meta.expires_on = expires_on;
            })
            .await?;
            Ok((Reply::Done, None))
        }
        Command::Delete { id } => {
            client().delete_document(&id).await?;
            let _ = with_wallet(|w| w.known.remove(&id));
            Ok((Reply::Done, None))
        }
        Command::Share(request) => crate::vault::sharing::share(id, request).await,
        Command::Grants => Ok((Reply::Grants(crate::vault::sharing::grants().await?), None)),
        Command::Revoke { grant_id } => {
            crate::vault::sharing::revoke(&grant_id).await?;
            Ok((Reply::Done, None))
        }
        // A grant link opens on a page of its own, whose vault takes these.
        Command::SharedStatus { .. }
        | Command::OpenShared { .. }
        | Command::OpenSharedDocument { .. } => Err(Failure::Unexpected {
            detail: "grant links open on their own page".into(),
        }),
        Command::CreateDeposit {
            label,
            expires_in_seconds,
            max_files,
            lang,
        } => {
            crate::vault::sharing::create_deposit(&label, expires_in_seconds, max_files, &lang)
                .await
        }
        Command::Deposits => Ok((
            Reply::Deposits(crate::vault::sharing::deposits().await?),
            None,
        )),
        Command::RevokeDeposit { deposit_id } => {
            crate::vault::sharing::revoke_deposit(&deposit_id).await?;
            Ok((Reply::Done, None))
        }
        Command::DropStatus {
            deposit_id,
            fragment,
        } => crate::vault::sharing::drop_status(deposit_id, &fragment).await,
        Command::Drop => {
            let file = file.ok_or(Failure::Unexpected {
                detail: "no file attached".into(),
            })?;
            crate::vault::sharing::drop_file(id, &file).await
        }
        Command::TimeLock {
            login,
            secret,
            until,
        } => time_lock(&login, secret, until).await,
        Command::CreateHidden { login, secret } => create_hidden(&login, secret).await,
        Command::EndOtherSessions => {
            client().end_other_sessions().await?;
            Ok((Reply::Done, None))
        }
        Command::NewSheet {
            login,
            secret,
            current,
        } => {
            with_wallet(|_| ())?;
            let current = current
                .map(|typed| RecoveryKey::parse(&typed.0).map_err(|_| Failure::BadRecoveryKey))
                .transpose()?;
            let (sheet, effective_at) = client()
                .new_recovery_sheet(&OpenKey, &login, &secret.0, current.as_ref())
                .await
                .map_err(login_failure)?;
            let wallet = view_of(&client().wallet_info().await?);
            Ok((
                Reply::NewSheet {
                    wallet,
                    recovery_key: Secret::new(sheet.to_display().to_string()),
                    effective_at,
                },
                None,
            ))
        }
        Command::CancelSheet { current } => {
            with_wallet(|_| ())?;
            let current = RecoveryKey::parse(&current.0).map_err(|_| Failure::BadRecoveryKey)?;
            client().cancel_new_sheet(&current).await?;
            let wallet = view_of(&client().wallet_info().await?);
            Ok((Reply::WalletChanged { wallet }, None))
        }
        Command::EraseWallet { login, secret } => {
            with_wallet(|_| ())?;
            client()
                .erase_wallet(&login, &secret.0)
                .await
                .map_err(login_failure)?;
            forget_wallet();
            crate::vault::sharing::forget_link();
            Ok((Reply::Done, None))
        }
        Command::ChangeSecret {
            login,
            current,
            new_secret,
            end_links,
        } => {
            with_wallet(|_| ())?;
            client()
                .change_secret(&OpenKey, &login, &current.0, &new_secret.0, end_links)
                .await
                .map_err(login_failure)?;
            Ok((Reply::Done, None))
        }
        Command::Lock => {
            forget_wallet();
            crate::vault::sharing::forget_link();
            // Ending the session on the server too; a failure here (already ended, offline)
            // changes nothing for the holder: the keys are gone either way.
            let _ = client().logout().await;
            Ok((Reply::Done, None))
        }
    }
}

pub(crate) async fn server_info() -> Result<ServerInfo, Failure> {
    if let Some(info) = SERVER_INFO.with(|s| s.borrow().clone()) {
        return Ok(info);
    }
    let info = client().info().await?;
    SERVER_INFO.with(|s| *s.borrow_mut() = Some(info.clone()));
    Ok(info)
}

fn view_of(wallet: &pde_api::WalletInfo) -> WalletView {
    WalletView {
        wallet_number: wallet.wallet_number.to_string(),
        pseudonym: wallet.pseudonym.clone(),
        part: wallet.recipient.as_str().to_owned(),
        pending_sheet: wallet.pending_sheet,
        restored_from: wallet.restored_from,
    }
}

/// A secret of no part of the wallet, in terms the page translates.
fn login_failure(error: ClientError) -> Failure {
    match error {
        ClientError::Crypto(CryptoError::WrongSecret) => Failure::Server {
            code: ErrorCode::LoginFailed,
            retry_after_seconds: None,
        },
        other => other.into(),
    }
}

async fn create(pseudonym: Option<String>, secret: Secret, invite_code: Option<String>) -> Outcome {
    // The pseudonym's rules are checked by the server, which answers with a code the page
    // translates (checking here too would add Unicode tables to the WebAssembly).
    let pseudonym = pseudonym.filter(|p| !p.trim().is_empty());
    let invite_code = invite_code.filter(|c| !c.trim().is_empty());
    let created = client()
        .create_wallet(
            &secret.0,
            pseudonym.as_deref(),
            invite_code.as_deref(),
            false,
        )
        .await?;
    let view = view_of(&created.opened.wallet);
    keep_wallet(created.opened.key);
    // Shown once, on the recovery sheet; the page never stores it.
    let recovery_key = created.recovery_key.to_display().to_string();
    Ok((
        Reply::Created {
            wallet: view,
            recovery_key,
        },
        None,
    ))
}

/// Opens the part of the wallet `secret` opens (the everyday part, else a hidden one).
pub(crate) async fn unlock(login: &str, secret: Secret) -> Outcome {
    forget_wallet();
    let opened = client()
        .login(login, &secret.0)
        .await
        .map_err(login_failure)?;
    let view = view_of(&opened.wallet);
    keep_wallet(opened.key);
    Ok((Reply::Unlocked { wallet: view }, None))
}

/// Sets up a hidden part of the open wallet, opened by `secret`. The page stays where it is:
/// nothing in the everyday part changes.
async fn create_hidden(login: &str, secret: Secret) -> Outcome {
    with_wallet(|_| ())?;
    client().create_hidden_part(login, &secret.0).await?;
    Ok((Reply::Done, None))
}

/// Locks the open wallet until `until`, the secret proven again; the server then ends every
/// session of the wallet, and the key is forgotten here too.
async fn time_lock(login: &str, secret: Secret, until: i64) -> Outcome {
    with_wallet(|_| ())?;
    let until = client()
        .time_lock(login, &secret.0, until)
        .await
        .map_err(login_failure)?;
    forget_wallet();
    crate::vault::sharing::forget_link();
    Ok((Reply::TimeLocked { until }, None))
}

async fn recover(login: &str, recovery_key: Secret, new_secret: Secret) -> Outcome {
    forget_wallet();
    pde_api::passphrase::check(&new_secret.0).map_err(ClientError::from)?;
    let recovery_key = RecoveryKey::parse(&recovery_key.0).map_err(|_| Failure::BadRecoveryKey)?;
    let opened = client()
        .recover(login, &recovery_key, &new_secret.0)
        .await?;
    let view = view_of(&opened.wallet);
    keep_wallet(opened.key);
    Ok((Reply::Unlocked { wallet: view }, None))
}

async fn list() -> Result<DocumentsView, Failure> {
    with_wallet(|_| ())?;
    let listing = client().list(&OpenKey).await?;
    // Received documents show the label of the link they came through.
    let labels: HashMap<pde_api::DepositId, String> = if listing
        .documents
        .iter()
        .any(|d| d.info.received_via.is_some())
    {
        crate::vault::sharing::deposits()
            .await?
            .into_iter()
            .map(|d| (d.deposit_id, d.label))
            .collect()
    } else {
        HashMap::new()
    };
    let received_from = |info: &DocumentInfo| {
        info.received_via
            .as_ref()
            .map(|id| labels.get(id).cloned().unwrap_or_default())
    };
    with_wallet(|wallet| {
        let mut documents = Vec::with_capacity(listing.documents.len());
        wallet.known.clear();
        for listed in listing.documents {
            let info = listed.info;
            // A record that fails its check is shown as damaged rather than hidden.
            let view = match listed.record {
                Some((meta, origin)) => DocumentView {
                    id: info.id,
                    name: meta.name,
                    mime: meta.mime,
                    category: meta.category,
                    note: meta.note,
                    created_at: meta.created_at,
                    issued_on: meta.issued_on,
                    expires_on: meta.expires_on,
                    size: info.size,
                    thumbnail_jpeg_base64: meta
                        .thumbnail
                        .map(|t| base64::engine::general_purpose::STANDARD.encode(t)),
                    damaged: false,
                    received_from: origin
                        .is_received()
                        .then(|| received_from(&info).unwrap_or_default()),
                },
                None => DocumentView {
                    id: info.id,
                    name: String::new(),
                    mime: String::new(),
                    category: Category::Other,
                    note: String::new(),
                    created_at: info.created_at,
                    issued_on: None,
                    expires_on: None,
                    size: info.size,
                    thumbnail_jpeg_base64: None,
                    damaged: true,
                    received_from: received_from(&info),
                },
            };
            documents.push(view);
            wallet.known.insert(info.id, info);
        }
        documents.sort_by_key(|d| std::cmp::Reverse(d.created_at));
        DocumentsView {
            documents,
            used_bytes: listing.used_bytes,
            quota_bytes: listing.quota_bytes,
        }
    })
}

async fn read_slice(file: &Blob, start: u64, end: u64) -> Result<Vec<u8>, Failure> {
    let slice = file
        .slice_with_f64_and_f64(start as f64, end as f64)
        .map_err(|_| Failure::Unexpected {
            detail: "slice".into(),
        })?;
    let buffer = JsFuture::from(slice.array_buffer())
        .await
        .map_err(|_| Failure::Unexpected {
            detail: "the file could not be read".into(),
        })?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

pub(crate) fn report(id: u32, done: u64, total: u64) {
    post(
        &VaultMessage::Progress {
            id,
            progress: Progress { done, total },
        },
        None,
    );
}

/// What will be stored for a file: cleaned photos, PDFs and other files as they are.
struct Prepared {
    /// Content already in memory (photos), else read from the file in pieces.
    content: Option<Vec<u8>>,
    len: u64,
    name: String,
    mime: String,
    thumbnail: Option<Vec<u8>>,
}

async fn prepare(file: &File) -> Result<Prepared, Failure> {
    let size = file.size() as u64;
    let name = file.name();
    let head = read_slice(file, 0, size.min(16)).await?;
    if PhotoFormat::sniff(&head).is_some() {
        let clean = crate::vault::decode::clean_image(file).await?;
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem);
        return Ok(Prepared {
            len: clean.jpeg.len() as u64,
            content: Some(clean.jpeg),
            name: format!("{stem}.{}", photo::CLEAN_EXTENSION),
            mime: photo::CLEAN_MIME.to_owned(),
            thumbnail: Some(clean.thumbnail_jpeg),
        });
    }
    let mime = if head.starts_with(b"%PDF-") {
        "application/pdf"
    } else if photo::is_heif(&head) {
        // Not decodable here, so not cleaned: kept as it is, with a warning when shown.
        photo::UNCLEANED_PHOTO_MIME
    } else {
        // Whatever the file claims to be (HTML, SVG…), it is stored as opaque bytes and can
        // only be downloaded.
        "application/octet-stream"
    };
    Ok(Prepared {
        content: None,
        len: size,
        name,
        mime: mime.to_owned(),
        thumbnail: None,
    })
}

async fn add(
    request_id: u32,
    file: &File,
    category: Category,
    name: Option<String>,
) -> Result<DocumentId, Failure> {
    let recipient = with_wallet(|w| w.key.recipient())?;
    send_document(
        request_id,
        file,
        &recipient,
        Destination::Wallet,
        category,
        name,
    )
    .await
}

/// Prepares `file` (photos cleaned), seals it to `recipient` piece by piece as it is read and
/// sends it in parts (reporting progress), then its record: into the open wallet, or through a
/// deposit link.
pub(crate) async fn send_document(
    request_id: u32,
    file: &File,
    recipient: &pde_crypto::wallet::WalletRecipient,
    destination: Destination<'_>,
    category: Category,
    name: Option<String>,
) -> Result<DocumentId, Failure> {
    let info = server_info().await?;
    let too_large = Failure::FileTooLarge {
        max_bytes: info.max_document_bytes,
    };
    // A photo usually shrinks when cleaned, so its original may be somewhat larger than the
    // limit; anything far beyond it is refused before a byte is read into memory.
    if file.size() as u64 > info.max_document_bytes.saturating_mul(MAX_ORIGINAL_FACTOR) {
        return Err(too_large);
    }
    let prepared = prepare(file).await?;
    let into_wallet = matches!(destination, Destination::Wallet);
    let client = client();
    let mut upload = client
        .start_upload(
            recipient,
            prepared.len,
            info.max_document_bytes,
            destination,
        )
        .await
        .map_err(|error| match error {
            ClientError::Api {
                code: ErrorCode::DocumentTooLarge,
                ..
            } => too_large.clone(),
            other => other.into(),
        })?;
    let id = upload.id();
    let mut progress = |done, total| report(request_id, done, total);
    progress(0, upload.ciphertext_len());
    let mut offset = 0u64;
    while offset < prepared.len {
        let end = (offset + READ_PIECE).min(prepared.len);
        let piece = match &prepared.content {
            Some(bytes) => bytes[offset as usize..end as usize].to_vec(),
            None => read_slice(file, offset, end).await?,
        };
        if piece.is_empty() {
            return Err(Failure::Unexpected {
                detail: "the file changed while it was read".into(),
            });
        }
        offset += piece.len() as u64;
        upload.push(&piece, &mut progress).await?;
    }
    let given = name.map(|n| n.trim().chars().take(200).collect::<String>());
    let meta = DocumentMetadata {
        name: given.filter(|n| !n.is_empty()).unwrap_or(prepared.name),
        mime: prepared.mime,
        category,
        thumbnail: prepared.thumbnail,
        ..DocumentMetadata::blank((js_sys::Date::now() / 1000.0) as i64)
    };
    if into_wallet {
        upload.finish(&OpenKey, &meta, &mut progress).await?;
    } else {
        upload.finish_drop(&meta, &mut progress).await?;
    }
    Ok(id)
}

/// Forgets the listing's copy of a document's record (stored again since).
pub(crate) fn forget_known(id: DocumentId) {
    let _ = with_wallet(|w| w.known.remove(&id));
}

pub(crate) async fn known(id: DocumentId) -> Result<DocumentInfo, Failure> {
    if let Some(info) = with_wallet(|w| w.known.get(&id).cloned())? {
        return Ok(info);
    }
    list().await?;
    with_wallet(|w| w.known.get(&id).cloned())?.ok_or(Failure::Server {
        code: ErrorCode::NotFound,
        retry_after_seconds: None,
    })
}

async fn open(id: DocumentId) -> Outcome {
    let info = known(id).await?;
    let opened = client().open_document(&OpenKey, &info).await?;
    if opened.pinned {
        forget_known(id);
    }
    content_reply(&opened.content, &opened.meta.mime, opened.meta.name)
}

/// `bytes` as a `Blob` of type `mime` (copied out of WebAssembly memory).
pub(crate) fn blob_from(bytes: &[u8], mime: &str) -> Result<Blob, Failure> {
    api::blob_from(bytes, mime).map_err(|_| Failure::Unexpected {
        detail: "blob".into(),
    })
}

/// Answers with decrypted `content` attached, typed by its signature (never by the name or the
/// record): a re-encoded image whose record says so, a PDF, or else download only. The page
/// saves it under [`photo::saved_name`] for that type.
pub(crate) fn content_reply(content: &[u8], recorded_mime: &str, name: String) -> Outcome {
    let (mime, display) = match PhotoFormat::sniff(content) {
        Some(format) if recorded_mime == format.mime() => (format.mime(), Display::Image),
        _ if content.starts_with(b"%PDF-") => ("application/pdf", Display::Pdf),
        _ if photo::is_heif(content) => (photo::UNCLEANED_PHOTO_MIME, Display::DownloadOnly),
        _ => ("application/octet-stream", Display::DownloadOnly),
    };
    let blob = blob_from(content, mime)?;
    Ok((
        Reply::Opened {
            mime: mime.to_owned(),
            display,
            name,
        },
        Some(blob),
    ))
}

/// Changes a document's record as `edit` says (sealed again, under a fresh key).
async fn update(id: DocumentId, edit: impl FnOnce(&mut DocumentMetadata)) -> Result<(), Failure> {
    let info = known(id).await?;
    client().update_record(&OpenKey, &info, edit).await?;
    let _ = with_wallet(|w| w.known.remove(&id));
    Ok(())
}
