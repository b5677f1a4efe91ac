//! # pde-web
//!
//! PDE in the browser: a leptos client-side app (`app`) and, in a dedicated Web Worker, the
//! vault (`vault`) that holds the wallet key and does all cryptography (pde-crypto) and image
//! work ([`photo`]). The page and the vault talk through [`protocol`] messages. Texts come from
//! Fluent catalogues ([`i18n`]).
//!
//! The pure parts (translations, photo cleaning, messages) compile natively too and are tested
//! with `cargo test`; the rest is tested in Chromium by `tests/tests/browser.rs`.

pub mod i18n;
pub use pde_photo as photo;
pub mod protocol;

// Shared by both halves: the messages between them (`protocol`), the network (`api`) and the
// texts (`i18n`). Nothing else crosses the line between the page and the vault.
#[cfg(target_arch = "wasm32")]
#[cfg_attr(not(feature = "app"), allow(dead_code))]
pub mod api;
/// What the person sees (the main thread). Public for the screens loaded on demand
/// (web/manage), which reuse its state, components and translations.
#[cfg(target_arch = "wasm32")]
pub mod page;
/// What holds the keys (a dedicated Web Worker). Public for the grant link's page
/// (web/grant-page), whose vault runs the commands of a grant link only.
#[cfg(all(target_arch = "wasm32", feature = "vault"))]
pub mod vault;

#[cfg(all(target_arch = "wasm32", feature = "app"))]
use wasm_bindgen::prelude::*;

/// Entry point of the page (called by `boot.js`, with its loaders of the QR code maker, of the
/// screens loaded on demand and of the PDF cleaner).
#[cfg(all(target_arch = "wasm32", feature = "app"))]
#[wasm_bindgen]
pub fn start_page(
    qr_maker: js_sys::Function,
    managed_loader: js_sys::Function,
    pdf_cleaner: js_sys::Function,
) {
    page::components::set_qr_maker(qr_maker);
    page::managed::set_loader(managed_loader);
    page::pdf::set_cleaner(pdf_cleaner);
    let start = page::app::Start::read();
    // The first screen appears in its language: fetched first unless it is the built-in one.
    wasm_bindgen_futures::spawn_local(async move {
        page::state::load_language(start.lang).await;
        leptos::mount::mount_to_body(move || page::app::app(start));
    });
}

/// Entry point of the vault worker (called by `vault.js`).
#[cfg(all(target_arch = "wasm32", feature = "app"))]
#[wasm_bindgen]
pub fn start_vault() {
    vault::run(vault::handle_any);
}
