//! The transparency page (`/transparency`, public, no script): what the server keeps and what it
//! cannot see, made from the data inventory (`inventory.toml`, checked against both live
//! schemas); the published statistics (closed periods, k-anonymous, from the same counters as the
//! console's); who is responsible, the holder's rights, where to complain, how long things are
//! kept, and the source code's licence. In French, Dutch, English and Arabic (`?lang=`), its words
//! from Fluent files; maud writes the HTML and escapes every value it is given.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use maud::{html, Markup, DOCTYPE};
use pde_api::admin::{Figure, StatEvent, Statistics};
use serde::Deserialize;

use crate::inventory::Inventory;
use crate::state::AppState;

/// The page's address on the holders' origin.
pub const TRANSPARENCY_PATH: &str = "/transparency";

/// No script at all: the holders' stylesheet and nothing else.
const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src data:; base-uri 'none'; \
    form-action 'none'; frame-ancestors 'none'";

/// How many closed weeks and months the page shows (the console shows them all).
const PUBLISHED_PERIODS: usize = 12;

/// A language of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Lang {
    code: &'static str,
    name: &'static str,
    rtl: bool,
    source: &'static str,
    /// The inventory's details in this language (English is the inventory's own text).
    inventory: Option<&'static str>,
}

const LANGUAGES: [Lang; 4] = [
    Lang {
        code: "fr",
        name: "Français",
        rtl: false,
        source: include_str!("../locales/transparency/fr.ftl"),
        inventory: Some(include_str!("../locales/inventory/fr.ftl")),
    },
    Lang {
        code: "nl",
        name: "Nederlands",
        rtl: false,
        source: include_str!("../locales/transparency/nl.ftl"),
        inventory: Some(include_str!("../locales/inventory/nl.ftl")),
    },
    Lang {
        code: "en",
        name: "English",
        rtl: false,
        source: include_str!("../locales/transparency/en.ftl"),
        inventory: None,
    },
    Lang {
        code: "ar",
        name: "العربية",
        rtl: true,
        source: include_str!("../locales/transparency/ar.ftl"),
        inventory: Some(include_str!("../locales/inventory/ar.ftl")),
    },
];

/// The page's words in one language.
struct Words {
    bundle: FluentBundle<FluentResource>,
}

impl Words {
    fn new(lang: Lang) -> Self {
        let mut bundle = FluentBundle::new(vec![lang
            .code
            .parse()
            .unwrap_or_else(|_| unic_langid::langid!("fr"))]);
        // Numbers and names inside a sentence: isolated only where the text runs right to left.
        bundle.set_use_isolating(lang.rtl);
        // The files are built in and checked by a test: a broken one would fail it, not a page.
        if let Ok(resource) = FluentResource::try_new(lang.source.to_owned()) {
            let _ = bundle.add_resource(resource);
        }
        Self { bundle }
    }

    fn t(&self, key: &str) -> String {
        self.t_with(key, &[])
    }

    fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }
}

/// The inventory's details in the page's language: each text by its id, or the inventory's
/// English (marked `lang="en"`) where a translation is missing. The translations are read once,
/// on the page's first view, not on every one.
struct Details {
    texts: Option<&'static HashMap<String, String>>,
    lang: &'static str,
}

impl Details {
    fn new(lang: Lang, inventory: &Inventory) -> Self {
        static TRANSLATED: OnceLock<Vec<(&'static str, HashMap<String, String>)>> = OnceLock::new();
        let translated = TRANSLATED.get_or_init(|| {
            LANGUAGES
                .iter()
                .filter_map(|lang| Some((lang.code, translations(*lang, inventory)?)))
                .collect()
        });
        let texts = translated
            .iter()
            .find(|(code, _)| *code == lang.code)
            .map(|(_, texts)| texts);
        let lang = if texts.is_some() { lang.code } else { "en" };
        Self { texts, lang }
    }

    /// The text with id `id` and its language.
    fn text<'a>(&self, id: &str, english: &'a str) -> (&'a str, &'static str) {
        match self.texts.and_then(|texts| texts.get(id)) {
            Some(text) => (text.as_str(), self.lang),
            None => (english, "en"),
        }
    }
}

/// Every inventory text of `lang`'s translations, by id (none for English, the inventory's own).
fn translations(lang: Lang, inventory: &Inventory) -> Option<HashMap<String, String>> {
    let mut bundle = FluentBundle::new(vec![lang
        .code
        .parse()
        .unwrap_or_else(|_| unic_langid::langid!("fr"))]);
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(lang.inventory?.to_owned()).ok()?;
    bundle.add_resource(resource).ok()?;
    let mut texts = HashMap::new();
    for (id, _) in inventory.texts() {
        if let Some(pattern) = bundle.get_message(&id).and_then(|message| message.value()) {
            let mut errors = Vec::new();
            let text = bundle
                .format_pattern(pattern, None, &mut errors)
                .into_owned();
            texts.insert(id, text);
        }
    }
    Some(texts)
}

/// A detail's words with the server's options (`--retention-months`, `--data-dir/blobs`) set as
/// code written left to right: inside Arabic text their dashes stay in front.
fn detail_markup(text: &str) -> Markup {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("--") {
        let length = rest[start + 2..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/')))
            .unwrap_or(rest.len() - start - 2);
        let end = start + 2 + length;
        parts.push((false, &rest[..start]));
        parts.push((length > 0, &rest[start..end]));
        rest = &rest[end..];
    }
    parts.push((false, rest));
    html! {
        @for (option, part) in parts {
            @if option { code dir="ltr" { (part) } } @else { (part) }
        }
    }
}

/// `?lang=`.
#[derive(Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
}

/// What the page says besides its fixed words.
struct Facts<'a> {
    inventory: &'a Inventory,
    statistics: &'a Statistics,
    controller: &'a str,
    controller_contact: &'a str,
    source_url: &'a str,
    retention_months: u32,
    session_idle_minutes: i64,
    feedback_months: u32,
    changes: &'a [pde_api::admin::ChangeEntry],
}

/// `GET /transparency`.
pub async fn page(State(state): State<AppState>, Query(query): Query<PageQuery>) -> Response {
    let lang = LANGUAGES
        .into_iter()
        .find(|lang| Some(lang.code) == query.lang.as_deref())
        .unwrap_or(LANGUAGES[0]);
    let statistics = match crate::service::statistics::figures(
        state.store.as_ref(),
        state.settings.statistics_k,
        state.clock.now(),
        state.settings.keep_partner_on_wallet,
    )
    .await
    {
        Ok(statistics) => statistics,
        Err(err) => return crate::error::ApiError::from(err).into_response(),
    };
    let changes = match crate::service::feedback::changes(&state).await {
        Ok(changes) => changes,
        Err(err) => return crate::error::ApiError::from(err).into_response(),
    };
    // Read once: the inventory is built into the server.
    static INVENTORY: std::sync::LazyLock<Result<Inventory, String>> =
        std::sync::LazyLock::new(|| crate::inventory::inventory().map_err(|err| err.to_string()));
    let inventory = match INVENTORY.as_ref() {
        Ok(inventory) => inventory,
        Err(err) => return crate::error::ApiError::internal(err.clone()).into_response(),
    };
    let facts = Facts {
        inventory,
        statistics: &statistics,
        controller: &state.settings.controller,
        controller_contact: &state.settings.controller_contact,
        source_url: &state.settings.source_url,
        retention_months: state.settings.retention_months,
        session_idle_minutes: state.settings.session_idle_seconds / 60,
        feedback_months: state.settings.feedback_months,
        changes: &changes,
    };
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::CONTENT_SECURITY_POLICY, PAGE_CSP),
        ],
        render(lang, &facts).into_string(),
    )
        .into_response()
}

fn figure(words: &Words, k: u32, figure: Figure) -> String {
    match figure {
        Figure::Count(n) => n.to_string(),
        Figure::BelowK => words.t_with("figure-below-k", &[("k", k.to_string())]),
        Figure::Withheld => words.t("figure-withheld"),
    }
}

/// The total of `event` in each of the last published periods, newest first.
fn published(periods: &[pde_api::admin::PeriodFigures], event: StatEvent) -> Vec<(String, Figure)> {
    periods
        .iter()
        .rev()
        .take(PUBLISHED_PERIODS)
        .map(|period| {
            let total = period
                .events
                .iter()
                .find(|figures| figures.event == event)
                .map_or(Figure::Count(0), |figures| figures.total);
            (period.starts.clone(), total)
        })
        .collect()
}

fn render(lang: Lang, facts: &Facts<'_>) -> Markup {
    let words = Words::new(lang);
    let k = facts.statistics.k;
    let weeks = published(&facts.statistics.weeks, StatEvent::Created);
    let months = published(&facts.statistics.months, StatEvent::Active);
    html! {
        (DOCTYPE)
        html lang=(lang.code) dir=(if lang.rtl { "rtl" } else { "ltr" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (words.t("page-title")) " — PDE" }
                link rel="icon" href="data:,";
                link rel="stylesheet" href="/style.css";
            }
            body {
                main class="page wide transparency" {
                    nav class="languages" {
                        @for other in LANGUAGES {
                            @if other == lang {
                                span lang=(other.code) aria-current="page" { (other.name) }
                            } @else {
                                a href={ (TRANSPARENCY_PATH) "?lang=" (other.code) } lang=(other.code)
                                    hreflang=(other.code) { (other.name) }
                            }
                            " "
                        }
                    }
                    h1 { (words.t("page-title")) }
                    p class="lead" { (words.t("lead")) }

                    h2 { (words.t("cannot-see-heading")) }
                    p { (words.t("cannot-see")) }
                    p { (words.t("no-identity")) }

                    h2 { (words.t("retention-heading")) }
                    ul {
                        li { (words.t("retention-documents")) }
                        li {
                            @if facts.retention_months > 0 {
                                (words.t_with("retention-months", &[("months", facts.retention_months.to_string())]))
                            } @else {
                                (words.t("retention-none"))
                            }
                        }
                        li { (words.t_with("retention-sessions", &[("minutes", facts.session_idle_minutes.to_string())])) }
                        li id="retention-feedback" { (words.t_with("retention-feedback", &[("months", facts.feedback_months.to_string())])) }
                    }

                    h2 id="changes" { (words.t("changes-heading")) }
                    p { (words.t("changes-lead")) }
                    @if facts.changes.is_empty() {
                        p { (words.t("changes-none")) }
                    } @else {
                        ul id="changes-list" {
                            @for change in facts.changes {
                                @let (text, text_lang) = change.texts.in_language(lang.code);
                                li {
                                    time dir="ltr" datetime=(change.day) { (change.day) } " — "
                                    span lang=(text_lang) { (text) }
                                }
                            }
                        }
                    }

                    h2 id="figures" { (words.t("figures-heading")) }
                    p { (words.t_with("figures-lead", &[("k", k.to_string())])) }
                    @if weeks.is_empty() && months.is_empty() {
                        p { (words.t("figures-none")) }
                    } @else {
                        table id="published-weeks" {
                            thead { tr {
                                th scope="col" { (words.t("figures-week")) }
                                th scope="col" { (words.t("figures-created")) }
                            } }
                            tbody {
                                @for (starts, total) in &weeks {
                                    tr { th scope="row" dir="ltr" { (starts) } td { (figure(&words, k, *total)) } }
                                }
                            }
                        }
                        table id="published-months" {
                            thead { tr {
                                th scope="col" { (words.t("figures-month")) }
                                th scope="col" { (words.t("figures-active")) }
                            } }
                            tbody {
                                @for (starts, total) in &months {
                                    tr {
                                        th scope="row" dir="ltr" { (starts.get(..7).unwrap_or_default()) }
                                        td { (figure(&words, k, *total)) }
                                    }
                                }
                            }
                        }
                    }

                    h2 { (words.t("controller-heading")) }
                    @if facts.controller.trim().is_empty() {
                        p id="controller" { (words.t("controller-unknown")) }
                    } @else {
                        p id="controller" { (facts.controller) }
                    }
                    @if !facts.controller_contact.trim().is_empty() {
                        p { (words.t_with("contact", &[("contact", facts.controller_contact.to_owned())])) }
                    }

                    h2 { (words.t("rights-heading")) }
                    p { (words.t("rights")) }
                    h2 { (words.t("complain-heading")) }
                    p { (words.t("complain")) }

                    h2 id="inventory" { (words.t("keeps-heading")) }
                    p { (words.t("keeps-lead")) }
                    @let details = Details::new(lang, facts.inventory);
                    div {
                        @for table in &facts.inventory.table {
                            details class="inventory-table" data-table=(table.name) {
                                @let (purpose, purpose_lang) = details.text(&table.text_id("purpose"), &table.purpose);
                                summary { code dir="ltr" { (table.name) } " — " span lang=(purpose_lang) { (detail_markup(purpose)) } }
                                dl {
                                    @let (retention, retention_lang) = details.text(&table.text_id("retention"), &table.retention);
                                    @let (readers, readers_lang) = details.text(&table.text_id("readers"), &table.readers);
                                    dt { (words.t("how-long")) } dd lang=(retention_lang) { (detail_markup(retention)) }
                                    dt { (words.t("who-reads")) } dd lang=(readers_lang) { (detail_markup(readers)) }
                                }
                                ul {
                                    @for (column, what) in &table.columns {
                                        @let (what, what_lang) = details.text(&table.column_id(column), what);
                                        li { code dir="ltr" { (column) } ": " span lang=(what_lang) { (detail_markup(what)) } }
                                    }
                                }
                            }
                        }
                    }
                    h3 { (words.t("outside-heading")) }
                    div {
                        @for other in &facts.inventory.other {
                            details class="inventory-other" data-other=(other.key) {
                                @let (name, name_lang) = details.text(&other.text_id("name"), &other.name);
                                @let (purpose, purpose_lang) = details.text(&other.text_id("purpose"), &other.purpose);
                                @let (retention, retention_lang) = details.text(&other.text_id("retention"), &other.retention);
                                @let (readers, readers_lang) = details.text(&other.text_id("readers"), &other.readers);
                                summary lang=(name_lang) { (detail_markup(name)) }
                                p lang=(purpose_lang) { (detail_markup(purpose)) }
                                dl {
                                    dt { (words.t("how-long")) } dd lang=(retention_lang) { (detail_markup(retention)) }
                                    dt { (words.t("who-reads")) } dd lang=(readers_lang) { (detail_markup(readers)) }
                                }
                            }
                        }
                    }

                    h2 { (words.t("source-heading")) }
                    p { (words.t("source")) }
                    @if !facts.source_url.trim().is_empty() {
                        p { (words.t_with("source-link", &[("url", facts.source_url.to_owned())])) }
                    }
                    p { a href="/" { (words.t("back")) } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::parser;

    /// The keys of a Fluent file.
    fn keys(source: &str) -> Vec<String> {
        let resource = parser::parse(source).expect("a valid Fluent file");
        let mut keys: Vec<String> = resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn the_four_languages_say_the_same_things() {
        let reference = keys(LANGUAGES[0].source);
        for lang in &LANGUAGES[1..] {
            assert_eq!(keys(lang.source), reference, "{}", lang.code);
        }
    }

    /// A pattern's text (the inventory's translations have no placeables).
    fn text(pattern: &fluent_syntax::ast::Pattern<&str>) -> String {
        pattern
            .elements
            .iter()
            .map(|element| match element {
                fluent_syntax::ast::PatternElement::TextElement { value } => (*value).to_owned(),
                fluent_syntax::ast::PatternElement::Placeable { .. } => "{…}".to_owned(),
            })
            .collect()
    }

    #[test]
    fn the_inventory_is_translated_whole_and_from_its_current_english() {
        let inventory = crate::inventory::inventory().expect("inventory.toml");
        let english: std::collections::BTreeMap<String, &str> =
            inventory.texts().into_iter().collect();
        for lang in LANGUAGES {
            let Some(source) = lang.inventory else {
                continue;
            };
            let resource = parser::parse(source).expect("a valid Fluent file");
            let mut translated = std::collections::BTreeMap::new();
            for entry in &resource.body {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    let value = message.value.as_ref().map(text).unwrap_or_default();
                    let from = message
                        .attributes
                        .iter()
                        .find(|attribute| attribute.id.name == "source")
                        .map(|attribute| text(&attribute.value))
                        .unwrap_or_default();
                    assert!(
                        !value.trim().is_empty(),
                        "{}: {} says nothing",
                        lang.code,
                        message.id.name
                    );
                    assert!(!value.contains("{…}"), "{}: {}", lang.code, message.id.name);
                    translated.insert(message.id.name.to_owned(), from);
                }
            }
            for (id, text) in &english {
                let from = translated
                    .get(id)
                    .unwrap_or_else(|| panic!("{}: {id} is not translated", lang.code));
                // A translation records the English it was made from: when the inventory's
                // English changes, the translation must be looked at again.
                assert_eq!(
                    from, text,
                    "{}: {id} was translated from other words",
                    lang.code
                );
            }
            for id in translated.keys() {
                assert!(
                    english.contains_key(id),
                    "{}: {id} is not in the inventory",
                    lang.code
                );
            }
        }
    }

    #[test]
    fn the_server_options_in_a_detail_are_code_written_left_to_right() {
        assert_eq!(
            detail_markup("بعد مدة --retention-months دون فتح (--data-dir/blobs).").into_string(),
            "بعد مدة <code dir=\"ltr\">--retention-months</code> دون فتح \
             (<code dir=\"ltr\">--data-dir/blobs</code>)."
        );
        assert_eq!(
            detail_markup("a -- b <c>").into_string(),
            "a -- b &lt;c&gt;"
        );
    }
}
