//! Remote browsers: a Selenium Grid 3 (the jar of npm's `selenium-server` 3.141.59, installed by
//! `scripts/install-grid`) as a hub and two nodes on loopback, each node driving Debian's
//! chromedriver; `run --webdriver <hub> --jobs 2` spreads the scenarios over both nodes and
//! keeps one session per worker through the Grid.

use crate::util::{bin, events, processes_mentioning, require_browser, stderr};
use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;
use replica::{Replica, ReplicaOptions, ADMIN_EMAIL, ADMIN_PASSWORD};
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where `scripts/install-grid` puts the Grid's jar.
fn grid_jar() -> PathBuf {
    let jar = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "tools/selenium-grid/node_modules/selenium-server/lib/runner/selenium-server-standalone-3.141.59.jar",
    );
    // Fail, not skip: CI installs it, and a skipped Grid test would hide a broken set-up.
    assert!(
        jar.is_file(),
        "{} is missing: run scripts/install-grid first",
        jar.display()
    );
    assert!(
        Command::new("java").arg("-version").output().is_ok(),
        "java is not on PATH: run scripts/install-grid first"
    );
    jar
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The body of `GET http://127.0.0.1:{port}{path}`, or `None` while nothing answers.
fn get(port: u16, path: &str) -> Option<String> {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
}

/// A hub and its nodes, each a Java process in its own process group, stopped (group and all:
/// the chromedrivers a node started) when dropped, even when an assertion failed.
struct Grid {
    hub_port: u16,
    processes: Vec<Child>,
    dir: tempfile::TempDir,
}

impl Grid {
    fn start(nodes: usize) -> Grid {
        let jar = grid_jar();
        let dir = tempfile::tempdir().unwrap();
        // One Chrome at a time per node, so two workers need both nodes.
        std::fs::write(
            dir.path().join("node.json"),
            r#"{"capabilities":[{"browserName":"chrome","maxInstances":1,"seleniumProtocol":"WebDriver"}],"maxSession":1}"#,
        )
        .unwrap();
        let mut grid = Grid {
            hub_port: free_port(),
            processes: Vec::new(),
            dir,
        };
        let hub_port = grid.hub_port.to_string();
        grid.spawn(
            "hub",
            &jar,
            &["-role", "hub", "-host", "127.0.0.1", "-port", &hub_port],
        );
        let hub = format!("http://127.0.0.1:{hub_port}/grid/register");
        let config = grid.dir.path().join("node.json").display().to_string();
        for n in 0..nodes {
            let port = free_port().to_string();
            grid.spawn(
                &format!("node{n}"),
                &jar,
                &[
                    "-role",
                    "node",
                    "-host",
                    "127.0.0.1",
                    "-port",
                    &port,
                    "-hub",
                    &hub,
                    "-nodeConfig",
                    &config,
                ],
            );
        }
        grid.wait_for_slots(nodes);
        grid
    }

    fn spawn(&mut self, name: &str, jar: &Path, args: &[&str]) {
        let log = std::fs::File::create(self.dir.path().join(format!("{name}.log"))).unwrap();
        let child = Command::new("java")
            .arg("-Dwebdriver.chrome.driver=/usr/bin/chromedriver")
            .arg("-jar")
            .arg(jar)
            .args(args)
            // The node's chromedrivers put their Chromium profiles here: what is left behind
            // afterwards is found by this path.
            .env("TMPDIR", self.dir.path())
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect("java starts");
        self.processes.push(child);
    }

    /// Wait (90 s at most: a JVM starts slowly on a busy machine) until `slots` nodes registered.
    fn wait_for_slots(&self, slots: usize) {
        let started = Instant::now();
        loop {
            let total = get(self.hub_port, "/grid/api/hub")
                .and_then(|body| serde_json::from_str::<serde_json::Value>(&body).ok())
                .and_then(|hub| hub["slotCounts"]["total"].as_u64());
            if total == Some(slots as u64) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "the Grid never had {slots} slots (last: {total:?}); logs in {}:\n{}",
                self.dir.path().display(),
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn webdriver_url(&self) -> String {
        format!("http://127.0.0.1:{}/wd/hub", self.hub_port)
    }

    fn log(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(format!("{name}.log"))).unwrap_or_default()
    }

    fn logs(&self) -> String {
        ["hub", "node0", "node1"]
            .iter()
            .map(|n| format!("--- {n}\n{}", self.log(n)))
            .collect()
    }

    /// Sessions a node started, from its log.
    fn sessions_started(&self, node: &str) -> usize {
        self.log(node).matches("Started new session").count()
    }

    fn stop(&mut self) {
        for child in &mut self.processes {
            let _ = killpg(Pid::from_raw(child.id() as i32), Signal::SIGTERM);
        }
        for child in &mut self.processes {
            let deadline = Instant::now() + Duration::from_secs(10);
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = killpg(Pid::from_raw(child.id() as i32), Signal::SIGKILL);
            let _ = child.wait();
        }
        self.processes.clear();
    }
}

impl Drop for Grid {
    fn drop(&mut self) {
        self.stop();
    }
}

#[test]
fn a_run_through_a_selenium_grid_spreads_two_workers_over_two_nodes_and_reuses_their_sessions() {
    require_browser();
    let mut grid = Grid::start(2);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let replica = rt
        .block_on(Replica::start(ReplicaOptions::default()))
        .unwrap();
    let out_dir = grid.dir.path().join("out");
    // Two that log in and two that read the admin: four scenarios for two workers, so each
    // worker's session serves a second scenario after a reset sent through the Grid.
    let lessons = [
        "login",
        "view-metrics",
        "impersonation-logs",
        "manage-scopes",
    ];
    let out = bin()
        .arg("run")
        .args(
            lessons
                .iter()
                .map(|l| format!("scenarios/{l}.toml"))
                .collect::<Vec<_>>(),
        )
        .args(["--jobs", "2", "--allow-writes", "--webdriver"])
        .arg(grid.webdriver_url())
        .args(["--base-url", replica.base_url(), "--out"])
        .arg(&out_dir)
        .env("DECIDIM_EMAIL", ADMIN_EMAIL)
        .env("DECIDIM_PASSWORD", ADMIN_PASSWORD)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}\n{}", grid.logs());
    assert!(err.contains("4 passed"), "{err}");

    // Both nodes served, and each opened one session: the second scenario of a worker reused
    // its session instead of asking the Grid for a new browser.
    let per_node = [
        grid.sessions_started("node0"),
        grid.sessions_started("node1"),
    ];
    assert_eq!(
        per_node,
        [1, 1],
        "sessions started per node\n{}",
        grid.logs()
    );
    // The two workers ran side by side.
    let lines = events(&out_dir);
    let at = |kind: &str| -> Vec<u64> {
        lines
            .iter()
            .filter(|e| e["type"] == kind)
            .map(|e| e["elapsed_ms"].as_u64().unwrap())
            .collect()
    };
    let (started, finished) = (at("scenario_started"), at("scenario_finished"));
    assert_eq!(started.len(), 4);
    assert!(
        started[1] < finished[0],
        "the second scenario started only after the first finished: {started:?} {finished:?}"
    );

    // The run closed its sessions: the nodes have no browser left once the run is over.
    let hub: serde_json::Value =
        serde_json::from_str(&get(grid.hub_port, "/grid/api/hub").unwrap()).unwrap();
    assert_eq!(hub["slotCounts"]["free"], 2, "{hub}");
    rt.block_on(replica.shutdown());
    let tmp = grid.dir.path().display().to_string();
    grid.stop();
    let left = processes_mentioning(&tmp);
    assert!(left.is_empty(), "processes left behind: {left:#?}");
}
