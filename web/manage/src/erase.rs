//! "End my wallet" (GDPR art. 17): after the secret and a plain confirmation, everything the
//! server holds of the open part goes — of the everyday part, its hidden parts too. What is
//! shown and said is the same whatever the wallet held: no count of documents or bytes.

use leptos::prelude::*;

use crate::texts::{keys, tr};
use pde_web::page::components::{Alert, Glyph, Icon};
use pde_web::page::managed::exits;
use pde_web::page::state::{AppState, Screen};
use pde_web::protocol::{Command, Failure, Reply, Secret};

/// The security screen's last panel: what ending means, then the secret and the confirmation.
#[component]
pub fn ErasePanel() -> impl IntoView {
    let state = AppState::get();
    let asked = RwSignal::new(false);
    let secret = RwSignal::new(String::new());
    let understood = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(wallet) = state.wallet.get_untracked() else {
            return;
        };
        if !understood.get_untracked() {
            return;
        }
        error.set(None);
        busy.set(true);
        let command = Command::EraseWallet {
            login: wallet.wallet_number,
            secret: Secret::new(secret.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(command).await;
            busy.set(false);
            match result {
                Ok(Reply::Done) => {
                    secret.set(String::new());
                    crate::relay::leave(exits::ERASED);
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <section class="panel" aria-labelledby="security-erase-title">
            <h2 id="security-erase-title">{tr(keys::SECURITY_ERASE_TITLE)}</h2>
            <p>{tr(keys::SECURITY_ERASE_TEXT)}</p>
            <Show when=move || !asked.get()>
                <button id="security-erase" class="button danger" on:click=move |_| {
                    asked.set(true);
                    // The last check comes into view with the focus on its first field.
                    request_animation_frame(|| focus_by_id("erase-secret"));
                }>
                    <Glyph icon=Icon::Delete/>
                    <span>{tr(keys::SECURITY_ERASE_START)}</span>
                </button>
            </Show>
            <Show when=move || asked.get()>
                <form class="confirm" role="alertdialog" aria-labelledby="security-erase-confirm" on:submit=confirm>
                    <p id="security-erase-confirm">{tr(keys::SECURITY_ERASE_CONFIRM)}</p>
                    <label for="erase-secret">{tr(keys::UNLOCK_SECRET_LABEL)}</label>
                    <input
                        id="erase-secret"
                        type="password"
                        autocomplete="current-password"
                        required
                        prop:value=move || secret.get()
                        on:input=move |ev| secret.set(event_target_value(&ev))
                    />
                    <label class="option" for="erase-understood">
                        <input
                            id="erase-understood"
                            type="checkbox"
                            prop:checked=move || understood.get()
                            on:change=move |ev| understood.set(event_target_checked(&ev))
                        />
                        <span>{tr(keys::SECURITY_ERASE_UNDERSTOOD)}</span>
                    </label>
                    <Alert message=Signal::derive(move || error.get())/>
                    <div class="actions">
                        <button
                            id="erase-yes"
                            class="button danger"
                            type="submit"
                            disabled=move || busy.get() || !understood.get()
                        >
                            <Glyph icon=Icon::Delete/>
                            <span>{tr(keys::SECURITY_ERASE_YES)}</span>
                        </button>
                        <button
                            id="erase-no"
                            class="button"
                            type="button"
                            on:click=move |_| {
                                asked.set(false);
                                understood.set(false);
                                secret.set(String::new());
                                error.set(None);
                            }
                        >
                            <Glyph icon=Icon::Back/>
                            <span>{tr(keys::SECURITY_ERASE_NO)}</span>
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}

fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(field) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = field.focus();
    }
}

/// The wallet was ended: said plainly, and the way back to the first screen.
#[component]
pub fn ErasedPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="page narrow">
            <h1 tabindex="-1" id="erased-title">
                <Glyph icon=Icon::Check/>
                <span>{tr(keys::ERASED_TITLE)}</span>
            </h1>
            <p class="lead">{tr(keys::ERASED_TEXT)}</p>
            <button id="erased-start" class="button big primary" on:click=move |_| state.screen.set(Screen::Start)>
                <Glyph icon=Icon::Open/>
                <span>{tr(keys::ERASED_START)}</span>
            </button>
        </section>
    }
}
