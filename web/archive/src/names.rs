//! Entry names a ZIP can hold safely on any system: a document's name is the holder's (or a
//! depositor's) free text, and an archive is unpacked by tools that trust what they read.

use std::collections::HashSet;

/// Longest stem kept, in characters (the extension comes on top).
pub const MAX_STEM_CHARS: usize = 80;

/// Names Windows keeps for devices, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The entry names given so far in one archive, so that no two are the same (as Windows and
/// macOS compare them: ignoring case).
#[derive(Default)]
pub struct Names {
    taken: HashSet<String>,
}

impl Names {
    /// Reserves `name` (the archive's own files: the indexes).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_lowercase());
    }

    /// The entry name for a document saved as `saved` (its name with the extension of its
    /// recognised type, as the wallet saves it): one plain file name — no folder, no `..`, no
    /// control or direction-changing character, no name Windows keeps for a device, no
    /// leading dot — unique in this archive.
    pub fn entry(&mut self, saved: &str) -> String {
        let (stem, extension) = split_extension(saved);
        let stem = clean_stem(stem);
        let extension: String = extension
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase();
        let with = |stem: &str| {
            if extension.is_empty() {
                stem.to_owned()
            } else {
                format!("{stem}.{extension}")
            }
        };
        let mut candidate = with(&stem);
        let mut n = 2;
        while !self.taken.insert(candidate.to_lowercase()) {
            candidate = with(&format!("{stem} ({n})"));
            n += 1;
        }
        candidate
    }
}

/// `name` split before its extension: up to five letters or digits after the last dot.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rsplit_once('.') {
        Some((stem, extension))
            if !stem.is_empty()
                && (1..=5).contains(&extension.len())
                && extension.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (stem, extension)
        }
        _ => (name, ""),
    }
}

/// Characters no entry name keeps: separators, what Windows refuses, control characters and
/// the direction controls that make `gpj.exe` read as `exe.jpg`.
fn unsafe_char(c: char) -> bool {
    matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        || c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn clean_stem(stem: &str) -> String {
    let replaced: String = stem
        .chars()
        .map(|c| if unsafe_char(c) { '_' } else { c })
        .collect();
    // No hidden file, no `..`, nothing Windows trims at the end.
    let trimmed = replaced
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    let mut stem: String = trimmed.chars().take(MAX_STEM_CHARS).collect();
    stem.truncate(stem.trim_end_matches(['.', ' ']).len());
    if stem.is_empty() {
        return "document".to_owned();
    }
    let device = stem.split('.').next().unwrap_or_default().trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(device)) {
        stem.insert(0, '_');
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(saved: &str) -> String {
        Names::default().entry(saved)
    }

    #[test]
    fn paths_and_dots_become_one_plain_name() {
        assert_eq!(entry("../../etc/passwd.pdf"), "_.._etc_passwd.pdf");
        assert_eq!(entry("..\\..\\boot.ini.pdf"), "_.._boot.ini.pdf");
        assert_eq!(entry("/absolute.jpg"), "_absolute.jpg");
        assert_eq!(entry("...pdf"), "document.pdf");
        assert_eq!(entry(".hidden.png"), "hidden.png");
        assert_eq!(entry("trailing. . .pdf"), "trailing.pdf");
        for name in [
            entry("../../etc/passwd.pdf"),
            entry("a/../../b.pdf"),
            entry("C:\\x.pdf"),
        ] {
            assert!(!name.contains('/') && !name.contains('\\') && !name.starts_with('.'));
            assert!(!name.split(['/', '\\']).any(|part| part == ".."));
        }
    }

    #[test]
    fn control_and_direction_characters_go() {
        assert_eq!(entry("bell\u{7}\u{0}.pdf"), "bell__.pdf");
        assert_eq!(entry("line\nbreak.pdf"), "line_break.pdf");
        assert_eq!(entry("photo\u{202E}gpj.exe.jpg"), "photo_gpj.exe.jpg");
        assert_eq!(entry("a<b>c:d|e?f*g\"h.pdf"), "a_b_c_d_e_f_g_h.pdf");
    }

    #[test]
    fn device_names_are_not_taken_as_devices() {
        assert_eq!(entry("CON.pdf"), "_CON.pdf");
        assert_eq!(entry("nul.txt.pdf"), "_nul.txt.pdf");
        assert_eq!(entry("com1 .jpg"), "_com1.jpg");
        assert_eq!(entry("CONSTANCE.pdf"), "CONSTANCE.pdf");
    }

    #[test]
    fn names_stay_readable_short_and_unique() {
        let mut names = Names::default();
        names.reserve("index.txt");
        assert_eq!(names.entry("Carte d'identité.jpg"), "Carte d'identité.jpg");
        assert_eq!(
            names.entry("carte D'IDENTITÉ.JPG"),
            "carte D'IDENTITÉ (2).jpg"
        );
        assert_eq!(
            names.entry("Carte d'identité.jpg"),
            "Carte d'identité (3).jpg"
        );
        assert_eq!(names.entry("index.txt"), "index (2).txt");
        assert_eq!(names.entry("بطاقة الإقامة.pdf"), "بطاقة الإقامة.pdf");
        let long = names.entry(&format!("{}.pdf", "é".repeat(300)));
        assert_eq!(long.chars().count(), MAX_STEM_CHARS + 4);
        assert_eq!(names.entry(""), "document");
    }
}
