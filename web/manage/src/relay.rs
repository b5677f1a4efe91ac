//! Commands to the page's vault, through the relay the page handed over at mount
//! (`pde_web::page::managed`): the same messages the page's own screens send.

use std::cell::RefCell;

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use pde_web::protocol::{self, Command, Failure, Progress, Reply};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

thread_local! {
    static RELAY: RefCell<Option<Function>> = const { RefCell::new(None) };
    static LEAVE: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Keeps the page's relay and its `leave` for the screen being mounted.
pub fn set(relay: Function, leave: Function) {
    RELAY.with(|r| *r.borrow_mut() = Some(relay));
    LEAVE.with(|l| *l.borrow_mut() = Some(leave));
}

/// Tells the page to take over at `exit` (`pde_web::page::managed::exits`).
pub fn leave(exit: &str) {
    if let Some(leave) = LEAVE.with(|l| l.borrow().clone()) {
        let _ = leave.call1(&JsValue::NULL, &exit.into());
    }
}

/// A failure of the browser's own machinery, for the console.
pub fn unexpected(error: impl std::fmt::Debug) -> Failure {
    Failure::Unexpected {
        detail: format!("{error:?}"),
    }
}

/// Lets the browser draw (a progress bar) before a long piece of work.
pub async fn breathe() {
    pause(20).await;
}

pub use pde_web::page::state::pause;

/// Sends `command` (with `file`) and waits for the answer and its attachment; `progress` hears
/// about long work.
pub async fn call(
    command: Command,
    file: Option<web_sys::File>,
    progress: Option<Box<dyn Fn(Progress)>>,
) -> Result<(Reply, Option<web_sys::Blob>), Failure> {
    let relay = RELAY
        .with(|r| r.borrow().clone())
        .ok_or_else(|| unexpected("no relay"))?;
    // The bytes may hold a typed secret: the page wipes its copy once read, this one here.
    let bytes = Zeroizing::new(protocol::encode(&command).map_err(unexpected)?);
    let progress: JsValue = match progress {
        Some(report) => Closure::<dyn Fn(Uint8Array)>::new(move |step: Uint8Array| {
            if let Some(step) = protocol::decode::<Progress>(&step.to_vec()) {
                report(step);
            }
        })
        .into_js_value(),
        None => JsValue::UNDEFINED,
    };
    let file: JsValue = file.map(Into::into).unwrap_or(JsValue::UNDEFINED);
    let promise = relay
        .call3(
            &JsValue::NULL,
            &Uint8Array::from(bytes.as_slice()),
            &file,
            &progress,
        )
        .and_then(|p| p.dyn_into::<Promise>())
        .map_err(unexpected)?;
    let answer: Object = JsFuture::from(promise)
        .await
        .and_then(|a| a.dyn_into())
        .map_err(unexpected)?;
    // A reply may hold a secret too (a new sheet's key): its bytes are wiped once read.
    let reply = Reflect::get(&answer, &"reply".into())
        .ok()
        .and_then(|r| r.dyn_into::<Uint8Array>().ok())
        .and_then(|r| {
            let bytes = Zeroizing::new(r.to_vec());
            r.fill(0, 0, r.length());
            protocol::decode::<Reply>(&bytes)
        })
        .ok_or_else(Failure::unexpected_reply)?;
    let blob = Reflect::get(&answer, &"blob".into())
        .ok()
        .and_then(|b| b.dyn_into::<web_sys::Blob>().ok());
    match reply {
        Reply::Failed(failure) => Err(failure),
        reply => Ok((reply, blob)),
    }
}

/// Sends `command` and expects no attachment.
pub async fn ask(command: Command) -> Result<Reply, Failure> {
    call(command, None, None).await.map(|(reply, _)| reply)
}

/// Progress of long work over documents: a bar and "3 of 20" ("preparing…" before the count is
/// known), announced politely.
#[leptos::component]
pub fn ProgressRow(
    /// The bar's id.
    id: &'static str,
    /// Documents done and in all, while the work runs.
    progress: leptos::prelude::RwSignal<Option<(u32, u32)>>,
) -> impl leptos::IntoView {
    use crate::texts::keys;
    use leptos::prelude::*;
    let state = pde_web::page::state::AppState::get();
    move || {
        progress.get().map(|(done, total)| {
            view! {
                <div class="progress-row" role="status">
                    <progress id=id max=total.max(1) value=done></progress>
                    <span>
                        {move || if total == 0 {
                            crate::texts::t(state, keys::EXPORT_PREPARING)
                        } else {
                            crate::texts::t_with(state, keys::EXPORT_PROGRESS, &[("done", done.into()), ("total", total.into())])
                        }}
                    </span>
                </div>
            }
        })
    }
}
