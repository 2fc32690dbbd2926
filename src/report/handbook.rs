//! The handbook: every lesson of the run as `handbook.md` and a self-contained `handbook.html`
//! (screenshots embedded, opens offline, prints one lesson per page).
//!
//! `handbook.md` is rewritten after every lesson, so a run killed outright still leaves one;
//! `handbook.html` (large: it embeds every screenshot) is written when the run ends, which it
//! also does on Ctrl-C or a lost browser. A screenshot identical to the previous step's is not
//! embedded twice.

use super::{write_atomically, ReportError, Reporter};
use crate::event::{EventKind, RunEvent, ScenarioStatus, StepOutcome};
use base64::Engine;
use serde::Serialize;
use std::path::{Path, PathBuf};

const HTML_TEMPLATE: &str = include_str!("handbook.html.j2");

/// Builds the handbook as events arrive.
#[derive(Debug)]
pub struct HandbookReporter {
    out_dir: PathBuf,
    locale: String,
    target: String,
    started_at: String,
    lessons: Vec<Lesson>,
    /// Hash of the last embedded picture, to skip identical consecutive ones.
    last_picture: Option<u64>,
}

#[derive(Debug, Serialize)]
struct Lesson {
    id: String,
    title: String,
    description: String,
    status: &'static str,
    writes: bool,
    steps: Vec<HandbookStep>,
    /// Where the notice documents the lesson's features.
    notice: Vec<crate::event::NoticeRef>,
}

#[derive(Debug, Serialize)]
struct HandbookStep {
    number: usize,
    action: String,
    narration: String,
    url: String,
    outcome: &'static str,
    /// Relative path of the image shown (highlight if any, else the step screenshot).
    image: Option<String>,
    /// The same image as a data URI, for the self-contained HTML (none when it is the same
    /// picture as the previous step's).
    #[serde(skip_serializing_if = "Option::is_none")]
    data_uri: Option<String>,
    /// The view did not change since the previous step.
    same_view: bool,
    error: Option<String>,
}

/// Labels of the handbook in each language.
fn labels(locale: &str) -> serde_json::Value {
    if locale == "fr" {
        serde_json::json!({
            "title": "Manuel de prise en main de l'administration Decidim",
            "contents": "Sommaire", "step": "Étape", "page": "Page", "target": "Plateforme",
            "made": "Produit par decidim-explorer le", "passed": "réussie", "failed": "en échec",
            "interrupted": "interrompue", "skipped": "passée", "writes": "modifie des données",
            "same_view": "(l'écran n'a pas changé)", "notice": "Dans la notice", "notice_partial": "seulement mentionnée dans", "notice_missing": "la notice ne dit rien de",
        })
    } else {
        serde_json::json!({
            "title": "Decidim admin handbook",
            "contents": "Contents", "step": "Step", "page": "Page", "target": "Platform",
            "made": "Made by decidim-explorer on", "passed": "passed", "failed": "failed",
            "interrupted": "interrupted", "skipped": "skipped", "writes": "changes data",
            "same_view": "(the screen did not change)", "notice": "In the notice", "notice_partial": "only mentioned in", "notice_missing": "the notice says nothing about",
        })
    }
}

impl HandbookReporter {
    /// Write `handbook.md` and `handbook.html` into `out_dir`.
    pub fn new(out_dir: &Path) -> Self {
        HandbookReporter {
            out_dir: out_dir.to_path_buf(),
            locale: "en".into(),
            target: String::new(),
            started_at: String::new(),
            lessons: Vec::new(),
            last_picture: None,
        }
    }

    /// The picture as a data URI, `None` when unreadable; the flag says it equals the previous one.
    fn picture(&mut self, rel: &Path) -> (Option<String>, bool) {
        use std::hash::{Hash, Hasher};
        let Ok(bytes) = std::fs::read(self.out_dir.join(rel)) else {
            return (None, false);
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        let hash = h.finish();
        if self.last_picture == Some(hash) {
            return (None, true);
        }
        self.last_picture = Some(hash);
        let uri = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        );
        (Some(uri), false)
    }

    fn markdown(&self) -> String {
        let l = labels(&self.locale);
        let mut md = format!("# {}\n\n", l["title"].as_str().unwrap_or_default());
        md.push_str(&format!(
            "{} {} — {} {}\n\n## {}\n\n",
            l["made"].as_str().unwrap_or_default(),
            self.started_at,
            l["target"].as_str().unwrap_or_default(),
            self.target,
            l["contents"].as_str().unwrap_or_default()
        ));
        for (i, lesson) in self.lessons.iter().enumerate() {
            md.push_str(&format!("{}. [{}](#{})\n", i + 1, lesson.title, lesson.id));
        }
        for (i, lesson) in self.lessons.iter().enumerate() {
            md.push_str(&format!(
                "\n<a id=\"{}\"></a>\n\n## {}. {}\n\n",
                lesson.id,
                i + 1,
                lesson.title
            ));
            if !lesson.description.is_empty() {
                md.push_str(&format!("{}\n\n", lesson.description));
            }
            if !lesson.notice.is_empty() {
                md.push_str(&format!(
                    "**{}**\n\n",
                    l["notice"].as_str().unwrap_or_default()
                ));
                for n in &lesson.notice {
                    md.push_str(&match n.status.as_str() {
                        "covered" => format!("- `{}` : [{}]({})\n", n.feature, n.section, n.link),
                        "partial" => format!(
                            "- `{}` : {} [{}]({})\n",
                            n.feature,
                            l["notice_partial"].as_str().unwrap_or_default(),
                            n.section,
                            n.link
                        ),
                        _ => format!(
                            "- `{}` : {}\n",
                            n.feature,
                            l["notice_missing"].as_str().unwrap_or_default()
                        ),
                    });
                }
                md.push('\n');
            }
            for s in &lesson.steps {
                md.push_str(&format!(
                    "### {} {}\n\n{}\n\n",
                    l["step"].as_str().unwrap_or_default(),
                    s.number,
                    s.narration
                ));
                if let Some(n) = lesson.notice.first() {
                    md.push_str(&match n.status.as_str() {
                        "missing" => format!(
                            "📖 {} `{}`\n\n",
                            l["notice_missing"].as_str().unwrap_or_default(),
                            n.feature
                        ),
                        _ => format!(
                            "📖 {} : [{}]({})\n\n",
                            l["notice"].as_str().unwrap_or_default(),
                            n.section,
                            n.link
                        ),
                    });
                }
                if let Some(img) = &s.image {
                    md.push_str(&format!(
                        "![{} {}]({img})\n\n",
                        l["step"].as_str().unwrap_or_default(),
                        s.number
                    ));
                }
                if !s.url.is_empty() {
                    md.push_str(&format!(
                        "{} : <{}>\n\n",
                        l["page"].as_str().unwrap_or_default(),
                        s.url
                    ));
                }
                if let Some(e) = &s.error {
                    md.push_str(&format!(
                        "> **{}** — {e}\n\n",
                        l[s.outcome].as_str().unwrap_or(s.outcome)
                    ));
                }
            }
        }
        md
    }

    fn html(&self) -> Result<String, minijinja::Error> {
        let mut env = minijinja::Environment::new();
        env.add_template("handbook.html", HTML_TEMPLATE)?; // .html: autoescape on
        env.get_template("handbook.html")?
            .render(minijinja::context! {
                lang => self.locale,
                l => labels(&self.locale),
                target => self.target,
                started_at => self.started_at,
                lessons => self.lessons,
            })
    }

    fn write_markdown(&self) -> Result<(), ReportError> {
        write_atomically(
            &self.out_dir.join("handbook.md"),
            self.markdown().as_bytes(),
        )
    }

    fn write(&self) -> Result<(), ReportError> {
        self.write_markdown()?;
        let html = self.html().map_err(|e| ReportError {
            file: self.out_dir.join("handbook.html"),
            source: std::io::Error::other(e.to_string()),
        })?;
        write_atomically(&self.out_dir.join("handbook.html"), html.as_bytes())
    }
}

impl Reporter for HandbookReporter {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        match &event.kind {
            EventKind::RunStarted { target, locale, .. } => {
                self.locale = locale.clone();
                self.target = target.clone();
                self.started_at = event
                    .at
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " ");
                Ok(())
            }
            EventKind::ScenarioStarted { scenario } => {
                let fr = self.locale == "fr";
                self.lessons.push(Lesson {
                    id: scenario.id.clone(),
                    title: if fr {
                        &scenario.title_fr
                    } else {
                        &scenario.title_en
                    }
                    .clone(),
                    description: if fr {
                        &scenario.description_fr
                    } else {
                        &scenario.description_en
                    }
                    .clone(),
                    status: "running",
                    writes: scenario.writes,
                    steps: Vec::new(),
                    notice: scenario.notice.clone(),
                });
                Ok(())
            }
            EventKind::StepFinished {
                step,
                outcome,
                url,
                screenshot,
                highlight,
                ..
            } => {
                let image = highlight.as_ref().or(screenshot.as_ref());
                let (data_uri, same_view) = match image {
                    Some(p) => self.picture(p),
                    None => (None, false),
                };
                let (outcome, error) = match outcome {
                    StepOutcome::Passed => ("passed", None),
                    StepOutcome::Failed { message } => ("failed", Some(message.clone())),
                    StepOutcome::Interrupted => ("interrupted", None),
                    StepOutcome::Skipped => ("skipped", None),
                };
                let narration = if self.locale == "fr" {
                    &step.narration_fr
                } else {
                    &step.narration_en
                }
                .clone();
                if let Some(lesson) = self.lessons.last_mut() {
                    lesson.steps.push(HandbookStep {
                        number: step.number,
                        action: step.action.clone(),
                        narration,
                        url: url.clone().unwrap_or_default(),
                        outcome,
                        image: image.map(|p| p.display().to_string()),
                        data_uri,
                        same_view,
                        error,
                    });
                }
                Ok(())
            }
            EventKind::ScenarioFinished { status, .. } => {
                if let Some(lesson) = self.lessons.last_mut() {
                    lesson.status = match status {
                        ScenarioStatus::Passed => "passed",
                        ScenarioStatus::Failed => "failed",
                        ScenarioStatus::Interrupted => "interrupted",
                    };
                }
                self.last_picture = None;
                self.write_markdown()
            }
            EventKind::RunFinished { .. } => self.write(),
            EventKind::StepStarted { .. } | EventKind::ScenarioSkipped { .. } => Ok(()),
        }
    }
}
