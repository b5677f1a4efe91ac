//! Create a wallet or open one.

use leptos::prelude::*;

use crate::i18n::keys;
use crate::page::components::{Glyph, Icon};
use crate::page::state::{tr, AppState, Screen};

/// Create or open; and the team's announcement, if one is shown now.
#[component]
pub fn StartPage() -> impl IntoView {
    let state = AppState::get();
    // Plain text (no JSON decoder for it in the bundle); no integrity to check.
    let announcement = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        let path = format!(
            "{}{}",
            pde_api::API_PREFIX,
            pde_api::endpoints::ANNOUNCEMENT.path
        );
        if let Some(text) = crate::api::get_checked_text(&path, "").await {
            announcement.set(text);
        }
    });
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">{tr(keys::START_TITLE)}</h1>
            // The team's words always come inside the same frame, which says that PDE never
            // asks for a secret: an announcement can't pass for anything else.
            <Show when=move || !announcement.get().is_empty()>
                <aside class="notice" id="announcement">
                    <p><strong>{tr(keys::ANNOUNCEMENT_FROM)}</strong></p>
                    <p id="announcement-text" dir="auto">
                        {move || {
                            let body = announcement.get();
                            pde_api::endpoints::announcement_in(&body, state.lang.get())
                                .unwrap_or_default()
                                .to_owned()
                        }}
                    </p>
                    <p><strong>{tr(keys::ANNOUNCEMENT_NEVER)}</strong></p>
                </aside>
            </Show>
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
            // The server's own page: what it keeps, the figures, who is responsible.
            <a id="start-transparency" class="button link" href=move || format!("/transparency?lang={}", state.lang.get())>
                <Glyph icon=Icon::Shield/>
                <span>{tr(keys::START_TRANSPARENCY)}</span>
            </a>
        </section>
    }
}
