//! The blob store: ciphertext only, through `object_store` (a local directory by default, any
//! S3-compatible store for scale-out).
//!
//! Durability: the local store is opened `with_fsync(true)`, so every write goes to a temporary
//! file that is fsynced, renamed into place, and whose directory is fsynced before the write
//! returns (object_store does none of that by default). Callers commit the database row that
//! points to a blob only after the blob's write returned. A test checks the system calls under
//! strace.

use std::path::Path as FsPath;
use std::sync::Arc;

use bytes::Bytes;
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, WriteMultipart};

/// Where every document's ciphertext lives.
const DOCUMENTS: &str = "documents";
/// Upload parts until the upload is committed.
const STAGING: &str = "staging";

/// A blob store failure.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// The object is not there.
    #[error("blob not found")]
    NotFound,
    /// Any other failure of the store.
    #[error("blob store: {0}")]
    Store(#[from] object_store::Error),
    /// Setting up the local directory failed.
    #[error("blob directory: {0}")]
    Io(#[from] std::io::Error),
}

fn classify(err: object_store::Error) -> BlobError {
    match err {
        object_store::Error::NotFound { .. } => BlobError::NotFound,
        other => BlobError::Store(other),
    }
}

/// One blob listed by [`Blobs::list_documents`] or [`Blobs::list_staging`].
#[derive(Debug, Clone)]
pub struct ListedBlob {
    /// Blob key (document blobs) or staging name.
    pub name: String,
    /// Last write, Unix seconds.
    pub modified_at: i64,
}

/// The ciphertext store.
#[derive(Clone, Debug)]
pub struct Blobs {
    store: Arc<dyn ObjectStore>,
}

impl Blobs {
    /// A durable local directory store under `root`.
    pub fn local(root: &FsPath) -> Result<Self, BlobError> {
        for dir in [root.to_path_buf(), root.join(DOCUMENTS), root.join(STAGING)] {
            std::fs::create_dir_all(&dir)?;
        }
        // The directories themselves must survive a crash before anything is written into them.
        for dir in [root.join(DOCUMENTS), root.join(STAGING), root.to_path_buf()] {
            std::fs::File::open(&dir)?.sync_all()?;
            if let Some(parent) = dir.parent() {
                std::fs::File::open(parent)?.sync_all()?;
            }
        }
        let store = LocalFileSystem::new_with_prefix(root)?.with_fsync(true);
        Ok(Self {
            store: Arc::new(store),
        })
    }

    fn document_path(blob_key: &str) -> Path {
        Path::from_iter([DOCUMENTS, blob_key])
    }

    fn part_path(upload_id: &str, part: u32) -> Path {
        Path::from_iter([STAGING, &format!("{upload_id}.{part:06}")])
    }

    /// Concatenates the parts of an upload into the document blob `blob_key`, streaming (one part
    /// in memory at a time), and returns its size. Durable when it returns.
    pub async fn assemble(
        &self,
        upload_id: &str,
        part_count: u32,
        blob_key: &str,
    ) -> Result<u64, BlobError> {
        let upload = self
            .store
            .put_multipart(&Self::document_path(blob_key))
            .await
            .map_err(classify)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, 5 * 1024 * 1024);
        let mut total = 0u64;
        for part in 0..part_count {
            let data = match self.store.get(&Self::part_path(upload_id, part)).await {
                Ok(result) => result.bytes().await.map_err(classify)?,
                Err(err) => {
                    writer.abort().await.ok();
                    return Err(classify(err));
                }
            };
            total += data.len() as u64;
            writer.wait_for_capacity(2).await.map_err(classify)?;
            writer.write(&data);
        }
        writer.finish().await.map_err(classify)?;
        Ok(total)
    }

    /// Writes an upload's part or a document blob straight from a request body, never holding
    /// more than a few MiB: exactly `expected` bytes, durable, or nothing is kept
    /// ([`StreamedBlob`] tells which). The one way ciphertext from a client is stored.
    pub async fn put_stream<S, E>(
        &self,
        target: BlobTarget<'_>,
        mut body: S,
        expected: u64,
    ) -> Result<StreamedBlob, BlobError>
    where
        S: futures::Stream<Item = Result<Bytes, E>> + Unpin,
    {
        let path = match target {
            BlobTarget::Part { upload_id, part } => Self::part_path(upload_id, part),
            BlobTarget::Document { blob_key } => Self::document_path(blob_key),
        };
        let upload = self.store.put_multipart(&path).await.map_err(classify)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, 5 * 1024 * 1024);
        let mut total = 0u64;
        while let Some(piece) = body.next().await {
            let Ok(piece) = piece else {
                writer.abort().await.ok();
                return Ok(StreamedBlob::Interrupted);
            };
            total += piece.len() as u64;
            if total > expected {
                writer.abort().await.ok();
                return Ok(StreamedBlob::TooLong);
            }
            writer.wait_for_capacity(2).await.map_err(classify)?;
            writer.write(&piece);
        }
        if total != expected {
            writer.abort().await.ok();
            return Ok(StreamedBlob::WrongSize(total));
        }
        writer.finish().await.map_err(classify)?;
        Ok(StreamedBlob::Stored)
    }

    /// Streams a document's ciphertext.
    pub async fn read_document(
        &self,
        blob_key: &str,
    ) -> Result<(u64, BoxStream<'static, Result<Bytes, BlobError>>), BlobError> {
        let result = self
            .store
            .get(&Self::document_path(blob_key))
            .await
            .map_err(classify)?;
        let size = result.meta.size;
        Ok((size, result.into_stream().map_err(classify).boxed()))
    }

    /// A document's whole ciphertext (backups: one document in memory at a time).
    pub async fn read_whole_document(&self, blob_key: &str) -> Result<Bytes, BlobError> {
        self.store
            .get(&Self::document_path(blob_key))
            .await
            .map_err(classify)?
            .bytes()
            .await
            .map_err(classify)
    }

    /// Writes a document's ciphertext whole, durably (restores).
    pub async fn put_document(&self, blob_key: &str, ciphertext: Bytes) -> Result<(), BlobError> {
        self.store
            .put(&Self::document_path(blob_key), ciphertext.into())
            .await
            .map_err(classify)?;
        Ok(())
    }

    /// Writes, reads back and removes a small object outside the documents and the staged
    /// parts (readiness: the store takes writes and gives back what it took).
    pub async fn round_trip(&self) -> Result<bool, BlobError> {
        let probe = Path::from_iter(["health", "probe"]);
        let written = Bytes::from_static(b"pde readiness probe");
        self.store
            .put(&probe, written.clone().into())
            .await
            .map_err(classify)?;
        let read = self
            .store
            .get(&probe)
            .await
            .map_err(classify)?
            .bytes()
            .await
            .map_err(classify)?;
        ignore_missing(self.store.delete(&probe).await)?;
        Ok(read == written)
    }

    /// Removes a document's ciphertext (absent is fine).
    pub async fn delete_document(&self, blob_key: &str) -> Result<(), BlobError> {
        ignore_missing(self.store.delete(&Self::document_path(blob_key)).await)
    }

    /// Removes the staged parts of an upload (absent ones are fine).
    pub async fn delete_parts(&self, upload_id: &str, part_count: u32) -> Result<(), BlobError> {
        for part in 0..part_count {
            ignore_missing(self.store.delete(&Self::part_path(upload_id, part)).await)?;
        }
        Ok(())
    }

    /// Removes one staged object by its listed name.
    pub async fn delete_staging_object(&self, name: &str) -> Result<(), BlobError> {
        ignore_missing(self.store.delete(&Path::from_iter([STAGING, name])).await)
    }

    /// Every document blob, for the orphan sweep.
    pub async fn list_documents(&self) -> Result<Vec<ListedBlob>, BlobError> {
        self.list(DOCUMENTS).await
    }

    /// Every staged part, for the orphan sweep.
    pub async fn list_staging(&self) -> Result<Vec<ListedBlob>, BlobError> {
        self.list(STAGING).await
    }

    async fn list(&self, prefix: &str) -> Result<Vec<ListedBlob>, BlobError> {
        let prefix = Path::from(prefix);
        self.store
            .list(Some(&prefix))
            .map_ok(|meta| ListedBlob {
                name: meta.location.filename().unwrap_or_default().to_owned(),
                modified_at: meta.last_modified.timestamp(),
            })
            .map_err(classify)
            .try_collect()
            .await
    }
}

/// Where [`Blobs::put_stream`] writes.
#[derive(Debug, Clone, Copy)]
pub enum BlobTarget<'a> {
    /// Part `part` of an upload, staged until the upload is committed.
    Part {
        /// The upload's id.
        upload_id: &'a str,
        /// The part's index.
        part: u32,
    },
    /// A document blob (a grant's copy).
    Document {
        /// The blob's key.
        blob_key: &'a str,
    },
}

/// What [`Blobs::put_stream`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamedBlob {
    /// Exactly the expected bytes, durable.
    Stored,
    /// More bytes than expected arrived: nothing kept.
    TooLong,
    /// The body ended with this many bytes: nothing kept.
    WrongSize(u64),
    /// The connection broke: nothing kept.
    Interrupted,
}

/// The staging name's upload id (`<upload>.<part>`).
pub fn staging_upload_id(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

fn ignore_missing(result: object_store::Result<()>) -> Result<(), BlobError> {
    match result {
        Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
        Err(err) => Err(BlobError::Store(err)),
    }
}
