//! The document frame parser behind age: arbitrary plaintext frames encrypted to a valid key
//! (as a malicious depositor could) must be rejected or parsed consistently, never panic.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use pde_crypto::{document, wallet::WalletKey};

const KEY: &str = "AGE-SECRET-KEY-1QYPQXPQ9QCRSSZG2PVXQ6RS0ZQG3YYC5Z5TPWXQERGD3C8G7RUSQGPQYEE";

fuzz_target!(|frame: &[u8]| {
    let key = WalletKey::from_age_secret(KEY).expect("fixed key parses");
    let recipient: age::x25519::Recipient =
        key.recipient().as_str().parse().expect("recipient parses");
    let enc = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
        .expect("encryptor");
    let mut sealed = Vec::new();
    let mut w = enc.wrap_output(&mut sealed).expect("header");
    w.write_all(frame).expect("write");
    w.finish().expect("finish");

    let mut out = Vec::new();
    if let Ok(len) = document::open_document(&key, &sealed[..], &mut out) {
        assert_eq!(out.len() as u64, len);
        assert_eq!(frame.len() as u64, document::padded_len(len));
        assert_eq!(&frame[9..9 + out.len()], &out[..]);
    }
});
