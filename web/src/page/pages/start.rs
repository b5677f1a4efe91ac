//! Create a wallet or open one.

use leptos::prelude::*;

use crate::i18n::keys;
use crate::page::components::{Glyph, Icon};
use crate::page::state::{tr, AppState, Screen};

/// Create or open.
#[component]
pub fn StartPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">{tr(keys::START_TITLE)}</h1>
            <p class="lead">{tr(keys::START_LEAD)}</p>
            <div class="choices">
                <button id="start-create" class="button big primary" on:click=move |_| state.screen.set(Screen::Create)>
                    <Glyph icon=Icon::Create/>
                    <span>{tr(keys::START_CREATE)}</span>
                </button>
                <button id="start-open" class="button big" on:click=move |_| state.screen.set(Screen::Unlock)>
                    <Glyph icon=Icon::Open/>
                    <span>{tr(keys::START_OPEN)}</span>
                </button>
            </div>
            <button id="start-who" class="button link" on:click=move |_| state.screen.set(Screen::WhoSees)>
                <Glyph icon=Icon::Eye/>
                <span>{tr(keys::WHO_TITLE)}</span>
            </button>
        </section>
    }
}
