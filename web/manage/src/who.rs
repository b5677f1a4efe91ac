//! "Who can see what": for each one who could look — the server, the team running it, a social
//! worker with a link, someone at the same computer, whoever knows the secret — what they see
//! and what they don't, in a pictogram and two short sentences. The same facts as
//! docs/SECURITY.md ("Who can see what", which names each sentence and what shows it), for
//! holders.

use leptos::prelude::*;

use pde_web::i18n::keys::{BACK, WHO_TITLE};
use pde_web::page::components::{Glyph, Icon};
use pde_web::page::state::{now_seconds, tr, AppState, Screen};
use pde_web::protocol::{Command, Reply};

use crate::texts::{keys, text};

/// An average Gregorian month, in seconds (as the server counts retention).
const MONTH_SECONDS: i64 = 2_629_746;

/// One who could look: their pictogram, who they are, what they see, what they don't.
struct Onlooker {
    id: &'static str,
    icon: Icon,
    who: &'static str,
    sees: &'static str,
    not: &'static str,
}

const ONLOOKERS: [Onlooker; 6] = [
    Onlooker {
        id: "who-server",
        icon: Icon::Shield,
        who: keys::WHO_SERVER,
        sees: keys::WHO_SERVER_SEES,
        not: keys::WHO_SERVER_NOT,
    },
    Onlooker {
        id: "who-operator",
        icon: Icon::Key,
        who: keys::WHO_OPERATOR,
        sees: keys::WHO_OPERATOR_SEES,
        not: keys::WHO_OPERATOR_NOT,
    },
    Onlooker {
        id: "who-worker",
        icon: Icon::Link,
        who: keys::WHO_WORKER,
        sees: keys::WHO_WORKER_SEES,
        not: keys::WHO_WORKER_NOT,
    },
    Onlooker {
        id: "who-computer",
        icon: Icon::Eye,
        who: keys::WHO_COMPUTER,
        sees: keys::WHO_COMPUTER_SEES,
        not: keys::WHO_COMPUTER_NOT,
    },
    Onlooker {
        id: "who-backups",
        icon: Icon::Shield,
        who: keys::WHO_BACKUPS,
        sees: keys::WHO_BACKUPS_SEES,
        not: keys::WHO_BACKUPS_NOT,
    },
    Onlooker {
        id: "who-secret",
        icon: Icon::Lock,
        who: keys::WHO_SECRET,
        sees: keys::WHO_SECRET_SEES,
        not: keys::WHO_SECRET_NOT,
    },
];

#[component]
pub fn WhoSeesPage() -> impl IntoView {
    let state = AppState::get();
    // How long backups are kept, and retention: the server says (without it, those lines wait).
    let info = RwSignal::new(None::<pde_api::ServerInfo>);
    leptos::task::spawn_local(async move {
        if let Ok(Reply::ServerInfo(answer)) = crate::relay::ask(Command::ServerInfo).await {
            info.set(Some(answer));
        }
    });
    let sees = move |o: &Onlooker| {
        let key = o.sees;
        move || match (key == keys::WHO_BACKUPS_SEES, info.get()) {
            (false, _) => text(state.lang.get(), key, &[]),
            (true, Some(i)) => text(
                state.lang.get(),
                key,
                &[("days", u64::from(i.backup_keep_days).into())],
            ),
            (true, None) => String::new(),
        }
    };
    // The module's own words, following the page's language.
    let t = move |key: &'static str| move || text(state.lang.get(), key, &[]);
    let back = move |_| {
        let to = if state.wallet.get_untracked().is_some() {
            Screen::Wallet
        } else {
            Screen::Start
        };
        state.screen.set(to);
    };
    view! {
        <section class="page narrow">
            <button id="who-back" class="button link" on:click=back>
                <Glyph icon=Icon::Back/>
                <span>{tr(BACK)}</span>
            </button>
            <h1 tabindex="-1">
                <Glyph icon=Icon::Eye/>
                <span>{tr(WHO_TITLE)}</span>
            </h1>
            {ONLOOKERS
                .iter()
                .map(|o| {
                    let title = format!("{}-title", o.id);
                    let labelled_by = title.clone();
                    view! {
                        <section class="panel who" id=o.id aria-labelledby=labelled_by>
                            <h2 id=title>
                                <Glyph icon=o.icon/>
                                <span>{t(o.who)}</span>
                            </h2>
                            <p class="who-sees">
                                <Glyph icon=Icon::Check/>
                                <span>
                                    <strong>{t(keys::WHO_SEES)}</strong>
                                    " "
                                    {sees(o)}
                                </span>
                            </p>
                            <p class="who-not">
                                <Glyph icon=Icon::Lock/>
                                <span>
                                    <strong>{t(keys::WHO_NOT)}</strong>
                                    " "
                                    {t(o.not)}
                                </span>
                            </p>
                        </section>
                    }
                })
                .collect_view()}
            // Retention on: "kept until at least" now + the period (never from a stored date).
            {move || {
                info.get().filter(|i| i.retention_months > 0).map(|i| {
                    let until = now_seconds() + i64::from(i.retention_months) * MONTH_SECONDS;
                    view! {
                        <p class="notice" id="who-kept">
                            <Glyph icon=Icon::Clock/>
                            <span>{move || text(state.lang.get(), keys::WHO_KEPT, &[("date", state.date(until).into())])}</span>
                        </p>
                    }
                })
            }}
            // The deployment keeps the partner of the slip on the wallet (off by default).
            {move || {
                info.get().filter(|i| i.partner_kept).map(|_| {
                    view! {
                        <p class="notice" id="who-partner">
                            <Glyph icon=Icon::Share/>
                            <span>{t(keys::WHO_PARTNER)}</span>
                        </p>
                    }
                })
            }}
            // Everything the server keeps, table by table (a page of the server's, no script).
            <p>
                <a id="who-transparency" href=move || format!("/transparency?lang={}", state.lang.get())>
                    {t(keys::WHO_TRANSPARENCY)}
                </a>
            </p>
        </section>
    }
}
