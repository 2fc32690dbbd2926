//! Reading a run back: `events.jsonl` lines ([`WireEvent`]) turned into the [`RunEvent`]s the
//! reporters take, so a finished run's files (or several shards' files, `report merge`) can be
//! fed to the same reporters as a live run.

use super::wire::{
    WireCancelReason, WireEvent, WireFailure, WireIncluded, WireKind, WireNotice, WireOutcome,
    WireScenario, WireStats, WireStatus, WireStep,
};
use super::{
    CancelReason, EventKind, Failure, IncludedInfo, NoticeRef, RunEvent, RunStats, ScenarioInfo,
    ScenarioStatus, StepInfo, StepOutcome,
};
use std::path::{Path, PathBuf};

impl From<&WireEvent> for RunEvent {
    fn from(w: &WireEvent) -> Self {
        RunEvent {
            at: w.at.clone(),
            elapsed_ms: w.elapsed_ms,
            kind: kind(&w.kind),
        }
    }
}

fn kind(k: &WireKind) -> EventKind {
    match k.clone() {
        WireKind::RunStarted {
            run_id,
            target,
            replica,
            scenario_count,
            step_count,
            out_dir,
            locale,
            decidim_version,
        } => EventKind::RunStarted {
            run_id,
            target,
            replica,
            scenario_count,
            step_count,
            out_dir,
            locale,
            decidim_version,
        },
        WireKind::ScenarioStarted { scenario } => EventKind::ScenarioStarted {
            scenario: scenario_info(scenario),
        },
        WireKind::StepStarted { scenario_id, step } => EventKind::StepStarted {
            scenario_id,
            step: Box::new(step_info(step)),
        },
        WireKind::StepFinished {
            scenario_id,
            step,
            outcome,
            duration_ms,
            url,
            page_title,
            screenshot,
            html,
            highlight,
            target_box,
            picture_url,
        } => EventKind::StepFinished {
            scenario_id,
            step: Box::new(step_info(step)),
            outcome: match outcome {
                WireOutcome::Passed => StepOutcome::Passed,
                WireOutcome::Failed { message } => StepOutcome::Failed { message },
                WireOutcome::Interrupted => StepOutcome::Interrupted,
                WireOutcome::Skipped => StepOutcome::Skipped,
            },
            duration_ms,
            url,
            page_title,
            screenshot,
            html,
            highlight,
            target_box,
            picture_url,
        },
        WireKind::AttemptFailed {
            scenario_id,
            attempt,
            duration_ms,
            steps_passed,
            failure,
        } => EventKind::AttemptFailed {
            scenario_id,
            attempt,
            duration_ms,
            steps_passed,
            failure: failure_of(failure),
        },
        WireKind::ScenarioFinished {
            scenario_id,
            status,
            attempts,
            duration_ms,
            steps_passed,
            steps_total,
            failure,
            result,
            browser,
        } => EventKind::ScenarioFinished {
            scenario_id,
            status: match status {
                WireStatus::Passed => ScenarioStatus::Passed,
                WireStatus::Flaky => ScenarioStatus::Flaky,
                WireStatus::Failed => ScenarioStatus::Failed,
                WireStatus::Interrupted => ScenarioStatus::Interrupted,
            },
            attempts,
            duration_ms,
            steps_passed,
            steps_total,
            failure: failure.map(failure_of),
            result,
            browser,
        },
        WireKind::ScenarioSkipped { scenario, reason } => EventKind::ScenarioSkipped {
            scenario: scenario_info(scenario),
            reason,
        },
        WireKind::ScenarioNotRun { scenario, reason } => EventKind::ScenarioNotRun {
            scenario: scenario_info(scenario),
            reason: cancel_reason(reason),
        },
        WireKind::RunFinished { stats, interrupted } => EventKind::RunFinished {
            stats: run_stats(stats),
            interrupted: interrupted.map(cancel_reason),
        },
    }
}

fn scenario_info(s: WireScenario) -> ScenarioInfo {
    ScenarioInfo {
        id: s.id,
        title_en: s.title_en,
        title_fr: s.title_fr,
        description_en: s.description_en,
        description_fr: s.description_fr,
        file: s.file,
        features: s.features,
        tags: s.tags,
        writes: s.writes,
        steps: s.steps,
        notice: s.notice.into_iter().map(notice).collect(),
    }
}

fn notice(n: WireNotice) -> NoticeRef {
    NoticeRef {
        feature: n.feature,
        status: n.status,
        section: n.section,
        link: n.link,
    }
}

fn step_info(s: WireStep) -> StepInfo {
    StepInfo {
        number: s.number,
        action: s.action,
        detail: s.detail,
        narration_en: s.narration_en,
        narration_fr: s.narration_fr,
        heading_en: s.heading_en,
        heading_fr: s.heading_fr,
        needed: s.needed,
        included: s.included.map(included),
        source: s.source,
    }
}

fn included(i: WireIncluded) -> IncludedInfo {
    IncludedInfo {
        scenario: i.scenario,
        title_en: i.title_en,
        title_fr: i.title_fr,
        narration_en: i.narration_en,
        narration_fr: i.narration_fr,
    }
}

fn failure_of(f: WireFailure) -> Failure {
    Failure {
        step: f.step,
        action: f.action,
        heading_fr: f.heading_fr,
        message: f.message,
        url: f.url,
        page_title: f.page_title,
        screenshot: f.screenshot,
        html: f.html,
    }
}

/// A reason as the runner keeps it.
pub fn cancel_reason(r: WireCancelReason) -> CancelReason {
    match r {
        WireCancelReason::Quit => CancelReason::Quit,
        WireCancelReason::FailFast => CancelReason::FailFast,
        WireCancelReason::BrowserLost => CancelReason::BrowserLost,
        WireCancelReason::Signal => CancelReason::Signal,
    }
}

/// Totals as the runner keeps them.
pub fn run_stats(s: WireStats) -> RunStats {
    RunStats {
        total: s.total,
        passed: s.passed,
        flaky: s.flaky,
        failed: s.failed,
        skipped: s.skipped,
        interrupted: s.interrupted,
        not_run: s.not_run,
        steps: s.steps,
        duration_ms: s.duration_ms,
    }
}

impl WireEvent {
    /// The same event with every file it names under `prefix` (a shard's folder, seen from the
    /// merged report's folder).
    pub fn under(mut self, prefix: &Path) -> Self {
        let put = |p: &mut Option<PathBuf>| {
            if let Some(path) = p {
                *path = prefix.join(&*path);
            }
        };
        let put_failure = |f: &mut WireFailure| {
            put(&mut f.screenshot);
            put(&mut f.html);
        };
        match &mut self.kind {
            WireKind::StepFinished {
                screenshot,
                html,
                highlight,
                ..
            } => {
                put(screenshot);
                put(html);
                put(highlight);
            }
            WireKind::AttemptFailed { failure, .. } => put_failure(failure),
            WireKind::ScenarioFinished {
                failure, result, ..
            } => {
                if let Some(f) = failure {
                    put_failure(f);
                }
                put(result);
            }
            _ => {}
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events;

    /// Written and read back, every event is what it was: the wire carries all a reporter reads.
    #[test]
    fn every_event_of_every_run_comes_back_the_same_through_the_wire() {
        for (name, events) in test_events::runs() {
            for e in &events {
                let wire = WireEvent::from(e);
                let back = RunEvent::from(&WireEvent::from_line(&wire.to_line()).unwrap());
                assert_eq!(WireEvent::from(&back), wire, "{name}: {e:?}");
            }
        }
    }

    #[test]
    fn a_shards_files_are_named_from_the_merged_folder() {
        let events = test_events::flaky_run("en");
        let moved: Vec<WireEvent> = events
            .iter()
            .map(|e| WireEvent::from(e).under(Path::new("shard-1")))
            .collect();
        let line = moved
            .iter()
            .map(WireEvent::to_line)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(line.contains(r#""screenshot":"shard-1/failures/create-process/03-click.png""#));
        assert!(line.contains(r#""result":"shard-1/screenshots/create-process/result.png""#));
        assert!(!line.contains(r#""screenshot":"failures/"#));
    }
}
