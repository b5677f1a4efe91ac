//! The worker's page of a deposit link, at `/d/<id>#<secret>.<lang>` (`DropPage`): it seals
//! each file to the holder's key, checked against the link's secret, and sends it. The worker
//! sees nothing of the wallet and can't read back what was sent. (The holder makes the link on a
//! management screen: web/manage.)

use std::rc::Rc;

use leptos::prelude::*;
use pde_api::DepositState;
use web_sys::{File, FileList};

use crate::i18n::keys;
use crate::page::components::{Glyph, Icon, LinkProblem, WorkerRules};
use crate::page::state::{tr, AppState};
use crate::page::vault_client::vault;
use crate::protocol::{Command, Failure, Progress, Reply, Secret};

thread_local! {
    /// Taken by each document the drop page sends, for the whole of its sending.
    static SENDING_TURN: Rc<futures::lock::Mutex<()>> = Rc::new(futures::lock::Mutex::new(()));
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
                let result = match (crate::page::pdf::stored(file).await, vault()) {
                    (Ok((file, _)), Ok(vault)) => vault
                        .call(Command::Drop, Some(file), Some(progress))
                        .await
                        .map(drop),
                    (Err(failure), _) | (_, Err(failure)) => Err(failure),
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
                    <WorkerRules shown=false/>
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
