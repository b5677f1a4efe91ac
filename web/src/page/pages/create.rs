//! Create a wallet: anonymous (number only) or with a pseudonym; a passphrase or a PIN.

use leptos::prelude::*;

use crate::i18n::keys;
use crate::page::components::{Alert, Glyph, Icon};
use crate::page::state::{tr, AppState, Screen};
use crate::page::vault_client::vault;
use crate::protocol::{Command, Failure, Reply, Secret};

/// Create a wallet.
#[component]
pub fn CreatePage() -> impl IntoView {
    let state = AppState::get();
    let with_pseudonym = RwSignal::new(false);
    let pseudonym = RwSignal::new(String::new());
    let use_pin = RwSignal::new(false);
    let secret = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let invite = RwSignal::new(String::new());
    let invite_needed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    leptos::task::spawn_local(async move {
        if let Ok(vault) = vault() {
            if let Ok(Reply::ServerInfo(info)) = vault.ask(Command::ServerInfo).await {
                invite_needed.set(info.creation_mode == pde_api::CreationMode::Invite);
            }
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if secret.get_untracked() != repeat.get_untracked() {
            error.set(Some(state.t(keys::CREATE_SECRET_MISMATCH)));
            return;
        }
        let digits_only = secret.get_untracked().chars().all(|c| c.is_ascii_digit());
        if use_pin.get_untracked() && !digits_only {
            error.set(Some(state.t(keys::CREATE_PIN_DIGITS_ONLY)));
            return;
        }
        busy.set(true);
        error.set(None);
        let command = Command::Create {
            pseudonym: with_pseudonym
                .get_untracked()
                .then(|| pseudonym.get_untracked()),
            secret: Secret::new(secret.get_untracked()),
            invite_code: invite_needed
                .get_untracked()
                .then(|| invite.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = crate::page::vault_client::ask(command).await;
            busy.set(false);
            match result {
                Ok(Reply::Created {
                    wallet,
                    recovery_key,
                }) => {
                    secret.set(String::new());
                    repeat.set(String::new());
                    state.wallet.set(Some(wallet));
                    state.screen.set(Screen::Created { recovery_key });
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Create/>
                <span>{tr(keys::CREATE_TITLE)}</span>
            </h1>
            <form on:submit=submit>
                <fieldset>
                    <legend>{tr(keys::CREATE_NAME_LEGEND)}</legend>
                    <label class="option">
                        <input
                            type="radio"
                            name="kind"
                            id="kind-number"
                            prop:checked=move || !with_pseudonym.get()
                            on:change=move |_| with_pseudonym.set(false)
                        />
                        <span>
                            <strong>{tr(keys::CREATE_NAME_NUMBER)}</strong>
                            <span class="hint">{tr(keys::CREATE_NAME_NUMBER_HINT)}</span>
                        </span>
                    </label>
                    <label class="option">
                        <input
                            type="radio"
                            name="kind"
                            id="kind-pseudonym"
                            prop:checked=move || with_pseudonym.get()
                            on:change=move |_| with_pseudonym.set(true)
                        />
                        <span>
                            <strong>{tr(keys::CREATE_NAME_PSEUDONYM)}</strong>
                            <span class="hint">{tr(keys::CREATE_NAME_PSEUDONYM_HINT)}</span>
                        </span>
                    </label>
                    <Show when=move || with_pseudonym.get()>
                        <label for="pseudonym">{tr(keys::CREATE_PSEUDONYM_LABEL)}</label>
                        <input
                            id="pseudonym"
                            type="text"
                            autocomplete="off"
                            maxlength="32"
                            required
                            prop:value=move || pseudonym.get()
                            on:input=move |ev| pseudonym.set(event_target_value(&ev))
                        />
                    </Show>
                </fieldset>
                <fieldset>
                    <legend>{tr(keys::CREATE_SECRET_LEGEND)}</legend>
                    <label class="option">
                        <input
                            type="radio"
                            name="secret-kind"
                            id="kind-passphrase"
                            prop:checked=move || !use_pin.get()
                            on:change=move |_| use_pin.set(false)
                        />
                        <span>
                            <strong>{tr(keys::CREATE_SECRET_PASSPHRASE)}</strong>
                            <span class="hint">{tr(keys::CREATE_SECRET_PASSPHRASE_HINT)}</span>
                        </span>
                    </label>
                    <label class="option">
                        <input
                            type="radio"
                            name="secret-kind"
                            id="kind-pin"
                            prop:checked=move || use_pin.get()
                            on:change=move |_| use_pin.set(true)
                        />
                        <span>
                            <strong>{tr(keys::CREATE_SECRET_PIN)}</strong>
                            <span class="hint">{tr(keys::CREATE_SECRET_PIN_HINT)}</span>
                        </span>
                    </label>
                    <Show when=move || use_pin.get()>
                        <div class="warning" role="note">
                            <Glyph icon=Icon::Warning/>
                            <p>{tr(keys::CREATE_PIN_WARNING)}</p>
                        </div>
                    </Show>
                    <label for="secret">{tr(keys::CREATE_SECRET_LABEL)}</label>
                    <input
                        id="secret"
                        type="password"
                        autocomplete="new-password"
                        inputmode=move || if use_pin.get() { "numeric" } else { "text" }
                        required
                        prop:value=move || secret.get()
                        on:input=move |ev| secret.set(event_target_value(&ev))
                    />
                    <label for="secret-repeat">{tr(keys::CREATE_SECRET_REPEAT_LABEL)}</label>
                    <input
                        id="secret-repeat"
                        type="password"
                        autocomplete="new-password"
                        inputmode=move || if use_pin.get() { "numeric" } else { "text" }
                        required
                        prop:value=move || repeat.get()
                        on:input=move |ev| repeat.set(event_target_value(&ev))
                    />
                </fieldset>
                <Show when=move || invite_needed.get()>
                    <label for="invite">{tr(keys::CREATE_INVITE_LABEL)}</label>
                    <input
                        id="invite"
                        type="text"
                        autocomplete="off"
                        required
                        prop:value=move || invite.get()
                        on:input=move |ev| invite.set(event_target_value(&ev))
                    />
                </Show>
                <Alert message=Signal::derive(move || error.get())/>
                <button id="create-submit" class="button big primary" type="submit" disabled=move || busy.get()>
                    <Glyph icon=Icon::Create/>
                    <span>
                        {move || {
                            if busy.get() { state.t(keys::CREATE_WORKING) } else { state.t(keys::CREATE_SUBMIT) }
                        }}
                    </span>
                </button>
            </form>
            <button class="button link" on:click=move |_| state.screen.set(Screen::Start)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK)}</span>
            </button>
        </section>
    }
}
