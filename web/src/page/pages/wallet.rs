//! The wallet: documents as cards, a category filter, and adding documents (files, drag and
//! drop, the phone's camera), each with its own progress bar.

use leptos::prelude::*;
use pde_crypto::metadata::Category;
use web_sys::{File, FileList};

use crate::i18n::keys;
use crate::page::components::{category_icon, Alert, Glyph, Icon};
use crate::page::state::{
    category_key, days_until, expiry_badge, today, tr, AppState, NewFile, Screen,
};
use crate::page::vault_client::vault;
use crate::protocol::{Command, DocumentView, Failure, Reply};

/// One file being added.
#[derive(Clone, Debug, PartialEq)]
struct Upload {
    key: u32,
    name: String,
    done: u64,
    total: u64,
    /// `None` while working; the result once finished: added (`true`: a PDF kept as it is,
    /// properties and all), or why not.
    outcome: Option<Result<bool, String>>,
}

/// Reloads the list of documents.
pub fn refresh(state: AppState, error: RwSignal<Option<String>>) {
    leptos::task::spawn_local(async move {
        let result = crate::page::vault_client::ask(Command::List).await;
        match result {
            Ok(Reply::Documents(documents)) => state.documents.set(documents),
            Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
            Err(failure) => error.set(state.fail(failure)),
        }
    });
}

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The wallet screen.
#[component]
pub fn WalletPage() -> impl IntoView {
    let state = AppState::get();
    let error = RwSignal::new(None::<String>);
    let filter = RwSignal::new(None::<Category>);
    // Files chosen, waiting for the holder to say what they are.
    let chosen = RwSignal::new_local(Vec::<File>::new());
    let uploads = RwSignal::new(Vec::<Upload>::new());
    let next_key = StoredValue::new(0u32);
    let dragging = RwSignal::new(false);

    refresh(state, error);

    let add_files = move |files: Vec<NewFile>| {
        for new_file in files {
            let NewFile {
                file,
                category,
                name,
            } = new_file.clone();
            let key = next_key.get_value();
            next_key.set_value(key + 1);
            uploads.update(|list| {
                list.push(Upload {
                    key,
                    name: name.clone().unwrap_or_else(|| file.name()),
                    done: 0,
                    total: file.size() as u64,
                    outcome: None,
                })
            });
            let part = state
                .wallet
                .with_untracked(|w| w.as_ref().map(|w| w.part.clone()))
                .unwrap_or_default();
            leptos::task::spawn_local(async move {
                let progress = Box::new(move |p: crate::protocol::Progress| {
                    uploads.update(|list| {
                        if let Some(u) = list.iter_mut().find(|u| u.key == key) {
                            u.done = p.done;
                            u.total = p.total.max(1);
                        }
                    });
                });
                let result = match (crate::page::pdf::stored(file).await, vault()) {
                    (Ok((file, kept)), Ok(vault)) => vault
                        .call(Command::Add { category, name }, Some(file), Some(progress))
                        .await
                        .map(|_| kept),
                    (Err(failure), _) | (_, Err(failure)) => Err(failure),
                };
                // The part this file was for was locked meanwhile (another may be open now):
                // nothing more to do or to say here.
                if !state.keeps_work_of(&part) {
                    return;
                }
                let outcome = match result {
                    Ok(kept) => Ok(kept),
                    Err(Failure::SessionEnded) => {
                        // Added again once the same part is open (see below).
                        let _ = state.fail(Failure::SessionEnded);
                        state
                            .pending_files
                            .update_value(|pending| pending.push(new_file));
                        return;
                    }
                    Err(failure) => Err(state.failure_text(&failure)),
                };
                uploads.update(|list| {
                    if let Some(u) = list.iter_mut().find(|u| u.key == key) {
                        if outcome.is_ok() {
                            u.done = u.total;
                        }
                        u.outcome = Some(outcome);
                    }
                });
                refresh(state, error);
            });
        }
    };

    // Files cut short by the end of the session are added again now.
    let pending = state
        .pending_files
        .try_update_value(std::mem::take)
        .unwrap_or_default();
    if !pending.is_empty() {
        add_files(pending);
    }
    // What the holder says the chosen files are: they go, a camera's made-up names replaced by
    // a readable one (the kind and the day).
    let add_as = move |category: Category| {
        let files = chosen.try_update(std::mem::take).unwrap_or_default();
        let made_up = files
            .iter()
            .filter(|f| crate::photo::is_made_up_name(&f.name()))
            .count();
        let mut numbered = 0;
        let mut readable = move |file: &File| {
            if !crate::photo::is_made_up_name(&file.name()) {
                return None;
            }
            numbered += 1;
            let day = today().map(|d| state.calendar_date(d)).unwrap_or_default();
            let name = format!("{} {day}", state.t(&category_key(category)));
            Some(if made_up > 1 {
                format!("{name} ({numbered})")
            } else {
                name
            })
        };
        add_files(
            files
                .into_iter()
                .map(|file| NewFile {
                    name: readable(&file),
                    file,
                    category,
                })
                .collect(),
        );
    };
    let choose = move |files: Vec<File>| {
        if !files.is_empty() {
            chosen.set(files);
        }
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        choose(files_of(input.files()));
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        choose(files_of(ev.data_transfer().and_then(|d| d.files())));
    };

    let shown = move || {
        let wanted = filter.get();
        state
            .documents
            .get()
            .documents
            .into_iter()
            .filter(|d| wanted.is_none_or(|c| c == d.category))
            .collect::<Vec<_>>()
    };

    view! {
        <section class="page wide">
            <h1 tabindex="-1">{tr(keys::WALLET_TITLE)}</h1>
            <p class="who" dir="auto">
                {move || {
                    state
                        .wallet
                        .get()
                        .map(|w| w.pseudonym.unwrap_or(w.wallet_number))
                        .unwrap_or_default()
                }}
            </p>
            <Alert message=Signal::derive(move || error.get())/>
            // A new recovery sheet made with the secret alone: said at every opening, so a
            // holder forced to make one sees it and can cancel it with the old sheet. And, told
            // once by the server, at the first unlock after a restore from a backup: its date.
            // (One view for both: the bundle has no room for two.)
            {move || {
                let wallet = state.wallet.get();
                let mut notices = Vec::new();
                if let Some(pending) = wallet.as_ref().and_then(|w| w.pending_sheet) {
                    notices.push(("sheet-pending", state.t_with(keys::SHEET_PENDING, &[
                        ("made", state.date(pending.made_at).into()),
                        ("until", state.date(pending.effective_at).into()),
                    ])));
                }
                if let Some(at) = wallet.as_ref().and_then(|w| w.restored_from) {
                    notices.push(("restored-notice", state.t_with(keys::RESTORED_NOTICE, &[
                        ("date", state.date(at).into()),
                    ])));
                }
                notices
                    .into_iter()
                    .map(|(id, text)| view! {
                        <p class="notice" id=id role="status">
                            <Glyph icon=Icon::Warning/>
                            <span>{text}</span>
                        </p>
                    })
                    .collect_view()
            }}
            <ExpiryBanner/>
            // The documents first: on a phone they were under every button and the add box.
            <nav class="filters" aria-label=tr(keys::FILTER_LABEL)>
                <button
                    class="chip"
                    data-category="all"
                    aria-pressed=move || filter.get().is_none().to_string()
                    on:click=move |_| filter.set(None)
                >
                    <Glyph icon=Icon::All/>
                    <span>{tr(keys::FILTER_ALL)}</span>
                </button>
                {Category::ALL
                    .into_iter()
                    .map(|c| {
                        view! {
                            <button
                                class="chip"
                                data-category=c.as_str()
                                aria-pressed=move || (filter.get() == Some(c)).to_string()
                                on:click=move |_| filter.set(Some(c))
                            >
                                <Glyph icon=category_icon(c)/>
                                <span>{move || state.t(&category_key(c))}</span>
                            </button>
                        }
                    })
                    .collect_view()}
            </nav>

            <p class="count" role="status">
                {move || {
                    let view = state.documents.get();
                    format!(
                        "{} · {}",
                        state.t_with(keys::WALLET_COUNT, &[("count", view.documents.len().into())]),
                        state.t_with(
                            keys::WALLET_QUOTA,
                            &[("used", state.size(view.used_bytes).into()), ("quota", state.size(view.quota_bytes).into())],
                        ),
                    )
                }}
            </p>
            <ul class="grid" role="list" id="documents">
                <For each=shown key=|d| (d.id, d.name.clone(), d.category, d.note.clone(), d.expires_on) let:doc>
                    <DocumentCard doc=doc/>
                </For>
            </ul>

            <div class="actions">
                <button id="wallet-share" class="button primary" on:click=move |_| state.screen.set(Screen::Share)>
                    <Glyph icon=Icon::Share/>
                    <span>{tr(keys::WALLET_SHARE)}</span>
                </button>
                <button id="wallet-grants" class="button" on:click=move |_| state.screen.set(Screen::Grants)>
                    <Glyph icon=Icon::Link/>
                    <span>{tr(keys::GRANTS_TITLE)}</span>
                </button>
                <button id="wallet-receive" class="button" on:click=move |_| state.screen.set(Screen::Receive)>
                    <Glyph icon=Icon::Receive/>
                    <span>{tr(keys::DEPOSIT_TITLE)}</span>
                </button>
                <button id="wallet-meeting" class="button" on:click=move |_| state.screen.set(Screen::Meeting)>
                    <Glyph icon=Icon::Clock/>
                    <span>{tr(keys::MEETING_TITLE)}</span>
                </button>
                <button id="wallet-security" class="button" on:click=move |_| state.screen.set(Screen::Security)>
                    <Glyph icon=Icon::Shield/>
                    <span>{tr(keys::SECURITY_TITLE)}</span>
                </button>
                <button id="wallet-card" class="button" on:click=move |_| state.screen.set(Screen::Card)>
                    <Glyph icon=Icon::Identity/>
                    <span>{tr(keys::MY_CARD_TITLE)}</span>
                </button>
                <button id="wallet-who" class="button" on:click=move |_| state.screen.set(Screen::WhoSees)>
                    <Glyph icon=Icon::Eye/>
                    <span>{tr(keys::WHO_TITLE)}</span>
                </button>
            </div>

            <section
                class="add"
                class:dragging=move || dragging.get()
                aria-labelledby="add-title"
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <h2 id="add-title">{tr(keys::ADD_TITLE)}</h2>
                <Show
                    when=move || chosen.with(Vec::is_empty)
                    fallback=move || view! { <WhatIsIt chosen=chosen add_as=add_as/> }
                >
                    <div class="actions">
                        <label class="button big primary file-button">
                            <Glyph icon=Icon::Add/>
                            <span>{tr(keys::ADD_CHOOSE_FILES)}</span>
                            <input id="file-input" class="visually-hidden" type="file" multiple on:change=on_pick/>
                        </label>
                        <label class="button big file-button">
                            <Glyph icon=Icon::Camera/>
                            <span>{tr(keys::ADD_TAKE_PHOTO)}</span>
                            <input
                                id="camera-input"
                                class="visually-hidden"
                                type="file"
                                accept="image/*"
                                capture="environment"
                                on:change=on_pick
                            />
                        </label>
                    </div>
                </Show>
                <p class="hint">{tr(keys::ADD_DROP_HINT)}</p>
                <ul class="uploads" role="list" aria-live="polite">
                    <For each=move || uploads.get() key=|u| (u.key, u.done, u.outcome.clone()) let:upload>
                        <li class="upload">
                            <span class="name" dir="auto">{upload.name.clone()}</span>
                            <progress
                                max=upload.total.to_string()
                                value=upload.done.to_string()
                                aria-label=upload.name.clone()
                            ></progress>
                            <span class="status">
                                {
                                    // In the language shown (a failure's text is the one of its time).
                                    let outcome = upload.outcome.clone();
                                    move || match &outcome {
                                        None => state.t(keys::ADD_WORKING),
                                        Some(Ok(false)) => state.t(keys::ADD_DONE),
                                        Some(Ok(true)) => state.t(keys::ADD_DONE_PDF_KEPT),
                                        Some(Err(text)) => text.clone(),
                                    }
                                }
                            </span>
                        </li>
                    </For>
                </ul>
            </section>

            // Offered in every wallet alike, whether or not it has hidden documents.
            <button id="wallet-hidden" class="button link" on:click=move |_| state.screen.set(Screen::Hidden)>
                <Glyph icon=Icon::Key/>
                <span>{tr(keys::HIDDEN_TITLE)}</span>
            </button>
        </section>
    }
}

#[component]
fn DocumentCard(doc: DocumentView) -> impl IntoView {
    let state = AppState::get();
    let id = doc.id;
    let thumbnail = doc
        .thumbnail_jpeg_base64
        .as_ref()
        .map(|b64| format!("data:image/jpeg;base64,{b64}"));
    let category = doc.category;
    let name = if doc.damaged {
        state.t(keys::DOCUMENT_DAMAGED)
    } else {
        doc.name.clone()
    };
    let created_at = doc.created_at;
    let expires_on = doc.expires_on;
    let received = doc.received_from.clone();
    view! {
        <li class="doc-card">
            <button class="card-button" on:click=move |_| state.screen.set(Screen::Document(id))>
                {match thumbnail {
                    Some(src) => view! { <img class="thumb" src=src alt=""/> }.into_any(),
                    None => view! { <span class="thumb pictogram"><Glyph icon=category_icon(category)/></span> }.into_any(),
                }}
                <span class="doc-name" dir="auto">{name}</span>
                <span class="doc-category">
                    <Glyph icon=category_icon(category)/>
                    <span>{move || state.t(&category_key(category))}</span>
                </span>
                <span class="doc-date">{move || state.date(created_at)}</span>
                {expires_on.map(|date| move || {
                    expiry_badge(state, date).map(|(past, text)| view! {
                        <span class="badge expiry" class:past=past>
                            <Glyph icon=Icon::Clock/>
                            <span>{text}</span>
                        </span>
                    })
                })}
                {received.map(|label| view! {
                    <span class="doc-received">
                        <Glyph icon=Icon::Warning/>
                        <span>{tr(keys::DOCUMENT_RECEIVED)}</span>
                        <span dir="auto">{label}</span>
                    </span>
                })}
            </button>
        </li>
    }
}

/// After the files are chosen: what are they? One large button per kind, with its pictogram
/// (the kind was asked before the file, and defaulted to "other").
#[component]
fn WhatIsIt(
    chosen: RwSignal<Vec<File>, LocalStorage>,
    add_as: impl Fn(Category) + Copy + 'static,
) -> impl IntoView {
    let state = AppState::get();
    let heading = NodeRef::<leptos::html::H3>::new();
    // The eyes and the keyboard go where the question is.
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            heading.scroll_into_view();
            let _ = heading.focus();
        }
    });
    view! {
        <div class="what-is-it" id="what-is-it">
            <h3 tabindex="-1" node_ref=heading>{tr(keys::ADD_CATEGORY_LABEL)}</h3>
            <ul class="chosen" role="list">
                {move || chosen.get().iter().map(|f| view! { <li dir="auto">{f.name()}</li> }).collect_view()}
            </ul>
            <div class="kinds">
                {Category::ALL
                    .into_iter()
                    .map(|c| view! {
                        <button class="button kind" data-category=c.as_str() on:click=move |_| add_as(c)>
                            <Glyph icon=category_icon(c)/>
                            <span>{move || state.t(&category_key(c))}</span>
                        </button>
                    })
                    .collect_view()}
            </div>
            <button id="add-cancel" class="button link" on:click=move |_| chosen.set(Vec::new())>
                <span>{tr(keys::ADD_CANCEL)}</span>
            </button>
        </div>
    }
}

/// At each opening, what ends within [`crate::page::state::EXPIRY_WARNING_DAYS`] or has ended, soonest first,
/// until the holder says they saw it. Computed here, from this browser's calendar.
#[component]
fn ExpiryBanner() -> impl IntoView {
    let state = AppState::get();
    let soon = move || {
        let mut soon: Vec<(i64, String, String)> = state
            .documents
            .get()
            .documents
            .into_iter()
            .filter_map(|d| {
                let date = d.expires_on?;
                let (_, text) = expiry_badge(state, date)?;
                Some((days_until(date), d.name, text))
            })
            .collect();
        soon.sort_by_key(|(days, _, _)| *days);
        soon
    };
    view! {
        <Show when=move || state.expiry_notice.get() && !soon().is_empty()>
            <div class="notice expiry-banner" id="expiry-banner" role="status">
                <p>
                    <Glyph icon=Icon::Clock/>
                    <span>{tr(keys::EXPIRY_BANNER_TITLE)}</span>
                </p>
                <ul role="list">
                    {move || soon().into_iter().map(|(_, name, text)| view! {
                        <li><span dir="auto">{name}</span>" — "<span>{text}</span></li>
                    }).collect_view()}
                </ul>
                <button id="expiry-ok" class="button" on:click=move |_| state.expiry_notice.set(false)>
                    {tr(keys::EXPIRY_BANNER_OK)}
                </button>
            </div>
        </Show>
    }
}
