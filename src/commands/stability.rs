//! `decidim-explorer stability`: run the chosen scenarios round after round on one target and
//! say which steps are flaky (they passed in some rounds and failed in others).
//!
//! One target for every round: on the replica, the data the writing lessons create piles up as
//! it does on a shared demo, so a lesson that passes only on a fresh instance shows up here.
//! Each round keeps its own run folder while it has a failure to show; rounds that passed are
//! removed unless `--keep-rounds`.

use super::run::{prepare, select, Filters, RunChoices};
use crate::cli::StabilityArgs;
use crate::error::{Error, StabilityError};
use explorer::plan::new_run_token;
use explorer::reporters::stability::{Stability, StabilityRecorder, Verdict};
use explorer::reporters::{jsonl::JsonlReporter, junit::JunitReporter, summary::SummaryReporter};
use explorer::reporters::{ReportError, Reporters};
use explorer::runner::{self, Cancel};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Run the rounds, then write stability.md and stability.json.
pub async fn main(args: &StabilityArgs) -> Result<(), Error> {
    let scenarios = select(&args.scenarios, &Filters::tags(&args.tags), &args.session)?;
    let choices = RunChoices::single(&args.lang);
    let count = scenarios.len();
    let rounds = usize::from(args.rounds);
    let prepared = prepare(&args.session, scenarios, choices).await?;
    let base = prepared.plan.clone();
    let tally = Arc::new(Mutex::new(Stability::new(rounds)));
    let cancel = Cancel::new();
    runner::cancel::install_signal_handler(cancel.clone());
    eprintln!(
        "   Stability {} rounds of {} on {} (folder {})",
        rounds,
        plural(count, "scenario", "scenarios"),
        base.base_url,
        base.out_dir.display()
    );
    let mut report_errors: Vec<ReportError> = Vec::new();
    for round in 1..=rounds {
        if cancel.is_cancelled() {
            break;
        }
        let mut plan = base.clone();
        plan.run_id = format!("{}-round-{round:03}", base.run_id);
        plan.run_token = new_run_token();
        plan.out_dir = base.out_dir.join(format!("round-{round:03}"));
        let mut reporters = round_reporters(&plan.out_dir, &tally, round)?;
        let stats = runner::run(&plan, &mut reporters, &cancel).await;
        report_errors.extend(reporters.into_errors());
        let failed = stats.failed + stats.interrupted;
        eprintln!(
            "       Round {round:>3}/{}  {} passed, {} failed{}  [{:>7.1}s]",
            rounds,
            stats.passed,
            failed,
            if stats.skipped + stats.not_run > 0 {
                format!(", {} not run", stats.skipped + stats.not_run)
            } else {
                String::new()
            },
            stats.duration_ms as f64 / 1000.0
        );
        if failed == 0 && !cancel.is_cancelled() && !args.keep_rounds {
            // Nothing to look at: a round that passed leaves no folder behind.
            let _ = std::fs::remove_dir_all(&plan.out_dir);
        } else if failed > 0 {
            eprintln!("             evidence in {}", plan.out_dir.display());
        }
    }
    if let Some(r) = prepared.replica {
        r.shutdown().await;
    }
    let tally = tally.lock().unwrap_or_else(|p| p.into_inner());
    let report = write_reports(&tally, &base.out_dir, &args.lang)?;
    print_verdict(&tally);
    eprintln!("      Report {}", report.display());
    if let Some(e) = report_errors.into_iter().next() {
        return Err(StabilityError::RoundReports(e).into());
    }
    if cancel.is_cancelled() {
        return Err(StabilityError::Interrupted { report }.into());
    }
    let flaky = tally.with_verdict(Verdict::Flaky).count();
    let failing = tally.with_verdict(Verdict::Failing).count();
    if flaky + failing > 0 {
        return Err(StabilityError::Unstable {
            flaky,
            failing,
            report,
        }
        .into());
    }
    if tally.steps.is_empty() {
        return Err(StabilityError::NothingRan.into());
    }
    Ok(())
}

/// A round's own reports (events, summary, JUnit: the evidence of a failing round) and the tally.
fn round_reporters(
    out_dir: &Path,
    tally: &Arc<Mutex<Stability>>,
    round: usize,
) -> Result<Reporters, StabilityError> {
    std::fs::create_dir_all(out_dir).map_err(|source| StabilityError::Write {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut reporters = Reporters::default();
    reporters.add(
        JsonlReporter::create(&out_dir.join("events.jsonl"))
            .map_err(StabilityError::RoundReports)?,
    );
    reporters.add(SummaryReporter::new(&out_dir.join("summary.json")));
    reporters.add(JunitReporter::new(&out_dir.join("junit.xml")));
    reporters.add(StabilityRecorder::new(tally.clone(), round));
    Ok(reporters)
}

/// stability.json and stability.md in the run folder; the Markdown's path is returned.
fn write_reports(
    tally: &Stability,
    dir: &Path,
    lang: &str,
) -> Result<std::path::PathBuf, StabilityError> {
    let write = |name: &str, bytes: Vec<u8>| {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map(|_| path.clone())
            .map_err(|source| StabilityError::Write { path, source })
    };
    write(
        "stability.json",
        serde_json::to_vec_pretty(tally).expect("a tally serialises"),
    )?;
    write("stability.md", tally.markdown(lang).into_bytes())
}

/// The flaky and failing steps on stderr, with their rounds.
fn print_verdict(tally: &Stability) {
    let finished = tally.rounds.iter().filter(|r| r.finished).count();
    eprintln!(
        "     Summary {finished}/{} rounds, {} steps observed: {} flaky, {} always failing",
        tally.rounds_planned,
        tally.steps.len(),
        tally.with_verdict(Verdict::Flaky).count(),
        tally.with_verdict(Verdict::Failing).count()
    );
    for (verdict, label) in [(Verdict::Flaky, "FLAKY"), (Verdict::Failing, "FAILING")] {
        for s in tally.with_verdict(verdict) {
            eprintln!(
                "{label:>12} {} step {} ({}): failed {}/{} — {}",
                s.scenario,
                s.number,
                s.source,
                s.failed_in.len(),
                s.ran(),
                s.messages
                    .first()
                    .and_then(|f| f.message.lines().next())
                    .unwrap_or_default()
            );
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
