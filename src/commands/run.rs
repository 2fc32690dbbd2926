//! `decidim-explorer run`: resolve arguments into a [`RunPlan`], start the replica if no
//! target is given, wire the reporters and run. [`prepare`] and [`reporters`] are shared with
//! `guide`.

use super::print_load_errors;
use crate::cli::{RunArgs, SessionArgs};
use crate::error::{Error, LoadError, PlanError, RunError};
use explorer::driver::{find_program, BrowserOptions};
use explorer::plan::new_run_token;
use explorer::plan::partition::Partition;
use explorer::reporters::{
    bug_report::BugReportReporter,
    handbook::{HandbookOptions, HandbookReporter},
    html::HtmlReporter,
    jsonl::JsonlReporter,
    junit::JunitReporter,
    summary::SummaryReporter,
    terminal::TerminalReporter,
    Reporters,
};
use explorer::runner::{self, Cancel, RunPlan, TargetKind, WebDriverSource};
use explorer::scenario::{Action, Scenario};
use explorer::secret::{credentials_from_env_or_prompt, Credentials, Secret};
use replica::{Replica, ReplicaOptions, ADMIN_EMAIL, ADMIN_PASSWORD};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// What narrows the scenarios named: tags, features, the last run's failures, a shard.
#[derive(Debug, Default)]
pub struct Filters {
    /// Keep those with one of these tags (if any).
    pub tags: Vec<String>,
    /// Keep those exercising one of these features (patterns allowed; if any).
    pub features: Vec<String>,
    /// Keep only these ids (`--last-failed`), with the record they were read from.
    pub only: Option<(Vec<String>, PathBuf)>,
    /// Then keep this shard's share.
    pub partition: Option<Partition>,
}

impl Filters {
    /// Only a tag filter.
    pub fn tags(tags: &[String]) -> Self {
        Filters {
            tags: tags.to_vec(),
            ..Filters::default()
        }
    }
}

/// Load the scenarios named (files, folders or ids; all of the scenario folder if none), keep
/// those `filters` let through.
pub fn select(
    names: &[String],
    filters: &Filters,
    session: &SessionArgs,
) -> Result<Vec<Scenario>, LoadError> {
    let mut paths = Vec::new();
    let mut ids = Vec::new();
    for s in names {
        let p = PathBuf::from(s);
        if p.exists() {
            paths.push(p);
        } else {
            ids.push(s.clone());
        }
    }
    if paths.is_empty() {
        paths.push(session.scenario_dir.clone());
    }
    let loaded = super::load_scenarios(&paths, Some(&session.scenario_dir))?;
    if !loaded.is_clean() {
        print_load_errors(&loaded);
        return Err(LoadError::NotRunnable {
            problems: loaded.errors.len() + loaded.unreadable.len(),
        });
    }
    let mut chosen: Vec<Scenario> = loaded.scenarios;
    // An id with `*` is a pattern (`'process-*'`); it must match at least one scenario.
    let named = |s: &Scenario| ids.iter().any(|id| explorer::glob::glob(id, &s.id));
    for id in &ids {
        if !chosen.iter().any(|s| explorer::glob::glob(id, &s.id)) {
            let nearest =
                explorer::scenario::actions::nearest(id, chosen.iter().map(|s| s.id.as_str()));
            return Err(LoadError::UnknownScenario {
                name: id.clone(),
                nearest: nearest.map(String::from),
            });
        }
    }
    if !ids.is_empty() {
        chosen.retain(named);
    }
    if !filters.tags.is_empty() {
        chosen.retain(|s| s.tags.iter().any(|t| filters.tags.contains(t)));
    }
    if !filters.features.is_empty() {
        let wanted = |f: &String| filters.features.iter().any(|p| explorer::glob::glob(p, f));
        chosen.retain(|s| s.features.iter().any(wanted));
    }
    if let Some((only, path)) = &filters.only {
        chosen.retain(|s| only.contains(&s.id));
        if chosen.is_empty() {
            return Err(LoadError::NoLastFailed { path: path.clone() });
        }
    }
    if chosen.is_empty() {
        return Err(LoadError::NoneSelected);
    }
    if let Some(partition) = &filters.partition {
        let selected = chosen.len();
        chosen = partition.keep(chosen, |s| s.id.as_str());
        if chosen.is_empty() {
            return Err(LoadError::EmptyShard {
                partition: partition.to_string(),
                selected,
            });
        }
    }
    Ok(chosen)
}

/// Where each run records the scenarios that failed, for `--last-failed`:
/// `$DECIDIM_EXPLORER_LAST_FAILED`, else target/decidim-explorer/last-failed.json.
pub fn last_failed_record() -> PathBuf {
    std::env::var_os("DECIDIM_EXPLORER_LAST_FAILED")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/decidim-explorer/last-failed.json"))
}

/// The ids the last run recorded as failed; none when there is no record.
fn read_last_failed(path: &std::path::Path) -> Vec<String> {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<LastFailed>(&bytes).ok())
        .map(|r| r.failed)
        .unwrap_or_default()
}

/// `last-failed.json`: what the last run failed, where its reports are.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct LastFailed {
    run_folder: PathBuf,
    failed: Vec<String>,
}

/// Record the scenarios of the run's summary that failed or did not finish. A run cut short or
/// a shard records what it saw: the scenarios it never came to are not "failed".
fn record_last_failed(out_dir: &std::path::Path) {
    let Ok(bytes) = std::fs::read(out_dir.join("summary.json")) else {
        return;
    };
    let Ok(summary) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return;
    };
    let failed = summary["scenarios"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| matches!(s["status"].as_str(), Some("failed" | "interrupted")))
        .filter_map(|s| s["id"].as_str().map(String::from))
        .collect();
    let record = LastFailed {
        run_folder: out_dir.to_path_buf(),
        failed,
    };
    let path = last_failed_record();
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            std::fs::write(
                &path,
                serde_json::to_vec_pretty(&record).expect("serialises"),
            )
        });
    if let Err(e) = written {
        tracing::warn!(file = %path.display(), error = %e, "could not record the failed scenarios");
    }
}

fn run_id() -> String {
    let now = time::OffsetDateTime::now_utc();
    let fmt = time::macros::format_description!("[year][month][day]-[hour][minute][second]");
    format!(
        "{}-{}",
        now.format(&fmt).unwrap_or_default(),
        std::process::id()
    )
}

/// A resolved plan, and the replica serving it (if no real target was given).
pub struct Prepared {
    /// The plan.
    pub plan: RunPlan,
    /// The replica, to stop after the run.
    pub replica: Option<Replica>,
}

/// Options of a run besides the session arguments.
pub struct RunChoices<'a> {
    /// Show the browser.
    pub headed: bool,
    /// Narration language.
    pub lang: &'a str,
    /// Stop at the first failure.
    pub fail_fast: bool,
    /// An admin manual whose sections are linked from lessons and the handbook.
    pub notice: Option<&'a std::path::Path>,
    /// Make an animation of each lesson.
    pub video: bool,
    /// Workers (`--jobs`).
    pub jobs: usize,
    /// Retries of a failed scenario (`--retries`).
    pub retries: u32,
}

impl RunChoices<'_> {
    /// One worker, no retries: what `guide`, `stability` and `inventory` run with.
    pub fn single(lang: &str) -> RunChoices<'_> {
        RunChoices {
            headed: false,
            lang,
            fail_fast: false,
            notice: None,
            video: false,
            jobs: 1,
            retries: 0,
        }
    }
}

/// The browser language matching a narration language.
pub fn accept_language_for(lang: &str) -> String {
    match lang {
        "fr" => "fr-FR,fr".into(),
        _ => "en-US,en".into(),
    }
}

/// Where the notice documents each catalogue feature.
async fn notice_links(
    path: &std::path::Path,
    scenario_dir: &std::path::Path,
) -> Result<std::collections::BTreeMap<String, explorer::events::NoticeRef>, PlanError> {
    let catalogue = explorer::analysis::catalogue::Catalogue::load(scenario_dir)
        .map_err(PlanError::Catalogue)?;
    let notice = explorer::analysis::notice::read_any(path.as_os_str(), None)
        .await
        .map_err(PlanError::Notice)?;
    let terms = explorer::analysis::gap::feature_terms(&catalogue, None, &notice.lang);
    Ok(
        explorer::analysis::gap::matcher::match_features(&notice, &terms)
            .into_iter()
            .map(|m| {
                let e = m
                    .evidence
                    .filter(|_| m.status != explorer::analysis::gap::matcher::Status::Missing);
                let status = match m.status {
                    explorer::analysis::gap::matcher::Status::Covered => "covered",
                    explorer::analysis::gap::matcher::Status::Partial => "partial",
                    explorer::analysis::gap::matcher::Status::Missing => "missing",
                };
                let link = e.as_ref().map(|e| {
                    if e.link.starts_with("http") {
                        e.link.clone()
                    } else {
                        path.join(&e.link).display().to_string()
                    }
                });
                (
                    m.id.clone(),
                    explorer::events::NoticeRef {
                        feature: m.id,
                        status: status.into(),
                        section: e.map(|e| e.breadcrumb).unwrap_or_default(),
                        link: link.unwrap_or_default(),
                    },
                )
            })
            .collect(),
    )
}

/// The WebDriver to talk to (a Grid's URL, or chromedriver started here) and the browser.
fn browser_programs(
    session: &SessionArgs,
) -> Result<(WebDriverSource, Option<PathBuf>), PlanError> {
    let webdriver = match &session.webdriver {
        Some(url) => WebDriverSource::Remote(url.clone()),
        None => {
            let path = find_program(
                "chromedriver",
                session.chromedriver.as_deref(),
                "CHROMEDRIVER",
                &["chromedriver"],
                &["/usr/lib/chromium/chromedriver"],
            )
            .map_err(PlanError::Program)?;
            WebDriverSource::Local { chromedriver: path }
        }
    };
    let chromium = if session.webdriver.is_some() && session.chromium.is_none() {
        None // the remote end knows its own browser
    } else {
        Some(
            find_program(
                "chromium",
                session.chromium.as_deref(),
                "CHROMIUM",
                &["chromium", "chromium-browser", "google-chrome"],
                &["/usr/lib/chromium/chromium"],
            )
            .map_err(PlanError::Program)?,
        )
    };
    Ok((webdriver, chromium))
}

/// Where the run goes and as whom.
struct Target {
    base_url: url::Url,
    kind: TargetKind,
    credentials: Option<Credentials>,
    /// The replica started for the length of the run, when no instance was named.
    replica: Option<Replica>,
}

/// A real instance (credentials from the environment or a prompt, asked only when a scenario
/// logs in), or the replica started here with its seeded admin.
async fn target(session: &SessionArgs, scenarios: &[Scenario]) -> Result<Target, PlanError> {
    if let Some(url) = &session.base_url {
        let base_url = url::Url::parse(url).map_err(|source| PlanError::BaseUrl {
            url: url.clone(),
            source,
        })?;
        let needs_login = scenarios
            .iter()
            .any(|s| s.steps.iter().any(|st| matches!(st.action, Action::Login)));
        let credentials = if needs_login {
            credentials_from_env_or_prompt(std::io::stdin().is_terminal())
                .map_err(PlanError::Credentials)?
        } else {
            None
        };
        if needs_login && credentials.is_none() {
            // Under CI nobody can type them: skipping the lessons that log in would make a run
            // green that tested little. Say what to set.
            return Err(PlanError::NoCredentials);
        }
        return Ok(Target {
            base_url,
            kind: TargetKind::Real,
            credentials,
            replica: None,
        });
    }
    let flavour = session.replica_flavour.flavour();
    let opts = ReplicaOptions::for_flavour(flavour).with_locale(session.replica_locale.as_deref());
    let replica = Replica::start(opts).await.map_err(PlanError::Replica)?;
    let base_url = url::Url::parse(replica.base_url()).expect("replica URL is valid");
    Ok(Target {
        base_url,
        kind: TargetKind::Replica,
        credentials: Some(Credentials {
            email: ADMIN_EMAIL.into(),
            password: Secret::new(ADMIN_PASSWORD),
        }),
        replica: Some(replica),
    })
}

/// Find the browser, start the replica or read credentials, create the run folder.
pub async fn prepare(
    session: &SessionArgs,
    scenarios: Vec<Scenario>,
    choices: RunChoices<'_>,
) -> Result<Prepared, PlanError> {
    let (webdriver, chromium) = browser_programs(session)?;
    let Target {
        base_url,
        kind,
        credentials,
        replica,
    } = target(session, &scenarios).await?;

    let run_id = run_id();
    let out_dir = session
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("target/decidim-explorer/runs").join(&run_id));
    std::fs::create_dir_all(&out_dir).map_err(|source| PlanError::RunFolder {
        path: out_dir.clone(),
        source,
    })?;
    // Asked before the run (the page is public): bug reports name the Decidim that failed.
    let decidim_version = explorer::plan::decidim_version::ask(&base_url).await;
    let plan = RunPlan {
        scenarios,
        base_url,
        target: kind,
        credentials,
        allow_writes: session.allow_writes,
        step_timeout: session.timeout,
        out_dir,
        run_id,
        run_token: new_run_token(),
        locale: choices.lang.to_string(),
        fail_fast: choices.fail_fast,
        jobs: choices.jobs,
        retries: choices.retries,
        webdriver,
        browser: BrowserOptions {
            chromium,
            headed: choices.headed,
            // One language end to end: unless told otherwise, the browser asks for the run's language,
            // so the admin a French trainee reads is French.
            accept_language: session
                .browser_lang
                .clone()
                .unwrap_or_else(|| accept_language_for(choices.lang)),
            page_load_timeout: session.timeout,
            ..BrowserOptions::default()
        },
        notice: match choices.notice {
            Some(path) => notice_links(path, &session.scenario_dir).await?,
            None => Default::default(),
        },
        learning_path: explorer::scenario::learning_path::LearningPath::load(&session.scenario_dir)
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "no learning path");
                Default::default()
            }),
        video: choices.video,
        replica_name: replica
            .as_ref()
            .map(|_| replica_name(session.replica_flavour.flavour(), choices.lang)),
        decidim_version,
    };
    Ok(Prepared { plan, replica })
}

/// How the handbook names the built-in replica it ran on.
fn replica_name(flavour: replica::Flavour, locale: &str) -> String {
    match (locale == "fr", flavour) {
        (true, replica::Flavour::Osp) => "la réplique intégrée de la démo d'OSP",
        (true, replica::Flavour::Core) => "la réplique intégrée de Decidim 0.29.5",
        (false, replica::Flavour::Osp) => "the built-in replica of the OSP demo",
        (false, replica::Flavour::Core) => "the built-in replica of Decidim 0.29.5",
    }
    .to_string()
}

/// The standard reporters: terminal on stderr, then files in the run folder.
pub fn reporters(
    plan: &RunPlan,
    verbose_steps: bool,
    progress: bool,
) -> Result<Reporters, PlanError> {
    let mut reporters = Reporters::default();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let terminal = TerminalReporter::new(std::io::stderr(), color, verbose_steps, &plan.locale);
    // A progress bar only on a terminal, and not in guided mode where the trainee reads along.
    if std::io::stderr().is_terminal() && progress {
        reporters.add(terminal.with_progress());
    } else {
        reporters.add(terminal);
    }
    let jsonl =
        JsonlReporter::create(&plan.out_dir.join("events.jsonl")).map_err(PlanError::Reports)?;
    reporters.add(jsonl);
    reporters.add(SummaryReporter::new(&plan.out_dir.join("summary.json")));
    reporters.add(JunitReporter::new(&plan.out_dir.join("junit.xml")));
    reporters.add(HandbookReporter::new(
        &plan.out_dir,
        HandbookOptions {
            path: plan.learning_path.clone(),
            shared: plan.target == explorer::runner::TargetKind::Real,
            video: plan.video,
            target_name: plan.replica_name.clone(),
        },
    ));
    reporters.add(HtmlReporter::new(&plan.out_dir));
    reporters.add(BugReportReporter::new(&plan.out_dir));
    Ok(reporters)
}

/// Stop the replica, and tell how the run ended: interrupted, a report not written (the run
/// folder is incomplete), some scenario failed, or all well.
pub async fn finish(
    prepared: Prepared,
    stats: explorer::events::RunStats,
    reporters: Reporters,
    cancel: &Cancel,
) -> Result<(), RunError> {
    if let Some(r) = prepared.replica {
        r.shutdown().await;
    }
    RunError::check(stats, cancel.is_cancelled(), reporters.into_errors())
}

/// Run the scenarios chosen.
pub async fn main(args: &RunArgs) -> Result<(), Error> {
    let filters = Filters {
        tags: args.tags.clone(),
        features: args.features.clone(),
        only: args.last_failed.then(|| {
            let path = last_failed_record();
            (read_last_failed(&path), path)
        }),
        partition: args.partition,
    };
    let scenarios = match select(&args.scenarios, &filters, &args.session) {
        Err(e @ (LoadError::EmptyShard { .. } | LoadError::NoLastFailed { .. }))
            if args.allow_empty =>
        {
            eprintln!("{e}: nothing to run");
            return Ok(());
        }
        selected => selected?,
    };
    let choices = RunChoices {
        headed: args.headed,
        lang: &args.lang,
        fail_fast: args.fail_fast,
        notice: args.notice.as_deref(),
        video: args.video,
        jobs: args.jobs.map_or_else(default_jobs, usize::from),
        retries: args.retries,
    };
    let prepared = prepare(&args.session, scenarios, choices).await?;
    let out_dir = prepared.plan.out_dir.clone();
    let mut reporters = reporters(&prepared.plan, args.steps, true)?;
    let cancel = Cancel::new();
    runner::cancel::install_signal_handler(cancel.clone());
    let stats = runner::run(&prepared.plan, &mut reporters, &cancel).await;
    let finished = finish(prepared, stats, reporters, &cancel).await;
    record_last_failed(&out_dir);
    // An empty value (a CI secret that is not defined) asks for nothing.
    if let Some(webhook) = args
        .notify_rocketchat
        .as_deref()
        .filter(|u| !u.trim().is_empty())
    {
        notify_rocketchat(webhook, &out_dir, &args.lang).await;
    }
    match finished {
        Err(RunError::NothingTested { .. }) if args.allow_empty => Ok(()),
        Ok(()) if args.fail_on_flaky && stats.flaky > 0 => {
            Err(RunError::FlakyNotAllowed { stats }.into())
        }
        finished => Ok(finished?),
    }
}

/// Post the run's outcome, read back from its `summary.json`. A chat that cannot be reached is
/// said on stderr and does not change the run's verdict.
async fn notify_rocketchat(webhook: &str, out_dir: &Path, lang: &str) {
    use explorer::reporters::rocketchat;
    let path = out_dir.join("summary.json");
    let summary = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok());
    let Some(summary) = summary else {
        eprintln!(
            "warning: nothing posted to Rocket.Chat: {} is unreadable",
            path.display()
        );
        return;
    };
    match rocketchat::post(webhook, &rocketchat::message(&summary, lang)).await {
        Ok(()) => eprintln!("    Notified Rocket.Chat"),
        Err(e) => eprintln!("warning: {e}"),
    }
}

/// `--jobs` by default: one worker per core (a browser is CPU-bound).
fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
