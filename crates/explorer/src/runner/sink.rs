//! [`EventSink`]: where the runner's events go ([`Reporters`] in a run, a `Vec` in tests), and
//! the [`Emitter`] that stamps each event with its time and the running totals.

use crate::events::{EventKind, RunEvent, RunStats};
use crate::reporters::Reporters;
use std::time::Instant;

/// Takes the events of a run, in order.
pub trait EventSink: Send {
    /// Take one event.
    fn event(&mut self, event: &RunEvent);
}

impl EventSink for Reporters {
    fn event(&mut self, event: &RunEvent) {
        self.report(event);
    }
}

/// Keeps every event (tests, and callers that read the stream afterwards).
impl EventSink for Vec<RunEvent> {
    fn event(&mut self, event: &RunEvent) {
        self.push(event.clone());
    }
}

/// Emits events with timestamps and running totals.
pub(super) struct Emitter<'a> {
    sink: &'a mut dyn EventSink,
    started: Instant,
    pub(super) stats: RunStats,
    /// Set when the gate asked to quit.
    pub(super) quit: bool,
}

impl<'a> Emitter<'a> {
    pub(super) fn new(sink: &'a mut dyn EventSink, total: usize) -> Self {
        Emitter {
            sink,
            started: Instant::now(),
            stats: RunStats {
                total,
                ..RunStats::default()
            },
            quit: false,
        }
    }

    pub(super) fn emit(&mut self, kind: EventKind) {
        let at = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        self.stats.duration_ms = self.started.elapsed().as_millis() as u64;
        let event = RunEvent {
            at,
            elapsed_ms: self.stats.duration_ms,
            kind,
        };
        self.sink.event(&event);
    }
}
