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

/// One language's messages.
pub struct Texts {
    bundle: FluentBundle<FluentResource>,
}

impl Texts {
    /// Loads `lang` (its file is part of the module; a broken one is caught by the tests).
    pub fn new(lang: Lang) -> Self {
        let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        // Plain text: no bidi isolation marks around arguments (no right-to-left language here).
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(lang.source().to_owned())
            .unwrap_or_else(|(partial, _)| partial);
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
        let resource = FluentResource::try_new(lang.source().to_owned())
            .unwrap_or_else(|(partial, _)| partial);
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
