//! First screen: the language, each shown in its own name and script.

use leptos::prelude::*;

use crate::app::{tr, AppState, Screen};
use crate::components::{Glyph, Icon};
use crate::i18n::{keys, Catalogue};

/// Choose the language.
#[component]
pub fn LanguagePage() -> impl IntoView {
    let state = AppState::get();
    let languages: Vec<(&'static str, String)> =
        Catalogue::load().map(|c| c.names()).unwrap_or_default();
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Language/>
                <span>{tr(keys::CHOOSE_LANGUAGE_TITLE)}</span>
            </h1>
            <ul class="choices" role="list">
                {languages
                    .into_iter()
                    .map(|(code, name)| {
                        view! {
                            <li>
                                <button
                                    class="button big"
                                    lang=code
                                    data-lang=code
                                    on:click=move |_| {
                                        state.lang.set(code);
                                        state.screen.set(Screen::Start);
                                    }
                                >
                                    {name}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
