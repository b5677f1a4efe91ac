//! OPAQUE password login (RFC 9807 via `opaque-ke` 3.0), client and server side.
//!
//! Cipher suite: Ristretto255 OPRF, TripleDH key exchange over Ristretto255 with SHA-512, and
//! Argon2id (parameters in [`KsfParams`], stored per credential record) as the key stretching
//! function on the client. The server never sees the password, and a stolen password file can't
//! be attacked offline without the OPRF seed held in [`ServerSetup`] (kept outside the database).
//!
//! The flows (each message is opaque bytes to carry over the network):
//!
//! | client | | server |
//! | --- | --- | --- |
//! | [`client_registration_start`] | request → | [`server_registration_start`] |
//! | [`client_registration_finish`] | ← response, upload → | [`server_registration_finish`] → [`PasswordFile`] |
//! | [`client_login_start`] | request → | [`server_login_start`] (keep the [`ServerLoginState`]) |
//! | [`client_login_finish`] | ← response, finalization → | [`server_login_finish`] |
//!
//! A wrong password is detected by the client at [`client_login_finish`]
//! ([`CryptoError::WrongSecret`]), before the last message; a client that lies and sends a
//! finalization anyway is rejected by [`server_login_finish`]. Both sides must count an attempt
//! when a login *starts*.
//!
//! ```
//! use pde_crypto::opaque::*;
//!
//! let setup = ServerSetup::generate();
//! let cred_id = b"wallet-4F7K";
//! // The cheapest parameters a client accepts (KsfParams::DEFAULT in production).
//! let params = KsfParams { m_cost_kib: KsfParams::MIN_M_COST_KIB, t_cost: 4, p_cost: 1 };
//!
//! let (reg, request) = client_registration_start(b"1234")?;
//! let response = server_registration_start(&setup, &request, cred_id)?;
//! let (upload, _export_key) = client_registration_finish(reg, b"1234", &response, params)?;
//! let file = server_registration_finish(&upload)?;
//!
//! let (login, request) = client_login_start(b"1234")?;
//! let (state, response) = server_login_start(&setup, Some(&file), &request, cred_id)?;
//! let (finalization, _export_key) = client_login_finish(login, b"1234", &response, params)?;
//! server_login_finish(state, &finalization)?;
//! # Ok::<(), pde_crypto::CryptoError>(())
//! ```

use opaque_ke::{
    errors::ProtocolError, ClientLoginFinishParameters, ClientRegistrationFinishParameters,
    CredentialFinalization, CredentialRequest, CredentialResponse, RegistrationRequest,
    RegistrationResponse, RegistrationUpload, ServerLoginStartParameters,
};
use rand_core::OsRng;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::{CryptoError, Result};

/// The opaque-ke cipher suite used by PDE.
struct Suite;

impl opaque_ke::CipherSuite for Suite {
    type OprfCs = opaque_ke::Ristretto255;
    type KeGroup = opaque_ke::Ristretto255;
    type KeyExchange = opaque_ke::key_exchange::tripledh::TripleDh;
    type Ksf = argon2::Argon2<'static>;
}

/// Version byte in front of every serialized server-side record of this module.
const RECORD_VERSION: u8 = 1;

fn with_version(bytes: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(bytes.len() + 1));
    out.push(RECORD_VERSION);
    out.extend_from_slice(bytes);
    out
}

fn strip_version<'a>(b: &'a [u8], what: &'static str) -> Result<&'a [u8]> {
    match b.split_first() {
        None => Err(CryptoError::Malformed(what)),
        Some((&RECORD_VERSION, rest)) => Ok(rest),
        Some((&v, _)) => Err(CryptoError::UnsupportedVersion(v)),
    }
}

// ---------------------------------------------------------------------------------------------
// Key stretching parameters
// ---------------------------------------------------------------------------------------------

/// Argon2id parameters of the key stretching inside OPAQUE, chosen by the client at
/// registration and stored with the credential record; the server hands them back to the client
/// at login. [`KsfParams::validate`] bounds them so that a malicious server can neither make a
/// client work for minutes nor silently weaken a new registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KsfParams {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Number of passes.
    pub t_cost: u32,
    /// Degree of parallelism (lanes). Here (`argon2` without threads) and in WASM the lanes are
    /// computed one after the other: the cost is `m_cost_kib × t_cost` whatever the lanes.
    pub p_cost: u32,
}

impl KsfParams {
    /// Production parameters: Argon2id with 64 MiB, 3 passes, 4 lanes, the "second
    /// recommended option" of RFC 9106 §4 (for memory-constrained environments). The lanes are
    /// computed one after the other here and in WASM, which costs the same as 1 lane.
    ///
    /// Measured on the project's 2-core machine: one registration plus one login (two Argon2
    /// runs) ≈ 0.35 s natively and ≈ 0.5 s in WASM under node, i.e. ≈ 0.25 s per unlock in
    /// WASM, so under 2 s even on a computer several times slower. Why not more: the passphrase
    /// is protected first by the OPRF (no offline guessing without the server's OPRF seed,
    /// which lives outside the database) and by server-side attempt counting; Argon2 is the
    /// last line when *both* the database and the OPRF seed leak, and every unlock runs it in
    /// the browser of old public computers. Why not less: the OWASP minimum (19 MiB, 2 passes)
    /// cost only ≈ 40 ms per unlock. Re-measure with
    /// `cargo test -p pde-crypto --release -- --ignored --nocapture default_params_timing`.
    pub const DEFAULT: KsfParams = KsfParams {
        m_cost_kib: 64 * 1024,
        t_cost: 3,
        p_cost: 4,
    };

    /// The cheapest parameters, for tests only, and only with the `test-params` feature: then
    /// [`KsfParams::validate`] accepts exactly this value below the production minimums, so that
    /// test suites run fast. A client built without the feature refuses it.
    #[cfg(any(test, feature = "test-params"))]
    pub const TEST: KsfParams = KsfParams {
        m_cost_kib: 64,
        t_cost: 1,
        p_cost: 1,
    };

    /// Smallest memory cost accepted (except [`KsfParams::TEST`]): 8 MiB.
    pub const MIN_M_COST_KIB: u32 = 8 * 1024;
    /// Largest memory cost accepted: 256 MiB (a WASM page must be able to allocate it).
    pub const MAX_M_COST_KIB: u32 = 256 * 1024;
    /// Largest number of passes accepted.
    pub const MAX_T_COST: u32 = 16;
    /// Largest number of lanes accepted.
    pub const MAX_P_COST: u32 = 4;
    /// Smallest total work (`m_cost_kib × t_cost`) accepted (except [`KsfParams::TEST`]):
    /// 32 MiB-passes, a little below the OWASP minimum of 19 MiB × 2 passes.
    pub const MIN_WORK_KIB: u64 = 32 * 1024;
    /// Largest total work (`m_cost_kib × t_cost`) accepted: 1 GiB-passes, ≈ 1 s natively and
    /// a few seconds in WASM (so a malicious server can't make a client spin for minutes).
    pub const MAX_WORK_KIB: u64 = 1024 * 1024;

    /// Checks the bounds; [`CryptoError::InvalidParameters`] names the one that failed.
    pub fn validate(&self) -> Result<()> {
        #[cfg(any(test, feature = "test-params"))]
        if *self == Self::TEST {
            return Ok(());
        }
        if self.p_cost == 0 || self.p_cost > Self::MAX_P_COST {
            return Err(CryptoError::InvalidParameters("argon2 p_cost"));
        }
        if self.t_cost == 0 || self.t_cost > Self::MAX_T_COST {
            return Err(CryptoError::InvalidParameters("argon2 t_cost"));
        }
        if self.m_cost_kib < Self::MIN_M_COST_KIB || self.m_cost_kib > Self::MAX_M_COST_KIB {
            return Err(CryptoError::InvalidParameters("argon2 m_cost"));
        }
        let work = u64::from(self.m_cost_kib) * u64::from(self.t_cost);
        if work < Self::MIN_WORK_KIB {
            return Err(CryptoError::InvalidParameters("argon2 work too low"));
        }
        if work > Self::MAX_WORK_KIB {
            return Err(CryptoError::InvalidParameters("argon2 work too high"));
        }
        Ok(())
    }

    pub(crate) fn to_argon2(self) -> Result<argon2::Argon2<'static>> {
        self.validate()?;
        let params = argon2::Params::new(self.m_cost_kib, self.t_cost, self.p_cost, None)
            .map_err(|_| CryptoError::InvalidParameters("argon2 parameters"))?;
        Ok(argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            params,
        ))
    }
}

impl Default for KsfParams {
    fn default() -> Self {
        Self::DEFAULT
    }
}

// ---------------------------------------------------------------------------------------------
// Server side
// ---------------------------------------------------------------------------------------------

/// The server's long-term OPAQUE secret: the OPRF seed and the server's key pair. Keep it
/// outside the database and the data directory, and back it up separately.
///
/// No `Debug`, `Display`, `Clone` or `Serialize`: it is a secret, only [`ServerSetup::to_bytes`]
/// (into a zeroizing buffer) exports it. The private keys inside are zeroized on drop by
/// opaque-ke; opaque-ke 3.0 does not zeroize the OPRF seed's own buffer.
pub struct ServerSetup(opaque_ke::ServerSetup<Suite>);

impl ServerSetup {
    /// Generates a fresh setup from the operating system's random generator.
    pub fn generate() -> Self {
        Self(opaque_ke::ServerSetup::<Suite>::new(&mut OsRng))
    }

    /// Serializes the setup: a version byte followed by opaque-ke's encoding.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let raw = Zeroizing::new(self.0.serialize());
        with_version(&raw)
    }

    /// Parses what [`ServerSetup::to_bytes`] produced.
    pub fn from_bytes(b: &[u8]) -> Result<Self> {
        let raw = strip_version(b, "server setup")?;
        opaque_ke::ServerSetup::<Suite>::deserialize(raw)
            .map(Self)
            .map_err(|_| CryptoError::Malformed("server setup"))
    }

    /// A fingerprint of the setup's public part (SHA-256 of the server's public key): what a
    /// database can keep to recognise the setup its credentials were made with, without holding
    /// anything secret.
    pub fn fingerprint(&self) -> [u8; 32] {
        use sha2::Digest;
        let mut hash = sha2::Sha256::new();
        hash.update(b"pde/server-setup-fingerprint/v1");
        hash.update(self.0.keypair().public().serialize());
        hash.finalize().into()
    }

    /// A 32-byte secret for `purpose`, derived (HKDF-SHA512) from the whole setup, so that no
    /// further secret file has to be kept and backed up.
    pub fn derive_secret(&self, purpose: &[u8]) -> Zeroizing<[u8; 32]> {
        let ikm = self.to_bytes();
        let mut secret = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA512's limit: this cannot fail.
        let _ = hkdf::Hkdf::<sha2::Sha512>::new(None, &ikm).expand(purpose, secret.as_mut());
        secret
    }
}

/// Checks that `request` is a well-formed OPAQUE `CredentialRequest`, so that a server can refuse
/// a malformed login before it counts an attempt.
pub fn check_credential_request(request: &[u8]) -> Result<()> {
    CredentialRequest::<Suite>::deserialize(request)
        .map(drop)
        .map_err(|_| CryptoError::Malformed("credential request"))
}

/// Checks that `request` is a well-formed OPAQUE `RegistrationRequest`.
pub fn check_registration_request(request: &[u8]) -> Result<()> {
    RegistrationRequest::<Suite>::deserialize(request)
        .map(drop)
        .map_err(|_| CryptoError::Malformed("registration request"))
}

/// A registered credential (opaque-ke's `ServerRegistration`), stored per wallet: a version
/// byte followed by opaque-ke's encoding. Not a secret in itself (without the OPRF seed it
/// allows no guessing), but there is no use in printing it, so no `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordFile(Vec<u8>);

impl PasswordFile {
    /// The bytes to store.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Parses and validates stored bytes.
    pub fn from_bytes(b: &[u8]) -> Result<Self> {
        let raw = strip_version(b, "password file")?;
        opaque_ke::ServerRegistration::<Suite>::deserialize(raw)
            .map_err(|_| CryptoError::Malformed("password file"))?;
        Ok(Self(b.to_vec()))
    }

    fn parse(&self) -> Result<opaque_ke::ServerRegistration<Suite>> {
        let raw = strip_version(&self.0, "password file")?;
        opaque_ke::ServerRegistration::<Suite>::deserialize(raw)
            .map_err(|_| CryptoError::Malformed("password file"))
    }
}

/// The server's state between [`server_login_start`] and [`server_login_finish`]. It contains
/// the expected client MAC and the session key, so it is secret: no `Debug`, `Clone` or
/// `Serialize`; opaque-ke zeroizes it on drop. Store it (e.g. in a short-lived database row)
/// sealed, with [`ServerLoginState::seal`].
pub struct ServerLoginState(opaque_ke::ServerLogin<Suite>);

impl ServerLoginState {
    /// The state sealed for storage between the two login messages: XChaCha20-Poly1305 under a
    /// key derived from the server setup (kept outside the database), bound to `login_id`. The
    /// state holds the MAC the client must send to finish: stored in clear, anyone reading the
    /// database could finish a login in flight (and open a session) without the secret.
    pub fn seal(&self, setup: &ServerSetup, login_id: &str) -> Vec<u8> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        use rand_core::RngCore;
        let raw = Zeroizing::new(self.0.serialize().to_vec());
        let key = setup.derive_secret(STATE_KEY_INFO);
        let cipher = chacha20poly1305::XChaCha20Poly1305::new((&*key).into());
        let mut nonce = [0u8; 24];
        OsRng.fill_bytes(&mut nonce);
        let payload = Payload {
            msg: &raw,
            aad: login_id.as_bytes(),
        };
        // Encryption with a 32-byte key and a 24-byte nonce does not fail.
        let sealed = cipher
            .encrypt(chacha20poly1305::XNonce::from_slice(&nonce), payload)
            .unwrap_or_default();
        let mut out = Vec::with_capacity(1 + nonce.len() + sealed.len());
        out.push(SEALED_STATE_VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens what [`ServerLoginState::seal`] produced for the same login id and setup.
    pub fn open(sealed: &[u8], setup: &ServerSetup, login_id: &str) -> Result<Self> {
        use chacha20poly1305::aead::{Aead, KeyInit, Payload};
        let malformed = || CryptoError::Malformed("server login state");
        let rest = match sealed.split_first() {
            Some((&SEALED_STATE_VERSION, rest)) if rest.len() > 24 => rest,
            _ => return Err(malformed()),
        };
        let (nonce, ciphertext) = rest.split_at(24);
        let key = setup.derive_secret(STATE_KEY_INFO);
        let cipher = chacha20poly1305::XChaCha20Poly1305::new((&*key).into());
        let payload = Payload {
            msg: ciphertext,
            aad: login_id.as_bytes(),
        };
        let raw = Zeroizing::new(
            cipher
                .decrypt(chacha20poly1305::XNonce::from_slice(nonce), payload)
                .map_err(|_| malformed())?,
        );
        opaque_ke::ServerLogin::<Suite>::deserialize(&raw)
            .map(Self)
            .map_err(|_| malformed())
    }
}

/// HKDF label of the key that seals server login states.
const STATE_KEY_INFO: &[u8] = b"pde/login-state-key/v1";
/// Version byte of a sealed server login state.
const SEALED_STATE_VERSION: u8 = 2;

/// Server, registration step 1: answers the client's registration request for the credential
/// `credential_id` (a stable, unique id of the wallet; the same id must be used at login).
pub fn server_registration_start(
    setup: &ServerSetup,
    request: &[u8],
    credential_id: &[u8],
) -> Result<Vec<u8>> {
    let request = RegistrationRequest::<Suite>::deserialize(request)
        .map_err(|_| CryptoError::Malformed("registration request"))?;
    let result = opaque_ke::ServerRegistration::<Suite>::start(&setup.0, request, credential_id)
        .map_err(|_| CryptoError::Malformed("registration request"))?;
    Ok(result.message.serialize().to_vec())
}

/// Server, registration step 2: turns the client's upload into the [`PasswordFile`] to store.
pub fn server_registration_finish(upload: &[u8]) -> Result<PasswordFile> {
    let upload = RegistrationUpload::<Suite>::deserialize(upload)
        .map_err(|_| CryptoError::Malformed("registration upload"))?;
    let registration = opaque_ke::ServerRegistration::<Suite>::finish(upload);
    Ok(PasswordFile(
        with_version(&registration.serialize()).to_vec(),
    ))
}

/// Server, login step 1. With `password_file == None` (unknown wallet) opaque-ke answers with
/// a dummy response that the client can't tell from a real one; the login then fails at the
/// client exactly as with a wrong password.
pub fn server_login_start(
    setup: &ServerSetup,
    password_file: Option<&PasswordFile>,
    request: &[u8],
    credential_id: &[u8],
) -> Result<(ServerLoginState, Vec<u8>)> {
    let request = CredentialRequest::<Suite>::deserialize(request)
        .map_err(|_| CryptoError::Malformed("credential request"))?;
    let record = password_file.map(PasswordFile::parse).transpose()?;
    let result = opaque_ke::ServerLogin::start(
        &mut OsRng,
        &setup.0,
        record,
        request,
        credential_id,
        ServerLoginStartParameters::default(),
    )
    .map_err(|_| CryptoError::Malformed("credential request"))?;
    Ok((
        ServerLoginState(result.state),
        result.message.serialize().to_vec(),
    ))
}

/// Server, login step 2: checks the client's finalization. [`CryptoError::WrongSecret`] when
/// the client did not prove knowledge of the password.
pub fn server_login_finish(state: ServerLoginState, finalization: &[u8]) -> Result<()> {
    let finalization = CredentialFinalization::<Suite>::deserialize(finalization)
        .map_err(|_| CryptoError::Malformed("credential finalization"))?;
    state
        .0
        .finish(finalization)
        .map(|_session_key| ())
        .map_err(|_| CryptoError::WrongSecret)
}

// ---------------------------------------------------------------------------------------------
// Client side
// ---------------------------------------------------------------------------------------------

/// The 64-byte OPAQUE export key: a secret known only to the client, stable across logins with
/// the same password, from which the wallet key's wrapping key is derived
/// ([`crate::wallet::wrap_with_export_key`]).
///
/// No `Debug`, `Display`, `Clone` or `Serialize`: it is a secret; its bytes are reachable only
/// inside this crate and are zeroized on drop.
pub struct ExportKey(Zeroizing<[u8; 64]>);

impl ExportKey {
    pub(crate) fn as_bytes(&self) -> &[u8; 64] {
        &self.0
    }

    fn from_slice(b: &[u8]) -> Result<Self> {
        let mut k = Zeroizing::new([0u8; 64]);
        if b.len() != k.len() {
            return Err(CryptoError::Malformed("export key length"));
        }
        k.copy_from_slice(b);
        Ok(Self(k))
    }
}

/// The client's state during registration (contains the OPRF blind). Secret: no `Debug`,
/// `Clone` or `Serialize`; zeroized on drop by opaque-ke.
pub struct ClientRegistration(opaque_ke::ClientRegistration<Suite>);

/// The client's state during login (contains the OPRF blind and the ephemeral key). Secret: no
/// `Debug`, `Clone` or `Serialize`; zeroized on drop by opaque-ke.
pub struct ClientLogin(opaque_ke::ClientLogin<Suite>);

/// Client, registration step 1: returns the state to keep and the request to send.
pub fn client_registration_start(password: &[u8]) -> Result<(ClientRegistration, Vec<u8>)> {
    let result = opaque_ke::ClientRegistration::<Suite>::start(&mut OsRng, password)
        .map_err(|_| CryptoError::InvalidParameters("password"))?;
    Ok((
        ClientRegistration(result.state),
        result.message.serialize().to_vec(),
    ))
}

/// Client, registration step 2: with the server's response, runs Argon2id with `params`
/// (validated first) and returns the upload for the server and the export key.
pub fn client_registration_finish(
    state: ClientRegistration,
    password: &[u8],
    response: &[u8],
    params: KsfParams,
) -> Result<(Vec<u8>, ExportKey)> {
    let ksf = params.to_argon2()?;
    let response = RegistrationResponse::<Suite>::deserialize(response)
        .map_err(|_| CryptoError::Malformed("registration response"))?;
    let result = state
        .0
        .finish(
            &mut OsRng,
            password,
            response,
            ClientRegistrationFinishParameters::new(Default::default(), Some(&ksf)),
        )
        .map_err(map_client_error)?;
    let export_key = ExportKey::from_slice(&result.export_key)?;
    Ok((result.message.serialize().to_vec(), export_key))
}

/// Client, login step 1: returns the state to keep and the request to send.
pub fn client_login_start(password: &[u8]) -> Result<(ClientLogin, Vec<u8>)> {
    let result = opaque_ke::ClientLogin::<Suite>::start(&mut OsRng, password)
        .map_err(|_| CryptoError::InvalidParameters("password"))?;
    Ok((
        ClientLogin(result.state),
        result.message.serialize().to_vec(),
    ))
}

/// Client, login step 2: with the server's response and the credential's stored `params`
/// (validated first), returns the finalization to send and the export key.
/// [`CryptoError::WrongSecret`] for a wrong password or an unknown wallet: then send nothing.
pub fn client_login_finish(
    state: ClientLogin,
    password: &[u8],
    response: &[u8],
    params: KsfParams,
) -> Result<(Vec<u8>, ExportKey)> {
    let ksf = params.to_argon2()?;
    let response = CredentialResponse::<Suite>::deserialize(response)
        .map_err(|_| CryptoError::Malformed("credential response"))?;
    let result = state
        .0
        .finish(
            password,
            response,
            ClientLoginFinishParameters::new(None, Default::default(), Some(&ksf)),
        )
        .map_err(map_client_error)?;
    let export_key = ExportKey::from_slice(&result.export_key)?;
    Ok((result.message.serialize().to_vec(), export_key))
}

fn map_client_error(e: ProtocolError) -> CryptoError {
    match e {
        ProtocolError::InvalidLoginError => CryptoError::WrongSecret,
        ProtocolError::LibraryError(opaque_ke::errors::InternalError::KsfError) => {
            CryptoError::InvalidParameters("argon2")
        }
        ProtocolError::SerializationError => CryptoError::Malformed("opaque message"),
        // A reflected OPRF value or an identity element: a broken or malicious server.
        _ => CryptoError::Tampered,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    struct Registered {
        setup: ServerSetup,
        file: PasswordFile,
        export: ExportKey,
    }

    fn register(password: &[u8], id: &[u8], params: KsfParams) -> Registered {
        let setup = ServerSetup::generate();
        let (state, req) = client_registration_start(password).unwrap();
        let resp = server_registration_start(&setup, &req, id).unwrap();
        let (upload, export) = client_registration_finish(state, password, &resp, params).unwrap();
        let file = server_registration_finish(&upload).unwrap();
        Registered {
            setup,
            file,
            export,
        }
    }

    fn login(
        setup: &ServerSetup,
        file: Option<&PasswordFile>,
        password: &[u8],
        id: &[u8],
        params: KsfParams,
    ) -> Result<ExportKey> {
        let (state, req) = client_login_start(password)?;
        let (server_state, resp) = server_login_start(setup, file, &req, id)?;
        // The server state goes through storage between the two requests.
        let server_state =
            ServerLoginState::open(&server_state.seal(setup, "login-1"), setup, "login-1")?;
        let (fin, export) = client_login_finish(state, password, &resp, params)?;
        server_login_finish(server_state, &fin)?;
        Ok(export)
    }

    #[test]
    fn a_stored_login_state_opens_only_with_its_setup_and_login_id() {
        let r = register(b"correct horse", b"wallet-1", KsfParams::TEST);
        let (_, req) = client_login_start(b"correct horse").unwrap();
        let (state, _) = server_login_start(&r.setup, Some(&r.file), &req, b"wallet-1").unwrap();
        let sealed = state.seal(&r.setup, "login-1");
        let raw = state.0.serialize();
        assert!(!sealed.windows(16).any(|w| raw.windows(16).any(|r| r == w)));
        assert!(ServerLoginState::open(&sealed, &r.setup, "login-1").is_ok());
        assert!(ServerLoginState::open(&sealed, &r.setup, "login-2").is_err());
        assert!(ServerLoginState::open(&sealed, &ServerSetup::generate(), "login-1").is_err());
        let mut flipped = sealed.clone();
        flipped[30] ^= 1;
        assert!(ServerLoginState::open(&flipped, &r.setup, "login-1").is_err());
    }

    #[test]
    fn registration_then_login_gives_equal_export_keys() {
        let r = register(b"correct horse", b"wallet-1", KsfParams::TEST);
        let setup = ServerSetup::from_bytes(&r.setup.to_bytes()).unwrap();
        let file = PasswordFile::from_bytes(r.file.as_bytes()).unwrap();
        let export = login(
            &setup,
            Some(&file),
            b"correct horse",
            b"wallet-1",
            KsfParams::TEST,
        )
        .unwrap();
        assert_eq!(export.as_bytes(), r.export.as_bytes());
        // A second login gives the same export key again.
        let again = login(
            &setup,
            Some(&file),
            b"correct horse",
            b"wallet-1",
            KsfParams::TEST,
        )
        .unwrap();
        assert_eq!(again.as_bytes(), r.export.as_bytes());
    }

    #[test]
    fn wrong_password_is_wrong_secret_at_client_finish() {
        let r = register(b"1234", b"w", KsfParams::TEST);
        let (state, req) = client_login_start(b"1235").unwrap();
        let (_s, resp) = server_login_start(&r.setup, Some(&r.file), &req, b"w").unwrap();
        let err = client_login_finish(state, b"1235", &resp, KsfParams::TEST)
            .err()
            .unwrap();
        assert_eq!(err, CryptoError::WrongSecret);
    }

    #[test]
    fn wrong_credential_id_or_params_fail() {
        let r = register(b"1234", b"w", KsfParams::TEST);
        assert_eq!(
            login(&r.setup, Some(&r.file), b"1234", b"other", KsfParams::TEST).err(),
            Some(CryptoError::WrongSecret)
        );
        let other = KsfParams {
            m_cost_kib: 8 * 1024,
            t_cost: 4,
            p_cost: 1,
        };
        assert_eq!(
            login(&r.setup, Some(&r.file), b"1234", b"w", other).err(),
            Some(CryptoError::WrongSecret)
        );
    }

    #[test]
    fn unknown_user_dummy_path_fails_like_wrong_password() {
        let setup = ServerSetup::generate();
        let (state, req) = client_login_start(b"1234").unwrap();
        let (_s, resp) = server_login_start(&setup, None, &req, b"nobody").unwrap();
        // Same length as a real response.
        let r = register(b"1234", b"w", KsfParams::TEST);
        let (_st2, req2) = client_login_start(b"1234").unwrap();
        let (_s2, real) = server_login_start(&r.setup, Some(&r.file), &req2, b"w").unwrap();
        assert_eq!(resp.len(), real.len());
        assert_eq!(
            client_login_finish(state, b"1234", &resp, KsfParams::TEST).err(),
            Some(CryptoError::WrongSecret)
        );
    }

    #[test]
    fn lying_client_is_rejected_by_server() {
        let r = register(b"1234", b"w", KsfParams::TEST);
        let (_state, req) = client_login_start(b"0000").unwrap();
        let (server_state, resp) = server_login_start(&r.setup, Some(&r.file), &req, b"w").unwrap();
        // A finalization of the right length that proves nothing.
        let mut fin = vec![0u8; 64];
        fin[0] = resp[0];
        assert_eq!(
            server_login_finish(server_state, &fin).err(),
            Some(CryptoError::WrongSecret)
        );
    }

    #[test]
    fn tampered_response_never_logs_in() {
        let r = register(b"1234", b"w", KsfParams::TEST);
        let (_s, req) = client_login_start(b"1234").unwrap();
        let (_ss, resp) = server_login_start(&r.setup, Some(&r.file), &req, b"w").unwrap();
        for pos in (0..resp.len()).step_by(7) {
            let (state, req) = client_login_start(b"1234").unwrap();
            let (_ss, resp) = server_login_start(&r.setup, Some(&r.file), &req, b"w").unwrap();
            let mut bad = resp.clone();
            bad[pos] ^= 0x01;
            assert!(client_login_finish(state, b"1234", &bad, KsfParams::TEST).is_err());
        }
    }

    #[test]
    fn malformed_inputs_are_malformed() {
        let setup = ServerSetup::generate();
        assert!(matches!(
            server_registration_start(&setup, b"short", b"w"),
            Err(CryptoError::Malformed(_))
        ));
        assert!(matches!(
            server_registration_finish(b""),
            Err(CryptoError::Malformed(_))
        ));
        assert!(matches!(
            PasswordFile::from_bytes(&[1, 2, 3]),
            Err(CryptoError::Malformed(_))
        ));
        assert!(matches!(
            ServerSetup::from_bytes(&[9, 0, 0]),
            Err(CryptoError::UnsupportedVersion(9))
        ));
        let mut bytes = setup.to_bytes();
        bytes[0] = 2;
        assert!(matches!(
            ServerSetup::from_bytes(&bytes),
            Err(CryptoError::UnsupportedVersion(2))
        ));
    }

    #[test]
    fn ksf_params_bounds() {
        KsfParams::DEFAULT.validate().unwrap();
        KsfParams::TEST.validate().unwrap();
        let bad = [
            KsfParams {
                m_cost_kib: 1 << 30,
                ..KsfParams::DEFAULT
            },
            KsfParams {
                m_cost_kib: 128,
                ..KsfParams::DEFAULT
            },
            KsfParams {
                t_cost: 0,
                ..KsfParams::DEFAULT
            },
            KsfParams {
                t_cost: 1000,
                ..KsfParams::DEFAULT
            },
            KsfParams {
                p_cost: 0,
                ..KsfParams::DEFAULT
            },
            KsfParams {
                p_cost: 64,
                ..KsfParams::DEFAULT
            },
            KsfParams {
                m_cost_kib: 8 * 1024,
                t_cost: 1,
                p_cost: 1,
            },
            KsfParams {
                m_cost_kib: 256 * 1024,
                t_cost: 16,
                p_cost: 1,
            },
            KsfParams {
                t_cost: 2,
                ..KsfParams::TEST
            },
        ];
        for p in bad {
            assert!(
                matches!(p.validate(), Err(CryptoError::InvalidParameters(_))),
                "{p:?} accepted"
            );
        }
        // A malicious server's parameters are refused before any work.
        let (state, _req) = client_login_start(b"1234").unwrap();
        assert!(matches!(
            client_login_finish(state, b"1234", &[0u8; 320], bad[0]),
            Err(CryptoError::InvalidParameters(_))
        ));
        let json = serde_json::to_string(&KsfParams::DEFAULT).unwrap();
        assert_eq!(
            serde_json::from_str::<KsfParams>(&json).unwrap(),
            KsfParams::DEFAULT
        );
    }

    /// Measures one registration plus one login with the production parameters; run with
    /// `cargo test -p pde-crypto --release -- --ignored --nocapture default_params_timing`.
    #[test]
    #[ignore = "timing measurement, slow in debug builds"]
    fn default_params_timing() {
        let start = std::time::Instant::now();
        let r = register(b"a passphrase", b"w", KsfParams::DEFAULT);
        let export = login(
            &r.setup,
            Some(&r.file),
            b"a passphrase",
            b"w",
            KsfParams::DEFAULT,
        )
        .unwrap();
        let elapsed = start.elapsed();
        assert_eq!(export.as_bytes(), r.export.as_bytes());
        println!("registration + login with KsfParams::DEFAULT: {elapsed:?}");
    }
}
