//! Screens loaded on demand: the wallet's management screens (web/manage) are a WebAssembly
//! module of their own, outside the bundle's budget, fetched and checked against a hash the
//! bundle carries the first time one is shown. This is the page's side: a host element the
//! module draws into, and two functions it is handed — `relay`, which passes its commands to
//! this page's vault (the keys never leave the vault), and `leave`, which tells the page where
//! to go next. The module has no worker and no key of its own.

use std::cell::{Cell, RefCell};

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

use crate::i18n::keys;
use crate::page::components::{Alert, Glyph, Icon};
use crate::page::state::{tr, AppState, Screen};
use crate::page::vault_client::vault;
use crate::protocol::{self, Command, Failure, Progress, Reply, WalletView};

thread_local! {
    /// `boot.js`'s loader of the module: a promise of its glue's exports.
    static LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
    /// The loaded module, while one of its screens is shown (to unmount it).
    static SHOWN: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// The screen the feedback form was opened from, to go back to.
    static BEFORE_FEEDBACK: RefCell<Option<Screen>> = const { RefCell::new(None) };
    /// Counts mounts: a load that finishes after the holder moved on mounts nothing.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
}

/// Opens the feedback form, remembering the screen it was opened from ([`exits::BACK`]
/// returns there).
pub fn open_feedback(state: AppState) {
    BEFORE_FEEDBACK.with(|b| *b.borrow_mut() = Some(state.screen.get_untracked()));
    state.screen.set(Screen::Feedback);
}

/// Keeps `boot.js`'s loader of the management screens.
pub fn set_loader(loader: Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
}

/// What a managed screen is told of the page when it is mounted.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ManagedContext {
    /// The open wallet.
    pub wallet: Option<WalletView>,
    /// Kiosk mode (a public computer).
    pub kiosk: bool,
    /// In kiosk mode, plaintext downloads were turned on.
    pub downloads_allowed: bool,
}

/// Where a managed screen sends the holder (`leave`'s argument).
pub mod exits {
    /// Back to the documents.
    pub const WALLET: &str = "wallet";
    /// To choosing what to share.
    pub const SHARE: &str = "share";
    /// To the first screen (create or open).
    pub const START: &str = "start";
    /// The session ended (or the wallet was locked): to the unlock screen, remembering where
    /// the holder was.
    pub const SESSION_ENDED: &str = "session-ended";
    /// The wallet was just time-locked, until the Unix seconds after the prefix: everything
    /// shown is forgotten.
    pub const TIME_LOCKED: &str = "time-locked:";
    /// The wallet (or the part open) was just ended for good: everything shown is forgotten.
    pub const ERASED: &str = "erased";
    /// The wallet was just opened (with the recovery key): to its documents, with the banner
    /// of what ends soon. The wallet came with the relay's reply.
    pub const UNLOCKED: &str = "unlocked";
    /// Back to the unlock screen (no session ended).
    pub const UNLOCK: &str = "unlock";
    /// Back to the screen the feedback form was opened from.
    pub const BACK: &str = "back";
}

/// Where exit `exit` leads the page.
fn leave(state: AppState, exit: &str) {
    let until = exit
        .strip_prefix(exits::TIME_LOCKED)
        .and_then(|until| until.parse().ok());
    if until.is_some() || exit == exits::ERASED {
        state.documents.set(Default::default());
        state.wallet.set(None);
        state.remembered_login.set(None);
        state.forget_interrupted_work();
        state.screen.set(match until {
            Some(until) => Screen::TimeLocked { until },
            None => Screen::Erased,
        });
        return;
    }
    match exit {
        exits::SESSION_ENDED => {
            let _ = state.fail(Failure::SessionEnded);
        }
        exits::UNLOCKED => {
            state.notice.set(None);
            state.expiry_notice.set(true);
            state.screen.set(Screen::Wallet);
        }
        exits::UNLOCK => state.screen.set(Screen::Unlock),
        exits::SHARE => state.screen.set(Screen::Share),
        exits::START => state.screen.set(Screen::Start),
        exits::BACK => state
            .screen
            .set(BEFORE_FEEDBACK.with(|b| b.take()).unwrap_or(Screen::Start)),
        _ => state.screen.set(Screen::Wallet),
    }
}

/// A screen of the management module, drawn into this page (again in the new language when it
/// changes). If the module cannot be had, says so, with a way back.
#[component]
pub fn ManagedScreen(name: &'static str) -> impl IntoView {
    let state = AppState::get();
    let host = NodeRef::<leptos::html::Div>::new();
    let error = RwSignal::new(None::<String>);
    Effect::new(move |mounted: Option<bool>| {
        let lang = state.lang.get();
        // Once shown, the screen follows the language without being drawn again (what the
        // holder typed or was told stays).
        if mounted == Some(true) && SHOWN.with(|s| s.borrow().is_some()) {
            relabel(lang);
            return true;
        }
        let Some(element) = host.get() else {
            return false;
        };
        let generation = GENERATION.with(|g| {
            g.set(g.get().wrapping_add(1));
            g.get()
        });
        leptos::task::spawn_local(async move {
            if let Err(failure) = mount(element.into(), name, lang, state, generation).await {
                let _ = error.try_set(state.fail(failure));
            }
        });
        true
    });
    on_cleanup(unmount);
    view! {
        <Show when=move || error.get().is_some()>
            <section class="page narrow">
                <button class="button link" on:click=move |_| {
                    let open = state.wallet.get_untracked().is_some();
                    state.screen.set(if open { Screen::Wallet } else { Screen::Start });
                }>
                    <Glyph icon=Icon::Back/>
                    <span>{tr(keys::BACK_TO_WALLET)}</span>
                </button>
                <Alert message=Signal::derive(move || error.get())/>
            </section>
        </Show>
        <div class="managed" node_ref=host></div>
    }
}

fn js_failure(error: JsValue) -> Failure {
    Failure::Unexpected {
        detail: crate::api::describe(&error),
    }
}

/// Loads the module (once) and mounts screen `name` into `host`.
async fn mount(
    host: web_sys::HtmlElement,
    name: &str,
    lang: &str,
    state: AppState,
    generation: u32,
) -> Result<(), Failure> {
    let loader = LOADER
        .with(|l| l.borrow().clone())
        .ok_or_else(|| js_failure("no loader".into()))?;
    let loading = loader
        .call0(&JsValue::NULL)
        .and_then(|p| p.dyn_into::<Promise>())
        .map_err(js_failure)?;
    // A failed fetch (or a file that does not match its hash) is a network failure to the holder.
    let module = JsFuture::from(loading)
        .await
        .map_err(|_| Failure::Network)?;
    if GENERATION.with(Cell::get) != generation {
        return Ok(());
    }
    unmount();
    let context = ManagedContext {
        wallet: state.wallet.get_untracked(),
        kiosk: state.kiosk.get_untracked(),
        downloads_allowed: state.downloads_allowed.get_untracked(),
    };
    let context = protocol::encode(&context).map_err(|e| Failure::Unexpected {
        detail: e.to_string(),
    })?;
    let mount_screen: Function = Reflect::get(&module, &"mount_screen".into())
        .and_then(|f| f.dyn_into())
        .map_err(js_failure)?;
    let leave = Closure::<dyn Fn(String)>::new(move |exit: String| leave(state, &exit));
    let arguments = Array::of5(
        &host,
        &name.into(),
        &lang.into(),
        &Uint8Array::from(&context[..]),
        &relay(state),
    );
    arguments.push(&leave.into_js_value());
    arguments.push(&crate::page::components::qr_maker().map_or(JsValue::UNDEFINED, Into::into));
    let mounting = mount_screen
        .apply(&JsValue::NULL, &arguments)
        .and_then(|p| p.dyn_into::<Promise>())
        .map_err(js_failure)?;
    SHOWN.with(|s| *s.borrow_mut() = Some(module));
    JsFuture::from(mounting).await.map_err(js_failure)?;
    Ok(())
}

/// Tells the shown managed screen the interface language changed.
fn relabel(lang: &str) {
    SHOWN.with(|s| {
        if let Some(set_language) = s
            .borrow()
            .as_ref()
            .and_then(|module| Reflect::get(module, &"set_language".into()).ok())
            .and_then(|f| f.dyn_into::<Function>().ok())
        {
            let _ = set_language.call1(&JsValue::NULL, &lang.into());
        }
    });
}

/// Takes the shown managed screen away, if any.
fn unmount() {
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
    if let Some(module) = SHOWN.with(|s| s.borrow_mut().take()) {
        if let Some(unmount) = Reflect::get(&module, &"unmount_screen".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
        {
            let _ = unmount.call0(&JsValue::NULL);
        }
    }
}

/// The function a managed screen sends its commands through: `(command, file?, progress?)` →
/// a promise of `{ reply, blob? }`, each message in the vault protocol's encoding. The bytes
/// of a command may hold a typed secret: wiped once read. A reply that carries the wallet
/// updates the page's `state` as well.
fn relay(state: AppState) -> JsValue {
    Closure::<dyn Fn(Uint8Array, JsValue, JsValue) -> Promise>::new(
        move |bytes: Uint8Array, file: JsValue, progress: JsValue| {
            let command = Zeroizing::new(bytes.to_vec());
            bytes.fill(0, 0, bytes.length());
            let command = protocol::decode::<Command>(&command);
            let file = file.dyn_into::<web_sys::File>().ok();
            let progress = progress.dyn_into::<Function>().ok().map(|report| {
                Box::new(move |step: Progress| {
                    if let Ok(step) = protocol::encode(&step) {
                        let _ = report.call1(&JsValue::NULL, &Uint8Array::from(&step[..]));
                    }
                }) as Box<dyn Fn(Progress)>
            });
            wasm_bindgen_futures::future_to_promise(async move {
                let answer = match command {
                    Some(command) => match vault() {
                        Ok(vault) => vault.call(command, file, progress).await,
                        Err(failure) => Err(failure),
                    },
                    None => Err(Failure::unexpected_reply()),
                };
                let (reply, blob) = answer.unwrap_or_else(|failure| (Reply::Failed(failure), None));
                // The page shows the wallet too: it learns what changed.
                if let Reply::NewSheet { wallet, .. }
                | Reply::WalletChanged { wallet }
                | Reply::Unlocked { wallet } = &reply
                {
                    let _ = state.wallet.try_set(Some(wallet.clone()));
                }
                let reply = Zeroizing::new(
                    protocol::encode(&reply).map_err(|e| JsValue::from(e.to_string()))?,
                );
                let result = Object::new();
                Reflect::set(&result, &"reply".into(), &Uint8Array::from(&reply[..]))?;
                if let Some(blob) = blob {
                    Reflect::set(&result, &"blob".into(), &blob)?;
                }
                Ok(result.into())
            })
        },
    )
    .into_js_value()
}
