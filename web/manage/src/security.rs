//! "Security": what the holder can do when someone may have seen or used the wallet. Every
//! action here needs the open session, so a time-locked wallet offers none of them.

use leptos::prelude::*;

use pde_web::i18n::keys;
use pde_web::page::components::{Alert, Glyph, Icon};
use pde_web::page::state::{tr, AppState, Screen};
use pde_web::protocol::{Command, Failure, Reply};

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
        </section>
    }
}
