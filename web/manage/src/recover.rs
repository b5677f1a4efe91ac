//! A forgotten secret: open the wallet with the recovery sheet and choose a new secret. Every
//! other open session of the wallet ends. The key is typed, or read from the sheet's QR code
//! with the camera: each frame goes to pde-qr's reader (loaded on demand, as this module is),
//! nothing leaves the browser, and the camera stops as soon as a key is read, the holder stops
//! it, or the screen goes.

use std::cell::RefCell;

use crate::texts::{keys, tr};
use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use pde_web::page::components::{Alert, Glyph, Icon};
use pde_web::page::managed::exits;
use pde_web::page::state::AppState;
use pde_web::protocol::{Command, Failure, Reply, Secret};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream,
    MediaStreamConstraints, MediaStreamTrack,
};

thread_local! {
    /// `boot.js`'s QR code reader: `(rgba, width, height)` → a promise of the text read
    /// (empty when none).
    static QR_READER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Keeps `boot.js`'s QR code reader.
pub fn set_qr_reader(reader: Function) {
    QR_READER.with(|r| *r.borrow_mut() = Some(reader));
}

/// Time between two frames read: a few a second is quick for a person holding a sheet up.
const FRAME_PAUSE_MS: i32 = 200;

/// Why the camera gave no key.
enum ScanEnd {
    /// Stopped by the holder, or the screen went.
    Stopped,
    /// No camera, or the browser (or the holder) refused it.
    Unavailable,
}

/// Recover with the recovery key.
#[component]
pub fn RecoverPage() -> impl IntoView {
    let state = AppState::get();
    let login = RwSignal::new(String::new());
    let recovery_key = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scanning = RwSignal::new(false);
    // What the camera said last (a key read, or a QR code that is no key).
    let scan_status = RwSignal::new(None::<&'static str>);
    let video = NodeRef::<leptos::html::Video>::new();
    let new_secret = NodeRef::<leptos::html::Input>::new();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if secret.get_untracked() != repeat.get_untracked() {
            error.set(Some(crate::texts::t(state, keys::CREATE_SECRET_MISMATCH)));
            return;
        }
        scanning.set(false);
        busy.set(true);
        error.set(None);
        let command = Command::Recover {
            login: login.get_untracked(),
            recovery_key: Secret::new(recovery_key.get_untracked()),
            new_secret: Secret::new(secret.get_untracked()),
        };
        leptos::task::spawn_local(async move {
            let result = crate::relay::ask(command).await;
            let _ = busy.try_set(false);
            match result {
                // The page's relay took the wallet from the reply: the page opens it.
                Ok(Reply::Unlocked { .. }) => {
                    recovery_key.set(String::new());
                    secret.set(String::new());
                    repeat.set(String::new());
                    crate::relay::leave(exits::UNLOCKED);
                }
                Ok(_) => error.set(state.fail(Failure::unexpected_reply())),
                Err(failure) => error.set(Some(state.failure_text(&failure))),
            }
        });
    };

    let start_scan = move |_| {
        let Some(video) = video.get_untracked() else {
            return;
        };
        error.set(None);
        scan_status.set(None);
        scanning.set(true);
        leptos::task::spawn_local(async move {
            let read = scan(&video, scanning, scan_status).await;
            let _ = scanning.try_set(false);
            match read {
                Ok(key) => {
                    recovery_key.set(key);
                    scan_status.set(Some(keys::RECOVER_SCAN_READ));
                    if let Some(input) = new_secret.get_untracked() {
                        let _ = input.focus();
                    }
                }
                Err(ScanEnd::Stopped) => {}
                Err(ScanEnd::Unavailable) => {
                    let _ =
                        error.try_set(Some(crate::texts::t(state, keys::RECOVER_SCAN_UNAVAILABLE)));
                }
            }
        });
    };

    view! {
        <section class="page narrow">
            <h1 tabindex="-1">
                <Glyph icon=Icon::Key/>
                <span>{tr(keys::RECOVER_TITLE)}</span>
            </h1>
            <p class="lead">{tr(keys::RECOVER_LEAD)}</p>
            <form on:submit=submit>
                <label for="recover-login">{tr(keys::UNLOCK_LOGIN_LABEL)}</label>
                <input
                    id="recover-login"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    required
                    prop:value=move || login.get()
                    on:input=move |ev| login.set(event_target_value(&ev))
                />
                <label for="recovery-key-input">{tr(keys::RECOVER_KEY_LABEL)}</label>
                <p class="hint" id="recovery-key-hint">{tr(keys::RECOVER_KEY_HINT)}</p>
                <input
                    id="recovery-key-input"
                    type="text"
                    dir="ltr"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby="recovery-key-hint"
                    required
                    prop:value=move || recovery_key.get()
                    on:input=move |ev| recovery_key.set(event_target_value(&ev))
                />
                <div class="scan">
                    <Show
                        when=move || scanning.get()
                        fallback=move || view! {
                            <button id="scan-start" class="button" type="button" on:click=start_scan>
                                <Glyph icon=Icon::Camera/>
                                <span>{tr(keys::RECOVER_SCAN)}</span>
                            </button>
                        }
                    >
                        <p class="hint">{tr(keys::RECOVER_SCAN_HINT)}</p>
                        <button id="scan-stop" class="button" type="button" on:click=move |_| scanning.set(false)>
                            <span>{tr(keys::RECOVER_SCAN_STOP)}</span>
                        </button>
                    </Show>
                    <video
                        id="scan-video"
                        class="scanner"
                        node_ref=video
                        hidden=move || !scanning.get()
                        muted
                        playsinline
                        aria-hidden="true"
                    ></video>
                    <p id="scan-status" role="status">
                        {move || scan_status.get().map(|key| crate::texts::t(state, key))}
                    </p>
                </div>
                <label for="new-secret">{tr(keys::RECOVER_NEW_SECRET_LABEL)}</label>
                <input
                    id="new-secret"
                    type="password"
                    autocomplete="new-password"
                    required
                    node_ref=new_secret
                    prop:value=move || secret.get()
                    on:input=move |ev| secret.set(event_target_value(&ev))
                />
                <label for="new-secret-repeat">{tr(keys::CREATE_SECRET_REPEAT_LABEL)}</label>
                <input
                    id="new-secret-repeat"
                    type="password"
                    autocomplete="new-password"
                    required
                    prop:value=move || repeat.get()
                    on:input=move |ev| repeat.set(event_target_value(&ev))
                />
                <Alert message=Signal::derive(move || error.get())/>
                <button id="recover-submit" class="button big primary" type="submit" disabled=move || busy.get()>
                    <Glyph icon=Icon::Key/>
                    <span>
                        {move || {
                            if busy.get() { crate::texts::t(state, keys::UNLOCK_WORKING) } else { crate::texts::t(state, keys::RECOVER_SUBMIT) }
                        }}
                    </span>
                </button>
            </form>
            <button class="button link" on:click=move |_| crate::relay::leave(exits::UNLOCK)>
                <Glyph icon=Icon::Back/>
                <span>{tr(keys::BACK)}</span>
            </button>
        </section>
    }
}

/// Stops the camera when dropped, whichever way the reading ends.
struct Camera(MediaStream);

impl Drop for Camera {
    fn drop(&mut self) {
        for track in self.0.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                track.stop();
            }
        }
    }
}

/// Films into `video` and reads each frame until a recovery key is found (its text), the holder
/// stops (`scanning` false) or the screen goes. A QR code that is no recovery key is said in
/// `status`, and the reading goes on.
async fn scan(
    video: &HtmlVideoElement,
    scanning: RwSignal<bool>,
    status: RwSignal<Option<&'static str>>,
) -> Result<String, ScanEnd> {
    let camera = Camera(open_camera().await.ok_or(ScanEnd::Unavailable)?);
    video.set_src_object(Some(&camera.0));
    if let Ok(playing) = video.play() {
        let _ = JsFuture::from(playing).await;
    }
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into().ok())
        .ok_or(ScanEnd::Unavailable)?;
    // Read back every frame: the browser keeps the picture where reading it is quick.
    let options = Object::new();
    let _ = Reflect::set(&options, &"willReadFrequently".into(), &true.into());
    let context: CanvasRenderingContext2d = canvas
        .get_context_with_context_options("2d", &options)
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(ScanEnd::Unavailable)?;
    let reader = QR_READER
        .with(|r| r.borrow().clone())
        .ok_or(ScanEnd::Unavailable)?;
    let found = loop {
        crate::relay::pause(FRAME_PAUSE_MS).await;
        if !scanning.try_get_untracked().unwrap_or(false) || !video.is_connected() {
            break Err(ScanEnd::Stopped);
        }
        let (width, height) = (video.video_width(), video.video_height());
        if width == 0 || height == 0 {
            continue;
        }
        let text = read_frame(video, &canvas, &context, &reader, width, height)
            .await
            .unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        if pde_crypto::wallet::RecoveryKey::parse(&text).is_ok() {
            break Ok(text);
        }
        let _ = status.try_set(Some(keys::RECOVER_SCAN_NOT_KEY));
    };
    video.set_src_object(None);
    drop(camera);
    found
}

/// The camera facing away from the holder where there is one (a phone's back camera), without
/// sound; `None` when there is none or it is refused.
async fn open_camera() -> Option<MediaStream> {
    let devices = web_sys::window()?.navigator().media_devices().ok()?;
    let video = Object::new();
    let _ = Reflect::set(&video, &"facingMode".into(), &"environment".into());
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&video);
    constraints.set_audio(&false.into());
    let asking = devices.get_user_media_with_constraints(&constraints).ok()?;
    JsFuture::from(asking).await.ok()?.dyn_into().ok()
}

/// The text of the QR code in the video's current frame (empty when none).
async fn read_frame(
    video: &HtmlVideoElement,
    canvas: &HtmlCanvasElement,
    context: &CanvasRenderingContext2d,
    reader: &Function,
    width: u32,
    height: u32,
) -> Option<String> {
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    context
        .draw_image_with_html_video_element(video, 0.0, 0.0)
        .ok()?;
    let frame = context
        .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
        .ok()?;
    // The pixels stay in JavaScript on their way to the reader (no copy into this module).
    let rgba = Reflect::get(&frame, &"data".into()).ok()?;
    let reading: Promise = reader
        .call3(&JsValue::NULL, &rgba, &width.into(), &height.into())
        .ok()?
        .dyn_into()
        .ok()?;
    JsFuture::from(reading).await.ok()?.as_string()
}
