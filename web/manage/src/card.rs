//! "My card": the wallet's number (and pseudonym) to show or print again, at any time — never
//! the recovery key, which is shown only when a sheet is made.

use leptos::prelude::*;

use pde_web::i18n::keys;
use pde_web::page::components::{print_part, Glyph, Icon, WalletCard};
use pde_web::page::state::{tr, AppState, Screen};

/// The card screen.
#[component]
pub fn CardPage() -> impl IntoView {
    let state = AppState::get();
    view! {
        <section class="page narrow">
            <button id="back" class="button link" on:click=move |_| state.screen.set(Screen::Wallet)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK_TO_WALLET)}</span>
            </button>
            <h1 tabindex="-1">
                <Glyph icon=Icon::Identity/>
                <span>{tr(keys::MY_CARD_TITLE)}</span>
            </h1>
            <WalletCard/>
            <div class="actions">
                <button id="print-card" class="button big" on:click=move |_| print_part("card")>
                    <Glyph icon=Icon::Print/>
                    <span>{tr(keys::CREATED_PRINT_CARD)}</span>
                </button>
            </div>
        </section>
    }
}
