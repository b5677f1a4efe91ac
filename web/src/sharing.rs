//! Grant links in the vault: the holder's side (share, list, revoke) and the worker's side
//! (read a link, open it with the PIN, decrypt the granted documents). The link's secret, the
//! PIN and the grant key stay in this worker; the page only gets names and contents.

use std::cell::RefCell;

use pde_api::routes;
use pde_api::ErrorCode;
use pde_api::{
    GrantCreateRequest, GrantCreated, GrantDocumentDeclaration, GrantList, GrantOpened,
    GrantStatus, GrantTokens, GrantedDocument, MAX_GRANT_DOCUMENTS,
};
use pde_crypto::deposit::DepositSecret;
use pde_crypto::document;
use pde_crypto::grant::{self, GrantPin, GrantSecret};
use pde_crypto::metadata::DocumentMetadata;
use pde_crypto::record::{self, RecordKind};
use pde_crypto::wallet::{WalletKey, WalletRecipient, WrappedWalletKey};
use serde::{Deserialize, Serialize};

use crate::api;
use crate::protocol::{
    DepositView, Failure, GrantView, Reply, Secret, ShareRequest, SharedDocumentView,
};
use crate::vault::{blob_from, content_reply, crypto_failure, known, report, with_wallet, Outcome};

/// The holder's private record of a grant, sealed to the wallet and kept by the server as the
/// grant's label: what it was for and which documents it carries (the server can read
/// neither, and the grant's own copies are sealed to a key the holder does not keep).
#[derive(Serialize, Deserialize)]
struct GrantRecord {
    label: String,
    documents: Vec<String>,
}

/// A link the worker's page read, and once opened, its key and documents. No `Debug`.
struct SharedLink {
    grant_id: String,
    secret: GrantSecret,
    opened: Option<OpenedGrant>,
}

struct OpenedGrant {
    key: WalletKey,
    opening_token: String,
    documents: Vec<(GrantedDocument, DocumentMetadata)>,
}

/// A deposit link the worker's page read, with the holder's key once checked. No `Debug`.
struct DropLink {
    deposit_id: String,
    token: String,
    recipient: WalletRecipient,
}

thread_local! {
    static LINK: RefCell<Option<SharedLink>> = const { RefCell::new(None) };
    static DROP: RefCell<Option<DropLink>> = const { RefCell::new(None) };
}

/// Forgets the links' secrets and the grant key.
pub fn forget_link() {
    LINK.with(|l| l.borrow_mut().take());
    DROP.with(|d| d.borrow_mut().take());
}

fn invalid(code: ErrorCode) -> Failure {
    Failure::Server {
        code,
        retry_after_seconds: None,
    }
}

/// Shares documents: each is decrypted with the wallet key and sealed again, under a fresh
/// file key, to a new grant key; the grant is created with only hashes of the link's tokens;
/// then the copies are sent. Progress counts both passes over the documents' bytes.
pub async fn share(request_id: u32, request: ShareRequest) -> Outcome {
    if request.documents.is_empty() || request.documents.len() > MAX_GRANT_DOCUMENTS {
        return Err(invalid(ErrorCode::InvalidFields));
    }
    let pin = match &request.pin {
        Some(pin) => Some(GrantPin::parse(&pin.0).map_err(|_| invalid(ErrorCode::InvalidFields))?),
        None => None,
    };
    let wallet_recipient = with_wallet(|w| w.key.recipient())?;
    let secret = GrantSecret::generate();
    let (grant_key, wrapped) = grant::new_grant_key(&secret, pin.as_ref());
    let grant_recipient = grant_key.recipient();
    // The grant key is only needed for its recipient: it lives on, wrapped, on the server.
    drop(grant_key);

    let mut infos = Vec::with_capacity(request.documents.len());
    for id in &request.documents {
        infos.push(known(*id).await?);
    }
    let total: u64 = infos.iter().map(|i| i.size.saturating_mul(2)).sum();
    let mut done = 0u64;
    report(request_id, done, total);

    // Pass 1: the copies, kept as ciphertext `Blob`s (never plaintext) until the grant exists.
    let mut copies = Vec::with_capacity(infos.len());
    let mut declarations = Vec::with_capacity(infos.len());
    let mut names = Vec::with_capacity(infos.len());
    for (position, info) in infos.iter().enumerate() {
        let ciphertext = api::get_bytes(&routes::fill(
            routes::DOCUMENT_CONTENT,
            &[&info.id.to_string()],
        ))
        .await?;
        let (meta, content) = with_wallet(|w| {
            let (meta, origin) = crate::vault::open_record(&w.key, info)?;
            let content = crate::vault::open_content(&w.key, info, origin, &meta, &ciphertext)?;
            Ok::<_, pde_crypto::CryptoError>((meta, content))
        })?
        .map_err(crypto_failure)?;
        drop(ciphertext);
        let copy =
            document::seal_document_bytes(&grant_recipient, &content).map_err(crypto_failure)?;
        drop(content);
        // Names and types; the private note and the thumbnail stay in the wallet unless the
        // holder chose to include them.
        let shared_meta = DocumentMetadata {
            name: meta.name.clone(),
            mime: meta.mime,
            category: meta.category,
            note: if request.include_notes {
                meta.note
            } else {
                String::new()
            },
            created_at: meta.created_at,
            document_date: meta.document_date,
            thumbnail: meta.thumbnail.filter(|_| request.include_notes),
            copy_sha256: None,
        };
        let position = u32::try_from(position).map_err(|_| invalid(ErrorCode::InvalidFields))?;
        let sealed_meta = grant::seal_copy_record(&grant_recipient, position, &shared_meta, &copy)
            .map_err(crypto_failure)?;
        declarations.push(GrantDocumentDeclaration {
            ciphertext_len: copy.len() as u64,
            metadata: sealed_meta.into(),
        });
        copies.push(blob_from(&copy, "application/octet-stream")?);
        names.push(meta.name);
        done += info.size;
        report(request_id, done, total);
    }

    let record = serde_json::to_vec(&GrantRecord {
        label: request.label.trim().to_owned(),
        documents: names,
    })
    .map_err(|e| Failure::Unexpected {
        detail: e.to_string(),
    })?;
    let label = with_wallet(|w| {
        document::seal_document_bytes(&wallet_recipient, &record)
            .map(|sealed| record::authenticate(&w.key, RecordKind::GrantLabel, b"", sealed))
    })?
    .map_err(crypto_failure)?;
    let created: GrantCreated = api::send_json(
        "POST",
        routes::GRANTS,
        &GrantCreateRequest {
            access_hash: secret.access_token().hash().to_vec().into(),
            pin_hash: pin
                .as_ref()
                .map(|p| secret.pin_token(p).hash().to_vec().into()),
            wrapped_key: wrapped.to_bytes().into(),
            label: label.into(),
            expires_in_seconds: request.expires_in_seconds,
            max_openings: request.max_openings,
            documents: declarations,
        },
    )
    .await
    .map_err(|failure| match failure {
        Failure::Server {
            code: ErrorCode::QuotaExceeded,
            ..
        } => Failure::QuotaFull,
        other => other,
    })?;

    // Pass 2: the copies. A failure takes the unfinished grant back (and its reserved bytes).
    for (position, blob) in copies.iter().enumerate() {
        let path = routes::fill(
            routes::GRANT_DOCUMENT,
            &[&created.grant_id, &position.to_string()],
        );
        if let Err(failure) = api::put_blob(&path, blob).await {
            let _ =
                api::send_empty("DELETE", &routes::fill(routes::GRANT, &[&created.grant_id])).await;
            return Err(failure);
        }
        done += infos.get(position).map_or(0, |i| i.size);
        report(request_id, done.min(total), total);
    }
    report(request_id, total, total);

    let fragment = format!("{}.{}", &*secret.to_fragment(), request.lang);
    Ok((
        Reply::Shared {
            grant_id: created.grant_id,
            fragment: Secret::new(fragment),
            expires_at: created.expires_at,
        },
        None,
    ))
}

/// The holder's grants with their private records opened.
pub async fn grants() -> Result<Vec<GrantView>, Failure> {
    with_wallet(|_| ())?;
    let list: GrantList = api::get_json(routes::GRANTS).await?;
    with_wallet(|w| {
        list.grants
            .into_iter()
            .map(|grant| {
                let mut plain = Vec::new();
                let record = record::verify(&w.key, RecordKind::GrantLabel, b"", &grant.label.0)
                    .and_then(|sealed| document::open_document(&w.key, sealed, &mut plain))
                    .ok()
                    .and_then(|_| serde_json::from_slice::<GrantRecord>(&plain).ok())
                    .unwrap_or(GrantRecord {
                        label: String::new(),
                        documents: Vec::new(),
                    });
                GrantView {
                    grant_id: grant.grant_id,
                    label: record.label,
                    documents: record.documents,
                    state: grant.state,
                    has_pin: grant.has_pin,
                    created_at: grant.created_at,
                    expires_at: grant.expires_at,
                    max_openings: grant.max_openings,
                    opened_at: grant.opened_at,
                }
            })
            .collect()
    })
}

/// Stops a grant at once (the server deletes its copies).
pub async fn revoke(grant_id: &str) -> Result<(), Failure> {
    if !is_link_id(grant_id) {
        return Err(Failure::BadLink);
    }
    api::send_empty("DELETE", &routes::fill(routes::GRANT, &[grant_id])).await
}

/// Grant and deposit link ids are URL-safe tokens; anything else never goes into a request path.
fn is_link_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The link's secret: the fragment up to the language mark (`<secret>.<lang>`).
fn secret_of(fragment: &str) -> Result<GrantSecret, Failure> {
    let secret = fragment.split('.').next().unwrap_or_default();
    GrantSecret::from_fragment(secret).map_err(|_| Failure::BadLink)
}

/// Reads a link: keeps its secret here and asks the grant's state (counts nothing).
pub async fn shared_status(grant_id: String, fragment: &Secret) -> Result<GrantStatus, Failure> {
    forget_link();
    if !is_link_id(&grant_id) {
        return Err(Failure::BadLink);
    }
    let secret = secret_of(&fragment.0)?;
    let status: GrantStatus = api::send_json(
        "POST",
        &routes::fill(routes::SHARED_STATUS, &[&grant_id]),
        &GrantTokens {
            access_token: secret.access_token().to_text(),
            pin_token: None,
        },
    )
    .await?;
    LINK.with(|l| {
        *l.borrow_mut() = Some(SharedLink {
            grant_id,
            secret,
            opened: None,
        })
    });
    Ok(status)
}

/// Opens the link read last (the server counts an opening, and a wrong PIN).
pub async fn open_shared(pin: Option<Secret>) -> Outcome {
    let pin = match &pin {
        // The page checks the PIN's form before sending it here.
        Some(pin) => Some(GrantPin::parse(&pin.0).map_err(|_| invalid(ErrorCode::InvalidFields))?),
        None => None,
    };
    let (grant_id, tokens) = LINK
        .with(|l| {
            l.borrow().as_ref().map(|link| {
                (
                    link.grant_id.clone(),
                    GrantTokens {
                        access_token: link.secret.access_token().to_text(),
                        pin_token: pin.as_ref().map(|p| link.secret.pin_token(p).to_text()),
                    },
                )
            })
        })
        .ok_or(Failure::BadLink)?;
    let opened: GrantOpened = api::send_json(
        "POST",
        &routes::fill(routes::SHARED_OPEN, &[&grant_id]),
        &tokens,
    )
    .await?;
    let wrapped = WrappedWalletKey::from_bytes(&opened.wrapped_key.0).map_err(crypto_failure)?;
    let documents = LINK.with(|l| {
        let mut link = l.borrow_mut();
        let link = link.as_mut().ok_or(Failure::BadLink)?;
        let key =
            grant::open_grant_key(&link.secret, pin.as_ref(), &wrapped).map_err(crypto_failure)?;
        let mut documents = Vec::with_capacity(opened.documents.len());
        let mut views = Vec::with_capacity(opened.documents.len());
        for granted in opened.documents {
            let meta = grant::open_copy_record(&key, granted.position, &granted.metadata.0)
                .map_err(crypto_failure)?;
            views.push(SharedDocumentView {
                position: granted.position,
                name: meta.name.clone(),
                mime: meta.mime.clone(),
                note: meta.note.clone(),
                size: granted.size,
            });
            documents.push((granted, meta));
        }
        link.opened = Some(OpenedGrant {
            key,
            opening_token: opened.opening_token,
            documents,
        });
        Ok::<_, Failure>(views)
    })?;
    Ok((
        Reply::SharedOpened {
            expires_at: opened.expires_at,
            documents,
        },
        None,
    ))
}

/// Downloads and decrypts one granted document.
pub async fn open_shared_document(position: u32) -> Outcome {
    let (grant_id, token) = LINK
        .with(|l| {
            l.borrow().as_ref().and_then(|link| {
                link.opened
                    .as_ref()
                    .map(|o| (link.grant_id.clone(), o.opening_token.clone()))
            })
        })
        .ok_or(Failure::BadLink)?;
    let ciphertext = api::get_bytes_with(
        &routes::fill(routes::SHARED_DOCUMENT, &[&grant_id, &position.to_string()]),
        Some(&token),
    )
    .await?;
    let opened = LINK.with(|l| {
        let link = l.borrow();
        let opened = link
            .as_ref()
            .and_then(|link| link.opened.as_ref())
            .ok_or(Failure::BadLink)?;
        let (_, meta) = opened
            .documents
            .iter()
            .find(|(granted, _)| granted.position == position)
            .ok_or(Failure::BadLink)?;
        let mut content = zeroize::Zeroizing::new(Vec::new());
        grant::open_copy(&opened.key, meta, &ciphertext, &mut *content).map_err(crypto_failure)?;
        Ok::<_, Failure>((content, meta.mime.clone(), meta.name.clone()))
    })?;
    let (content, mime, name) = opened;
    content_reply(&content, &mime, name)
}

/// Makes a deposit link: only the hash of its access token and the check of the wallet's key
/// go to the server; the label is sealed to the wallet.
pub async fn create_deposit(
    label: &str,
    expires_in_seconds: u64,
    max_files: u32,
    lang: &str,
) -> Outcome {
    let secret = DepositSecret::generate();
    let request = with_wallet(|w| {
        pde_api::DepositCreateRequest::new(
            &w.key,
            &secret,
            label.trim(),
            expires_in_seconds,
            max_files,
        )
    })?
    .map_err(crypto_failure)?;
    let created: pde_api::DepositCreated =
        api::send_json("POST", routes::DEPOSITS, &request).await?;
    Ok((
        Reply::DepositReady {
            deposit_id: created.deposit_id,
            fragment: Secret::new(format!("{}.{lang}", &*secret.to_fragment())),
            expires_at: created.expires_at,
        },
        None,
    ))
}

/// The holder's deposit links with their labels opened.
pub async fn deposits() -> Result<Vec<DepositView>, Failure> {
    with_wallet(|_| ())?;
    let list: pde_api::DepositList = api::get_json(routes::DEPOSITS).await?;
    with_wallet(|w| {
        list.deposits
            .into_iter()
            .map(|d| {
                let mut plain = Vec::new();
                let label = record::verify(&w.key, RecordKind::DepositLabel, b"", &d.label.0)
                    .and_then(|sealed| document::open_document(&w.key, sealed, &mut plain))
                    .ok()
                    .and_then(|_| String::from_utf8(plain).ok())
                    .unwrap_or_default();
                DepositView {
                    deposit_id: d.deposit_id,
                    label,
                    state: d.state,
                    created_at: d.created_at,
                    expires_at: d.expires_at,
                    max_files: d.max_files,
                    files_received: d.files_received,
                }
            })
            .collect()
    })
}

/// Stops a deposit link.
pub async fn revoke_deposit(deposit_id: &str) -> Result<(), Failure> {
    if !is_link_id(deposit_id) {
        return Err(Failure::BadLink);
    }
    api::send_empty("DELETE", &routes::fill(routes::DEPOSIT, &[deposit_id])).await
}

/// Reads a deposit link: asks its state and the holder's key, and checks the key against the
/// link's secret before anything is sealed to it (a server can't swap in its own).
pub async fn drop_status(deposit_id: String, fragment: &Secret) -> Outcome {
    DROP.with(|d| d.borrow_mut().take());
    if !is_link_id(&deposit_id) {
        return Err(Failure::BadLink);
    }
    let secret_text = fragment.0.split('.').next().unwrap_or_default();
    let secret = DepositSecret::from_fragment(secret_text).map_err(|_| Failure::BadLink)?;
    let token = secret.access_token().to_text();
    let status: pde_api::DepositStatus = api::send_json(
        "POST",
        &routes::fill(routes::DROP_STATUS, &[&deposit_id]),
        &pde_api::DepositAccess {
            access_token: token.clone(),
        },
    )
    .await?;
    let recipient = secret
        .verify_recipient(&status.recipient, &status.recipient_check.0)
        .map_err(|_| Failure::Tampered)?;
    DROP.with(|d| {
        *d.borrow_mut() = Some(DropLink {
            deposit_id,
            token,
            recipient,
        })
    });
    Ok((
        Reply::DropStatus {
            state: status.state,
            expires_at: status.expires_at,
            files_left: status.files_left,
        },
        None,
    ))
}

/// Seals `file` (photos cleaned first) to the holder's checked key and sends it through the
/// link read last.
pub async fn drop_file(request_id: u32, file: &web_sys::File) -> Outcome {
    let (deposit_id, token, recipient) = DROP
        .with(|d| {
            d.borrow()
                .as_ref()
                .map(|l| (l.deposit_id.clone(), l.token.clone(), l.recipient.clone()))
        })
        .ok_or(Failure::BadLink)?;
    crate::vault::send_document(
        request_id,
        file,
        &recipient,
        crate::vault::Destination::Drop {
            deposit_id: &deposit_id,
            token: &token,
        },
    )
    .await?;
    Ok((Reply::Done, None))
}
