//! The holder's "shared" screen: every grant link with its documents, state, time left and
//! access log; stopping one takes one action (and a confirmation). To give more time, the
//! holder makes a new link.

use leptos::prelude::*;
use pde_api::GrantState;

use crate::texts::{keys, tr};
use pde_web::page::components::{Alert, Glyph, Icon};
use pde_web::page::state::{AppState, Screen};
use pde_web::protocol::{Command, Failure, GrantView, Reply};

fn load(
    state: AppState,
    grants: RwSignal<Option<Vec<GrantView>>>,
    error: RwSignal<Option<String>>,
) {
    leptos::task::spawn_local(async move {
        match crate::relay::ask(Command::Grants).await {
            Ok(Reply::Grants(list)) => grants.set(Some(list)),
            Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
            Err(failure) => error.set(state.fail(failure)),
        }
    });
}

/// The words and pictogram of a state (never colour alone).
fn state_words(state: GrantState) -> (&'static str, Icon) {
    match state {
        GrantState::Active => (keys::GRANT_STATE_ACTIVE, Icon::Check),
        GrantState::Incomplete => (keys::GRANT_STATE_INCOMPLETE, Icon::Clock),
        GrantState::Expired => (keys::GRANT_STATE_EXPIRED, Icon::Clock),
        GrantState::Revoked => (keys::GRANT_STATE_REVOKED, Icon::Lock),
        GrantState::UsedUp => (keys::GRANT_STATE_USED_UP, Icon::Eye),
        GrantState::Burned => (keys::GRANT_STATE_BURNED, Icon::Warning),
    }
}

/// The shared screen.
#[component]
pub fn GrantsPage() -> impl IntoView {
    let state = AppState::get();
    let grants = RwSignal::new(None::<Vec<GrantView>>);
    let error = RwSignal::new(None::<String>);
    load(state, grants, error);
    view! {
        <section class="page wide">
            <button id="back" class="button link" on:click=move |_| state.screen.set(Screen::Wallet)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK_TO_WALLET)}</span>
            </button>
            <h1 tabindex="-1">
                <Glyph icon=Icon::Share/>
                <span>{tr(keys::GRANTS_TITLE)}</span>
            </h1>
            <Alert message=Signal::derive(move || error.get())/>
            <div class="actions">
                <button id="grants-new" class="button primary" on:click=move |_| state.screen.set(Screen::Share)>
                    <Glyph icon=Icon::Create/>
                    <span>{tr(keys::GRANTS_NEW)}</span>
                </button>
            </div>
            {move || match grants.get() {
                None => view! { <p role="status">{tr(keys::GRANTS_LOADING)}</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p>{tr(keys::GRANTS_EMPTY)}</p> }.into_any(),
                Some(list) => view! {
                    <ul class="grants" role="list" id="grants">
                        {list
                            .into_iter()
                            .map(|grant| view! { <GrantCard grant=grant grants=grants error=error/> })
                            .collect_view()}
                    </ul>
                }
                    .into_any(),
            }}
        </section>
    }
}

#[component]
fn GrantCard(
    grant: GrantView,
    grants: RwSignal<Option<Vec<GrantView>>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = AppState::get();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let (state_key, state_icon) = state_words(grant.state);
    let live = matches!(grant.state, GrantState::Active | GrantState::Incomplete);
    let expires_at = grant.expires_at;
    let created_at = grant.created_at;
    let opened = grant.opened_at.clone();
    let opened_count = opened.len();
    let max = grant.max_openings;
    let label = if grant.label.is_empty() {
        None
    } else {
        Some(grant.label.clone())
    };
    let grant_id = grant.grant_id.clone();
    let revoke = move |_| {
        busy.set(true);
        let grant_id = grant_id.clone();
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(Command::Revoke { grant_id }).await;
            busy.set(false);
            confirming.set(false);
            match result {
                Ok(_) => load(state, grants, error),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };
    view! {
        <li class="grant" data-state=grant.state.as_str()>
            <h2 dir="auto">
                {match label {
                    Some(text) => text,
                    None => crate::texts::t(state, keys::GRANTS_NO_LABEL),
                }}
            </h2>
            <p class="grant-state">
                <Glyph icon=state_icon/>
                <strong>{tr(state_key)}</strong>
                {live.then(|| view! {
                    <span>" · " {move || crate::texts::t_with(state, keys::GRANT_TIME_LEFT, &[("left", state.time_left(expires_at).into())])}</span>
                })}
            </p>
            <p class="hint">
                {move || crate::texts::t_with(state, keys::GRANT_CREATED, &[("time", state.date_time(created_at).into())])}
                " · "
                {move || crate::texts::t_with(state, keys::GRANT_UNTIL, &[("time", state.date_time(expires_at).into())])}
                {grant.has_pin.then(|| view! { " · " {tr(keys::GRANT_HAS_PIN)} })}
            </p>
            <ul class="grant-docs">
                {grant.documents.iter().map(|name| view! { <li dir="auto">{name.clone()}</li> }).collect_view()}
            </ul>
            <p class="grant-openings">
                <Glyph icon=Icon::Eye/>
                <span>
                    {move || match max {
                        Some(max) => crate::texts::t_with(state,
                            keys::GRANT_OPENED_OF,
                            &[("count", opened_count.into()), ("max", max.into())],
                        ),
                        None => crate::texts::t_with(state, keys::GRANT_OPENED, &[("count", opened_count.into())]),
                    }}
                </span>
            </p>
            <Show when={let n = opened_count; move || n > 0}>
                <details>
                    <summary>{tr(keys::GRANT_LOG)}</summary>
                    <ul class="grant-log">
                        {opened.iter().map(|at| { let at = *at; view! { <li>{move || state.date_time(at)}</li> } }).collect_view()}
                    </ul>
                </details>
            </Show>
            {live.then(|| view! {
                <div class="actions">
                    <button class="button danger grant-revoke" on:click=move |_| confirming.set(true)>
                        <Glyph icon=Icon::Lock/>
                        <span>{tr(keys::GRANT_REVOKE)}</span>
                    </button>
                </div>
                <Show when=move || confirming.get()>
                    <div class="confirm" role="alertdialog" aria-modal="false" aria-label=tr(keys::GRANT_REVOKE_CONFIRM)>
                        <p>{tr(keys::GRANT_REVOKE_CONFIRM)}</p>
                        <div class="actions">
                            <button class="button danger grant-revoke-yes" disabled=move || busy.get() on:click=revoke.clone()>
                                <Glyph icon=Icon::Lock/>
                                <span>{tr(keys::GRANT_REVOKE_YES)}</span>
                            </button>
                            <button class="button" on:click=move |_| confirming.set(false)>
                                <Glyph icon=Icon::Back/>
                                <span>{tr(keys::DELETE_NO)}</span>
                            </button>
                        </div>
                    </div>
                </Show>
            })}
        </li>
    }
}
