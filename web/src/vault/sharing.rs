//! Grant and deposit links in the vault, on `pde-client`: the holder's side (share, list,
//! revoke) and the worker's (read a link, open it with the PIN, decrypt the granted copies;
//! send documents through a deposit link). The link's secret, the PIN and the grant key stay in
//! this worker; the page only gets names and contents.

use std::cell::RefCell;
use std::rc::Rc;

use pde_api::{ErrorCode, GrantStatus, MAX_GRANT_DOCUMENTS};
use pde_client::{ClientError, Destination, DropLink, LinkFragment, OpenedGrant, SharedLink};
use pde_crypto::grant::GrantPin;
use pde_crypto::metadata::{Category, DocumentMetadata};

use crate::api::client;
use futures::future::LocalBoxFuture;

use crate::protocol::{
    Command, DepositView, Failure, GrantView, Reply, Secret, ShareRequest, SharedDocumentView,
};
use crate::vault::{content_reply, forget_known, known, report, with_wallet, OpenKey, Outcome};

/// The grant link the worker's page read, and once opened, its key and copies' records.
struct ReadLink {
    link: Rc<SharedLink>,
    opened: Option<Rc<OpenedGrant>>,
}

thread_local! {
    static LINK: RefCell<Option<ReadLink>> = const { RefCell::new(None) };
    static DROP: RefCell<Option<Rc<DropLink>>> = const { RefCell::new(None) };
}

/// The commands of a grant link's page (its own bundle's vault): read the link, open it, open
/// a granted copy. Anything else is refused.
pub fn handle_grant_link(
    _id: u32,
    command: Command,
    _file: Option<web_sys::File>,
) -> LocalBoxFuture<'static, Outcome> {
    Box::pin(async move {
        match command {
            Command::SharedStatus { grant_id, fragment } => {
                let status = shared_status(grant_id, &fragment).await?;
                Ok((Reply::SharedStatus(status), None))
            }
            Command::OpenShared { pin } => open_shared(pin).await,
            Command::OpenSharedDocument { position } => open_shared_document(position).await,
            _ => Err(Failure::Unexpected {
                detail: "this page opens a grant link only".into(),
            }),
        }
    })
}

/// Forgets the links' secrets and the grant key.
pub fn forget_link() {
    LINK.with(|l| l.borrow_mut().take());
    DROP.with(|d| d.borrow_mut().take());
}

fn invalid() -> Failure {
    Failure::Server {
        code: ErrorCode::InvalidFields,
        retry_after_seconds: None,
    }
}

/// The PIN as typed (the page checks its form before sending it here).
fn pin_of(pin: &Option<Secret>) -> Result<Option<GrantPin>, Failure> {
    pin.as_ref()
        .map(|pin| GrantPin::parse(&pin.0).map_err(|_| invalid()))
        .transpose()
}

/// Shares documents: each is opened with the wallet key and sealed again, under a fresh file
/// key, to a new grant key; the grant is created with only hashes of the link's tokens; then
/// the copies are sent. Progress counts both passes over the documents' bytes.
pub async fn share(request_id: u32, request: ShareRequest) -> Outcome {
    if request.documents.is_empty() || request.documents.len() > MAX_GRANT_DOCUMENTS {
        return Err(invalid());
    }
    let pin = pin_of(&request.pin)?;
    with_wallet(|_| ())?;
    let mut infos = Vec::with_capacity(request.documents.len());
    for id in &request.documents {
        infos.push(known(*id).await?);
    }
    let total: u64 = infos.iter().map(|i| i.size.saturating_mul(2)).sum();
    let mut done = 0u64;
    report(request_id, done, total);

    // Pass 1: the copies, held as ciphertext `Blob`s (never plaintext) until the grant exists.
    let client = client();
    let mut draft = client.grant_draft(pin);
    for info in &infos {
        let opened = client.open_document(&OpenKey, info).await?;
        if opened.pinned {
            forget_known(info.id);
        }
        // Names and types; the private note and the thumbnail stay in the wallet unless the
        // holder chose to include them.
        let meta = opened.meta;
        let shared = DocumentMetadata {
            note: if request.include_notes {
                meta.note
            } else {
                String::new()
            },
            thumbnail: meta.thumbnail.filter(|_| request.include_notes),
            copy_sha256: None,
            ..meta
        };
        client.add_copy(&mut draft, &shared, &opened.content)?;
        done += info.size;
        report(request_id, done, total);
    }
    let declared = client
        .declare_grant(
            &OpenKey,
            draft,
            &request.label,
            request.expires_in_seconds,
            request.max_openings,
        )
        .await?;

    // Pass 2: the copies. A failure takes the unfinished grant back (and its reserved bytes).
    client
        .send_copies(&declared, &mut |position| {
            done += infos.get(position).map_or(0, |i| i.size);
            report(request_id, done.min(total), total);
        })
        .await?;
    report(request_id, total, total);

    let fragment = LinkFragment::write(&declared.link.fragment(), &request.lang);
    Ok((
        Reply::Shared {
            grant_id: declared.link.grant_id.clone(),
            fragment: Secret(fragment),
            expires_at: declared.expires_at,
        },
        None,
    ))
}

/// The holder's grants with their private records opened.
pub async fn grants() -> Result<Vec<GrantView>, Failure> {
    with_wallet(|_| ())?;
    let grants = client().grants(&OpenKey).await?;
    Ok(grants
        .into_iter()
        .map(|(grant, record)| GrantView {
            grant_id: grant.grant_id,
            label: record.label,
            documents: record.documents,
            state: grant.state,
            has_pin: grant.has_pin,
            created_at: grant.created_at,
            expires_at: grant.expires_at,
            max_openings: grant.max_openings,
            opened_at: grant.opened_at,
        })
        .collect())
}

/// Stops a grant at once (the server deletes its copies).
pub async fn revoke(grant_id: &pde_api::GrantId) -> Result<(), Failure> {
    Ok(client().revoke_grant(grant_id).await?)
}

/// Reads a link: keeps its secret here and asks the grant's state (counts nothing).
pub async fn shared_status(grant_id: String, fragment: &Secret) -> Result<GrantStatus, Failure> {
    forget_link();
    let link = Rc::new(SharedLink::parse(&grant_id, &fragment.0)?);
    let status = client().shared_status(&link).await?;
    LINK.with(|l| *l.borrow_mut() = Some(ReadLink { link, opened: None }));
    Ok(status)
}

/// The link read last, if it still is when `link` comes back from the server.
fn still_read(link: &Rc<SharedLink>, f: impl FnOnce(&mut ReadLink)) {
    LINK.with(|l| {
        if let Some(read) = l.borrow_mut().as_mut() {
            if Rc::ptr_eq(&read.link, link) {
                f(read);
            }
        }
    });
}

/// Opens the link read last (the server counts an opening, and a wrong PIN).
pub async fn open_shared(pin: Option<Secret>) -> Outcome {
    let pin = pin_of(&pin)?;
    let link = LINK
        .with(|l| l.borrow().as_ref().map(|read| read.link.clone()))
        .ok_or(Failure::BadLink)?;
    let opened = Rc::new(client().open_shared(&link, pin.as_ref()).await?);
    let documents = opened
        .documents
        .iter()
        .map(|(granted, meta)| SharedDocumentView {
            position: granted.position,
            name: meta.name.clone(),
            mime: meta.mime.clone(),
            note: meta.note.clone(),
            size: granted.size,
        })
        .collect();
    let expires_at = opened.expires_at;
    still_read(&link, |read| read.opened = Some(opened));
    Ok((
        Reply::SharedOpened {
            expires_at,
            documents,
        },
        None,
    ))
}

/// Downloads and decrypts one granted copy.
pub async fn open_shared_document(position: u32) -> Outcome {
    let (link, opened) = LINK
        .with(|l| {
            l.borrow()
                .as_ref()
                .and_then(|read| Some((read.link.clone(), read.opened.clone()?)))
        })
        .ok_or(Failure::BadLink)?;
    let (meta, content) = client().open_shared_copy(&link, &opened, position).await?;
    content_reply(&content, &meta.mime, meta.name.clone())
}

/// Makes a deposit link: only the hash of its access token and its own public key go to the
/// server; the label is sealed to the wallet.
pub async fn create_deposit(
    label: &str,
    expires_in_seconds: u64,
    max_files: u32,
    lang: &str,
) -> Outcome {
    let (created, secret) = client()
        .create_deposit(&OpenKey, label, expires_in_seconds, max_files)
        .await?;
    Ok((
        Reply::DepositReady {
            deposit_id: created.deposit_id,
            fragment: Secret(LinkFragment::write(&secret.to_fragment(), lang)),
            expires_at: created.expires_at,
        },
        None,
    ))
}

/// The holder's deposit links with their labels opened.
pub async fn deposits() -> Result<Vec<DepositView>, Failure> {
    with_wallet(|_| ())?;
    let deposits = client().deposits(&OpenKey).await?;
    Ok(deposits
        .into_iter()
        .map(|d| DepositView {
            deposit_id: d.summary.deposit_id,
            label: d.label,
            state: d.summary.state,
            created_at: d.summary.created_at,
            expires_at: d.summary.expires_at,
            max_files: d.summary.max_files,
            files_received: d.summary.files_received,
        })
        .collect())
}

/// Stops a deposit link.
pub async fn revoke_deposit(deposit_id: &pde_api::DepositId) -> Result<(), Failure> {
    Ok(client().revoke_deposit(deposit_id).await?)
}

/// Reads a deposit link: its state and the holder's key, checked against the link's secret
/// before anything is sealed to it (a server can't swap in its own).
pub async fn drop_status(deposit_id: String, fragment: &Secret) -> Outcome {
    DROP.with(|d| d.borrow_mut().take());
    let (status, link) = client()
        .read_drop_link(&deposit_id, &fragment.0)
        .await
        .map_err(|error| match error {
            ClientError::Crypto(_) => Failure::Tampered,
            other => other.into(),
        })?;
    DROP.with(|d| *d.borrow_mut() = Some(Rc::new(link)));
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
    let link = DROP.with(|d| d.borrow().clone()).ok_or(Failure::BadLink)?;
    crate::vault::send_document(
        request_id,
        file,
        &link.recipient,
        Destination::Drop(&link),
        Category::Other,
        None,
    )
    .await?;
    Ok((Reply::Done, None))
}
