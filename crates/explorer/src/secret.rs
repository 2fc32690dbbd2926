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

/// Replaces secret values in text before it is written anywhere.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// A redactor for these secrets (empty ones are ignored).
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Self {
        Redactor {
            secrets: secrets
                .into_iter()
                .map(|s| s.expose().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    /// `text` with every secret replaced by `***`.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_string();
        for s in &self.secrets {
            out = out.replace(s.as_str(), "***");
        }
        out
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
}
