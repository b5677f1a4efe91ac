//! "Security": what the holder can do when someone may have seen or used the wallet. Every
//! action here needs the open session, so a time-locked wallet offers none of them.

use leptos::prelude::*;

use crate::texts::{keys, tr};
use pde_web::page::components::{Alert, Glyph, Icon};
use pde_web::page::state::{AppState, Screen};
use pde_web::protocol::{Command, Failure, Reply, Secret};

/// The wallet's security actions, one section each.
#[component]
pub fn SecurityPage() -> impl IntoView {
    let state = AppState::get();
    let busy = RwSignal::new(false);
    let ended = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let end_others = move |_| {
        error.set(None);
        ended.set(false);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(Command::EndOtherSessions).await;
            busy.set(false);
            match result {
                Ok(Reply::Done) => ended.set(true),
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
                <Glyph icon=Icon::Shield/>
                <span>{tr(keys::SECURITY_TITLE)}</span>
            </h1>
            <p class="lead">{tr(keys::SECURITY_LEAD)}</p>
            <section class="panel" aria-labelledby="security-sessions-title">
                <h2 id="security-sessions-title">{tr(keys::SECURITY_SESSIONS_TITLE)}</h2>
                <p>{tr(keys::SECURITY_SESSIONS_TEXT)}</p>
                <Alert message=Signal::derive(move || error.get())/>
                <Show when=move || ended.get()>
                    <p id="security-end-others-done" class="notice" role="status">
                        <Glyph icon=Icon::Check/>
                        <span>{tr(keys::SECURITY_END_OTHERS_DONE)}</span>
                    </p>
                </Show>
                <button
                    id="security-end-others"
                    class="button big"
                    disabled=move || busy.get()
                    on:click=end_others
                >
                    <Glyph icon=Icon::Lock/>
                    <span>{tr(keys::SECURITY_END_OTHERS)}</span>
                </button>
            </section>
            <ChangeSecret/>
            <crate::sheet::SheetPanel/>
            <section class="panel" aria-labelledby="security-take-title">
                <h2 id="security-take-title">{tr(keys::SECURITY_TAKE_TITLE)}</h2>
                <p>{tr(keys::SECURITY_TAKE_TEXT)}</p>
                <div class="actions">
                    <button id="security-export" class="button big" on:click=move |_| state.screen.set(Screen::Export)>
                        <Glyph icon=Icon::Download/>
                        <span>{tr(keys::SECURITY_EXPORT)}</span>
                    </button>
                    <button id="security-import" class="button" on:click=move |_| state.screen.set(Screen::Import)>
                        <Glyph icon=Icon::Add/>
                        <span>{tr(keys::SECURITY_IMPORT)}</span>
                    </button>
                </div>
            </section>
            <crate::erase::ErasePanel/>
        </section>
    }
}

/// "Change my secret": the current secret, the new one twice, and whether every link stops
/// too. Every other session ends; the recovery sheet stays valid.
#[component]
fn ChangeSecret() -> impl IntoView {
    let state = AppState::get();
    let current = RwSignal::new(String::new());
    let new_secret = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let end_links = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // Whether the links were stopped, once done.
    let done = RwSignal::new(None::<bool>);
    let error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(None);
        if new_secret.get_untracked() != repeat.get_untracked() {
            error.set(Some(state.t(keys::CREATE_SECRET_MISMATCH)));
            return;
        }
        let Some(wallet) = state.wallet.get_untracked() else {
            return;
        };
        let links = end_links.get_untracked();
        let command = Command::ChangeSecret {
            login: wallet.wallet_number,
            current: Secret::new(current.get_untracked()),
            new_secret: Secret::new(new_secret.get_untracked()),
            end_links: links,
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(command).await;
            busy.set(false);
            match result {
                Ok(Reply::Done) => {
                    for field in [current, new_secret, repeat] {
                        field.set(String::new());
                    }
                    end_links.set(false);
                    done.set(Some(links));
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <section class="panel" aria-labelledby="security-secret-title">
            <h2 id="security-secret-title">{tr(keys::SECURITY_SECRET_TITLE)}</h2>
            <p>{tr(keys::SECURITY_SECRET_TEXT)}</p>
            <form on:submit=submit>
                <label for="current-secret">{tr(keys::SECURITY_SECRET_CURRENT)}</label>
                <input
                    id="current-secret"
                    type="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || current.get()
                    on:input=move |ev| current.set(event_target_value(&ev))
                />
                <label for="changed-secret">{tr(keys::SECURITY_SECRET_NEW)}</label>
                <p class="hint" id="changed-secret-hint">{tr(keys::SECURITY_SECRET_HINT)}</p>
                <input
                    id="changed-secret"
                    type="password"
                    autocomplete="new-password"
                    aria-describedby="changed-secret-hint"
                    required
                    prop:value=move || new_secret.get()
                    on:input=move |ev| new_secret.set(event_target_value(&ev))
                />
                <label for="changed-secret-repeat">{tr(keys::CREATE_SECRET_REPEAT_LABEL)}</label>
                <input
                    id="changed-secret-repeat"
                    type="password"
                    autocomplete="new-password"
                    required
                    prop:value=move || repeat.get()
                    on:input=move |ev| repeat.set(event_target_value(&ev))
                />
                <label class="option" for="changed-secret-end-links">
                    <input
                        id="changed-secret-end-links"
                        type="checkbox"
                        prop:checked=move || end_links.get()
                        on:change=move |ev| end_links.set(event_target_checked(&ev))
                    />
                    <span>{tr(keys::SECURITY_SECRET_END_LINKS)}</span>
                </label>
                <Alert message=Signal::derive(move || error.get())/>
                <Show when=move || done.get().is_some()>
                    <p id="security-secret-done" class="notice" role="status">
                        <Glyph icon=Icon::Check/>
                        <span>
                            {move || {
                                let mut text = crate::texts::t(state, keys::SECURITY_SECRET_DONE);
                                if done.get() == Some(true) {
                                    text.push(' ');
                                    text.push_str(&crate::texts::t(state, keys::SECURITY_SECRET_LINKS_ENDED));
                                }
                                text
                            }}
                        </span>
                    </p>
                </Show>
                <button
                    id="security-secret-submit"
                    class="button big primary"
                    type="submit"
                    disabled=move || busy.get()
                >
                    <Glyph icon=Icon::Key/>
                    <span>
                        {move || {
                            if busy.get() {
                                crate::texts::t(state, keys::SECURITY_SECRET_WORKING)
                            } else {
                                crate::texts::t(state, keys::SECURITY_SECRET_SUBMIT)
                            }
                        }}
                    </span>
                </button>
            </form>
        </section>
    }
}
