//! Every parser of stored or received bytes: must return an error, never panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pde_crypto::{document, metadata, opaque, proof, wallet};

fn setup() -> &'static opaque::ServerSetup {
    static S: OnceLock<opaque::ServerSetup> = OnceLock::new();
    S.get_or_init(opaque::ServerSetup::generate)
}

fn proof_key() -> &'static proof::ProofKey {
    static K: OnceLock<proof::ProofKey> = OnceLock::new();
    K.get_or_init(|| proof::ProofKey::from_server_setup(setup()))
}

fuzz_target!(|data: &[u8]| {
    let _ = proof::challenge_bits(data);
    let _ = proof_key().check(data, u64::from(data.first().copied().unwrap_or(0)), 0);
    let _ = opaque::ServerSetup::from_bytes(data);
    let _ = opaque::PasswordFile::from_bytes(data);
    let _ = opaque::ServerLoginState::open(data, setup(), "login");
    let _ = opaque::server_registration_start(setup(), data, b"id");
    let _ = opaque::server_registration_finish(data);
    let _ = opaque::server_login_start(setup(), None, data, b"id");
    let _ = wallet::WrappedWalletKey::from_bytes(data);
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = wallet::RecoveryKey::parse(s);
        let _ = s.parse::<wallet::WalletRecipient>();
        let _ = s.parse::<document::DocumentId>();
        let _ = wallet::WalletKey::from_age_secret(s);
    }
    let key = wallet::WalletKey::generate();
    let id = document::DocumentId::from_bytes([7; 16]);
    let _ = metadata::open_metadata(&key, &id, data);
    let _ = document::verify_document_tag(&key, &id, &document::CiphertextDigest::of(data), data);
});
