//! # pde-manage
//!
//! The wallet's management screens — what the holder does when someone may have seen or used
//! the wallet, and after the first day. They are a WebAssembly module of their own, outside the
//! holders' bundle and its budget: the page loads it the first time one of these screens is
//! shown, checked against the hash the build wrote into `boot.js` (as the language files and the
//! QR code maker are checked), and draws the screen into an element of its own
//! (`pde_web::page::managed`).
//!
//! The module reuses the page's state, components and translations (`pde-web` without its entry
//! points). It holds no key and starts no worker: every command goes through the page's relay to
//! the page's vault, in the vault's own messages.

#[cfg(target_arch = "wasm32")]
mod hidden;
#[cfg(target_arch = "wasm32")]
mod meeting;
#[cfg(target_arch = "wasm32")]
mod relay;
#[cfg(target_arch = "wasm32")]
mod security;

#[cfg(target_arch = "wasm32")]
pub use entry::{mount_screen, unmount_screen};

#[cfg(target_arch = "wasm32")]
mod entry {
    use std::cell::RefCell;

    use js_sys::{Function, Uint8Array};
    use leptos::prelude::*;
    use pde_web::i18n::Catalogue;
    use pde_web::page::managed::{exits, ManagedContext};
    use pde_web::page::state::{load_language, AppState, Screen};
    use pde_web::protocol;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        /// The screen shown (dropping it takes it off the page).
        static SHOWN: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
    }

    /// Draws screen `screen` into `host`, in language `lang`; `context` is a
    /// [`ManagedContext`] in the vault protocol's encoding; commands go through `relay`, and
    /// `leave` takes an exit ([`exits`]).
    #[wasm_bindgen]
    pub async fn mount_screen(
        host: web_sys::HtmlElement,
        screen: String,
        lang: String,
        context: Uint8Array,
        relay: Function,
        leave: Function,
    ) -> Result<(), JsValue> {
        unmount_screen();
        let lang = Catalogue::negotiate([lang.as_str()]);
        if !load_language(lang).await {
            return Err("language unavailable".into());
        }
        let context: ManagedContext = protocol::decode(&context.to_vec()).unwrap_or_default();
        crate::relay::set(relay);
        let first = match screen.as_str() {
            "meeting" => Screen::Meeting,
            "hidden" => Screen::Hidden,
            _ => Screen::Security,
        };
        let handle = leptos::mount::mount_to(host.clone(), move || {
            let state = AppState::new(lang, first.clone(), context.kiosk, 0);
            state.wallet.set(context.wallet);
            state.downloads_allowed.set(context.downloads_allowed);
            provide_context(state);
            // The page's screen switch is the page's: a managed screen that moves on (back
            // to the documents, or to unlock when the session ended) hands over to it.
            Effect::new(move |_| {
                let exit = match state.screen.get() {
                    Screen::Wallet => exits::WALLET.to_owned(),
                    Screen::Share => exits::SHARE.to_owned(),
                    Screen::Unlock => exits::SESSION_ENDED.to_owned(),
                    Screen::TimeLocked { until } => format!("{}{until}", exits::TIME_LOCKED),
                    _ => return,
                };
                let _ = leave.call1(&JsValue::NULL, &exit.into());
            });
            match first {
                Screen::Meeting => crate::meeting::MeetingPage().into_any(),
                Screen::Hidden => crate::hidden::HiddenPage().into_any(),
                _ => crate::security::SecurityPage().into_any(),
            }
        });
        SHOWN.with(|s| *s.borrow_mut() = Some(Box::new(handle)));
        // The new screen's heading takes the focus, as the page's own screens do.
        if let Some(heading) = host
            .query_selector("h1")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = heading.focus();
        }
        Ok(())
    }

    /// Takes the shown screen off the page.
    #[wasm_bindgen]
    pub fn unmount_screen() {
        if let Some(shown) = SHOWN.with(|s| s.borrow_mut().take()) {
            drop(shown);
        }
    }
}
