//! `bug-reports/<scenario>.md`: one Markdown file per failed scenario, ready to paste into a
//! GitHub issue: the steps to reproduce in words, what was expected and what was seen (with the
//! nearest things on the page when a target was not found), the failure screenshot, the Decidim
//! version the target announces, the browser, the scenario file and the command that reruns it.
//! Written as each scenario fails, so a run cut short keeps the reports it had.

use super::html::candidates;
use super::{ReportError, Reporter};
use crate::events::{EventKind, Failure, RunEvent, ScenarioInfo, ScenarioStatus, StepInfo};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The folder of the reports, in the run folder.
pub const FOLDER: &str = "bug-reports";

/// Writes a bug report for every scenario that ends failed.
#[derive(Debug)]
pub struct BugReportReporter {
    out_dir: PathBuf,
    run: RunFacts,
    scenarios: Vec<(ScenarioInfo, Vec<StepInfo>)>,
}

/// What the reports say of the whole run.
#[derive(Debug, Default)]
struct RunFacts {
    run_id: String,
    target: String,
    replica: bool,
    locale: String,
    decidim_version: Option<String>,
    at: String,
}

impl BugReportReporter {
    /// Reports go to `out_dir/bug-reports/`.
    pub fn new(out_dir: &Path) -> Self {
        BugReportReporter {
            out_dir: out_dir.to_path_buf(),
            run: RunFacts::default(),
            scenarios: Vec::new(),
        }
    }

    fn steps_of(&mut self, id: &str) -> Option<&mut Vec<StepInfo>> {
        self.scenarios
            .iter_mut()
            .rev()
            .find(|(s, _)| s.id == id)
            .map(|(_, steps)| steps)
    }

    fn write(
        &self,
        id: &str,
        failure: &Failure,
        browser: Option<&str>,
        attempts: u32,
    ) -> Result<(), ReportError> {
        let Some((scenario, steps)) = self.scenarios.iter().rev().find(|(s, _)| s.id == id) else {
            return Ok(());
        };
        let html = failure
            .html
            .as_ref()
            .and_then(|p| std::fs::read_to_string(self.out_dir.join(p)).ok());
        let text = render(
            &self.run,
            scenario,
            steps,
            failure,
            browser,
            attempts,
            html.as_deref(),
        );
        let dir = self.out_dir.join(FOLDER);
        let file = dir.join(format!("{id}.md"));
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&file, text))
            .map_err(|source| ReportError { file, source })
    }
}

impl Reporter for BugReportReporter {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        match &event.kind {
            EventKind::RunStarted {
                run_id,
                target,
                replica,
                locale,
                decidim_version,
                ..
            } => {
                self.run = RunFacts {
                    run_id: run_id.clone(),
                    target: target.clone(),
                    replica: *replica,
                    locale: locale.clone(),
                    decidim_version: decidim_version.clone(),
                    at: event.at.clone(),
                };
            }
            EventKind::ScenarioStarted { scenario } => {
                self.scenarios.push((scenario.clone(), Vec::new()));
            }
            EventKind::StepStarted { scenario_id, step } => {
                if let Some(steps) = self.steps_of(scenario_id) {
                    steps.push((**step).clone());
                }
            }
            // The steps that follow are the next attempt's: the report tells the last one.
            EventKind::AttemptFailed { scenario_id, .. } => {
                if let Some(steps) = self.steps_of(scenario_id) {
                    steps.clear();
                }
            }
            EventKind::ScenarioFinished {
                scenario_id,
                status: ScenarioStatus::Failed,
                failure: Some(failure),
                browser,
                attempts,
                ..
            } => return self.write(scenario_id, failure, browser.as_deref(), *attempts),
            _ => {}
        }
        Ok(())
    }
}

/// The words of a report, in English or French.
struct Words {
    fails: &'static str,
    at_step: &'static str,
    environment: &'static str,
    scenario_file: &'static str,
    target: &'static str,
    replica: &'static str,
    decidim: &'static str,
    not_announced: &'static str,
    browser: &'static str,
    unknown: &'static str,
    run: &'static str,
    tries: &'static str,
    to_reproduce: &'static str,
    log_in_first: &'static str,
    fails_here: &'static str,
    expected: &'static str,
    expected_text: &'static str,
    seen: &'static str,
    on_page: &'static str,
    nearest: &'static str,
    screenshot: &'static str,
    attach: &'static str,
    rerun: &'static str,
}

const EN: Words = Words {
    fails: "fails",
    at_step: "at step",
    environment: "Environment",
    scenario_file: "Scenario file",
    target: "Target",
    replica: "the built-in replica",
    decidim: "Decidim",
    not_announced: "not announced (no version on /api/docs)",
    browser: "Browser",
    unknown: "unknown (no session opened)",
    run: "Run",
    tries: "tries, all failed",
    to_reproduce: "Steps to reproduce",
    log_in_first: "(as an administrator)",
    fails_here: "fails here",
    expected: "Expected",
    expected_text: "does what it says:",
    seen: "Seen",
    on_page: "On the page",
    nearest: "Nearest on the page to what the step looked for",
    screenshot: "Screenshot",
    attach: "When pasting into GitHub, drag this file into the issue to attach it",
    rerun: "Rerun it",
};

const FR: Words = Words {
    fails: "échoue",
    at_step: "à l'étape",
    environment: "Environnement",
    scenario_file: "Fichier du scénario",
    target: "Cible",
    replica: "la réplique intégrée",
    decidim: "Decidim",
    not_announced: "non annoncée (pas de version sur /api/docs)",
    browser: "Navigateur",
    unknown: "inconnu (aucune session ouverte)",
    run: "Exécution",
    tries: "essais, tous en échec",
    to_reproduce: "Étapes pour reproduire",
    log_in_first: "(en tant qu'administrateur·ice)",
    fails_here: "échoue ici",
    expected: "Attendu",
    expected_text: "fait ce qu'elle dit :",
    seen: "Constaté",
    on_page: "Sur la page",
    nearest: "Le plus proche sur la page de ce que l'étape cherchait",
    screenshot: "Capture d'écran",
    attach: "En collant dans GitHub, glisser ce fichier dans le ticket pour le joindre",
    rerun: "Le relancer",
};

fn render(
    run: &RunFacts,
    scenario: &ScenarioInfo,
    steps: &[StepInfo],
    failure: &Failure,
    browser: Option<&str>,
    attempts: u32,
    html: Option<&str>,
) -> String {
    let fr = run.locale == "fr";
    let w = if fr { &FR } else { &EN };
    // French typography puts a space before a colon.
    let c = if fr { " :" } else { ":" };
    let title = if fr {
        &scenario.title_fr
    } else {
        &scenario.title_en
    };
    let file = scenario.file.display().to_string();
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# `{}` {} {} {}{c} {}\n",
        scenario.id, w.fails, w.at_step, failure.step, title
    );
    let _ = writeln!(md, "## {}\n", w.environment);
    let _ = writeln!(md, "- **{}**{c} `{file}`", w.scenario_file);
    let target = if run.replica {
        format!("{} ({})", run.target, w.replica)
    } else {
        run.target.clone()
    };
    let _ = writeln!(md, "- **{}**{c} {target}", w.target);
    let version = run.decidim_version.as_deref().unwrap_or(w.not_announced);
    let _ = writeln!(md, "- **{}**{c} {version}", w.decidim);
    let _ = writeln!(
        md,
        "- **{}**{c} {}",
        w.browser,
        browser.unwrap_or(w.unknown)
    );
    let mut run_line = format!("{} ({})", run.run_id, run.at);
    if attempts > 1 {
        let _ = write!(run_line, ", {attempts} {}", w.tries);
    }
    let _ = writeln!(md, "- **{}**{c} {run_line}", w.run);
    let _ = writeln!(
        md,
        "- **decidim-explorer**{c} {}\n",
        env!("CARGO_PKG_VERSION")
    );

    let _ = writeln!(md, "## {}\n", w.to_reproduce);
    let lang = if fr { "fr" } else { "en" };
    let mut failed_step = None;
    for step in steps.iter().filter(|s| s.number <= failure.step) {
        let heading = step.heading(lang);
        let login = if step.action == "login" {
            format!(" {}", w.log_in_first)
        } else {
            String::new()
        };
        if step.number == failure.step {
            failed_step = Some(step);
            let _ = writeln!(
                md,
                "{}. **{heading}**{login} ← {}",
                step.number, w.fails_here
            );
        } else {
            let _ = writeln!(md, "{}. {heading}{login}", step.number);
        }
    }
    if failure.step == 0 {
        let _ = writeln!(md, "0. **{}** ← {}", failure.heading(lang), w.fails_here);
    }
    md.push('\n');

    let expected = failed_step.map_or_else(
        || failure.heading(lang).to_string(),
        |s| s.heading(lang).to_string(),
    );
    let step_word = if fr { "L'étape" } else { "Step" };
    let _ = writeln!(
        md,
        "## {}\n\n{step_word} {} {} {expected}\n",
        w.expected, failure.step, w.expected_text
    );
    let _ = writeln!(md, "## {}\n", w.seen);
    for line in failure.message.lines() {
        let _ = writeln!(md, "> {line}");
    }
    md.push('\n');
    if let Some(url) = &failure.url {
        let title = failure.page_title.as_deref().unwrap_or("");
        let _ = writeln!(md, "{}{c} <{url}> {}\n", w.on_page, quoted(title, fr));
    }
    if let (Some(html), Some(step)) = (html, failed_step) {
        let near = candidates::nearest(html, &candidates::sought(&step.detail));
        if !near.is_empty() {
            let _ = writeln!(md, "{}{c}\n", w.nearest);
            for c in near {
                let kind = if fr { kind_fr(&c.kind) } else { &c.kind };
                let _ = writeln!(md, "- {} ({kind})", quoted(&c.text, fr));
            }
            md.push('\n');
        }
    }
    if let Some(shot) = &failure.screenshot {
        let path = Path::new("..").join(shot).display().to_string();
        let _ = writeln!(md, "## {}\n\n![{}]({path})\n", w.screenshot, w.screenshot);
        let _ = writeln!(md, "{}{c} `{}`.\n", w.attach, shot.display());
    }
    let _ = writeln!(md, "## {}\n\n```sh", w.rerun);
    if run.replica {
        let _ = writeln!(md, "decidim-explorer run {file}");
    } else {
        let _ = writeln!(md, "decidim-explorer run {file} --base-url {}", run.target);
    }
    md.push_str("```\n");
    md
}

/// “text” in English, « texte » in French.
fn quoted(text: &str, fr: bool) -> String {
    if fr {
        format!("« {text} »")
    } else {
        format!("“{text}”")
    }
}

/// The kind of a candidate in French (an ARIA role other than these stays as it is).
fn kind_fr(kind: &str) -> &str {
    match kind {
        "link" => "lien",
        "button" => "bouton",
        "label" => "libellé",
        "heading" => "titre",
        "tab" => "onglet",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events::{self, feed};

    fn reports(events: &[RunEvent]) -> Vec<(String, String)> {
        let dir = tempfile::tempdir().unwrap();
        feed(&mut BugReportReporter::new(dir.path()), events);
        let mut out: Vec<(String, String)> = std::fs::read_dir(dir.path().join(FOLDER))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_failed_scenario_gets_a_report_with_steps_expected_seen_and_environment() {
        let reports = reports(&test_events::failing_run("en"));
        assert_eq!(reports.len(), 1, "{reports:?}");
        let (name, text) = &reports[0];
        assert_eq!(name, "create-process.md");
        test_events::redacted().bind(|| insta::assert_snapshot!("bug_report_failing", text));
    }

    #[test]
    fn a_french_run_writes_its_reports_in_french() {
        let reports = reports(&test_events::failing_run("fr"));
        test_events::redacted()
            .bind(|| insta::assert_snapshot!("bug_report_failing_fr", reports[0].1));
    }

    #[test]
    fn passed_and_flaky_scenarios_get_none_and_a_retried_failure_tells_its_last_try() {
        assert!(reports(&test_events::passing_run("en")).is_empty());
        // create-process failed once then passed; view-metrics failed all three tries.
        let reports = reports(&test_events::flaky_run("en"));
        let names: Vec<&str> = reports.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["view-metrics.md"]);
        let text = &reports[0].1;
        assert!(text.contains("3 tries, all failed"), "{text}");
        assert!(
            text.contains("failures/view-metrics/try-3/02-click.png"),
            "{text}"
        );
        // The steps of the last try only, once each.
        assert_eq!(text.matches("\n1. ").count(), 1, "{text}");
    }
}
