//! [`RunPlan`]: everything a run needs, resolved and checked before any browser starts.

pub mod decidim_version;
pub mod partition;

use crate::driver::BrowserOptions;
pub use crate::driver::WebDriverSource;
use crate::scenario::Scenario;
use crate::secret::Credentials;
use std::path::PathBuf;
use std::time::Duration;

/// Whether the target is our replica or a real Decidim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// The built-in replica: writes are harmless.
    Replica,
    /// A real instance: writes need `--allow-writes`.
    Real,
}

/// A resolved run.
#[derive(Debug, Clone)]
pub struct RunPlan {
    /// Scenarios, in order.
    pub scenarios: Vec<Scenario>,
    /// Base URL of the target.
    pub base_url: url::Url,
    /// Replica or real instance.
    pub target: TargetKind,
    /// Admin credentials.
    pub credentials: Option<Credentials>,
    /// Run scenarios that write, even on a real instance.
    pub allow_writes: bool,
    /// Default step timeout.
    pub step_timeout: Duration,
    /// The run folder.
    pub out_dir: PathBuf,
    /// Identifier of the run.
    pub run_id: String,
    /// Short random token for `{{uid}}` (letters and digits, starts with a letter).
    pub run_token: String,
    /// Narration locale for human output.
    pub locale: String,
    /// Stop after the first failed scenario.
    pub fail_fast: bool,
    /// Scenarios run at the same time, each worker on a browser session of its own (`--jobs`).
    pub jobs: usize,
    /// How many times a failed scenario is tried again on a fresh session (`--retries`).
    pub retries: u32,
    /// Where sessions come from.
    pub webdriver: WebDriverSource,
    /// How to start the browser.
    pub browser: BrowserOptions,
    /// Feature id → where the notice given with `--notice` documents it.
    pub notice: std::collections::BTreeMap<String, crate::events::NoticeRef>,
    /// The order and areas of the lessons (the handbook follows it).
    pub learning_path: crate::scenario::learning_path::LearningPath,
    /// Make an animation of each lesson in the handbook.
    pub video: bool,
    /// The handbook's name for the target when it is the built-in replica, in the run's language.
    pub replica_name: Option<String>,
    /// The Decidim version the target says it runs (its API documentation page), if it says.
    pub decidim_version: Option<String>,
}

impl RunPlan {
    /// The values no artifact may show: the password, and what `fill` steps read from the
    /// environment (`value = { env = "…" }`: a token, another account's password).
    pub fn secrets(&self) -> Vec<crate::secret::Secret> {
        let mut secrets: Vec<_> = self
            .credentials
            .iter()
            .map(|c| c.password.clone())
            .collect();
        for step in self.scenarios.iter().flat_map(|s| &s.steps) {
            if let crate::scenario::Action::Fill {
                value: crate::scenario::Value::Env(name),
                ..
            } = &step.action
            {
                if let Ok(value) = std::env::var(name) {
                    secrets.push(crate::secret::Secret::new(value));
                }
            }
        }
        secrets
    }

    /// Why `scenario` must not run on this target, if it must not.
    pub fn skip_reason(&self, scenario: &Scenario) -> Option<String> {
        if scenario.writes && self.target == TargetKind::Real && !self.allow_writes {
            return Some("writes data; pass --allow-writes to run it on a real instance".into());
        }
        let needs_login = scenario
            .steps
            .iter()
            .any(|s| matches!(s.action, crate::scenario::Action::Login));
        if needs_login && self.credentials.is_none() {
            return Some("needs admin credentials (DECIDIM_EMAIL / DECIDIM_PASSWORD)".into());
        }
        None
    }
}

/// A short token unique enough for one run: a letter then five base-36 characters.
pub fn new_run_token() -> String {
    use rand::Rng;
    const ALPHA: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    let mut s = String::new();
    s.push(ALPHA[rng.gen_range(0..ALPHA.len())] as char);
    for _ in 0..5 {
        s.push(ALNUM[rng.gen_range(0..ALNUM.len())] as char);
    }
    s
}
