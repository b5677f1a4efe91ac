//! Runs every C2SP age conformance vector (CCTV) against `pde_crypto::age_compat` in wasm32
//! (node), from the copies embedded in `tests/common/embedded.rs`. Run with:
//!
//! ```sh
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test -p pde-crypto --target wasm32-unknown-unknown --test age_cctv_wasm
//! ```
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

mod common;

use wasm_bindgen_test::{console_log, wasm_bindgen_test};

#[wasm_bindgen_test]
fn age_cctv_vectors_wasm() {
    let summary = common::run_all(common::embedded::VECTORS.iter().copied());
    console_log!("{}", summary.report());
    summary.assert_ok();
}

#[wasm_bindgen_test]
fn documents_round_trip_wasm() {
    use pde_crypto::{document, metadata, wallet};

    let key = wallet::WalletKey::generate();
    for len in [0usize, 1, 65_527, 65_536, 200_000] {
        let data = vec![0x5au8; len];
        let sealer = document::DocumentSealer::new(&key.recipient(), len as u64).unwrap();
        let announced = sealer.ciphertext_len();
        let mut sealed = Vec::new();
        sealer.seal(&data[..], &mut sealed).unwrap();
        assert_eq!(sealed.len() as u64, announced);
        assert!(document::ciphertext_len_bounds(len as u64).contains(&announced));
        // Truncation is detected (and age's localized error message works in WASM).
        let cut = &sealed[..sealed.len() - 1];
        let mut out = Vec::new();
        assert!(document::open_document(&key, cut, &mut out).is_err());
        let id = document::DocumentId::random();
        let tag = document::document_tag(&key, &id, &document::CiphertextDigest::of(&sealed));
        let opened = document::open_document_bytes(&key, &id, &tag, &sealed).unwrap();
        assert_eq!(&opened[..], &data[..]);
    }
    let id = document::DocumentId::random();
    let meta = metadata::DocumentMetadata {
        name: "x.pdf".into(),
        mime: "application/pdf".into(),
        category: metadata::Category::Other,
        note: String::new(),
        created_at: 0,
        issued_on: None,
        expires_on: None,
        thumbnail: None,
        copy_sha256: None,
    };
    let sealed = metadata::seal_metadata(&key.recipient(), &id, &meta).unwrap();
    assert_eq!(metadata::open_metadata(&key, &id, &sealed).unwrap(), meta);
}

#[wasm_bindgen_test]
fn opaque_round_trip_wasm() {
    use pde_crypto::opaque::*;

    let setup = ServerSetup::generate();
    let (reg, req) = client_registration_start(b"1234").unwrap();
    let resp = server_registration_start(&setup, &req, b"w").unwrap();
    let (upload, _export) =
        client_registration_finish(reg, b"1234", &resp, KsfParams::TEST).unwrap();
    let file = server_registration_finish(&upload).unwrap();
    let (login, req) = client_login_start(b"1234").unwrap();
    let (state, resp) = server_login_start(&setup, Some(&file), &req, b"w").unwrap();
    let (fin, _export) = client_login_finish(login, b"1234", &resp, KsfParams::TEST).unwrap();
    server_login_finish(state, &fin).unwrap();

    let (login, req) = client_login_start(b"4321").unwrap();
    let (_state, resp) = server_login_start(&setup, Some(&file), &req, b"w").unwrap();
    assert!(client_login_finish(login, b"4321", &resp, KsfParams::TEST).is_err());
}

/// The production Argon2 parameters work in WASM (the runner's time shows their cost).
#[wasm_bindgen_test]
fn opaque_default_params_wasm() {
    use pde_crypto::opaque::*;

    let setup = ServerSetup::generate();
    let (reg, req) = client_registration_start(b"a passphrase").unwrap();
    let resp = server_registration_start(&setup, &req, b"w").unwrap();
    let (upload, _e) =
        client_registration_finish(reg, b"a passphrase", &resp, KsfParams::DEFAULT).unwrap();
    let file = server_registration_finish(&upload).unwrap();
    let (login, req) = client_login_start(b"a passphrase").unwrap();
    let (state, resp) = server_login_start(&setup, Some(&file), &req, b"w").unwrap();
    let (fin, _e) = client_login_finish(login, b"a passphrase", &resp, KsfParams::DEFAULT).unwrap();
    server_login_finish(state, &fin).unwrap();
}

#[wasm_bindgen_test]
fn grant_keys_work_in_wasm() {
    use pde_crypto::{document, grant};

    let secret = grant::GrantSecret::generate();
    let pin = grant::GrantPin::parse("4821").unwrap();
    let (key, wrapped) = grant::new_grant_key(&secret, Some(&pin));
    let sealed = document::seal_document_bytes(&key.recipient(), b"shared").unwrap();
    let worker_secret = grant::GrantSecret::from_fragment(&secret.to_fragment()).unwrap();
    assert_eq!(worker_secret.pin_token(&pin), secret.pin_token(&pin));
    let opened = grant::open_grant_key(&worker_secret, Some(&pin), &wrapped).unwrap();
    let mut plain = Vec::new();
    document::open_document(&opened, &sealed[..], &mut plain).unwrap();
    assert_eq!(plain, b"shared");
    let wrong = grant::GrantPin::parse("4822").unwrap();
    assert!(grant::open_grant_key(&worker_secret, Some(&wrong), &wrapped).is_err());
}
