//! Timing functions for `cargo xtask bench` (feature `bench` only): the same pde-crypto and photo
//! code as the app, timed inside the browser so the bench can set them beside native runs.

use pde_crypto::document;
use pde_crypto::wallet::WalletKey;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn now_ms() -> f64 {
    js_sys::global()
        .dyn_into::<web_sys::Window>()
        .ok()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Best of `runs`, in seconds.
fn best_of(runs: u32, mut work: impl FnMut()) -> f64 {
    (0..runs.max(1))
        .map(|_| {
            let started = now_ms();
            work();
            (now_ms() - started) / 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

/// Seconds to seal `len` bytes to a fresh wallet (best of `runs`), the way the vault does it:
/// push-style, in pieces of the size it reads from a file.
#[wasm_bindgen]
pub fn bench_encrypt(len: u32, runs: u32) -> f64 {
    let mut data = vec![0u8; len as usize];
    let mut x = 0x9E37_79B9u32;
    for byte in &mut data {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *byte = x as u8;
    }
    let recipient = WalletKey::generate().recipient();
    best_of(runs, || {
        let Ok(sealer) = document::DocumentSealer::new(&recipient, data.len() as u64) else {
            return;
        };
        let mut stream = sealer.start();
        let mut sealed_len = 0;
        for piece in data.chunks(crate::vault::READ_PIECE as usize) {
            sealed_len += stream.push(piece).map_or(0, |c| c.len());
        }
        if let Ok((rest, _)) = stream.finish() {
            sealed_len += rest.len();
        }
        std::hint::black_box(sealed_len);
    })
}

/// Seconds to clean one photo the way the vault does (the browser decodes, orients and scales;
/// pde-photo writes the JPEG and the thumbnail), best of `runs`. Resolves to a number.
#[wasm_bindgen]
pub async fn bench_photo(jpeg: Vec<u8>, runs: u32) -> Result<f64, JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&jpeg[..]));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let started = now_ms();
        crate::vault::decode::clean_image(&blob)
            .await
            .map_err(|_| JsValue::from_str("photo failed"))?;
        best = best.min((now_ms() - started) / 1000.0);
    }
    Ok(best)
}

/// Seconds to unlock a wallet with the vault's own code (OPAQUE login with Argon2id against
/// the server, then the wallet key unwrapped), best of `runs`: the same work as the native
/// client's login, without the page around it. Resolves to a number.
#[wasm_bindgen]
pub async fn bench_unlock(login: String, secret: String, runs: u32) -> Result<f64, JsValue> {
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let started = now_ms();
        crate::vault::unlock(&login, crate::protocol::Secret::new(secret.clone()))
            .await
            .map_err(|_| JsValue::from_str("unlock failed"))?;
        best = best.min((now_ms() - started) / 1000.0);
    }
    Ok(best)
}

/// Seconds the vault takes on average to solve a login challenge of the highest price
/// (`pde_crypto::proof::MAX_BITS`): its hashing rate over `challenges` cheaper challenges, scaled.
#[wasm_bindgen]
pub fn bench_proof(challenges: u32) -> f64 {
    use pde_crypto::proof;
    let key = proof::ProofKey::from_server_setup(&pde_crypto::opaque::ServerSetup::generate());
    let mut hashes = 0u64;
    let started = now_ms();
    for _ in 0..challenges {
        let challenge = key.challenge(12, i64::MAX);
        hashes += proof::solve(&challenge).map_or(0, |nonce| nonce + 1);
    }
    let seconds = (now_ms() - started) / 1000.0;
    seconds / hashes.max(1) as f64 * f64::from(1u32 << proof::MAX_BITS)
}
