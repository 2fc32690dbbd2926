//! `report merge`: the run folders of a suite's shards (`--partition K/N` on several CI
//! machines) joined into one set of reports (summary.json, junit.xml, events.jsonl,
//! report.html), each shard's pictures and pages copied under `<shard>/` so the merged folder
//! stands alone.
//!
//! The shards are read from their `events.jsonl` and replayed through the same reporters as a
//! live run; the totals are recounted from the scenarios' own events, so a shard that was killed
//! before its end still counts what it finished.

use super::html::HtmlReporter;
use super::jsonl::JsonlReporter;
use super::junit::JunitReporter;
use super::summary::SummaryReporter;
use super::{ReportError, Reporters};
use crate::events::wire::{WireEvent, WireKind, WireOutcome, WireStatus};
use crate::events::{CancelReason, EventKind, RunEvent, RunStats, FORMAT_VERSION};
use std::path::{Path, PathBuf};

/// Why shards could not be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// No shard given.
    #[error("no run folder to merge")]
    Nothing,
    /// A folder without `events.jsonl`.
    #[error("{} is not a run folder: it has no events.jsonl", .0.display())]
    NotARun(PathBuf),
    /// A line that is not an event.
    #[error("{}:{line}: not an event of decidim-explorer: {message}", path.display())]
    BadLine {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// Written by a newer decidim-explorer.
    #[error("{}:{line}: format version {version}, newer than this decidim-explorer reads ({FORMAT_VERSION})", path.display())]
    Newer {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// Its version.
        version: u32,
    },
    /// Two shards ran the same scenario: not shards of one suite.
    #[error("scenario `{id}` is in both {} and {}: these are not shards of one suite", first.display(), second.display())]
    Overlap {
        /// The scenario.
        id: String,
        /// The first shard holding it.
        first: PathBuf,
        /// The second.
        second: PathBuf,
    },
    /// A file could not be read or copied.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A merged report could not be written.
    #[error(transparent)]
    Report(#[from] ReportError),
}

/// One shard as read.
struct Shard {
    dir: PathBuf,
    /// Its folder's name in the merged folder.
    name: String,
    events: Vec<WireEvent>,
}

/// Merge the run folders `shards` into `out`; the merged totals.
pub fn merge(shards: &[PathBuf], out: &Path) -> Result<RunStats, MergeError> {
    if shards.is_empty() {
        return Err(MergeError::Nothing);
    }
    let mut read = Vec::new();
    for (i, dir) in shards.iter().enumerate() {
        let base = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("shard-{}", i + 1));
        // Two shards may share a folder name (`out/` on every machine): number them.
        let name = if read.iter().any(|s: &Shard| s.name == base) {
            format!("{base}-{}", i + 1)
        } else {
            base
        };
        read.push(Shard {
            events: read_events(dir)?,
            dir: dir.clone(),
            name,
        });
    }
    check_disjoint(&read)?;
    std::fs::create_dir_all(out).map_err(|source| MergeError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    for shard in &read {
        for folder in ["screenshots", "failures"] {
            copy_tree(&shard.dir.join(folder), &out.join(&shard.name).join(folder))?;
        }
    }
    let events = joined(&read, out);
    let mut reporters = Reporters::default();
    reporters.add(JsonlReporter::create(&out.join("events.jsonl"))?);
    reporters.add(SummaryReporter::new(&out.join("summary.json")));
    reporters.add(JunitReporter::new(&out.join("junit.xml")));
    reporters.add(HtmlReporter::new(out));
    reporters.add(super::bug_report::BugReportReporter::new(out));
    let mut stats = RunStats::default();
    for event in &events {
        if let EventKind::RunFinished { stats: s, .. } = &event.kind {
            stats = *s;
        }
        reporters.report(event);
    }
    if let Some(e) = reporters.into_errors().into_iter().next() {
        return Err(e.into());
    }
    Ok(stats)
}

/// The shards' events as one run: one start, every shard's scenarios in turn, one end whose
/// totals are recounted.
fn joined(shards: &[Shard], out: &Path) -> Vec<RunEvent> {
    let mut events = Vec::new();
    let mut stats = RunStats::default();
    let mut interrupted: Option<CancelReason> = None;
    let (mut scenarios, mut steps) = (0, 0);
    let mut first: Option<&WireEvent> = None;
    for shard in shards {
        let mut finished = false;
        for e in &shard.events {
            match &e.kind {
                WireKind::RunStarted {
                    scenario_count,
                    step_count,
                    ..
                } => {
                    first.get_or_insert(e);
                    scenarios += scenario_count;
                    steps += step_count;
                }
                WireKind::RunFinished {
                    stats: s,
                    interrupted: why,
                } => {
                    finished = true;
                    // Shards run side by side: the suite took as long as the longest.
                    stats.duration_ms = stats.duration_ms.max(s.duration_ms);
                    if let Some(why) = why {
                        let why = crate::events::replay::cancel_reason(*why);
                        interrupted = interrupted.max(Some(why));
                    }
                }
                kind => {
                    count(&mut stats, kind);
                    events.push(RunEvent::from(&e.clone().under(Path::new(&shard.name))));
                }
            }
        }
        if !finished {
            // Killed before its end: what it finished counts, the run reads as cut short.
            interrupted = interrupted.max(Some(CancelReason::Signal));
            let last = shard.events.last().map_or(0, |e| e.elapsed_ms);
            stats.duration_ms = stats.duration_ms.max(last);
        }
    }
    stats.total = scenarios;
    let (at, run_id, target, replica, locale, decidim_version) = match first.map(|e| &e.kind) {
        Some(WireKind::RunStarted {
            run_id,
            target,
            replica,
            locale,
            decidim_version,
            ..
        }) => (
            first.map(|e| e.at.clone()).unwrap_or_default(),
            format!("{run_id}-merged"),
            target.clone(),
            *replica,
            locale.clone(),
            decidim_version.clone(),
        ),
        _ => (
            String::new(),
            "merged".into(),
            String::new(),
            false,
            "en".into(),
            None,
        ),
    };
    let start = RunEvent {
        at: at.clone(),
        elapsed_ms: 0,
        kind: EventKind::RunStarted {
            run_id,
            target,
            replica,
            scenario_count: scenarios,
            step_count: steps,
            out_dir: out.to_path_buf(),
            locale,
            decidim_version,
        },
    };
    let end = RunEvent {
        at: events.last().map_or(at, |e: &RunEvent| e.at.clone()),
        elapsed_ms: stats.duration_ms,
        kind: EventKind::RunFinished { stats, interrupted },
    };
    std::iter::once(start)
        .chain(events)
        .chain(std::iter::once(end))
        .collect()
}

/// Add what `kind` says to the totals, as the runner counts them.
fn count(stats: &mut RunStats, kind: &WireKind) {
    match kind {
        WireKind::StepFinished { outcome, .. } => {
            if matches!(outcome, WireOutcome::Passed | WireOutcome::Failed { .. }) {
                stats.steps += 1;
            }
        }
        WireKind::ScenarioFinished { status, .. } => match status {
            WireStatus::Passed => stats.passed += 1,
            WireStatus::Flaky => stats.flaky += 1,
            WireStatus::Failed => stats.failed += 1,
            WireStatus::Interrupted => stats.interrupted += 1,
        },
        WireKind::ScenarioSkipped { .. } => stats.skipped += 1,
        WireKind::ScenarioNotRun { .. } => stats.not_run += 1,
        _ => {}
    }
}

fn read_events(dir: &Path) -> Result<Vec<WireEvent>, MergeError> {
    let path = dir.join("events.jsonl");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(MergeError::NotARun(dir.to_path_buf()))
        }
        Err(source) => return Err(MergeError::Io { path, source }),
    };
    let mut events = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        // The version first: a newer file says so rather than failing on a field it added.
        let version = serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v["version"].as_u64());
        if let Some(version) = version.filter(|v| *v > u64::from(FORMAT_VERSION)) {
            return Err(MergeError::Newer {
                path,
                line: i + 1,
                version: version as u32,
            });
        }
        let event = WireEvent::from_line(line).map_err(|e| MergeError::BadLine {
            path: path.clone(),
            line: i + 1,
            message: e.to_string(),
        })?;
        events.push(event);
    }
    Ok(events)
}

fn check_disjoint(shards: &[Shard]) -> Result<(), MergeError> {
    let mut seen: std::collections::HashMap<&str, &Path> = Default::default();
    for shard in shards {
        for e in &shard.events {
            let id = match &e.kind {
                WireKind::ScenarioStarted { scenario }
                | WireKind::ScenarioSkipped { scenario, .. }
                | WireKind::ScenarioNotRun { scenario, .. } => scenario.id.as_str(),
                _ => continue,
            };
            if let Some(first) = seen.insert(id, &shard.dir) {
                if first != shard.dir {
                    return Err(MergeError::Overlap {
                        id: id.into(),
                        first: first.to_path_buf(),
                        second: shard.dir.clone(),
                    });
                }
            }
        }
    }
    Ok(())
}

/// Copy the folder `from` (if it exists) into `to`.
fn copy_tree(from: &Path, to: &Path) -> Result<(), MergeError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| MergeError::Io { path, source }
    };
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(());
    };
    std::fs::create_dir_all(to).map_err(io(to))?;
    for entry in entries {
        let entry = entry.map_err(io(from))?;
        let kind = entry.file_type().map_err(io(&entry.path()))?;
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).map_err(io(&entry.path()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events;

    /// A run folder holding `events` (as `events.jsonl`) and a failure screenshot.
    fn shard(root: &Path, name: &str, events: &[RunEvent]) -> PathBuf {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let mut jsonl = JsonlReporter::create(&dir.join("events.jsonl")).unwrap();
        for e in events {
            crate::reporters::Reporter::report(&mut jsonl, e).unwrap();
        }
        std::fs::create_dir_all(dir.join("failures/create-process")).unwrap();
        std::fs::write(dir.join("failures/create-process/03-click.png"), b"png").unwrap();
        dir
    }

    /// The failing run's two scenarios, one per shard.
    fn halves(root: &Path) -> Vec<PathBuf> {
        let events = test_events::failing_run("en");
        let split = events
            .iter()
            .position(|e| matches!(&e.kind, EventKind::ScenarioStarted { scenario } if scenario.id == "view-metrics"))
            .unwrap();
        let start = events[0].clone();
        let end = events.last().unwrap().clone();
        let one: Vec<RunEvent> = events[..split]
            .iter()
            .cloned()
            .chain([end.clone()])
            .collect();
        let two: Vec<RunEvent> = std::iter::once(start)
            .chain(events[split..].iter().cloned())
            .collect();
        vec![shard(root, "shard-1", &one), shard(root, "shard-2", &two)]
    }

    #[test]
    fn two_shards_make_one_set_of_reports_with_recounted_totals() {
        let root = tempfile::tempdir().unwrap();
        let shards = halves(root.path());
        let out = root.path().join("merged");
        let stats = merge(&shards, &out).unwrap();
        assert_eq!((stats.passed, stats.failed, stats.steps), (1, 1, 7));
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
        let ids: Vec<&str> = summary["scenarios"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["create-process", "view-metrics"]);
        assert_eq!(summary["finished"], true);
        // The failure's files are the copies in the merged folder.
        let shot = summary["scenarios"][0]["failure"]["screenshot"]
            .as_str()
            .unwrap();
        assert_eq!(shot, "shard-1/failures/create-process/03-click.png");
        assert!(out.join(shot).is_file());
        let junit = std::fs::read_to_string(out.join("junit.xml")).unwrap();
        assert_eq!(junit.matches("<testcase").count(), 2);
        assert!(out.join("report.html").is_file());
        assert!(out.join("events.jsonl").is_file());
    }

    #[test]
    fn a_scenario_in_two_shards_a_folder_without_events_and_a_bad_line_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let run = test_events::passing_run("en");
        let a = shard(root.path(), "a", &run);
        let b = shard(root.path(), "b", &run);
        let out = root.path().join("merged");
        assert!(matches!(
            merge(&[a.clone(), b], &out),
            Err(MergeError::Overlap { id, .. }) if id == "create-process"
        ));
        let empty = root.path().join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        assert!(matches!(merge(&[empty], &out), Err(MergeError::NotARun(_))));
        std::fs::write(a.join("events.jsonl"), "{\"version\":1}\nnot json\n").unwrap();
        let e = merge(&[a], &out).unwrap_err();
        assert!(e.to_string().contains("events.jsonl:1:"), "{e}");
        assert!(matches!(merge(&[], &out), Err(MergeError::Nothing)));
    }

    #[test]
    fn a_shard_killed_before_its_end_counts_what_it_finished_and_the_run_reads_cut_short() {
        let root = tempfile::tempdir().unwrap();
        let events = test_events::passing_run("en");
        let cut: Vec<RunEvent> = events[..events.len() - 1].to_vec();
        let dir = shard(root.path(), "killed", &cut);
        let out = root.path().join("merged");
        let stats = merge(&[dir], &out).unwrap();
        assert_eq!(stats.passed, 2);
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
        assert_eq!(summary["interrupted"], "signal");
    }
}
