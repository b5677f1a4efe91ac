//! The vault: runs in a dedicated Web Worker, holds the wallet key, does every piece of
//! cryptography and image work and every request that needs them. The page only sees plain
//! answers. Keys live in Rust memory here (zeroized on lock) and are never posted back.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use base64::Engine as _;
use js_sys::{Array, Object, Reflect, Uint8Array};
use pde_api::routes;
use pde_api::{
    Base64Bytes, DocumentInfo, DocumentList, ErrorCode, HiddenLoginStartRequest,
    HiddenRegisterFinishRequest, HiddenRegisterStartRequest, HiddenRegisterStartResponse,
    HiddenSlotRequest, HiddenSlotResponse, LoginFinishRequest, LoginStartRequest,
    LoginStartResponse, MetadataUpdate, RecoverFinishRequest, RecoverStartRequest,
    RecoverStartResponse, RegisterFinishRequest, RegisterStartRequest, RegisterStartResponse,
    ServerInfo, SessionOpened, TimeLockRequest, TimeLocked, UploadCommitRequest,
    UploadCreateRequest, UploadStatus,
};
use pde_crypto::document::{self, DocumentId, DocumentSealer};
use pde_crypto::hidden;
use pde_crypto::metadata::{self, Category, DocumentMetadata};
use pde_crypto::opaque;
use pde_crypto::wallet::{self, RecoveryKey, WalletKey, WrappedWalletKey};
use pde_crypto::CryptoError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, File, MessageEvent};
use zeroize::Zeroizing;

use crate::api;
use crate::photo::{self, PhotoFormat};
use crate::protocol::{
    self, Command, Display, DocumentView, DocumentsView, Failure, Progress, Reply, Request, Secret,
    VaultMessage, WalletView,
};

/// How much of a file is read and encrypted at a time.
pub(crate) const READ_PIECE: u64 = 1024 * 1024;
/// How much larger than the document limit an original photo may be before cleaning.
const MAX_ORIGINAL_FACTOR: u64 = 4;
/// How often a part upload is tried before giving up (a public PC's Wi-Fi drops).
const PART_TRIES: u32 = 4;

/// The open wallet. No `Debug`, `Clone`: it holds the key.
pub(crate) struct OpenWallet {
    pub(crate) key: WalletKey,
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

/// Starts the vault in a worker: handles every message from the page.
pub fn run() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
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
            let (reply, blob) = match handle(id, request.command, file).await {
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
            key,
            known: HashMap::new(),
        })
    });
    GENERATION.with(|g| g.set(g.get() + 1));
}

fn generation() -> u64 {
    GENERATION.with(Cell::get)
}

pub(crate) fn crypto_failure(e: CryptoError) -> Failure {
    match e {
        CryptoError::Tampered | CryptoError::WrongSecret => Failure::Tampered,
        other => Failure::Unexpected {
            detail: other.to_string(),
        },
    }
}

pub(crate) fn with_wallet<T>(f: impl FnOnce(&mut OpenWallet) -> T) -> Result<T, Failure> {
    WALLET.with(|w| w.borrow_mut().as_mut().map(f).ok_or(Failure::Locked))
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
        Command::Add { category } => {
            let file = file.ok_or(Failure::Unexpected {
                detail: "no file attached".into(),
            })?;
            let added = add(id, &file, category).await?;
            Ok((Reply::Added { id: added }, None))
        }
        Command::Open { id } => open(id).await,
        Command::Update {
            id,
            name,
            category,
            note,
        } => {
            update(id, name, category, note).await?;
            Ok((Reply::Done, None))
        }
        Command::Delete { id } => {
            api::send_empty(
                "DELETE",
                &routes::fill(routes::DOCUMENT, &[&id.to_string()]),
            )
            .await?;
            let _ = with_wallet(|w| w.known.remove(&id));
            Ok((Reply::Done, None))
        }
        Command::Share(request) => crate::sharing::share(id, request).await,
        Command::Grants => Ok((Reply::Grants(crate::sharing::grants().await?), None)),
        Command::Revoke { grant_id } => {
            crate::sharing::revoke(&grant_id).await?;
            Ok((Reply::Done, None))
        }
        Command::SharedStatus { grant_id, fragment } => {
            let status = crate::sharing::shared_status(grant_id, &fragment).await?;
            Ok((Reply::SharedStatus(status), None))
        }
        Command::OpenShared { pin } => crate::sharing::open_shared(pin).await,
        Command::OpenSharedDocument { position } => {
            crate::sharing::open_shared_document(position).await
        }
        Command::CreateDeposit {
            label,
            expires_in_seconds,
            max_files,
            lang,
        } => crate::sharing::create_deposit(&label, expires_in_seconds, max_files, &lang).await,
        Command::Deposits => Ok((Reply::Deposits(crate::sharing::deposits().await?), None)),
        Command::RevokeDeposit { deposit_id } => {
            crate::sharing::revoke_deposit(&deposit_id).await?;
            Ok((Reply::Done, None))
        }
        Command::DropStatus {
            deposit_id,
            fragment,
        } => crate::sharing::drop_status(deposit_id, &fragment).await,
        Command::Drop => {
            let file = file.ok_or(Failure::Unexpected {
                detail: "no file attached".into(),
            })?;
            crate::sharing::drop_file(id, &file).await
        }
        Command::TimeLock {
            login,
            secret,
            until,
        } => time_lock(&login, secret, until).await,
        Command::CreateHidden { login, secret } => create_hidden(&login, secret).await,
        Command::Lock => {
            forget_wallet();
            crate::sharing::forget_link();
            // Ending the session on the server too; a failure here (already ended, offline)
            // changes nothing for the holder: the keys are gone either way.
            let _ = api::send_empty("POST", routes::LOGOUT).await;
            Ok((Reply::Done, None))
        }
    }
}

pub(crate) async fn server_info() -> Result<ServerInfo, Failure> {
    if let Some(info) = SERVER_INFO.with(|s| s.borrow().clone()) {
        return Ok(info);
    }
    let info: ServerInfo = api::get_json(routes::INFO).await?;
    SERVER_INFO.with(|s| *s.borrow_mut() = Some(info.clone()));
    Ok(info)
}

fn view_of(wallet: &pde_api::WalletInfo) -> WalletView {
    WalletView {
        wallet_number: wallet.wallet_number.clone(),
        pseudonym: wallet.pseudonym.clone(),
        part: wallet.recipient.clone(),
    }
}

/// The passphrase policy, as a failure the page translates.
fn check_secret(secret: &Secret) -> Result<(), Failure> {
    use pde_api::passphrase::PassphraseProblem;
    pde_api::passphrase::check(&secret.0)
        .map(drop)
        .map_err(|problem| {
            let problem = match problem {
                PassphraseProblem::PinTooShort => "pin-too-short",
                PassphraseProblem::PassphraseTooShort => "passphrase-too-short",
                PassphraseProblem::CommonPin => "common-pin",
                PassphraseProblem::CommonPassphrase => "common-passphrase",
                _ => "too-long",
            };
            Failure::WeakSecret {
                problem: problem.into(),
            }
        })
}

async fn create(pseudonym: Option<String>, secret: Secret, invite_code: Option<String>) -> Outcome {
    check_secret(&secret)?;
    // The pseudonym's rules are checked by the server, which answers with a code the page
    // translates (checking here too would add Unicode tables to the WebAssembly).
    let pseudonym = pseudonym.filter(|p| !p.trim().is_empty());
    let secret_bytes = secret.0.as_bytes();
    let (registration, request) =
        opaque::client_registration_start(secret_bytes).map_err(crypto_failure)?;
    let started: RegisterStartResponse = api::send_json(
        "POST",
        routes::REGISTER_START,
        &RegisterStartRequest {
            pseudonym,
            invite_code: invite_code.filter(|c| !c.trim().is_empty()),
            test_wallet: false,
            registration_request: request.into(),
        },
    )
    .await?;
    started.ksf.validate().map_err(crypto_failure)?;
    let (upload, export_key) = opaque::client_registration_finish(
        registration,
        secret_bytes,
        &started.registration_response.0,
        started.ksf,
    )
    .map_err(crypto_failure)?;
    let key = WalletKey::generate();
    let recovery_key = RecoveryKey::generate();
    let wrapped = [
        wallet::wrap_with_export_key(&key, &export_key).to_bytes(),
        wallet::wrap_with_recovery_key(&key, &recovery_key).to_bytes(),
    ];
    let opened: SessionOpened = api::send_json(
        "POST",
        routes::REGISTER_FINISH,
        &RegisterFinishRequest {
            registration_id: started.registration_id,
            registration_upload: upload.into(),
            recipient: key.recipient().as_str().to_owned(),
            wrapped_keys: wrapped.into_iter().map(Base64Bytes).collect(),
            recovery_token: Base64Bytes(recovery_key.auth_token().to_vec()),
        },
    )
    .await?;
    let view = view_of(&opened.wallet);
    keep_wallet(key);
    // Shown once, on the recovery sheet; the page never stores it.
    let recovery_key = recovery_key.to_display().to_string();
    Ok((
        Reply::Created {
            wallet: view,
            recovery_key,
        },
        None,
    ))
}

pub(crate) async fn unlock(login: &str, secret: Secret) -> Outcome {
    forget_wallet();
    let proof = prove_secret(login, secret.0.as_bytes()).await?;
    let opened: SessionOpened = api::send_json(
        "POST",
        routes::LOGIN_FINISH,
        &LoginFinishRequest {
            login_id: proof.login_id,
            credential_finalization: proof.finalization.into(),
        },
    )
    .await?;
    let wrapped = WrappedWalletKey::from_bytes(&opened.wrapped_key.0).map_err(crypto_failure)?;
    let key =
        wallet::unwrap_with_export_key(&wrapped, &proof.export_key).map_err(crypto_failure)?;
    keep_open(key, &opened)
}

fn login_failed() -> Failure {
    Failure::Server {
        code: ErrorCode::LoginFailed,
        retry_after_seconds: None,
    }
}

/// A secret proven by OPAQUE up to the last message, for the everyday part or a hidden one.
struct Proof {
    login_id: String,
    finalization: Vec<u8>,
    export_key: opaque::ExportKey,
}

/// Runs OPAQUE with `secret` for the everyday part; if the secret is not its, for the hidden
/// part it may open, as a separate step that every wallet answers alike (dummy answers without
/// one). Both attempts are counted by the server; the everyday one is given back once the hidden
/// secret is verified, so opening the hidden part never builds up a back-off on the everyday one.
async fn prove_secret(login: &str, secret: &[u8]) -> Result<Proof, Failure> {
    let login = login.trim().to_owned();
    let (state, request) = opaque::client_login_start(secret).map_err(crypto_failure)?;
    let started: LoginStartResponse = api::send_counted(
        routes::LOGIN_START,
        LoginStartRequest {
            login: login.clone(),
            credential_request: request.into(),
            proof: None,
        },
    )
    .await?;
    started.ksf.validate().map_err(crypto_failure)?;
    // A wrong secret is known here, before the last message (the server has counted it).
    if let Ok((finalization, export_key)) =
        opaque::client_login_finish(state, secret, &started.credential_response.0, started.ksf)
    {
        return Ok(Proof {
            login_id: started.login_id,
            finalization,
            export_key,
        });
    }
    let everyday_login_id = Some(started.login_id);
    let (slot, attempt_id) = hidden_slot(&login, secret).await?;
    let (state, request) = opaque::client_login_start(secret).map_err(crypto_failure)?;
    let started: LoginStartResponse = api::send_json(
        "POST",
        routes::HIDDEN_LOGIN_START,
        &HiddenLoginStartRequest {
            login,
            attempt_id,
            everyday_login_id,
            slot: slot.0.to_vec().into(),
            credential_request: request.into(),
        },
    )
    .await?;
    started.ksf.validate().map_err(crypto_failure)?;
    let (finalization, export_key) =
        opaque::client_login_finish(state, secret, &started.credential_response.0, started.ksf)
            .map_err(|_| login_failed())?;
    Ok(Proof {
        login_id: started.login_id,
        finalization,
        export_key,
    })
}

/// The slot of `secret` in the wallet named `login` (see `pde_crypto::hidden`), and the id of the
/// attempt the server counted for it, which the next hidden request uses up.
async fn hidden_slot(login: &str, secret: &[u8]) -> Result<(hidden::Slot, String), Failure> {
    let (state, blinded) = hidden::client_slot_start(secret).map_err(crypto_failure)?;
    let answer: HiddenSlotResponse = api::send_counted(
        routes::HIDDEN_SLOT,
        HiddenSlotRequest {
            login: login.trim().to_owned(),
            blinded: blinded.into(),
            proof: None,
        },
    )
    .await?;
    let slot = hidden::client_slot_finish(state, secret, &answer.evaluation.0, answer.ksf)
        .map_err(crypto_failure)?;
    Ok((slot, answer.attempt_id))
}

/// Sets up a hidden part of the open wallet, opened by `secret`. The page stays where it is:
/// nothing in the everyday part changes.
async fn create_hidden(login: &str, secret: Secret) -> Outcome {
    with_wallet(|_| ())?;
    check_secret(&secret)?;
    let secret_bytes = secret.0.as_bytes();
    let (slot, attempt_id) = hidden_slot(login, secret_bytes).await?;
    let (registration, request) =
        opaque::client_registration_start(secret_bytes).map_err(crypto_failure)?;
    let started: HiddenRegisterStartResponse = api::send_json(
        "POST",
        routes::HIDDEN_REGISTER_START,
        &HiddenRegisterStartRequest {
            attempt_id,
            slot: slot.0.to_vec().into(),
            registration_request: request.into(),
        },
    )
    .await?;
    started.ksf.validate().map_err(crypto_failure)?;
    let (upload, export_key) = opaque::client_registration_finish(
        registration,
        secret_bytes,
        &started.registration_response.0,
        started.ksf,
    )
    .map_err(crypto_failure)?;
    let key = WalletKey::generate();
    api::send_json_no_reply(
        "POST",
        routes::HIDDEN_REGISTER_FINISH,
        &HiddenRegisterFinishRequest {
            registration_id: started.registration_id,
            registration_upload: upload.into(),
            recipient: key.recipient().as_str().to_owned(),
            wrapped_key: Base64Bytes(wallet::wrap_with_export_key(&key, &export_key).to_bytes()),
        },
    )
    .await?;
    Ok((Reply::Done, None))
}

/// Locks the open wallet until `until`, the secret proven again by a fresh OPAQUE login whose
/// last message goes to `/wallet/time-lock` instead of opening a session. The server then ends
/// every session of the wallet; the key is forgotten here too.
async fn time_lock(login: &str, secret: Secret, until: i64) -> Outcome {
    with_wallet(|_| ())?;
    let proof = prove_secret(login, secret.0.as_bytes()).await?;
    let locked: TimeLocked = api::send_json(
        "POST",
        routes::TIME_LOCK,
        &TimeLockRequest {
            login_id: proof.login_id,
            credential_finalization: proof.finalization.into(),
            locked_until: until,
        },
    )
    .await?;
    forget_wallet();
    crate::sharing::forget_link();
    Ok((
        Reply::TimeLocked {
            until: locked.locked_until,
        },
        None,
    ))
}

/// Keeps the wallet key for the session the server just opened, after checking that the key
/// matches the wallet's public key (a server can't hand over another wallet).
fn keep_open(key: WalletKey, opened: &SessionOpened) -> Outcome {
    if key.recipient().as_str() != opened.wallet.recipient {
        return Err(Failure::Tampered);
    }
    let view = view_of(&opened.wallet);
    keep_wallet(key);
    Ok((Reply::Unlocked { wallet: view }, None))
}

async fn recover(login: &str, recovery_key: Secret, new_secret: Secret) -> Outcome {
    forget_wallet();
    check_secret(&new_secret)?;
    let recovery_key = RecoveryKey::parse(&recovery_key.0).map_err(|_| Failure::BadRecoveryKey)?;
    let secret_bytes = new_secret.0.as_bytes();
    let (registration, request) =
        opaque::client_registration_start(secret_bytes).map_err(crypto_failure)?;
    let started: RecoverStartResponse = api::send_counted(
        routes::RECOVER_START,
        RecoverStartRequest {
            login: login.trim().to_owned(),
            recovery_token: Base64Bytes(recovery_key.auth_token().to_vec()),
            registration_request: request.into(),
            proof: None,
        },
    )
    .await?;
    started.ksf.validate().map_err(crypto_failure)?;
    let wrapped = WrappedWalletKey::from_bytes(&started.wrapped_key.0).map_err(crypto_failure)?;
    let key = wallet::unwrap_with_recovery_key(&wrapped, &recovery_key).map_err(crypto_failure)?;
    let (upload, export_key) = opaque::client_registration_finish(
        registration,
        secret_bytes,
        &started.registration_response.0,
        started.ksf,
    )
    .map_err(crypto_failure)?;
    let opened: SessionOpened = api::send_json(
        "POST",
        routes::RECOVER_FINISH,
        &RecoverFinishRequest {
            recovery_id: started.recovery_id,
            registration_upload: upload.into(),
            wrapped_key: Base64Bytes(wallet::wrap_with_export_key(&key, &export_key).to_bytes()),
        },
    )
    .await?;
    keep_open(key, &opened)
}

async fn list() -> Result<DocumentsView, Failure> {
    with_wallet(|_| ())?;
    let listing: DocumentList = api::get_json(routes::DOCUMENTS).await?;
    // Received documents show the label of the link they came through.
    let labels: HashMap<String, String> =
        if listing.documents.iter().any(|d| d.received_via.is_some()) {
            crate::sharing::deposits()
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
        for info in listing.documents {
            // A record that fails its check (the holder's key did not write it, and the document
            // did not come through a deposit link) is shown as damaged rather than hidden.
            let opened = info.received_with(&wallet.key).and_then(|link_key| {
                metadata::open_wallet_metadata(
                    &wallet.key,
                    &info.id,
                    &info.metadata.0,
                    link_key.as_ref(),
                )
            });
            let view = match opened {
                Ok((meta, origin)) => DocumentView {
                    id: info.id,
                    name: meta.name,
                    mime: meta.mime,
                    category: meta.category,
                    note: meta.note,
                    created_at: meta.created_at,
                    size: info.size,
                    thumbnail_jpeg_base64: meta
                        .thumbnail
                        .map(|t| base64::engine::general_purpose::STANDARD.encode(t)),
                    damaged: false,
                    received_from: origin
                        .is_received()
                        .then(|| received_from(&info).unwrap_or_default()),
                },
                Err(_) => DocumentView {
                    id: info.id,
                    name: String::new(),
                    mime: String::new(),
                    category: Category::Other,
                    note: String::new(),
                    created_at: info.created_at,
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
        let clean = crate::decode::clean_image(file).await?;
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

async fn add(request_id: u32, file: &File, category: Category) -> Result<DocumentId, Failure> {
    let recipient = with_wallet(|w| w.key.recipient())?;
    send_document(
        request_id,
        file,
        &recipient,
        Destination::Wallet { category },
    )
    .await
}

/// Where a document goes: into the open wallet (tagged with its key), or through a deposit
/// link into someone else's (no tag: the sender has no key of that wallet).
pub(crate) enum Destination<'a> {
    /// The open wallet, in this category.
    Wallet {
        /// Chosen by the holder.
        category: Category,
    },
    /// A deposit link.
    Drop {
        /// The link's id.
        deposit_id: &'a str,
        /// The link's access token.
        token: &'a str,
    },
}

/// Prepares `file` (photos cleaned), seals it to `recipient` in pieces and sends it in parts
/// (reporting progress), then its metadata.
pub(crate) async fn send_document(
    request_id: u32,
    file: &File,
    recipient: &pde_crypto::wallet::WalletRecipient,
    destination: Destination<'_>,
) -> Result<DocumentId, Failure> {
    let info = server_info().await?;
    // A photo usually shrinks when cleaned, so its original may be somewhat larger than the
    // limit; anything far beyond it is refused before a byte is read into memory.
    if file.size() as u64 > info.max_document_bytes.saturating_mul(MAX_ORIGINAL_FACTOR) {
        return Err(Failure::FileTooLarge {
            max_bytes: info.max_document_bytes,
        });
    }
    let prepared = prepare(file).await?;
    let sealer = DocumentSealer::new(recipient, prepared.len).map_err(crypto_failure)?;
    let ciphertext_len = sealer.ciphertext_len();
    if ciphertext_len > info.max_document_bytes {
        return Err(Failure::FileTooLarge {
            max_bytes: info.max_document_bytes,
        });
    }
    let id = DocumentId::random();
    let (start_path, bearer, mut upload_routes) = match &destination {
        Destination::Wallet { .. } => (
            routes::UPLOADS.to_owned(),
            None,
            UploadRoutes {
                part: routes::UPLOAD_PART,
                commit: routes::UPLOAD_COMMIT,
                ids: Vec::new(),
            },
        ),
        Destination::Drop { deposit_id, token } => (
            routes::fill(routes::DROP_UPLOADS, &[deposit_id]),
            Some(*token),
            UploadRoutes {
                part: routes::DROP_UPLOAD_PART,
                commit: routes::DROP_UPLOAD_COMMIT,
                ids: vec![deposit_id.to_string()],
            },
        ),
    };
    let started = match &destination {
        Destination::Wallet { .. } => {
            api::send_json(
                "POST",
                &start_path,
                &UploadCreateRequest {
                    document_id: id,
                    ciphertext_len,
                },
            )
            .await
        }
        Destination::Drop { token, .. } => {
            api::send_json(
                "POST",
                &start_path,
                &pde_api::DepositUploadRequest {
                    access_token: (*token).to_owned(),
                    document_id: id,
                    ciphertext_len,
                },
            )
            .await
        }
    };
    let status: UploadStatus = started.map_err(|failure| match failure {
        Failure::Server {
            code: ErrorCode::QuotaExceeded,
            ..
        } => Failure::QuotaFull,
        Failure::Server {
            code: ErrorCode::DocumentTooLarge,
            ..
        } => Failure::FileTooLarge {
            max_bytes: info.max_document_bytes,
        },
        other => other,
    })?;
    upload_routes.ids.push(status.upload_id.clone());
    let part_size = status.part_size.max(1);
    let mut stream = sealer.start();
    let mut part_buffer: Vec<u8> = Vec::with_capacity(part_size as usize);
    let mut next_part = 0u32;
    let mut sent = 0u64;
    let mut offset = 0u64;
    report(request_id, 0, ciphertext_len);
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
        part_buffer.extend_from_slice(&stream.push(&piece).map_err(crypto_failure)?);
        while part_buffer.len() as u64 >= part_size {
            let rest = part_buffer.split_off(part_size as usize);
            send_part(upload_routes.part(next_part), &part_buffer, bearer).await?;
            sent += part_buffer.len() as u64;
            report(request_id, sent, ciphertext_len);
            next_part += 1;
            part_buffer = rest;
        }
    }
    let (last, sealed) = stream.finish().map_err(crypto_failure)?;
    part_buffer.extend_from_slice(&last);
    for chunk in part_buffer.chunks(part_size as usize) {
        send_part(upload_routes.part(next_part), chunk, bearer).await?;
        sent += chunk.len() as u64;
        report(request_id, sent, ciphertext_len);
        next_part += 1;
    }
    let created_at = (js_sys::Date::now() / 1000.0) as i64;
    let category = match &destination {
        Destination::Wallet { category } => *category,
        Destination::Drop { .. } => Category::Other,
    };
    let meta = DocumentMetadata {
        name: prepared.name,
        mime: prepared.mime,
        category,
        note: String::new(),
        created_at,
        document_date: None,
        thumbnail: prepared.thumbnail,
        copy_sha256: None,
    };
    let commit_path = upload_routes.commit();
    match destination {
        Destination::Wallet { .. } => {
            // Only into the part it was sealed for: if that part was locked meanwhile (and
            // maybe another opened), the document is not committed anywhere.
            let (sealed_meta, tag) = with_wallet(|w| {
                (w.key.recipient() == *recipient).then(|| {
                    metadata::seal_wallet_metadata(&w.key, &id, &meta, false)
                        .map(|record| (record, document::document_tag(&w.key, &id, &sealed.digest)))
                })
            })?
            .ok_or(Failure::Locked)?
            .map_err(crypto_failure)?;
            let _: DocumentInfo = api::send_json(
                "POST",
                &commit_path,
                &UploadCommitRequest {
                    metadata: sealed_meta.into(),
                    tag: tag.into(),
                },
            )
            .await?;
        }
        Destination::Drop { token, .. } => {
            // The depositor has only the public key: the holder authenticates the record when
            // the document is first opened.
            let sealed_meta =
                metadata::seal_metadata(recipient, &id, &meta).map_err(crypto_failure)?;
            let _: pde_api::DepositReceived = api::send_json_with(
                "POST",
                &commit_path,
                &pde_api::DepositCommitRequest {
                    metadata: sealed_meta.into(),
                },
                Some(token),
            )
            .await?;
        }
    }
    Ok(id)
}

/// Where an upload's parts and commit go: the wallet's own routes, or a deposit link's.
struct UploadRoutes {
    part: &'static str,
    commit: &'static str,
    /// The ids the routes take before the part number (the deposit link's, the upload's).
    ids: Vec<String>,
}

impl UploadRoutes {
    fn part(&self, part: u32) -> String {
        let part = part.to_string();
        let mut values: Vec<&str> = self.ids.iter().map(String::as_str).collect();
        values.push(&part);
        routes::fill(self.part, &values)
    }

    fn commit(&self) -> String {
        let values: Vec<&str> = self.ids.iter().map(String::as_str).collect();
        routes::fill(self.commit, &values)
    }
}

async fn send_part(path: String, bytes: &[u8], bearer: Option<&str>) -> Result<(), Failure> {
    let mut tries = 0;
    loop {
        tries += 1;
        match api::put_bytes(&path, bytes, bearer).await {
            Err(Failure::Network) if tries < PART_TRIES => {
                sleep_ms(500 * tries).await;
            }
            other => return other,
        }
    }
}

pub(crate) async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
    });
    let _ = JsFuture::from(promise).await;
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
    let ciphertext =
        api::get_bytes(&routes::fill(routes::DOCUMENT_CONTENT, &[&id.to_string()])).await?;
    let (meta, content, pinned_record) = with_wallet(|w| {
        let (mut meta, origin) = open_record(&w.key, &info)?;
        let content = open_content(&w.key, &info, origin, &meta, &ciphertext)?;
        // A received document opened for the first time: its record is authenticated now and
        // pins this content, so the server can change neither afterwards.
        let pinned_record = if origin.is_received() && meta.copy_sha256.is_none() {
            meta.copy_sha256 = Some(document::sha256(&ciphertext).to_vec());
            Some(metadata::seal_wallet_metadata(&w.key, &id, &meta, true)?)
        } else {
            None
        };
        Ok::<_, CryptoError>((meta, content, pinned_record))
    })?
    .map_err(crypto_failure)?;
    drop(ciphertext);
    if let Some(record) = pinned_record {
        put_record(id, record).await?;
    }
    content_reply(&content, &meta.mime, meta.name)
}

/// Stores a document's new record (and forgets the listing's copy of the old one).
async fn put_record(id: DocumentId, record: Vec<u8>) -> Result<(), Failure> {
    api::send_json_no_reply(
        "PUT",
        &routes::fill(routes::DOCUMENT_METADATA, &[&id.to_string()]),
        &MetadataUpdate {
            metadata: record.into(),
        },
    )
    .await?;
    let _ = with_wallet(|w| w.known.remove(&id));
    Ok(())
}

/// A listed document's record: see [`metadata::open_wallet_metadata`]. When the holder's own
/// document has a record that fails its check (shown as damaged), a blank one stands in: the
/// content still opens, its tag checked, and the holder can name it again; nothing of the bad
/// record is used.
pub(crate) fn open_record(
    key: &WalletKey,
    info: &DocumentInfo,
) -> Result<(DocumentMetadata, metadata::Origin), CryptoError> {
    let link_key = info.received_with(key)?;
    let received = link_key.is_some();
    match metadata::open_wallet_metadata(key, &info.id, &info.metadata.0, link_key.as_ref()) {
        Err(_) if !received => Ok((
            DocumentMetadata {
                name: String::new(),
                mime: "application/octet-stream".into(),
                category: Category::Other,
                note: String::new(),
                created_at: info.created_at,
                document_date: None,
                thumbnail: None,
                copy_sha256: None,
            },
            metadata::Origin::Own,
        )),
        other => other,
    }
}

/// `bytes` as a `Blob` of type `mime` (copied out of WebAssembly memory).
pub(crate) fn blob_from(bytes: &[u8], mime: &str) -> Result<Blob, Failure> {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|_| {
        Failure::Unexpected {
            detail: "blob".into(),
        }
    })
}

/// Decrypts a document of the wallet: the tag is checked before anything is decrypted, except
/// for a document received through a deposit link (its record says so), which has none (only
/// the holder's key makes tags): its content, sealed to the link's own key, is checked against
/// the digest its record pinned when first opened, and it is shown as "received, sender
/// unverified".
pub(crate) fn open_content(
    key: &WalletKey,
    info: &DocumentInfo,
    origin: metadata::Origin,
    meta: &DocumentMetadata,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if origin.is_received() {
        metadata::check_pinned_content(meta, ciphertext)?;
        // The link's own key (the server lists which link, the wallet key gives its secret).
        let link_key = info.received_with(key)?.ok_or(CryptoError::Tampered)?;
        let mut plain = Zeroizing::new(Vec::new());
        document::open_document(&link_key, ciphertext, &mut *plain)?;
        return Ok(plain);
    }
    document::open_document_bytes(key, &info.id, &info.tag.0, ciphertext)
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

async fn update(
    id: DocumentId,
    name: String,
    category: Category,
    note: String,
) -> Result<(), Failure> {
    let info = known(id).await?;
    let sealed = with_wallet(|w| {
        let (mut meta, origin) = open_record(&w.key, &info)?;
        meta.name = name;
        meta.category = category;
        meta.note = note;
        metadata::seal_wallet_metadata(&w.key, &id, &meta, origin.is_received())
    })?
    .map_err(crypto_failure)?;
    put_record(id, sealed).await
}
