//! Event streams of three plausible runs (on the replica and on a real instance), for the
//! reporters' snapshot tests, and the redactions that make their output stable.
//!
//! - [`passing_run`]: on the replica, `create-process` and `view-metrics` pass;
//! - [`failing_run`]: on the replica, `create-process` fails at its third step (the « Nouvelle
//!   concertation » button never shows), with its failure screenshot and HTML; `view-metrics` passes;
//! - [`interrupted_run`]: on a real instance without `--allow-writes`, `create-process` is skipped,
//!   Ctrl-C comes during the second step of `view-metrics`, and `deliver-newsletter` never starts.
//!
//! The events are built the way the runner builds them (`runner/step.rs`, `runner/dispatch.rs`):
//! same paths, same totals, same failure for an interrupted step.

use super::Reporter;
use crate::events::{
    CancelReason, EventKind, Failure, NoticeRef, RunEvent, RunStats, ScenarioInfo, ScenarioStatus,
    StepInfo, StepOutcome,
};
use crate::scenario::words::quote;
use std::path::PathBuf;

/// The replica's address in the passing and failing runs.
pub const TARGET: &str = "http://127.0.0.1:41873";

/// The real instance of the interrupted run.
pub const REAL: &str = "https://participer.example.org";

/// The run folder the events name (reporters that write files are given a temporary one).
pub const OUT_DIR: &str = "target/decidim-explorer/runs/20250612-081500-48213";

/// The browser the scenarios ran on, as a WebDriver session names it.
pub const BROWSER: &str = "chrome 143.0.7499.169";

/// The three runs, by name.
pub fn runs() -> Vec<(&'static str, Vec<RunEvent>)> {
    vec![
        ("passing", passing_run("en")),
        ("failing", failing_run("en")),
        ("interrupted", interrupted_run("en")),
        ("flaky", flaky_run("en")),
    ]
}

/// Feed every event to `reporter`, failing the test on the first error.
pub fn feed(reporter: &mut dyn Reporter, events: &[RunEvent]) {
    for e in events {
        if let Err(err) = reporter.report(e) {
            panic!("{err}: {:?}", std::error::Error::source(&err));
        }
    }
}

/// The insta settings every reporter snapshot uses: times, durations and temporary folders
/// replaced by placeholders (nextest's `Redactor`), so a snapshot changes only when the output
/// does.
pub fn redacted() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_prepend_module_to_snapshot(false);
    // Temporary folders (the reporters that write files get one).
    let tmp = std::env::temp_dir().display().to_string();
    let tmp = tmp.trim_end_matches('/');
    s.add_filter(
        &format!("{}/\\.tmp[A-Za-z0-9]+", regex_escape(tmp)),
        "[TEMP]",
    );
    // RFC 3339 times (events, summary.json), and the handbook's "2025-06-12 08:15".
    s.add_filter(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
        "[TIME]",
    );
    s.add_filter(r"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b", "[TIME]");
    // Durations: the terminal's `[   1.234s]`, JSON's `"duration_ms": 1234`, JUnit's `time="1.234"`,
    // the JUnit step log's `[ok, 812 ms]`.
    s.add_filter(r"\[ *\d+\.\d{3}s\]", "[DURATION]");
    s.add_filter(r#""(duration_ms|elapsed_ms)":( ?)\d+"#, r#""$1":$2"[MS]""#);
    s.add_filter(r#"time="\d+(\.\d+)?""#, r#"time="[DURATION]""#);
    s.add_filter(r", \d+ ms\]", ", [MS]]");
    s
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special.then_some('\\').into_iter().chain(Some(c))
        })
        .collect()
}

/// A step of a fixture scenario, and what the page was after it.
struct StepSpec {
    action: &'static str,
    detail: String,
    heading_en: String,
    heading_fr: String,
    narration_en: &'static str,
    narration_fr: &'static str,
    /// The page after the step: path and title.
    page: (&'static str, &'static str),
    /// The step has a target: pictured before the action, its box in the picture.
    target_box: Option<[i64; 4]>,
    /// How long it takes.
    ms: u64,
}

struct ScenarioSpec {
    info: ScenarioInfo,
    steps: Vec<StepSpec>,
}

fn fr(text: &str) -> String {
    quote("fr", text)
}

fn en(text: &str) -> String {
    quote("en", text)
}

#[allow(clippy::too_many_arguments)]
fn step(
    action: &'static str,
    detail: &str,
    (heading_en, heading_fr): (String, String),
    (narration_en, narration_fr): (&'static str, &'static str),
    page: (&'static str, &'static str),
    target_box: Option<[i64; 4]>,
    ms: u64,
) -> StepSpec {
    StepSpec {
        action,
        detail: detail.to_string(),
        heading_en,
        heading_fr,
        narration_en,
        narration_fr,
        page,
        target_box,
        ms,
    }
}

const PROCESSES: (&str, &str) = (
    "/admin/participatory_processes",
    "Participatory processes - Admin - Decidim",
);
const NEW_PROCESS: (&str, &str) = (
    "/admin/participatory_processes/new",
    "New participatory process - Admin - Decidim",
);

/// `create-process`, cut to its first seven steps. `uid` is the run's token for the scenario.
fn create_process(uid: &str) -> ScenarioSpec {
    let title_en = format!("Explorer process {uid}");
    let title_fr = format!("Concertation Explorer {uid}");
    let slug = format!("explorer-{uid}");
    let steps = vec![
        step(
            "login",
            "",
            ("Log in".into(), "Se connecter".into()),
            (
                "Log in as an administrator.",
                "Se connecter en tant qu'administrateur·ice.",
            ),
            ("/admin/", "Dashboard - Admin - Decidim"),
            None,
            1_840,
        ),
        step(
            "goto",
            "/admin/participatory_processes",
            (
                "Open the page /admin/participatory_processes".into(),
                "Ouvrir la page /admin/participatory_processes".into(),
            ),
            (
                "Open the list of every participatory process of the platform.",
                "Ouvrir la liste de toutes les concertations de la plateforme.",
            ),
            PROCESSES,
            None,
            412,
        ),
        step(
            "click",
            r#"text "New process" / "Nouvelle concertation""#,
            (
                format!("Click {}", en("New process")),
                format!("Cliquer sur {}", fr("Nouvelle concertation")),
            ),
            (
                "Start a new process with the New process button.",
                "Commencer une nouvelle concertation avec le bouton « Nouvelle concertation ».",
            ),
            NEW_PROCESS,
            Some([1032, 118, 176, 40]),
            655,
        ),
        step(
            "fill",
            r#"label "Title" / "Titre" ← "Explorer process {{uid}}" / "Concertation Explorer {{uid}}""#,
            (
                format!("Fill in {} with {}", en("Title"), en(&title_en)),
                format!("Remplir {} avec {}", fr("Titre"), fr(&title_fr)),
            ),
            (
                "Give it a title: participants see it everywhere the process is listed.",
                "Lui donner un titre : les participant·es le voient partout où la concertation apparaît.",
            ),
            NEW_PROCESS,
            Some([312, 286, 720, 38]),
            903,
        ),
        step(
            "fill",
            r#"label "URL slug" / "Identifiant" ← "explorer-{{uid}}""#,
            (
                format!("Fill in {} with {}", en("URL slug"), en(&slug)),
                format!("Remplir {} avec {}", fr("Identifiant"), fr(&slug)),
            ),
            (
                "Choose the URL slug: letters, digits and dashes, starting with a letter.",
                "Choisir l'identifiant d'URL : lettres, chiffres et tirets, en commençant par une lettre.",
            ),
            NEW_PROCESS,
            Some([312, 534, 720, 38]),
            377,
        ),
        step(
            "click",
            r#"text "Create" / "Créer" within "form.new_participatory_process""#,
            (
                format!("Click {}", en("Create")),
                format!("Cliquer sur {}", fr("Créer")),
            ),
            (
                "Save with Create at the bottom of the form.",
                "Enregistrer avec « Créer » en bas du formulaire.",
            ),
            (
                "/admin/participatory_processes/explorer-k2x9a1/steps",
                "Phases - Admin - Decidim",
            ),
            Some([312, 1410, 96, 40]),
            1_266,
        ),
        step(
            "expect_text",
            r#""Participatory process successfully created." / "Concertation créée avec succès.""#,
            (
                format!(
                    "Check that the page shows {}",
                    en("Participatory process successfully created.")
                ),
                format!(
                    "Vérifier que la page affiche {}",
                    fr("Concertation créée avec succès.")
                ),
            ),
            (
                "Decidim confirms the creation.",
                "Decidim confirme la création.",
            ),
            (
                "/admin/participatory_processes/explorer-k2x9a1/steps",
                "Phases - Admin - Decidim",
            ),
            None,
            58,
        ),
    ];
    ScenarioSpec {
        info: ScenarioInfo {
            id: "create-process".into(),
            title_en: "Create a participatory process".into(),
            title_fr: "Créer une concertation".into(),
            description_en: "A participatory process is the space where a participation happens. It is created unpublished, so nobody sees it until you publish it.".into(),
            description_fr: "Une concertation est l'espace où se déroule une participation. Elle est créée non publiée : personne ne la voit avant sa publication.".into(),
            file: "scenarios/create-process.toml".into(),
            features: vec!["process.create".into()],
            tags: vec!["smoke".into(), "processes".into()],
            writes: true,
            steps: steps.len(),
            notice: vec![NoticeRef {
                feature: "process.create".into(),
                status: "covered".into(),
                section: "Processes › New process".into(),
                link: "https://docs.decidim.org/en/develop/admin/spaces/processes#new-process"
                    .into(),
            }],
        },
        steps,
    }
}

const DASHBOARD: (&str, &str) = ("/admin/", "Dashboard - Admin - Decidim");
const METRICS: (&str, &str) = ("/admin/metrics", "Metrics - Admin - Decidim");

/// `view-metrics`: reads only.
fn view_metrics() -> ScenarioSpec {
    let steps = vec![
        step(
            "login",
            "",
            ("Log in".into(), "Se connecter".into()),
            (
                "Log in as an administrator: you land on the dashboard.",
                "Se connecter en tant qu'administrateur·ice : on arrive sur le tableau de bord.",
            ),
            DASHBOARD,
            None,
            1_702,
        ),
        step(
            "click",
            r#"text "See more metrics" / "Voir plus d'indicateurs""#,
            (
                format!("Click {}", en("See more metrics")),
                format!("Cliquer sur {}", fr("Voir plus d'indicateurs")),
            ),
            (
                "Under the Metrics card of the dashboard, open the full metrics page.",
                "Sous la carte « Indicateurs » du tableau de bord, ouvrir la page complète des indicateurs.",
            ),
            METRICS,
            Some([48, 612, 164, 22]),
            733,
        ),
        step(
            "expect_url",
            "/admin/metrics",
            (
                "Check that the address is /admin/metrics".into(),
                "Vérifier que l'adresse est /admin/metrics".into(),
            ),
            ("The Metrics page opens.", "La page des indicateurs s'ouvre."),
            METRICS,
            None,
            21,
        ),
        step(
            "expect_text",
            r#""Metrics" / "Indicateurs" in css ".card-title""#,
            (
                format!("Check that the page shows {}", en("Metrics")),
                format!("Vérifier que la page affiche {}", fr("Indicateurs")),
            ),
            (
                "Each chart shows one indicator over time; the figure is the current total.",
                "Chaque graphique montre un indicateur dans le temps ; le chiffre est le total actuel.",
            ),
            METRICS,
            None,
            64,
        ),
    ];
    ScenarioSpec {
        info: ScenarioInfo {
            id: "view-metrics".into(),
            title_en: "Read the organization's metrics".into(),
            title_fr: "Consulter les indicateurs de l'organisation".into(),
            description_en: "The dashboard summarises activity; its \"See more metrics\" link opens the Metrics page.".into(),
            description_fr: "Le tableau de bord résume l'activité ; son lien « Voir plus d'indicateurs » ouvre la page des indicateurs.".into(),
            file: "scenarios/view-metrics.toml".into(),
            features: vec!["metrics.view".into()],
            tags: vec!["participants".into()],
            writes: false,
            steps: steps.len(),
            notice: vec![NoticeRef {
                feature: "metrics.view".into(),
                status: "missing".into(),
                section: String::new(),
                link: String::new(),
            }],
        },
        steps,
    }
}

fn deliver_newsletter() -> ScenarioInfo {
    ScenarioInfo {
        id: "deliver-newsletter".into(),
        title_en: "Send a newsletter".into(),
        title_fr: "Envoyer une lettre d'information".into(),
        description_en: String::new(),
        description_fr: String::new(),
        file: "scenarios/deliver-newsletter.toml".into(),
        features: vec!["newsletter.deliver".into()],
        tags: vec!["newsletters".into()],
        writes: true,
        steps: 9,
        notice: Vec::new(),
    }
}

/// Builds a run's events as the runner's emitter does: a clock, running totals.
struct Run {
    target: String,
    events: Vec<RunEvent>,
    elapsed_ms: u64,
    stats: RunStats,
}

/// 2025-06-12T08:15:00Z, when every fixture run starts.
const START_UNIX: i64 = 1_749_716_100;

impl Run {
    fn start(target: &str, locale: &str, scenarios: usize, steps: usize) -> Self {
        let mut run = Run {
            target: target.into(),
            events: Vec::new(),
            elapsed_ms: 0,
            stats: RunStats {
                total: scenarios,
                ..RunStats::default()
            },
        };
        run.emit(EventKind::RunStarted {
            run_id: "20250612-081500-48213".into(),
            target: format!("{target}/"),
            replica: target == TARGET,
            scenario_count: scenarios,
            step_count: steps,
            out_dir: OUT_DIR.into(),
            locale: locale.into(),
            decidim_version: Some("0.29.5".into()),
        });
        run
    }

    fn emit(&mut self, kind: EventKind) {
        let at = time::OffsetDateTime::from_unix_timestamp(START_UNIX).expect("valid")
            + time::Duration::milliseconds(self.elapsed_ms as i64);
        self.stats.duration_ms = self.elapsed_ms;
        self.events.push(RunEvent {
            at: at
                .format(&time::format_description::well_known::Rfc3339)
                .expect("formats"),
            elapsed_ms: self.elapsed_ms,
            kind,
        });
    }

    fn wait(&mut self, ms: u64) {
        self.elapsed_ms += ms;
    }

    /// Run `spec`'s steps; step `stop` (1-based) ends it with `end` (a failure message, or
    /// `None` for Ctrl-C).
    fn scenario(&mut self, spec: &ScenarioSpec, stop: Option<(usize, Option<&str>)>) {
        self.scenario_tries(spec, &[stop]);
    }

    /// Run `spec` once per entry of `tries` (`--retries`): each attempt but the last fails.
    fn scenario_tries(&mut self, spec: &ScenarioSpec, tries: &[Option<(usize, Option<&str>)>]) {
        let started = self.elapsed_ms;
        let id = spec.info.id.clone();
        self.emit(EventKind::ScenarioStarted {
            scenario: spec.info.clone(),
        });
        let mut attempt = 1;
        let (passed, failure) = loop {
            let attempt_started = self.elapsed_ms;
            let (passed, failure) = self.attempt(spec, tries[attempt - 1], attempt);
            if attempt == tries.len() {
                break (passed, failure);
            }
            let (_, failure) = failure.expect("an attempt that is retried failed");
            self.emit(EventKind::AttemptFailed {
                scenario_id: id.clone(),
                attempt: attempt as u32,
                duration_ms: self.elapsed_ms - attempt_started,
                steps_passed: passed,
                failure,
            });
            attempt += 1;
        };
        let (status, failure) = match failure {
            Some((status, f)) => (status, Some(f)),
            None if attempt > 1 => (ScenarioStatus::Flaky, None),
            None => (ScenarioStatus::Passed, None),
        };
        let result = matches!(status, ScenarioStatus::Passed | ScenarioStatus::Flaky)
            .then(|| PathBuf::from("screenshots").join(&id).join("result.png"));
        self.wait(310); // the session closes
        match status {
            ScenarioStatus::Passed => self.stats.passed += 1,
            ScenarioStatus::Flaky => self.stats.flaky += 1,
            ScenarioStatus::Failed => self.stats.failed += 1,
            ScenarioStatus::Interrupted => self.stats.interrupted += 1,
        }
        self.emit(EventKind::ScenarioFinished {
            scenario_id: id,
            status,
            attempts: attempt as u32,
            duration_ms: self.elapsed_ms - started,
            steps_passed: passed,
            steps_total: spec.steps.len(),
            failure,
            result,
            browser: Some(BROWSER.into()),
        });
    }

    /// One attempt at `spec`'s steps; the steps passed and how it failed, if it did.
    fn attempt(
        &mut self,
        spec: &ScenarioSpec,
        stop: Option<(usize, Option<&str>)>,
        attempt: usize,
    ) -> (usize, Option<(ScenarioStatus, Failure)>) {
        let id = spec.info.id.clone();
        self.wait(if attempt == 1 { 1_130 } else { 22 }); // a session opens, or is reset
        let mut passed = 0;
        let mut failure = None;
        for (i, s) in spec.steps.iter().enumerate() {
            let number = i + 1;
            let info = StepInfo {
                number,
                action: s.action.into(),
                detail: s.detail.clone(),
                narration_en: s.narration_en.into(),
                narration_fr: s.narration_fr.into(),
                heading_en: s.heading_en.clone(),
                heading_fr: s.heading_fr.clone(),
                needed: s.action != "expect_text",
                included: None,
                source: format!("{}:{}:1", spec.info.file.display(), 8 + 5 * i),
            };
            self.emit(EventKind::StepStarted {
                scenario_id: id.clone(),
                step: Box::new(info.clone()),
            });
            let name = format!("{number:02}-{}", s.action);
            let before_url = number.checked_sub(2).map(|j| spec.steps[j].page);
            let target = self.target.clone();
            match stop.filter(|(at, _)| *at == number) {
                None => {
                    self.wait(s.ms);
                    self.stats.steps += 1;
                    passed += 1;
                    // Pictured before the action when the step has a target (on the page before it).
                    let picture_url = s
                        .target_box
                        .and(before_url)
                        .map(|p| format!("{target}{}", p.0));
                    self.emit(EventKind::StepFinished {
                        scenario_id: id.clone(),
                        step: Box::new(info),
                        outcome: StepOutcome::Passed,
                        duration_ms: s.ms,
                        url: Some(format!("{target}{}", s.page.0)),
                        page_title: Some(s.page.1.into()),
                        screenshot: Some(
                            PathBuf::from("screenshots")
                                .join(&id)
                                .join(format!("{name}.png")),
                        ),
                        html: None,
                        highlight: None,
                        target_box: s.target_box,
                        picture_url,
                    });
                }
                Some((_, Some(message))) => {
                    let took = 10_021;
                    self.wait(took);
                    self.stats.steps += 1;
                    let (page, title) = before_url.unwrap_or(("/", "Decidim"));
                    let folder = match attempt {
                        1 => PathBuf::from("failures").join(&id),
                        n => PathBuf::from("failures").join(&id).join(format!("try-{n}")),
                    };
                    let screenshot = folder.join(format!("{name}.png"));
                    let html = folder.join(format!("{name}.html"));
                    let message = format!("{message} (step at {})", info.source);
                    self.emit(EventKind::StepFinished {
                        scenario_id: id.clone(),
                        step: Box::new(info.clone()),
                        outcome: StepOutcome::Failed {
                            message: message.clone(),
                        },
                        duration_ms: took,
                        url: Some(format!("{target}{page}")),
                        page_title: Some(title.into()),
                        screenshot: Some(screenshot.clone()),
                        html: Some(html.clone()),
                        highlight: None,
                        target_box: None,
                        picture_url: None,
                    });
                    failure = Some((
                        ScenarioStatus::Failed,
                        Failure {
                            step: number,
                            action: s.action.into(),
                            heading_fr: info.heading_fr.clone(),
                            message,
                            url: Some(format!("{target}{page}")),
                            page_title: Some(title.into()),
                            screenshot: Some(screenshot),
                            html: Some(html),
                        },
                    ));
                    break;
                }
                Some((_, None)) => {
                    let took = 248;
                    self.wait(took);
                    let (page, title) = before_url.unwrap_or(("/", "Decidim"));
                    self.emit(EventKind::StepFinished {
                        scenario_id: id.clone(),
                        step: Box::new(info.clone()),
                        outcome: StepOutcome::Interrupted,
                        duration_ms: took,
                        url: Some(format!("{target}{page}")),
                        page_title: Some(title.into()),
                        screenshot: None,
                        html: None,
                        highlight: None,
                        target_box: None,
                        picture_url: None,
                    });
                    failure = Some((
                        ScenarioStatus::Interrupted,
                        Failure {
                            step: number,
                            action: s.action.into(),
                            heading_fr: info.heading_fr.clone(),
                            message: "interrupted".into(),
                            url: Some(format!("{target}{page}")),
                            page_title: Some(title.into()),
                            screenshot: None,
                            html: None,
                        },
                    ));
                    break;
                }
            }
        }
        (passed, failure)
    }

    fn skip(&mut self, scenario: ScenarioInfo, reason: &str) {
        self.stats.skipped += 1;
        self.emit(EventKind::ScenarioSkipped {
            scenario,
            reason: reason.into(),
        });
    }

    fn not_run(&mut self, scenario: ScenarioInfo, reason: CancelReason) {
        self.stats.not_run += 1;
        self.emit(EventKind::ScenarioNotRun { scenario, reason });
    }

    fn finish(mut self, interrupted: Option<CancelReason>) -> Vec<RunEvent> {
        self.wait(95); // the browser shuts down
        self.stats.duration_ms = self.elapsed_ms;
        let stats = self.stats;
        self.emit(EventKind::RunFinished { stats, interrupted });
        self.events
    }
}

/// Both scenarios pass on the replica.
pub fn passing_run(locale: &str) -> Vec<RunEvent> {
    let (process, metrics) = (create_process("k2x9a1"), view_metrics());
    let mut run = Run::start(TARGET, locale, 2, process.steps.len() + metrics.steps.len());
    run.scenario(&process, None);
    run.scenario(&metrics, None);
    run.finish(None)
}

/// `create-process` fails at step 3 (the button never shows); `view-metrics` passes.
pub fn failing_run(locale: &str) -> Vec<RunEvent> {
    let (process, metrics) = (create_process("k2x9a1"), view_metrics());
    let mut run = Run::start(TARGET, locale, 2, process.steps.len() + metrics.steps.len());
    run.scenario(
        &process,
        Some((
            3,
            Some(r#"timed out after 10s waiting for text "Nouvelle concertation": 2 matches, none visible"#),
        )),
    );
    run.scenario(&metrics, None);
    run.finish(None)
}

/// With `--retries 2`: `create-process` fails at step 3 then passes on its second attempt
/// (flaky); `view-metrics` fails at step 2 on all three (failed, with two reruns).
pub fn flaky_run(locale: &str) -> Vec<RunEvent> {
    let (process, metrics) = (create_process("k2x9a1"), view_metrics());
    let mut run = Run::start(TARGET, locale, 2, process.steps.len() + metrics.steps.len());
    let late = Some((
        3,
        Some(
            r#"timed out after 10s waiting for text "Nouvelle concertation": 2 matches, none visible"#,
        ),
    ));
    run.scenario_tries(&process, &[late, None]);
    let gone = Some((
        2,
        Some(r#"HTTP 500 at /admin/metrics: timed out after 10s waiting for link "Métriques""#),
    ));
    run.scenario_tries(&metrics, &[gone, gone, gone]);
    run.finish(None)
}

/// On a real instance without `--allow-writes`: `create-process` is skipped, Ctrl-C comes while
/// `view-metrics` waits for its link (step 2), `deliver-newsletter` never starts.
pub fn interrupted_run(locale: &str) -> Vec<RunEvent> {
    let (process, metrics, newsletter) = (
        create_process("k2x9a1"),
        view_metrics(),
        deliver_newsletter(),
    );
    let steps = process.steps.len() + metrics.steps.len() + newsletter.steps;
    let mut run = Run::start(REAL, locale, 3, steps);
    run.skip(
        process.info.clone(),
        "writes data; pass --allow-writes to run it on a real instance",
    );
    run.scenario(&metrics, Some((2, None)));
    run.not_run(newsletter, CancelReason::Signal);
    run.finish(Some(CancelReason::Signal))
}

mod tests {
    use super::*;

    /// The redactions replace what changes from one run to the next, and nothing else.
    #[test]
    fn redactions_hide_times_durations_and_temporary_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let text = format!(
            "{}/junit.xml\n\
             at 2025-06-12T08:15:03.412Z, 2025-06-12T10:15:03+02:00, handbook 2025-06-12 08:15\n\
             \x20       PASS [   1.234s] create-process\n\
             {{\"elapsed_ms\":3412,\"duration_ms\": 10021,\"steps\":7}}\n\
             <testcase name=\"create-process\" time=\"10.021\">\n\
             \x201. login [ok, 1840 ms] http://127.0.0.1:41873/admin/",
            tmp.path().display()
        );
        redacted().bind(|| insta::assert_snapshot!("redactions", text));
    }
}
