//! Named value patterns a definition's field may require (`pattern = "slug"`), checked on submit.
//!
//! Named rather than regular expressions: the crate has no regex engine, and a name keeps the TOML readable.

/// Named patterns for `pattern = "…"` (no regex engine in the dependencies; add a name here when needed).
pub(crate) fn pattern(name: &str) -> Option<fn(&str) -> bool> {
    Some(match name {
        // Decidim's slug rule: a letter, then letters, digits or dashes (two characters at least).
        "slug" => crate::text::valid_slug,
        "email" => |s: &str| {
            let Some((user, host)) = s.split_once('@') else {
                return false;
            };
            !user.is_empty() && host.contains('.') && !host.starts_with('.') && !s.contains(' ')
        },
        // Letters, digits, dashes and underscores (scope codes, hashtags).
        "code" => |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        },
        "hex_color" => |s: &str| {
            s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
        },
        // An http(s) URL with a host (Decidim's `URI::HTTP` + host checks on links).
        "url" => |s: &str| {
            let rest = s
                .strip_prefix("https://")
                .or_else(|| s.strip_prefix("http://"));
            rest.is_some_and(|r| {
                let host = r.split(['/', '?', '#']).next().unwrap_or("");
                !host.is_empty() && !s.contains(' ')
            })
        },
        "domain" => |s: &str| {
            s.contains('.')
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        },
        _ => return None,
    })
}
