//! [`Cancel`]: how Ctrl-C (or SIGTERM) reaches a running scenario.
//!
//! First signal: the current step is abandoned, the session closed, chromedriver and Chromium
//! reaped, and reports finished with the run marked interrupted. Second signal: the process
//! groups we started are killed at once and we exit with 130.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::Notify;

/// A cancellation flag that can be awaited.
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    flag: AtomicBool,
    notify: Notify,
}

impl Cancel {
    /// A flag not yet raised.
    pub fn new() -> Self {
        Self::default()
    }

    /// Raise it.
    pub fn cancel(&self) {
        self.inner.flag.store(true, Ordering::SeqCst);
        self.inner.notify.notify_waiters();
    }

    /// Whether it is raised.
    pub fn is_cancelled(&self) -> bool {
        self.inner.flag.load(Ordering::SeqCst)
    }

    /// Resolves once raised.
    pub async fn cancelled(&self) {
        loop {
            let notified = self.inner.notify.notified();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

/// Listen for SIGINT / SIGTERM: the first raises `cancel`, the second kills and exits.
pub fn install_signal_handler(cancel: Cancel) {
    tokio::spawn(async move {
        use tokio::signal::unix::{signal, SignalKind};
        let (Ok(mut int), Ok(mut term)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) else {
            tracing::warn!("cannot listen for signals; Ctrl-C will not clean up");
            return;
        };
        let mut seen = 0;
        loop {
            tokio::select! {
                _ = int.recv() => {},
                _ = term.recv() => {},
            }
            seen += 1;
            if seen == 1 {
                eprintln!("\ninterrupted: closing the browser and writing reports (Ctrl-C again to kill now)");
                cancel.cancel();
            } else {
                crate::driver::chromedriver::kill_all_now();
                std::process::exit(130);
            }
        }
    });
}
