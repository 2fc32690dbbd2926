//! [`ChromeDriver`]: find, spawn, probe and reap a local chromedriver.
//!
//! chromedriver runs in its own process group, and the Chromium processes it starts inherit
//! that group; killing chromedriver alone would leave Chromium running, so shutdown signals
//! the whole group and waits. Chromium's temporary folders go to a private `TMPDIR` that is
//! removed with the driver, so a killed run leaves no `org.chromium.*` folders behind.

use super::error::DriverError;
use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

/// How long chromedriver may take to answer `/status`.
const READY_TIMEOUT: Duration = Duration::from_secs(15);
/// How long the group gets between SIGTERM and SIGKILL.
const GRACE: Duration = Duration::from_secs(2);

/// Process groups of every live chromedriver, for [`kill_all_now`].
static LIVE_GROUPS: std::sync::Mutex<Vec<i32>> = std::sync::Mutex::new(Vec::new());

/// Kill every chromedriver group this process started (second Ctrl-C: no time to be polite).
pub fn kill_all_now() {
    for g in LIVE_GROUPS.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        let _ = killpg(Pid::from_raw(*g), Signal::SIGKILL);
    }
}

/// A running chromedriver owned by this process.
#[derive(Debug)]
pub struct ChromeDriver {
    child: Child,
    pgid: Pid,
    port: u16,
    /// Private temp dir: chromedriver's log, Chromium's `TMPDIR`, profiles.
    scratch: tempfile::TempDir,
}

/// Look for a program: explicit path, then an environment variable, then `PATH` and known places.
pub fn find_program(
    program: &'static str,
    explicit: Option<&Path>,
    env_var: &str,
    names: &[&str],
    extra: &[&str],
) -> Result<PathBuf, DriverError> {
    if let Some(p) = explicit {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(DriverError::NotFound {
                program,
                hint: format!("{} does not exist", p.display()),
            })
        };
    }
    if let Some(p) = std::env::var_os(env_var).filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(DriverError::NotFound {
                program,
                hint: format!("{env_var}={} does not exist", p.display()),
            })
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in names {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    for place in extra {
        if Path::new(place).is_file() {
            return Ok(PathBuf::from(place));
        }
    }
    Err(DriverError::NotFound {
        program,
        hint: format!(
            "looked in PATH for {} and set {env_var} to choose one; on Debian: scripts/install-browser",
            names.join(", ")
        ),
    })
}

/// A free TCP port on loopback (the OS picks it; there is a small race, checked by readiness).
pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl ChromeDriver {
    /// Spawn `binary` on a free port in a new process group and wait until it is ready.
    pub async fn start(binary: &Path) -> Result<ChromeDriver, DriverError> {
        let reaped = super::orphans::reap_orphans(&std::env::temp_dir());
        if reaped.processes > 0 {
            tracing::warn!(
                processes = reaped.processes,
                folders = reaped.folders,
                "stopped the browser processes a killed run had left"
            );
        }
        let scratch = tempfile::Builder::new()
            .prefix(super::orphans::SCRATCH_PREFIX)
            .tempdir()
            .map_err(|source| DriverError::Spawn {
                path: binary.to_path_buf(),
                source,
            })?;
        let port = free_port().map_err(|source| DriverError::Spawn {
            path: binary.to_path_buf(),
            source,
        })?;
        let log =
            std::fs::File::create(scratch.path().join("chromedriver.log")).map_err(|source| {
                DriverError::Spawn {
                    path: binary.to_path_buf(),
                    source,
                }
            })?;
        let log_err = log.try_clone().map_err(|source| DriverError::Spawn {
            path: binary.to_path_buf(),
            source,
        })?;
        let tmp = scratch.path().join("tmp");
        std::fs::create_dir_all(&tmp).map_err(|source| DriverError::Spawn {
            path: binary.to_path_buf(),
            source,
        })?;
        let child = Command::new(binary)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .env("TMPDIR", &tmp)
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(log_err))
            // Own group: Ctrl-C in the terminal reaches us, not the browser, and we can
            // signal chromedriver and every Chromium process it started at once.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .map_err(|source| DriverError::Spawn {
                path: binary.to_path_buf(),
                source,
            })?;
        let pid = child.id().unwrap_or(0) as i32;
        // Should this process be killed outright, the next run finds and reaps the group.
        if let Err(e) = super::orphans::record(scratch.path(), pid) {
            tracing::warn!(error = %e, "cannot record the chromedriver group");
        }
        LIVE_GROUPS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(pid);
        let mut driver = ChromeDriver {
            child,
            pgid: Pid::from_raw(pid),
            port,
            scratch,
        };
        let started = Instant::now();
        loop {
            if driver.ready().await {
                tracing::debug!(
                    port,
                    ms = started.elapsed().as_millis() as u64,
                    "chromedriver ready"
                );
                return Ok(driver);
            }
            let exited = matches!(driver.child.try_wait(), Ok(Some(_)));
            if exited || started.elapsed() > READY_TIMEOUT {
                let log_tail = driver.log_tail();
                driver.shutdown().await;
                return Err(DriverError::NotReady {
                    waited: started.elapsed(),
                    log_tail,
                });
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The WebDriver URL, e.g. `http://127.0.0.1:9515`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A folder inside the driver's private scratch space (for browser profiles).
    pub fn scratch(&self) -> &Path {
        self.scratch.path()
    }

    /// True while the process runs.
    pub fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The last lines chromedriver printed.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(self.scratch.path().join("chromedriver.log"))
            .unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }

    /// Ask `/status` whether it accepts sessions (a raw HTTP/1.1 request: no client needed).
    async fn ready(&self) -> bool {
        let probe = async {
            let mut stream = TcpStream::connect(("127.0.0.1", self.port)).await.ok()?;
            stream
                .write_all(b"GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .await
                .ok()?;
            // chromedriver keeps the connection open despite `Connection: close`: read until
            // the answer is known instead of until EOF.
            let mut body = Vec::new();
            let mut chunk = [0u8; 1024];
            loop {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return Some(false);
                }
                body.extend_from_slice(&chunk[..n]);
                let text = String::from_utf8_lossy(&body).replace(' ', "");
                if text.contains("\"ready\":true") {
                    return Some(true);
                }
                if text.contains("\"ready\":false") {
                    return Some(false);
                }
            }
        };
        tokio::time::timeout(Duration::from_secs(1), probe)
            .await
            .ok()
            .flatten()
            .unwrap_or(false)
    }

    /// Stop chromedriver and every Chromium it started: TERM the group, wait, KILL, reap.
    pub async fn shutdown(&mut self) {
        LIVE_GROUPS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|g| *g != self.pgid.as_raw());
        let _ = killpg(self.pgid, Signal::SIGTERM);
        if tokio::time::timeout(GRACE, self.child.wait())
            .await
            .is_err()
        {
            let _ = killpg(self.pgid, Signal::SIGKILL);
            let _ = self.child.wait().await;
        }
        // Chromium processes may outlive chromedriver for a moment: make sure the group is gone.
        // Members that already exited (zombies handed to init, reaped whenever it gets to them)
        // are not waited for: that wait was most of the run's last second.
        let deadline = Instant::now() + GRACE;
        while group_runs(self.pgid) && Instant::now() < deadline {
            let _ = killpg(self.pgid, Signal::SIGKILL);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// Whether some member of process group `pgid` is still running (not a zombie), from /proc.
fn group_runs(pgid: Pid) -> bool {
    if killpg(pgid, None).is_err() {
        return false;
    }
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return true; // no /proc to look at: the group exists, so wait as before
    };
    entries.flatten().any(|entry| {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            return false;
        };
        // After the command name (which may hold spaces and parentheses): state ppid pgrp …
        let mut fields = stat
            .rsplit_once(')')
            .map(|(_, rest)| rest.split_whitespace());
        let state = fields.as_mut().and_then(|f| f.next());
        let pgrp = fields.as_mut().and_then(|f| f.nth(1));
        pgrp.and_then(|g| g.parse::<i32>().ok()) == Some(pgid.as_raw())
            && !matches!(state, Some("Z" | "X"))
    })
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // Last resort when shutdown() was not awaited (panic, early return): no orphans.
        let _ = killpg(self.pgid, Signal::SIGKILL);
    }
}
