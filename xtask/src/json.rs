//! Just enough JSON to read one top-level string of `cargo metadata` without a dependency.

/// The string value of `key` in the top-level object of `json`, ignoring nested objects.
pub fn top_level_string(json: &str, key: &str) -> Option<String> {
    let bytes = json.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.checked_sub(1)?,
            b'"' => {
                let (text, end) = string_at(json, i)?;
                i = end;
                let after = json[end..].trim_start();
                if depth == 1 && text == key {
                    if let Some(value) = after.strip_prefix(':') {
                        let value = value.trim_start();
                        if !value.starts_with('"') {
                            return None;
                        }
                        return string_at(json, json.len() - value.len()).map(|(text, _)| text);
                    }
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Decodes the JSON string starting at the quote at byte `start`: (text, index after the closing quote).
fn string_at(json: &str, start: usize) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = json.get(start + 1..)?.char_indices();
    while let Some((offset, c)) = chars.next() {
        match c {
            '"' => return Some((out, start + 1 + offset + 1)),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let first = hex4(&mut chars)?;
                    let code = if (0xD800..0xDC00).contains(&first) {
                        // A surrogate pair: `\uD83D\uDE00`.
                        if (chars.next()?.1, chars.next()?.1) != ('\\', 'u') {
                            return None;
                        }
                        let second = hex4(&mut chars)?
                            .checked_sub(0xDC00)
                            .filter(|s| *s < 0x400)?;
                        0x10000 + ((first - 0xD800) << 10) + second
                    } else {
                        first
                    };
                    out.push(char::from_u32(code)?);
                }
                other => out.push(other), // \" \\ \/
            },
            c => out.push(c),
        }
    }
    None
}

fn hex4(chars: &mut std::str::CharIndices<'_>) -> Option<u32> {
    let digits: String = (0..4)
        .map(|_| chars.next().map(|(_, c)| c))
        .collect::<Option<_>>()?;
    u32::from_str_radix(&digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_top_level_strings_only() {
        let json = r#"{"packages":[{"name":"x","metadata":{"target_directory":"/nested"},
            "description":"say \"target_directory\": \"/no\""}],
            "target_directory" : "/work/t\u00e9st\\dir \ud83d\ude00","version":1}"#;
        assert_eq!(
            top_level_string(json, "target_directory").as_deref(),
            Some("/work/tést\\dir 😀")
        );
        assert_eq!(top_level_string(json, "version"), None);
        assert_eq!(top_level_string(json, "name"), None);
        assert_eq!(top_level_string(r#"{"a":"#, "a"), None);
    }
}
