//! [`LearningPath`]: the order in which a trainee learns the admin (`scenarios/_learning_path.toml`): admin
//! areas, each with its lessons from the first a newcomer needs to the advanced ones. The guide's menu and
//! the handbook follow it.

use super::localized::Localized;
use super::model::{Action, Scenario};
use serde::Deserialize;
use std::path::Path;

/// File name of the learning path in a scenario folder.
pub const FILE: &str = "_learning_path.toml";

/// One admin area of the path.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Stable id (`processes`).
    pub id: String,
    /// Its name per locale.
    pub name: Localized,
    /// Lesson ids, in learning order.
    pub lessons: Vec<String>,
}

/// The whole path.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearningPath {
    /// Areas in learning order.
    pub areas: Vec<Area>,
}

impl LearningPath {
    /// Reads `dir/_learning_path.toml`; an absent file is an empty path (lessons keep their file order).
    pub fn load(dir: &Path) -> Result<LearningPath, String> {
        let file = dir.join(FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LearningPath::default()),
            Err(e) => Err(format!("{}: {e}", file.display())),
        }
    }

    /// (area index, position in the area) of a lesson.
    pub fn position(&self, id: &str) -> Option<(usize, usize)> {
        self.areas
            .iter()
            .enumerate()
            .find_map(|(a, area)| area.lessons.iter().position(|l| l == id).map(|p| (a, p)))
    }

    /// The area of a lesson.
    pub fn area_of(&self, id: &str) -> Option<&Area> {
        self.position(id).map(|(a, _)| &self.areas[a])
    }

    /// `scenarios` sorted in learning order; lessons the path does not name come last, in their order.
    pub fn sort<'a>(&self, scenarios: &'a [Scenario]) -> Vec<&'a Scenario> {
        let mut out: Vec<&Scenario> = scenarios.iter().collect();
        out.sort_by_key(|s| self.position(&s.id).unwrap_or((usize::MAX, usize::MAX)));
        out
    }

    /// What is wrong with the path for this library: lessons it misses, names twice, does not know,
    /// or places before a lesson they include.
    pub fn problems(&self, library: &[Scenario], raw_includes: &[(String, String)]) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for area in &self.areas {
            for id in &area.lessons {
                if seen.contains(&id.as_str()) {
                    problems.push(format!("lesson `{id}` is listed twice"));
                }
                seen.push(id);
                if !library.iter().any(|s| &s.id == id) {
                    problems.push(format!("area `{}` lists an unknown lesson `{id}`", area.id));
                }
            }
        }
        for s in library {
            if !seen.contains(&s.id.as_str()) {
                problems.push(format!(
                    "lesson `{}` is in no area of the learning path",
                    s.id
                ));
            }
        }
        for (lesson, included) in raw_includes {
            if let (Some(a), Some(b)) = (self.position(lesson), self.position(included)) {
                if a < b {
                    problems.push(format!(
                        "lesson `{lesson}` comes before `{included}`, which it includes"
                    ));
                }
            }
        }
        problems
    }
}

/// (lesson, included lesson) pairs, read from the steps' provenance.
pub fn includes(library: &[Scenario]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in library {
        for step in &s.steps {
            let inc = step
                .included
                .as_ref()
                .map(|i| i.scenario.clone())
                .or_else(|| match &step.action {
                    Action::Include { scenario } => Some(scenario.clone()),
                    _ => None,
                });
            if let Some(i) = inc {
                let pair = (s.id.clone(), i);
                if !out.contains(&pair) {
                    out.push(pair);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_path_names_every_lesson_once_after_what_it_includes() {
        let dir = crate::test_support::repo_root().join("scenarios");
        let path = LearningPath::load(&dir).unwrap();
        let loaded = crate::scenario::load_paths(&[dir]).unwrap();
        let problems = path.problems(&loaded.scenarios, &includes(&loaded.scenarios));
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(path.areas[0].lessons[0], "login");
    }
}
