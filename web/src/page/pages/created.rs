//! The wallet was just created: its number (to keep with one's papers) and the recovery sheet,
//! each printed on its own. The recovery key is shown this once and never stored by the page.

use leptos::prelude::*;

use crate::i18n::keys;
use crate::page::components::{print_part, Glyph, Icon, RecoverySheet, WalletCard};
use crate::page::state::{tr, AppState, Screen};

/// The new wallet's number and recovery sheet. "I noted my key" ticks with Enter as well as
/// Space: a person using Tab and Enter alone is not stuck here.
#[component]
pub fn CreatedPage(recovery_key: String) -> impl IntoView {
    let state = AppState::get();
    let kept = RwSignal::new(false);
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Check/>
                <span>{tr(keys::CREATED_TITLE)}</span>
            </h1>
            <WalletCard/>
            <RecoverySheet recovery_key=recovery_key key_id="recovery-key"/>
            // Two print jobs: the card and the key never on one sheet of paper.
            <div class="actions">
                <button id="print-card" class="button" on:click=move |_| print_part("card")>
                    <Glyph icon=Icon::Print/>
                    <span>{tr(keys::CREATED_PRINT_CARD)}</span>
                </button>
                <button id="print-sheet" class="button" on:click=move |_| print_part("sheet")>
                    <Glyph icon=Icon::Print/>
                    <span>{tr(keys::CREATED_PRINT_SHEET)}</span>
                </button>
            </div>
            <label class="option">
                <input
                    type="checkbox"
                    id="recovery-kept"
                    prop:checked=move || kept.get()
                    on:change=move |ev| kept.set(event_target_checked(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            kept.update(|k| *k = !*k);
                        }
                    }
                />
                <span>{tr(keys::RECOVERY_KEPT)}</span>
            </label>
            <button
                id="created-continue"
                class="button big primary"
                disabled=move || !kept.get()
                on:click=move |_| state.screen.set(Screen::Wallet)
            >
                <span>{tr(keys::CONTINUE)}</span>
            </button>
        </section>
    }
}
