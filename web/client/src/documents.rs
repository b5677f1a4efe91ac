//! Documents: seal → parts → tag → commit (into the wallet or through a deposit link), list
//! and open with their checks, change a record, delete.

use pde_api::endpoints;
use pde_api::{DepositCommitRequest, DepositUploadRequest, DocumentInfo, MetadataUpdate};
use pde_api::{UploadCommitRequest, UploadCreateRequest, UploadId, UploadStatus};
use pde_crypto::document::{self, CiphertextDigest, DocumentId, DocumentSealer, SealingStream};
use pde_crypto::metadata::{self, Category, DocumentMetadata, Origin};
use pde_crypto::wallet::{WalletKey, WalletRecipient};
use pde_crypto::CryptoError;
use zeroize::Zeroizing;

use crate::{Body, Client, ClientError, ClientResult, DropLink, KeyRing, Transport};

/// Where a document goes.
pub enum Destination<'a> {
    /// Into the open wallet (tagged with its key).
    Wallet,
    /// Through a deposit link into someone else's wallet (no tag: the sender has no key of
    /// that wallet; the holder authenticates the record when the document is first opened).
    Drop(&'a DropLink),
}

/// A document on its way: sealed piece by piece as the caller reads it, sent in the server's
/// parts as they fill.
pub struct Upload<'c, T: Transport> {
    client: &'c Client<T>,
    id: DocumentId,
    recipient: WalletRecipient,
    drop: Option<&'c DropLink>,
    status: UploadStatus,
    /// Until the last piece is sealed.
    stream: Option<SealingStream>,
    buffer: Vec<u8>,
    next_part: u32,
    sent: u64,
}

/// The wallet's documents, each with its record opened where it passes its check.
pub struct Listing {
    /// In the server's order.
    pub documents: Vec<Listed>,
    /// Bytes used (padded ciphertext).
    pub used_bytes: u64,
    /// The wallet's quota.
    pub quota_bytes: u64,
}

/// One listed document.
pub struct Listed {
    /// What the server lists.
    pub info: DocumentInfo,
    /// Its record and who wrote it; `None` when the record fails its check (the holder's key
    /// did not write it and it did not come through a deposit link): shown as damaged.
    pub record: Option<(DocumentMetadata, Origin)>,
}

/// A document opened: its record and its content, checked.
pub struct OpenedDocument {
    /// Its record (a blank one when the holder's own record failed its check).
    pub meta: DocumentMetadata,
    /// Who wrote the record.
    pub origin: Origin,
    /// The content.
    pub content: Zeroizing<Vec<u8>>,
    /// A received document opened for the first time: its record was authenticated and pinned
    /// to this content, and stored again (a listing's copy of the old record is stale).
    pub pinned: bool,
}

impl<T: Transport> Client<T> {
    /// Starts a document of `plain_len` bytes sealed to `recipient`; refused before any request
    /// when its ciphertext would exceed `max_bytes`.
    pub async fn start_upload<'c>(
        &'c self,
        recipient: &WalletRecipient,
        plain_len: u64,
        max_bytes: u64,
        destination: Destination<'c>,
    ) -> ClientResult<Upload<'c, T>> {
        let sealer = DocumentSealer::new(recipient, plain_len)?;
        let ciphertext_len = sealer.ciphertext_len();
        if ciphertext_len > max_bytes {
            return Err(ClientError::TooLarge { max_bytes });
        }
        let id = DocumentId::random();
        let (status, drop) = match destination {
            Destination::Wallet => (self.announce_upload(id, ciphertext_len).await?, None),
            Destination::Drop(link) => {
                let status = self
                    .call(
                        endpoints::DROP_UPLOAD,
                        &[link.deposit_id.as_str()],
                        &DepositUploadRequest {
                            access_token: link.token.to_string(),
                            document_id: id,
                            ciphertext_len,
                        },
                    )
                    .await?;
                (status, Some(link))
            }
        };
        Ok(Upload {
            client: self,
            id,
            recipient: recipient.clone(),
            drop,
            buffer: Vec::with_capacity(status.part_size as usize),
            status,
            stream: Some(sealer.start()),
            next_part: 0,
            sent: 0,
        })
    }

    /// Announces an upload into the wallet.
    pub async fn announce_upload(
        &self,
        id: DocumentId,
        ciphertext_len: u64,
    ) -> ClientResult<UploadStatus> {
        self.call(
            endpoints::CREATE_UPLOAD,
            &[],
            &UploadCreateRequest {
                document_id: id,
                ciphertext_len,
            },
        )
        .await
    }

    /// Commits a wallet upload whose ciphertext has `digest`: the record sealed and
    /// authenticated under the wallet key, the document's tag.
    pub async fn commit_upload(
        &self,
        keys: &impl KeyRing,
        upload_id: &UploadId,
        id: DocumentId,
        digest: &CiphertextDigest,
        meta: &DocumentMetadata,
    ) -> ClientResult<DocumentInfo> {
        let (record, tag) = keys.with_key(|key| {
            metadata::seal_wallet_metadata(key, &id, meta, false)
                .map(|record| (record, document::document_tag(key, &id, digest)))
        })??;
        self.call(
            endpoints::COMMIT_UPLOAD,
            &[upload_id.as_str()],
            &UploadCommitRequest {
                metadata: record.into(),
                tag: tag.into(),
            },
        )
        .await
    }

    /// The wallet's documents, their records opened.
    pub async fn list(&self, keys: &impl KeyRing) -> ClientResult<Listing> {
        let listing = self.get(endpoints::DOCUMENTS, &[]).await?;
        keys.with_key(|key| Listing {
            documents: listing
                .documents
                .into_iter()
                .map(|info| Listed {
                    record: open_listed_record(key, &info).ok(),
                    info,
                })
                .collect(),
            used_bytes: listing.used_bytes,
            quota_bytes: listing.quota_bytes,
        })
    }

    /// Downloads a listed document and opens it: its record (see [`open_record`]), then its
    /// content, the tag checked before anything is decrypted (a received document, which has
    /// none, is checked against the digest its record pinned when first opened). A received
    /// document opened for the first time has its record authenticated now and pinned to this
    /// content, so the server can change neither afterwards.
    pub async fn open_document(
        &self,
        keys: &impl KeyRing,
        info: &DocumentInfo,
    ) -> ClientResult<OpenedDocument> {
        let id = info.id.to_string();
        let ciphertext = self
            .fetch(endpoints::DOCUMENT_CONTENT, &[&id], None)
            .await?;
        let (meta, origin, content, pinned_record) = keys.with_key(|key| {
            let (mut meta, origin) = open_record(key, info)?;
            let content = open_content(key, info, origin, &meta, &ciphertext)?;
            let pinned_record = if origin.is_received() && meta.copy_sha256.is_none() {
                meta.copy_sha256 = Some(document::sha256(&ciphertext).to_vec());
                Some(metadata::seal_wallet_metadata(key, &info.id, &meta, true)?)
            } else {
                None
            };
            Ok::<_, CryptoError>((meta, origin, content, pinned_record))
        })??;
        drop(ciphertext);
        let pinned = pinned_record.is_some();
        if let Some(record) = pinned_record {
            self.put_record(&info.id, record).await?;
        }
        Ok(OpenedDocument {
            meta,
            origin,
            content,
            pinned,
        })
    }

    /// Changes a listed document's record with `edit` and stores it again.
    pub async fn update_record(
        &self,
        keys: &impl KeyRing,
        info: &DocumentInfo,
        edit: impl FnOnce(&mut DocumentMetadata),
    ) -> ClientResult<()> {
        let record = keys.with_key(|key| {
            let (mut meta, origin) = open_record(key, info)?;
            edit(&mut meta);
            metadata::seal_wallet_metadata(key, &info.id, &meta, origin.is_received())
        })??;
        self.put_record(&info.id, record).await
    }

    /// Stores `record` as document `id`'s record.
    pub async fn put_record(&self, id: &DocumentId, record: Vec<u8>) -> ClientResult<()> {
        self.call_no_answer(
            endpoints::DOCUMENT_METADATA,
            &[&id.to_string()],
            &MetadataUpdate {
                metadata: record.into(),
            },
        )
        .await
    }

    /// Deletes a document.
    pub async fn delete_document(&self, id: &DocumentId) -> ClientResult<()> {
        self.act(endpoints::DELETE_DOCUMENT, &[&id.to_string()])
            .await
    }
}

impl<T: Transport> Upload<'_, T> {
    /// The document's id.
    pub fn id(&self) -> DocumentId {
        self.id
    }

    /// The size of the whole ciphertext.
    pub fn ciphertext_len(&self) -> u64 {
        self.status.ciphertext_len
    }

    /// The server's view of the upload.
    pub fn status(&self) -> &UploadStatus {
        &self.status
    }

    /// Seals `plaintext` (the next piece of the document) and sends every part it fills;
    /// `progress(sent, total)` after each part.
    pub async fn push(
        &mut self,
        plaintext: &[u8],
        progress: &mut dyn FnMut(u64, u64),
    ) -> ClientResult<()> {
        let stream = self.stream.as_mut().ok_or_else(finished)?;
        let sealed = stream.push(plaintext)?;
        self.buffer.extend_from_slice(&sealed);
        let part_size = self.status.part_size.max(1) as usize;
        while self.buffer.len() >= part_size {
            let rest = self.buffer.split_off(part_size);
            let part = std::mem::replace(&mut self.buffer, rest);
            self.send_part(&part, progress).await?;
        }
        Ok(())
    }

    async fn send_part(
        &mut self,
        part: &[u8],
        progress: &mut dyn FnMut(u64, u64),
    ) -> ClientResult<()> {
        let number = self.next_part.to_string();
        match self.drop {
            None => {
                self.client
                    .put(
                        endpoints::UPLOAD_PART,
                        &[self.status.upload_id.as_str(), &number],
                        Body::Bytes(part),
                        None,
                    )
                    .await?
            }
            Some(link) => {
                self.client
                    .put(
                        endpoints::DROP_UPLOAD_PART,
                        &[
                            link.deposit_id.as_str(),
                            self.status.upload_id.as_str(),
                            &number,
                        ],
                        Body::Bytes(part),
                        Some(link.token.as_str()),
                    )
                    .await?
            }
        }
        self.next_part += 1;
        self.sent += part.len() as u64;
        progress(self.sent, self.status.ciphertext_len);
        Ok(())
    }

    /// Ends the ciphertext and sends what is left of it.
    async fn send_rest(
        &mut self,
        progress: &mut dyn FnMut(u64, u64),
    ) -> ClientResult<CiphertextDigest> {
        let stream = self.stream.take().ok_or_else(finished)?;
        let (last, sealed) = stream.finish()?;
        self.buffer.extend_from_slice(&last);
        let part_size = self.status.part_size.max(1) as usize;
        let rest = std::mem::take(&mut self.buffer);
        for chunk in rest.chunks(part_size) {
            self.send_part(chunk, progress).await?;
        }
        Ok(sealed.digest)
    }

    /// Completes an upload into the wallet with `meta`, only into the part `keys` holds now if
    /// it is the one the document was sealed for (a part locked meanwhile, and maybe another
    /// opened, gets nothing).
    pub async fn finish(
        mut self,
        keys: &impl KeyRing,
        meta: &DocumentMetadata,
        progress: &mut dyn FnMut(u64, u64),
    ) -> ClientResult<DocumentInfo> {
        if self.drop.is_some() {
            return Err(ClientError::BadLink);
        }
        let digest = self.send_rest(progress).await?;
        if keys.with_key(|key| key.recipient())? != self.recipient {
            return Err(ClientError::Locked);
        }
        self.client
            .commit_upload(keys, &self.status.upload_id, self.id, &digest, meta)
            .await
    }

    /// Completes a document sent through a deposit link: its record sealed to the link's key
    /// (the depositor has only that public key).
    pub async fn finish_drop(
        mut self,
        meta: &DocumentMetadata,
        progress: &mut dyn FnMut(u64, u64),
    ) -> ClientResult<pde_api::DepositReceived> {
        let link = self.drop.ok_or(ClientError::BadLink)?;
        self.send_rest(progress).await?;
        let record = metadata::seal_metadata(&self.recipient, &self.id, meta)?;
        self.client
            .call_with(
                endpoints::DROP_UPLOAD_COMMIT,
                &[link.deposit_id.as_str(), self.status.upload_id.as_str()],
                &DepositCommitRequest {
                    metadata: record.into(),
                },
                Some(link.token.as_str()),
            )
            .await
    }
}

/// A listed document's record as its writer sealed it, checked: the holder's own, or one
/// received through a deposit link (opened with that link's key).
fn open_listed_record(
    key: &WalletKey,
    info: &DocumentInfo,
) -> Result<(DocumentMetadata, Origin), CryptoError> {
    let link_key = info.received_with(key)?;
    metadata::open_wallet_metadata(key, &info.id, &info.metadata.0, link_key.as_ref())
}

/// A piece pushed after the last one was sealed (a caller's mistake, not the wallet's state).
fn finished() -> ClientError {
    crate::protocol("the upload's last piece is already sealed")
}

/// A listed document's record, checked as its writer sealed it. When the holder's own document has
/// a record that fails its check (shown as damaged), a blank one stands in: the content still
/// opens, its tag checked, and the holder can name it again; nothing of the bad record is used.
pub fn open_record(
    key: &WalletKey,
    info: &DocumentInfo,
) -> Result<(DocumentMetadata, Origin), CryptoError> {
    match open_listed_record(key, info) {
        Err(_) if info.received_via.is_none() => {
            Ok((DocumentMetadata::blank(info.created_at), Origin::Own))
        }
        other => other,
    }
}

/// Decrypts a document of the wallet: the tag is checked before anything is decrypted, except
/// for a received document (its record says so), which has none (only the holder's key makes
/// tags): its content, sealed to the link's own key, is checked against the digest its record
/// pinned when first opened.
pub fn open_content(
    key: &WalletKey,
    info: &DocumentInfo,
    origin: Origin,
    meta: &DocumentMetadata,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    if origin.is_received() {
        metadata::check_pinned_content(meta, ciphertext)?;
        let link_key = info.received_with(key)?.ok_or(CryptoError::Tampered)?;
        let mut plain = Zeroizing::new(Vec::new());
        document::open_document(&link_key, ciphertext, &mut *plain)?;
        return Ok(plain);
    }
    document::open_document_bytes(key, &info.id, &info.tag.0, ciphertext)
}

/// A record for a new document: `name`, `mime` and `category`, nothing else yet.
pub fn new_record(
    name: String,
    mime: String,
    category: Category,
    created_at: i64,
) -> DocumentMetadata {
    DocumentMetadata {
        name,
        mime,
        category,
        created_at,
        ..DocumentMetadata::blank(created_at)
    }
}
