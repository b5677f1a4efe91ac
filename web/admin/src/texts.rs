//! The console's words in French, Dutch and English (Fluent files built into the module: the
//! console is small and for a few people, so no language file is fetched).

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language of the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Français (the first).
    Fr,
    /// Nederlands.
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the picker's order.
    pub const ALL: [Lang; 3] = [Lang::Fr, Lang::Nl, Lang::En];

    /// BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::Nl => "nl",
            Self::En => "en",
        }
    }

    /// Its own name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Fr => "Français",
            Self::Nl => "Nederlands",
            Self::En => "English",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Self::Fr => include_str!("../locales/fr.ftl"),
            Self::Nl => include_str!("../locales/nl.ftl"),
            Self::En => include_str!("../locales/en.ftl"),
        }
    }

    /// The first of the browser's languages the console has (French otherwise).
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Self {
        for tag in preferred {
            let primary = tag
                .split('-')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            if let Some(lang) = Self::ALL.into_iter().find(|l| l.code() == primary) {
                return lang;
            }
        }
        Self::Fr
    }
}

/// A language of the invitation slips: the holders' four, French first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlipLang {
    /// BCP 47 code.
    pub code: &'static str,
    /// Written right to left.
    pub rtl: bool,
    source: &'static str,
}

impl SlipLang {
    /// Its writing direction, as the `dir` attribute says it.
    pub fn dir(self) -> &'static str {
        if self.rtl {
            "rtl"
        } else {
            "ltr"
        }
    }
}

/// The slips' languages, in the order a slip shows them.
pub const SLIP_LANGUAGES: [SlipLang; 4] = [
    SlipLang {
        code: "fr",
        rtl: false,
        source: include_str!("../locales/slip/fr.ftl"),
    },
    SlipLang {
        code: "nl",
        rtl: false,
        source: include_str!("../locales/slip/nl.ftl"),
    },
    SlipLang {
        code: "en",
        rtl: false,
        source: include_str!("../locales/slip/en.ftl"),
    },
    SlipLang {
        code: "ar",
        rtl: true,
        source: include_str!("../locales/slip/ar.ftl"),
    },
];

/// One language's messages.
pub struct Texts {
    bundle: FluentBundle<FluentResource>,
}

impl Texts {
    /// Loads `lang` (its file is part of the module; a broken one is caught by the tests).
    pub fn new(lang: Lang) -> Self {
        // Plain text: no bidi isolation marks around arguments (no right-to-left language here).
        Self::from_source(lang.code(), lang.source(), false)
    }

    /// The words of an invitation slip in `lang`, one of [`SLIP_LANGUAGES`].
    pub fn slip(lang: SlipLang) -> Self {
        // Arabic isolates its arguments (an address, left to right) from the text around them.
        Self::from_source(lang.code, lang.source, lang.rtl)
    }

    fn from_source(code: &str, source: &'static str, isolating: bool) -> Self {
        let id: LanguageIdentifier = code.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        bundle.set_use_isolating(isolating);
        let resource =
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        Self { bundle }
    }

    /// Whether `key` exists.
    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        self.t_with(key, &[])
    }

    /// The message `key` with text arguments.
    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: Lang) -> Vec<String> {
        keys_of(lang.source())
    }

    fn keys_of(source: &str) -> Vec<String> {
        let resource =
            FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_parses_and_has_the_same_messages() {
        let french = keys(Lang::Fr);
        assert!(french.len() > 20);
        for lang in Lang::ALL {
            assert!(
                FluentResource::try_new(lang.source().to_owned()).is_ok(),
                "{lang:?} parses"
            );
            let mut keys = keys(lang);
            let mut expected = french.clone();
            keys.sort();
            expected.sort();
            assert_eq!(keys, expected, "{lang:?} has the same messages as French");
        }
    }

    #[test]
    fn the_slips_have_the_same_words_in_the_four_languages() {
        let french = keys_of(SLIP_LANGUAGES[0].source);
        assert!(french.len() >= 8);
        for lang in SLIP_LANGUAGES {
            assert!(FluentResource::try_new(lang.source.to_owned()).is_ok());
            let mut keys = keys_of(lang.source);
            let mut expected = french.clone();
            keys.sort();
            expected.sort();
            assert_eq!(keys, expected, "{} has the slip's words", lang.code);
            let step = Texts::slip(lang).t_with("slip-step-scan", &[("address", "pde.example")]);
            assert!(
                step.contains("pde.example") && !step.contains("slip-"),
                "{step}"
            );
        }
        assert_eq!(
            SLIP_LANGUAGES.iter().map(|l| l.code).collect::<Vec<_>>(),
            ["fr", "nl", "en", "ar"]
        );
    }

    #[test]
    fn every_error_code_and_action_has_words() {
        use pde_api::admin::AdminErrorCode as Code;
        for lang in Lang::ALL {
            let texts = Texts::new(lang);
            for code in crate::ERROR_CODES {
                assert!(texts.has(&crate::error_key(*code)), "{lang:?} {code:?}");
            }
            assert!(texts.has(&crate::error_key(Code::Unknown)));
            for action in crate::AUDIT_ACTIONS {
                assert!(texts.has(&format!("action-{action}")), "{lang:?} {action}");
            }
        }
    }

    #[test]
    fn the_browsers_language_is_followed_when_the_console_has_it() {
        assert_eq!(Lang::negotiate(["nl-BE", "fr"]), Lang::Nl);
        assert_eq!(Lang::negotiate(["ar", "en-GB"]), Lang::En);
        assert_eq!(Lang::negotiate(["ar"]), Lang::Fr);
        let code = Texts::new(Lang::En).t_with("code-explain", &[("code", "123456")]);
        assert!(code.contains("pde-server admin confirm 123456"), "{code}");
    }
}
