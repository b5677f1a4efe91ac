//! One document: shown in the page when it is a re-encoded image or a PDF (see
//! [`PdfFrame`]), else download only; rename, change category, add a note, delete.

use leptos::prelude::*;
use pde_crypto::document::DocumentId;
use pde_crypto::metadata::{Category, DocumentDate};

use crate::i18n::keys;
use crate::page::components::{
    content_url, print_page, Alert, AllowDownloads, ConfirmBox, Glyph, Icon, PdfFrame,
};
use crate::page::pages::wallet::refresh;
use crate::page::state::{category_key, tr, AppState, EditDraft, Screen};
use crate::page::vault_client::vault;
use crate::protocol::{Command, Display, Failure, Reply};

/// A document.
#[component]
pub fn DocumentPage(id: DocumentId) -> impl IntoView {
    let state = AppState::get();
    let known = state
        .documents
        .get_untracked()
        .documents
        .into_iter()
        .find(|d| d.id == id);
    let shown_name = RwSignal::new(known.as_ref().map(|d| d.name.clone()).unwrap_or_default());
    let received = known.as_ref().and_then(|d| d.received_from.clone());
    let is_received = received.is_some();
    // The type the vault recognised the content as: the saved file's extension follows it.
    let content_mime = RwSignal::new(String::new());
    // Changes not saved when the session ended come back (see `AppState::draft`).
    let draft = state
        .draft
        .get_untracked()
        .filter(|d| d.id == id)
        .unwrap_or_else(|| EditDraft {
            id,
            name: shown_name.get_untracked(),
            category: known.as_ref().map_or(Category::Other, |d| d.category),
            note: known.as_ref().map(|d| d.note.clone()).unwrap_or_default(),
            issued_on: date_field(known.as_ref().and_then(|d| d.issued_on)),
            expires_on: date_field(known.as_ref().and_then(|d| d.expires_on)),
        });
    let name = RwSignal::new(draft.name);
    let category = RwSignal::new(draft.category);
    let note = RwSignal::new(draft.note);
    let issued_on = RwSignal::new(draft.issued_on);
    let expires_on = RwSignal::new(draft.expires_on);
    Effect::new(move |_| {
        state.draft.set(Some(EditDraft {
            id,
            name: name.get(),
            category: category.get(),
            note: note.get(),
            issued_on: issued_on.get(),
            expires_on: expires_on.get(),
        }));
    });
    let leave = move || {
        state.draft.set(None);
        state.screen.set(Screen::Wallet);
    };
    let url = RwSignal::new(None::<String>);
    let display = RwSignal::new(None::<Display>);
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let asking_downloads = RwSignal::new(false);
    let asking_print = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // A received PDF was made by someone else: the browser's PDF viewer (in a frame of PDE's own
    // origin) opens it only once the holder asks.
    let pdf_shown = RwSignal::new(!is_received);

    leptos::task::spawn_local(async move {
        let result = match vault() {
            Ok(vault) => vault.call(Command::Open { id }, None, None).await,
            Err(failure) => Err(failure),
        };
        match result {
            Ok((
                Reply::Opened {
                    display: how, mime, ..
                },
                Some(blob),
            )) => {
                if let Some(link) = content_url(&blob, how) {
                    url.set(Some(link));
                    display.set(Some(how));
                    content_mime.set(mime);
                }
            }
            Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
            Err(failure) => error.set(state.fail(failure)),
        }
    });
    on_cleanup(move || {
        if let Some(link) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&link);
        }
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        saved.set(false);
        error.set(None);
        let command = Command::Update {
            id,
            name: name.get_untracked(),
            category: category.get_untracked(),
            note: note.get_untracked(),
            // A date field gives `YYYY-MM-DD` or nothing.
            issued_on: DocumentDate::parse(&issued_on.get_untracked()),
            expires_on: DocumentDate::parse(&expires_on.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = crate::page::vault_client::ask(command).await;
            busy.set(false);
            match result {
                Ok(_) => {
                    saved.set(true);
                    shown_name.set(name.get_untracked());
                    state.draft.set(None);
                    refresh(state, error);
                }
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    let delete = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = crate::page::vault_client::ask(Command::Delete { id }).await;
            busy.set(false);
            confirming.set(false);
            match result {
                Ok(_) => {
                    state
                        .documents
                        .update(|d| d.documents.retain(|doc| doc.id != id));
                    leave();
                }
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <section class="page wide document">
            <button id="back" class="button link" on:click=move |_| leave()>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK_TO_WALLET)}</span>
            </button>
            <h1 tabindex="-1" dir="auto">{move || shown_name.get()}</h1>
            <Alert message=Signal::derive(move || error.get())/>
            {received.map(|label| view! {
                <p class="warning" id="document-received">
                    <Glyph icon=Icon::Warning/>
                    <span>
                        {move || state.t_with(keys::DOCUMENT_RECEIVED_EXPLAIN, &[("label", label.clone().into())])}
                    </span>
                </p>
            })}
            <Show when=move || content_mime.get() == crate::photo::UNCLEANED_PHOTO_MIME>
                <p class="warning" id="photo-not-cleaned">
                    <Glyph icon=Icon::Warning/>
                    <span>{tr(keys::DOCUMENT_PHOTO_NOT_CLEANED)}</span>
                </p>
            </Show>
            <div class="viewer">
                {move || match (display.get(), url.get()) {
                    (Some(Display::Image), Some(src)) => {
                        view! { <img id="viewer-image" src=src alt=move || shown_name.get()/> }.into_any()
                    }
                    (Some(Display::Pdf), Some(_)) if !pdf_shown.get() => {
                        view! {
                            <div class="notice received-pdf">
                                <p id="received-pdf-warning">{tr(keys::DOCUMENT_RECEIVED_PDF)}</p>
                                <button id="show-received-pdf" class="button" on:click=move |_| pdf_shown.set(true)>
                                    <Glyph icon=Icon::Eye/>
                                    <span>{tr(keys::DOCUMENT_RECEIVED_PDF_SHOW)}</span>
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                    (Some(Display::Pdf), Some(src)) => {
                        view! {
                            <PdfFrame id="viewer-frame" src=src title=shown_name/>
                        }
                            .into_any()
                    }
                    (Some(Display::DownloadOnly), Some(_)) => {
                        view! { <p class="notice">{tr(keys::DOCUMENT_DOWNLOAD_ONLY)}</p> }.into_any()
                    }
                    _ => view! { <p class="notice" role="status">{tr(keys::DOCUMENT_OPENING)}</p> }.into_any(),
                }}
            </div>
            <div class="actions">
                // In kiosk mode a plaintext copy would stay on the public computer: off until
                // the holder turns it on, after a warning.
                <Show when=move || url.get().is_some() && (!state.kiosk.get() || state.downloads_allowed.get())>
                    <a
                        id="download"
                        class="button"
                        href=move || url.get().unwrap_or_default()
                        download=move || {
                            crate::photo::saved_name(&shown_name.get(), &content_mime.get(), is_received)
                        }
                    >
                        <Glyph icon=Icon::Download/>
                        <span>{tr(keys::DOWNLOAD)}</span>
                    </a>
                </Show>
                <Show when=move || url.get().is_some() && state.kiosk.get() && !state.downloads_allowed.get()>
                    <button id="downloads-on" class="button" on:click=move |_| asking_downloads.set(true)>
                        <Glyph icon=Icon::Download/>
                        <span>{tr(keys::KIOSK_DOWNLOADS_ON)}</span>
                    </button>
                </Show>
                <Show when=move || match display.get() {
                    Some(Display::Image) => true,
                    Some(Display::Pdf) => pdf_shown.get(),
                    _ => false,
                }>
                    <button id="print" class="button" on:click=move |_| {
                        if state.kiosk.get_untracked() {
                            asking_print.set(true);
                        } else {
                            print_page();
                        }
                    }>
                        <Glyph icon=Icon::Print/>
                        <span>{tr(keys::PRINT)}</span>
                    </button>
                </Show>
                <button id="delete" class="button danger" on:click=move |_| confirming.set(true)>
                    <Glyph icon=Icon::Delete/>
                    <span>{tr(keys::DELETE)}</span>
                </button>
            </div>
            <AllowDownloads open=asking_downloads text_id="downloads-warning" yes_id="downloads-yes"/>
            <ConfirmBox
                open=asking_print
                text_id="print-warning"
                text=keys::KIOSK_PRINT_WARNING
                yes_id="print-yes"
                yes_icon=Icon::Print
                yes_label=keys::PRINT
                on_yes=Callback::new(move |_| {
                    asking_print.set(false);
                    print_page();
                })
            />
            <ConfirmBox
                open=confirming
                text_id="confirm-text"
                text=keys::DELETE_CONFIRM
                yes_id="delete-yes"
                yes_icon=Icon::Delete
                yes_label=keys::DELETE_YES
                danger=true
                busy=busy
                on_yes=Callback::new(move |_| delete(()))
                no_id="delete-no"
            />
            <form class="edit no-print" on:submit=save>
                <h2>{tr(keys::DOCUMENT_EDIT_TITLE)}</h2>
                <label for="doc-name">{tr(keys::DOCUMENT_NAME_LABEL)}</label>
                <input
                    id="doc-name"
                    type="text"
                    dir="auto"
                    required
                    maxlength="200"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <label for="doc-category">{tr(keys::DOCUMENT_CATEGORY_LABEL)}</label>
                <select
                    id="doc-category"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(c) = Category::ALL.into_iter().find(|c| c.as_str() == value) {
                            category.set(c);
                        }
                    }
                >
                    {Category::ALL
                        .into_iter()
                        .map(|c| {
                            view! {
                                <option value=c.as_str() selected=move || category.get() == c>
                                    {move || state.t(&category_key(c))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <div class="dates">
                    <div>
                        <label for="doc-issued">{tr(keys::DOCUMENT_ISSUED_LABEL)}</label>
                        <input
                            id="doc-issued"
                            type="date"
                            min="1900-01-01"
                            max="2200-12-31"
                            prop:value=move || issued_on.get()
                            on:input=move |ev| issued_on.set(event_target_value(&ev))
                        />
                    </div>
                    <div>
                        <label for="doc-expires">{tr(keys::DOCUMENT_EXPIRES_LABEL)}</label>
                        <input
                            id="doc-expires"
                            type="date"
                            min="1900-01-01"
                            max="2200-12-31"
                            aria-describedby="doc-dates-hint"
                            prop:value=move || expires_on.get()
                            on:input=move |ev| expires_on.set(event_target_value(&ev))
                        />
                    </div>
                </div>
                <p class="hint" id="doc-dates-hint">{tr(keys::DOCUMENT_DATES_HINT)}</p>
                <label for="doc-note">{tr(keys::DOCUMENT_NOTE_LABEL)}</label>
                <textarea
                    id="doc-note"
                    dir="auto"
                    rows="3"
                    maxlength="2000"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
                <button id="save" class="button primary" type="submit" disabled=move || busy.get()>
                    <Glyph icon=Icon::Save/>
                    <span>{tr(keys::SAVE)}</span>
                </button>
                <Show when=move || saved.get()>
                    <p class="notice" role="status">{tr(keys::SAVED)}</p>
                </Show>
            </form>
        </section>
    }
}

/// A date as a date field holds it: `YYYY-MM-DD`, or empty.
fn date_field(date: Option<DocumentDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}
