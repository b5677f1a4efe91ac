//! First screen: the language, each shown in its own name and script.

use leptos::prelude::*;

use crate::i18n::{keys, Catalogue};
use crate::page::components::{Glyph, Icon};
use crate::page::state::{choose_language, tr, AppState, Screen};

/// Choose the language.
#[component]
pub fn LanguagePage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Language/>
                <span>{tr(keys::CHOOSE_LANGUAGE_TITLE)}</span>
            </h1>
            <ul class="choices" role="list">
                {Catalogue::names()
                    .map(|(code, name)| {
                        view! {
                            <li>
                                <button
                                    class="button big"
                                    lang=code
                                    data-lang=code
                                    on:click=move |_| {
                                        choose_language(state, code, Some(Screen::Start))
                                    }
                                >
                                    {name}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            // Kiosk mode can be switched on here (the kiosk launcher opens PDE with it on); it
            // is never switched off in the page.
            <div class="kiosk-switch">
                <Show
                    when=move || state.kiosk.get()
                    fallback=move || {
                        view! {
                            <button id="kiosk-on" class="button" on:click=move |_| crate::page::kiosk::switch_on(state)>
                                <Glyph icon=Icon::Eye/>
                                <span>{tr(keys::KIOSK_SWITCH)}</span>
                            </button>
                            <p class="hint">{tr(keys::KIOSK_SWITCH_HINT)}</p>
                        }
                    }
                >
                    <p class="notice" id="kiosk-is-on">
                        <Glyph icon=Icon::Eye/>
                        <span>{tr(keys::KIOSK_IS_ON)}</span>
                    </p>
                </Show>
            </div>
        </section>
    }
}
