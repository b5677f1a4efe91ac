//! Translations: Fluent catalogues compiled in from `locales/*.ftl` (see `build.rs`), one bundle
//! per language, plural rules and bidirectional isolation from `fluent-bundle`.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

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
}

/// One language of the interface.
pub struct Language {
    /// BCP 47 code, e.g. `fr`, also the file name.
    pub code: &'static str,
    /// The language's name in itself ("Français", "العربية").
    pub name: String,
    /// Written right to left.
    pub rtl: bool,
    bundle: FluentBundle<FluentResource>,
}

impl Language {
    fn load(code: &'static str, source: &'static str) -> Result<Self, I18nError> {
        let id: LanguageIdentifier = code.parse().map_err(|_| I18nError::BadCode(code))?;
        let resource =
            FluentResource::try_new(source.to_owned()).map_err(|_| I18nError::BadResource(code))?;
        let mut bundle = FluentBundle::new(vec![id]);
        bundle
            .add_resource(resource)
            .map_err(|_| I18nError::BadResource(code))?;
        let mut language = Self {
            code,
            name: String::new(),
            rtl: false,
            bundle,
        };
        language.name = language.t(keys::LANGUAGE_NAME);
        language.rtl = language.t(keys::LANGUAGE_DIRECTION) == "rtl";
        Ok(language)
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

/// Every language, the default first.
pub struct Catalogue {
    languages: Vec<Language>,
}

impl Catalogue {
    /// Loads every compiled-in language.
    pub fn load() -> Result<Self, I18nError> {
        let languages = LOCALES
            .iter()
            .map(|(code, source)| Language::load(code, source))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { languages })
    }

    /// Every language, the default first.
    pub fn languages(&self) -> &[Language] {
        &self.languages
    }

    /// (code, name in itself) of every language, for menus.
    pub fn names(&self) -> Vec<(&'static str, String)> {
        self.languages
            .iter()
            .map(|l| (l.code, l.name.clone()))
            .collect()
    }

    /// The language with `code`, or the default.
    pub fn get(&self, code: &str) -> &Language {
        self.languages
            .iter()
            .find(|l| l.code == code)
            .unwrap_or(&self.languages[0])
    }

    /// The best language for the browser's preferences (`navigator.languages`), or the default.
    pub fn negotiate<'a>(&self, preferred: impl IntoIterator<Item = &'a str>) -> &'static str {
        for tag in preferred {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if let Some(language) = self.languages.iter().find(|l| l.code == primary) {
                return language.code;
            }
        }
        self.languages[0].code
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn four_languages_load_with_names_and_directions() {
        let catalogue = Catalogue::load().unwrap();
        let codes: Vec<_> = catalogue.languages().iter().map(|l| l.code).collect();
        assert_eq!(codes[0], "fr");
        for code in ["fr", "nl", "en", "ar"] {
            assert!(codes.contains(&code), "{code} missing");
        }
        assert_eq!(catalogue.get("fr").name, "Français");
        assert_eq!(catalogue.get("nl").name, "Nederlands");
        assert!(catalogue.get("ar").rtl);
        assert!(!catalogue.get("nl").rtl);
        assert_eq!(catalogue.get("xx").code, "fr");
    }

    #[test]
    fn every_message_formats_in_every_language() {
        let catalogue = Catalogue::load().unwrap();
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
    fn every_server_error_code_is_translated() {
        let catalogue = Catalogue::load().unwrap();
        for code in pde_api::ErrorCode::ALL {
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
        let catalogue = Catalogue::load().unwrap();
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
        let catalogue = Catalogue::load().unwrap();
        assert_eq!(catalogue.negotiate(["nl-BE", "fr"]), "nl");
        assert_eq!(catalogue.negotiate(["de-DE", "ar-MA"]), "ar");
        assert_eq!(catalogue.negotiate(["de"]), "fr");
    }
}
