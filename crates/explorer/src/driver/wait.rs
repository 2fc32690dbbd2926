//! The one bounded wait every auto-waiting action is built on: probe the page until the probe says
//! done, the timeout passes, or the browser is lost. A timeout names what was awaited and the last
//! state the probe saw ("2 matches, none visible"), never just "timed out".

use super::error::DriverError;
use std::future::Future;
use std::time::{Duration, Instant};

/// Pause between two probes.
pub const POLL_INTERVAL: Duration = Duration::from_millis(40);

/// What one probe found.
#[derive(Debug)]
pub enum Probe<T> {
    /// The condition holds; the wait returns this.
    Done(T),
    /// Not yet; the words say what the page shows instead.
    NotYet(String),
}

/// A wait's time budget, handed to each probe so that inner waits use only what is left.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    started: Instant,
    timeout: Duration,
}

impl Deadline {
    /// A budget of `timeout` from now.
    pub fn after(timeout: Duration) -> Deadline {
        Deadline {
            started: Instant::now(),
            timeout,
        }
    }

    /// What is left of the budget (zero once it has passed).
    pub fn remaining(&self) -> Duration {
        self.timeout.saturating_sub(self.started.elapsed())
    }

    /// Whether the budget is spent.
    pub fn passed(&self) -> bool {
        self.started.elapsed() >= self.timeout
    }
}

/// Probe until done, at most `timeout` (at least one probe is made). A probe's `Err` ends the wait at
/// once: probes turn "not yet" errors into [`Probe::NotYet`] (see [`not_yet`]) and keep the rest.
pub async fn until<T, F, Fut>(
    what: impl FnOnce() -> String,
    timeout: Duration,
    mut probe: F,
) -> Result<T, DriverError>
where
    F: FnMut(Deadline) -> Fut,
    Fut: Future<Output = Result<Probe<T>, DriverError>>,
{
    let deadline = Deadline::after(timeout);
    loop {
        let last_seen = match probe(deadline).await? {
            Probe::Done(value) => return Ok(value),
            Probe::NotYet(seen) => seen,
        };
        if deadline.passed() {
            return Err(DriverError::Timeout {
                what: what(),
                waited: timeout,
                last_seen,
            });
        }
        tokio::time::sleep(POLL_INTERVAL.min(deadline.remaining())).await;
    }
}

/// A WebDriver error met while probing: the end of the wait if the browser is gone, otherwise "not
/// yet" (a navigation replacing the page under the probe is the usual cause).
pub fn not_yet<T>(error: impl Into<DriverError>) -> Result<Probe<T>, DriverError> {
    let error = error.into();
    if error.is_browser_lost() {
        Err(error)
    } else {
        Ok(Probe::NotYet(format!("page not ready ({error})")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_wait_returns_as_soon_as_the_probe_is_done() {
        let mut probes = 0;
        let value = until(
            || "three probes".into(),
            Duration::from_secs(5),
            |_| {
                probes += 1;
                let n = probes;
                async move {
                    Ok(if n == 3 {
                        Probe::Done(n)
                    } else {
                        Probe::NotYet(format!("{n} so far"))
                    })
                }
            },
        )
        .await
        .unwrap();
        assert_eq!(value, 3);
    }

    #[tokio::test]
    async fn a_timeout_names_what_was_awaited_and_the_last_state_seen() {
        let err = until(
            || "the dialog to close".into(),
            Duration::from_millis(100),
            |_| async { Ok::<Probe<()>, _>(Probe::NotYet("dialog still open".into())) },
        )
        .await
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "timed out after 100ms waiting for the dialog to close: dialog still open"
        );
    }

    #[tokio::test]
    async fn a_zero_timeout_still_probes_once_and_an_error_ends_the_wait() {
        let done = until(
            || "x".into(),
            Duration::ZERO,
            |_| async { Ok(Probe::Done(1)) },
        )
        .await;
        assert_eq!(done.unwrap(), 1);
        let failed = until(
            || "x".into(),
            Duration::from_secs(60),
            |_| async { Err::<Probe<()>, _>(DriverError::Unexpected("invalid locator".into())) },
        )
        .await;
        assert_eq!(failed.unwrap_err().to_string(), "invalid locator");
    }
}
