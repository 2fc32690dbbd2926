//! [`EventSink`]: where the runner's events go ([`Reporters`] in a run, a `Vec` in tests); the
//! [`Hub`] the workers share (the sink, the totals, the clock) and each worker's [`Emitter`].

use crate::events::{EventKind, RunEvent, RunStats};
use crate::reporters::Reporters;
use std::sync::Mutex;
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

/// What the workers of a run share: the sink, the running totals and the clock. Workers run
/// in one task, so the lock is never contended and never held across an `await`.
pub(super) struct Hub<'a> {
    inner: Mutex<HubInner<'a>>,
    started: Instant,
}

struct HubInner<'a> {
    sink: &'a mut dyn EventSink,
    stats: RunStats,
}

impl<'a> Hub<'a> {
    pub(super) fn new(sink: &'a mut dyn EventSink, total: usize) -> Self {
        Hub {
            inner: Mutex::new(HubInner {
                sink,
                stats: RunStats {
                    total,
                    ..RunStats::default()
                },
            }),
            started: Instant::now(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HubInner<'a>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `kind`, stamped with the time now.
    fn stamp(&self, kind: EventKind) -> RunEvent {
        RunEvent {
            at: time::OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            elapsed_ms: self.started.elapsed().as_millis() as u64,
            kind,
        }
    }

    /// Send `kind` to the sink now.
    pub(super) fn emit(&self, kind: EventKind) {
        self.send(std::iter::once(self.stamp(kind)));
    }

    fn send(&self, events: impl IntoIterator<Item = RunEvent>) {
        let mut inner = self.lock();
        inner.stats.duration_ms = self.started.elapsed().as_millis() as u64;
        for event in events {
            inner.sink.event(&event);
        }
    }

    /// Change the totals.
    pub(super) fn count(&self, change: impl FnOnce(&mut RunStats)) {
        change(&mut self.lock().stats);
    }

    /// The totals so far.
    pub(super) fn stats(&self) -> RunStats {
        let mut stats = self.lock().stats;
        stats.duration_ms = self.started.elapsed().as_millis() as u64;
        stats
    }
}

/// A worker's way to the hub. Alone, a worker's events go out as they happen (the guided mode
/// and `--jobs 1` show each step live); beside others, a scenario's events are held until it
/// ends and go out together, so every reporter reads scenarios whole, one after the other.
pub(super) struct Emitter<'h, 'a> {
    hub: &'h Hub<'a>,
    held: Option<Vec<RunEvent>>,
    /// Set when the gate asked to quit.
    pub(super) quit: bool,
}

impl<'h, 'a> Emitter<'h, 'a> {
    /// `hold`: keep a scenario's events until [`Emitter::flush`].
    pub(super) fn new(hub: &'h Hub<'a>, hold: bool) -> Self {
        Emitter {
            hub,
            held: hold.then(Vec::new),
            quit: false,
        }
    }

    pub(super) fn emit(&mut self, kind: EventKind) {
        let event = self.hub.stamp(kind);
        match &mut self.held {
            Some(held) => held.push(event),
            None => self.hub.send(std::iter::once(event)),
        }
    }

    /// Send what was held.
    pub(super) fn flush(&mut self) {
        if let Some(held) = &mut self.held {
            self.hub.send(std::mem::take(held));
        }
    }

    /// Change the run's totals.
    pub(super) fn count(&self, change: impl FnOnce(&mut RunStats)) {
        self.hub.count(change);
    }
}
