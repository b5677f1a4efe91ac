//! Announcements: a short notice in the four languages (maintenance, the end of the test phase)
//! that the holders' start page shows until its end, inside the app's own frame ("PDE never
//! asks for your secret"). Plain text only: the server refuses links, addresses and telephone
//! numbers. Coordinators post and end them; every administrator sees them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use pde_api::admin::{
    self as api, check_announcement, AdminMe, AdminRole, AnnouncementInfo, AnnouncementRefused,
    FourLanguages, NewAnnouncement, MAX_ANNOUNCEMENT_CHARS, MAX_ANNOUNCEMENT_DAYS,
};
use pde_api::endpoints::NoBody;

use super::four_languages::FourLanguageFields;
use super::Ui;
use crate::transport::call;

#[component]
pub(super) fn Announcements(ui: Ui, me: AdminMe) -> impl IntoView {
    let coordinator = me.role == AdminRole::Coordinator;
    let items = RwSignal::new(Vec::<AnnouncementInfo>::new());
    let reload = move || {
        spawn_local(async move {
            match call(api::ANNOUNCEMENTS, &[], &NoBody).await {
                Ok(list) => items.set(list.items),
                Err(failure) => ui.fail(failure),
            }
        })
    };
    reload();
    let draft = RwSignal::new(FourLanguages::default());
    let days = RwSignal::new(7u32);
    let post = move |_| {
        let request = NewAnnouncement {
            texts: draft.get_untracked(),
            days: days.get_untracked(),
        };
        // The server's rule, said here in the console's words before anything is sent.
        if let Err(refused) = check_announcement(&request.texts) {
            ui.notice.set(None);
            ui.error.set(Some(
                match refused {
                    AnnouncementRefused::Missing => "announcement-refused-missing",
                    AnnouncementRefused::TooLong => "announcement-refused-long",
                    AnnouncementRefused::Link => "announcement-refused-link",
                    AnnouncementRefused::Number => "announcement-refused-number",
                    AnnouncementRefused::WalletNumber => "announcement-refused-wallet-number",
                    AnnouncementRefused::Characters => "announcement-refused-characters",
                }
                .to_owned(),
            ));
            return;
        }
        ui.run(async move {
            call(api::ANNOUNCEMENT_POST, &[], &request).await?;
            draft.set(FourLanguages::default());
            ui.notice.set(Some("announcement-posted".to_owned()));
            reload();
            Ok(())
        });
    };
    let end = move |id: String| {
        ui.run(async move {
            call(api::ANNOUNCEMENT_END, &[&id], &NoBody).await?;
            ui.notice.set(Some("announcement-ended".to_owned()));
            reload();
            Ok(())
        });
    };
    let now = move || js_sys::Date::now() / 1000.0;
    view! {
        <section aria-labelledby="announcements-heading" id="announcements">
            <h2 id="announcements-heading">{move || ui.t("announcements-heading")}</h2>
            <p>{move || ui.t("announcements-explain")}</p>
            <ul id="announcement-list">
                {move || {
                    let list = items.get();
                    if list.is_empty() {
                        return view! { <li>{move || ui.t("announcements-none")}</li> }.into_any();
                    }
                    list.into_iter()
                        .map(|item| {
                            let shown = (item.ends_at as f64) > now();
                            let id = item.id.clone();
                            let when = ui.t_with(
                                "announcement-when",
                                &[
                                    ("from", &ui.time(item.starts_at)),
                                    ("until", &ui.time(item.ends_at)),
                                    ("name", &item.created_by),
                                ],
                            );
                            view! {
                                <li class="announcement" data-shown=shown.to_string()>
                                    <p lang="fr">{item.texts.fr.clone()}</p>
                                    <p class="hint">
                                        {when}
                                        " · "
                                        {ui.t(if shown { "announcement-shown" } else { "announcement-over" })}
                                    </p>
                                    <Show when=move || coordinator && shown>
                                        <button class="end-announcement" disabled=move || ui.busy.get()
                                            on:click={
                                                let id = id.clone();
                                                move |_| end(id.clone())
                                            }>
                                            {move || ui.t("announcement-end")}
                                        </button>
                                    </Show>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ul>
            <Show when=move || coordinator>
                <form id="announcement-form" on:submit=move |event| event.prevent_default()>
                    <p>{move || ui.t("announcement-rules")}</p>
                    <FourLanguageFields ui=ui draft=draft id="announcement" label="announcement" max_chars=MAX_ANNOUNCEMENT_CHARS/>
                    <label for="announcement-days">{move || ui.t("announcement-days")}</label>
                    <input id="announcement-days" type="number" min="1"
                        max=MAX_ANNOUNCEMENT_DAYS.to_string()
                        prop:value=move || days.get().to_string()
                        on:input=move |event| {
                            if let Ok(value) = event_target_value(&event).parse() {
                                days.set(value);
                            }
                        }/>
                    <button id="announcement-post" type="submit" disabled=move || ui.busy.get() on:click=post>
                        {move || ui.t("announcement-post")}
                    </button>
                </form>
            </Show>
        </section>
    }
}
