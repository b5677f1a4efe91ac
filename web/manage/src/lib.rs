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
mod card;
#[cfg(target_arch = "wasm32")]
mod erase;
#[cfg(target_arch = "wasm32")]
mod export;
#[cfg(target_arch = "wasm32")]
mod grants;
#[cfg(target_arch = "wasm32")]
mod hidden;
#[cfg(target_arch = "wasm32")]
mod import;
#[cfg(target_arch = "wasm32")]
mod meeting;
#[cfg(target_arch = "wasm32")]
mod receive;
#[cfg(target_arch = "wasm32")]
mod recover;
#[cfg(target_arch = "wasm32")]
mod relay;
#[cfg(target_arch = "wasm32")]
mod security;
#[cfg(target_arch = "wasm32")]
mod sheet;
pub mod texts;
#[cfg(target_arch = "wasm32")]
mod who;

#[cfg(target_arch = "wasm32")]
pub use entry::{mount_screen, set_language, set_qr_reader, unmount_screen};

#[cfg(target_arch = "wasm32")]
mod entry {
    use std::cell::RefCell;

    use js_sys::{Function, Uint8Array};
    use leptos::prelude::*;
    use pde_web::i18n::Catalogue;
    use pde_web::page::components::set_qr_maker;
    use pde_web::page::managed::{exits, ManagedContext};
    use pde_web::page::state::{load_language, AppState, Screen};
    use pde_web::protocol;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        /// The screen shown (dropping it takes it off the page).
        static SHOWN: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
        /// The shown screen's state.
        static STATE: RefCell<Option<AppState>> = const { RefCell::new(None) };
    }

    /// The screen a name given by the page stands for.
    fn screen_named(name: &str) -> Screen {
        match name {
            "meeting" => Screen::Meeting,
            "hidden" => Screen::Hidden,
            "grants" => Screen::Grants,
            "receive" => Screen::Receive,
            "erased" => Screen::Erased,
            "export" => Screen::Export,
            "import" => Screen::Import,
            "who" => Screen::WhoSees,
            "card" => Screen::Card,
            "recover" => Screen::Recover,
            "feedback" => Screen::Feedback,
            _ => Screen::Security,
        }
    }

    /// Where the page takes over from screen `screen`: `None` for the screens drawn here.
    fn exit_to(screen: &Screen) -> Option<String> {
        Some(match screen {
            Screen::Meeting
            | Screen::Hidden
            | Screen::Security
            | Screen::Grants
            | Screen::Receive
            | Screen::DepositReady(_)
            | Screen::Erased
            | Screen::Export
            | Screen::Import
            | Screen::WhoSees
            | Screen::Card
            | Screen::Feedback
            | Screen::Recover => return None,
            Screen::Share => exits::SHARE.to_owned(),
            Screen::Start | Screen::Language => exits::START.to_owned(),
            Screen::Unlock => exits::SESSION_ENDED.to_owned(),
            Screen::TimeLocked { until } => format!("{}{until}", exits::TIME_LOCKED),
            _ => exits::WALLET.to_owned(),
        })
    }

    /// Draws screen `screen` into `host`, in language `lang`; `context` is a
    /// [`ManagedContext`] in the vault protocol's encoding; commands go through `relay`,
    /// `leave` takes an exit ([`exits`]) when the holder moves on to one of the page's
    /// screens, and QR codes are drawn by `qr_maker` (the page's loader of pde-qr).
    #[wasm_bindgen]
    pub async fn mount_screen(
        host: web_sys::HtmlElement,
        screen: String,
        lang: String,
        context: Uint8Array,
        relay: Function,
        leave: Function,
        qr_maker: Function,
    ) -> Result<(), JsValue> {
        unmount_screen();
        let lang = Catalogue::negotiate([lang.as_str()]);
        if !load_language(lang).await {
            return Err("language unavailable".into());
        }
        let context: ManagedContext = protocol::decode(&context.to_vec()).unwrap_or_default();
        crate::relay::set(relay, leave.clone());
        set_qr_maker(qr_maker);
        let first = screen_named(&screen);
        let handle = leptos::mount::mount_to(host.clone(), move || {
            let state = AppState::new(lang, first, context.kiosk, 0);
            STATE.with(|s| *s.borrow_mut() = Some(state));
            state.wallet.set(context.wallet);
            state.downloads_allowed.set(context.downloads_allowed);
            provide_context(state);
            move || {
                let screen = state.screen.get();
                if let Some(exit) = exit_to(&screen) {
                    // The page's screen switch is the page's: it takes over from here (once
                    // this drawing is over, as the page then takes this screen away).
                    let leave = leave.clone();
                    leptos::task::spawn_local(async move {
                        let _ = leave.call1(&JsValue::NULL, &exit.into());
                    });
                    return ().into_any();
                }
                match screen {
                    Screen::Meeting => crate::meeting::MeetingPage().into_any(),
                    Screen::Hidden => crate::hidden::HiddenPage().into_any(),
                    Screen::Grants => crate::grants::GrantsPage().into_any(),
                    Screen::Receive => crate::receive::ReceivePage().into_any(),
                    Screen::DepositReady(link) => {
                        view! { <crate::receive::DepositReadyPage link=link/> }.into_any()
                    }
                    Screen::Erased => crate::erase::ErasedPage().into_any(),
                    Screen::Export => crate::export::ExportPage().into_any(),
                    Screen::Import => crate::import::ImportPage().into_any(),
                    Screen::WhoSees => crate::who::WhoSeesPage().into_any(),
                    Screen::Card => crate::card::CardPage().into_any(),
                    Screen::Recover => crate::recover::RecoverPage().into_any(),
                    Screen::Feedback => view! {
                        <pde_feedback::FeedbackForm
                            from=pde_api::feedback::FeedbackFrom::Holder
                            top=true
                            on_done=Callback::new(|()| crate::relay::leave(pde_web::page::managed::exits::BACK))
                        />
                    }
                    .into_any(),
                    _ => crate::security::SecurityPage().into_any(),
                }
            }
        });
        SHOWN.with(|s| *s.borrow_mut() = Some(Box::new(handle)));
        focus_heading(&host);
        Ok(())
    }

    /// The screen's heading takes the focus, as the page's own screens do.
    fn focus_heading(host: &web_sys::HtmlElement) {
        if let Some(heading) = host
            .query_selector("h1")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = heading.focus();
        }
    }

    /// Keeps `boot.js`'s QR code reader (web/qr's, loaded on demand): `(rgba, width, height)`
    /// → a promise of the text read. The recovery screen reads the sheet's QR code with it.
    #[wasm_bindgen]
    pub fn set_qr_reader(reader: Function) {
        crate::recover::set_qr_reader(reader);
    }

    /// The page's language changed to `lang`: the shown screen follows, once that language is
    /// loaded (what the holder typed stays).
    #[wasm_bindgen]
    pub async fn set_language(lang: String) {
        let lang = Catalogue::negotiate([lang.as_str()]);
        if load_language(lang).await {
            if let Some(state) = STATE.with(|s| *s.borrow()) {
                let _ = state.lang.try_set(lang);
            }
        }
    }

    /// Takes the shown screen off the page.
    #[wasm_bindgen]
    pub fn unmount_screen() {
        STATE.with(|s| s.borrow_mut().take());
        if let Some(shown) = SHOWN.with(|s| s.borrow_mut().take()) {
            drop(shown);
        }
    }
}
