//! A new recovery sheet, and cancelling one the holder did not make. With the current sheet the
//! new one works at once; with the secret alone, after a week, while the old one still works and
//! cancels it — so nobody who forced the secret out of the holder takes the wallet for good.

use leptos::prelude::*;

use crate::texts::{keys, tr};
use pde_web::page::components::{print_part, Alert, Glyph, Icon, RecoverySheet};
use pde_web::page::state::AppState;
use pde_web::protocol::{Command, Failure, Reply, Secret};

/// A sheet just made: its key (shown this once) and when it works.
#[derive(Clone)]
struct MadeSheet {
    recovery_key: String,
    effective_at: i64,
    at_once: bool,
}

/// The security screen's panel for recovery sheets.
#[component]
pub fn SheetPanel() -> impl IntoView {
    let state = AppState::get();
    let secret = RwSignal::new(String::new());
    let current = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let made = RwSignal::new(None::<MadeSheet>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(wallet) = state.wallet.get_untracked() else {
            return;
        };
        error.set(None);
        made.set(None);
        let typed = current.get_untracked();
        let at_once = !typed.trim().is_empty();
        let command = Command::NewSheet {
            login: wallet.wallet_number,
            secret: Secret::new(secret.get_untracked()),
            current: at_once.then(|| Secret::new(typed)),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(command).await;
            busy.set(false);
            match result {
                Ok(Reply::NewSheet {
                    wallet,
                    recovery_key,
                    effective_at,
                }) => {
                    secret.set(String::new());
                    current.set(String::new());
                    state.wallet.set(Some(wallet));
                    made.set(Some(MadeSheet {
                        recovery_key: recovery_key.0.to_string(),
                        effective_at,
                        at_once,
                    }));
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <section class="panel" aria-labelledby="security-sheet-title">
            <h2 id="security-sheet-title">{tr(keys::SECURITY_SHEET_TITLE)}</h2>
            <CancelWaitingSheet/>
            <p>{tr(keys::SECURITY_SHEET_TEXT)}</p>
            <form on:submit=submit>
                <label for="sheet-secret">{tr(keys::SECURITY_SECRET_CURRENT)}</label>
                <input
                    id="sheet-secret"
                    type="password"
                    autocomplete="current-password"
                    required
                    prop:value=move || secret.get()
                    on:input=move |ev| secret.set(event_target_value(&ev))
                />
                <label for="sheet-current">{tr(keys::SECURITY_SHEET_CURRENT)}</label>
                <input
                    id="sheet-current"
                    type="text"
                    dir="ltr"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    prop:value=move || current.get()
                    on:input=move |ev| current.set(event_target_value(&ev))
                />
                <Alert message=Signal::derive(move || error.get())/>
                <button id="sheet-submit" class="button big" type="submit" disabled=move || busy.get()>
                    <Glyph icon=Icon::Key/>
                    <span>{tr(keys::SECURITY_SHEET_SUBMIT)}</span>
                </button>
            </form>
            {move || made.get().map(|sheet| view! { <NewSheet sheet=sheet/> })}
        </section>
    }
}

/// The sheet just made, to write down or print, and when it works.
#[component]
fn NewSheet(sheet: MadeSheet) -> impl IntoView {
    let state = AppState::get();
    let MadeSheet {
        recovery_key,
        effective_at,
        at_once,
    } = sheet;
    view! {
        <p class="notice" id="sheet-effective" role="status">
            <Glyph icon=Icon::Check/>
            <span>
                {move || {
                    if at_once {
                        crate::texts::t(state, keys::SECURITY_SHEET_NOW)
                    } else {
                        crate::texts::t_with(state, keys::SECURITY_SHEET_LATER, &[("date", state.date(effective_at).into())])
                    }
                }}
            </span>
        </p>
        <RecoverySheet recovery_key=recovery_key key_id="new-recovery-key"/>
        <div class="actions">
            <button id="print-sheet" class="button" on:click=move |_| print_part("sheet")>
                <Glyph icon=Icon::Print/>
                <span>{tr(keys::PRINT)}</span>
            </button>
        </div>
    }
}

/// When a new sheet waits: when it was made, and how to cancel it with the old sheet.
#[component]
fn CancelWaitingSheet() -> impl IntoView {
    let state = AppState::get();
    let old = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let cancelled = RwSignal::new(false);
    let waiting = move || state.wallet.get().and_then(|w| w.pending_sheet);

    let cancel = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        busy.set(true);
        let command = Command::CancelSheet {
            current: Secret::new(old.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(command).await;
            busy.set(false);
            match result {
                Ok(Reply::WalletChanged { wallet }) => {
                    old.set(String::new());
                    state.wallet.set(Some(wallet));
                    cancelled.set(true);
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <Show when=move || cancelled.get()>
            <p class="notice" id="sheet-cancelled" role="status">
                <Glyph icon=Icon::Check/>
                <span>{tr(keys::SECURITY_SHEET_CANCELLED)}</span>
            </p>
        </Show>
        {move || waiting().map(|pending| view! {
            <form class="confirm" aria-labelledby="sheet-cancel-title" on:submit=cancel>
                <h3 id="sheet-cancel-title">{tr(keys::SECURITY_SHEET_CANCEL_TITLE)}</h3>
                <p>
                    {move || crate::texts::t_with(state, keys::SECURITY_SHEET_CANCEL_TEXT, &[("made", state.date(pending.made_at).into())])}
                </p>
                <label for="sheet-cancel-key">{tr(keys::RECOVER_KEY_LABEL)}</label>
                <input
                    id="sheet-cancel-key"
                    type="text"
                    dir="ltr"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    required
                    prop:value=move || old.get()
                    on:input=move |ev| old.set(event_target_value(&ev))
                />
                <Alert message=Signal::derive(move || error.get())/>
                <button id="sheet-cancel" class="button danger" type="submit" disabled=move || busy.get()>
                    <Glyph icon=Icon::Back/>
                    <span>{tr(keys::SECURITY_SHEET_CANCEL)}</span>
                </button>
            </form>
        })}
    }
}
