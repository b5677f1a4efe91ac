//! Grant links: the holder's side (share, list, revoke) and the social worker's (read a link,
//! open it with the PIN, decrypt the granted copies).

use pde_api::endpoints;
use pde_api::GrantId;
use pde_api::{GrantCreateRequest, GrantDocumentDeclaration, GrantStatus, GrantSummary};
use pde_api::{GrantTokens, GrantedDocument};
use pde_crypto::document;
use pde_crypto::grant::{self, GrantPin, GrantSecret};
use pde_crypto::metadata::DocumentMetadata;
use pde_crypto::record::{self, RecordKind};
use pde_crypto::wallet::{WalletKey, WalletRecipient, WrappedWalletKey};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::{protocol, Body, Client, ClientError, ClientResult, KeyRing, LinkFragment, Transport};

/// The holder's private record of a grant, sealed to the wallet and kept by the server as the
/// grant's label: what it was for and which documents it carries (the server can read
/// neither, and the grant's copies are sealed to a key the holder does not keep).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GrantRecord {
    /// What the holder called it.
    pub label: String,
    /// The names of its documents.
    pub documents: Vec<String>,
}

/// A grant being made: its secret, the key its copies are sealed to (the key itself is only
/// kept wrapped, for the server), and the copies sealed so far.
pub struct GrantDraft<H> {
    secret: GrantSecret,
    pin: Option<GrantPin>,
    wrapped: WrappedWalletKey,
    recipient: WalletRecipient,
    declarations: Vec<GrantDocumentDeclaration>,
    copies: Vec<H>,
    names: Vec<String>,
}

/// A grant created with its documents declared; the copies not sent yet.
pub struct DeclaredGrant<H> {
    /// The link.
    pub link: SharedLink,
    /// Unix seconds.
    pub expires_at: i64,
    /// The grant key's public half, which the copies are sealed to.
    pub recipient: WalletRecipient,
    /// The sealed copies, by position.
    pub copies: Vec<H>,
}

/// A grant link as the worker reads it: `…/g/<grant_id>#<secret>[.<lang>]`. No `Debug`.
pub struct SharedLink {
    /// The grant's id (the link's path).
    pub grant_id: GrantId,
    /// The link's secret.
    pub secret: GrantSecret,
}

/// An opened grant: its key and its copies' records. No `Debug`.
pub struct OpenedGrant {
    /// The grant key (unwrapped with the secret and the PIN).
    pub key: WalletKey,
    /// Fetches the copies.
    pub opening_token: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// The copies, in order, with their records opened.
    pub documents: Vec<(GrantedDocument, DocumentMetadata)>,
}

impl SharedLink {
    /// A link from its id and its fragment; [`ClientError::BadLink`] when either is not one.
    pub fn parse(grant_id: &str, fragment: &str) -> ClientResult<Self> {
        let grant_id = GrantId::from_text(grant_id);
        if !grant_id.is_well_formed() {
            return Err(ClientError::BadLink);
        }
        let secret = GrantSecret::from_fragment(LinkFragment::parse(fragment).secret())
            .map_err(|_| ClientError::BadLink)?;
        Ok(Self { grant_id, secret })
    }

    /// The fragment as the link carries it, without a language.
    pub fn fragment(&self) -> Zeroizing<String> {
        self.secret.to_fragment()
    }

    fn tokens(&self, pin: Option<&GrantPin>) -> GrantTokens {
        GrantTokens {
            access_token: self.secret.access_token().to_text(),
            pin_token: pin.map(|p| self.secret.pin_token(p).to_text()),
        }
    }
}

impl<T: Transport> Client<T> {
    /// Starts a grant: a fresh secret and grant key (wrapped under the secret and `pin`).
    pub fn grant_draft(&self, pin: Option<GrantPin>) -> GrantDraft<T::Held> {
        let secret = GrantSecret::generate();
        let (key, wrapped) = grant::new_grant_key(&secret, pin.as_ref());
        GrantDraft {
            secret,
            pin,
            wrapped,
            recipient: key.recipient(),
            declarations: Vec::new(),
            copies: Vec::new(),
            names: Vec::new(),
        }
    }

    /// Seals `content` again (a fresh file key) to the grant key, with the record the worker
    /// will see (`meta`, the copy's digest added), and keeps the copy until the grant exists.
    pub fn add_copy(
        &self,
        draft: &mut GrantDraft<T::Held>,
        meta: &DocumentMetadata,
        content: &[u8],
    ) -> ClientResult<()> {
        let position = u32::try_from(draft.copies.len()).map_err(protocol)?;
        let copy = document::seal_document_bytes(&draft.recipient, content)?;
        let record = grant::seal_copy_record(&draft.recipient, position, meta, &copy)?;
        draft.declarations.push(GrantDocumentDeclaration {
            ciphertext_len: copy.len() as u64,
            metadata: record.into(),
        });
        draft.copies.push(self.transport.hold(&copy)?);
        draft.names.push(meta.name.clone());
        Ok(())
    }

    /// Creates the grant with only hashes of the link's tokens and the holder's private record
    /// (`label` and the copies' names, sealed to the wallet); the copies are declared, not sent.
    pub async fn declare_grant(
        &self,
        keys: &impl KeyRing,
        draft: GrantDraft<T::Held>,
        label: &str,
        expires_in_seconds: u64,
        max_openings: Option<u32>,
    ) -> ClientResult<DeclaredGrant<T::Held>> {
        let record = serde_json::to_vec(&GrantRecord {
            label: label.trim().to_owned(),
            documents: draft.names,
        })
        .map_err(protocol)?;
        let label = keys.with_key(|key| {
            document::seal_document_bytes(&key.recipient(), &record)
                .map(|sealed| record::authenticate(key, RecordKind::GrantLabel, b"", sealed))
        })??;
        let secret = draft.secret;
        let created = self
            .call(
                endpoints::CREATE_GRANT,
                &[],
                &GrantCreateRequest {
                    access_hash: secret.access_token().hash().to_vec().into(),
                    pin_hash: draft
                        .pin
                        .as_ref()
                        .map(|p| secret.pin_token(p).hash().to_vec().into()),
                    wrapped_key: draft.wrapped.to_bytes().into(),
                    label: label.into(),
                    expires_in_seconds,
                    max_openings,
                    documents: draft.declarations,
                },
            )
            .await?;
        Ok(DeclaredGrant {
            link: SharedLink {
                grant_id: created.grant_id,
                secret,
            },
            expires_at: created.expires_at,
            recipient: draft.recipient,
            copies: draft.copies,
        })
    }

    /// Stores one declared copy.
    pub async fn send_copy(
        &self,
        grant_id: &GrantId,
        position: usize,
        copy: Body<'_, T::Held>,
    ) -> ClientResult<()> {
        self.put(
            endpoints::GRANT_DOCUMENT,
            &[grant_id.as_str(), &position.to_string()],
            copy,
            None,
        )
        .await
    }

    /// Sends every copy of a declared grant (`sent(position)` after each). A failure takes the
    /// unfinished grant back, with the bytes it reserved.
    pub async fn send_copies(
        &self,
        declared: &DeclaredGrant<T::Held>,
        sent: &mut dyn FnMut(usize),
    ) -> ClientResult<()> {
        for (position, copy) in declared.copies.iter().enumerate() {
            let grant_id = &declared.link.grant_id;
            if let Err(failure) = self.send_copy(grant_id, position, Body::Held(copy)).await {
                let _ = self.revoke_grant(grant_id).await;
                return Err(failure);
            }
            sent(position);
        }
        Ok(())
    }

    /// The holder's grants, each with its private record (empty when it fails its check).
    pub async fn grants(
        &self,
        keys: &impl KeyRing,
    ) -> ClientResult<Vec<(GrantSummary, GrantRecord)>> {
        let list = self.get(endpoints::GRANTS, &[]).await?;
        keys.with_key(|key| {
            list.grants
                .into_iter()
                .map(|grant| {
                    let mut plain = Zeroizing::new(Vec::new());
                    let record = record::verify(key, RecordKind::GrantLabel, b"", &grant.label.0)
                        .and_then(|sealed| document::open_document(key, sealed, &mut *plain))
                        .ok()
                        .and_then(|_| serde_json::from_slice::<GrantRecord>(&plain).ok())
                        .unwrap_or_default();
                    (grant, record)
                })
                .collect()
        })
    }

    /// Stops a grant at once (the server deletes its copies).
    pub async fn revoke_grant(&self, grant_id: &GrantId) -> ClientResult<()> {
        if !grant_id.is_well_formed() {
            return Err(ClientError::BadLink);
        }
        self.act(endpoints::REVOKE_GRANT, &[grant_id.as_str()])
            .await
    }

    /// A link's state, as the worker first sees it (counts nothing).
    pub async fn shared_status(&self, link: &SharedLink) -> ClientResult<GrantStatus> {
        self.call(
            endpoints::SHARED_STATUS,
            &[link.grant_id.as_str()],
            &link.tokens(None),
        )
        .await
    }

    /// Opens a link (the server counts an opening, and a wrong PIN): the grant key unwrapped
    /// with the secret and the PIN, each copy's record opened and checked.
    pub async fn open_shared(
        &self,
        link: &SharedLink,
        pin: Option<&GrantPin>,
    ) -> ClientResult<OpenedGrant> {
        let opened = self
            .call(
                endpoints::SHARED_OPEN,
                &[link.grant_id.as_str()],
                &link.tokens(pin),
            )
            .await?;
        let wrapped = WrappedWalletKey::from_bytes(&opened.wrapped_key.0)?;
        let key = grant::open_grant_key(&link.secret, pin, &wrapped)?;
        let mut documents = Vec::with_capacity(opened.documents.len());
        for granted in opened.documents {
            let meta = grant::open_copy_record(&key, granted.position, &granted.metadata.0)?;
            documents.push((granted, meta));
        }
        Ok(OpenedGrant {
            key,
            opening_token: opened.opening_token,
            expires_at: opened.expires_at,
            documents,
        })
    }

    /// Downloads the copy at `position` of an opened grant and decrypts it after checking it is
    /// the one its record describes. Returns its record and content.
    pub async fn open_shared_copy<'o>(
        &self,
        link: &SharedLink,
        opened: &'o OpenedGrant,
        position: u32,
    ) -> ClientResult<(&'o DocumentMetadata, Zeroizing<Vec<u8>>)> {
        let (_, meta) = opened
            .documents
            .iter()
            .find(|(granted, _)| granted.position == position)
            .ok_or(ClientError::BadLink)?;
        let copy = self
            .fetch(
                endpoints::SHARED_DOCUMENT,
                &[link.grant_id.as_str(), &position.to_string()],
                Some(&opened.opening_token),
            )
            .await?;
        let mut content = Zeroizing::new(Vec::new());
        grant::open_copy(&opened.key, meta, &copy, &mut *content)?;
        Ok((meta, content))
    }
}
