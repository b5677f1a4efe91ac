//! A native PDE client: everything a browser would do, in Rust. Documents and their metadata are
//! encrypted here before upload; the server sees ciphertext only.

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use zeroize::Zeroizing;

use pde_api::routes;
use pde_api::{
    Base64Bytes, CarriesProof, DepositAccess, DepositCommitRequest, DepositCreateRequest,
    DepositCreated, DepositList, DepositReceived, DepositStatus, DepositUploadRequest,
    DocumentList, ErrorBody, GrantCreateRequest, GrantCreated, GrantDocumentDeclaration, GrantList,
    GrantOpened, GrantStatus, GrantTokens, HiddenLoginStartRequest, HiddenRegisterFinishRequest,
    HiddenRegisterStartRequest, HiddenRegisterStartResponse, HiddenSlotRequest, HiddenSlotResponse,
    LoginFinishRequest, LoginProof, LoginStartRequest, LoginStartResponse, MetadataUpdate,
    ProofOfWork, RecoverFinishRequest, RecoverStartRequest, RecoverStartResponse,
    RegisterFinishRequest, RegisterStartRequest, RegisterStartResponse, ServerInfo, SessionOpened,
    TimeLockRequest, TimeLocked, UploadCommitRequest, UploadCreateRequest, UploadStatus,
    API_PREFIX,
};
use pde_crypto::deposit;
use pde_crypto::document::{self, DocumentId};
use pde_crypto::grant;
use pde_crypto::hidden;
use pde_crypto::metadata::{self, Category, DocumentMetadata};
use pde_crypto::opaque::{self};
use pde_crypto::proof;
use pde_crypto::record;
use pde_crypto::wallet::{self, RecoveryKey, WalletKey, WrappedWalletKey};
use pde_crypto::CryptoError;

/// What can go wrong for a client.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error body.
    #[error("{status}: {code}: {message}")]
    Api {
        /// HTTP status.
        status: StatusCode,
        /// Stable error code.
        code: pde_api::ErrorCode,
        /// The server's message.
        message: String,
        /// Retry-After, for 429.
        retry_after: Option<u64>,
        /// Until when the wallet is time-locked, with `wallet_time_locked`.
        locked_until: Option<i64>,
        /// The challenge to solve, with `proof_of_work_required`.
        proof_of_work: Option<ProofOfWork>,
    },
    /// The request did not complete.
    #[error("transport: {0}")]
    Transport(#[from] reqwest::Error),
    /// Cryptography refused (wrong secret, tampered data…).
    #[error("crypto: {0}")]
    Crypto(#[from] CryptoError),
    /// The chosen secret breaks the passphrase policy.
    #[error("secret refused: {0}")]
    WeakSecret(#[from] pde_api::passphrase::PassphraseProblem),
    /// The server answered something unexpected.
    #[error("protocol: {0}")]
    Protocol(String),
}

impl ClientError {
    /// The HTTP status of an API error.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The stable code of an API error.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Api { code, .. } => Some(code.as_str()),
            _ => None,
        }
    }
}

/// Result of client calls.
pub type ClientResult<T> = Result<T, ClientError>;

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
}

/// Shows only that a wallet is open: its number and keys must not end up in test logs.
impl std::fmt::Debug for OpenWallet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OpenWallet(…)")
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

/// A hidden secret's slot and the single-use id of the attempt the server counted for it.
pub struct HiddenSlot {
    /// The slot.
    pub slot: hidden::Slot,
    /// Used up by the next hidden login start or registration start.
    pub attempt_id: String,
}

/// A grant link as the holder hands it over: `…/g/<grant_id>#<fragment>`.
pub struct SharedLink {
    /// The grant's id (the link's path).
    pub grant_id: String,
    /// The secret, as in the link's fragment.
    pub fragment: Zeroizing<String>,
}

/// A grant created with its documents declared, not sent yet.
pub struct DeclaredShare {
    /// The link.
    pub link: SharedLink,
    /// The key the documents are sealed to.
    pub grant_key: WalletKey,
    /// The sealed documents, by position.
    pub sealed: Vec<Vec<u8>>,
}

/// A deposit link as the holder hands it over: `/d/<deposit_id>#<fragment>`.
pub struct DepositLink {
    /// The link's id (its path).
    pub deposit_id: String,
    /// The secret, as in the link's fragment.
    pub fragment: Zeroizing<String>,
}

/// A client of one PDE server, with its own cookie jar (one session).
#[derive(Clone)]
pub struct PdeClient {
    http: reqwest::Client,
    base: String,
}

impl PdeClient {
    /// A client for the server at `base_url` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base_url: &str) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Self {
            http,
            base: base_url.trim_end_matches('/').to_owned(),
        }
    }

    /// The underlying HTTP client (same cookie jar), for raw requests in tests.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// Full URL of an API path (`/documents` → `http://…/api/v1/documents`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{API_PREFIX}{path}", self.base)
    }

    async fn check(response: reqwest::Response) -> ClientResult<reqwest::Response> {
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        let text = response.text().await?;
        match serde_json::from_str::<ErrorBody>(&text) {
            Ok(body) => Err(ClientError::Api {
                status,
                code: body.error.code,
                message: body.error.message,
                retry_after,
                locked_until: body.error.locked_until,
                proof_of_work: body.error.proof_of_work,
            }),
            Err(_) => Err(ClientError::Protocol(format!(
                "{status} without an error body: {text}"
            ))),
        }
    }

    async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
    ) -> ClientResult<T> {
        let response = self
            .http
            .request(method, self.url(path))
            .json(body)
            .send()
            .await?;
        Ok(Self::check(response).await?.json().await?)
    }

    /// `POST path` of a request the server counts against its hourly login budget: when the
    /// budget is used up, solves the challenge it answers with and sends the request again (as
    /// the web app does).
    async fn send_counted<B: Serialize + CarriesProof, T: DeserializeOwned>(
        &self,
        path: &str,
        mut body: B,
    ) -> ClientResult<T> {
        let mut solved = 0;
        loop {
            match self.send_json(Method::POST, path, &body).await {
                Err(ClientError::Api {
                    proof_of_work: Some(asked),
                    ..
                }) if solved < 3 => {
                    let nonce = proof::solve(&asked.challenge.0).ok_or_else(|| {
                        ClientError::Protocol("a malformed proof-of-work challenge".into())
                    })?;
                    body.set_proof(LoginProof {
                        challenge: asked.challenge,
                        nonce,
                    });
                    solved += 1;
                }
                other => return other,
            }
        }
    }

    async fn send_empty(&self, method: Method, path: &str) -> ClientResult<reqwest::Response> {
        Self::check(self.http.request(method, self.url(path)).send().await?).await
    }

    /// The server's limits and parameters.
    pub async fn info(&self) -> ClientResult<ServerInfo> {
        Ok(
            Self::check(self.http.get(self.url(routes::INFO)).send().await?)
                .await?
                .json()
                .await?,
        )
    }

    /// Creates a wallet: a fresh key pair, an OPAQUE credential, the key wrapped under the secret
    /// and under a new recovery key. Leaves the client logged in.
    pub async fn create_wallet(&self, options: CreateWallet<'_>) -> ClientResult<OpenWallet> {
        pde_api::passphrase::check(options.secret)?;
        let secret = options.secret.as_bytes();
        let (registration, request) = opaque::client_registration_start(secret)?;
        let started: RegisterStartResponse = self
            .send_json(
                Method::POST,
                routes::REGISTER_START,
                &RegisterStartRequest {
                    pseudonym: options.pseudonym.map(str::to_owned),
                    invite_code: options.invite_code.map(str::to_owned),
                    test_wallet: options.test_wallet,
                    registration_request: request.into(),
                },
            )
            .await?;
        started.ksf.validate()?;
        let (upload, export_key) = opaque::client_registration_finish(
            registration,
            secret,
            &started.registration_response.0,
            started.ksf,
        )?;
        let key = WalletKey::generate();
        let recovery_key = RecoveryKey::generate();
        let wrapped = [
            wallet::wrap_with_export_key(&key, &export_key).to_bytes(),
            wallet::wrap_with_recovery_key(&key, &recovery_key).to_bytes(),
        ];
        let opened: SessionOpened = self
            .send_json(
                Method::POST,
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
        Ok(OpenWallet {
            number: opened.wallet.wallet_number,
            pseudonym: opened.wallet.pseudonym,
            key,
            recovery_key: Some(recovery_key),
        })
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
        self.send_json(Method::POST, routes::LOGIN_START, request)
            .await
    }

    /// A whole login whose last message goes out from a client without a cookie jar: the raw
    /// answer, for tests that look at the `Set-Cookie` and the headers themselves.
    pub async fn login_answer_raw(
        &self,
        login: &str,
        secret: &str,
    ) -> ClientResult<reqwest::Response> {
        let (state, request) = opaque::client_login_start(secret.as_bytes())?;
        let started = self.login_start_raw(login, request).await?;
        let (finalization, _) = opaque::client_login_finish(
            state,
            secret.as_bytes(),
            &started.credential_response.0,
            started.ksf,
        )?;
        Ok(reqwest::Client::new()
            .post(self.url(routes::LOGIN_FINISH))
            .json(&LoginFinishRequest {
                login_id: started.login_id,
                credential_finalization: finalization.into(),
            })
            .send()
            .await?)
    }

    /// The second login message as given (tests send made-up ones).
    pub async fn login_finish_raw(
        &self,
        login_id: &str,
        credential_finalization: Vec<u8>,
    ) -> ClientResult<SessionOpened> {
        self.send_json(
            Method::POST,
            routes::LOGIN_FINISH,
            &LoginFinishRequest {
                login_id: login_id.to_owned(),
                credential_finalization: credential_finalization.into(),
            },
        )
        .await
    }

    /// Logs in with a wallet number or pseudonym and the secret; unwraps the wallet key.
    pub async fn login(&self, login: &str, secret: &str) -> ClientResult<OpenWallet> {
        let (state, request) = opaque::client_login_start(secret.as_bytes())?;
        let started = self
            .send_counted(
                routes::LOGIN_START,
                LoginStartRequest {
                    login: login.to_owned(),
                    credential_request: request.into(),
                    proof: None,
                },
            )
            .await?;
        self.finish_login(state, secret, started).await
    }

    /// The end of a login (everyday or hidden part): proves the secret, opens the session,
    /// unwraps the key and checks it is the wallet's.
    async fn finish_login(
        &self,
        state: opaque::ClientLogin,
        secret: &str,
        started: LoginStartResponse,
    ) -> ClientResult<OpenWallet> {
        started.ksf.validate()?;
        let (finalization, export_key) = opaque::client_login_finish(
            state,
            secret.as_bytes(),
            &started.credential_response.0,
            started.ksf,
        )?;
        self.open_with_proof(&started.login_id, finalization, export_key)
            .await
    }

    /// Sends a login's proof, opens the session, unwraps the key and checks it is the wallet's.
    async fn open_with_proof(
        &self,
        login_id: &str,
        finalization: Vec<u8>,
        export_key: opaque::ExportKey,
    ) -> ClientResult<OpenWallet> {
        let opened = self.login_finish_raw(login_id, finalization).await?;
        let wrapped = WrappedWalletKey::from_bytes(&opened.wrapped_key.0)?;
        let key = wallet::unwrap_with_export_key(&wrapped, &export_key)?;
        if key.recipient().as_str() != opened.wallet.recipient {
            return Err(ClientError::Protocol(
                "the server's public key does not match the wallet key".into(),
            ));
        }
        Ok(OpenWallet {
            number: opened.wallet.wallet_number,
            pseudonym: opened.wallet.pseudonym,
            key,
            recovery_key: None,
        })
    }

    /// The slot of `secret` in the wallet named `login` (the OPRF step, counted by the server as
    /// one hidden attempt), with the id of that attempt.
    pub async fn hidden_slot(&self, login: &str, secret: &str) -> ClientResult<HiddenSlot> {
        let (state, blinded) = hidden::client_slot_start(secret.as_bytes())?;
        let answer: HiddenSlotResponse = self
            .send_counted(
                routes::HIDDEN_SLOT,
                HiddenSlotRequest {
                    login: login.to_owned(),
                    blinded: blinded.into(),
                    proof: None,
                },
            )
            .await?;
        Ok(HiddenSlot {
            slot: hidden::client_slot_finish(
                state,
                secret.as_bytes(),
                &answer.evaluation.0,
                answer.ksf,
            )?,
            attempt_id: answer.attempt_id,
        })
    }

    /// The first message of opening a hidden part, as the server answers it.
    pub async fn hidden_login_start_raw(
        &self,
        login: &str,
        slot: &HiddenSlot,
        credential_request: Vec<u8>,
    ) -> ClientResult<reqwest::Response> {
        self.hidden_login_start_after(login, slot, credential_request, None)
            .await
    }

    /// The same, naming the everyday login it follows (whose attempt is given back once the
    /// hidden secret is verified).
    async fn hidden_login_start_after(
        &self,
        login: &str,
        slot: &HiddenSlot,
        credential_request: Vec<u8>,
        everyday_login_id: Option<String>,
    ) -> ClientResult<reqwest::Response> {
        let response = self
            .http
            .post(self.url(routes::HIDDEN_LOGIN_START))
            .json(&HiddenLoginStartRequest {
                login: login.to_owned(),
                attempt_id: slot.attempt_id.clone(),
                everyday_login_id,
                slot: slot.slot.0.to_vec().into(),
                credential_request: credential_request.into(),
            })
            .send()
            .await?;
        Self::check(response).await
    }

    /// The first message of setting up a hidden part, as the server answers it.
    pub async fn hidden_register_start_raw(
        &self,
        slot: &HiddenSlot,
        registration_request: Vec<u8>,
    ) -> ClientResult<HiddenRegisterStartResponse> {
        self.send_json(
            Method::POST,
            routes::HIDDEN_REGISTER_START,
            &HiddenRegisterStartRequest {
                attempt_id: slot.attempt_id.clone(),
                slot: slot.slot.0.to_vec().into(),
                registration_request: registration_request.into(),
            },
        )
        .await
    }

    /// Opens the hidden part of `login` that `secret` belongs to: the slot, then OPAQUE against
    /// that part's credential (a secret of no part fails like a wrong secret).
    pub async fn login_hidden(&self, login: &str, secret: &str) -> ClientResult<OpenWallet> {
        let slot = self.hidden_slot(login, secret).await?;
        let (state, request) = opaque::client_login_start(secret.as_bytes())?;
        let started: LoginStartResponse = self
            .hidden_login_start_raw(login, &slot, request)
            .await?
            .json()
            .await?;
        self.finish_login(state, secret, started).await
    }

    /// Opens the wallet the way the web app does (`web/src/vault.rs`, `prove_secret`): the
    /// everyday login first, and when the secret is not the everyday one, the hidden part it
    /// opens, naming the everyday login it follows.
    pub async fn login_as_the_app(&self, login: &str, secret: &str) -> ClientResult<OpenWallet> {
        let (state, request) = opaque::client_login_start(secret.as_bytes())?;
        let everyday = self.login_start_raw(login, request).await?;
        everyday.ksf.validate()?;
        if let Ok((finalization, export_key)) = opaque::client_login_finish(
            state,
            secret.as_bytes(),
            &everyday.credential_response.0,
            everyday.ksf,
        ) {
            return self
                .open_with_proof(&everyday.login_id, finalization, export_key)
                .await;
        }
        let slot = self.hidden_slot(login, secret).await?;
        let (state, request) = opaque::client_login_start(secret.as_bytes())?;
        let started: LoginStartResponse = self
            .hidden_login_start_after(login, &slot, request, Some(everyday.login_id))
            .await?
            .json()
            .await?;
        self.finish_login(state, secret, started).await
    }

    /// Sets up a hidden part of this session's wallet (named `login`), opened by `secret`.
    pub async fn create_hidden_part(&self, login: &str, secret: &str) -> ClientResult<()> {
        pde_api::passphrase::check(secret)?;
        let slot = self.hidden_slot(login, secret).await?;
        let (registration, request) = opaque::client_registration_start(secret.as_bytes())?;
        let started = self.hidden_register_start_raw(&slot, request).await?;
        started.ksf.validate()?;
        let (upload, export_key) = opaque::client_registration_finish(
            registration,
            secret.as_bytes(),
            &started.registration_response.0,
            started.ksf,
        )?;
        let key = WalletKey::generate();
        let response = self
            .http
            .post(self.url(routes::HIDDEN_REGISTER_FINISH))
            .json(&HiddenRegisterFinishRequest {
                registration_id: started.registration_id,
                registration_upload: upload.into(),
                recipient: key.recipient().as_str().to_owned(),
                wrapped_key: wallet::wrap_with_export_key(&key, &export_key)
                    .to_bytes()
                    .into(),
            })
            .send()
            .await?;
        Self::check(response).await.map(drop)
    }

    /// Time-locks the wallet of this client's session until `until` (Unix seconds), proving
    /// `secret` again; every session of the wallet ends. Returns the time the server stored.
    pub async fn time_lock(&self, login: &str, secret: &str, until: i64) -> ClientResult<i64> {
        let (state, request) = opaque::client_login_start(secret.as_bytes())?;
        let started = self.login_start_raw(login, request).await?;
        started.ksf.validate()?;
        let (finalization, _export_key) = opaque::client_login_finish(
            state,
            secret.as_bytes(),
            &started.credential_response.0,
            started.ksf,
        )?;
        let locked: TimeLocked = self
            .send_json(
                Method::POST,
                routes::TIME_LOCK,
                &TimeLockRequest {
                    login_id: started.login_id,
                    credential_finalization: finalization.into(),
                    locked_until: until,
                },
            )
            .await?;
        Ok(locked.locked_until)
    }

    /// Replaces a forgotten secret: proves the recovery key, unwraps the wallet key with it,
    /// registers `new_secret` and opens a session.
    pub async fn recover(
        &self,
        login: &str,
        recovery_key: &str,
        new_secret: &str,
    ) -> ClientResult<OpenWallet> {
        pde_api::passphrase::check(new_secret)?;
        let recovery_key = RecoveryKey::parse(recovery_key)?;
        let (registration, request) = opaque::client_registration_start(new_secret.as_bytes())?;
        let started: RecoverStartResponse = self
            .send_counted(
                routes::RECOVER_START,
                RecoverStartRequest {
                    login: login.to_owned(),
                    recovery_token: Base64Bytes(recovery_key.auth_token().to_vec()),
                    registration_request: request.into(),
                    proof: None,
                },
            )
            .await?;
        started.ksf.validate()?;
        let wrapped = WrappedWalletKey::from_bytes(&started.wrapped_key.0)?;
        let key = wallet::unwrap_with_recovery_key(&wrapped, &recovery_key)?;
        let (upload, export_key) = opaque::client_registration_finish(
            registration,
            new_secret.as_bytes(),
            &started.registration_response.0,
            started.ksf,
        )?;
        let opened: SessionOpened = self
            .send_json(
                Method::POST,
                routes::RECOVER_FINISH,
                &RecoverFinishRequest {
                    recovery_id: started.recovery_id,
                    registration_upload: upload.into(),
                    wrapped_key: Base64Bytes(
                        wallet::wrap_with_export_key(&key, &export_key).to_bytes(),
                    ),
                },
            )
            .await?;
        if key.recipient().as_str() != opened.wallet.recipient {
            return Err(ClientError::Protocol(
                "the server's public key does not match the wallet key".into(),
            ));
        }
        Ok(OpenWallet {
            number: opened.wallet.wallet_number,
            pseudonym: opened.wallet.pseudonym,
            key,
            recovery_key: Some(recovery_key),
        })
    }

    /// Ends the session.
    pub async fn logout(&self) -> ClientResult<()> {
        self.send_empty(Method::POST, routes::LOGOUT)
            .await
            .map(drop)
    }

    /// Encrypts and uploads a document with its metadata; returns its id.
    pub async fn upload(
        &self,
        wallet: &OpenWallet,
        name: &str,
        mime: &str,
        category: Category,
        content: &[u8],
    ) -> ClientResult<DocumentId> {
        let id = DocumentId::random();
        let ciphertext = document::seal_document_bytes(&wallet.key.recipient(), content)?;
        let status = self.start_upload(id, ciphertext.len() as u64).await?;
        for part in 0..status.part_count {
            self.send_part(&status, part, &ciphertext).await?;
        }
        self.commit(wallet, &status, name, mime, category, &ciphertext)
            .await?;
        Ok(id)
    }

    /// Announces an upload.
    pub async fn start_upload(
        &self,
        id: DocumentId,
        ciphertext_len: u64,
    ) -> ClientResult<UploadStatus> {
        self.send_json(
            Method::POST,
            routes::UPLOADS,
            &UploadCreateRequest {
                document_id: id,
                ciphertext_len,
            },
        )
        .await
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
        let path = routes::fill(routes::UPLOAD_PART, &[&status.upload_id, &part.to_string()]);
        let response = self
            .http
            .put(self.url(&path))
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(ciphertext[start..end].to_vec())
            .send()
            .await?;
        Self::check(response).await.map(drop)
    }

    /// Abandons an upload.
    pub async fn abort_upload(&self, upload_id: &str) -> ClientResult<()> {
        self.send_empty(Method::DELETE, &routes::fill(routes::UPLOAD, &[upload_id]))
            .await
            .map(drop)
    }

    /// The state of an upload.
    pub async fn upload_status(&self, upload_id: &str) -> ClientResult<UploadStatus> {
        Ok(Self::check(
            self.http
                .get(self.url(&routes::fill(routes::UPLOAD, &[upload_id])))
                .send()
                .await?,
        )
        .await?
        .json()
        .await?)
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
        let id = status.document_id;
        let meta = DocumentMetadata {
            name: name.to_owned(),
            mime: mime.to_owned(),
            category,
            note: String::new(),
            created_at: 0,
            document_date: None,
            thumbnail: None,
            copy_sha256: None,
        };
        let sealed = metadata::seal_wallet_metadata(&wallet.key, &id, &meta, false)?;
        let tag = document::document_tag(
            &wallet.key,
            &id,
            &document::CiphertextDigest::of(ciphertext),
        );
        self.send_json(
            Method::POST,
            &routes::fill(routes::UPLOAD_COMMIT, &[&status.upload_id]),
            &UploadCommitRequest {
                metadata: sealed.into(),
                tag: tag.into(),
            },
        )
        .await
    }

    /// The raw list (ciphertext facts).
    pub async fn list_raw(&self) -> ClientResult<DocumentList> {
        Ok(
            Self::check(self.http.get(self.url(routes::DOCUMENTS)).send().await?)
                .await?
                .json()
                .await?,
        )
    }

    /// The wallet's documents with their metadata decrypted.
    pub async fn list(&self, wallet: &OpenWallet) -> ClientResult<Vec<ListedDocument>> {
        let list = self.list_raw().await?;
        list.documents
            .into_iter()
            .map(|doc| {
                let (metadata, origin) = metadata::open_wallet_metadata(
                    &wallet.key,
                    &doc.id,
                    &doc.metadata.0,
                    doc.received_with(&wallet.key)?.as_ref(),
                )?;
                Ok(ListedDocument {
                    id: doc.id,
                    metadata,
                    origin,
                    size: doc.size,
                })
            })
            .collect()
    }

    /// The raw ciphertext of a document.
    pub async fn download_raw(&self, id: &DocumentId) -> ClientResult<Vec<u8>> {
        let response = self
            .send_empty(
                Method::GET,
                &routes::fill(routes::DOCUMENT_CONTENT, &[&id.to_string()]),
            )
            .await?;
        Ok(response.bytes().await?.to_vec())
    }

    /// Downloads, checks the tag, decrypts.
    pub async fn download(
        &self,
        wallet: &OpenWallet,
        id: &DocumentId,
    ) -> ClientResult<Zeroizing<Vec<u8>>> {
        let list = self.list_raw().await?;
        let info = list
            .documents
            .iter()
            .find(|d| d.id == *id)
            .ok_or_else(|| ClientError::Protocol("document not listed".into()))?;
        let ciphertext = self.download_raw(id).await?;
        Ok(document::open_document_bytes(
            &wallet.key,
            id,
            &info.tag.0,
            &ciphertext,
        )?)
    }

    /// Downloads and decrypts a document received through a deposit link (it has no tag: the
    /// sender is unverified).
    pub async fn download_received(
        &self,
        wallet: &OpenWallet,
        id: &DocumentId,
    ) -> ClientResult<Vec<u8>> {
        let list = self.list_raw().await?;
        let key = list
            .documents
            .iter()
            .find(|d| d.id == *id)
            .ok_or_else(|| ClientError::Protocol("document not listed".into()))?
            .received_with(&wallet.key)?
            .ok_or_else(|| ClientError::Protocol("not a received document".into()))?;
        let ciphertext = self.download_raw(id).await?;
        let mut plain = Vec::new();
        document::open_document(&key, &ciphertext[..], &mut plain)?;
        Ok(plain)
    }

    /// Renames a document (new encrypted metadata).
    pub async fn rename(
        &self,
        wallet: &OpenWallet,
        id: &DocumentId,
        new_name: &str,
    ) -> ClientResult<()> {
        let list = self.list(wallet).await?;
        let listed = list
            .into_iter()
            .find(|d| d.id == *id)
            .ok_or_else(|| ClientError::Protocol("document not listed".into()))?;
        let mut meta = listed.metadata;
        meta.name = new_name.to_owned();
        let sealed =
            metadata::seal_wallet_metadata(&wallet.key, id, &meta, listed.origin.is_received())?;
        self.put_metadata_raw(id, sealed).await
    }

    /// Replaces a document's record with `record` as it is (what a server could write into
    /// its own database).
    pub async fn put_metadata_raw(&self, id: &DocumentId, record: Vec<u8>) -> ClientResult<()> {
        let response = self
            .http
            .put(self.url(&routes::fill(routes::DOCUMENT_METADATA, &[&id.to_string()])))
            .json(&MetadataUpdate {
                metadata: record.into(),
            })
            .send()
            .await?;
        Self::check(response).await.map(drop)
    }

    /// Deletes a document.
    pub async fn delete(&self, id: &DocumentId) -> ClientResult<()> {
        self.send_empty(
            Method::DELETE,
            &routes::fill(routes::DOCUMENT, &[&id.to_string()]),
        )
        .await
        .map(drop)
    }

    /// Shares documents through a grant link: seals each again (fresh file keys) to a new
    /// grant key, creates the grant with only token hashes, sends the documents. Returns what
    /// the link and the slip carry.
    pub async fn share(
        &self,
        wallet: &OpenWallet,
        documents: &[(&str, &str, &[u8])],
        pin: Option<&str>,
        expires_in_seconds: u64,
        max_openings: Option<u32>,
    ) -> ClientResult<SharedLink> {
        let declared = self
            .declare_share(wallet, documents, pin, expires_in_seconds, max_openings)
            .await?;
        for (position, ciphertext) in declared.sealed.into_iter().enumerate() {
            self.put_grant_document(&declared.link.grant_id, position as u32, ciphertext)
                .await?;
        }
        Ok(declared.link)
    }

    /// Stores one declared document of a grant.
    pub async fn put_grant_document(
        &self,
        grant_id: &str,
        position: u32,
        ciphertext: Vec<u8>,
    ) -> ClientResult<()> {
        let response = self
            .http
            .put(self.url(&routes::fill(
                routes::GRANT_DOCUMENT,
                &[grant_id, &position.to_string()],
            )))
            .body(ciphertext)
            .send()
            .await?;
        Self::check(response).await.map(drop)
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
        let secret = grant::GrantSecret::generate();
        let pin = pin.map(grant::GrantPin::parse).transpose()?;
        let (grant_key, wrapped) = grant::new_grant_key(&secret, pin.as_ref());
        let mut sealed = Vec::new();
        let mut declarations = Vec::new();
        for (position, (name, mime, content)) in documents.iter().enumerate() {
            let ciphertext = document::seal_document_bytes(&grant_key.recipient(), content)?;
            let meta = DocumentMetadata {
                name: (*name).to_owned(),
                mime: (*mime).to_owned(),
                category: Category::Other,
                note: String::new(),
                created_at: 0,
                document_date: None,
                thumbnail: None,
                copy_sha256: None,
            };
            let metadata = grant::seal_copy_record(
                &grant_key.recipient(),
                position as u32,
                &meta,
                &ciphertext,
            )?;
            declarations.push(GrantDocumentDeclaration {
                ciphertext_len: ciphertext.len() as u64,
                metadata: metadata.into(),
            });
            sealed.push(ciphertext);
        }
        let label = record::authenticate(
            &wallet.key,
            record::RecordKind::GrantLabel,
            b"",
            document::seal_document_bytes(&wallet.key.recipient(), b"test grant")?,
        );
        let created: GrantCreated = self
            .send_json(
                Method::POST,
                routes::GRANTS,
                &GrantCreateRequest {
                    access_hash: secret.access_token().hash().to_vec().into(),
                    pin_hash: pin
                        .as_ref()
                        .map(|p| secret.pin_token(p).hash().to_vec().into()),
                    wrapped_key: wrapped.to_bytes().into(),
                    label: label.into(),
                    expires_in_seconds,
                    max_openings,
                    documents: declarations,
                },
            )
            .await?;
        Ok(DeclaredShare {
            link: SharedLink {
                grant_id: created.grant_id,
                fragment: secret.to_fragment(),
            },
            grant_key,
            sealed,
        })
    }

    /// The holder's grants.
    pub async fn grants(&self) -> ClientResult<GrantList> {
        let response = self.send_empty(Method::GET, routes::GRANTS).await?;
        Ok(response.json().await?)
    }

    /// Revokes a grant.
    pub async fn revoke(&self, grant_id: &str) -> ClientResult<()> {
        self.send_empty(Method::DELETE, &routes::fill(routes::GRANT, &[grant_id]))
            .await
            .map(drop)
    }

    /// The worker's first look at a link: its state (nothing is counted).
    pub async fn shared_status(&self, link: &SharedLink) -> ClientResult<GrantStatus> {
        let secret = grant::GrantSecret::from_fragment(&link.fragment)?;
        self.send_json(
            Method::POST,
            &routes::fill(routes::SHARED_STATUS, &[&link.grant_id]),
            &GrantTokens {
                access_token: secret.access_token().to_text(),
                pin_token: None,
            },
        )
        .await
    }

    /// The worker opens a link (with the PIN told aloud) and decrypts every document: (name,
    /// type, content) in order.
    pub async fn open_shared(
        &self,
        link: &SharedLink,
        pin: Option<&str>,
    ) -> ClientResult<Vec<(String, String, Vec<u8>)>> {
        let secret = grant::GrantSecret::from_fragment(&link.fragment)?;
        let pin = pin.map(grant::GrantPin::parse).transpose()?;
        let opened: GrantOpened = self
            .send_json(
                Method::POST,
                &routes::fill(routes::SHARED_OPEN, &[&link.grant_id]),
                &GrantTokens {
                    access_token: secret.access_token().to_text(),
                    pin_token: pin.as_ref().map(|p| secret.pin_token(p).to_text()),
                },
            )
            .await?;
        let wrapped = WrappedWalletKey::from_bytes(&opened.wrapped_key.0)?;
        let key = grant::open_grant_key(&secret, pin.as_ref(), &wrapped)?;
        let mut documents = Vec::new();
        for granted in &opened.documents {
            let meta = grant::open_copy_record(&key, granted.position, &granted.metadata.0)?;
            let ciphertext = self
                .fetch_shared(link, &opened.opening_token, granted.position)
                .await?;
            let mut content = Vec::new();
            grant::open_copy(&key, &meta, &ciphertext, &mut content)?;
            documents.push((meta.name, meta.mime, content));
        }
        Ok(documents)
    }

    /// Creates a deposit link for the wallet (labelled `label` for the holder only).
    pub async fn create_deposit(
        &self,
        wallet: &OpenWallet,
        label: &str,
        expires_in_seconds: u64,
        max_files: u32,
    ) -> ClientResult<DepositLink> {
        let secret = deposit::DepositSecret::generate();
        let request =
            DepositCreateRequest::new(&wallet.key, &secret, label, expires_in_seconds, max_files)?;
        let created: DepositCreated = self
            .send_json(Method::POST, routes::DEPOSITS, &request)
            .await?;
        Ok(DepositLink {
            deposit_id: created.deposit_id,
            fragment: secret.to_fragment(),
        })
    }

    /// The holder's deposit links.
    pub async fn deposits(&self) -> ClientResult<DepositList> {
        let response = self.send_empty(Method::GET, routes::DEPOSITS).await?;
        Ok(response.json().await?)
    }

    /// Stops a deposit link.
    pub async fn revoke_deposit(&self, deposit_id: &str) -> ClientResult<()> {
        self.send_empty(
            Method::DELETE,
            &routes::fill(routes::DEPOSIT, &[deposit_id]),
        )
        .await
        .map(drop)
    }

    /// The worker's first look at a deposit link.
    pub async fn deposit_status(&self, link: &DepositLink) -> ClientResult<DepositStatus> {
        let secret = deposit::DepositSecret::from_fragment(&link.fragment)?;
        self.send_json(
            Method::POST,
            &routes::fill(routes::DROP_STATUS, &[&link.deposit_id]),
            &DepositAccess {
                access_token: secret.access_token().to_text(),
            },
        )
        .await
    }

    /// The worker sends a document through a deposit link: checks the holder's key against
    /// the link's secret, seals the document and its name to it, sends it.
    pub async fn deposit(
        &self,
        link: &DepositLink,
        name: &str,
        mime: &str,
        content: &[u8],
    ) -> ClientResult<DepositReceived> {
        let secret = deposit::DepositSecret::from_fragment(&link.fragment)?;
        let status = self.deposit_status(link).await?;
        let recipient = secret.verify_recipient(&status.recipient, &status.recipient_check.0)?;
        let id = DocumentId::random();
        let ciphertext = document::seal_document_bytes(&recipient, content)?;
        let meta = DocumentMetadata {
            name: name.to_owned(),
            mime: mime.to_owned(),
            category: Category::Other,
            note: String::new(),
            created_at: 0,
            document_date: None,
            thumbnail: None,
            copy_sha256: None,
        };
        let sealed_meta = metadata::seal_metadata(&recipient, &id, &meta)?;
        let token = secret.access_token().to_text();
        let upload: UploadStatus = self
            .send_json(
                Method::POST,
                &routes::fill(routes::DROP_UPLOADS, &[&link.deposit_id]),
                &DepositUploadRequest {
                    access_token: token.clone(),
                    document_id: id,
                    ciphertext_len: ciphertext.len() as u64,
                },
            )
            .await?;
        for part in 0..upload.part_count {
            let start = (u64::from(part) * upload.part_size) as usize;
            let end = (start + upload.part_size as usize).min(ciphertext.len());
            let response = self
                .http
                .put(self.url(&routes::fill(
                    routes::DROP_UPLOAD_PART,
                    &[&link.deposit_id, &upload.upload_id, &part.to_string()],
                )))
                .bearer_auth(&token)
                .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
                .body(ciphertext[start..end].to_vec())
                .send()
                .await?;
            Self::check(response).await?;
        }
        let response = self
            .http
            .post(self.url(&routes::fill(
                routes::DROP_UPLOAD_COMMIT,
                &[&link.deposit_id, &upload.upload_id],
            )))
            .bearer_auth(&token)
            .json(&DepositCommitRequest {
                metadata: sealed_meta.into(),
            })
            .send()
            .await?;
        Ok(Self::check(response).await?.json().await?)
    }

    /// One granted document's ciphertext, with an opening token.
    pub async fn fetch_shared(
        &self,
        link: &SharedLink,
        opening_token: &str,
        position: u32,
    ) -> ClientResult<Vec<u8>> {
        let response = self
            .http
            .get(self.url(&routes::fill(
                routes::SHARED_DOCUMENT,
                &[&link.grant_id, &position.to_string()],
            )))
            .bearer_auth(opening_token)
            .send()
            .await?;
        Ok(Self::check(response).await?.bytes().await?.to_vec())
    }
}
