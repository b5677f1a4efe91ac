//! Translations: Fluent catalogues from `locales/*.ftl` (see `build.rs`), one bundle per
//! language, plural rules and bidirectional isolation from `fluent-bundle`. The default
//! language is built in; the page fetches another language's file when it is chosen (checked
//! against the hash `build.rs` wrote), so each language added costs the bundle nothing.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language of the interface, known before its messages are loaded.
#[derive(Debug)]
pub struct LocaleInfo {
    /// BCP 47 code, e.g. `fr`, also the file's name.
    pub code: &'static str,
    /// The language's name in itself ("Français", "العربية").
    pub name: &'static str,
    /// Written right to left.
    pub rtl: bool,
    /// `sha256-…` of the file (Subresource Integrity, checked by the browser when fetched).
    pub integrity: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// Why the catalogue could not be loaded (a build that passed `build.rs` never fails here).
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// A language code that is not a valid BCP 47 tag.
    #[error("invalid language code {0}")]
    BadCode(&'static str),
    /// A file that Fluent refuses.
    #[error("locale {0} does not load")]
    BadResource(&'static str),
    /// A language the app does not have.
    #[error("unknown language")]
    UnknownLanguage,
}

/// One language of the interface, its messages loaded (its name and direction: [`LocaleInfo`]).
pub struct Language {
    /// BCP 47 code, e.g. `fr`, also the file name.
    pub code: &'static str,
    // The same bundle type as age's own messages (i18n-embed): one copy of Fluent's formatting
    // code in the WebAssembly instead of two.
    bundle: FluentBundle<Arc<FluentResource>>,
}

impl Language {
    /// A language from its Fluent source (the page's catalogue, or a module's own words).
    pub fn load(code: &'static str, source: String) -> Result<Self, I18nError> {
        let id: LanguageIdentifier = code.parse().map_err(|_| I18nError::BadCode(code))?;
        let resource = FluentResource::try_new(source).map_err(|_| I18nError::BadResource(code))?;
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle
            .add_resource(Arc::new(resource))
            .map_err(|_| I18nError::BadResource(code))?;
        Ok(Self { code, bundle })
    }

    /// Whether the language has a message `key` (every language has the same ones: build.rs).
    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// The message `key` without arguments.
    pub fn t(&self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with arguments.
    pub fn t_with(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(s) => FluentValue::from(s.clone()),
            };
            fluent_args.set(*name, value);
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }

    /// Whether the message `key` formats without error with `args` (for tests).
    pub fn formats_cleanly(&self, key: &str, args: &[(&str, Arg)]) -> bool {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return false;
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Text(s) => FluentValue::from(s.clone()),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let _ = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        errors.is_empty()
    }
}

/// A message argument.
#[derive(Clone, Debug)]
pub enum Arg {
    /// A number (plural rules apply).
    Number(f64),
    /// Text.
    Text(String),
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(n as f64)
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n as f64)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Number(f64::from(n))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as f64)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

/// Words a module loaded on its own brings with it (one Fluent source per language, French
/// first, built into the module): its long texts weigh nothing on the page's bundle. Each
/// language is parsed the first time it is asked for; a code it does not have reads French.
pub struct ModuleWords {
    sources: &'static [(&'static str, &'static str)],
    loaded: RefCell<Vec<Rc<Language>>>,
}

impl ModuleWords {
    /// Words from `sources`: `(code, Fluent source)`, French first.
    pub const fn new(sources: &'static [(&'static str, &'static str)]) -> Self {
        Self {
            sources,
            loaded: RefCell::new(Vec::new()),
        }
    }

    /// Message `key` in language `code`, with `args` (the key itself if it can't be read).
    pub fn text(&self, code: &str, key: &str, args: &[(&str, Arg)]) -> String {
        let Some((code, source)) = self
            .sources
            .iter()
            .find(|(c, _)| *c == code)
            .or_else(|| self.sources.first())
            .copied()
        else {
            return key.to_owned();
        };
        if let Some(language) = self.loaded.borrow().iter().find(|l| l.code == code) {
            return language.t_with(key, args);
        }
        match Language::load(code, source.to_owned()) {
            Ok(language) => {
                let text = language.t_with(key, args);
                self.loaded.borrow_mut().push(Rc::new(language));
                text
            }
            Err(_) => key.to_owned(),
        }
    }
}

/// The languages loaded so far (the default always), each parsed once.
pub struct Catalogue {
    loaded: RefCell<Vec<Rc<Language>>>,
}

impl Catalogue {
    /// The built-in default language.
    pub fn new() -> Result<Self, I18nError> {
        let default = Language::load(LOCALES[0].code, DEFAULT_SOURCE.to_owned())?;
        Ok(Self {
            loaded: RefCell::new(vec![Rc::new(default)]),
        })
    }

    /// Every language loaded from the sources built into native builds (tests and tools).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_every_language() -> Result<Self, I18nError> {
        let catalogue = Self::new()?;
        for (code, source) in &ALL_SOURCES[1..] {
            catalogue.add(code, (*source).to_owned())?;
        }
        Ok(catalogue)
    }

    /// Adds language `code` from its Fluent source (a language already loaded stays as is).
    pub fn add(&self, code: &str, source: String) -> Result<(), I18nError> {
        let info = Self::info(code).ok_or(I18nError::UnknownLanguage)?;
        if self.is_loaded(info.code) {
            return Ok(());
        }
        let language = Language::load(info.code, source)?;
        self.loaded.borrow_mut().push(Rc::new(language));
        Ok(())
    }

    /// Whether language `code` can be shown now.
    pub fn is_loaded(&self, code: &str) -> bool {
        self.loaded.borrow().iter().any(|l| l.code == code)
    }

    /// The languages loaded so far, the default first.
    pub fn languages(&self) -> Vec<Rc<Language>> {
        self.loaded.borrow().clone()
    }

    /// Language `code` if loaded, else the default.
    pub fn get(&self, code: &str) -> Rc<Language> {
        let loaded = self.loaded.borrow();
        let found = loaded.iter().find(|l| l.code == code).unwrap_or(&loaded[0]);
        Rc::clone(found)
    }

    /// What is known of language `code` without loading it.
    pub fn info(code: &str) -> Option<&'static LocaleInfo> {
        LOCALES.iter().find(|l| l.code == code)
    }

    /// (code, name in itself) of every language, for menus.
    pub fn names() -> impl Iterator<Item = (&'static str, &'static str)> {
        LOCALES.iter().map(|l| (l.code, l.name))
    }

    /// The best language for the browser's preferences (`navigator.languages`), or the default.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> &'static str {
        for tag in preferred {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if let Some(info) = Self::info(&primary) {
                return info.code;
            }
        }
        LOCALES[0].code
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn four_languages_load_with_names_and_directions() {
        let catalogue = Catalogue::with_every_language().unwrap();
        let codes: Vec<_> = catalogue.languages().iter().map(|l| l.code).collect();
        assert_eq!(codes[0], "fr");
        for code in ["fr", "nl", "en", "ar"] {
            assert!(codes.contains(&code), "{code} missing");
        }
        let info = |code| Catalogue::info(code).unwrap();
        assert_eq!(info("fr").name, "Français");
        assert_eq!(info("nl").name, "Nederlands");
        assert!(info("ar").rtl);
        assert!(!info("nl").rtl);
        assert_eq!(catalogue.get("xx").code, "fr");
    }

    #[test]
    fn every_message_formats_in_every_language() {
        let catalogue = Catalogue::with_every_language().unwrap();
        let args: Vec<(&str, Arg)> = vec![
            ("count", 3u64.into()),
            ("name", "photo.jpg".into()),
            ("max", "25 MB".into()),
            ("used", "1 MB".into()),
            ("quota", "500 MB".into()),
            ("minutes", 2u64.into()),
            ("seconds", 30u64.into()),
            ("number", "ABCD-EFGH-JKLM".into()),
            ("date", "1 janvier".into()),
            ("percent", 50u64.into()),
            ("size", "3,2".into()),
            ("tries", 3u64.into()),
            ("left", "2 jours".into()),
            ("time", "1 décembre 2026 à 14:30".into()),
            ("label", "CPAS Anderlecht".into()),
            ("made", "4 décembre 2026".into()),
            ("until", "11 décembre 2026".into()),
            ("done", 2u64.into()),
            ("total", 20u64.into()),
            ("days", 10u64.into()),
        ];
        for language in catalogue.languages() {
            for key in ALL_KEYS {
                assert!(
                    language.formats_cleanly(key, &args),
                    "{}: `{key}` does not format",
                    language.code
                );
                assert!(!language.t_with(key, &args).trim().is_empty());
            }
        }
    }

    #[test]
    fn days_to_an_end_read_as_people_say_them() {
        let catalogue = Catalogue::with_every_language().unwrap();
        let said = |lang: &str, days: u64| {
            catalogue
                .get(lang)
                .t_with(keys::DOCUMENT_EXPIRES_IN, &[("days", days.into())])
                .replace(['\u{2068}', '\u{2069}'], "")
        };
        assert_eq!(said("fr", 0), "Fin aujourd'hui");
        assert_eq!(said("fr", 1), "Fin demain");
        assert_eq!(said("fr", 10), "Fin dans 10 jours");
        assert_eq!(said("en", 2), "Ends in 2 days");
        assert_eq!(said("ar", 2), "تنتهي بعد يومين");
        assert_eq!(said("ar", 5), "تنتهي بعد 5 أيام");
        assert_eq!(said("ar", 30), "تنتهي بعد 30 يومًا");
    }

    #[test]
    fn has_tells_known_messages() {
        let catalogue = Catalogue::with_every_language().unwrap();
        for language in catalogue.languages() {
            assert!(language.has(keys::APP_TITLE), "{}", language.code);
            assert!(!language.has("error-no-such-code"), "{}", language.code);
        }
    }

    #[test]
    fn every_server_error_code_is_translated() {
        let catalogue = Catalogue::with_every_language().unwrap();
        for code in pde_api::ErrorCode::ALL {
            if pde_api::feedback::FEEDBACK_ONLY_CODES.contains(code) {
                continue;
            }
            let key = format!("error-{}", code.as_str().replace('_', "-"));
            assert!(ALL_KEYS.contains(&key.as_str()), "no message {key}");
            for language in catalogue.languages() {
                assert_ne!(language.t(&key), key, "{}: {key}", language.code);
            }
        }
    }

    #[test]
    fn every_category_is_translated() {
        for category in pde_crypto::metadata::Category::ALL {
            let key = format!("category-{}", category.as_str().replace('_', "-"));
            assert!(ALL_KEYS.contains(&key.as_str()), "no message {key}");
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let catalogue = Catalogue::with_every_language().unwrap();
        let count = |code: &str, n: u64| {
            catalogue
                .get(code)
                .t_with(keys::WALLET_COUNT, &[("count", n.into())])
        };
        assert_ne!(count("en", 1), count("en", 2).replace('2', "1"));
        assert_ne!(count("fr", 1), count("fr", 2).replace('2', "1"));
        // Arabic distinguishes zero, one, two, few (3–10) and many (11–99).
        let arabic: std::collections::BTreeSet<_> = [0u64, 1, 2, 3, 11, 100]
            .iter()
            .map(|n| count("ar", *n).replace(&n.to_string(), "N"))
            .collect();
        assert!(arabic.len() >= 5, "{arabic:?}");
    }

    #[test]
    fn browser_preferences_pick_a_language() {
        assert_eq!(Catalogue::negotiate(["nl-BE", "fr"]), "nl");
        assert_eq!(Catalogue::negotiate(["de-DE", "ar-MA"]), "ar");
        assert_eq!(Catalogue::negotiate(["de"]), "fr");
    }

    #[test]
    fn only_the_default_language_is_built_in_and_others_are_added_once() {
        let catalogue = Catalogue::new().unwrap();
        assert!(catalogue.is_loaded("fr"));
        assert!(!catalogue.is_loaded("nl"));
        // Until its file is loaded, a language falls back to the default.
        assert_eq!(catalogue.get("nl").code, "fr");
        let (_, dutch) = ALL_SOURCES.iter().find(|(code, _)| *code == "nl").unwrap();
        catalogue.add("nl", (*dutch).to_owned()).unwrap();
        assert_eq!(catalogue.get("nl").t(keys::LANGUAGE_NAME), "Nederlands");
        catalogue.add("nl", String::new()).unwrap();
        assert_eq!(catalogue.languages().len(), 2);
        assert!(matches!(
            catalogue.add("xx", String::new()),
            Err(I18nError::UnknownLanguage)
        ));
        // A file Fluent refuses is not taken.
        assert!(catalogue.add("en", "= nothing".to_owned()).is_err());
        assert!(!catalogue.is_loaded("en"));
    }

    #[test]
    fn the_menu_and_the_hashes_match_the_files() {
        use base64::Engine as _;
        use sha2::{Digest, Sha256};

        let catalogue = Catalogue::with_every_language().unwrap();
        assert_eq!(LOCALES.len(), ALL_SOURCES.len());
        for (info, (code, source)) in LOCALES.iter().zip(ALL_SOURCES) {
            assert_eq!(info.code, *code);
            let language = catalogue.get(code);
            assert_eq!(info.name, language.t(keys::LANGUAGE_NAME));
            assert_eq!(info.rtl, language.t(keys::LANGUAGE_DIRECTION) == "rtl");
            let digest = Sha256::digest(source.as_bytes());
            let expected = format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            );
            assert_eq!(info.integrity, expected, "{code}");
        }
    }
}
