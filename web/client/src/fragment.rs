//! What follows `#` in a grant or deposit link.

use zeroize::Zeroizing;

/// A link's fragment, `<secret>.<lang>`: the link's secret, then the language the worker's page
/// starts in (optional). Browsers never send a fragment to a server.
pub struct LinkFragment<'a> {
    secret: &'a str,
    lang: Option<&'a str>,
}

impl<'a> LinkFragment<'a> {
    /// Reads a fragment (without its `#`). A language mark that is not a short run of ASCII
    /// letters is ignored.
    pub fn parse(fragment: &'a str) -> Self {
        let (secret, lang) = match fragment.find('.') {
            Some(dot) => (&fragment[..dot], Some(&fragment[dot + 1..])),
            None => (fragment, None),
        };
        let lang = lang.filter(|l| {
            !l.is_empty() && l.len() <= 8 && l.chars().all(|c| c.is_ascii_alphabetic())
        });
        Self { secret, lang }
    }

    /// The link's secret, as its fragment spells it.
    pub fn secret(&self) -> &'a str {
        self.secret
    }

    /// The language the worker's page starts in, when the link says one.
    pub fn lang(&self) -> Option<&'a str> {
        self.lang
    }

    /// The fragment of a link whose secret reads `secret`, for a worker's page in `lang`.
    pub fn write(secret: &str, lang: &str) -> Zeroizing<String> {
        Zeroizing::new(format!("{secret}.{lang}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_fragment_reads_back() {
        let written = LinkFragment::write("c2VjcmV0LXNlY3JldA", "ar");
        let read = LinkFragment::parse(&written);
        assert_eq!(read.secret(), "c2VjcmV0LXNlY3JldA");
        assert_eq!(read.lang(), Some("ar"));
    }

    #[test]
    fn a_fragment_without_a_language_or_with_a_strange_one_is_only_a_secret() {
        let plain = LinkFragment::parse("c2VjcmV0");
        assert_eq!((plain.secret(), plain.lang()), ("c2VjcmV0", None));
        for strange in [
            "c2VjcmV0.",
            "c2VjcmV0.<script>",
            "c2VjcmV0.fr-BE",
            "c2VjcmV0.abcdefghi",
        ] {
            let read = LinkFragment::parse(strange);
            assert_eq!(
                (read.secret(), read.lang()),
                ("c2VjcmV0", None),
                "{strange}"
            );
        }
    }
}
