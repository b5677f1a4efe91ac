//! "Take my documents with me" (GDPR articles 15 and 20): every document of the open part in its
//! original form, with an index a person reads (name, category, dates, "received, sender not
//! verified") and what the server holds about the wallet — as a plain ZIP, or locked by a
//! passphrase for a USB stick (`pde-archive`). Written to disk as it goes through the File
//! System Access API where the browser has it; elsewhere as downloads of at most 100 MiB each.
//! Never through a service worker: the kiosk promises none.

use crate::texts::{keys, tr};
use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use leptos::prelude::*;
use pde_archive::volumes::{plan, VOLUME_LIMIT};
use pde_archive::write::{ArchiveWriter, Protection};
use pde_archive::IndexEntry;
use pde_web::page::components::{print_page, Alert, AllowDownloads, Glyph, Icon};
use pde_web::page::state::{category_key, now_seconds, AppState, Screen};
use pde_web::protocol::{Command, DepositView, DocumentView, Failure, GrantView, Reply};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

use crate::relay::{breathe, unexpected};

/// What the holder takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    Locked,
}

/// A volume ready to save: its file name and the address of its bytes in the browser.
#[derive(Clone, PartialEq)]
struct Saved {
    name: String,
    url: String,
}

#[component]
pub fn ExportPage() -> impl IntoView {
    let state = AppState::get();
    let kind = RwSignal::new(Kind::Plain);
    let own = RwSignal::new(false);
    let generated = StoredValue::new_local(pde_archive::passphrase::generate());
    let shown_key = generated.with_value(|key| key.to_string());
    let noted = RwSignal::new(false);
    let chosen = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<(u32, u32)>);
    let saved = RwSignal::new(Vec::<Saved>::new());
    let damaged = RwSignal::new(0u32);
    let done = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let asking_downloads = RwSignal::new(false);
    on_cleanup(move || {
        for volume in saved.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&volume.url);
        }
    });

    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let passphrase = match kind.get_untracked() {
            Kind::Plain => None,
            Kind::Locked if own.get_untracked() => {
                let typed = chosen.get_untracked();
                if pde_archive::passphrase::check_chosen(&typed).is_err() {
                    error.set(Some(crate::texts::t(state, keys::EXPORT_OWN_WEAK)));
                    return;
                }
                Some(Zeroizing::new(typed.trim().to_owned()))
            }
            Kind::Locked => Some(generated.with_value(|key| key.clone())),
        };
        let extension = if passphrase.is_some() { "age" } else { "zip" };
        // The file picker must be asked for while the click still counts as the holder's.
        let picker = save_file_picker(&format!("pde-{}.{extension}", day_stamp()));
        busy.set(true);
        done.set(false);
        damaged.set(0);
        leptos::task::spawn_local(async move {
            let result = run(
                state, picker, passphrase, extension, progress, saved, damaged,
            )
            .await;
            busy.set(false);
            progress.set(None);
            match result {
                Ok(true) => {
                    chosen.set(String::new());
                    done.set(true);
                }
                Ok(false) => {}
                Err(failure) => error.set(state.fail(failure)),
            }
        });
    };

    let downloads_off = move || state.kiosk.get() && !state.downloads_allowed.get();
    let ready = move || {
        !busy.get() && (kind.get() == Kind::Plain || own.get() || noted.get()) && !downloads_off()
    };
    let groups: Vec<String> = shown_key.split('-').map(str::to_owned).collect();

    view! {
        <section class="page narrow">
            <button class="button link" on:click=move |_| state.screen.set(Screen::Security)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::SECURITY_TITLE)}</span>
            </button>
            <h1 tabindex="-1">
                <Glyph icon=Icon::Download/>
                <span>{tr(keys::EXPORT_TITLE)}</span>
            </h1>
            <Show when=downloads_off>
                <p class="notice" id="export-downloads-off">
                    <Glyph icon=Icon::Warning/>
                    <span>{tr(keys::KIOSK_DOWNLOADS_WARNING)}</span>
                </p>
                <button id="export-downloads-on" class="button" on:click=move |_| asking_downloads.set(true)>
                    <Glyph icon=Icon::Download/>
                    <span>{tr(keys::KIOSK_DOWNLOADS_YES)}</span>
                </button>
            </Show>
            <form on:submit=start>
                <fieldset class="choices" disabled=move || busy.get()>
                    <label class="option big" for="export-zip">
                        <input
                            id="export-zip"
                            type="radio"
                            name="export-kind"
                            prop:checked=move || kind.get() == Kind::Plain
                            on:change=move |_| kind.set(Kind::Plain)
                        />
                        <span>
                            <strong>{tr(keys::EXPORT_ZIP)}</strong>
                            <span class="hint">{tr(keys::EXPORT_ZIP_HINT)}</span>
                        </span>
                    </label>
                    <label class="option big" for="export-locked">
                        <input
                            id="export-locked"
                            type="radio"
                            name="export-kind"
                            prop:checked=move || kind.get() == Kind::Locked
                            on:change=move |_| kind.set(Kind::Locked)
                        />
                        <span>
                            <strong>{tr(keys::EXPORT_LOCKED)}</strong>
                            <span class="hint">{tr(keys::EXPORT_LOCKED_HINT)}</span>
                        </span>
                    </label>
                </fieldset>
                <Show when=move || kind.get() == Kind::Locked>
                    <Show
                        when=move || own.get()
                        fallback={
                            let groups = groups.clone();
                            move || {
                                let groups = groups.clone();
                                view! {
                                    <section class="recovery-sheet" aria-labelledby="archive-key-title">
                                        <h2 id="archive-key-title">{tr(keys::EXPORT_KEY_TITLE)}</h2>
                                        <p class="warning-text">{tr(keys::EXPORT_KEY_TEXT)}</p>
                                        <ol class="recovery-key" id="archive-key" dir="ltr">
                                            {groups.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
                                        </ol>
                                    </section>
                                    <div class="actions">
                                        <button class="button" type="button" on:click=move |_| print_page()>
                                            <Glyph icon=Icon::Print/>
                                            <span>{tr(keys::PRINT)}</span>
                                        </button>
                                    </div>
                                    <label class="option" for="archive-key-noted">
                                        <input
                                            id="archive-key-noted"
                                            type="checkbox"
                                            prop:checked=move || noted.get()
                                            on:change=move |ev| noted.set(event_target_checked(&ev))
                                        />
                                        <span>{tr(keys::EXPORT_KEY_NOTED)}</span>
                                    </label>
                                }
                            }
                        }
                    >
                        <label for="archive-own">{tr(keys::EXPORT_OWN_LABEL)}</label>
                        <p class="hint" id="archive-own-hint">{tr(keys::EXPORT_OWN_HINT)}</p>
                        <input
                            id="archive-own"
                            type="text"
                            autocomplete="off"
                            spellcheck="false"
                            aria-describedby="archive-own-hint"
                            prop:value=move || chosen.get()
                            on:input=move |ev| chosen.set(event_target_value(&ev))
                        />
                    </Show>
                    <label class="option" for="archive-own-choice">
                        <input
                            id="archive-own-choice"
                            type="checkbox"
                            prop:checked=move || own.get()
                            on:change=move |ev| own.set(event_target_checked(&ev))
                        />
                        <span>{tr(keys::EXPORT_OWN)}</span>
                    </label>
                </Show>
                <Alert message=Signal::derive(move || error.get())/>
                <crate::relay::ProgressRow id="export-progress" progress=progress/>
                <button id="export-start" class="button big primary" type="submit" disabled=move || !ready()>
                    <Glyph icon=Icon::Download/>
                    <span>{move || if busy.get() { crate::texts::t(state, keys::EXPORT_PREPARING) } else { crate::texts::t(state, keys::EXPORT_START) }}</span>
                </button>
            </form>
            <Show when=move || done.get()>
                <p class="notice" id="export-done" role="status">
                    <Glyph icon=Icon::Check/>
                    <span>
                        {move || if saved.get().is_empty() { crate::texts::t(state, keys::EXPORT_DONE) } else { crate::texts::t(state, keys::EXPORT_READY) }}
                    </span>
                </p>
            </Show>
            <Show when=move || { damaged.get() > 0 }>
                <p class="notice warning" id="export-damaged">
                    <Glyph icon=Icon::Warning/>
                    <span>{move || crate::texts::t_with(state, keys::EXPORT_DAMAGED, &[("count", damaged.get().into())])}</span>
                </p>
            </Show>
            <div class="actions" id="export-volumes">
                {move || {
                    let volumes = saved.get();
                    let count = volumes.len();
                    volumes.into_iter().enumerate().map(|(i, volume)| view! {
                        <a class="button big" href=volume.url download=volume.name>
                            <Glyph icon=Icon::Download/>
                            <span>
                                {move || crate::texts::t_with(state, keys::EXPORT_SAVE, &[("number", (i + 1).into()), ("count", count.into())])}
                            </span>
                        </a>
                    }).collect_view()
                }}
            </div>
            <AllowDownloads open=asking_downloads text_id="export-downloads-warning" yes_id="export-downloads-yes"/>
        </section>
    }
}

/// Today as `YYYY-MM-DD`, for file names.
fn day_stamp() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The browser's "save as" for one file written as it goes, when it has one: the promise of a
/// file handle (`None`: downloads in volumes instead).
fn save_file_picker(suggested: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let picker = Reflect::get(&window, &"showSaveFilePicker".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"suggestedName".into(), &suggested.into());
    picker
        .call1(&window, &options)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// Calls `object.name(args…)` and waits for the promise it returns.
async fn call_async(object: &JsValue, name: &str, args: &Array) -> Result<JsValue, Failure> {
    let method = Reflect::get(object, &name.into())
        .and_then(|m| m.dyn_into::<Function>())
        .map_err(unexpected)?;
    let promise = method
        .apply(object, args)
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
        .map_err(unexpected)?;
    JsFuture::from(promise).await.map_err(unexpected)
}

/// Where the archive's bytes go.
enum Output {
    /// A file on disk, written as it goes.
    File(JsValue),
    /// The current volume's pieces, outside WebAssembly's memory.
    Volumes(Array),
}

impl Output {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        if bytes.is_empty() {
            return Ok(());
        }
        let chunk = Uint8Array::from(bytes);
        match self {
            Output::File(writable) => {
                call_async(writable, "write", &Array::of1(&chunk)).await?;
            }
            Output::Volumes(parts) => {
                parts.push(&chunk);
            }
        }
        Ok(())
    }
}

async fn ask_for<T>(command: Command, pick: impl FnOnce(Reply) -> Option<T>) -> Result<T, Failure> {
    pick(crate::relay::ask(command).await?).ok_or_else(Failure::unexpected_reply)
}

/// The export itself; `Ok(false)` when the holder closed the file picker.
async fn run(
    state: AppState,
    picker: Option<js_sys::Promise>,
    passphrase: Option<Zeroizing<String>>,
    extension: &'static str,
    progress: RwSignal<Option<(u32, u32)>>,
    saved: RwSignal<Vec<Saved>>,
    damaged: RwSignal<u32>,
) -> Result<bool, Failure> {
    progress.set(Some((0, 0)));
    let mut output = match picker {
        Some(picker) => match JsFuture::from(picker).await {
            Ok(handle) => Output::File(call_async(&handle, "createWritable", &Array::new()).await?),
            // Closed without choosing: nothing happens.
            Err(_) => return Ok(false),
        },
        None => Output::Volumes(Array::new()),
    };
    let documents = ask_for(Command::List, |r| match r {
        Reply::Documents(view) => Some(view),
        _ => None,
    })
    .await?;
    let created_at = ask_for(Command::About, |r| match r {
        Reply::About { created_at } => Some(created_at),
        _ => None,
    })
    .await?;
    let grants = ask_for(Command::Grants, |r| match r {
        Reply::Grants(grants) => Some(grants),
        _ => None,
    })
    .await?;
    let deposits = ask_for(Command::Deposits, |r| match r {
        Reply::Deposits(deposits) => Some(deposits),
        _ => None,
    })
    .await?;
    let server_part = server_facts(state, created_at, &documents, &grants, &deposits);

    let total = documents.documents.len() as u32;
    let volumes = match output {
        Output::File(_) => vec![(0..documents.documents.len()).collect()],
        Output::Volumes(_) => plan(
            &documents
                .documents
                .iter()
                .map(|d| d.size)
                .collect::<Vec<_>>(),
            VOLUME_LIMIT,
        ),
    };
    let count = volumes.len();
    let mut finished = 0u32;
    for (number, volume) in volumes.iter().enumerate() {
        // Locking runs scrypt at a high work factor: the page says so first.
        progress.set(Some((finished, total)));
        breathe().await;
        let protection = match &passphrase {
            Some(passphrase) => Protection::Passphrase {
                passphrase: passphrase.as_str().to_owned().into(),
                work_factor: pde_archive::passphrase::WORK_FACTOR,
            },
            None => Protection::None,
        };
        let mut writer = ArchiveWriter::new(protection).map_err(unexpected)?;
        let mut lines = Vec::new();
        for &place in volume {
            let document = &documents.documents[place];
            match add_document(state, &mut writer, document).await {
                Ok(line) => lines.push(line),
                Err(Failure::Tampered) => damaged.update(|d| *d += 1),
                Err(failure) => return Err(failure),
            }
            // What was written holds a document in the clear: wiped once handed on.
            output.write(&Zeroizing::new(writer.take())).await?;
            finished += 1;
            progress.set(Some((finished, total)));
        }
        let mut read_me = crate::texts::t_with(
            state,
            keys::EXPORT_INDEX_TITLE,
            &[("date", state.date(now_seconds()).into())],
        );
        if count > 1 {
            read_me.push('\n');
            read_me.push_str(&crate::texts::t_with(
                state,
                keys::EXPORT_INDEX_PART,
                &[("number", (number + 1).into()), ("count", count.into())],
            ));
        }
        read_me.push_str("\n\n");
        for line in lines {
            read_me.push_str(&line);
            read_me.push_str("\n\n");
        }
        read_me.push_str(&server_part);
        let last = Zeroizing::new(writer.finish(&read_me, now_seconds()).map_err(unexpected)?);
        output.write(&last).await?;
        if let Output::Volumes(parts) = &output {
            let name = if count > 1 {
                format!("pde-{}-{}.{extension}", day_stamp(), number + 1)
            } else {
                format!("pde-{}.{extension}", day_stamp())
            };
            let url = volume_url(parts)?;
            saved.update(|s| s.push(Saved { name, url }));
            output = Output::Volumes(Array::new());
        }
    }
    if let Output::File(writable) = &output {
        call_async(writable, "close", &Array::new()).await?;
    }
    Ok(true)
}

/// The pieces of a volume as one `Blob`, and its address.
fn volume_url(parts: &Array) -> Result<String, Failure> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)
        .map_err(unexpected)?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(unexpected)
}

/// Opens one document (through the vault, which checks it) into the archive; its line of the
/// index a person reads.
async fn add_document(
    state: AppState,
    writer: &mut ArchiveWriter,
    document: &DocumentView,
) -> Result<String, Failure> {
    let (reply, blob) = crate::relay::call(Command::Open { id: document.id }, None, None).await?;
    let (Reply::Opened { mime, .. }, Some(blob)) = (reply, blob) else {
        return Err(Failure::unexpected_reply());
    };
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(unexpected)?;
    let content = Zeroizing::new(Uint8Array::new(&buffer).to_vec());
    let saved = pde_photo::saved_name(&document.name, &mime, true);
    let entry = IndexEntry {
        file: String::new(),
        name: document.name.clone(),
        category: document.category.as_str().to_owned(),
        note: document.note.clone(),
        added_at: document.created_at,
        received_from: document.received_from.clone(),
        issued_on: document.issued_on.map(|d| d.to_string()),
        expires_on: document.expires_on.map(|d| d.to_string()),
    };
    let file = writer
        .add_document(&saved, &content, entry)
        .map_err(unexpected)?;
    let mut line = format!(
        "{file}\n  {} · {} · {}",
        document.name,
        crate::texts::t(state, &category_key(document.category)),
        crate::texts::t_with(
            state,
            keys::EXPORT_INDEX_ADDED,
            &[("date", state.date(document.created_at).into())]
        ),
    );
    for (key, date) in [
        (keys::DOCUMENT_ISSUED_LABEL, document.issued_on),
        (keys::DOCUMENT_EXPIRES_LABEL, document.expires_on),
    ] {
        if let Some(date) = date {
            line.push_str(&format!(
                "\n  {} {}",
                crate::texts::t(state, key),
                state.calendar_date(date)
            ));
        }
    }
    if let Some(label) = &document.received_from {
        line.push_str("\n  ");
        line.push_str(&crate::texts::t_with(
            state,
            keys::IMPORT_RECEIVED,
            &[("label", label.clone().into())],
        ));
    }
    if !document.note.is_empty() {
        line.push_str("\n  ");
        line.push_str(&document.note.replace('\n', "\n  "));
    }
    Ok(line)
}

/// What the server holds about the wallet, as the holder reads it.
fn server_facts(
    state: AppState,
    created_at: i64,
    documents: &pde_web::protocol::DocumentsView,
    grants: &[GrantView],
    deposits: &[DepositView],
) -> String {
    let mut text = crate::texts::t(state, keys::EXPORT_INDEX_SERVER);
    let mut line = |item: String| {
        text.push_str("\n- ");
        text.push_str(&item);
    };
    line(crate::texts::t_with(
        state,
        keys::EXPORT_INDEX_CREATED,
        &[("date", state.date(created_at).into())],
    ));
    line(crate::texts::t_with(
        state,
        keys::WALLET_QUOTA,
        &[
            ("used", state.size(documents.used_bytes).into()),
            ("quota", state.size(documents.quota_bytes).into()),
        ],
    ));
    for document in &documents.documents {
        line(format!("{}: {}", document.name, state.size(document.size)));
    }
    for grant in grants {
        let mut item = crate::texts::t_with(
            state,
            keys::EXPORT_INDEX_LINK,
            &[
                ("label", grant.label.clone().into()),
                ("made", state.date(grant.created_at).into()),
                ("until", state.date(grant.expires_at).into()),
            ],
        );
        for opened in &grant.opened_at {
            item.push_str("\n    ");
            item.push_str(&crate::texts::t_with(
                state,
                keys::EXPORT_INDEX_OPENED,
                &[("time", state.date_time(*opened).into())],
            ));
        }
        line(item);
    }
    for deposit in deposits {
        line(crate::texts::t_with(
            state,
            keys::EXPORT_INDEX_DEPOSIT,
            &[
                ("label", deposit.label.clone().into()),
                ("made", state.date(deposit.created_at).into()),
                ("count", deposit.files_received.into()),
            ],
        ));
    }
    text.push('\n');
    text
}
