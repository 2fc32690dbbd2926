//! [`Catalogue`]: the admin features of Decidim 0.29 (`scenarios/_catalogue.toml`) and which
//! scenarios exercise them ([`Coverage`]).
//!
//! The same catalogue feeds `decidim-explorer features` (coverage of the lesson library) and,
//! later, the notice-gap report (which features a manual documents).

use crate::scenario::{Localized, Scenario};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a feature comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Core Decidim.
    Core,
    /// An Open Source Politics module.
    Osp,
}

/// Words people use for a feature, per language.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Synonyms {
    /// English words.
    #[serde(default)]
    pub en: Vec<String>,
    /// French words.
    #[serde(default)]
    pub fr: Vec<String>,
}

/// One admin feature.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    /// Stable id, e.g. `process.create`.
    pub id: String,
    /// Core or OSP.
    pub origin: Origin,
    /// Feature group (processes, settings, proposals…).
    pub group: String,
    /// Name per locale.
    pub name: Localized,
    /// Admin route ("" when the feature has no page of its own).
    #[serde(default)]
    pub route: String,
    /// Other words for it.
    #[serde(default)]
    pub synonyms: Synonyms,
    /// Main form fields (English labels).
    #[serde(default)]
    pub fields: Vec<String>,
    /// Variants it must not be taken for, per language ("process group landing page" for the
    /// process's landing page): a manual's section about one is not about it.
    #[serde(default)]
    pub distinct_from: Synonyms,
}

#[derive(Debug, Deserialize)]
struct File {
    feature: Vec<Feature>,
}

#[derive(Debug, Deserialize, Default)]
struct NotExercised {
    #[serde(default)]
    reasons: BTreeMap<String, String>,
}

/// The catalogue, plus why some features have no lesson.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// Features in catalogue order.
    pub features: Vec<Feature>,
    /// Feature id → why no scenario exercises it (from `_not_exercised.toml`).
    pub not_exercised: BTreeMap<String, String>,
}

/// The catalogue could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// Unreadable file.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Invalid TOML or fields.
    #[error("{}: {message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong (with line and column from the TOML parser).
        message: String,
    },
}

/// File names inside the scenario folder.
pub const CATALOGUE_FILE: &str = "_catalogue.toml";
/// Reasons for features without a lesson.
pub const NOT_EXERCISED_FILE: &str = "_not_exercised.toml";

fn read(path: &Path) -> Result<String, CatalogueError> {
    std::fs::read_to_string(path).map_err(|source| CatalogueError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn parse<T: for<'de> Deserialize<'de>>(path: &Path, text: &str) -> Result<T, CatalogueError> {
    toml::from_str(text).map_err(|e| {
        let pos = e
            .span()
            .map(|s| {
                let before = &text[..s.start.min(text.len())];
                format!(" (line {})", before.matches('\n').count() + 1)
            })
            .unwrap_or_default();
        CatalogueError::Parse {
            path: path.to_path_buf(),
            message: format!("{}{pos}", e.message()),
        }
    })
}

impl Catalogue {
    /// Load `_catalogue.toml` (and `_not_exercised.toml` if present) from a scenario folder.
    pub fn load(scenario_dir: &Path) -> Result<Catalogue, CatalogueError> {
        let path = scenario_dir.join(CATALOGUE_FILE);
        let file: File = parse(&path, &read(&path)?)?;
        let reasons_path = scenario_dir.join(NOT_EXERCISED_FILE);
        let not_exercised = if reasons_path.is_file() {
            parse::<NotExercised>(&reasons_path, &read(&reasons_path)?)?.reasons
        } else {
            BTreeMap::new()
        };
        let mut seen = std::collections::BTreeSet::new();
        for f in &file.feature {
            if !seen.insert(f.id.as_str()) {
                return Err(CatalogueError::Parse {
                    path,
                    message: format!("feature id `{}` is defined twice", f.id),
                });
            }
        }
        Ok(Catalogue {
            features: file.feature,
            not_exercised,
        })
    }

    /// The feature with this id.
    pub fn get(&self, id: &str) -> Option<&Feature> {
        self.features.iter().find(|f| f.id == id)
    }

    /// Scenario feature ids that are not in the catalogue: (scenario id, feature id, nearest id).
    pub fn unknown_ids<'a>(
        &'a self,
        scenarios: &'a [Scenario],
    ) -> Vec<(&'a str, &'a str, Option<&'a str>)> {
        let ids = || self.features.iter().map(|f| f.id.as_str());
        scenarios
            .iter()
            .flat_map(|s| s.features.iter().map(move |f| (s.id.as_str(), f.as_str())))
            .filter(|(_, f)| self.get(f).is_none())
            .map(|(s, f)| (s, f, crate::scenario::actions::nearest(f, ids())))
            .collect()
    }

    /// Which scenarios exercise which feature. `counts` filters scenarios (e.g. only those
    /// that passed in a given run).
    pub fn coverage<'a>(
        &'a self,
        scenarios: &'a [Scenario],
        counts: impl Fn(&Scenario) -> bool,
    ) -> Coverage<'a> {
        let rows = self
            .features
            .iter()
            .map(|f| CoverageRow {
                feature: f,
                scenarios: scenarios
                    .iter()
                    .filter(|s| counts(s) && s.features.iter().any(|id| id == &f.id))
                    .map(|s| s.id.as_str())
                    .collect(),
                reason: self.not_exercised.get(&f.id).map(String::as_str),
            })
            .collect();
        Coverage { rows }
    }
}

/// One feature and the scenarios exercising it.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageRow<'a> {
    /// The feature.
    pub feature: &'a Feature,
    /// Ids of scenarios that exercise it.
    pub scenarios: Vec<&'a str>,
    /// Why none does, if known.
    pub reason: Option<&'a str>,
}

/// Coverage of the catalogue by scenarios.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage<'a> {
    /// One row per feature, catalogue order.
    pub rows: Vec<CoverageRow<'a>>,
}

impl Coverage<'_> {
    /// (exercised, total) for an origin.
    pub fn count(&self, origin: Origin) -> (usize, usize) {
        let of = self.rows.iter().filter(|r| r.feature.origin == origin);
        let total = of.clone().count();
        (of.filter(|r| !r.scenarios.is_empty()).count(), total)
    }

    /// Share of `origin`'s features exercised, in percent.
    pub fn percent(&self, origin: Origin) -> f64 {
        let (done, total) = self.count(origin);
        if total == 0 {
            0.0
        } else {
            100.0 * done as f64 / total as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(id: &str, features: &[&str]) -> Scenario {
        Scenario {
            id: id.into(),
            title: Localized::from("t"),
            description: None,
            features: features.iter().map(|s| s.to_string()).collect(),
            tags: vec![],
            writes: false,
            runs_alone: false,
            steps: vec![],
            file: PathBuf::from("x.toml"),
        }
    }

    fn catalogue() -> Catalogue {
        let text = r#"
[[feature]]
id = "a.one"
origin = "core"
group = "g"
name = { en = "One", fr = "Un" }

[[feature]]
id = "a.two"
origin = "core"
group = "g"
name = { en = "Two", fr = "Deux" }

[[feature]]
id = "osp.x"
origin = "osp"
group = "osp"
name = { en = "X", fr = "X" }
"#;
        let file: File = parse(Path::new("c.toml"), text).unwrap();
        Catalogue {
            features: file.feature,
            not_exercised: [("a.two".to_string(), "needs e-mail".to_string())].into(),
        }
    }

    #[test]
    fn coverage_counts_per_origin_and_keeps_reasons() {
        let c = catalogue();
        let scenarios = vec![
            scenario("s1", &["a.one"]),
            scenario("s2", &["a.one", "osp.x"]),
        ];
        let cov = c.coverage(&scenarios, |_| true);
        assert_eq!(cov.count(Origin::Core), (1, 2));
        assert_eq!(cov.count(Origin::Osp), (1, 1));
        assert_eq!(cov.rows[0].scenarios, vec!["s1", "s2"]);
        assert_eq!(cov.rows[1].reason, Some("needs e-mail"));
        assert!((cov.percent(Origin::Core) - 50.0).abs() < 1e-9);
        let only_s1 = c.coverage(&scenarios, |s| s.id == "s1");
        assert_eq!(only_s1.count(Origin::Osp), (0, 1));
    }

    #[test]
    fn unknown_feature_ids_get_a_suggestion() {
        let c = catalogue();
        let scenarios = vec![scenario("s", &["a.onee", "a.two"])];
        assert_eq!(
            c.unknown_ids(&scenarios),
            vec![("s", "a.onee", Some("a.one"))]
        );
    }

    #[test]
    fn the_shipped_catalogue_loads_with_97_core_and_15_osp_features() {
        let dir = crate::test_support::repo_root().join("scenarios");
        let c = Catalogue::load(&dir).unwrap();
        let cov = c.coverage(&[], |_| true);
        assert_eq!(cov.count(Origin::Core).1, 97);
        assert_eq!(cov.count(Origin::Osp).1, 15);
        for id in c.not_exercised.keys() {
            assert!(
                c.get(id).is_some(),
                "_not_exercised.toml names unknown feature {id}"
            );
        }
    }
}
