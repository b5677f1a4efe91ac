//! The page that confirms a time-lock, and the page a kiosk session ends on. (The screen
//! that sets the lock, "prepare my meeting", is a management screen: web/manage.)

use leptos::prelude::*;

use crate::i18n::keys;
use crate::page::components::{lock, Glyph, Icon};
use crate::page::state::{tr, AppState, Screen};

/// The wallet is time-locked: until when, and that links still work.
#[component]
pub fn TimeLockedPage(until: i64) -> impl IntoView {
    let state = AppState::get();
    let finish = move |_| {
        if state.kiosk.get_untracked() {
            lock(state);
        } else {
            state.screen.set(Screen::Start);
        }
    };
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Lock/>
                <span>{tr(keys::TIME_LOCKED_TITLE)}</span>
            </h1>
            <p class="lead" id="time-locked-until">
                {move || state.t_with(keys::TIME_LOCKED_UNTIL, &[("time", state.date_time(until).into())])}
            </p>
            <p>{tr(keys::TIME_LOCKED_LINKS)}</p>
            <button id="time-locked-done" class="button big primary" on:click=finish>
                <Glyph icon=Icon::Check/>
                <span>{tr(keys::TIME_LOCKED_DONE)}</span>
            </button>
        </section>
    }
}

/// A kiosk session ended: what was wiped, in plain words.
#[component]
pub fn EndedPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="page narrow">
            <h1 tabindex="-1" id="ended-title">
                <Glyph icon=Icon::Lock/>
                <span>{tr(keys::ENDED_TITLE)}</span>
            </h1>
            <ul class="wiped" id="ended-list">
                <li><Glyph icon=Icon::Key/><span>{tr(keys::ENDED_KEYS)}</span></li>
                <li><Glyph icon=Icon::Eye/><span>{tr(keys::ENDED_DOCUMENTS)}</span></li>
                <li><Glyph icon=Icon::Check/><span>{tr(keys::ENDED_SERVER)}</span></li>
            </ul>
            <p class="lead">{tr(keys::ENDED_ADVICE)}</p>
            <button id="ended-again" class="button big primary" on:click=move |_| state.screen.set(Screen::Language)>
                <Glyph icon=Icon::Open/>
                <span>{tr(keys::ENDED_AGAIN)}</span>
            </button>
        </section>
    }
}

/// After the panic key or an idle lock in kiosk mode: nothing that names PDE, a wallet or
/// documents, nothing announced; a small way to start for the next person.
#[component]
pub fn NeutralPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="page narrow neutral">
            <button id="neutral-start" class="button link" on:click=move |_| state.screen.set(Screen::Language)>
                {tr(keys::NEUTRAL_START)}
            </button>
        </section>
    }
}
