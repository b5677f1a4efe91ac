//! Kiosk mode, for free-access computers. It is on when the address says `?kiosk=1` (the kiosk
//! launcher opens PDE so) or once the holder switches it on on the first screen.
//!
//! - The wallet locks itself after a few idle minutes (a countdown shows in the last 30
//!   seconds), when the tab stays hidden past a short grace (not while the camera or file picker
//!   is open, for at most 2 minutes or the idle time), on the lock button, and on the panic key:
//!   Escape twice.
//! - Locking here asks the vault to forget the key and end the session, then ends the vault
//!   worker and loads a fresh page, so decrypted documents, blob addresses and page state are
//!   gone; the fresh page says what was wiped.
//! - The app keeps nothing in the browser in any mode (no storage API, no service worker, the
//!   session cookie has no expiry); kiosk mode adds that plaintext downloads are off until the
//!   holder turns them on, and a warning before printing.

use std::cell::Cell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::page::state::{AppState, Screen};
use crate::page::vault_client::{end_vault, vault};
use crate::protocol::Command;

/// Idle time before the lock, unless the address asks for less.
pub const DEFAULT_IDLE_SECONDS: i64 = 180;
/// The shortest idle time the address may ask for (tests use it).
const MIN_IDLE_SECONDS: i64 = 5;
/// The countdown shows in the last seconds (or the last half of a shorter idle time).
pub const COUNTDOWN_SECONDS: i64 = 30;
/// A hidden tab locks after this long (switching windows briefly does not).
const HIDDEN_GRACE_SECONDS: f64 = 10.0;
/// An open file or camera picker counts as activity for at most this long (and never longer
/// than the idle time): someone who walks away from an open picker must not leave the wallet
/// open behind it.
const PICKER_MAX_SECONDS: i64 = 120;
/// Two presses of Escape within this many milliseconds lock at once.
const PANIC_WINDOW_MS: f64 = 1500.0;
/// The lock reloads the page even if the server does not answer the logout in time.
const LOGOUT_WAIT_MS: i32 = 3000;

/// Kiosk settings read from the address.
#[derive(Clone, Debug)]
pub struct KioskStart {
    /// Kiosk mode is on.
    pub on: bool,
    /// Seconds of idleness before the lock.
    pub idle_seconds: i64,
    /// This page was loaded by a kiosk lock: show what was wiped.
    pub ended: bool,
    /// The language the holder was using before the lock (for the end page).
    pub lang: Option<String>,
    /// Loaded by a lock the holder did not ask for here (the panic key, idleness, a tab left
    /// hidden): the page shows nothing that says what was open.
    pub quiet: bool,
}

fn query_value(search: &str, name: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// Reads `?kiosk=1`, `kiosk-idle=<seconds>` (only ever shorter than the default), `ended=1` and
/// `quiet=1`.
pub fn from_address() -> KioskStart {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let on = query_value(&search, "kiosk").as_deref() == Some("1");
    let idle_seconds = query_value(&search, "kiosk-idle")
        .and_then(|v| v.parse::<i64>().ok())
        .map(|s| s.clamp(MIN_IDLE_SECONDS, DEFAULT_IDLE_SECONDS))
        .unwrap_or(DEFAULT_IDLE_SECONDS);
    let ended = on && query_value(&search, "ended").as_deref() == Some("1");
    let lang = query_value(&search, "lang").filter(|_| ended);
    let quiet = ended && query_value(&search, "quiet").as_deref() == Some("1");
    KioskStart {
        on,
        idle_seconds,
        ended,
        lang,
        quiet,
    }
}

/// The address of a kiosk page (keeping a shortened idle time); the end page also carries the
/// interface language, and whether it is the neutral one.
fn kiosk_address(idle_seconds: i64, ended_in: Option<&str>, quiet: bool) -> String {
    let mut address = String::from("/?kiosk=1");
    if idle_seconds != DEFAULT_IDLE_SECONDS {
        address.push_str(&format!("&kiosk-idle={idle_seconds}"));
    }
    if let Some(lang) = ended_in {
        address.push_str(&format!("&ended=1&lang={lang}"));
        if quiet {
            address.push_str("&quiet=1");
        }
    }
    address
}

fn set_address(address: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(address));
    }
}

/// The holder switched kiosk mode on: the address says so, so a reload keeps it.
pub fn switch_on(state: AppState) {
    state.kiosk.set(true);
    set_address(&kiosk_address(state.idle_seconds, None, false));
}

/// After a kiosk lock the fresh page drops `ended=1` from the address (a reload shows the
/// first screen).
pub fn forget_ended(state: AppState) {
    set_address(&kiosk_address(state.idle_seconds, None, false));
}

/// Locks for good: the vault forgets the key and ends the session, the worker ends, and a fresh
/// page loads — a neutral one when `quiet` (a lock the holder did not ask for here).
pub fn end_session(state: AppState, quiet: bool) {
    if LOCKING.with(|l| l.replace(true)) {
        return;
    }
    let address = kiosk_address(state.idle_seconds, Some(state.lang.get_untracked()), quiet);
    // Whatever happens to the logout, the page is replaced.
    if let Some(window) = web_sys::window() {
        let fallback = address.clone();
        let reload = Closure::once_into_js(move || reload_to(&fallback));
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            reload.unchecked_ref(),
            LOGOUT_WAIT_MS,
        );
    }
    leptos::task::spawn_local(async move {
        if let Ok(vault) = vault() {
            let _ = vault.ask(Command::Lock).await;
        }
        end_vault();
        reload_to(&address);
    });
}

fn reload_to(address: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(address);
    }
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

thread_local! {
    static LAST_ACTIVITY: Cell<f64> = Cell::new(now_ms());
    static HIDDEN_SINCE: Cell<Option<f64>> = const { Cell::new(None) };
    /// When a file or camera picker was opened, while it is open.
    static PICKER_OPENED_AT: Cell<Option<f64>> = const { Cell::new(None) };
    static LAST_ESCAPE: Cell<f64> = const { Cell::new(0.0) };
    static LOCKING: Cell<bool> = const { Cell::new(false) };
}

/// Long work in the vault (encrypting, uploading) counts as activity: a big upload on a slow
/// line is not a person who walked away.
pub fn note_activity() {
    LAST_ACTIVITY.with(|t| t.set(now_ms()));
}

/// Whether there is anything to lock: past the first screen, or a wallet open.
fn armed(state: AppState) -> bool {
    state.wallet.get_untracked().is_some()
        || !matches!(
            state.screen.get_untracked(),
            Screen::Language | Screen::Ended | Screen::Neutral
        )
}

fn listen(
    target: &web_sys::EventTarget,
    event: &str,
    handler: impl FnMut(web_sys::Event) + 'static,
) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback_and_bool(
        event,
        closure.as_ref().unchecked_ref(),
        true,
    );
    // The listeners live as long as the page.
    closure.forget();
}

/// Installs the idle, hidden-tab and panic-key guards (once, at start).
pub fn install(state: AppState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let window_target: &web_sys::EventTarget = window.as_ref();
    for event in [
        "pointerdown",
        "pointermove",
        "keydown",
        "wheel",
        "touchstart",
        "input",
        "scroll",
    ] {
        listen(window_target, event, |_| {
            LAST_ACTIVITY.with(|t| t.set(now_ms()))
        });
    }

    // The panic key: Escape twice, in any mode, whenever a wallet is open (and always in kiosk
    // mode).
    listen(window_target, "keydown", move |event| {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>().map(|e| e.key()) else {
            return;
        };
        if key != "Escape" {
            return;
        }
        let now = now_ms();
        let previous = LAST_ESCAPE.with(|t| t.replace(now));
        if now - previous < PANIC_WINDOW_MS && armed(state) {
            crate::page::components::lock_quietly(state);
        }
    });

    // A file or camera picker hides the page on phones: that is not leaving.
    listen(document.as_ref(), "click", |event| {
        let is_file_input = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| input.type_() == "file");
        if is_file_input {
            PICKER_OPENED_AT.with(|p| p.set(Some(now_ms())));
        }
    });
    for event in ["change", "cancel"] {
        listen(document.as_ref(), event, |_| {
            PICKER_OPENED_AT.with(|p| p.set(None))
        });
    }
    listen(window_target, "focus", |_| {
        PICKER_OPENED_AT.with(|p| p.set(None));
        LAST_ACTIVITY.with(|t| t.set(now_ms()));
    });

    let watched = document.clone();
    listen(document.as_ref(), "visibilitychange", move |_| {
        if watched.hidden() {
            HIDDEN_SINCE.with(|h| h.set(Some(now_ms())));
        } else {
            let since = HIDDEN_SINCE.with(|h| h.take());
            check_hidden(state, since);
        }
    });

    let tick = Closure::<dyn FnMut()>::new(move || tick(state));
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        1000,
    );
    tick.forget();
}

/// Seconds the file or camera picker has been open, if it is.
fn picker_open_for() -> Option<f64> {
    PICKER_OPENED_AT
        .with(Cell::get)
        .map(|since| (now_ms() - since) / 1000.0)
}

/// Locks when the tab was hidden longer than the grace (kiosk mode, no picker open within its
/// limit: the tick locks a picker left open too long).
fn check_hidden(state: AppState, since: Option<f64>) {
    let Some(since) = since else {
        return;
    };
    if state.kiosk.get_untracked()
        && picker_open_for().is_none()
        && armed(state)
        && now_ms() - since > HIDDEN_GRACE_SECONDS * 1000.0
    {
        crate::page::components::lock_quietly(state);
    }
}

fn tick(state: AppState) {
    if !state.kiosk.get_untracked() || !armed(state) {
        state.countdown.set(None);
        return;
    }
    if let Some(open_for) = picker_open_for() {
        if open_for > PICKER_MAX_SECONDS.min(state.idle_seconds) as f64 {
            PICKER_OPENED_AT.with(|p| p.set(None));
            crate::page::components::lock_quietly(state);
        } else {
            LAST_ACTIVITY.with(|t| t.set(now_ms()));
            state.countdown.set(None);
        }
        return;
    }
    if let Some(since) = HIDDEN_SINCE.with(Cell::get) {
        // Timers of hidden tabs are slowed down, not stopped: this catches a tab left hidden.
        let still_hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        if still_hidden {
            check_hidden(state, Some(since));
            return;
        }
    }
    let idle = (now_ms() - LAST_ACTIVITY.with(Cell::get)) / 1000.0;
    let left = state.idle_seconds - idle as i64;
    if left <= 0 {
        state.countdown.set(None);
        crate::page::components::lock_quietly(state);
    } else if left <= COUNTDOWN_SECONDS.min(state.idle_seconds / 2) {
        state.countdown.set(Some(left));
    } else if state.countdown.get_untracked().is_some() {
        state.countdown.set(None);
    }
}
