//! A locked archive (or a plain one PDE made) put back into the open wallet: each document goes
//! through the same sealing as any document added, then gets its name, category and note back.
//! A document received through a link says so in its note: the import does not make a
//! depositor's document look like the holder's own.

use crate::texts::{keys, tr};
use js_sys::Uint8Array;
use leptos::prelude::*;
use pde_archive::read::{is_locked, ArchiveReader};
use pde_archive::{ArchiveError, IndexEntry};
use pde_crypto::metadata::{Category, DocumentDate};
use pde_web::page::components::{Alert, Glyph, Icon};
use pde_web::page::state::{AppState, Screen};
use pde_web::protocol::{Command, Failure, Reply};

use crate::relay::{breathe, unexpected};
use wasm_bindgen_futures::JsFuture;

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = AppState::get();
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<(u32, u32)>);
    let imported = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let chosen = RwSignal::new(String::new());

    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        imported.set(None);
        let Some(files) = input.get_untracked().and_then(|i| i.files()) else {
            return;
        };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        if files.is_empty() {
            error.set(Some(crate::texts::t(state, keys::IMPORT_FILE)));
            return;
        }
        busy.set(true);
        let typed = pde_archive::passphrase::normalise(&passphrase.get_untracked());
        leptos::task::spawn_local(async move {
            let mut count = 0u32;
            let result = async {
                let max_bytes = max_document_bytes().await?;
                for file in &files {
                    import_file(state, file, &typed, max_bytes, progress, &mut count).await?;
                }
                Ok::<(), Problem>(())
            }
            .await;
            busy.set(false);
            progress.set(None);
            // What was put back before a failure stays, and is told.
            if count > 0 || result.is_ok() {
                imported.set(Some(count));
            }
            match result {
                Ok(()) => passphrase.set(String::new()),
                Err(Problem::Archive(ArchiveError::WrongPassphrase | ArchiveError::TooCostly)) => {
                    error.set(Some(crate::texts::t(state, keys::IMPORT_WRONG)));
                }
                Err(Problem::Archive(_)) => {
                    error.set(Some(crate::texts::t(state, keys::IMPORT_NOT_ARCHIVE)))
                }
                Err(Problem::Vault(failure)) => error.set(state.fail(failure)),
            }
        });
    };

    view! {
        <section class="page narrow">
            <button class="button link" on:click=move |_| state.screen.set(Screen::Security)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::SECURITY_TITLE)}</span>
            </button>
            <h1 tabindex="-1">
                <Glyph icon=Icon::Add/>
                <span>{tr(keys::IMPORT_TITLE)}</span>
            </h1>
            <p class="lead">{tr(keys::IMPORT_LEAD)}</p>
            <form on:submit=start>
                <label class="button big file-button">
                    <Glyph icon=Icon::Add/>
                    <span>{tr(keys::IMPORT_FILE)}</span>
                    <input
                        id="import-file"
                        class="visually-hidden"
                        type="file"
                        multiple
                        node_ref=input
                        on:change=move |_| {
                            let names = input
                                .get_untracked()
                                .and_then(|i| i.files())
                                .map(|files| {
                                    (0..files.length())
                                        .filter_map(|i| files.get(i))
                                        .map(|f| f.name())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                })
                                .unwrap_or_default();
                            chosen.set(names);
                        }
                    />
                </label>
                <p id="import-chosen" dir="auto">{move || chosen.get()}</p>
                <label for="import-passphrase">{tr(keys::IMPORT_PASSPHRASE)}</label>
                <input
                    id="import-passphrase"
                    type="text"
                    dir="ltr"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    prop:value=move || passphrase.get()
                    on:input=move |ev| passphrase.set(event_target_value(&ev))
                />
                <Alert message=Signal::derive(move || error.get())/>
                <crate::relay::ProgressRow id="import-progress" progress=progress/>
                <button
                    id="import-start"
                    class="button big primary"
                    type="submit"
                    disabled=move || busy.get() || chosen.get().is_empty()
                >
                    <Glyph icon=Icon::Add/>
                    <span>{tr(keys::IMPORT_START)}</span>
                </button>
            </form>
            {move || imported.get().map(|count| view! {
                <p class="notice" id="import-done" role="status">
                    <Glyph icon=Icon::Check/>
                    <span>{move || crate::texts::t_with(state, keys::IMPORT_DONE, &[("count", count.into())])}</span>
                </p>
                <button id="import-to-wallet" class="button big" on:click=move |_| state.screen.set(Screen::Wallet)>
                    <Glyph icon=Icon::Open/>
                    <span>{tr(keys::BACK_TO_WALLET)}</span>
                </button>
            })}
        </section>
    }
}

/// Why an import stopped.
enum Problem {
    Archive(ArchiveError),
    Vault(Failure),
}

impl From<Failure> for Problem {
    fn from(failure: Failure) -> Self {
        Problem::Vault(failure)
    }
}

impl From<ArchiveError> for Problem {
    fn from(error: ArchiveError) -> Self {
        Problem::Archive(error)
    }
}

/// The server's largest document (the import reads nothing larger out of an archive).
async fn max_document_bytes() -> Result<u64, Problem> {
    match crate::relay::ask(Command::ServerInfo).await? {
        Reply::ServerInfo(info) => Ok(info.max_document_bytes),
        _ => Err(Failure::unexpected_reply().into()),
    }
}

/// Puts every document of one archive file into the wallet, counting them in `count`.
async fn import_file(
    state: AppState,
    file: &web_sys::File,
    passphrase: &str,
    max_bytes: u64,
    progress: RwSignal<Option<(u32, u32)>>,
    count: &mut u32,
) -> Result<(), Problem> {
    progress.set(Some((0, 0)));
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(unexpected)?;
    let bytes = Uint8Array::new(&buffer).to_vec();
    // Opening a locked archive runs scrypt at a high work factor: the page says so first.
    if is_locked(&bytes) {
        breathe().await;
    }
    let mut reader = ArchiveReader::open(
        bytes,
        Some(passphrase.to_owned().into()),
        pde_archive::passphrase::WORK_FACTOR,
    )?;
    let entries = reader.index().documents.clone();
    let total = entries.len() as u32;
    for (done, entry) in entries.into_iter().enumerate() {
        progress.set(Some((done as u32, total)));
        let content =
            zeroize::Zeroizing::new(reader.read(&entry.file, max_bytes.saturating_mul(2))?);
        put_back(state, &entry, &content).await?;
        *count += 1;
    }
    Ok(())
}

/// One document added as any other, then its name, category and note as they were.
async fn put_back(state: AppState, entry: &IndexEntry, content: &[u8]) -> Result<(), Failure> {
    let category = serde_json::from_value::<Category>(entry.category.clone().into())
        .unwrap_or(Category::Other);
    let parts = js_sys::Array::of1(&Uint8Array::from(content));
    let file =
        web_sys::File::new_with_u8_array_sequence(&parts, &entry.file).map_err(unexpected)?;
    let (reply, _) = crate::relay::call(
        Command::Add {
            category,
            name: None,
        },
        Some(file),
        None,
    )
    .await?;
    let Reply::Added { id } = reply else {
        return Err(Failure::unexpected_reply());
    };
    let note = match &entry.received_from {
        Some(label) => {
            let received = crate::texts::t_with(
                state,
                keys::IMPORT_RECEIVED,
                &[("label", label.clone().into())],
            );
            if entry.note.is_empty() {
                received
            } else {
                format!("{received}\n{}", entry.note)
            }
        }
        None => entry.note.clone(),
    };
    match crate::relay::ask(Command::Update {
        id,
        name: entry.name.clone(),
        category,
        note,
        issued_on: entry.issued_on.as_deref().and_then(DocumentDate::parse),
        expires_on: entry.expires_on.as_deref().and_then(DocumentDate::parse),
    })
    .await?
    {
        Reply::Done => Ok(()),
        _ => Err(Failure::unexpected_reply()),
    }
}
