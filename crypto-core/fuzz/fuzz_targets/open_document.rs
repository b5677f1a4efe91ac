//! Payload decryption with a *valid* key: a real sealed document whose bytes after the header
//! are mutated by the fuzzer. Opening must fail cleanly or give back exactly the original.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pde_crypto::{document, wallet::WalletKey};

const KEY: &str = "AGE-SECRET-KEY-1QYPQXPQ9QCRSSZG2PVXQ6RS0ZQG3YYC5Z5TPWXQERGD3C8G7RUSQGPQYEE";

fn fixture() -> &'static (WalletKey, Vec<u8>, Vec<u8>) {
    static F: OnceLock<(WalletKey, Vec<u8>, Vec<u8>)> = OnceLock::new();
    F.get_or_init(|| {
        let key = WalletKey::from_age_secret(KEY).expect("fixed key parses");
        let plain: Vec<u8> = (0..70_000u32).map(|i| i as u8).collect();
        let sealed = document::seal_document_bytes(&key.recipient(), &plain).expect("seals");
        (key, plain, sealed)
    })
}

fuzz_target!(|data: &[u8]| {
    let (key, plain, sealed) = fixture();
    // data = pairs of (position, xor) applied to the sealed file.
    let mut mutated = sealed.clone();
    for pair in data.chunks_exact(3) {
        let pos = usize::from(u16::from_le_bytes([pair[0], pair[1]])) * 2 % mutated.len();
        mutated[pos] ^= pair[2];
    }
    let mut out = Vec::new();
    match document::open_document(key, &mutated[..], &mut out) {
        Ok(_) => assert_eq!(&out, plain, "a modified file opened to other content"),
        Err(_) => assert!(mutated != *sealed, "the untouched file failed to open"),
    }
});
