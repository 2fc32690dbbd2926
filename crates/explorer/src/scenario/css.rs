//! Is a locator's CSS selector one the browser will accept? Checked when scenarios are read, so
//! that a typo fails `check` at its line instead of polling the page for a whole timeout.
//!
//! The grammar is `scraper`'s (Servo's selector parser). It knows no state pseudo-class
//! (`:checked`, `:hover`…), which a browser does: those are accepted by name.

/// The state pseudo-classes Chromium knows that the parser does not.
const STATE_PSEUDO_CLASSES: &[&str] = &[
    "active",
    "any-link",
    "autofill",
    "checked",
    "default",
    "defined",
    "disabled",
    "enabled",
    "focus",
    "focus-visible",
    "focus-within",
    "fullscreen",
    "hover",
    "in-range",
    "indeterminate",
    "invalid",
    "link",
    "modal",
    "optional",
    "out-of-range",
    "placeholder-shown",
    "popover-open",
    "read-only",
    "read-write",
    "required",
    "target",
    "user-invalid",
    "user-valid",
    "valid",
    "visited",
];

/// `Ok` when the browser will accept `selector`, else why not, in words.
pub fn check_selector(selector: &str) -> Result<(), String> {
    // Each state pseudo-class the parser stops at is put aside (as `:root`, which it knows) and
    // the rest parsed again; a selector has few, and each round removes one.
    let mut text = selector.to_string();
    loop {
        let unsupported = match scraper::Selector::parse(&text) {
            Ok(_) => return Ok(()),
            Err(scraper::error::SelectorErrorKind::UnexpectedSelectorParseError(
                selectors::parser::SelectorParseErrorKind::UnsupportedPseudoClassOrElement(name),
            )) => name.to_string(),
            Err(e) => return Err(describe(&e)),
        };
        let known = STATE_PSEUDO_CLASSES
            .iter()
            .any(|p| p.eq_ignore_ascii_case(&unsupported));
        let Some(at) = known.then(|| find_pseudo(&text, &unsupported)).flatten() else {
            return Err(format!(
                "`:{unsupported}` is not a pseudo-class or pseudo-element a browser knows"
            ));
        };
        text.replace_range(at..at + 1 + unsupported.len(), ":root");
    }
}

/// Where `:name` stands as a whole pseudo-class in `text`.
fn find_pseudo(text: &str, name: &str) -> Option<usize> {
    let needle = format!(":{name}");
    text.match_indices(&needle).map(|(i, _)| i).find(|&i| {
        let after = text[i + needle.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
    })
}

/// The parser's error, said for people.
fn describe(e: &scraper::error::SelectorErrorKind<'_>) -> String {
    use scraper::error::SelectorErrorKind as K;
    match e {
        K::UnexpectedToken(t) => format!("unexpected {t:?}"),
        K::EndOfLine => "it ends too early".into(),
        K::ExpectedColonOnPseudoElement(t) => format!("expected `::` before {t:?}"),
        K::ExpectedIdentityOnPseudoElement(t) => format!("expected a name after `::`, found {t:?}"),
        K::UnexpectedSelectorParseError(kind) => {
            use selectors::parser::SelectorParseErrorKind as S;
            match kind {
                S::DanglingCombinator => {
                    "a combinator (`>`, `+`, `~`) with nothing on one side".into()
                }
                S::EmptySelector => "an empty part (a stray comma?)".into(),
                S::UnexpectedIdent(name) => format!("unexpected `{name}`"),
                S::ClassNeedsIdent(t) => format!("a class name is expected after `.`, found {t:?}"),
                S::BadValueInAttr(t) => format!("bad attribute value {t:?}"),
                other => format!("{other:?}"),
            }
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::check_selector;

    #[test]
    fn what_a_browser_accepts_passes() {
        for ok in [
            "#steps tr:has(.icon-active)",
            ".js-list-available a[data-method='delete']",
            "table.table-list tbody tr:last-child",
            "#component_settings_amendments_enabled:checked",
            "input:not(:disabled):focus-visible",
            "a[title=':checked']:hover",
            "li:nth-child(2n+1) > a",
        ] {
            assert_eq!(check_selector(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn what_it_rejects_fails_with_a_reason() {
        for (bad, why) in [
            ("div[", "ends too early"),
            ("#a >> .b", "combinator"),
            ("a, , b", "empty part"),
            ("tr:chekced", "`:chekced` is not a pseudo-class"),
            ("a:hoverr", "`:hoverr`"),
            ("..card", "class name is expected"),
        ] {
            let e = check_selector(bad).expect_err(bad);
            assert!(e.contains(why), "{bad}: {e}");
        }
    }
}
