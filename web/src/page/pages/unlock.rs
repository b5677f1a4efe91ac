//! Open the wallet with its number (or pseudonym) and secret.

use leptos::prelude::*;

use crate::i18n::keys;
use crate::page::components::{Alert, Glyph, Icon};
use crate::page::state::{tr, AppState, Screen};
use crate::protocol::{Command, Failure, Reply, Secret};

/// Open a wallet.
#[component]
pub fn UnlockPage() -> impl IntoView {
    let state = AppState::get();
    let login = RwSignal::new(
        state
            .wallet
            .get_untracked()
            .map(|w| w.wallet_number)
            .or_else(|| state.remembered_login.get_untracked())
            .unwrap_or_default(),
    );
    let secret = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let notice = state.notice;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let command = Command::Unlock {
            login: login.get_untracked(),
            secret: Secret::new(secret.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = crate::page::vault_client::ask(command).await;
            busy.set(false);
            match result {
                Ok(Reply::Unlocked { wallet }) => {
                    secret.set(String::new());
                    notice.set(None);
                    state.opened(wallet);
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(Some(state.failure_text(&failure))),
            }
        });
    };

    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Open/>
                <span>{tr(keys::UNLOCK_TITLE)}</span>
            </h1>
            <Show when=move || notice.get().is_some()>
                <p class="notice" role="status">{move || notice.get().unwrap_or_default()}</p>
            </Show>
            <form on:submit=submit>
                <label for="login">{tr(keys::UNLOCK_LOGIN_LABEL)}</label>
                <p class="hint" id="login-hint">{tr(keys::UNLOCK_LOGIN_HINT)}</p>
                // After the lock button, the number comes back at a touch (not shown before).
                <Show when=move || state.offered_login.get().is_some() && login.get().is_empty()>
                    <button
                        id="offer-number"
                        class="button"
                        type="button"
                        on:click=move |_| login.set(state.offered_login.get_untracked().unwrap_or_default())
                    >
                        <Glyph icon=Icon::Back/>
                        <span>{tr(keys::UNLOCK_OFFER_NUMBER)}</span>
                    </button>
                </Show>
                <input
                    id="login"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby="login-hint"
                    required
                    prop:value=move || login.get()
                    on:input=move |ev| login.set(event_target_value(&ev))
                />
                <label for="secret">{tr(keys::UNLOCK_SECRET_LABEL)}</label>
                <input
                    id="secret"
                    type="password"
                    autocomplete="off"
                    required
                    prop:value=move || secret.get()
                    on:input=move |ev| secret.set(event_target_value(&ev))
                />
                <Alert message=Signal::derive(move || error.get())/>
                <button id="unlock-submit" class="button big primary" type="submit" disabled=move || busy.get()>
                    <Glyph icon=Icon::Open/>
                    <span>
                        {move || {
                            if busy.get() { state.t(keys::UNLOCK_WORKING) } else { state.t(keys::UNLOCK_SUBMIT) }
                        }}
                    </span>
                </button>
            </form>
            <button id="forgot" class="button link" on:click=move |_| state.screen.set(Screen::Recover)>
                <Glyph icon=Icon::Key/>
                <span>{tr(keys::UNLOCK_FORGOT)}</span>
            </button>
            <button class="button link" on:click=move |_| state.screen.set(Screen::Start)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK)}</span>
            </button>
        </section>
    }
}
