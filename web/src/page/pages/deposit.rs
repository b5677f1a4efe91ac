//! Deposit links: the holder makes a link that lets a worker send documents into the wallet
//! (`ReceivePage`, `DepositReadyPage`); the worker's page at `/d/<id>#<secret>.<lang>`
//! (`DropPage`) seals each file to the holder's key, checked against the link's secret, and
//! sends it. The worker sees nothing of the wallet and can't read back what was sent.

use std::rc::Rc;

use leptos::prelude::*;
use pde_api::{DepositState, MAX_DEPOSIT_FILES};
use web_sys::{File, FileList};

use crate::i18n::keys;
use crate::page::components::{print_page, qr_svg, Alert, Glyph, Icon, LinkProblem, ValidUntil};
use crate::page::state::{link_url, tr, AppState, ReadyLink, Screen};
use crate::page::vault_client::vault;
use crate::protocol::{Command, DepositView, Failure, Progress, Reply, Secret};

fn load(
    state: AppState,
    deposits: RwSignal<Option<Vec<DepositView>>>,
    error: RwSignal<Option<String>>,
) {
    leptos::task::spawn_local(async move {
        match crate::page::vault_client::ask(Command::Deposits).await {
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

thread_local! {
    /// Taken by each document the drop page sends, for the whole of its sending.
    static SENDING_TURN: Rc<futures::lock::Mutex<()>> = Rc::new(futures::lock::Mutex::new(()));
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
                error.set(Some(state.t_with(
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
            let result = crate::page::vault_client::ask(command).await;
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
            match crate::page::vault_client::ask(Command::RevokeDeposit { deposit_id }).await {
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
                <Glyph icon=Icon::Add/>
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
                <label for="deposit-files">{move || state.t_with(keys::DEPOSIT_FILES_LABEL, &[("max", MAX_DEPOSIT_FILES.into())])}</label>
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
                                    <h3 dir="auto">{if d.label.is_empty() { state.t(keys::GRANTS_NO_LABEL) } else { d.label.clone() }}</h3>
                                    <p class="grant-state">
                                        <strong>{tr(state_key(d.state))}</strong>
                                        " · "
                                        {move || state.t_with(keys::DEPOSIT_RECEIVED_COUNT, &[("count", received.into()), ("max", max.into())])}
                                        " · "
                                        {move || state.t_with(keys::GRANT_UNTIL, &[("time", state.date_time(expires_at).into())])}
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
    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Check/>
                <span>{tr(keys::SHARE_READY_TITLE)}</span>
            </h1>
            <p>{tr(keys::DEPOSIT_READY_EXPLAIN)}</p>
            <label for="share-link" class="field-label">{tr(keys::SHARE_LINK_LABEL)}</label>
            <input id="share-link" type="text" readonly dir="ltr" prop:value=link.url.clone()/>
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

/// One file being sent by the worker.
#[derive(Clone, Debug, PartialEq)]
struct Sending {
    key: u32,
    name: String,
    done: u64,
    total: u64,
    outcome: Option<Result<(), String>>,
}

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The worker's page of a deposit link.
#[component]
pub fn DropPage(deposit_id: String, fragment: Secret) -> impl IntoView {
    let state = AppState::get();
    // None while reading the link; then Ok(files left) or Err(why it can't take documents).
    let status = RwSignal::new(None::<Result<(u32, i64), String>>);
    let sending = RwSignal::new(Vec::<Sending>::new());
    let next_key = StoredValue::new(0u32);
    leptos::task::spawn_local(async move {
        let result = crate::page::vault_client::ask(Command::DropStatus {
            deposit_id,
            fragment,
        })
        .await;
        status.set(Some(match result {
            Ok(Reply::DropStatus {
                state: DepositState::Active,
                expires_at,
                files_left,
            }) => Ok((files_left, expires_at)),
            Ok(Reply::DropStatus { state: link, .. }) => Err(state.t(match link {
                DepositState::Expired => keys::ERROR_DEPOSIT_EXPIRED,
                DepositState::Revoked => keys::ERROR_DEPOSIT_REVOKED,
                _ => keys::ERROR_DEPOSIT_FULL,
            })),
            Ok(_) => Err(state.t(keys::ERROR_UNEXPECTED)),
            Err(Failure::Server {
                code: pde_api::ErrorCode::NotFound,
                ..
            }) => Err(state.t(keys::SHARED_NOT_FOUND)),
            Err(failure) => Err(state.failure_text(&failure)),
        }));
    });

    let send = move |files: Vec<File>| {
        for file in files {
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            sending.update(|list| {
                list.push(Sending {
                    key,
                    name: file.name(),
                    done: 0,
                    total: file.size() as u64,
                    outcome: None,
                })
            });
            leptos::task::spawn_local(async move {
                // One document at a time: the server lets a link have only a few on their way
                // (each holds its size against the holder's room until it is finished).
                let turn = SENDING_TURN.with(Rc::clone);
                let _turn = turn.lock().await;
                let progress = Box::new(move |p: Progress| {
                    sending.update(|list| {
                        if let Some(s) = list.iter_mut().find(|s| s.key == key) {
                            s.done = p.done;
                            s.total = p.total.max(1);
                        }
                    })
                });
                let result = match vault() {
                    Ok(vault) => vault
                        .call(Command::Drop, Some(file), Some(progress))
                        .await
                        .map(drop),
                    Err(failure) => Err(failure),
                };
                let outcome = result.map_err(|failure| state.failure_text(&failure));
                sending.update(|list| {
                    if let Some(s) = list.iter_mut().find(|s| s.key == key) {
                        if outcome.is_ok() {
                            s.done = s.total;
                        }
                        s.outcome = Some(outcome);
                    }
                });
            });
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        send(files_of(input.files()));
        input.set_value("");
    };

    view! {
        <section class="page narrow shared">
            {move || match status.get() {
                None => view! {
                    <h1 tabindex="-1">{tr(keys::DROP_TITLE)}</h1>
                    <p role="status">{tr(keys::SHARED_READING)}</p>
                }
                    .into_any(),
                Some(Err(text)) => view! {
                    <LinkProblem text=text/>
                }
                    .into_any(),
                Some(Ok((files_left, expires_at))) => view! {
                    <h1 tabindex="-1">{tr(keys::DROP_TITLE)}</h1>
                    <p class="lead">{tr(keys::DROP_LEAD)}</p>
                    <p>
                        <Glyph icon=Icon::Clock/>
                        <span>{move || state.t_with(keys::SHARE_VALID_UNTIL, &[("time", state.date_time(expires_at).into())])}</span>
                        " · "
                        <span>{move || state.t_with(keys::DROP_FILES_LEFT, &[("count", files_left.into())])}</span>
                    </p>
                    <div class="actions">
                        <label class="button big primary file-button">
                            <Glyph icon=Icon::Add/>
                            <span>{tr(keys::ADD_CHOOSE_FILES)}</span>
                            <input id="drop-input" class="visually-hidden" type="file" multiple on:change=on_pick/>
                        </label>
                        <label class="button big file-button">
                            <Glyph icon=Icon::Camera/>
                            <span>{tr(keys::ADD_TAKE_PHOTO)}</span>
                            <input class="visually-hidden" type="file" accept="image/*" capture="environment" on:change=on_pick/>
                        </label>
                    </div>
                    <ul class="uploads" role="list" aria-live="polite" id="drop-list">
                        <For each=move || sending.get() key=|s| (s.key, s.done, s.outcome.clone()) let:item>
                            <li class="upload" data-done=item.outcome.as_ref().is_some_and(|o| o.is_ok()).to_string()>
                                <span class="name" dir="auto">{item.name.clone()}</span>
                                <progress max=item.total.to_string() value=item.done.to_string() aria-label=item.name.clone()></progress>
                                <span class="status">
                                    {match &item.outcome {
                                        None => state.t(keys::ADD_WORKING),
                                        Some(Ok(())) => state.t(keys::DROP_SENT),
                                        Some(Err(text)) => text.clone(),
                                    }}
                                </span>
                            </li>
                        </For>
                    </ul>
                    <p class="hint">{tr(keys::DROP_PRIVACY)}</p>
                }
                    .into_any(),
            }}
        </section>
    }
}
