//! Setting up hidden documents: a part of the wallet opened by a second secret. With the usual
//! secret nothing shows that it exists; setting one up never touches one made before.

use leptos::prelude::*;

use crate::texts::{keys, tr};
use pde_web::page::components::{Alert, Glyph, Icon};
use pde_web::page::state::{AppState, Screen};
use pde_web::protocol::{Command, Failure, Reply, Secret};

/// Choose the hidden part's secret (twice), then set it up.
#[component]
pub fn HiddenPage() -> impl IntoView {
    let state = AppState::get();
    let secret = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        if secret.get_untracked() != repeat.get_untracked() {
            error.set(Some(crate::texts::t(state, keys::CREATE_SECRET_MISMATCH)));
            return;
        }
        let Some(wallet) = state.wallet.get_untracked() else {
            return;
        };
        busy.set(true);
        let command = Command::CreateHidden {
            login: wallet.wallet_number,
            secret: Secret::new(secret.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(command).await;
            busy.set(false);
            match result {
                Ok(Reply::Done) => {
                    secret.set(String::new());
                    repeat.set(String::new());
                    done.set(true);
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <section class="page narrow">
            <button class="button link" on:click=move |_| state.screen.set(Screen::Wallet)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK_TO_WALLET)}</span>
            </button>
            <h1 tabindex="-1">
                <Glyph icon=Icon::Key/>
                <span>{tr(keys::HIDDEN_TITLE)}</span>
            </h1>
            <p class="lead">{tr(keys::HIDDEN_LEAD)}</p>
            <p class="warning">
                <Glyph icon=Icon::Warning/>
                <span>{tr(keys::HIDDEN_WARNING)}</span>
            </p>
            <Show
                when=move || done.get()
                fallback=move || view! {
                    <form on:submit=submit>
                        <label for="hidden-secret">{tr(keys::HIDDEN_SECRET_LABEL)}</label>
                        <input
                            id="hidden-secret"
                            type="password"
                            autocomplete="off"
                            required
                            prop:value=move || secret.get()
                            on:input=move |ev| secret.set(event_target_value(&ev))
                        />
                        <label for="hidden-secret-repeat">{tr(keys::HIDDEN_SECRET_REPEAT)}</label>
                        <input
                            id="hidden-secret-repeat"
                            type="password"
                            autocomplete="off"
                            required
                            prop:value=move || repeat.get()
                            on:input=move |ev| repeat.set(event_target_value(&ev))
                        />
                        <Alert message=Signal::derive(move || error.get())/>
                        <button id="hidden-submit" class="button big primary" type="submit" disabled=move || busy.get()>
                            <Glyph icon=Icon::Key/>
                            <span>{tr(keys::HIDDEN_SUBMIT)}</span>
                        </button>
                    </form>
                }
            >
                <p class="notice" role="status" id="hidden-done">
                    <Glyph icon=Icon::Check/>
                    <span>{tr(keys::HIDDEN_DONE)}</span>
                </p>
            </Show>
        </section>
    }
}
