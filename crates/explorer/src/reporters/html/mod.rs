//! `report.html`: the run in one self-contained file that opens offline. Counts that filter,
//! a search box; per scenario its steps with their times and pictures inline; for a failure the
//! error, the page as it was (screenshot and HTML), every attempt, the nearest things on the page
//! when a locator found nothing, and the command to rerun it; flaky scenarios as such; and the
//! history of each scenario across the run folders kept beside this one.
//!
//! The report is built from the `events.jsonl` format ([`model::RunModel`]), so a run read back
//! from its files makes the same report as the live one.

pub mod candidates;
pub mod images;
pub mod model;

use super::{write_atomically, ReportError, Reporter};
use crate::events::wire::{WireEvent, WireKind};
use crate::events::RunEvent;
use model::RunModel;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("report.html.j2");
const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// How many earlier runs the history shows.
const HISTORY_RUNS: usize = 10;

/// Writes `report.html` when the run ends (a run cut short still ends, and writes it).
#[derive(Debug)]
pub struct HtmlReporter {
    path: PathBuf,
    out_dir: PathBuf,
    model: RunModel,
    thumbs: images::Thumbnails,
}

impl HtmlReporter {
    /// Write to `out_dir/report.html`.
    pub fn new(out_dir: &Path) -> Self {
        HtmlReporter {
            path: out_dir.join("report.html"),
            out_dir: out_dir.to_path_buf(),
            model: RunModel::default(),
            thumbs: images::Thumbnails::start(out_dir),
        }
    }
}

impl Reporter for HtmlReporter {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        let wire = WireEvent::from(event);
        if let WireKind::StepFinished {
            screenshot: Some(shot),
            ..
        } = &wire.kind
        {
            self.thumbs.request(shot);
        }
        if let WireKind::ScenarioFinished {
            result: Some(shot), ..
        } = &wire.kind
        {
            self.thumbs.request(shot);
        }
        let finished = matches!(wire.kind, WireKind::RunFinished { .. });
        self.model.apply(&wire);
        if finished {
            let thumbs = self.thumbs.finish().clone();
            let history = history(&self.out_dir);
            let html =
                render(&self.model, &self.out_dir, &thumbs, &history).map_err(|e| ReportError {
                    file: self.path.clone(),
                    source: std::io::Error::other(e.to_string()),
                })?;
            write_atomically(&self.path, html.as_bytes())?;
        }
        Ok(())
    }
}

/// A scenario's outcome in an earlier run.
#[derive(Debug, Clone, Serialize)]
pub struct Past {
    /// That run's id.
    pub run_id: String,
    /// Its status there.
    pub status: String,
}

/// The outcomes of each scenario in the run folders beside `out_dir` (oldest first), read from
/// their `summary.json`: the runs kept under `target/decidim-explorer/runs/`.
pub fn history(out_dir: &Path) -> BTreeMap<String, Vec<Past>> {
    let mut out: BTreeMap<String, Vec<Past>> = BTreeMap::new();
    let Some(parent) = out_dir.parent() else {
        return out;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return out;
    };
    let here = out_dir.file_name();
    let mut runs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name() != here && p.join("summary.json").is_file())
        .collect();
    runs.sort();
    let start = runs.len().saturating_sub(HISTORY_RUNS);
    for run in &runs[start..] {
        let Ok(bytes) = std::fs::read(run.join("summary.json")) else {
            continue;
        };
        let Ok(summary) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            continue;
        };
        let run_id = summary["run_id"].as_str().unwrap_or_default().to_string();
        for s in summary["scenarios"].as_array().into_iter().flatten() {
            if let (Some(id), Some(status)) = (s["id"].as_str(), s["status"].as_str()) {
                out.entry(id.into()).or_default().push(Past {
                    run_id: run_id.clone(),
                    status: status.into(),
                });
            }
        }
    }
    out
}

/// The report of `model`, its pictures from `out_dir` (thumbnails from `thumbs`).
pub fn render(
    model: &RunModel,
    out_dir: &Path,
    thumbs: &HashMap<PathBuf, String>,
    history: &BTreeMap<String, Vec<Past>>,
) -> Result<String, minijinja::Error> {
    let fr = model.locale == "fr";
    let scenarios: Vec<serde_json::Value> = model
        .scenarios
        .iter()
        .map(|s| scenario_view(s, model, out_dir, thumbs, history, fr))
        .collect();
    let mut env = minijinja::Environment::new();
    env.add_template("report.html", TEMPLATE)?; // .html: autoescape on
    let counts: Vec<serde_json::Value> = model
        .counts()
        .into_iter()
        .map(|(status, n)| serde_json::json!({ "status": status, "n": n, "label": status_label(status, fr) }))
        .collect();
    let total_ms: u64 = model.stats.map(|s| s.duration_ms).unwrap_or_default();
    env.get_template("report.html")?
        .render(minijinja::context! {
            lang => if fr { "fr" } else { "en" },
            t => labels(fr),
            run => model,
            counts => counts,
            duration => seconds(total_ms),
            started_at => readable_time(&model.started_at),
            finished => model.stats.is_some(),
            interrupted => model.interrupted.as_deref().map(|r| cancel_label(r, fr)),
            scenarios => scenarios,
            style => STYLE,
            script => SCRIPT,
        })
}

fn scenario_view(
    s: &model::ScenarioModel,
    model: &RunModel,
    out_dir: &Path,
    thumbs: &HashMap<PathBuf, String>,
    history: &BTreeMap<String, Vec<Past>>,
    fr: bool,
) -> serde_json::Value {
    let title = if fr {
        &s.info.title_fr
    } else {
        &s.info.title_en
    };
    let last = s.attempts.len();
    let attempts: Vec<serde_json::Value> = s
        .attempts
        .iter()
        .map(|a| {
            let steps: Vec<serde_json::Value> = a
                .steps
                .iter()
                .map(|st| {
                    serde_json::json!({
                        "number": st.number,
                        "heading": if fr { &st.heading_fr } else { &st.heading_en },
                        "detail": st.detail,
                        "source": st.source,
                        "outcome": st.outcome,
                        "outcome_label": outcome_label(&st.outcome, fr),
                        "message": st.message,
                        "duration": seconds(st.duration_ms),
                        "url": st.url,
                        "thumb": st.screenshot.as_ref().and_then(|p| thumbs.get(p)),
                    })
                })
                .collect();
            let failure = a.failure.as_ref().map(|f| {
                let step = a.steps.iter().find(|st| st.number == f.step);
                let html = f
                    .html
                    .as_ref()
                    .and_then(|p| std::fs::read_to_string(out_dir.join(p)).ok());
                let found = match (&html, step) {
                    (Some(html), Some(step)) if f.message.contains("no match")
                        || f.message.contains("timed out") =>
                    {
                        candidates::nearest(html, &candidates::sought(&step.detail))
                    }
                    _ => Vec::new(),
                };
                serde_json::json!({
                    "step": f.step,
                    "heading": if fr { f.heading_fr.clone() } else { f.action.clone() },
                    "message": f.message,
                    "url": f.url,
                    "page_title": f.page_title,
                    "screenshot": f.screenshot.as_ref().and_then(|p| images::inline_file(out_dir, p, "image/png")),
                    "screenshot_path": f.screenshot,
                    "html": html,
                    "html_path": f.html,
                    "candidates": found,
                })
            });
            serde_json::json!({
                "number": a.number,
                "last": a.number as usize == last,
                "steps": steps,
                "failure": failure,
                "result": a.result.as_ref().and_then(|p| thumbs.get(p)),
            })
        })
        .collect();
    let search = std::iter::once(s.info.id.clone())
        .chain([title.clone()])
        .chain(s.attempts.iter().flat_map(|a| a.steps.iter()).map(|st| {
            if fr {
                st.heading_fr.clone()
            } else {
                st.heading_en.clone()
            }
        }))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    serde_json::json!({
        "id": s.info.id,
        "title": title,
        "file": s.info.file,
        "writes": s.info.writes,
        "features": s.info.features,
        "status": s.status,
        "status_label": status_label(&s.status, fr),
        "reason": s.reason.as_deref().map(|r| match s.status.as_str() {
            "not_run" => cancel_label(r, fr).to_string(),
            _ => r.to_string(),
        }),
        "duration": seconds(s.duration_ms),
        "attempts": attempts,
        "tries": s.attempts.len(),
        "open": matches!(s.status.as_str(), "failed" | "flaky" | "interrupted"),
        "rerun": rerun_command(&s.info.file, model),
        "history": history.get(&s.info.id).cloned().unwrap_or_default(),
        "search": search,
    })
}

/// The command that runs this one scenario again, on the same target: by its file, which
/// works whether or not it lives in the scenario folder.
fn rerun_command(file: &Path, model: &RunModel) -> String {
    let file = file.display();
    if model.replica {
        format!("decidim-explorer run {file}")
    } else {
        format!("decidim-explorer run {file} --base-url {}", model.target)
    }
}

/// "2026-12-06T08:11:38.061983551Z" as "2026-12-06 08:11:38 UTC".
fn readable_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..19)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => rfc3339.to_string(),
    }
}

fn seconds(ms: u64) -> String {
    format!("{:.2} s", ms as f64 / 1000.0)
}

fn status_label(status: &str, fr: bool) -> &'static str {
    match (status, fr) {
        ("passed", false) => "passed",
        ("passed", true) => "réussi",
        ("flaky", false) => "flaky",
        ("flaky", true) => "instable",
        ("failed", false) => "failed",
        ("failed", true) => "en échec",
        ("interrupted", false) => "interrupted",
        ("interrupted", true) => "interrompu",
        ("skipped", false) => "skipped",
        ("skipped", true) => "ignoré",
        ("not_run", false) => "not run",
        ("not_run", true) => "non exécuté",
        (_, false) => "running",
        (_, true) => "en cours",
    }
}

fn outcome_label(outcome: &str, fr: bool) -> &'static str {
    match (outcome, fr) {
        ("passed", false) => "ok",
        ("passed", true) => "ok",
        ("failed", false) => "failed",
        ("failed", true) => "échec",
        ("skipped", false) => "skipped",
        ("skipped", true) => "passée",
        (_, false) => "interrupted",
        (_, true) => "interrompue",
    }
}

fn cancel_label(reason: &str, fr: bool) -> &'static str {
    use crate::events::CancelReason::*;
    let reason = match reason {
        "quit" => Quit,
        "fail_fast" => FailFast,
        "browser_lost" => BrowserLost,
        _ => Signal,
    };
    reason.said(if fr { "fr" } else { "en" })
}

/// The report's own words.
fn labels(fr: bool) -> BTreeMap<&'static str, &'static str> {
    let pairs: &[(&str, &str, &str)] = &[
        ("title", "Run report", "Rapport d'exécution"),
        ("target", "Target", "Cible"),
        ("replica", "built-in replica", "réplique intégrée"),
        ("started", "Started", "Début"),
        ("duration", "Duration", "Durée"),
        (
            "search",
            "Search scenarios and steps…",
            "Chercher scénarios et étapes…",
        ),
        ("all", "all", "tous"),
        ("attempt", "Attempt", "Essai"),
        ("step", "Step", "Étape"),
        ("time", "Time", "Durée"),
        ("outcome", "Outcome", "Résultat"),
        ("page", "Page", "Page"),
        ("failed_at", "Failed at step", "Échec à l'étape"),
        ("seen_at", "on", "sur"),
        (
            "screenshot",
            "Screenshot at the failure",
            "Capture au moment de l'échec",
        ),
        (
            "page_html",
            "The page's HTML at the failure",
            "Le HTML de la page au moment de l'échec",
        ),
        (
            "candidates",
            "Nearest on the page",
            "Le plus proche sur la page",
        ),
        ("rerun", "Run it again", "Le relancer"),
        ("history", "Earlier runs", "Exécutions précédentes"),
        ("result", "The result", "Le résultat"),
        ("writes", "writes", "écrit"),
        (
            "unfinished",
            "The run did not finish: this report covers what ran.",
            "L'exécution ne s'est pas terminée : ce rapport couvre ce qui a tourné.",
        ),
        ("cut_short", "Cut short", "Interrompue"),
        (
            "none",
            "No scenario matches.",
            "Aucun scénario ne correspond.",
        ),
        ("tries", "tries", "essais"),
    ];
    pairs
        .iter()
        .map(|(k, en, fr_word)| (*k, if fr { *fr_word } else { *en }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events::{self, feed};

    fn report(events: &[RunEvent], files: impl FnOnce(&Path)) -> String {
        let dir = tempfile::tempdir().unwrap();
        files(dir.path());
        feed(&mut HtmlReporter::new(dir.path()), events);
        std::fs::read_to_string(dir.path().join("report.html")).unwrap()
    }

    /// The saved page of the flaky run's first failure: the button was renamed.
    fn failure_page(dir: &Path) {
        std::fs::create_dir_all(dir.join("failures/create-process")).unwrap();
        std::fs::write(
            dir.join("failures/create-process/03-click.html"),
            r#"<html><body><h1>Concertations</h1><a href="/new">Nouvelle concertation participative</a><a href="/x">Exporter</a></body></html>"#,
        )
        .unwrap();
        let png = image::RgbImage::from_pixel(64, 48, image::Rgb([200, 10, 10]));
        png.save(dir.join("failures/create-process/03-click.png"))
            .unwrap();
    }

    #[test]
    fn a_flaky_run_shows_its_counts_attempts_failure_candidates_and_rerun_command() {
        let html = report(&test_events::flaky_run("en"), failure_page);
        assert!(html.starts_with("<!doctype html>"));
        assert!(html.contains(r#"data-filter="flaky""#), "no flaky filter");
        assert!(html.contains(r#"data-status="flaky""#));
        assert!(html.contains(r#"data-status="failed""#));
        assert!(html.contains("Attempt 1"), "attempts not shown");
        // The renamed button is offered, with its kind; the page HTML is inline, escaped.
        assert!(html.contains("Nouvelle concertation participative"));
        assert!(
            html.contains("srcdoc=\"&lt;html&gt;"),
            "page HTML not inline"
        );
        // (minijinja escapes `/` in attributes; the browser reads it back.)
        assert!(
            html.contains("data:image&#x2f;png;base64,"),
            "failure screenshot not inline"
        );
        assert!(html.contains("decidim-explorer run scenarios&#x2f;create-process.toml"));
        // Self-contained: no file is fetched.
        assert!(
            !html.contains("src=\"failures/"),
            "a picture is linked, not inline"
        );
        assert!(!html.contains("<link "), "a stylesheet is linked");
    }

    #[test]
    fn a_french_run_reads_in_french() {
        let html = report(&test_events::flaky_run("fr"), failure_page);
        assert!(html.contains(r#"<html lang="fr">"#));
        assert!(html.contains("Rapport d'exécution") || html.contains("Rapport d&#x27;exécution"));
        assert!(html.contains("instable"));
        assert!(
            !html.contains(">Attempt"),
            "English left in a French report"
        );
    }

    #[test]
    fn an_interrupted_run_says_so_and_lists_what_never_ran() {
        let html = report(&test_events::interrupted_run("en"), |_| {});
        assert!(html.contains(r#"data-status="not_run""#));
        assert!(html.contains(r#"data-status="skipped""#));
        assert!(html.contains("Ctrl-C"), "the reason is not said");
    }

    #[test]
    fn history_reads_the_runs_kept_beside_this_one_oldest_first() {
        let root = tempfile::tempdir().unwrap();
        for (run, status) in [("20250101-1", "failed"), ("20250102-1", "passed")] {
            let dir = root.path().join(run);
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(
                dir.join("summary.json"),
                serde_json::json!({ "run_id": run, "scenarios": [{ "id": "login", "status": status }] })
                    .to_string(),
            )
            .unwrap();
        }
        let here = root.path().join("20250103-1");
        std::fs::create_dir_all(&here).unwrap();
        let h = history(&here);
        let statuses: Vec<&str> = h["login"].iter().map(|p| p.status.as_str()).collect();
        assert_eq!(statuses, ["failed", "passed"]);
    }
}
