//! Credentials and secret values: kept out of logs, events, reports and saved HTML.
//!
//! A [`Secret`] prints as `***`; [`Redactor`] removes secret values from any text we write
//! (saved page HTML, error messages), in case a page echoes one back.

use std::fmt;

/// A value that must never be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wrap a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for typing it into the browser and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// The admin account a run logs in with.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Login email (not secret: it appears in reports).
    pub email: String,
    /// Password.
    pub password: Secret,
}

/// Where credentials come from: `DECIDIM_EMAIL` / `DECIDIM_PASSWORD`, else a prompt that does
/// not echo. `None` when neither is possible (no terminal): the caller explains.
pub fn credentials_from_env_or_prompt(interactive: bool) -> std::io::Result<Option<Credentials>> {
    let email = std::env::var("DECIDIM_EMAIL")
        .ok()
        .filter(|v| !v.is_empty());
    let password = std::env::var("DECIDIM_PASSWORD")
        .ok()
        .filter(|v| !v.is_empty());
    match (email, password) {
        (Some(email), Some(password)) => Ok(Some(Credentials {
            email,
            password: Secret::new(password),
        })),
        (email, password) if interactive => {
            let email = match email {
                Some(e) => e,
                None => {
                    eprint!("Admin email: ");
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim().to_string()
                }
            };
            let password = match password {
                Some(p) => p,
                None => rpassword::prompt_password(format!("Password for {email}: "))?,
            };
            Ok(Some(Credentials {
                email,
                password: Secret::new(password),
            }))
        }
        _ => Ok(None),
    }
}

/// Replaces secret values in text before it is written anywhere: as typed, and as a page or a
/// log may write them — each character as is or escaped, independently: HTML entities (named,
/// decimal, hex), percent-encoding (`+` for a space), JSON and JavaScript escapes. A page writing
/// text escapes `<` but not `"`, an attribute `"` but not `'`, `encodeURIComponent` leaves `'`
/// alone: listing whole spellings misses such mixes, matching character by character does not.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// Per secret, per character, the ways it may be written.
    secrets: Vec<Vec<Vec<String>>>,
}

impl Redactor {
    /// A redactor for these secrets (empty ones are ignored).
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Self {
        let secrets = secrets
            .into_iter()
            .map(Secret::expose)
            .filter(|s| !s.is_empty())
            .map(|s| s.chars().map(spellings_of).collect())
            .collect();
        Redactor { secrets }
    }

    /// `text` with every secret replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for secret in &self.secrets {
            out = redact_one(&out, secret);
        }
        out
    }

    /// Saved page HTML: the secrets redacted, and the value of every password field masked
    /// (whatever it is: a page may prefill one).
    pub fn redact_html(&self, html: &str) -> String {
        mask_password_values(&self.redact(html))
    }
}

/// The ways one character may be written.
fn spellings_of(c: char) -> Vec<String> {
    let code = c as u32;
    let mut out = vec![
        c.to_string(),
        format!("&#{code};"),
        format!("&#x{code:x};"),
        format!("&#x{code:X};"),
        format!("&#X{code:x};"),
        format!("&#X{code:X};"),
    ];
    let named = match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        _ => None,
    };
    out.extend(named.map(String::from));
    let mut utf8 = [0u8; 4];
    let bytes = c.encode_utf8(&mut utf8).as_bytes();
    out.push(bytes.iter().map(|b| format!("%{b:02X}")).collect());
    out.push(bytes.iter().map(|b| format!("%{b:02x}")).collect());
    if c == ' ' {
        out.push("+".into());
    }
    if code <= 0xFFFF {
        out.push(format!("\\u{code:04x}"));
        out.push(format!("\\u{code:04X}"));
    }
    if matches!(c, '"' | '\\' | '/' | '\'') {
        out.push(format!("\\{c}"));
    }
    out.sort();
    out.dedup();
    out
}

/// `text` with every occurrence of the secret (one spelling list per character) replaced.
fn redact_one(text: &str, secret: &[Vec<String>]) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Positions already known not to continue the secret: (text offset, secret index).
        let mut dead = std::collections::HashSet::new();
        match match_at(bytes, at, secret, 0, &mut dead) {
            Some(end) if text.is_char_boundary(at) && text.is_char_boundary(end) => {
                out.push_str(&text[copied..at]);
                out.push_str("***");
                copied = end;
                at = end;
            }
            _ => at += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Where a match of `secret[index..]` starting at `at` ends, trying every spelling of each
/// character (memoised, so that a spelling that is a prefix of another costs no backtracking blow-up).
fn match_at(
    text: &[u8],
    at: usize,
    secret: &[Vec<String>],
    index: usize,
    dead: &mut std::collections::HashSet<(usize, usize)>,
) -> Option<usize> {
    if index == secret.len() {
        return Some(at);
    }
    if dead.contains(&(at, index)) {
        return None;
    }
    for spelling in &secret[index] {
        if text[at..].starts_with(spelling.as_bytes()) {
            if let Some(end) = match_at(text, at + spelling.len(), secret, index + 1, dead) {
                return Some(end);
            }
        }
    }
    dead.insert((at, index));
    None
}

/// `value="…"` of every `<input type="password">` replaced by `value="***"`.
fn mask_password_values(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = find_ci(rest, "<input") {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        let lower = tag.to_ascii_lowercase();
        let is_password = ["type=\"password\"", "type='password'", "type=password"]
            .iter()
            .any(|t| lower.contains(t));
        out.push_str(&if is_password {
            mask_value(tag)
        } else {
            tag.to_string()
        });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The tag with its `value` attribute's content replaced by `***`.
fn mask_value(tag: &str) -> String {
    let Some(at) = find_ci(tag, " value=") else {
        return tag.to_string();
    };
    let value_start = at + " value=".len();
    let bytes = tag.as_bytes();
    let (open, close) = match bytes.get(value_start) {
        Some(b'"') => (
            value_start + 1,
            tag[value_start + 1..]
                .find('"')
                .map(|e| value_start + 1 + e),
        ),
        Some(b'\'') => (
            value_start + 1,
            tag[value_start + 1..]
                .find('\'')
                .map(|e| value_start + 1 + e),
        ),
        _ => (
            value_start,
            tag[value_start..]
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .map(|e| value_start + e),
        ),
    };
    match close {
        Some(close) => format!("{}***{}", &tag[..open], &tag[close..]),
        None => tag.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s} {s:?}"), "*** Secret(***)");
        let c = Credentials {
            email: "a@b.c".into(),
            password: s.clone(),
        };
        assert!(!format!("{c:?}").contains("hunter2"));
        let r = Redactor::new([&s]);
        assert_eq!(
            r.redact("<input value=\"hunter2\">"),
            "<input value=\"***\">"
        );
    }

    #[test]
    fn every_spelling_of_a_secret_is_redacted() {
        let s = Secret::new("s3cr&t<pa55> \"x'/y");
        let r = Redactor::new([&s]);
        for echoed in [
            "s3cr&t<pa55> \"x'/y",
            "s3cr&amp;t&lt;pa55&gt; &quot;x&#39;/y",
            "s3cr&amp;t&lt;pa55&gt; &#34;x&#x27;/y",
            "s3cr%26t%3Cpa55%3E+%22x%27%2Fy",
            "s3cr%26t%3Cpa55%3E%20%22x%27%2Fy",
            "s3cr%26t%3cpa55%3e%20%22x%27%2fy",
            "s3cr&t<pa55> \\\"x'/y",
            "s3cr&t<pa55> \\\"x'\\/y",
            "s3cr\\u0026t\\u003cpa55\\u003e \\u0022x\\u0027/y",
            // As pages mix them: text escapes `<` not `"`, attributes `"` not `'`,
            // encodeURIComponent leaves `'` alone.
            "s3cr&amp;t&lt;pa55&gt; \"x'/y",
            "s3cr&amp;t&lt;pa55&gt; &quot;x'/y",
            "s3cr%26t%3Cpa55%3E%20%22x'%2Fy",
            "s3cr&#38;t&#x3c;pa55&#X3E; \"x'/y",
        ] {
            let text = format!("before {echoed} after");
            assert_eq!(r.redact(&text), "before *** after", "{echoed}");
        }
    }

    #[test]
    fn password_fields_values_are_masked_in_saved_html() {
        let r = Redactor::new([]);
        let html = r#"<form><INPUT type="password" name="p" value="prefilled"><input type='text' value="kept"><input value=bare type=password></form>"#;
        assert_eq!(
            r.redact_html(html),
            r#"<form><INPUT type="password" name="p" value="***"><input type='text' value="kept"><input value=*** type=password></form>"#
        );
    }
}
