//! Command-line arguments as typed (clap). Resolution into a run plan happens in `commands`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Drive a real browser through Decidim's admin: lessons, notice-gap reports, smoke tests.
#[derive(Debug, Parser)]
#[command(name = "decidim-explorer", version, about)]
pub struct Cli {
    /// More logging on stderr (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once; boxing would only add noise
pub enum Command {
    /// Run scenarios in a real browser (against the built-in replica unless --base-url is given).
    Run(RunArgs),
    /// Follow a lesson step by step: each target highlighted and explained, you press Enter to act.
    Guide(GuideArgs),
    /// Validate scenario files without a browser.
    Check(CheckArgs),
    /// Print the JSON Schema of the scenario format.
    Schema,
    /// Serve the replica of Decidim 0.29's admin for offline practice.
    Replica(ReplicaArgs),
    /// List the scenarios (lessons): title, tags, features, whether they write data.
    List(ListArgs),
    /// Print the feature catalogue with the scenarios covering each feature, and the share covered.
    Features(FeaturesArgs),
    /// Crawl the admin (GET only) and write inventory.json: pages, forms, fields, features.
    Inventory(InventoryArgs),
    /// Compare an admin manual with the catalogue (and an inventory): what the notice does not cover.
    Gap(GapArgs),
    /// Run scenarios N rounds in a row on one target and report the flaky steps.
    Stability(StabilityArgs),
    /// Work on the reports of finished runs (`report merge`: join the shards of a suite).
    #[command(subcommand)]
    Report(ReportCommand),
}

/// When `gap` should fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// A feature of the instance is missing from the notice.
    Missing,
    /// A feature is missing or only mentioned.
    Partial,
}

/// `gap` arguments.
#[derive(Debug, Args)]
pub struct GapArgs {
    /// The notice: an Antora tree, a folder of HTML pages, Markdown files, or the URL of an HTML
    /// documentation site (crawled within its prefix).
    #[arg(long)]
    pub notice: PathBuf,
    /// Where the (Antora) notice is published, e.g. https://docs.decidim.org/en/v0.28: sections
    /// link to its pages. Default: read from antora.yml and the playbook above it, else the files.
    #[arg(long)]
    pub notice_site: Option<String>,
    /// An answer key (TOML: per feature the expected status and section): print precision and
    /// recall per status, the confusion and the wrong sections; write evaluation.json.
    #[arg(long)]
    pub evaluate: Option<PathBuf>,
    /// Leave this page of the notice out (its path inside the manual, as in an answer key): the
    /// features it documented should turn missing. Repeatable.
    #[arg(long = "drop-page")]
    pub drop_pages: Vec<String>,
    /// inventory.json from `decidim-explorer inventory` (UI fields, screenshots, instance features).
    #[arg(long)]
    pub inventory: Option<PathBuf>,
    /// Folder holding the feature catalogue.
    #[arg(long, default_value = "scenarios")]
    pub scenario_dir: PathBuf,
    /// Where to write gap-report.{md,html,json} and remarks.md (default: next to the inventory, else target/decidim-explorer/gap).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Exit with 1 when gaps of this kind exist (for CI).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
}

/// `inventory` arguments.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct InventoryArgs {
    /// `diff OLD NEW`: compare two inventories instead of crawling.
    #[command(subcommand)]
    pub action: Option<InventoryAction>,
    /// Most pages to visit (one per URL pattern).
    #[arg(long, default_value_t = 400)]
    pub max_pages: usize,
    /// Most links away from /admin.
    #[arg(long, default_value_t = 6)]
    pub max_depth: usize,
    /// Accept the admin terms if the account has not (a PUT that changes the account; without
    /// it the crawl stops there and says so, and sends no request but the sign-in).
    #[arg(long)]
    pub accept_admin_terms: bool,
    /// Show the browser window.
    #[arg(long)]
    pub headed: bool,
    /// Target, browser, output (the scenario folder holds the feature catalogue).
    #[command(flatten)]
    pub session: SessionArgs,
}

/// What `inventory` does besides crawling.
#[derive(Debug, Subcommand)]
pub enum InventoryAction {
    /// What changed between two inventories (pages, fields, row actions, tabs, component types),
    /// and with --notice the manual's sections each change asks to revise.
    Diff(InventoryDiffArgs),
}

/// `inventory diff` arguments.
#[derive(Debug, Args)]
pub struct InventoryDiffArgs {
    /// The older inventory.json (or the folder holding it).
    pub old: PathBuf,
    /// The newer inventory.json (or the folder holding it).
    pub new: PathBuf,
    /// An admin manual: list the sections to revise for each change.
    #[arg(long)]
    pub notice: Option<PathBuf>,
    /// Folder holding the feature catalogue.
    #[arg(long, default_value = "scenarios")]
    pub scenario_dir: PathBuf,
    /// Language of the report (default: the notice's, else en).
    #[arg(long)]
    pub lang: Option<String>,
    /// Write inventory-diff.md and inventory-diff.json here instead of printing the Markdown.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `list` arguments.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Folder holding the scenario files.
    #[arg(long, default_value = "scenarios")]
    pub scenario_dir: PathBuf,
    /// Language of titles (en, fr).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Only scenarios carrying one of these tags.
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `features` arguments.
#[derive(Debug, Args)]
pub struct FeaturesArgs {
    /// Folder holding the scenario files and `_catalogue.toml`.
    #[arg(long, default_value = "scenarios")]
    pub scenario_dir: PathBuf,
    /// Language of feature names (en, fr).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Count only scenarios that passed in this run folder (its summary.json).
    #[arg(long)]
    pub from_run: Option<PathBuf>,
    /// Only features no scenario exercises.
    #[arg(long)]
    pub missing: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Target, browser and output options shared by `run` and `guide`.
#[derive(Debug, Clone, Args)]
pub struct SessionArgs {
    /// Folder holding the scenario files.
    #[arg(long, default_value = "scenarios")]
    pub scenario_dir: PathBuf,
    /// Target a real Decidim instance, e.g. https://demo.decidim.opensourcepolitics.eu
    #[arg(long, env = "DECIDIM_BASE_URL")]
    pub base_url: Option<String>,
    /// Run scenarios that write data, even on a real instance.
    #[arg(long)]
    pub allow_writes: bool,
    /// Use an existing WebDriver endpoint instead of starting chromedriver.
    #[arg(long, env = "WEBDRIVER_URL")]
    pub webdriver: Option<String>,
    /// chromedriver binary (default: $CHROMEDRIVER, then PATH).
    #[arg(long)]
    pub chromedriver: Option<PathBuf>,
    /// Chromium binary (default: $CHROMIUM, then PATH).
    #[arg(long)]
    pub chromium: Option<PathBuf>,
    /// Run folder (default: target/decidim-explorer/runs/<run id>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Default time a step may wait for its target, e.g. 10s.
    #[arg(long, default_value = "10s", value_parser = explorer::scenario::timeout::parse_timeout)]
    pub timeout: std::time::Duration,
    /// Browser language sent to the site (Accept-Language), e.g. fr-FR,fr (default: the run's
    /// language, `--lang`; English for `inventory`).
    #[arg(long)]
    pub browser_lang: Option<String>,
    /// Which Decidim the built-in replica imitates: `osp` (the OSP demo, the home target) or `core`
    /// (Decidim 0.29.5 as released).
    #[arg(long, value_enum, default_value_t = ReplicaFlavour::Osp)]
    pub replica_flavour: ReplicaFlavour,
    /// Default locale of the built-in replica's organization (default: the flavour's, fr for osp, en for core).
    #[arg(long)]
    pub replica_locale: Option<String>,
}

/// `--replica-flavour`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReplicaFlavour {
    /// Decidim 0.29.5 as released.
    Core,
    /// The OSP demo: Decidim 0.29.5 + OpenSourcePolitics/decidim-app and its modules.
    Osp,
}

impl ReplicaFlavour {
    /// The replica's flavour.
    pub fn flavour(self) -> replica::Flavour {
        match self {
            ReplicaFlavour::Core => replica::Flavour::Core,
            ReplicaFlavour::Osp => replica::Flavour::Osp,
        }
    }
}

/// `run` arguments.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario files, folders, or ids; an id may be a pattern, e.g. 'process-*' (default: the
    /// scenarios/ folder).
    pub scenarios: Vec<String>,
    /// Only scenarios carrying one of these tags (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// Only scenarios exercising one of these catalogue features; a pattern may be given, e.g.
    /// 'process.*' (repeatable).
    #[arg(long = "feature")]
    pub features: Vec<String>,
    /// Only the scenarios that failed in the last run here (recorded in
    /// $DECIDIM_EXPLORER_LAST_FAILED, else target/decidim-explorer/last-failed.json).
    #[arg(long)]
    pub last_failed: bool,
    /// Run this share of the suite: K/N (or count:K/N: round-robin by id) or hash:K/N (by a hash
    /// of the id), the same on every CI machine.
    #[arg(long, value_name = "K/N")]
    pub partition: Option<explorer::plan::partition::Partition>,
    /// Scenarios run at the same time, each worker with its own browser (default: the number of
    /// cores). Scenarios that change the same data never run together.
    #[arg(long, short = 'j', env = "DECIDIM_EXPLORER_JOBS", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: Option<u16>,
    /// Try a failed scenario again, on a fresh session, up to N more times; one that then passes
    /// is reported flaky.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub retries: u32,
    /// Fail the run when a scenario was flaky (passed only on a retry).
    #[arg(long)]
    pub fail_on_flaky: bool,
    /// When the run is over, post its outcome to this Rocket.Chat incoming webhook (its URL holds
    /// a token: prefer the environment variable; the URL is never printed).
    #[arg(long, env = "DECIDIM_EXPLORER_ROCKETCHAT_URL", hide_env_values = true)]
    pub notify_rocketchat: Option<String>,
    /// Target, browser, output.
    #[command(flatten)]
    pub session: SessionArgs,
    /// Show the browser window.
    #[arg(long)]
    pub headed: bool,
    /// Language of narration in the terminal and the handbook (en, fr).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Stop after the first failed scenario.
    #[arg(long)]
    pub fail_fast: bool,
    /// Succeed even when every scenario was skipped (by default a run that tested nothing fails).
    #[arg(long)]
    pub allow_empty: bool,
    /// Also make an animation of each lesson (handbook/video/<lesson>.webp).
    #[arg(long)]
    pub video: bool,
    /// Print every step, not only failures.
    #[arg(long)]
    pub steps: bool,
    /// An admin manual (Antora tree, HTML pages, Markdown): the handbook links each lesson to
    /// the section that documents its features, or says the manual is silent.
    #[arg(long)]
    pub notice: Option<PathBuf>,
}

/// `stability` arguments.
#[derive(Debug, Args)]
pub struct StabilityArgs {
    /// Scenario files, folders, or ids (default: the scenarios/ folder).
    pub scenarios: Vec<String>,
    /// Only scenarios carrying one of these tags (repeatable).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// How many rounds.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
    pub rounds: u16,
    /// Keep the run folder of every round (by default only rounds with a failure are kept).
    #[arg(long)]
    pub keep_rounds: bool,
    /// Language of the report (en, fr).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Target, browser, output.
    #[command(flatten)]
    pub session: SessionArgs,
}

/// `guide` arguments.
#[derive(Debug, Args)]
pub struct GuideArgs {
    /// The lesson (scenario id or file); without it, a menu lets you pick one.
    pub scenario: Option<String>,
    /// Language of the explanations (fr, en).
    #[arg(long, default_value = "fr")]
    pub lang: String,
    /// Run unattended: wait this long on each explanation instead of waiting for Enter (e.g. 3s).
    #[arg(long, value_parser = explorer::scenario::timeout::parse_pace)]
    pub pace: Option<std::time::Duration>,
    /// Stay headless even when a display is available.
    #[arg(long)]
    pub headless: bool,
    /// Also make an animation of the lesson (handbook/video/<lesson>.webp).
    #[arg(long)]
    pub video: bool,
    /// An admin manual: each step shows the section documenting the feature at hand (or says
    /// the manual is silent), and so does the handbook.
    #[arg(long)]
    pub notice: Option<PathBuf>,
    /// Where the lessons already done are kept (default: $DECIDIM_EXPLORER_PROGRESS, else
    /// $XDG_STATE_HOME/decidim-explorer/progress.json, else ~/.local/state/…).
    #[arg(long)]
    pub progress: Option<PathBuf>,
    /// Target, browser, output.
    #[command(flatten)]
    pub session: SessionArgs,
}

/// `check` arguments.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario files or folders (default: scenarios/).
    pub paths: Vec<PathBuf>,
}

/// `replica` arguments.
#[derive(Debug, Args)]
pub struct ReplicaArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Default locale of the organization (en or fr; default: the flavour's).
    #[arg(long)]
    pub locale: Option<String>,
    /// Which Decidim to imitate: `osp` (the OSP demo) or `core` (Decidim 0.29.5).
    #[arg(long = "replica-flavour", visible_alias = "flavour", value_enum, default_value_t = ReplicaFlavour::Osp)]
    pub flavour: ReplicaFlavour,
}

/// `report` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ReportCommand {
    /// Join the run folders of a suite's shards (`run --partition K/N`) into one set of reports:
    /// summary.json, junit.xml, events.jsonl, report.html, with each shard's pictures copied.
    Merge(MergeArgs),
}

/// `report merge` arguments.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' run folders (each with its events.jsonl).
    #[arg(required = true)]
    pub runs: Vec<PathBuf>,
    /// Where the merged reports go.
    #[arg(long)]
    pub out: PathBuf,
}
