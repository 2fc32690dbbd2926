//! `ReplicaOptions`: how a replica is started (flavour, default locale, port).

use crate::flavour::Flavour;

/// How to start the replica.
#[derive(Clone, Debug)]
pub struct ReplicaOptions {
    /// Which Decidim to imitate.
    pub flavour: Flavour,
    /// The organization's default locale (`en` or `fr`).
    pub default_locale: String,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
}

impl Default for ReplicaOptions {
    fn default() -> Self {
        ReplicaOptions::for_flavour(Flavour::default())
    }
}

impl ReplicaOptions {
    /// A flavour with its own default locale, on a free port.
    pub fn for_flavour(flavour: Flavour) -> ReplicaOptions {
        ReplicaOptions {
            flavour,
            default_locale: flavour.default_locale().into(),
            port: 0,
        }
    }

    /// The same with another default locale when one is given.
    pub fn with_locale(self, locale: Option<&str>) -> ReplicaOptions {
        match locale {
            Some(l) => ReplicaOptions {
                default_locale: l.to_string(),
                ..self
            },
            None => self,
        }
    }
}
