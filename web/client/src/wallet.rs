//! Opening and changing the wallet: registration, login with the hidden fallback, recovery,
//! time-lock, hidden parts.

use pde_api::endpoints;
use pde_api::{AttemptId, LoginId};
use pde_api::{
    Base64Bytes, CancelSheetRequest, EraseRequest, HiddenLoginStartRequest,
    HiddenRegisterFinishRequest, HiddenRegisterStartRequest, HiddenSlotRequest, LoginFinishRequest,
    LoginStartRequest, LoginStartResponse, NewSheetRequest, RecoverFinishRequest,
    RecoverStartRequest, RegisterFinishRequest, RegisterStartRequest, Sealed,
    SecretChangeFinishRequest, SecretChangeStartRequest, SessionOpened, TimeLockRequest,
    WalletInfo,
};
use pde_crypto::hidden;
use pde_crypto::opaque::{self, ExportKey};
use pde_crypto::wallet::{self, RecoveryKey, WalletKey, WrappedWalletKey};
use pde_crypto::CryptoError;

use crate::{Client, ClientError, ClientResult, KeyRing, Transport};

/// A wallet part just opened: its key (only here, in memory) and what the server says of it.
pub struct OpenedWallet {
    /// The key of the part the secret opened.
    pub key: WalletKey,
    /// Number, pseudonym and public key of that part.
    pub wallet: WalletInfo,
}

/// A wallet just created: open, with the recovery key to show once.
pub struct CreatedWallet {
    /// The open wallet.
    pub opened: OpenedWallet,
    /// The recovery key, printed on the recovery sheet and never kept.
    pub recovery_key: RecoveryKey,
}

/// A secret proven by OPAQUE up to the last message, for the everyday part or a hidden one.
pub struct Proof {
    /// The login the last message finishes.
    pub login_id: LoginId,
    /// The last message.
    pub finalization: Vec<u8>,
    /// Unwraps the part's key.
    pub export_key: ExportKey,
}

/// A hidden secret's slot and the single-use id of the attempt the server counted for it.
pub struct HiddenSlot {
    /// The slot.
    pub slot: hidden::Slot,
    /// Used up by the next hidden login start or registration start.
    pub attempt_id: AttemptId,
}

impl<T: Transport> Client<T> {
    /// Creates a wallet: a fresh key pair, an OPAQUE credential, the key wrapped under the secret
    /// and under a new recovery key. Leaves the session open. `test_wallet` asks for cheap
    /// Argon2 parameters (only a test server grants it).
    pub async fn create_wallet(
        &self,
        secret: &str,
        pseudonym: Option<&str>,
        invite_code: Option<&str>,
        test_wallet: bool,
    ) -> ClientResult<CreatedWallet> {
        pde_api::passphrase::check(secret)?;
        let secret = secret.as_bytes();
        let (registration, request) = opaque::client_registration_start(secret)?;
        let started = self
            .call(
                endpoints::REGISTER_START,
                &[],
                &RegisterStartRequest {
                    pseudonym: pseudonym.map(str::to_owned),
                    invite_code: invite_code.map(str::to_owned),
                    test_wallet,
                    registration_request: request.into(),
                },
            )
            .await?;
        let (upload, export_key) = finish_registration(
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
        let opened = self
            .call(
                endpoints::REGISTER_FINISH,
                &[],
                &RegisterFinishRequest {
                    registration_id: started.registration_id,
                    registration_upload: upload.into(),
                    recipient: key.recipient(),
                    wrapped_keys: wrapped.into_iter().map(Sealed).collect(),
                    recovery_token: Base64Bytes(recovery_key.auth_token().to_vec()),
                },
            )
            .await?;
        Ok(CreatedWallet {
            opened: OpenedWallet {
                key,
                wallet: opened.wallet,
            },
            recovery_key,
        })
    }

    /// Opens the part of the wallet named `login` that `secret` opens, as the app does: the
    /// everyday part, else the hidden part it may open (see [`Client::prove`]).
    pub async fn login(&self, login: &str, secret: &str) -> ClientResult<OpenedWallet> {
        let proof = self.prove(login, secret).await?;
        self.open_session(proof).await
    }

    /// Opens the everyday part only (a secret of a hidden part fails like a wrong one).
    pub async fn login_everyday(&self, login: &str, secret: &str) -> ClientResult<OpenedWallet> {
        let proof = self
            .prove_everyday(login.trim(), secret.as_bytes())
            .await?
            .map_err(|_| ClientError::Crypto(CryptoError::WrongSecret))?;
        self.open_session(proof).await
    }

    /// Opens the hidden part `secret` belongs to, without trying the everyday part first.
    pub async fn login_hidden(&self, login: &str, secret: &str) -> ClientResult<OpenedWallet> {
        let proof = self
            .prove_hidden(login.trim(), secret.as_bytes(), None)
            .await?;
        self.open_session(proof).await
    }

    /// Runs OPAQUE with `secret` for the everyday part; if the secret is not its, for the hidden
    /// part it may open, as a separate step that every wallet answers alike (dummy answers
    /// without one). Both attempts are counted by the server; the everyday one is given back
    /// once the hidden secret is verified, so opening the hidden part never builds up a back-off
    /// on the everyday one. A secret of no part is [`CryptoError::WrongSecret`].
    pub async fn prove(&self, login: &str, secret: &str) -> ClientResult<Proof> {
        let login = login.trim();
        match self.prove_everyday(login, secret.as_bytes()).await? {
            Ok(proof) => Ok(proof),
            Err(everyday_login_id) => {
                self.prove_hidden(login, secret.as_bytes(), Some(everyday_login_id))
                    .await
            }
        }
    }

    /// The everyday part's proof, or, when the secret is not its, the id of the (counted) login.
    async fn prove_everyday(
        &self,
        login: &str,
        secret: &[u8],
    ) -> ClientResult<Result<Proof, LoginId>> {
        let (state, request) = opaque::client_login_start(secret)?;
        let started = self
            .call_counted(
                endpoints::LOGIN_START,
                LoginStartRequest {
                    login: login.to_owned(),
                    credential_request: request.into(),
                    proof: None,
                },
            )
            .await?;
        started.ksf.validate()?;
        // A wrong secret is known here, before the last message (the server has counted it).
        Ok(
            match opaque::client_login_finish(
                state,
                secret,
                &started.credential_response.0,
                started.ksf,
            ) {
                Ok((finalization, export_key)) => Ok(Proof {
                    login_id: started.login_id,
                    finalization,
                    export_key,
                }),
                Err(_) => Err(started.login_id),
            },
        )
    }

    async fn prove_hidden(
        &self,
        login: &str,
        secret: &[u8],
        everyday_login_id: Option<LoginId>,
    ) -> ClientResult<Proof> {
        let slot = self.hidden_slot(login, secret).await?;
        let (state, request) = opaque::client_login_start(secret)?;
        let started = self
            .hidden_login_start(login, &slot, request, everyday_login_id)
            .await?;
        started.ksf.validate()?;
        let (finalization, export_key) =
            opaque::client_login_finish(state, secret, &started.credential_response.0, started.ksf)
                .map_err(|_| CryptoError::WrongSecret)?;
        Ok(Proof {
            login_id: started.login_id,
            finalization,
            export_key,
        })
    }

    /// The slot of `secret` in the wallet named `login` (see `pde_crypto::hidden`; the OPRF step,
    /// counted by the server as one hidden attempt), with the id of that attempt.
    pub async fn hidden_slot(&self, login: &str, secret: &[u8]) -> ClientResult<HiddenSlot> {
        let (state, blinded) = hidden::client_slot_start(secret)?;
        let answer = self
            .call_counted(
                endpoints::HIDDEN_SLOT,
                HiddenSlotRequest {
                    login: login.trim().to_owned(),
                    blinded: blinded.into(),
                    proof: None,
                },
            )
            .await?;
        Ok(HiddenSlot {
            slot: hidden::client_slot_finish(state, secret, &answer.evaluation.0, answer.ksf)?,
            attempt_id: answer.attempt_id,
        })
    }

    /// The first message of opening a hidden part, naming the everyday login it follows (whose
    /// attempt is given back once the hidden secret is verified).
    pub async fn hidden_login_start(
        &self,
        login: &str,
        slot: &HiddenSlot,
        credential_request: Vec<u8>,
        everyday_login_id: Option<LoginId>,
    ) -> ClientResult<LoginStartResponse> {
        self.call(
            endpoints::HIDDEN_LOGIN_START,
            &[],
            &HiddenLoginStartRequest {
                login: login.to_owned(),
                attempt_id: slot.attempt_id.clone(),
                everyday_login_id,
                slot: slot.slot.0.to_vec().into(),
                credential_request: credential_request.into(),
            },
        )
        .await
    }

    /// Sends a login's last message, opens the session, unwraps the key and checks it is the
    /// wallet's (a server can't hand over another wallet).
    pub async fn open_session(&self, proof: Proof) -> ClientResult<OpenedWallet> {
        let opened = self
            .call(
                endpoints::LOGIN_FINISH,
                &[],
                &LoginFinishRequest {
                    login_id: proof.login_id,
                    credential_finalization: proof.finalization.into(),
                },
            )
            .await?;
        let wrapped = WrappedWalletKey::from_bytes(&opened.wrapped_key.0)?;
        let key = wallet::unwrap_with_export_key(&wrapped, &proof.export_key)?;
        checked(key, opened)
    }

    /// Sets up a hidden part of the open wallet (named `login`), opened by `secret`. Nothing in
    /// the open part changes.
    pub async fn create_hidden_part(&self, login: &str, secret: &str) -> ClientResult<()> {
        pde_api::passphrase::check(secret)?;
        let secret = secret.as_bytes();
        let slot = self.hidden_slot(login, secret).await?;
        let (registration, request) = opaque::client_registration_start(secret)?;
        let started = self
            .call(
                endpoints::HIDDEN_REGISTER_START,
                &[],
                &HiddenRegisterStartRequest {
                    attempt_id: slot.attempt_id,
                    slot: slot.slot.0.to_vec().into(),
                    registration_request: request.into(),
                },
            )
            .await?;
        let (upload, export_key) = finish_registration(
            registration,
            secret,
            &started.registration_response.0,
            started.ksf,
        )?;
        let key = WalletKey::generate();
        self.call_no_answer(
            endpoints::HIDDEN_REGISTER_FINISH,
            &[],
            &HiddenRegisterFinishRequest {
                registration_id: started.registration_id,
                registration_upload: upload.into(),
                recipient: key.recipient(),
                wrapped_key: wallet::wrap_with_export_key(&key, &export_key)
                    .to_bytes()
                    .into(),
            },
        )
        .await
    }

    /// Locks the wallet until `until` (Unix seconds), the secret proven again by a fresh login
    /// whose last message goes to the time-lock instead of opening a session. The server ends
    /// every session of the wallet. Returns the time it stored.
    pub async fn time_lock(&self, login: &str, secret: &str, until: i64) -> ClientResult<i64> {
        let proof = self.prove(login, secret).await?;
        let locked = self
            .call(
                endpoints::TIME_LOCK,
                &[],
                &TimeLockRequest {
                    login_id: proof.login_id,
                    credential_finalization: proof.finalization.into(),
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
        recovery_key: &RecoveryKey,
        new_secret: &str,
    ) -> ClientResult<OpenedWallet> {
        pde_api::passphrase::check(new_secret)?;
        let secret = new_secret.as_bytes();
        let (registration, request) = opaque::client_registration_start(secret)?;
        let started = self
            .call_counted(
                endpoints::RECOVER_START,
                RecoverStartRequest {
                    login: login.trim().to_owned(),
                    recovery_token: Base64Bytes(recovery_key.auth_token().to_vec()),
                    registration_request: request.into(),
                    proof: None,
                },
            )
            .await?;
        started.ksf.validate()?;
        let wrapped = WrappedWalletKey::from_bytes(&started.wrapped_key.0)?;
        let key = wallet::unwrap_with_recovery_key(&wrapped, recovery_key)?;
        let (upload, export_key) = finish_registration(
            registration,
            secret,
            &started.registration_response.0,
            started.ksf,
        )?;
        let opened = self
            .call(
                endpoints::RECOVER_FINISH,
                &[],
                &RecoverFinishRequest {
                    recovery_id: started.recovery_id,
                    registration_upload: upload.into(),
                    wrapped_key: Sealed(wallet::wrap_with_export_key(&key, &export_key).to_bytes()),
                },
            )
            .await?;
        checked(key, opened)
    }

    /// Replaces the everyday secret of the open wallet with `new_secret`. The new secret is
    /// first tried as a hidden part's (a counted attempt): one that opens a part is refused with
    /// [`ClientError::SecretInUse`], so the everyday secret never opens a hidden part. The
    /// current secret is proven again by a fresh login, so someone at an open wallet can't take
    /// it over. Every other session of the wallet and its parts ends; this one stays. With
    /// `end_links`, every grant and deposit link of the wallet stops too.
    pub async fn change_secret(
        &self,
        keys: &impl KeyRing,
        login: &str,
        current: &str,
        new_secret: &str,
        end_links: bool,
    ) -> ClientResult<()> {
        pde_api::passphrase::check(new_secret)?;
        let login = login.trim();
        let new = new_secret.as_bytes();
        if self.opens_a_hidden_part(login, new).await? {
            return Err(ClientError::SecretInUse);
        }
        let (registration, request) = opaque::client_registration_start(new)?;
        let started = self
            .call(
                endpoints::SECRET_START,
                &[],
                &SecretChangeStartRequest {
                    registration_request: request.into(),
                },
            )
            .await?;
        let (upload, export_key) = finish_registration(
            registration,
            new,
            &started.registration_response.0,
            started.ksf,
        )?;
        let wrapped_key =
            keys.with_key(|key| wallet::wrap_with_export_key(key, &export_key).to_bytes())?;
        let proof = self
            .prove_everyday(login, current.as_bytes())
            .await?
            .map_err(|_| CryptoError::WrongSecret)?;
        self.call_no_answer(
            endpoints::SECRET_FINISH,
            &[],
            &SecretChangeFinishRequest {
                change_id: started.change_id,
                registration_upload: upload.into(),
                wrapped_key: Sealed(wrapped_key),
                login_id: proof.login_id,
                credential_finalization: proof.finalization.into(),
                end_links,
            },
        )
        .await
    }

    /// A new recovery sheet for the open wallet, the secret proven again: with the `current`
    /// sheet it replaces it at once, without it after a week (the old sheet works until then,
    /// and cancels it). Returns the new sheet's key (shown once, never kept) and when it takes
    /// effect.
    pub async fn new_recovery_sheet(
        &self,
        keys: &impl KeyRing,
        login: &str,
        secret: &str,
        current: Option<&RecoveryKey>,
    ) -> ClientResult<(RecoveryKey, i64)> {
        let recovery_key = RecoveryKey::generate();
        let wrapped =
            keys.with_key(|key| wallet::wrap_with_recovery_key(key, &recovery_key).to_bytes())?;
        let proof = self.prove(login, secret).await?;
        let answer = self
            .call(
                endpoints::RECOVERY_SHEET,
                &[],
                &NewSheetRequest {
                    recovery_token: Base64Bytes(recovery_key.auth_token().to_vec()),
                    wrapped_key: Sealed(wrapped),
                    current_token: current.map(|sheet| Base64Bytes(sheet.auth_token().to_vec())),
                    login_id: proof.login_id,
                    credential_finalization: proof.finalization.into(),
                },
            )
            .await?;
        Ok((recovery_key, answer.effective_at))
    }

    /// Cancels a new recovery sheet still waiting for its time, with the `current` sheet.
    pub async fn cancel_new_sheet(&self, current: &RecoveryKey) -> ClientResult<()> {
        self.call_no_answer(
            endpoints::RECOVERY_SHEET_CANCEL,
            &[],
            &CancelSheetRequest {
                recovery_token: Base64Bytes(current.auth_token().to_vec()),
            },
        )
        .await
    }

    /// The open wallet as the server shows it (with a new recovery sheet waiting, if any).
    pub async fn wallet_info(&self) -> ClientResult<pde_api::WalletInfo> {
        self.get(endpoints::WALLET, &[]).await
    }

    /// Ends the open part for good ("end my wallet"), its secret proven again: the everyday
    /// part ends with its hidden parts, a hidden part alone. The session ends with it.
    pub async fn erase_wallet(&self, login: &str, secret: &str) -> ClientResult<()> {
        let proof = self.prove(login, secret).await?;
        self.call_no_answer(
            endpoints::WALLET_ERASE,
            &[],
            &EraseRequest {
                login_id: proof.login_id,
                credential_finalization: proof.finalization.into(),
            },
        )
        .await
    }

    /// Whether `secret` opens a hidden part of the wallet named `login` (one counted attempt).
    async fn opens_a_hidden_part(&self, login: &str, secret: &[u8]) -> ClientResult<bool> {
        let slot = self.hidden_slot(login, secret).await?;
        let (state, request) = opaque::client_login_start(secret)?;
        let started = self.hidden_login_start(login, &slot, request, None).await?;
        started.ksf.validate()?;
        Ok(
            opaque::client_login_finish(state, secret, &started.credential_response.0, started.ksf)
                .is_ok(),
        )
    }

    /// Ends the session.
    pub async fn logout(&self) -> ClientResult<()> {
        self.act(endpoints::LOGOUT, &[]).await
    }

    /// Ends every other session of the wallet and of its parts; this one stays open.
    pub async fn end_other_sessions(&self) -> ClientResult<()> {
        self.act(endpoints::END_OTHER_SESSIONS, &[]).await
    }

    /// The server's limits and settings.
    pub async fn info(&self) -> ClientResult<pde_api::ServerInfo> {
        self.get(endpoints::INFO, &[]).await
    }
}

/// The client's last registration step, the server's Argon2 parameters checked first (a server
/// can't make the secret cheap to guess).
fn finish_registration(
    registration: opaque::ClientRegistration,
    secret: &[u8],
    response: &[u8],
    ksf: opaque::KsfParams,
) -> ClientResult<(Vec<u8>, ExportKey)> {
    ksf.validate()?;
    Ok(opaque::client_registration_finish(
        registration,
        secret,
        response,
        ksf,
    )?)
}

/// The unwrapped key, if it is the one the server names for the session's wallet.
fn checked(key: WalletKey, opened: SessionOpened) -> ClientResult<OpenedWallet> {
    if key.recipient() != opened.wallet.recipient {
        return Err(CryptoError::Tampered.into());
    }
    Ok(OpenedWallet {
        key,
        wallet: opened.wallet,
    })
}
