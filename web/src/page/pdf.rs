//! PDFs lose their properties before the vault seals them: the Info dictionary (Title, Author…)
//! and the XMP metadata, which would otherwise travel to every social worker a document is
//! shown to. The cleaning is web/pdf's, a WebAssembly module of its own that `boot.js` loads,
//! hash-checked, the first time a PDF is added; it runs here, on the page, where the file
//! already is (a worker can't check a module's glue against a hash before importing it).

use std::cell::RefCell;

use js_sys::{Array, Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

use crate::protocol::Failure;

thread_local! {
    /// `boot.js`'s cleaner: `file` → a promise of `[file to store, kept as it is]`.
    static CLEANER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Keeps `boot.js`'s PDF cleaner.
pub fn set_cleaner(cleaner: Function) {
    CLEANER.with(|c| *c.borrow_mut() = Some(cleaner));
}

/// What is stored for `file`: a PDF without its properties, anything else as it is; `true` when
/// it is a PDF kept as it is (signed, whose signature a change would break, or unreadable), whose
/// properties may name an author. Nothing is stored uncleaned because the cleaner could not be
/// had: that is a network failure, to try again.
pub async fn stored(file: File) -> Result<(File, bool), Failure> {
    let cleaning = CLEANER
        .with(|c| c.borrow().clone())
        .and_then(|cleaner| cleaner.call1(&JsValue::NULL, &file).ok())
        .and_then(|promise| promise.dyn_into::<Promise>().ok())
        .ok_or(Failure::Network)?;
    let answer: Array = JsFuture::from(cleaning)
        .await
        .ok()
        .and_then(|answer| answer.dyn_into().ok())
        .ok_or(Failure::Network)?;
    let file = answer
        .get(0)
        .dyn_into::<File>()
        .map_err(|_| Failure::Network)?;
    Ok((file, answer.get(1).is_truthy()))
}
