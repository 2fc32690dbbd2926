//! The runner on a fake browser: outcomes, failure evidence, cancellation, a lost browser, the
//! gate's skip and quit, the run folder — in milliseconds, with no browser installed.

use super::browser::{BrowserPage, Driven, Sessions};
use super::gate::{GateDecision, GateVerdict, NoGate, StepContext, StepGate};
use super::{dispatch, Cancel, RunPlan, TargetKind, WebDriverSource, Worker};
use crate::driver::{BrowserOptions, DriverError, PageState, Purpose};
use crate::events::{EventKind, RunEvent, RunStats, ScenarioStatus, StepOutcome};
use crate::scenario::{Localized, Scenario, Target};
use crate::secret::{Credentials, Secret};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const PASSWORD: &str = "s3cret-pw";

/// How the fake answers a call whose description contains the rule's words.
#[derive(Debug, Clone)]
enum Behaviour {
    /// The page does not do what the step expects.
    Fail(&'static str),
    /// An auto-wait runs out of time.
    Timeout,
    /// Never answers (a page that hangs).
    Hang,
    /// The browser dies: this call and every later one fail as lost.
    Crash,
    /// Fails while the shared count is above zero, counting down (a page that is slow to come
    /// up the first times: the flaky step of a retried scenario).
    FailTimes(Arc<std::sync::atomic::AtomicUsize>),
    /// Takes this long, then succeeds; the journal notes when it ends (`… done`), so tests see
    /// which calls overlapped.
    Slow(u64),
}

/// What happened on the fake browser, in order.
#[derive(Debug, Default)]
struct Journal {
    calls: Vec<String>,
    opened: usize,
    closed: usize,
    shut_down: bool,
}

/// Sessions of a fake browser that follows `rules` (first match wins; other calls succeed).
#[derive(Clone, Default)]
struct FakeBrowser {
    rules: Vec<(&'static str, Behaviour)>,
    /// Opening a session fails this way.
    open_fails: Option<Behaviour>,
    journal: Arc<Mutex<Journal>>,
}

struct FakePage {
    rules: Vec<(&'static str, Behaviour)>,
    journal: Arc<Mutex<Journal>>,
    url: Mutex<String>,
    crashed: AtomicBool,
}

impl FakeBrowser {
    fn with(rules: &[(&'static str, Behaviour)]) -> Self {
        FakeBrowser {
            rules: rules.to_vec(),
            ..FakeBrowser::default()
        }
    }

    fn calls(&self) -> Vec<String> {
        self.journal.lock().unwrap().calls.clone()
    }
}

impl Sessions for FakeBrowser {
    type Page = FakePage;

    async fn open(&mut self) -> Driven<FakePage> {
        match &self.open_fails {
            Some(Behaviour::Crash) => return Err(DriverError::Lost("chromedriver exited".into())),
            Some(_) => return Err(DriverError::Unexpected("Chromium refused the flags".into())),
            None => {}
        }
        self.journal.lock().unwrap().opened += 1;
        Ok(FakePage {
            rules: self.rules.clone(),
            journal: self.journal.clone(),
            url: Mutex::new("about:blank".into()),
            crashed: AtomicBool::new(false),
        })
    }

    async fn close(&mut self, _page: FakePage) {
        self.journal.lock().unwrap().closed += 1;
    }

    async fn shutdown(&mut self) {
        self.journal.lock().unwrap().shut_down = true;
    }
}

impl FakePage {
    /// Record the call and answer it as the rules say.
    async fn call(&self, what: String) -> Driven<()> {
        self.journal.lock().unwrap().calls.push(what.clone());
        if self.crashed.load(Ordering::SeqCst) {
            return Err(DriverError::Lost("tab crashed".into()));
        }
        let rule = self.rules.iter().find(|(words, _)| what.contains(words));
        match rule.map(|(_, b)| b) {
            None => Ok(()),
            Some(Behaviour::Fail(message)) => Err(DriverError::Unexpected(message.to_string())),
            Some(Behaviour::Timeout) => Err(DriverError::Timeout {
                what,
                waited: Duration::from_millis(10),
                last_seen: "no match".into(),
            }),
            Some(Behaviour::Hang) => std::future::pending().await,
            Some(Behaviour::FailTimes(left)) => {
                let failing = left
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
                if failing {
                    Err(DriverError::Unexpected("the page was not ready".into()))
                } else {
                    Ok(())
                }
            }
            Some(Behaviour::Slow(ms)) => {
                tokio::time::sleep(Duration::from_millis(*ms)).await;
                self.journal
                    .lock()
                    .unwrap()
                    .calls
                    .push(format!("{what} done"));
                Ok(())
            }
            Some(Behaviour::Crash) => {
                self.crashed.store(true, Ordering::SeqCst);
                Err(DriverError::Lost("tab crashed".into()))
            }
        }
    }
}

impl BrowserPage for FakePage {
    async fn goto(&self, url: &str, _: Duration) -> Driven<()> {
        self.call(format!("goto {url}")).await?;
        *self.url.lock().unwrap() = format!("http://fake.test{url}");
        Ok(())
    }
    async fn click(&self, target: &Target, _: Duration) -> Driven<()> {
        self.call(format!("click {target}")).await
    }
    async fn confirm(&self, _: Duration) -> Driven<()> {
        self.call("confirm".into()).await
    }
    async fn fill(&self, target: &Target, value: &str, _: Duration) -> Driven<()> {
        self.call(format!("fill {target} with {value}")).await
    }
    async fn select(&self, target: &Target, option: &Localized, _: Duration) -> Driven<()> {
        self.call(format!("select {} in {target}", option.describe()))
            .await
    }
    async fn check(&self, target: &Target, checked: bool, _: Duration) -> Driven<()> {
        self.call(format!("check {target} {checked}")).await
    }
    async fn expect_text(&self, text: &Localized, _: Option<&Target>, _: Duration) -> Driven<()> {
        self.call(format!("expect text {}", text.describe())).await
    }
    async fn expect_url(&self, pattern: &str, _: Duration) -> Driven<()> {
        self.call(format!("expect url {pattern}")).await
    }
    async fn expect_element(&self, target: &Target, _: Duration) -> Driven<()> {
        self.call(format!("expect element {target}")).await
    }
    async fn login(&self, credentials: &Credentials, _: Duration) -> Driven<()> {
        self.call(format!("login {}", credentials.email)).await
    }
    async fn accept_cookies(&self, _: Duration) -> Driven<bool> {
        self.call("accept cookies".into()).await.map(|()| true)
    }
    async fn accept_admin_terms(&self, _: Duration) -> Driven<bool> {
        self.call("accept admin terms".into()).await.map(|()| false)
    }
    async fn target_box(&self, target: &Target, _: Purpose, _: Duration) -> Driven<[i64; 4]> {
        self.call(format!("point at {target}")).await?;
        Ok([10, 20, 100, 30])
    }
    async fn state(&self) -> PageState {
        let url = self.url.lock().unwrap().clone();
        PageState {
            // The fake server fails every page under /broken, as a crashed app does.
            http_status: Some(if url.contains("/broken") { 500 } else { 200 }),
            url: Some(url),
            title: Some("Fake admin".into()),
        }
    }
    async fn is_alive(&self) -> bool {
        !self.crashed.load(Ordering::SeqCst)
    }
    async fn screenshot(&self) -> Driven<Vec<u8>> {
        self.call("screenshot".into()).await?;
        Ok(b"\x89PNG fake".to_vec())
    }
    async fn html(&self) -> Driven<String> {
        // A page that echoes the password, as a badly written form might.
        Ok(format!(
            "<form><input type=password value=\"{PASSWORD}\"></form>"
        ))
    }
    fn browser(&self) -> Option<String> {
        Some("fakebrowser 1.0".into())
    }
}

/// A scenario from TOML steps, in a file named after its id.
fn scenario(id: &str, writes: bool, steps: &str) -> Scenario {
    let text = format!(
        "id = \"{id}\"\ntitle = {{ en = \"Lesson {id}\", fr = \"Leçon {id}\" }}\n\
         features = []\nwrites = {writes}\n{steps}"
    );
    crate::scenario::parse_str(Path::new(&format!("scenarios/{id}.toml")), &text)
        .unwrap_or_else(|e| panic!("test scenario {id} does not parse: {e:?}"))
}

const LOGIN_AND_CREATE: &str = r#"
[[steps]]
action = "login"
narration = { en = "Log in.", fr = "Se connecter." }
[[steps]]
action = "goto"
url = "/admin/participatory_processes"
narration = { en = "Open the processes.", fr = "Ouvrir les concertations." }
[[steps]]
action = "click"
target = { text = { en = "New process", fr = "Nouvelle concertation" } }
narration = { en = "Start a new one.", fr = "En commencer une." }
[[steps]]
action = "fill"
target = { label = { en = "Title", fr = "Titre" } }
value = "Process {{uid}}"
narration = { en = "Name it.", fr = "La nommer." }
"#;

const BROWSE: &str = r#"
[[steps]]
action = "goto"
url = "/admin/"
narration = { en = "Open the admin.", fr = "Ouvrir l'administration." }
[[steps]]
action = "expect_text"
text = { en = "Dashboard", fr = "Tableau de bord" }
narration = { en = "The dashboard shows.", fr = "Le tableau de bord s'affiche." }
"#;

fn plan(scenarios: Vec<Scenario>, out_dir: &Path) -> RunPlan {
    RunPlan {
        scenarios,
        base_url: url::Url::parse("http://fake.test/").unwrap(),
        target: TargetKind::Replica,
        credentials: Some(Credentials {
            email: "admin@example.org".into(),
            password: Secret::new(PASSWORD),
        }),
        allow_writes: false,
        step_timeout: Duration::from_secs(5),
        out_dir: out_dir.to_path_buf(),
        run_id: "run-test".into(),
        run_token: "k2x1".into(),
        locale: "fr".into(),
        fail_fast: false,
        jobs: 1,
        retries: 0,
        webdriver: WebDriverSource::Remote("http://unused.test".into()),
        browser: BrowserOptions::default(),
        notice: Default::default(),
        learning_path: Default::default(),
        video: false,
        replica_name: None,
        decidim_version: None,
    }
}

/// The lesson that fails (it writes) followed by one that only reads.
fn two_lessons(out_dir: &Path) -> RunPlan {
    plan(
        vec![
            scenario("create", true, LOGIN_AND_CREATE),
            scenario("browse", false, BROWSE),
        ],
        out_dir,
    )
}

/// The failure scenario `id` ended with.
fn failure_of(events: &[RunEvent], id: &str) -> crate::events::Failure {
    match finished(events, id) {
        EventKind::ScenarioFinished {
            failure: Some(failure),
            ..
        } => failure,
        other => panic!("{id} ended without a failure: {other:?}"),
    }
}

/// Run `plan` on `browser` with `gate`; the events and the totals.
async fn run_on<G: StepGate<FakePage>>(
    plan: &RunPlan,
    browser: &mut FakeBrowser,
    cancel: &Cancel,
    gate: &mut G,
) -> (Vec<RunEvent>, RunStats) {
    let mut events = Vec::new();
    let worker = Worker {
        sessions: browser.clone(),
        gate,
    };
    let run = dispatch(plan, vec![worker], &mut events, cancel);
    let stats = tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("the run ended");
    (events, stats)
}

/// Each event in a word, to compare streams at a glance.
fn outline(events: &[RunEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| match &e.kind {
            EventKind::RunStarted { scenario_count, .. } => format!("run {scenario_count}"),
            EventKind::ScenarioStarted { scenario } => format!("start {}", scenario.id),
            EventKind::ScenarioSkipped { scenario, .. } => format!("skip {}", scenario.id),
            EventKind::ScenarioNotRun { scenario, .. } => format!("not run {}", scenario.id),
            EventKind::StepStarted { step, .. } => format!("  step {}", step.number),
            EventKind::StepFinished { step, outcome, .. } => {
                let word = match outcome {
                    StepOutcome::Passed => "passed",
                    StepOutcome::Failed { .. } => "failed",
                    StepOutcome::Skipped => "skipped",
                    StepOutcome::Interrupted => "interrupted",
                };
                format!("  step {} {word}", step.number)
            }
            EventKind::AttemptFailed {
                scenario_id,
                attempt,
                ..
            } => format!("try {attempt} failed {scenario_id}"),
            EventKind::ScenarioFinished {
                scenario_id,
                status,
                attempts,
                ..
            } if *attempts > 1 => format!("end {scenario_id} {status:?} after {attempts}"),
            EventKind::ScenarioFinished {
                scenario_id,
                status,
                ..
            } => format!("end {scenario_id} {status:?}"),
            EventKind::RunFinished { interrupted, .. } => format!("done {interrupted:?}"),
            #[allow(unreachable_patterns)]
            _ => "other".into(),
        })
        .collect()
}

fn finished(events: &[RunEvent], id: &str) -> EventKind {
    events
        .iter()
        .find_map(|e| match &e.kind {
            k @ EventKind::ScenarioFinished { scenario_id, .. } if scenario_id == id => {
                Some(k.clone())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("{id} never finished"))
}

#[tokio::test]
async fn a_passing_scenario_acts_in_order_pictures_each_step_and_closes_its_session() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(vec![scenario("create", true, LOGIN_AND_CREATE)], dir.path());
    let mut browser = FakeBrowser::default();
    let (events, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;

    assert_eq!(
        outline(&events),
        [
            "run 1",
            "start create",
            "  step 1",
            "  step 1 passed",
            "  step 2",
            "  step 2 passed",
            "  step 3",
            "  step 3 passed",
            "  step 4",
            "  step 4 passed",
            "end create Passed",
            "done None",
        ]
    );
    assert_eq!((stats.passed, stats.failed, stats.steps), (1, 0, 4));
    // A step with a target is pictured before it acts, `{{uid}}` is the run token and the index.
    assert_eq!(
        browser.calls(),
        [
            "login admin@example.org",
            "screenshot",
            "goto /admin/participatory_processes",
            "screenshot",
            "point at text \"New process\" / \"Nouvelle concertation\"",
            "screenshot",
            "click text \"New process\" / \"Nouvelle concertation\"",
            "point at label \"Title\" / \"Titre\"",
            "screenshot",
            "fill label \"Title\" / \"Titre\" with Process k2x11",
            "screenshot",
        ]
    );
    for file in [
        "screenshots/create/01-login.png",
        "screenshots/create/03-click.png",
        "screenshots/create/04-fill.png",
        "screenshots/create/result.png",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} was not saved");
    }
    let journal = browser.journal.lock().unwrap();
    assert_eq!(
        (journal.opened, journal.closed, journal.shut_down),
        (1, 1, true)
    );
}

#[tokio::test]
async fn a_failing_step_keeps_redacted_evidence_and_the_next_scenario_still_runs() {
    let dir = tempfile::tempdir().unwrap();
    let plan = two_lessons(dir.path());
    let mut browser = FakeBrowser::with(&[("click text \"New process\"", Behaviour::Timeout)]);
    let (events, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;

    assert_eq!((stats.passed, stats.failed, stats.steps), (1, 1, 5));
    assert!(!browser.calls().iter().any(|c| c.starts_with("fill")));
    let EventKind::ScenarioFinished {
        status,
        steps_passed,
        failure: Some(failure),
        result,
        ..
    } = finished(&events, "create")
    else {
        panic!("no failure")
    };
    assert_eq!(
        (status, steps_passed, failure.step),
        (ScenarioStatus::Failed, 2, 3)
    );
    // The message names the locator, the step's whole timeout, what was seen and where the step is.
    assert!(
        failure.message.starts_with(
            "timed out after 5s waiting for click text \"New process\" / \"Nouvelle concertation\": no match (step at scenarios/create.toml:"
        ),
        "{}",
        failure.message
    );
    assert_eq!(
        failure.heading_fr,
        "Cliquer sur «\u{a0}Nouvelle concertation\u{a0}»"
    );
    assert_eq!(
        failure.url.as_deref(),
        Some("http://fake.test/admin/participatory_processes")
    );
    assert_eq!(result, None);
    let html = std::fs::read_to_string(dir.path().join(failure.html.unwrap())).unwrap();
    assert!(!html.contains(PASSWORD), "the password was saved: {html}");
    assert!(dir.path().join(failure.screenshot.unwrap()).is_file());
    let tail = [
        "start browse",
        "  step 1",
        "  step 1 passed",
        "  step 2",
        "  step 2 passed",
    ];
    let outline = outline(&events);
    assert_eq!(outline[outline.len() - 7..outline.len() - 2], tail);
    assert_eq!(
        outline[outline.len() - 2..],
        ["end browse Passed", "done None"]
    );
}

#[tokio::test]
async fn fail_fast_stops_after_the_first_failed_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = two_lessons(dir.path());
    plan.fail_fast = true;
    let mut browser = FakeBrowser::with(&[("login", Behaviour::Fail("login rejected"))]);
    let (events, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;
    assert_eq!((stats.failed, stats.passed, stats.not_run), (1, 0, 1));
    let outline = outline(&events);
    assert!(!outline.contains(&"start browse".to_string()));
    assert_eq!(
        outline[outline.len() - 2..],
        ["not run browse", "done Some(FailFast)"]
    );
}

#[tokio::test]
async fn ctrl_c_during_a_hanging_step_interrupts_it_closes_the_session_and_finishes_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let plan = two_lessons(dir.path());
    let mut browser =
        FakeBrowser::with(&[("goto /admin/participatory_processes", Behaviour::Hang)]);
    let cancel = Cancel::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        trigger.cancel();
    });
    let (events, stats) = run_on(&plan, &mut browser, &cancel, &mut NoGate).await;

    assert_eq!(
        outline(&events),
        [
            "run 2",
            "start create",
            "  step 1",
            "  step 1 passed",
            "  step 2",
            "  step 2 interrupted",
            "end create Interrupted",
            "not run browse",
            "done Some(Signal)",
        ]
    );
    assert_eq!(
        (stats.interrupted, stats.not_run, stats.passed, stats.failed),
        (1, 1, 0, 0)
    );
    let journal = browser.journal.lock().unwrap();
    assert_eq!(
        (journal.opened, journal.closed, journal.shut_down),
        (1, 1, true)
    );
}

#[tokio::test]
async fn a_lost_browser_gets_one_new_session_then_ends_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(
        vec![
            scenario("browse", false, BROWSE),
            scenario("browse-again", false, BROWSE),
            scenario("browse-more", false, BROWSE),
        ],
        dir.path(),
    );
    let mut browser = FakeBrowser::with(&[("expect text", Behaviour::Crash)]);
    let (events, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;

    assert_eq!((stats.interrupted, stats.failed), (2, 0));
    assert_eq!(outline(&events).last().unwrap(), "done Some(BrowserLost)");
    let failure = failure_of(&events, "browse");
    assert!(
        failure.message.ends_with("; the browser is gone)"),
        "{}",
        failure.message
    );
    // No evidence is asked of a dead browser.
    assert_eq!((failure.screenshot, failure.html), (None, None));
    assert_eq!(browser.journal.lock().unwrap().opened, 2);
}

#[tokio::test]
async fn a_session_that_cannot_open_fails_the_scenario_at_step_zero() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(vec![scenario("browse", false, BROWSE)], dir.path());
    let mut browser = FakeBrowser {
        open_fails: Some(Behaviour::Fail("")),
        ..FakeBrowser::default()
    };
    let (events, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;
    assert_eq!(stats.failed, 1);
    let failure = failure_of(&events, "browse");
    assert_eq!((failure.step, failure.action.as_str()), (0, "open browser"));
    assert_eq!(failure.message, "Chromium refused the flags");
}

#[tokio::test]
async fn scenarios_that_cannot_run_here_are_skipped_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = two_lessons(dir.path());
    plan.target = TargetKind::Real;
    let mut browser = FakeBrowser::default();
    let (events, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;
    assert_eq!((stats.skipped, stats.passed, stats.total), (1, 1, 2));
    let reason = events.iter().find_map(|e| match &e.kind {
        EventKind::ScenarioSkipped { reason, .. } => Some(reason.clone()),
        _ => None,
    });
    assert_eq!(
        reason.as_deref(),
        Some("writes data; pass --allow-writes to run it on a real instance")
    );
    assert!(!browser.calls().iter().any(|c| c.starts_with("login")));
}

#[tokio::test]
async fn a_value_from_an_unset_environment_variable_fails_the_step_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let steps = r#"
[[steps]]
action = "fill"
target = { label = "Email" }
value = { env = "DX_TEST_NEVER_SET_VARIABLE" }
narration = { en = "Type the address.", fr = "Saisir l'adresse." }
"#;
    let plan = plan(vec![scenario("env", false, steps)], dir.path());
    let (events, _) = run_on(
        &plan,
        &mut FakeBrowser::default(),
        &Cancel::new(),
        &mut NoGate,
    )
    .await;
    let failure = failure_of(&events, "env");
    assert!(
        failure
            .message
            .starts_with("environment variable DX_TEST_NEVER_SET_VARIABLE is not set"),
        "{}",
        failure.message
    );
}

/// A trainee who skips the steps named and quits at the step given.
struct Trainee {
    skip: Vec<usize>,
    quit_at: Option<usize>,
}

impl StepGate<FakePage> for Trainee {
    async fn before_step(&mut self, _page: &FakePage, step: StepContext<'_>) -> GateVerdict {
        let decision = if self.skip.contains(&step.number) {
            GateDecision::Skip
        } else if self.quit_at == Some(step.number) {
            GateDecision::Quit
        } else {
            GateDecision::Act
        };
        GateVerdict {
            decision,
            highlight: None,
        }
    }
}

#[tokio::test]
async fn a_step_the_gate_skips_is_not_performed_and_quitting_ends_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let plan = two_lessons(dir.path());
    let mut browser = FakeBrowser::default();
    let mut trainee = Trainee {
        skip: vec![2],
        quit_at: Some(4),
    };
    let (events, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut trainee).await;
    assert_eq!(
        outline(&events),
        [
            "run 2",
            "start create",
            "  step 1",
            "  step 1 passed",
            "  step 2",
            "  step 2 skipped",
            "  step 3",
            "  step 3 passed",
            "  step 4",
            "  step 4 interrupted",
            "end create Interrupted",
            "not run browse",
            "done Some(Quit)",
        ]
    );
    assert!(!browser.calls().iter().any(|c| c.starts_with("goto")));
    assert!(!browser.calls().iter().any(|c| c.starts_with("fill")));
    assert_eq!(stats.interrupted, 1);
}

#[tokio::test]
async fn a_failure_on_a_page_served_with_an_error_status_says_the_status_first() {
    let dir = tempfile::tempdir().unwrap();
    let steps = LOGIN_AND_CREATE.replace("/admin/participatory_processes", "/broken/processes");
    let plan = plan(vec![scenario("create", true, &steps)], dir.path());
    let mut browser = FakeBrowser::with(&[("click", Behaviour::Fail("no link New process"))]);
    let (events, _) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;
    let EventKind::ScenarioFinished {
        failure: Some(failure),
        ..
    } = finished(&events, "create")
    else {
        panic!("no failure")
    };
    assert!(
        failure
            .message
            .starts_with("HTTP 500 at /broken/processes: no link New process"),
        "{}",
        failure.message
    );
}

/// A scenario that only reads, whose one step goes to `url`.
fn reader(id: &str, url: &str) -> Scenario {
    scenario(
        id,
        false,
        &format!(
            "[[steps]]\naction = \"goto\"\nurl = \"{url}\"\nnarration = {{ en = \"Go.\", fr = \"Aller.\" }}\n"
        ),
    )
}

/// Run `plan` on `jobs` workers sharing one fake browser's rules and journal.
async fn run_on_workers(plan: &RunPlan, browser: &FakeBrowser, jobs: usize) -> Vec<RunEvent> {
    let workers = (0..jobs)
        .map(|_| Worker {
            sessions: browser.clone(),
            gate: NoGate,
        })
        .collect();
    let mut events = Vec::new();
    let cancel = Cancel::new();
    let run = dispatch(plan, workers, &mut events, &cancel);
    tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("the run ended");
    events
}

#[tokio::test]
async fn a_scenario_that_fails_then_passes_on_a_retry_is_flaky_and_its_retry_has_fresh_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = plan(vec![scenario("create", true, LOGIN_AND_CREATE)], dir.path());
    plan.retries = 2;
    let left = Arc::new(std::sync::atomic::AtomicUsize::new(1));
    let mut browser = FakeBrowser::with(&[("click text", Behaviour::FailTimes(left))]);
    let (events, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;

    let outline = outline(&events);
    assert!(
        outline.contains(&"try 1 failed create".to_string()),
        "{outline:?}"
    );
    assert_eq!(outline[outline.len() - 2], "end create Flaky after 2");
    assert_eq!((stats.passed, stats.flaky, stats.failed), (0, 1, 0));
    assert!(stats.is_success(), "a flaky scenario passed");
    // The retry runs on a fresh session and names what it creates apart from the first try.
    let journal = browser.journal.lock().unwrap();
    assert_eq!(journal.opened, 2);
    assert!(journal
        .calls
        .iter()
        .any(|c| c.ends_with("with Process k2x11t2")));
    // The first attempt's evidence is kept where the second's would not overwrite it.
    assert!(dir.path().join("failures/create/03-click.png").is_file());
}

#[tokio::test]
async fn a_scenario_that_fails_every_attempt_fails_once_and_keeps_each_attempts_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = plan(vec![scenario("create", true, LOGIN_AND_CREATE)], dir.path());
    plan.retries = 1;
    let mut browser = FakeBrowser::with(&[("click text", Behaviour::Fail("no such button"))]);
    let (events, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;

    let outline = outline(&events);
    assert_eq!(outline[outline.len() - 2], "end create Failed after 2");
    assert_eq!((stats.passed, stats.flaky, stats.failed), (0, 0, 1));
    assert!(dir.path().join("failures/create/03-click.png").is_file());
    assert!(dir
        .path()
        .join("failures/create/try-2/03-click.png")
        .is_file());
    let failure = failure_of(&events, "create");
    assert_eq!(
        failure.screenshot.as_deref(),
        Some(Path::new("failures/create/try-2/03-click.png"))
    );
}

#[tokio::test]
async fn without_retries_a_failure_is_not_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(vec![scenario("create", true, LOGIN_AND_CREATE)], dir.path());
    let left = Arc::new(std::sync::atomic::AtomicUsize::new(1));
    let mut browser = FakeBrowser::with(&[("click text", Behaviour::FailTimes(left))]);
    let (_, stats) = run_on(&plan, &mut browser, &Cancel::new(), &mut NoGate).await;
    assert_eq!((stats.flaky, stats.failed), (0, 1));
}

#[tokio::test]
async fn two_workers_run_readers_side_by_side_and_report_each_scenario_whole() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan(
        vec![reader("a", "/slow/a"), reader("b", "/slow/b")],
        dir.path(),
    );
    let browser = FakeBrowser::with(&[("goto /slow", Behaviour::Slow(150))]);
    let events = run_on_workers(&plan, &browser, 2).await;

    // Both began before either ended: they ran at the same time.
    let calls: Vec<String> = browser
        .calls()
        .into_iter()
        .filter(|c| c.starts_with("goto"))
        .collect();
    assert_eq!(
        calls,
        [
            "goto /slow/a",
            "goto /slow/b",
            "goto /slow/a done",
            "goto /slow/b done"
        ]
    );
    // Each scenario's events arrive together, from its start to its end.
    let outline = outline(&events);
    for id in ["a", "b"] {
        let start = outline
            .iter()
            .position(|l| *l == format!("start {id}"))
            .unwrap();
        assert_eq!(
            outline[start..start + 4],
            [
                format!("start {id}"),
                "  step 1".to_string(),
                "  step 1 passed".to_string(),
                format!("end {id} Passed")
            ]
        );
    }
    assert_eq!(outline.last().unwrap(), "done None");
    let journal = browser.journal.lock().unwrap();
    assert_eq!((journal.opened, journal.closed), (2, 2));
}

#[tokio::test]
async fn writers_of_the_same_feature_never_run_at_the_same_time() {
    let dir = tempfile::tempdir().unwrap();
    let writer = |id: &str| {
        let mut s = reader(id, &format!("/slow/{id}"));
        s.writes = true;
        s.features = vec!["org.appearance.edit".into()];
        s
    };
    let plan = plan(vec![writer("a"), writer("b")], dir.path());
    let browser = FakeBrowser::with(&[("goto /slow", Behaviour::Slow(50))]);
    run_on_workers(&plan, &browser, 2).await;
    let calls: Vec<String> = browser
        .calls()
        .into_iter()
        .filter(|c| c.starts_with("goto"))
        .collect();
    assert_eq!(
        calls,
        [
            "goto /slow/a",
            "goto /slow/a done",
            "goto /slow/b",
            "goto /slow/b done"
        ]
    );
}

#[tokio::test]
async fn fail_fast_with_two_workers_lets_the_running_one_finish_and_starts_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan = plan(
        vec![
            reader("a", "/broken/a"),
            reader("b", "/slow/b"),
            reader("c", "/c"),
        ],
        dir.path(),
    );
    plan.fail_fast = true;
    let browser = FakeBrowser::with(&[
        ("goto /broken", Behaviour::Fail("boom")),
        ("goto /slow", Behaviour::Slow(100)),
    ]);
    let events = run_on_workers(&plan, &browser, 2).await;
    let outline = outline(&events);
    assert!(outline.contains(&"end a Failed".to_string()), "{outline:?}");
    assert!(outline.contains(&"end b Passed".to_string()), "{outline:?}");
    assert!(outline.contains(&"not run c".to_string()), "{outline:?}");
    assert_eq!(outline.last().unwrap(), "done Some(FailFast)");
}
