//! `guide/live.html`: a page a trainee without a display opens in any browser to follow the lesson.
//! It shows the current step's highlighted view and explanation, and reloads itself every two seconds
//! until the lesson ends.

use serde::Serialize;
use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("live.html.j2");

/// One step as the live page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LiveStep {
    /// « Étape 4/12 ».
    pub counter: String,
    /// The action in words.
    pub heading: String,
    /// Why.
    pub narration: String,
    /// The highlighted view, relative to the live page.
    pub image: Option<String>,
}

/// The live page of one lesson.
#[derive(Debug)]
pub struct LivePage {
    file: PathBuf,
    lang: String,
    lesson: String,
    steps: Vec<LiveStep>,
}

impl LivePage {
    /// The live page of `lesson`, in `out_dir/guide/live.html`.
    pub fn new(out_dir: &Path, lang: &str, lesson: &str) -> LivePage {
        LivePage {
            file: out_dir.join("guide").join("live.html"),
            lang: lang.into(),
            lesson: lesson.into(),
            steps: Vec::new(),
        }
    }

    /// Where it is written.
    pub fn path(&self) -> &Path {
        &self.file
    }

    /// Show `step` as the current one. `image` is relative to the run folder.
    pub fn show(&mut self, mut step: LiveStep, image: Option<&Path>) {
        step.image = image.map(|p| {
            p.strip_prefix("guide")
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/")
        });
        self.steps.push(step);
        self.write(false);
    }

    /// The lesson is over: stop reloading.
    pub fn finish(&mut self) {
        self.write(true);
    }

    fn write(&self, finished: bool) {
        let Some(current) = self.steps.last() else {
            return;
        };
        match self.render(current, finished) {
            Ok(html) => {
                if let Some(dir) = self.file.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                if let Err(e) = crate::reporters::write_atomically(&self.file, html.as_bytes()) {
                    tracing::warn!(error = %e, "cannot write the live page");
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot render the live page"),
        }
    }

    fn render(&self, current: &LiveStep, finished: bool) -> Result<String, minijinja::Error> {
        let mut env = minijinja::Environment::new();
        env.add_template("live.html", TEMPLATE)?; // .html: autoescape on
        let fr = self.lang == "fr";
        let previous: Vec<_> = self.steps[..self.steps.len() - 1].iter().rev().collect();
        env.get_template("live.html")?.render(minijinja::context! {
            lang => self.lang,
            lesson => self.lesson,
            current => current,
            previous => previous,
            finished => finished,
            words => minijinja::context! {
                previous => if fr { "Étapes précédentes" } else { "Previous steps" },
                finished => if fr { "Leçon terminée." } else { "Lesson over." },
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_shows_the_current_step_escaped_and_reloads_until_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let mut live = LivePage::new(dir.path(), "fr", "Créer <une> concertation");
        let step = |n: usize| LiveStep {
            counter: format!("Étape {n}/2"),
            heading: format!("Cliquer sur « <b>{n}</b> »"),
            narration: "Pourquoi".into(),
            image: None,
        };
        live.show(step(1), Some(Path::new("guide/lesson/01-click.png")));
        live.show(step(2), None);
        // minijinja escapes `/` too: read it back as a browser would.
        let file = live.path().to_path_buf();
        let read = || {
            std::fs::read_to_string(&file)
                .unwrap()
                .replace("&#x2f;", "/")
        };
        let html = read();
        assert!(html.contains("http-equiv=\"refresh\""));
        assert!(html.contains("Étape 2/2"));
        assert!(
            html.contains("&lt;b&gt;2&lt;&#x2f;b&gt;") || html.contains("&lt;b&gt;2&lt;/b&gt;"),
            "{html}"
        );
        assert!(html.contains("href=\"lesson/01-click.png\""), "{html}");
        assert!(!html.contains("<une>"));
        live.finish();
        let html = read();
        assert!(!html.contains("http-equiv=\"refresh\""));
        assert!(html.contains("Leçon terminée."));
    }
}
