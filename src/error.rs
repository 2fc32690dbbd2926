//! The binary's errors: one type per operation, and the one place they become exit codes.
//!
//! Commands do the work and return their failures as values; `main` prints the error once,
//! with its causes ([`explorer::runner::error_chain`]), and exits with [`Error::exit_code`].
//! Context (the file, the URL, the scenario id) lives in fields; the cause is the error's
//! `source()`, never repeated in its message. Errors of the library (driver, reporters,
//! catalogue, notice) are kept as sources, not copied.
//!
//! What a command prints while it works (progress, warnings, the caret diagnostics of scenario
//! files) is output, not an error; the error is the one line that says why the exit code is
//! not 0.

use crate::cli::FailOn;
use explorer::analysis::catalogue::CatalogueError;
use explorer::analysis::notice::NoticeError;
use explorer::driver::DriverError;
use explorer::events::RunStats;
use explorer::reporters::ReportError;
use std::io;
use std::path::PathBuf;
use thiserror::Error;

/// Exit codes, as documented in the README ("Exit codes").
pub mod exit_code {
    /// Everything passed.
    pub const OK: u8 = 0;
    /// Some scenario failed (or did not finish), or all were skipped; `gap --fail-on` found
    /// gaps; the inventory
    /// crawl failed on the admin's side (e.g. the login was refused).
    pub const FAILED: u8 = 1;
    /// Bad arguments, scenario files, catalogue, notice or input files.
    pub const USAGE: u8 = 2;
    /// The environment: no chromedriver/chromium, the browser was lost (inventory), the replica cannot
    /// start, an output file or folder cannot be written (including a report of a run).
    pub const ENVIRONMENT: u8 = 3;
    /// Ctrl-C.
    pub const INTERRUPTED: u8 = 130;
}

/// Any failure of a command. Transparent: message and causes are the operation's.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// Choosing or validating scenario files.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Preparing a run: browser, target, run folder, reports.
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// A run (or a guided lesson) that did not end well.
    #[error(transparent)]
    Run(#[from] RunError),
    /// A combination of arguments that cannot work.
    #[error(transparent)]
    Usage(#[from] UsageError),
    /// `gap`.
    #[error(transparent)]
    Gap(#[from] GapError),
    /// `inventory` and `inventory diff`.
    #[error(transparent)]
    Inventory(#[from] InventoryError),
    /// `features`.
    #[error(transparent)]
    Features(#[from] FeaturesError),
    /// `replica`.
    #[error(transparent)]
    Serve(#[from] ServeError),
    /// `stability`.
    #[error(transparent)]
    Stability(#[from] StabilityError),
    /// `report merge`.
    #[error(transparent)]
    Merge(#[from] MergeError),
}

impl Error {
    /// The process exit code for this error: the only place errors become codes.
    pub fn exit_code(&self) -> u8 {
        use exit_code::*;
        match self {
            Error::Load(_) | Error::Usage(_) | Error::Features(_) => USAGE,
            Error::Plan(e) => match e {
                PlanError::BaseUrl { .. }
                | PlanError::NoCredentials
                | PlanError::Credentials(_)
                | PlanError::Catalogue(_)
                | PlanError::Notice(_) => USAGE,
                PlanError::Program(_)
                | PlanError::Replica(_)
                | PlanError::RunFolder { .. }
                | PlanError::Reports(_) => ENVIRONMENT,
            },
            Error::Run(e) => match e {
                RunError::Interrupted { .. } => INTERRUPTED,
                RunError::ReportsNotWritten { .. } => ENVIRONMENT,
                RunError::ScenariosFailed { .. }
                | RunError::NothingTested { .. }
                | RunError::FlakyNotAllowed { .. } => FAILED,
            },
            Error::Gap(e) => match e {
                GapError::Catalogue(_)
                | GapError::Inventory(_)
                | GapError::Notice(_)
                | GapError::UnknownDropPage { .. }
                | GapError::AnswerKey { .. } => USAGE,
                GapError::CreateDir { .. }
                | GapError::Template(_)
                | GapError::CopyImages { .. }
                | GapError::Write { .. } => ENVIRONMENT,
                GapError::GapsFound { .. } => FAILED,
            },
            Error::Inventory(e) => match e {
                InventoryError::Catalogue(_)
                | InventoryError::NoCredentials
                | InventoryError::Read(_)
                | InventoryError::Notice(_) => USAGE,
                InventoryError::Interrupted { .. } => INTERRUPTED,
                InventoryError::Crawl { source, .. } if source.is_browser_lost() => ENVIRONMENT,
                InventoryError::Crawl { .. } => FAILED,
                InventoryError::Write { .. } | InventoryError::WriteDiff { .. } => ENVIRONMENT,
            },
            Error::Serve(_) => ENVIRONMENT,
            Error::Stability(e) => match e {
                StabilityError::Interrupted { .. } => INTERRUPTED,
                StabilityError::Unstable { .. } | StabilityError::NothingRan => FAILED,
                StabilityError::Write { .. } | StabilityError::RoundReports(_) => ENVIRONMENT,
            },
            Error::Merge(e) => match e {
                MergeError::Shards(_) => USAGE,
                MergeError::Write(_) => ENVIRONMENT,
                MergeError::Failed { .. } => FAILED,
            },
        }
    }
}

/// "1 file", "2 files".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ───────────────────────────── scenario files ─────────────────────────────

/// Scenario files could not be chosen or are not valid.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The files and folders given could not be listed.
    #[error("cannot list scenario files in {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    List {
        /// What was given.
        paths: Vec<PathBuf>,
        /// Why.
        source: io::Error,
    },
    /// The files and folders given hold no scenario file.
    #[error("no scenario file (*.toml) in {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    NoScenarioFiles {
        /// What was given.
        paths: Vec<PathBuf>,
    },
    /// Files have problems; each was printed above as a diagnostic.
    #[error("{} in {}", plural(*problems, "problem", "problems"), plural(*files, "file", "files"))]
    Invalid {
        /// Problems found.
        problems: usize,
        /// Files read.
        files: usize,
    },
    /// Scenario files have problems, so nothing runs; each was printed above.
    #[error(
        "{} in the scenario files above: fix them (decidim-explorer check) before running",
        plural(*problems, "problem", "problems")
    )]
    NotRunnable {
        /// Problems found.
        problems: usize,
    },
    /// A name is neither a file nor the id of a scenario.
    #[error("no scenario file or id `{name}`{}", did_you_mean(nearest.as_deref()))]
    UnknownScenario {
        /// The name given.
        name: String,
        /// The closest id, if one is close.
        nearest: Option<String>,
    },
    /// The names and tags given select nothing.
    #[error("no scenario selected")]
    NoneSelected,
    /// This shard of the suite is empty (more shards than scenarios selected).
    #[error(
        "shard {partition} gets none of the {} selected; pass --allow-empty if that is expected",
        plural(*selected, "scenario", "scenarios")
    )]
    EmptyShard {
        /// The `--partition` given.
        partition: String,
        /// Scenarios selected before the partition.
        selected: usize,
    },
    /// `--last-failed`, and the last run recorded no failure.
    #[error("--last-failed: {} records no failed scenario (the last run passed, or none ran here); pass --allow-empty if that is expected", path.display())]
    NoLastFailed {
        /// The record read.
        path: std::path::PathBuf,
    },
}

fn did_you_mean(nearest: Option<&str>) -> String {
    nearest
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default()
}

// ───────────────────────────── merging shards ─────────────────────────────

/// `report merge` did not give a green suite.
#[derive(Debug, Error)]
pub enum MergeError {
    /// The folders given are not shards of one suite, or cannot be read.
    #[error(transparent)]
    Shards(explorer::reporters::merge::MergeError),
    /// A merged report could not be written.
    #[error(transparent)]
    Write(explorer::reporters::merge::MergeError),
    /// Merged, and the suite did not pass.
    #[error("merged: {}", not_passed(stats))]
    Failed {
        /// The merged totals.
        stats: RunStats,
    },
}

impl From<explorer::reporters::merge::MergeError> for MergeError {
    fn from(e: explorer::reporters::merge::MergeError) -> Self {
        use explorer::reporters::merge::MergeError as M;
        match e {
            M::Io { .. } | M::Report(_) => MergeError::Write(e),
            _ => MergeError::Shards(e),
        }
    }
}

// ───────────────────────────── preparing a run ─────────────────────────────

/// A run could not be prepared: nothing has started in a browser yet.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PlanError {
    /// chromedriver or chromium is missing.
    #[error(transparent)]
    Program(DriverError),
    /// `--base-url` is not a URL.
    #[error("--base-url {url:?} is not a URL")]
    BaseUrl {
        /// What was given.
        url: String,
        /// Why.
        source: url::ParseError,
    },
    /// Scenarios log in, and neither the environment nor a terminal gives the credentials.
    #[error("the scenarios log in: set DECIDIM_EMAIL and DECIDIM_PASSWORD (there is no terminal to ask for them)")]
    NoCredentials,
    /// The credentials could not be read (environment or prompt).
    #[error("cannot read credentials")]
    Credentials(#[source] io::Error),
    /// The built-in replica could not start.
    #[error("cannot start the replica")]
    Replica(#[source] io::Error),
    /// The run folder could not be created.
    #[error("cannot create the run folder {}", path.display())]
    RunFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The catalogue (needed by `--notice`) could not be read.
    #[error(transparent)]
    Catalogue(CatalogueError),
    /// The manual given with `--notice` could not be read.
    #[error("--notice")]
    Notice(#[source] NoticeError),
    /// A report file could not be created before the run.
    #[error("cannot start the reports")]
    Reports(#[source] ReportError),
}

// ───────────────────────────── after a run ─────────────────────────────

/// A run that did not end well. The run itself went to its end (or to Ctrl-C): the terminal
/// output and every report that could be written are there.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum RunError {
    /// Ctrl-C.
    #[error("interrupted{}", unwritten.besides())]
    Interrupted {
        /// Reports that could not be written as well (the run folder is incomplete).
        #[source]
        unwritten: UnwrittenReports,
    },
    /// Some report files could not be written: the run's record is incomplete.
    #[error("the run finished, but {unwritten}{}", and_not_passed(stats))]
    ReportsNotWritten {
        /// Which, and why.
        #[source]
        unwritten: UnwrittenReports,
        /// How the run went.
        stats: RunStats,
    },
    /// Some scenario failed or did not finish (its browser was lost).
    #[error("{}", not_passed(stats))]
    ScenariosFailed {
        /// How the run went.
        stats: RunStats,
    },
    /// `--fail-on-flaky`, and a scenario passed only on a retry.
    #[error(
        "{} flaky (passed only on a retry) and --fail-on-flaky is set",
        plural(stats.flaky, "scenario was", "scenarios were")
    )]
    FlakyNotAllowed {
        /// How the run went.
        stats: RunStats,
    },
    /// Every scenario was skipped: a run that tested nothing is not green.
    #[error("nothing was tested: {} skipped", plural(stats.skipped, "scenario", "scenarios"))]
    NothingTested {
        /// How the run went.
        stats: RunStats,
    },
}

impl RunError {
    /// How a finished run ends: interrupted first, then unwritten reports, then failures.
    /// `errors` are the reporters' ([`explorer::reporters::Reporters::into_errors`]).
    pub fn check(
        stats: RunStats,
        cancelled: bool,
        errors: Vec<ReportError>,
    ) -> Result<(), RunError> {
        let unwritten = UnwrittenReports(errors);
        if cancelled {
            Err(RunError::Interrupted { unwritten })
        } else if !unwritten.is_empty() {
            Err(RunError::ReportsNotWritten { unwritten, stats })
        } else if stats.tested_nothing() {
            Err(RunError::NothingTested { stats })
        } else if !stats.is_success() {
            Err(RunError::ScenariosFailed { stats })
        } else {
            Ok(())
        }
    }
}

/// "1 failed, 2 did not finish of 5 scenarios".
fn not_passed(stats: &RunStats) -> String {
    let mut parts = Vec::new();
    if stats.failed > 0 {
        parts.push(format!("{} failed", stats.failed));
    }
    if stats.interrupted > 0 {
        parts.push(format!("{} did not finish", stats.interrupted));
    }
    format!(
        "{} of {}",
        parts.join(", "),
        plural(stats.total, "scenario", "scenarios")
    )
}

fn and_not_passed(stats: &RunStats) -> String {
    if stats.failed + stats.interrupted == 0 {
        String::new()
    } else {
        format!(" (and {})", not_passed(stats))
    }
}

/// The report files a run could not write, the first error of each file
/// ([`explorer::reporters::Reporters`] keeps no more).
///
/// It is the cause of the run's error: its message counts the files, its own cause is the one
/// error when there is one, and with several the message lists each.
#[derive(Debug, Default)]
pub struct UnwrittenReports(Vec<ReportError>);

impl UnwrittenReports {
    /// No report failed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// "; besides, a report could not be written", or nothing.
    fn besides(&self) -> String {
        if self.is_empty() {
            String::new()
        } else {
            format!("; besides, {self}")
        }
    }
}

impl std::fmt::Display for UnwrittenReports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.as_slice() {
            [] => f.write_str("every report was written"),
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} reports could not be written:", many.len())?;
                for e in many {
                    write!(f, "\n  {}", explorer::runner::error_chain(e))?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for UnwrittenReports {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.0.as_slice() {
            [one] => Some(&one.source),
            _ => None,
        }
    }
}

// ───────────────────────────── arguments ─────────────────────────────

/// Arguments that clap accepts but that cannot work together.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum UsageError {
    /// `guide --pace` without a lesson: there is nobody to pick one from the menu.
    #[error("name a lesson when using --pace (see `decidim-explorer list`)")]
    PaceWithoutLesson,
}

// ───────────────────────────── input files ─────────────────────────────

/// A JSON file written by an earlier command (an inventory, a run summary) could not be read.
#[derive(Debug, Error)]
#[error("{}", self.describe())]
pub struct JsonFileError {
    /// The file.
    pub path: PathBuf,
    /// What it should be: "inventory", "run summary".
    pub what: &'static str,
    /// Why.
    #[source]
    pub kind: JsonFileErrorKind,
}

/// Why a [`JsonFileError`].
#[derive(Debug, Error)]
pub enum JsonFileErrorKind {
    /// It could not be read.
    #[error(transparent)]
    Read(io::Error),
    /// It is not the JSON expected.
    #[error(transparent)]
    Parse(serde_json::Error),
}

impl JsonFileError {
    /// `path`, a `what` file, could not be read.
    pub fn read(path: &std::path::Path, what: &'static str, e: io::Error) -> Self {
        let kind = JsonFileErrorKind::Read(e);
        JsonFileError {
            path: path.to_path_buf(),
            what,
            kind,
        }
    }

    /// `path` is not the `what` JSON expected.
    pub fn parse(path: &std::path::Path, what: &'static str, e: serde_json::Error) -> Self {
        let kind = JsonFileErrorKind::Parse(e);
        JsonFileError {
            path: path.to_path_buf(),
            what,
            kind,
        }
    }

    fn describe(&self) -> String {
        match self.kind {
            JsonFileErrorKind::Read(_) => {
                format!("cannot read the {} {}", self.what, self.path.display())
            }
            JsonFileErrorKind::Parse(_) => {
                format!("{}: not a valid {}", self.path.display(), self.what)
            }
        }
    }
}

// ───────────────────────────── gap ─────────────────────────────

/// `gap` could not compare the notice with the catalogue, or found gaps with `--fail-on`.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum GapError {
    /// The catalogue could not be read.
    #[error(transparent)]
    Catalogue(CatalogueError),
    /// `--inventory` could not be read.
    #[error("--inventory: {0}")]
    Inventory(#[source] JsonFileError),
    /// The notice could not be read.
    #[error(transparent)]
    Notice(NoticeError),
    /// `--drop-page` names no page of the notice.
    #[error("--drop-page: no such page in the notice: {pages:?}")]
    UnknownDropPage {
        /// The pages given.
        pages: Vec<String>,
    },
    /// `--evaluate`'s answer key could not be read.
    #[error("--evaluate: {message}")]
    AnswerKey {
        /// The file, position and problem (from the library).
        message: String,
    },
    /// The output folder could not be created.
    #[error("cannot create {}", path.display())]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The HTML report's template failed.
    #[error("gap report template")]
    Template(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The manual's screenshots could not be copied next to the report.
    #[error("cannot copy screenshots into {}", dir.display())]
    CopyImages {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A report file could not be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// `--fail-on` and such gaps exist (the report is written).
    #[error("{}", gaps_found(*fail_on, *missing, *partial))]
    GapsFound {
        /// The threshold given.
        fail_on: FailOn,
        /// Features of the instance missing from the notice.
        missing: usize,
        /// Features only mentioned.
        partial: usize,
    },
}

fn gaps_found(fail_on: FailOn, missing: usize, partial: usize) -> String {
    let missing = plural(missing, "feature", "features");
    match fail_on {
        FailOn::Missing => {
            format!("--fail-on missing: {missing} of the instance missing from the notice")
        }
        FailOn::Partial => format!(
            "--fail-on partial: {missing} missing from the notice, {partial} only mentioned"
        ),
    }
}

// ───────────────────────────── inventory ─────────────────────────────

/// `inventory` (crawl) or `inventory diff` failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum InventoryError {
    /// The catalogue could not be read.
    #[error(transparent)]
    Catalogue(CatalogueError),
    /// The crawl logs in, and no credentials were given.
    #[error("inventory needs admin credentials: set DECIDIM_EMAIL and DECIDIM_PASSWORD")]
    NoCredentials,
    /// Ctrl-C during the crawl.
    #[error("interrupted; the pages crawled until then are in {}", partial.display())]
    Interrupted {
        /// The partial `inventory.json`.
        partial: PathBuf,
    },
    /// The crawl failed in the browser.
    #[error("the crawl failed; the pages crawled until then are in {}", partial.display())]
    Crawl {
        /// The partial `inventory.json`.
        partial: PathBuf,
        /// What failed (boxed: the error enum stays small).
        source: Box<DriverError>,
    },
    /// `inventory.json` could not be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// `diff`: an inventory could not be read.
    #[error(transparent)]
    Read(JsonFileError),
    /// `diff --notice`: the notice could not be read.
    #[error(transparent)]
    Notice(NoticeError),
    /// `diff --out`: the diff could not be written.
    #[error("cannot write into {}", dir.display())]
    WriteDiff {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: io::Error,
    },
}

// ───────────────────────────── features, replica ─────────────────────────────

/// `features` could not read its inputs.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum FeaturesError {
    /// The catalogue could not be read.
    #[error(transparent)]
    Catalogue(CatalogueError),
    /// `--from-run`: the run's summary could not be read.
    #[error("--from-run: {0}")]
    FromRun(#[source] JsonFileError),
}

/// `replica` could not serve.
#[derive(Debug, Error)]
#[error("cannot serve the replica on 127.0.0.1:{port}")]
pub struct ServeError {
    /// The port asked for.
    pub port: u16,
    /// Why.
    pub source: io::Error,
}

#[cfg(test)]
mod tests {
    use super::*;
    use explorer::runner::error_chain;

    fn stats(passed: usize, failed: usize, interrupted: usize) -> RunStats {
        RunStats {
            total: passed + failed + interrupted,
            passed,
            failed,
            interrupted,
            ..RunStats::default()
        }
    }

    fn unwritable(file: &str) -> ReportError {
        ReportError {
            file: PathBuf::from(file),
            source: io::Error::from_raw_os_error(30), // EROFS
        }
    }

    fn code_of(e: impl Into<Error>) -> u8 {
        e.into().exit_code()
    }

    #[test]
    fn a_run_ends_interrupted_then_unwritten_then_failed_then_ok() {
        let check = |s, cancelled, errors| RunError::check(s, cancelled, errors).map_err(code_of);
        assert_eq!(check(stats(1, 0, 0), false, vec![]), Ok(()));
        assert_eq!(check(stats(0, 1, 0), false, vec![]), Err(exit_code::FAILED));
        assert_eq!(check(stats(0, 0, 1), false, vec![]), Err(exit_code::FAILED));
        let all_skipped = RunStats {
            total: 2,
            skipped: 2,
            ..RunStats::default()
        };
        assert_eq!(check(all_skipped, false, vec![]), Err(exit_code::FAILED));
        let junit = || vec![unwritable("run/junit.xml")];
        assert_eq!(
            check(stats(1, 0, 0), false, junit()),
            Err(exit_code::ENVIRONMENT)
        );
        assert_eq!(
            check(stats(0, 1, 0), false, junit()),
            Err(exit_code::ENVIRONMENT)
        );
        assert_eq!(
            check(stats(0, 1, 0), true, junit()),
            Err(exit_code::INTERRUPTED)
        );
    }

    #[test]
    fn an_unwritten_report_names_the_file_and_the_cause_once() {
        let e = RunError::check(stats(2, 1, 0), false, vec![unwritable("run/junit.xml")]);
        let chain = error_chain(&e.unwrap_err());
        assert!(
            chain.starts_with(
                "the run finished, but could not write run/junit.xml (and 1 failed of 3 scenarios)"
            ),
            "{chain}"
        );
        assert_eq!(chain.matches("Read-only file system").count(), 1, "{chain}");
    }

    #[test]
    fn several_unwritten_reports_are_each_listed() {
        let errors = vec![unwritable("run/junit.xml"), unwritable("run/summary.json")];
        let e = RunError::check(stats(1, 0, 0), true, errors).unwrap_err();
        let chain = error_chain(&e);
        assert!(
            chain.starts_with("interrupted; besides, 2 reports could not be written:"),
            "{chain}"
        );
        assert!(
            chain.contains("\n  could not write run/junit.xml: Read-only file system"),
            "{chain}"
        );
        assert!(
            chain.contains("\n  could not write run/summary.json"),
            "{chain}"
        );
    }

    #[test]
    fn bad_input_is_usage_and_the_environment_is_environment() {
        assert_eq!(code_of(LoadError::NoneSelected), exit_code::USAGE);
        assert_eq!(code_of(UsageError::PaceWithoutLesson), exit_code::USAGE);
        let io = || io::Error::from_raw_os_error(13);
        let folder = PlanError::RunFolder {
            path: "x".into(),
            source: io(),
        };
        assert_eq!(code_of(folder), exit_code::ENVIRONMENT);
        assert_eq!(
            code_of(ServeError {
                port: 80,
                source: io()
            }),
            exit_code::ENVIRONMENT
        );
        assert_eq!(code_of(InventoryError::NoCredentials), exit_code::USAGE);
        assert_eq!(
            code_of(InventoryError::Interrupted {
                partial: PathBuf::new()
            }),
            exit_code::INTERRUPTED
        );
        let gaps = GapError::GapsFound {
            fail_on: FailOn::Missing,
            missing: 1,
            partial: 0,
        };
        assert_eq!(code_of(gaps), exit_code::FAILED);
    }

    #[test]
    fn messages_read_as_one_line_with_their_cause() {
        let e = LoadError::UnknownScenario {
            name: "creat-process".into(),
            nearest: Some("create-process".into()),
        };
        assert_eq!(
            e.to_string(),
            "no scenario file or id `creat-process` (did you mean `create-process`?)"
        );
        let e = JsonFileError::read(
            "a/inventory.json".as_ref(),
            "inventory",
            io::Error::from_raw_os_error(2),
        );
        let chain = error_chain(&GapError::Inventory(e));
        assert!(
            chain.starts_with(
                "--inventory: cannot read the inventory a/inventory.json: No such file"
            ),
            "{chain}"
        );
    }
}

// ───────────────────────────── stability ─────────────────────────────

/// `stability` did not find every step stable.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StabilityError {
    /// Some steps failed in some rounds (or in all).
    #[error("{} flaky, {} always failing; see {}", plural(*flaky, "step", "steps"), plural(*failing, "step", "steps"), report.display())]
    Unstable {
        /// Steps that passed in some rounds and failed in others.
        flaky: usize,
        /// Steps that failed in every round that reached them.
        failing: usize,
        /// stability.md.
        report: PathBuf,
    },
    /// Ctrl-C between or during rounds.
    #[error("interrupted; the rounds run until then are in {}", report.display())]
    Interrupted {
        /// stability.md.
        report: PathBuf,
    },
    /// Every scenario was skipped in every round.
    #[error("nothing was tested: every scenario was skipped")]
    NothingRan,
    /// A report file could not be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A round's own reports could not be written.
    #[error(transparent)]
    RoundReports(ReportError),
}
