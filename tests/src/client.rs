//! The native PDE client of the tests: `pde-client` (the protocol the web vault runs) over
//! `reqwest`, with a cookie jar (one session). What is here is the transport, the shapes the
//! tests find handy, and single raw requests that tests send to look at the server's answers;
//! no protocol step of its own.

use reqwest::Method as HttpMethod;
use zeroize::Zeroizing;

use pde_api::endpoints::{self, Method};
use pde_api::{
    DepositList, DepositReceived, DepositStatus, DocumentList, GrantList, GrantStatus,
    LoginFinishRequest, LoginStartRequest, LoginStartResponse, ServerInfo, UploadStatus,
    API_PREFIX,
};
use pde_client::{Body, Client, Destination, HttpAnswer, HttpRequest, Transport};
pub use pde_client::{ClientError, ClientResult, HiddenSlot};
use pde_crypto::document::{CiphertextDigest, DocumentId};
use pde_crypto::grant::GrantPin;
use pde_crypto::metadata::{self, Category, DocumentMetadata};
use pde_crypto::wallet::{RecoveryKey, WalletKey};

/// `reqwest` with a cookie jar, as a [`Transport`].
#[derive(Clone)]
pub struct Reqwest {
    http: reqwest::Client,
    base: String,
}

impl Transport for Reqwest {
    type Held = Vec<u8>;

    fn hold(&self, bytes: &[u8]) -> ClientResult<Vec<u8>> {
        Ok(bytes.to_vec())
    }

    async fn send(&self, request: HttpRequest<'_, Vec<u8>>) -> ClientResult<HttpAnswer> {
        let method = match request.method {
            Method::Get => HttpMethod::GET,
            Method::Post => HttpMethod::POST,
            Method::Put => HttpMethod::PUT,
            Method::Delete => HttpMethod::DELETE,
        };
        let mut builder = self
            .http
            .request(method, format!("{}{API_PREFIX}{}", self.base, request.path))
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(token) = request.bearer {
            builder = builder.bearer_auth(token);
        }
        let octets = "application/octet-stream";
        builder = match request.body {
            Body::None => builder,
            Body::Json(json) => builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(json),
            Body::Bytes(bytes) => builder
                .header(reqwest::header::CONTENT_TYPE, octets)
                .body(bytes.to_vec()),
            Body::Held(bytes) => builder
                .header(reqwest::header::CONTENT_TYPE, octets)
                .body(bytes.clone()),
        };
        let network = |e: reqwest::Error| ClientError::Network(e.to_string());
        let response = builder.send().await.map_err(network)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        let body = response.bytes().await.map_err(network)?.to_vec();
        Ok(HttpAnswer {
            status,
            retry_after,
            body,
        })
    }

    async fn pause(&self, ms: u32) {
        tokio::time::sleep(std::time::Duration::from_millis(u64::from(ms))).await;
    }
}

/// Options to create a wallet.
#[derive(Default)]
pub struct CreateWallet<'a> {
    /// The passphrase or PIN.
    pub secret: &'a str,
    /// Optional pseudonym.
    pub pseudonym: Option<&'a str>,
    /// Invitation code, when the server needs one.
    pub invite_code: Option<&'a str>,
    /// Cheap Argon2 parameters (test servers only).
    pub test_wallet: bool,
}

/// An unlocked wallet: its key lives only here, in memory.
pub struct OpenWallet {
    /// The wallet number.
    pub number: String,
    /// The pseudonym, if any.
    pub pseudonym: Option<String>,
    /// The wallet's key (secret).
    pub key: WalletKey,
    /// The recovery key, known only right after creation (shown once to the holder).
    pub recovery_key: Option<RecoveryKey>,
    /// The restore notice this unlock carried (the backup's time), if any.
    pub restored_from: Option<i64>,
}

/// Shows only that a wallet is open: its number and keys must not end up in test logs.
impl std::fmt::Debug for OpenWallet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OpenWallet(…)")
    }
}

impl OpenWallet {
    fn from(opened: pde_client::OpenedWallet, recovery_key: Option<RecoveryKey>) -> Self {
        Self {
            number: opened.wallet.wallet_number.to_string(),
            pseudonym: opened.wallet.pseudonym,
            restored_from: opened.wallet.restored_from,
            key: opened.key,
            recovery_key,
        }
    }
}

/// One document as listed, its metadata decrypted.
#[derive(Clone)]
pub struct ListedDocument {
    /// Id.
    pub id: DocumentId,
    /// Decrypted metadata.
    pub metadata: DocumentMetadata,
    /// Who wrote the record, as far as the wallet key tells.
    pub origin: metadata::Origin,
    /// Ciphertext size (padded).
    pub size: u64,
}

/// A grant link as the holder hands it over: `…/g/<grant_id>#<fragment>`.
pub struct SharedLink {
    /// The grant's id (the link's path).
    pub grant_id: pde_api::GrantId,
    /// The secret, as in the link's fragment.
    pub fragment: Zeroizing<String>,
}

impl SharedLink {
    fn parsed(&self) -> ClientResult<pde_client::SharedLink> {
        pde_client::SharedLink::parse(self.grant_id.as_str(), &self.fragment)
    }
}

/// A grant created with its documents declared, not sent yet.
pub struct DeclaredShare {
    /// The link.
    pub link: SharedLink,
    /// The key the copies are sealed to (public).
    pub grant_recipient: pde_crypto::wallet::WalletRecipient,
    /// The sealed documents, by position.
    pub sealed: Vec<Vec<u8>>,
}

/// A deposit link as the holder hands it over: `/d/<deposit_id>#<fragment>`.
pub struct DepositLink {
    /// The link's id (its path).
    pub deposit_id: pde_api::DepositId,
    /// The secret, as in the link's fragment.
    pub fragment: Zeroizing<String>,
}

/// Progress nobody watches.
fn unwatched(_: u64, _: u64) {}

/// A client of one PDE server, with its own cookie jar (one session).
#[derive(Clone)]
pub struct PdeClient {
    client: Client<Reqwest>,
}

impl PdeClient {
    /// A client for the server at `base_url` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base_url: &str) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Self {
            client: Client::new(Reqwest {
                http,
                base: base_url.trim_end_matches('/').to_owned(),
            }),
        }
    }

    /// A client without a cookie jar: what a browser's `credentials: 'omit'` sends (feedback).
    pub fn cookieless(base_url: &str) -> Self {
        Self {
            client: Client::new(Reqwest {
                http: reqwest::Client::new(),
                base: base_url.trim_end_matches('/').to_owned(),
            }),
        }
    }

    /// The protocol client itself.
    pub fn protocol(&self) -> &Client<Reqwest> {
        &self.client
    }

    /// The underlying HTTP client (same cookie jar), for raw requests in tests.
    pub fn http(&self) -> &reqwest::Client {
        &self.client.transport().http
    }

    /// Full URL of an API path (`/documents` → `http://…/api/v1/documents`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{API_PREFIX}{path}", self.client.transport().base)
    }

    /// The server's limits and parameters.
    pub async fn info(&self) -> ClientResult<ServerInfo> {
        self.client.info().await
    }

    /// Creates a wallet and leaves the client logged in.
    pub async fn create_wallet(&self, options: CreateWallet<'_>) -> ClientResult<OpenWallet> {
        let created = self
            .client
            .create_wallet(
                options.secret,
                options.pseudonym,
                options.invite_code,
                options.test_wallet,
            )
            .await?;
        Ok(OpenWallet::from(created.opened, Some(created.recovery_key)))
    }

    /// The first login message only, without solving a proof of work (tests use it to look at
    /// the server's answer).
    pub async fn login_start_raw(
        &self,
        login: &str,
        credential_request: Vec<u8>,
    ) -> ClientResult<LoginStartResponse> {
        self.login_start_with(&LoginStartRequest {
            login: login.to_owned(),
            credential_request: credential_request.into(),
            proof: None,
        })
        .await
    }

    /// The first login message as given (with or without a proof of work).
    pub async fn login_start_with(
        &self,
        request: &LoginStartRequest,
    ) -> ClientResult<LoginStartResponse> {
        self.client.call(endpoints::LOGIN_START, &[], request).await
    }

    /// A whole login whose last message goes out from a client without a cookie jar: the raw
    /// answer, for tests that look at the `Set-Cookie` and the headers themselves.
    pub async fn login_answer_raw(
        &self,
        login: &str,
        secret: &str,
    ) -> ClientResult<reqwest::Response> {
        let proof = self.client.prove(login, secret).await?;
        reqwest::Client::new()
            .post(self.url(endpoints::LOGIN_FINISH.path))
            .json(&LoginFinishRequest {
                login_id: proof.login_id,
                credential_finalization: proof.finalization.into(),
            })
            .send()
            .await
            .map_err(|e| ClientError::Network(e.to_string()))
    }

    /// The second login message as given (tests send made-up ones).
    pub async fn login_finish_raw(
        &self,
        login_id: &pde_api::LoginId,
        credential_finalization: Vec<u8>,
    ) -> ClientResult<pde_api::SessionOpened> {
        self.client
            .call(
                endpoints::LOGIN_FINISH,
                &[],
                &LoginFinishRequest {
                    login_id: login_id.clone(),
                    credential_finalization: credential_finalization.into(),
                },
            )
            .await
    }

    /// Logs into the everyday part with a wallet number or pseudonym and the secret.
    pub async fn login(&self, login: &str, secret: &str) -> ClientResult<OpenWallet> {
        let opened = self.client.login_everyday(login, secret).await?;
        Ok(OpenWallet::from(opened, None))
    }

    /// The slot of `secret` in the wallet named `login`, with the id of its counted attempt.
    pub async fn hidden_slot(&self, login: &str, secret: &str) -> ClientResult<HiddenSlot> {
        self.client.hidden_slot(login, secret.as_bytes()).await
    }

    /// The first message of opening a hidden part, as the server answers it.
    pub async fn hidden_login_start_raw(
        &self,
        login: &str,
        slot: &HiddenSlot,
        credential_request: Vec<u8>,
    ) -> ClientResult<LoginStartResponse> {
        self.client
            .hidden_login_start(login, slot, credential_request, None)
            .await
    }

    /// The first message of opening a hidden part, the server's answer as it is (tests compare
    /// the bytes of answers with and without a hidden part).
    pub async fn hidden_login_start_response(
        &self,
        login: &str,
        slot: &HiddenSlot,
        credential_request: Vec<u8>,
    ) -> ClientResult<reqwest::Response> {
        self.http()
            .post(self.url(endpoints::HIDDEN_LOGIN_START.path))
            .json(&pde_api::HiddenLoginStartRequest {
                login: login.to_owned(),
                attempt_id: slot.attempt_id.clone(),
                everyday_login_id: None,
                slot: slot.slot.0.to_vec().into(),
                credential_request: credential_request.into(),
            })
            .send()
            .await
            .map_err(|e| ClientError::Network(e.to_string()))
    }

    /// The first message of setting up a hidden part, as the server answers it.
    pub async fn hidden_register_start_raw(
        &self,
        slot: &HiddenSlot,
        registration_request: Vec<u8>,
    ) -> ClientResult<pde_api::HiddenRegisterStartResponse> {
        self.client
            .call(
                endpoints::HIDDEN_REGISTER_START,
                &[],
                &pde_api::HiddenRegisterStartRequest {
                    attempt_id: slot.attempt_id.clone(),
                    slot: slot.slot.0.to_vec().into(),
                    registration_request: registration_request.into(),
                },
            )
            .await
    }

    /// Opens the hidden part of `login` that `secret` belongs to, without trying the everyday
    /// part (a secret of no part fails like a wrong secret).
    pub async fn login_hidden(&self, login: &str, secret: &str) -> ClientResult<OpenWallet> {
        let opened = self.client.login_hidden(login, secret).await?;
        Ok(OpenWallet::from(opened, None))
    }

    /// Opens the wallet the way the web app does: the everyday part, else the hidden part the
    /// secret opens.
    pub async fn login_as_the_app(&self, login: &str, secret: &str) -> ClientResult<OpenWallet> {
        let opened = self.client.login(login, secret).await?;
        Ok(OpenWallet::from(opened, None))
    }

    /// Sets up a hidden part of this session's wallet (named `login`), opened by `secret`.
    pub async fn create_hidden_part(&self, login: &str, secret: &str) -> ClientResult<()> {
        self.client.create_hidden_part(login, secret).await
    }

    /// Time-locks the wallet until `until` (Unix seconds), proving `secret` again.
    pub async fn time_lock(&self, login: &str, secret: &str, until: i64) -> ClientResult<i64> {
        self.client.time_lock(login, secret, until).await
    }

    /// Replaces a forgotten secret with the recovery key.
    pub async fn recover(
        &self,
        login: &str,
        recovery_key: &str,
        new_secret: &str,
    ) -> ClientResult<OpenWallet> {
        let recovery_key = RecoveryKey::parse(recovery_key)?;
        let opened = self
            .client
            .recover(login, &recovery_key, new_secret)
            .await?;
        Ok(OpenWallet::from(opened, Some(recovery_key)))
    }

    /// Ends the session.
    pub async fn logout(&self) -> ClientResult<()> {
        self.client.logout().await
    }

    /// Replaces the everyday secret of the open wallet, as the vault does.
    pub async fn change_secret(
        &self,
        wallet: &OpenWallet,
        current: &str,
        new_secret: &str,
        end_links: bool,
    ) -> ClientResult<()> {
        self.client
            .change_secret(&wallet.key, &wallet.number, current, new_secret, end_links)
            .await
    }

    /// A new recovery sheet, as the vault makes it: at once with `current`, else after a week.
    pub async fn new_recovery_sheet(
        &self,
        wallet: &OpenWallet,
        secret: &str,
        current: Option<&str>,
    ) -> ClientResult<(String, i64)> {
        let current = current.map(RecoveryKey::parse).transpose()?;
        let (sheet, effective_at) = self
            .client
            .new_recovery_sheet(&wallet.key, &wallet.number, secret, current.as_ref())
            .await?;
        Ok((sheet.to_display().to_string(), effective_at))
    }

    /// Cancels a new recovery sheet still waiting, with the current one.
    pub async fn cancel_new_sheet(&self, current: &str) -> ClientResult<()> {
        self.client
            .cancel_new_sheet(&RecoveryKey::parse(current)?)
            .await
    }

    /// The open wallet as the server shows it.
    pub async fn wallet_info(&self) -> ClientResult<pde_api::WalletInfo> {
        self.client.wallet_info().await
    }

    /// Ends the open part for good, its secret proven again, as the vault does.
    pub async fn erase_wallet(&self, login: &str, secret: &str) -> ClientResult<()> {
        self.client.erase_wallet(login, secret).await
    }

    /// Ends every other session of the wallet and of its parts.
    pub async fn end_other_sessions(&self) -> ClientResult<()> {
        self.client.end_other_sessions().await
    }

    /// Encrypts and uploads a document with its metadata, as the vault does; returns its id.
    pub async fn upload(
        &self,
        wallet: &OpenWallet,
        name: &str,
        mime: &str,
        category: Category,
        content: &[u8],
    ) -> ClientResult<DocumentId> {
        let mut upload = self
            .client
            .start_upload(
                &wallet.key.recipient(),
                content.len() as u64,
                u64::MAX,
                Destination::Wallet,
            )
            .await?;
        upload.push(content, &mut unwatched).await?;
        let meta = pde_client::new_record(name.to_owned(), mime.to_owned(), category, 0);
        let info = upload.finish(&wallet.key, &meta, &mut unwatched).await?;
        Ok(info.id)
    }

    /// Announces an upload.
    pub async fn start_upload(
        &self,
        id: DocumentId,
        ciphertext_len: u64,
    ) -> ClientResult<UploadStatus> {
        self.client.announce_upload(id, ciphertext_len).await
    }

    /// Sends part `part` of `ciphertext`.
    pub async fn send_part(
        &self,
        status: &UploadStatus,
        part: u32,
        ciphertext: &[u8],
    ) -> ClientResult<()> {
        let start = (u64::from(part) * status.part_size) as usize;
        let end = (start + status.part_size as usize).min(ciphertext.len());
        self.client
            .put(
                endpoints::UPLOAD_PART,
                &[status.upload_id.as_str(), &part.to_string()],
                Body::Bytes(&ciphertext[start..end]),
                None,
            )
            .await
    }

    /// Abandons an upload.
    pub async fn abort_upload(&self, upload_id: &pde_api::UploadId) -> ClientResult<()> {
        self.client
            .act(endpoints::ABORT_UPLOAD, &[upload_id.as_str()])
            .await
    }

    /// The state of an upload.
    pub async fn upload_status(&self, upload_id: &pde_api::UploadId) -> ClientResult<UploadStatus> {
        self.client
            .get(endpoints::UPLOAD_STATUS, &[upload_id.as_str()])
            .await
    }

    /// Commits an upload with freshly sealed metadata and the document's tag.
    pub async fn commit(
        &self,
        wallet: &OpenWallet,
        status: &UploadStatus,
        name: &str,
        mime: &str,
        category: Category,
        ciphertext: &[u8],
    ) -> ClientResult<pde_api::DocumentInfo> {
        let meta = pde_client::new_record(name.to_owned(), mime.to_owned(), category, 0);
        self.client
            .commit_upload(
                &wallet.key,
                &status.upload_id,
                status.document_id,
                &CiphertextDigest::of(ciphertext),
                &meta,
            )
            .await
    }

    /// The raw list (ciphertext facts).
    pub async fn list_raw(&self) -> ClientResult<DocumentList> {
        self.client.get(endpoints::DOCUMENTS, &[]).await
    }

    /// The wallet's documents with their metadata decrypted; a record that fails its check
    /// fails the listing.
    pub async fn list(&self, wallet: &OpenWallet) -> ClientResult<Vec<ListedDocument>> {
        self.client
            .list(&wallet.key)
            .await?
            .documents
            .into_iter()
            .map(|listed| {
                let (metadata, origin) = listed.record.ok_or(pde_crypto::CryptoError::Tampered)?;
                Ok(ListedDocument {
                    id: listed.info.id,
                    metadata,
                    origin,
                    size: listed.info.size,
                })
            })
            .collect()
    }

    /// The raw ciphertext of a document.
    pub async fn download_raw(&self, id: &DocumentId) -> ClientResult<Vec<u8>> {
        self.client
            .fetch(endpoints::DOCUMENT_CONTENT, &[&id.to_string()], None)
            .await
    }

    /// Opens a listed document as the vault does: record and content checked.
    pub async fn open(
        &self,
        wallet: &OpenWallet,
        id: &DocumentId,
    ) -> ClientResult<pde_client::OpenedDocument> {
        let list = self.list_raw().await?;
        let info = list
            .documents
            .iter()
            .find(|d| d.id == *id)
            .ok_or_else(|| ClientError::Protocol("document not listed".into()))?;
        self.client.open_document(&wallet.key, info).await
    }

    /// Downloads, checks the tag, decrypts.
    pub async fn download(
        &self,
        wallet: &OpenWallet,
        id: &DocumentId,
    ) -> ClientResult<Zeroizing<Vec<u8>>> {
        Ok(self.open(wallet, id).await?.content)
    }

    /// Downloads and decrypts a document received through a deposit link (sender unverified).
    pub async fn download_received(
        &self,
        wallet: &OpenWallet,
        id: &DocumentId,
    ) -> ClientResult<Vec<u8>> {
        let opened = self.open(wallet, id).await?;
        if !opened.origin.is_received() {
            return Err(ClientError::Protocol("not a received document".into()));
        }
        Ok(opened.content.to_vec())
    }

    /// Renames a document (new encrypted metadata).
    pub async fn rename(
        &self,
        wallet: &OpenWallet,
        id: &DocumentId,
        new_name: &str,
    ) -> ClientResult<()> {
        let list = self.list_raw().await?;
        let info = list
            .documents
            .iter()
            .find(|d| d.id == *id)
            .ok_or_else(|| ClientError::Protocol("document not listed".into()))?;
        self.client
            .update_record(&wallet.key, info, |meta| meta.name = new_name.to_owned())
            .await
    }

    /// Replaces a document's record with `record` as it is (what a server could write into
    /// its own database).
    pub async fn put_metadata_raw(&self, id: &DocumentId, record: Vec<u8>) -> ClientResult<()> {
        self.client.put_record(id, record).await
    }

    /// Deletes a document.
    pub async fn delete(&self, id: &DocumentId) -> ClientResult<()> {
        self.client.delete_document(id).await
    }

    /// Shares documents (name, type, content) through a grant link: each sealed again to a new
    /// grant key, the grant created with only token hashes, the copies sent.
    pub async fn share(
        &self,
        wallet: &OpenWallet,
        documents: &[(&str, &str, &[u8])],
        pin: Option<&str>,
        expires_in_seconds: u64,
        max_openings: Option<u32>,
    ) -> ClientResult<SharedLink> {
        let declared = self
            .declare(wallet, documents, pin, expires_in_seconds, max_openings)
            .await?;
        self.client.send_copies(&declared, &mut |_| {}).await?;
        Ok(SharedLink {
            grant_id: declared.link.grant_id.clone(),
            fragment: declared.link.fragment(),
        })
    }

    async fn declare(
        &self,
        wallet: &OpenWallet,
        documents: &[(&str, &str, &[u8])],
        pin: Option<&str>,
        expires_in_seconds: u64,
        max_openings: Option<u32>,
    ) -> ClientResult<pde_client::DeclaredGrant<Vec<u8>>> {
        let pin = pin.map(GrantPin::parse).transpose()?;
        let mut draft = self.client.grant_draft(pin);
        for (name, mime, content) in documents {
            let meta =
                pde_client::new_record((*name).to_owned(), (*mime).to_owned(), Category::Other, 0);
            self.client.add_copy(&mut draft, &meta, content)?;
        }
        self.client
            .declare_grant(
                &wallet.key,
                draft,
                "test grant",
                expires_in_seconds,
                max_openings,
            )
            .await
    }

    /// Stores one declared document of a grant.
    pub async fn put_grant_document(
        &self,
        grant_id: &pde_api::GrantId,
        position: u32,
        ciphertext: Vec<u8>,
    ) -> ClientResult<()> {
        self.client
            .send_copy(grant_id, position as usize, Body::Bytes(&ciphertext))
            .await
    }

    /// The first half of [`PdeClient::share`]: the grant created with its documents declared,
    /// their ciphertexts not sent yet.
    pub async fn declare_share(
        &self,
        wallet: &OpenWallet,
        documents: &[(&str, &str, &[u8])],
        pin: Option<&str>,
        expires_in_seconds: u64,
        max_openings: Option<u32>,
    ) -> ClientResult<DeclaredShare> {
        let declared = self
            .declare(wallet, documents, pin, expires_in_seconds, max_openings)
            .await?;
        Ok(DeclaredShare {
            link: SharedLink {
                grant_id: declared.link.grant_id.clone(),
                fragment: declared.link.fragment(),
            },
            grant_recipient: declared.recipient,
            sealed: declared.copies,
        })
    }

    /// The holder's grants.
    pub async fn grants(&self) -> ClientResult<GrantList> {
        self.client.get(endpoints::GRANTS, &[]).await
    }

    /// Revokes a grant.
    pub async fn revoke(&self, grant_id: &pde_api::GrantId) -> ClientResult<()> {
        self.client.revoke_grant(grant_id).await
    }

    /// The worker's first look at a link: its state (nothing is counted).
    pub async fn shared_status(&self, link: &SharedLink) -> ClientResult<GrantStatus> {
        self.client.shared_status(&link.parsed()?).await
    }

    /// The worker opens a link (with the PIN told aloud) and decrypts every document: (name,
    /// type, content) in order.
    pub async fn open_shared(
        &self,
        link: &SharedLink,
        pin: Option<&str>,
    ) -> ClientResult<Vec<(String, String, Vec<u8>)>> {
        let link = link.parsed()?;
        let pin = pin.map(GrantPin::parse).transpose()?;
        let opened = self.client.open_shared(&link, pin.as_ref()).await?;
        let mut documents = Vec::new();
        for (granted, _) in &opened.documents {
            let (meta, content) = self
                .client
                .open_shared_copy(&link, &opened, granted.position)
                .await?;
            documents.push((meta.name.clone(), meta.mime.clone(), content.to_vec()));
        }
        Ok(documents)
    }

    /// One granted document's ciphertext, with an opening token.
    pub async fn fetch_shared(
        &self,
        link: &SharedLink,
        opening_token: &str,
        position: u32,
    ) -> ClientResult<Vec<u8>> {
        self.client
            .fetch(
                endpoints::SHARED_DOCUMENT,
                &[link.grant_id.as_str(), &position.to_string()],
                Some(opening_token),
            )
            .await
    }

    /// Creates a deposit link for the wallet (labelled `label` for the holder only).
    pub async fn create_deposit(
        &self,
        wallet: &OpenWallet,
        label: &str,
        expires_in_seconds: u64,
        max_files: u32,
    ) -> ClientResult<DepositLink> {
        let (created, secret) = self
            .client
            .create_deposit(&wallet.key, label, expires_in_seconds, max_files)
            .await?;
        Ok(DepositLink {
            deposit_id: created.deposit_id,
            fragment: secret.to_fragment(),
        })
    }

    /// The holder's deposit links.
    pub async fn deposits(&self) -> ClientResult<DepositList> {
        self.client.get(endpoints::DEPOSITS, &[]).await
    }

    /// Stops a deposit link.
    pub async fn revoke_deposit(&self, deposit_id: &pde_api::DepositId) -> ClientResult<()> {
        self.client.revoke_deposit(deposit_id).await
    }

    /// The worker's first look at a deposit link (the holder's key checked).
    pub async fn deposit_status(&self, link: &DepositLink) -> ClientResult<DepositStatus> {
        let (status, _) = self
            .client
            .read_drop_link(link.deposit_id.as_str(), &link.fragment)
            .await?;
        Ok(status)
    }

    /// The worker sends a document through a deposit link, as the worker's page does.
    pub async fn deposit(
        &self,
        link: &DepositLink,
        name: &str,
        mime: &str,
        content: &[u8],
    ) -> ClientResult<DepositReceived> {
        let (_, link) = self
            .client
            .read_drop_link(link.deposit_id.as_str(), &link.fragment)
            .await?;
        let mut upload = self
            .client
            .start_upload(
                &link.recipient,
                content.len() as u64,
                u64::MAX,
                Destination::Drop(&link),
            )
            .await?;
        upload.push(content, &mut unwatched).await?;
        let meta = pde_client::new_record(name.to_owned(), mime.to_owned(), Category::Other, 0);
        upload.finish_drop(&meta, &mut unwatched).await
    }
}
