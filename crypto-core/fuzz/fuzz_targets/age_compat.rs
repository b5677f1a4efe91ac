//! Arbitrary input to the age conformance wrapper, with an X25519 identity and a passphrase
//! (scrypt capped low so the fuzzer stays fast). Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pde_crypto::age_compat::{decrypt, AgeIdentity, DecryptOptions, Encoding};

const KEY: &str = "AGE-SECRET-KEY-1QYPQXPQ9QCRSSZG2PVXQ6RS0ZQG3YYC5Z5TPWXQERGD3C8G7RUSQGPQYEE";

fuzz_target!(|data: &[u8]| {
    let ids = [
        AgeIdentity::parse(KEY).expect("fixed key parses"),
        AgeIdentity::passphrase("password"),
    ];
    for encoding in [Encoding::Auto, Encoding::Binary, Encoding::Armored] {
        let options = DecryptOptions {
            encoding,
            max_scrypt_log_n: 10,
        };
        let out = decrypt(data, &ids, &options);
        assert!(out.plaintext.len() <= data.len());
    }
});
