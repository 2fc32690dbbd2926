//! A step said in words, in the trainee's language: « Remplir « Titre » avec « Ma concertation » »,
//! "Click “New process”". The guide's step headings, the terminal's step lines and the handbook's
//! headings all come from here, so a French trainee never reads `click` or `expect_text`.

use super::model::{Action, Target, TargetBy, Value};

/// Quote a text the way the language does: « … » (with no-break spaces) in French, “…” in English.
pub fn quote(lang: &str, text: &str) -> String {
    if lang == "fr" {
        format!("«\u{a0}{text}\u{a0}»")
    } else {
        format!("“{text}”")
    }
}

/// What a person reads of a target: its label, text, title or placeholder in `lang`, or its own
/// `name`; a bare CSS selector is "the highlighted element".
pub fn target_words(target: &Target, lang: &str) -> String {
    if let Some(name) = &target.name {
        return name.get(lang).to_string();
    }
    match &target.by {
        TargetBy::Text(t) | TargetBy::Label(t) | TargetBy::Title(t) | TargetBy::Placeholder(t) => {
            quote(lang, t.get(lang))
        }
        TargetBy::Css(_) if lang == "fr" => "l'élément mis en évidence".into(),
        TargetBy::Css(_) => "the highlighted element".into(),
    }
}

/// The step's action in words, with the value it types.
pub fn heading(action: &Action, lang: &str) -> String {
    let fr = lang == "fr";
    let t = |target: &Target| target_words(target, lang);
    match action {
        Action::Goto { url } if fr => format!("Ouvrir la page {url}"),
        Action::Goto { url } => format!("Open the page {url}"),
        Action::Click { target, confirm } => match (fr, confirm) {
            (true, false) => format!("Cliquer sur {}", t(target)),
            (true, true) => format!("Cliquer sur {} puis confirmer", t(target)),
            (false, false) => format!("Click {}", t(target)),
            (false, true) => format!("Click {}, then confirm", t(target)),
        },
        Action::Fill { target, value } => {
            let what = match value {
                Value::Text(v) => quote(lang, v.get(lang)),
                Value::Env(_) if fr => "la valeur secrète".into(),
                Value::Env(_) => "the secret value".into(),
            };
            if fr {
                format!("Remplir {} avec {what}", t(target))
            } else {
                format!("Fill in {} with {what}", t(target))
            }
        }
        Action::Select { target, option } if fr => {
            format!(
                "Choisir {} dans {}",
                quote(lang, option.get(lang)),
                t(target)
            )
        }
        Action::Select { target, option } => {
            format!("Choose {} in {}", quote(lang, option.get(lang)), t(target))
        }
        Action::Check { target, checked } => match (fr, checked) {
            (true, true) => format!("Cocher {}", t(target)),
            (true, false) => format!("Décocher {}", t(target)),
            (false, true) => format!("Tick {}", t(target)),
            (false, false) => format!("Untick {}", t(target)),
        },
        Action::ExpectText { text, .. } if fr => {
            format!(
                "Vérifier que la page affiche {}",
                quote(lang, text.get(lang))
            )
        }
        Action::ExpectText { text, .. } => {
            format!("Check that the page shows {}", quote(lang, text.get(lang)))
        }
        Action::ExpectUrl { url } if fr => format!("Vérifier que l'adresse est {url}"),
        Action::ExpectUrl { url } => format!("Check that the address is {url}"),
        Action::ExpectElement { target } if fr => format!("Vérifier que {} est affiché", t(target)),
        Action::ExpectElement { target } => format!("Check that {} is shown", t(target)),
        Action::Screenshot { .. } if fr => "Prendre une capture d'écran".into(),
        Action::Screenshot { .. } => "Take a screenshot".into(),
        Action::Login if fr => "Se connecter".into(),
        Action::Login => "Log in".into(),
        Action::AcceptCookies if fr => "Accepter les cookies".into(),
        Action::AcceptCookies => "Accept the cookies".into(),
        Action::AcceptAdminTerms if fr => {
            "Accepter les conditions d'utilisation de l'administration".into()
        }
        Action::AcceptAdminTerms => "Accept the admin terms of service".into(),
        Action::Confirm if fr => "Confirmer".into(),
        Action::Confirm => "Confirm".into(),
        Action::Include { scenario } if fr => format!("Faire la leçon {scenario}"),
        Action::Include { scenario } => format!("Do the lesson {scenario}"),
    }
}

/// Whether later steps depend on what this step does: everything but checks and screenshots
/// changes the page (a skipped fill leaves a form incomplete, a skipped click a page unopened).
pub fn is_needed_by_later_steps(action: &Action) -> bool {
    !matches!(
        action,
        Action::ExpectText { .. }
            | Action::ExpectUrl { .. }
            | Action::ExpectElement { .. }
            | Action::Screenshot { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Localized;

    fn loc(en: &str, fr: &str) -> Localized {
        Localized::PerLocale(
            [("en", en), ("fr", fr)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
                .collect(),
        )
    }

    fn label(en: &str, fr: &str) -> Target {
        Target {
            by: TargetBy::Label(loc(en, fr)),
            within: None,
            name: None,
        }
    }

    #[test]
    fn a_fill_says_field_and_value_in_each_language() {
        let a = Action::Fill {
            target: label("Title", "Titre"),
            value: Value::Text(loc("My process", "Ma concertation")),
        };
        assert_eq!(
            heading(&a, "fr"),
            "Remplir «\u{a0}Titre\u{a0}» avec «\u{a0}Ma concertation\u{a0}»"
        );
        assert_eq!(heading(&a, "en"), "Fill in “Title” with “My process”");
    }

    #[test]
    fn secrets_are_never_spelled_out() {
        let a = Action::Fill {
            target: label("Password", "Mot de passe"),
            value: Value::Env("DECIDIM_PASSWORD".into()),
        };
        assert_eq!(
            heading(&a, "fr"),
            "Remplir «\u{a0}Mot de passe\u{a0}» avec la valeur secrète"
        );
        assert!(!heading(&a, "en").contains("DECIDIM_PASSWORD"));
    }

    #[test]
    fn a_css_target_is_named_by_its_name_or_as_the_highlighted_element() {
        let mut t = Target {
            by: TargetBy::Css("#admin-menu-trigger".into()),
            within: None,
            name: None,
        };
        let click = |t: &Target| Action::Click {
            target: t.clone(),
            confirm: false,
        };
        assert_eq!(
            heading(&click(&t), "fr"),
            "Cliquer sur l'élément mis en évidence"
        );
        t.name = Some(loc("the language menu", "le menu des langues"));
        assert_eq!(heading(&click(&t), "fr"), "Cliquer sur le menu des langues");
        assert_eq!(heading(&click(&t), "en"), "Click the language menu");
    }

    #[test]
    fn checks_and_screenshots_are_not_needed_by_later_steps() {
        assert!(!is_needed_by_later_steps(&Action::ExpectUrl {
            url: "/".into()
        }));
        assert!(is_needed_by_later_steps(&Action::Login));
    }
}
