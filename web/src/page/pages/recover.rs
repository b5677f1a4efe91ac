//! A forgotten secret: open the wallet with the recovery sheet and choose a new secret. Every
//! other open session of the wallet ends.

use leptos::prelude::*;

use crate::i18n::keys;
use crate::page::components::{Alert, Glyph, Icon};
use crate::page::state::{tr, AppState, Screen};
use crate::protocol::{Command, Failure, Reply, Secret};

/// Recover with the recovery key.
#[component]
pub fn RecoverPage() -> impl IntoView {
    let state = AppState::get();
    let login = RwSignal::new(String::new());
    let recovery_key = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if secret.get_untracked() != repeat.get_untracked() {
            error.set(Some(state.t(keys::CREATE_SECRET_MISMATCH)));
            return;
        }
        busy.set(true);
        error.set(None);
        let command = Command::Recover {
            login: login.get_untracked(),
            recovery_key: Secret::new(recovery_key.get_untracked()),
            new_secret: Secret::new(secret.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = crate::page::vault_client::ask(command).await;
            busy.set(false);
            match result {
                Ok(Reply::Unlocked { wallet }) => {
                    recovery_key.set(String::new());
                    secret.set(String::new());
                    repeat.set(String::new());
                    state.notice.set(None);
                    state.wallet.set(Some(wallet));
                    state.expiry_notice.set(true);
                    state.screen.set(Screen::Wallet);
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(Some(state.failure_text(&failure))),
            }
        });
    };

    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Key/>
                <span>{tr(keys::RECOVER_TITLE)}</span>
            </h1>
            <p class="lead">{tr(keys::RECOVER_LEAD)}</p>
            <form on:submit=submit>
                <label for="recover-login">{tr(keys::UNLOCK_LOGIN_LABEL)}</label>
                <input
                    id="recover-login"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    required
                    prop:value=move || login.get()
                    on:input=move |ev| login.set(event_target_value(&ev))
                />
                <label for="recovery-key-input">{tr(keys::RECOVER_KEY_LABEL)}</label>
                <p class="hint" id="recovery-key-hint">{tr(keys::RECOVER_KEY_HINT)}</p>
                <input
                    id="recovery-key-input"
                    type="text"
                    dir="ltr"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby="recovery-key-hint"
                    required
                    prop:value=move || recovery_key.get()
                    on:input=move |ev| recovery_key.set(event_target_value(&ev))
                />
                <label for="new-secret">{tr(keys::RECOVER_NEW_SECRET_LABEL)}</label>
                <input
                    id="new-secret"
                    type="password"
                    autocomplete="new-password"
                    required
                    prop:value=move || secret.get()
                    on:input=move |ev| secret.set(event_target_value(&ev))
                />
                <label for="new-secret-repeat">{tr(keys::CREATE_SECRET_REPEAT_LABEL)}</label>
                <input
                    id="new-secret-repeat"
                    type="password"
                    autocomplete="new-password"
                    required
                    prop:value=move || repeat.get()
                    on:input=move |ev| repeat.set(event_target_value(&ev))
                />
                <Alert message=Signal::derive(move || error.get())/>
                <button id="recover-submit" class="button big primary" type="submit" disabled=move || busy.get()>
                    <Glyph icon=Icon::Key/>
                    <span>
                        {move || {
                            if busy.get() { state.t(keys::UNLOCK_WORKING) } else { state.t(keys::RECOVER_SUBMIT) }
                        }}
                    </span>
                </button>
            </form>
            <button class="button link" on:click=move |_| state.screen.set(Screen::Unlock)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK)}</span>
            </button>
        </section>
    }
}
