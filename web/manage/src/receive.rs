//! Deposit links, the holder's side: a link that lets a worker send documents into the wallet
//! (`ReceivePage`), shown to copy, scan and print once made (`DepositReadyPage`), and the links
//! made before. (The worker's page is the page's: `pde_web::page::pages::deposit`.)

use leptos::prelude::*;
use pde_api::{DepositState, MAX_DEPOSIT_FILES};

use crate::texts::{keys, tr};
use pde_web::page::components::{
    copy_to_clipboard, print_page, qr_svg, Alert, Glyph, Icon, ValidUntil,
};
use pde_web::page::state::{link_url, AppState, ReadyLink, Screen};
use pde_web::protocol::{Command, DepositView, Failure, Reply};

fn load(
    state: AppState,
    deposits: RwSignal<Option<Vec<DepositView>>>,
    error: RwSignal<Option<String>>,
) {
    leptos::task::spawn_local(async move {
        match crate::relay::ask(Command::Deposits).await {
            Ok(Reply::Deposits(list)) => deposits.set(Some(list)),
            Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
            Err(failure) => error.set(state.fail(failure)),
        }
    });
}

fn state_key(state: DepositState) -> &'static str {
    match state {
        DepositState::Active => keys::GRANT_STATE_ACTIVE,
        DepositState::Expired => keys::GRANT_STATE_EXPIRED,
        DepositState::Revoked => keys::GRANT_STATE_REVOKED,
        DepositState::Full => keys::DEPOSIT_STATE_FULL,
    }
}

/// The holder's "receive documents" screen: a new deposit link, and the links made before.
#[component]
pub fn ReceivePage() -> impl IntoView {
    let state = AppState::get();
    let error = RwSignal::new(None::<String>);
    let deposits = RwSignal::new(None::<Vec<DepositView>>);
    let label = RwSignal::new(String::new());
    let week = RwSignal::new(false);
    let files = RwSignal::new(String::from("5"));
    let busy = RwSignal::new(false);
    load(state, deposits, error);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let max_files = match files.get_untracked().trim().parse::<u32>() {
            Ok(n) if (1..=MAX_DEPOSIT_FILES).contains(&n) => n,
            _ => {
                error.set(Some(crate::texts::t_with(
                    state,
                    keys::DEPOSIT_FILES_INVALID,
                    &[("max", MAX_DEPOSIT_FILES.into())],
                )));
                return;
            }
        };
        let command = Command::CreateDeposit {
            label: label.get_untracked(),
            expires_in_seconds: if week.get_untracked() {
                7 * 86_400
            } else {
                86_400
            },
            max_files,
            lang: state.lang.get_untracked().to_owned(),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(command).await;
            busy.set(false);
            match result {
                Ok(Reply::DepositReady {
                    deposit_id,
                    fragment,
                    expires_at,
                }) => {
                    state.screen.set(Screen::DepositReady(ReadyLink {
                        url: link_url("d", deposit_id.as_str(), &fragment.0),
                        expires_at,
                        pin: None,
                    }));
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    let revoke = move |deposit_id: pde_api::DepositId| {
        leptos::task::spawn_local(async move {
            match crate::relay::ask(Command::RevokeDeposit { deposit_id }).await {
                Ok(_) => load(state, deposits, error),
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <section class="page narrow">
            <button id="back" class="button link" on:click=move |_| state.screen.set(Screen::Wallet)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK_TO_WALLET)}</span>
            </button>
            <h1 tabindex="-1">
                <Glyph icon=Icon::Receive/>
                <span>{tr(keys::DEPOSIT_TITLE)}</span>
            </h1>
            <p class="lead">{tr(keys::DEPOSIT_LEAD)}</p>
            <form on:submit=submit novalidate>
                <label for="deposit-label">{tr(keys::SHARE_LABEL_LABEL)}</label>
                <input
                    id="deposit-label"
                    type="text"
                    dir="auto"
                    maxlength="100"
                    prop:value=move || label.get()
                    on:input=move |ev| label.set(event_target_value(&ev))
                />
                <fieldset>
                    <legend>{tr(keys::SHARE_EXPIRY_LEGEND)}</legend>
                    <label class="option" for="deposit-day">
                        <input type="radio" id="deposit-day" name="deposit-expiry" checked=move || !week.get() on:change=move |_| week.set(false)/>
                        <span>{tr(keys::SHARE_EXPIRY_DAY)}</span>
                    </label>
                    <label class="option" for="deposit-week">
                        <input type="radio" id="deposit-week" name="deposit-expiry" checked=move || week.get() on:change=move |_| week.set(true)/>
                        <span>{tr(keys::SHARE_EXPIRY_WEEK)}</span>
                    </label>
                </fieldset>
                <label for="deposit-files">{move || crate::texts::t_with(state, keys::DEPOSIT_FILES_LABEL, &[("max", MAX_DEPOSIT_FILES.into())])}</label>
                <input
                    id="deposit-files"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=MAX_DEPOSIT_FILES.to_string()
                    prop:value=move || files.get()
                    on:input=move |ev| files.set(event_target_value(&ev))
                />
                <Alert message=Signal::derive(move || error.get())/>
                <button id="deposit-submit" class="button big primary" type="submit" disabled=move || busy.get()>
                    <Glyph icon=Icon::Link/>
                    <span>{tr(keys::SHARE_SUBMIT)}</span>
                </button>
            </form>
            <h2>{tr(keys::DEPOSIT_LINKS_TITLE)}</h2>
            <ul class="grants" role="list" id="deposits">
                {move || {
                    deposits
                        .get()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|d| {
                            let id = d.deposit_id.clone();
                            let live = d.state == DepositState::Active;
                            let (received, max, expires_at) = (d.files_received, d.max_files, d.expires_at);
                            view! {
                                <li class="grant deposit" data-state=d.state.as_str()>
                                    <h3 dir="auto">{if d.label.is_empty() { crate::texts::t(state, keys::GRANTS_NO_LABEL) } else { d.label.clone() }}</h3>
                                    <p class="grant-state">
                                        <strong>{tr(state_key(d.state))}</strong>
                                        " · "
                                        {move || crate::texts::t_with(state, keys::DEPOSIT_RECEIVED_COUNT, &[("count", received.into()), ("max", max.into())])}
                                        " · "
                                        {move || crate::texts::t_with(state, keys::GRANT_UNTIL, &[("time", state.date_time(expires_at).into())])}
                                    </p>
                                    {live.then(|| view! {
                                        <button class="button danger deposit-revoke" on:click=move |_| revoke(id.clone())>
                                            <Glyph icon=Icon::Lock/>
                                            <span>{tr(keys::GRANT_REVOKE)}</span>
                                        </button>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// The deposit link is ready: to copy, to scan, to print.
#[component]
pub fn DepositReadyPage(link: ReadyLink) -> impl IntoView {
    let state = AppState::get();
    let qr = qr_svg(&link.url);
    let expires_at = link.expires_at;
    let copied = RwSignal::new(false);
    let url = link.url.clone();
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Check/>
                <span>{tr(keys::SHARE_READY_TITLE)}</span>
            </h1>
            <p>{tr(keys::DEPOSIT_READY_EXPLAIN)}</p>
            <label for="share-link" class="field-label">{tr(keys::SHARE_LINK_LABEL)}</label>
            <input id="share-link" type="text" readonly dir="ltr" prop:value=link.url.clone()/>
            <button id="deposit-copy" class="button" on:click=move |_| copy_to_clipboard(&url, copied)>
                <Glyph icon=Icon::Link/>
                <span>{tr(keys::SHARE_COPY)}</span>
            </button>
            <Show when=move || copied.get()>
                <p class="notice" role="status" id="deposit-copied">{tr(keys::SHARE_COPIED)}</p>
            </Show>
            <section class="card-print slip" id="deposit-slip" aria-labelledby="slip-title">
                <h2 id="slip-title">{tr(keys::DEPOSIT_SLIP_TITLE)}</h2>
                <div class="qr" inner_html=move || qr.get() role="img" aria-label=tr(keys::SHARE_QR_LABEL)></div>
                <p class="link-text" dir="ltr">{link.url.clone()}</p>
                <ValidUntil expires_at=expires_at/>
            </section>
            <div class="actions">
                <button class="button" on:click=move |_| print_page()>
                    <Glyph icon=Icon::Print/>
                    <span>{tr(keys::SHARE_PRINT_SLIP)}</span>
                </button>
                <button id="deposit-done" class="button" on:click=move |_| state.screen.set(Screen::Receive)>
                    <Glyph icon=Icon::Back/>
                    <span>{tr(keys::DEPOSIT_TITLE)}</span>
                </button>
            </div>
        </section>
    }
}
