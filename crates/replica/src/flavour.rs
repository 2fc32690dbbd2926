//! [`Flavour`]: which Decidim the replica imitates.
//!
//! `core` is Decidim 0.29.5 as released. `osp` is the Open Source Politics demo: core plus what
//! OpenSourcePolitics/decidim-app changes (its locale overrides, replacement pages, sign-out
//! behaviour, locales) and the admin pages of the modules it installs. Each flavour is a layer of
//! files over core's: `fixtures/locales/osp/`, `fixtures/templates/osp/`, and the
//! routes of `routes::osp`.

use std::fmt;
use std::str::FromStr;

/// Which Decidim the replica imitates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Flavour {
    /// Decidim 0.29.5 as released.
    Core,
    /// The OSP demo: Decidim 0.29.5 plus OpenSourcePolitics/decidim-app. The tool's home target.
    #[default]
    Osp,
}

impl Flavour {
    /// Every flavour, core first.
    pub const ALL: [Flavour; 2] = [Flavour::Core, Flavour::Osp];

    /// `core` or `osp`.
    pub fn name(self) -> &'static str {
        match self {
            Flavour::Core => "core",
            Flavour::Osp => "osp",
        }
    }

    /// The organization's default locale on an instance of this flavour. OSP's app defaults to `en`
    /// unless `DECIDIM_DEFAULT_LOCALE` says otherwise; a French operator's demo sets `fr`, which is
    /// also the stricter case (an English admin must fill the French fields).
    pub fn default_locale(self) -> &'static str {
        match self {
            Flavour::Core => "en",
            Flavour::Osp => "fr",
        }
    }

    /// What the flavour imitates, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Flavour::Core => "Decidim 0.29.5",
            Flavour::Osp => "the OSP demo: Decidim 0.29.5 + OpenSourcePolitics/decidim-app",
        }
    }
}

impl fmt::Display for Flavour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Flavour {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "core" => Ok(Flavour::Core),
            "osp" => Ok(Flavour::Osp),
            other => Err(format!("unknown replica flavour `{other}` (core or osp)")),
        }
    }
}
