//! The console's screens: enrolment (from the link the operator gave), the confirmation code,
//! login, and the home screen (one's passkeys, the audit log).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use pde_api::admin::{
    self as api, AdminErrorCode, AdminMe, AdminRole, AssertionFinish, AuditEntry, BatchMade,
    EnrolStartRequest, PasskeyInfo, RegistrationFinish,
};
use pde_api::endpoints::NoBody;
use wasm_bindgen::{JsCast, JsValue};

use crate::texts::{Lang, Texts};

mod announcements;
mod feedback;
mod four_languages;
mod invitations;
mod statistics;
use crate::transport::{self, assert_passkey, call, create_passkey, let_the_page_draw, Failure};

thread_local! {
    static TEXTS: RefCell<HashMap<Lang, Rc<Texts>>> = RefCell::new(HashMap::new());
}

fn texts(lang: Lang) -> Rc<Texts> {
    TEXTS.with(|cache| {
        cache
            .borrow_mut()
            .entry(lang)
            .or_insert_with(|| Rc::new(Texts::new(lang)))
            .clone()
    })
}

#[derive(Clone, Debug, PartialEq)]
enum Screen {
    Loading,
    Login,
    Enrol(String),
    Code {
        code: String,
        valid_until: i64,
    },
    Home(AdminMe),
    /// A batch just made: its slips, to print now.
    Slips {
        me: AdminMe,
        made: BatchMade,
    },
}

/// What every screen shares.
#[derive(Clone, Copy)]
struct Ui {
    lang: RwSignal<Lang>,
    screen: RwSignal<Screen>,
    /// The message key of the last failure.
    error: RwSignal<Option<String>>,
    /// The message key of the last piece of news.
    notice: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
}

impl Ui {
    fn t(self, key: &str) -> String {
        texts(self.lang.get()).t(key)
    }

    fn t_with(self, key: &str, args: &[(&str, &str)]) -> String {
        texts(self.lang.get()).t_with(key, args)
    }

    fn fail(self, failure: Failure) {
        self.busy.set(false);
        if failure == Failure::Refused(AdminErrorCode::NotSignedIn) {
            self.screen.set(Screen::Login);
            self.notice.set(Some("session-ended".to_owned()));
            self.error.set(None);
        } else {
            self.error.set(Some(failure.key()));
        }
    }

    /// Runs a step: busy meanwhile, its failure shown.
    fn run(self, step: impl std::future::Future<Output = Result<(), Failure>> + 'static) {
        self.run_boxed(Box::pin(step));
    }

    /// [`Ui::run`]'s work, once in the bundle rather than once per step.
    fn run_boxed(
        self,
        step: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), Failure>>>>,
    ) {
        self.busy.set(true);
        self.error.set(None);
        self.notice.set(None);
        spawn_local(async move {
            match step.await {
                Ok(()) => self.busy.set(false),
                Err(failure) => self.fail(failure),
            }
        });
    }

    /// A time as the console's language writes it.
    fn time(self, unix_seconds: i64) -> String {
        let date = js_sys::Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
        String::from(date.to_locale_string(self.lang.get().code(), &JsValue::UNDEFINED))
    }
}

/// The enrolment link's token, taken out of the address bar at once (history keeps no copy).
fn take_enrolment_token() -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    let token = hash.strip_prefix("#enrol=")?.to_owned();
    if let (Ok(history), Ok(path)) = (window.history(), location.pathname()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
    }
    (!token.is_empty()).then_some(token)
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|window| {
            window
                .navigator()
                .languages()
                .iter()
                .filter_map(|value| value.as_string())
                .collect()
        })
        .unwrap_or_default()
}

pub fn mount() {
    let token = take_enrolment_token();
    let languages = browser_languages();
    let lang = Lang::negotiate(languages.iter().map(String::as_str));
    leptos::mount::mount_to_body(move || {
        let ui = Ui {
            lang: RwSignal::new(lang),
            screen: RwSignal::new(Screen::Loading),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
            busy: RwSignal::new(false),
        };
        Effect::new(move |_| {
            let lang = ui.lang.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.code());
            }
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(&texts(lang).t("title"));
            }
        });
        // A link pasted into a tab where the console is open already changes only the fragment.
        let _ = window_event_listener(leptos::ev::hashchange, move |_| {
            if let Some(token) = take_enrolment_token() {
                ui.error.set(None);
                ui.notice.set(None);
                ui.screen.set(Screen::Enrol(token));
            }
        });
        match token {
            Some(token) => ui.screen.set(Screen::Enrol(token)),
            None => spawn_local(async move {
                match call(api::ME, &[], &NoBody).await {
                    Ok(me) => ui.screen.set(Screen::Home(me)),
                    Err(_) => ui.screen.set(Screen::Login),
                }
            }),
        }
        view! { <Console ui=ui/> }
    });
}

#[component]
fn Console(ui: Ui) -> impl IntoView {
    view! {
        <header>
            <p class="title">{move || ui.t("title")}</p>
            <nav aria-label=move || ui.t("language")>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <button
                                class="lang"
                                lang=lang.code()
                                aria-pressed=move || (ui.lang.get() == lang).to_string()
                                on:click=move |_| ui.lang.set(lang)
                            >
                                {lang.name()}
                            </button>
                        }
                    })
                    .collect_view()}
            </nav>
        </header>
        <main>
            <p id="error" role="alert" class="error">
                {move || ui.error.get().map(|key| ui.t(&key))}
            </p>
            <p id="notice" role="status" class="notice">
                {move || ui.notice.get().map(|key| ui.t(&key))}
            </p>
            {move || match ui.screen.get() {
                Screen::Loading => view! { <p>{ui.t("working")}</p> }.into_any(),
                Screen::Login => view! { <Login ui=ui/> }.into_any(),
                Screen::Enrol(token) => view! { <Enrol ui=ui token=token/> }.into_any(),
                Screen::Code { code, valid_until } => {
                    view! { <Code ui=ui code=code valid_until=valid_until/> }.into_any()
                }
                Screen::Home(me) => view! { <Home ui=ui me=me/> }.into_any(),
                Screen::Slips { me, made } => {
                    view! { <invitations::Slips ui=ui me=me made=made/> }.into_any()
                }
            }}
            <p class="promise">{move || ui.t("no-content")}</p>
        </main>
    }
}

/// Puts the keyboard's focus on the element `id`, if it is there.
pub(crate) fn focus_by_id(id: &str) -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| element.focus().is_ok())
}

/// Links to the console's sections, under its heading: a keyboard user goes to one in two keys
/// (the browser moves the focus's starting point to the section).
#[component]
fn SectionLinks(ui: Ui, coordinator: bool) -> impl IntoView {
    let sections = [
        ("invitations", true),
        ("statistics", true),
        ("feedback", coordinator),
        ("changes", true),
        ("announcements", true),
        ("passkeys", true),
        ("audit", true),
    ];
    view! {
        <nav id="sections" aria-label=move || ui.t("sections")>
            {sections
                .into_iter()
                .filter(|(_, shown)| *shown)
                .map(|(section, _)| {
                    view! {
                        <a href=format!("#{section}")>{move || ui.t(&format!("{section}-heading"))}</a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// Starts a login; while many are under way, the server asks for a proof of work first (a
/// few seconds at most), solved here and sent with the same start.
async fn start_login(ui: Ui) -> Result<api::AssertionStarted, Failure> {
    let mut request = api::AdminLoginStart::default();
    for _ in 0..3 {
        let asked = match transport::start_login(&request).await? {
            Ok(started) => return Ok(started),
            Err(asked) => asked,
        };
        ui.notice.set(Some("login-solving".to_owned()));
        let_the_page_draw().await;
        let nonce = hex::decode(&asked.challenge)
            .ok()
            .and_then(|bytes| pde_crypto::proof::solve(&bytes))
            .ok_or(Failure::Network)?;
        ui.notice.set(None);
        request.proof = Some(api::AdminLoginProof {
            challenge: asked.challenge,
            nonce,
        });
    }
    Err(Failure::Refused(AdminErrorCode::ProofOfWorkRequired))
}

async fn log_in(ui: Ui) -> Result<(), Failure> {
    let started = start_login(ui).await?;
    let credential = assert_passkey(started.options).await?;
    let me = call(
        api::LOGIN_FINISH,
        &[],
        &AssertionFinish {
            ceremony: started.ceremony,
            credential,
        },
    )
    .await?;
    ui.screen.set(Screen::Home(me));
    Ok(())
}

#[component]
fn Login(ui: Ui) -> impl IntoView {
    view! {
        <h1>{move || ui.t("login-heading")}</h1>
        <p>{move || ui.t("login-explain")}</p>
        <button id="login" class="primary" disabled=move || ui.busy.get()
            on:click=move |_| ui.run(log_in(ui))>
            {move || ui.t("login-button")}
        </button>
    }
}

#[component]
fn Enrol(ui: Ui, token: String) -> impl IntoView {
    let label = RwSignal::new(ui.t("passkey-label-default"));
    let token = StoredValue::new(token);
    let enrol = move |_| {
        let token = token.get_value();
        let label = label.get_untracked();
        ui.run(async move {
            let started = call(api::ENROL_START, &[], &EnrolStartRequest { token }).await?;
            let credential = create_passkey(started.options).await?;
            let finished = call(
                api::ENROL_FINISH,
                &[],
                &RegistrationFinish {
                    ceremony: started.ceremony,
                    credential,
                    label,
                },
            )
            .await?;
            ui.screen.set(Screen::Code {
                code: finished.code,
                valid_until: finished.valid_until,
            });
            Ok(())
        });
    };
    view! {
        <h1>{move || ui.t("enrol-heading")}</h1>
        <p>{move || ui.t("enrol-explain")}</p>
        <label for="enrol-label">{move || ui.t("passkey-label")}</label>
        <input id="enrol-label" type="text" maxlength="60" autocomplete="off"
            prop:value=move || label.get()
            on:input=move |event| label.set(event_target_value(&event))/>
        <button id="enrol" class="primary" disabled=move || ui.busy.get() on:click=enrol>
            {move || ui.t("enrol-button")}
        </button>
    }
}

#[component]
fn Code(ui: Ui, code: String, valid_until: i64) -> impl IntoView {
    let shown = code.clone();
    // Read digit by digit by a screen reader.
    let spelled = code.chars().map(String::from).collect::<Vec<_>>().join(" ");
    view! {
        <h1>{move || ui.t("code-heading")}</h1>
        <p id="code" class="code" aria-label=spelled>
            {shown}
        </p>
        <p>{move || ui.t_with("code-explain", &[("code", &code)])}</p>
        <p>{move || ui.t_with("code-valid", &[("time", &ui.time(valid_until))])}</p>
        <button id="code-done" class="primary" on:click=move |_| {
            ui.notice.set(None);
            ui.screen.set(Screen::Login);
        }>
            {move || ui.t("code-done")}
        </button>
    }
}

/// A fresh assertion with one's own passkeys (before adding or removing one).
async fn confirm_with_passkey() -> Result<(), Failure> {
    let started = call(api::REAUTH_START, &[], &NoBody).await?;
    let credential = assert_passkey(started.options).await?;
    call(
        api::REAUTH_FINISH,
        &[],
        &AssertionFinish {
            ceremony: started.ceremony,
            credential,
        },
    )
    .await
    .map(|NoBody| ())
}

#[component]
fn Home(ui: Ui, me: AdminMe) -> impl IntoView {
    let passkeys = RwSignal::new(Vec::<PasskeyInfo>::new());
    let audit = RwSignal::new(Vec::<AuditEntry>::new());
    let load = move || async move {
        match call(api::PASSKEYS, &[], &NoBody).await {
            Ok(list) => passkeys.set(list.passkeys),
            Err(failure) => ui.fail(failure),
        }
        match call(api::AUDIT, &[], &NoBody).await {
            Ok(list) => audit.set(list.entries),
            Err(failure) => ui.fail(failure),
        }
    };
    spawn_local(load());
    // After a change the list is drawn again: the keyboard's focus goes to the section's heading
    // (or, once confirmed, to the new passkey's name) rather than back to the page's top.
    let reload_then_focus = move |id: &'static str| async move {
        load().await;
        ui.busy.set(false);
        request_animation_frame(move || {
            focus_by_id(id);
        });
    };
    // Adding or removing a passkey needs a fresh confirmation with one (five minutes).
    let fresh = RwSignal::new(false);
    let confirm = move |_| {
        ui.run(async move {
            confirm_with_passkey().await?;
            fresh.set(true);
            ui.busy.set(false);
            request_animation_frame(|| {
                focus_by_id("passkey-label");
            });
            Ok(())
        });
    };
    let guarded = move |failure: Failure| {
        if failure == Failure::Refused(AdminErrorCode::FreshAssertionNeeded) {
            fresh.set(false);
        }
        failure
    };
    let label = RwSignal::new(ui.t("passkey-label-default"));
    let add = move |_| {
        let label = label.get_untracked();
        ui.run(async move {
            let started = call(api::PASSKEY_ADD_START, &[], &NoBody)
                .await
                .map_err(guarded)?;
            let credential = create_passkey(started.options).await?;
            call(
                api::PASSKEY_ADD_FINISH,
                &[],
                &RegistrationFinish {
                    ceremony: started.ceremony,
                    credential,
                    label,
                },
            )
            .await
            .map_err(guarded)?;
            ui.notice.set(Some("passkey-added-done".to_owned()));
            reload_then_focus("passkeys-heading").await;
            Ok(())
        });
    };
    let remove = move |id: String| {
        ui.run(async move {
            call(api::REMOVE_PASSKEY, &[&id], &NoBody)
                .await
                .map_err(guarded)?;
            ui.notice.set(Some("passkey-removed".to_owned()));
            reload_then_focus("passkeys-heading").await;
            Ok(())
        });
    };
    let logout = move |_| {
        ui.run(async move {
            call(api::LOGOUT, &[], &NoBody).await?;
            ui.screen.set(Screen::Login);
            Ok(())
        });
    };
    let role_key = match me.role {
        AdminRole::Coordinator => "role-coordinator",
        AdminRole::Observer => "role-observer",
    };
    let name = me.name.clone();
    view! {
        <h1>{move || ui.t_with("home-heading", &[("name", &name)])}</h1>
        <p id="role">{move || ui.t(role_key)}</p>
        <button id="logout" disabled=move || ui.busy.get() on:click=logout>
            {move || ui.t("logout-button")}
        </button>
        <SectionLinks ui=ui coordinator=me.role == AdminRole::Coordinator/>
        <invitations::Invitations ui=ui me=me.clone()/>
        <statistics::StatisticsSection ui=ui/>
        <feedback::FeedbackSection ui=ui me=me.clone()/>
        <announcements::Announcements ui=ui me=me.clone()/>
        <section aria-labelledby="passkeys-heading" id="passkeys">
            <h2 id="passkeys-heading" tabindex="-1">{move || ui.t("passkeys-heading")}</h2>
            <ul id="passkey-list">
                {move || {
                    passkeys
                        .get()
                        .into_iter()
                        .map(|passkey| {
                            let id = passkey.id.clone();
                            let used = match passkey.last_used_at {
                                Some(at) => ui.t_with("passkey-used", &[("date", &ui.time(at))]),
                                None => ui.t("passkey-never-used"),
                            };
                            view! {
                                <li class="passkey">
                                    <span class="passkey-label">{passkey.label.clone()}</span>
                                    " · "
                                    {ui.t_with("passkey-added", &[("date", &ui.time(passkey.created_at))])}
                                    " · "
                                    {used}
                                    <Show when=move || fresh.get()>
                                        <button class="remove-passkey" disabled=move || ui.busy.get()
                                            on:click={
                                                let id = id.clone();
                                                move |_| remove(id.clone())
                                            }>
                                            {ui.t("passkey-remove")}
                                        </button>
                                    </Show>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <Show
                when=move || fresh.get()
                fallback=move || view! {
                    <p>{move || ui.t("passkey-add-explain")}</p>
                    <button id="confirm-passkey" disabled=move || ui.busy.get() on:click=confirm>
                        {move || ui.t("passkey-confirm-button")}
                    </button>
                }
            >
                <label for="passkey-label">{move || ui.t("passkey-label")}</label>
                <input id="passkey-label" type="text" maxlength="60" autocomplete="off"
                    prop:value=move || label.get()
                    on:input=move |event| label.set(event_target_value(&event))/>
                <button id="add-passkey" disabled=move || ui.busy.get() on:click=add>
                    {move || ui.t("passkey-add-button")}
                </button>
            </Show>
        </section>
        <section aria-labelledby="audit-heading" id="audit">
            <h2 id="audit-heading">{move || ui.t("audit-heading")}</h2>
            <p>{move || ui.t("audit-explain")}</p>
            <table id="audit-entries">
                <thead>
                    <tr>
                        <th scope="col">{move || ui.t("audit-when")}</th>
                        <th scope="col">{move || ui.t("audit-who")}</th>
                        <th scope="col">{move || ui.t("audit-what")}</th>
                        <th scope="col">{move || ui.t("audit-subject")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        audit
                            .get()
                            .into_iter()
                            .map(|entry| {
                                let key = format!("action-{}", entry.action);
                                let texts = texts(ui.lang.get());
                                let action = if texts.has(&key) { texts.t(&key) } else { entry.action.clone() };
                                view! {
                                    <tr data-action=entry.action.clone()>
                                        <td>{ui.time(entry.at)}</td>
                                        <td>{entry.actor.clone()}</td>
                                        <td>{action}</td>
                                        <td>{entry.subject.clone()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}
