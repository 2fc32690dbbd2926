//! Faults a test switches on, per path, to see how a client copes with a server that misbehaves:
//! slow answers, no answer at all, an HTTP error, a connection dropped mid-response, and a script
//! added to pages (an element that appears late, a DOM replaced under the client, an alert).
//! Sessions that expire mid-scenario are [`crate::ReplicaState::expire_sessions`].
//!
//! Nothing is on unless a test sets it: the replica stays as strict as the real platform, and
//! these only make it worse.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// One way to misbehave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer, but only after this long.
    Slow(Duration),
    /// Never answer (the connection stays open until the replica stops).
    NoAnswer,
    /// Answer this status with a bare error page, as a crashed Rails app behind its proxy does.
    Status(u16),
    /// Send the headers and the page up to its main content (half of anything else), then
    /// drop the connection: the header and menus arrive, the content never does.
    DropMidResponse,
    /// Add this JavaScript at the end of every HTML page.
    Script(String),
}

/// A fault on the paths starting with `prefix`, for the next `remaining` requests (or for ever).
#[derive(Debug)]
struct Rule {
    prefix: String,
    fault: Fault,
    remaining: Option<usize>,
}

/// The faults in force, each on the paths starting with its prefix; cloned handles share them.
#[derive(Clone, Debug)]
pub struct Faults {
    rules: Arc<Mutex<Vec<Rule>>>,
    /// Raised when the replica stops, so that requests left hanging end.
    stopping: watch::Sender<bool>,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            rules: Arc::default(),
            stopping: watch::channel(false).0,
        }
    }
}

impl Faults {
    /// Misbehave on every path starting with `prefix` (`"/"` for all), beside the faults set before.
    pub fn set(&self, prefix: &str, fault: Fault) {
        self.lock().push(Rule {
            prefix: prefix.to_string(),
            fault,
            remaining: None,
        });
    }

    /// Misbehave on the next `times` requests whose path starts with `prefix`, then behave: a
    /// server that fails now and then, for what must come out as flaky.
    pub fn set_times(&self, prefix: &str, fault: Fault, times: usize) {
        self.lock().push(Rule {
            prefix: prefix.to_string(),
            fault,
            remaining: Some(times),
        });
    }

    /// Back to normal.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// End every request left hanging (the replica is stopping).
    pub(crate) fn release(&self) {
        self.stopping.send_replace(true);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Rule>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The faults for this request (a counted rule is used up by it).
    fn for_path(&self, path: &str) -> Vec<Fault> {
        let mut rules = self.lock();
        let mut active = Vec::new();
        for rule in rules.iter_mut() {
            if !path.starts_with(rule.prefix.as_str()) || rule.remaining == Some(0) {
                continue;
            }
            if let Some(n) = rule.remaining.as_mut() {
                *n -= 1;
            }
            active.push(rule.fault.clone());
        }
        active
    }
}

/// Apply the faults set for the request's path; outermost, so that they hit every answer.
pub(crate) async fn middleware(State(faults): State<Faults>, req: Request, next: Next) -> Response {
    let active = faults.for_path(req.uri().path());
    if active.is_empty() {
        return next.run(req).await;
    }
    let mut scripts = Vec::new();
    let mut drop_mid_response = false;
    for fault in active {
        match fault {
            Fault::Slow(delay) => tokio::time::sleep(delay).await,
            Fault::NoAnswer => {
                let mut stopping = faults.stopping.subscribe();
                let _ = stopping.wait_for(|stop| *stop).await;
                return StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
            Fault::Status(code) => {
                let status =
                    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let page = format!(
                    "<!DOCTYPE html><html><head><title>We're sorry, but something went wrong ({code})</title></head><body><h1>We're sorry, but something went wrong.</h1></body></html>"
                );
                return (
                    status,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    page,
                )
                    .into_response();
            }
            Fault::DropMidResponse => drop_mid_response = true,
            Fault::Script(js) => scripts.push(js),
        }
    }
    let resp = next.run(req).await;
    if !drop_mid_response && scripts.is_empty() {
        return resp;
    }
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 << 20).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    if drop_mid_response {
        // The page up to its <main>, a moment for it to reach the client, then an error: the
        // server closes the connection without finishing.
        let cut = bytes
            .windows(5)
            .position(|w| w == b"<main")
            .unwrap_or(bytes.len() / 2);
        let head = bytes.slice(..cut);
        let chunks = futures_util::stream::unfold(Some(head), |first| async move {
            match first {
                Some(head) => Some((Ok(head), None)),
                None => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    let dropped = std::io::Error::new(
                        std::io::ErrorKind::ConnectionReset,
                        "fault: connection dropped mid-response",
                    );
                    Some((Err(dropped), None))
                }
            }
        });
        return Response::from_parts(parts, Body::from_stream(chunks));
    }
    if !is_html {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let mut html = String::from_utf8_lossy(&bytes).into_owned();
    let tags: String = scripts
        .iter()
        .map(|js| format!("<script>{js}</script>"))
        .collect();
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &tags),
        None => html.push_str(&tags),
    }
    Response::from_parts(parts, Body::from(html))
}

#[cfg(test)]
mod tests {
    use super::Fault;
    use crate::{Replica, ReplicaOptions};
    use std::time::{Duration, Instant};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A GET with a raw socket: the status line and what arrived before the connection ended
    /// (or `None` when nothing arrived within `wait`).
    async fn get(replica: &Replica, path: &str, wait: Duration) -> Option<String> {
        let addr = replica.base_url().trim_start_matches("http://").to_string();
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut got = Vec::new();
        match tokio::time::timeout(wait, stream.read_to_end(&mut got)).await {
            Ok(_) => Some(String::from_utf8_lossy(&got).into_owned()),
            Err(_) => None,
        }
    }

    #[tokio::test]
    async fn each_fault_on_its_paths_only() {
        let replica = Replica::start(ReplicaOptions::default()).await.unwrap();
        let long = Duration::from_secs(5);
        let f = replica.faults();
        f.set("/users/sign_in", Fault::Status(500));
        f.set("/admin", Fault::NoAnswer);
        f.set("/processes", Fault::DropMidResponse);
        f.set("/", Fault::Script("window.late = 1".into()));

        let error = get(&replica, "/users/sign_in", long).await.unwrap();
        assert!(error.starts_with("HTTP/1.1 500"), "{error}");
        assert!(error.contains("something went wrong"));

        assert_eq!(
            get(&replica, "/admin/", Duration::from_millis(600)).await,
            None
        );

        let home = get(&replica, "/", long).await.unwrap();
        assert!(home.starts_with("HTTP/1.1 200"));
        assert!(
            home.contains("<script>window.late = 1</script></body>"),
            "{home}"
        );

        let dropped = get(&replica, "/processes", long).await.unwrap();
        assert!(dropped.starts_with("HTTP/1.1 200"), "{dropped}");
        assert!(!dropped.contains("</html>"), "the page is cut short");

        f.clear();
        let admin = get(&replica, "/admin/", long).await.unwrap();
        assert!(admin.starts_with("HTTP/1.1 302"), "{admin}");
        replica.shutdown().await;
    }

    #[tokio::test]
    async fn a_counted_fault_hits_that_many_requests_then_the_server_behaves() {
        let replica = Replica::start(ReplicaOptions::default()).await.unwrap();
        replica.faults().set_times("/", Fault::Status(500), 2);
        let wait = Duration::from_secs(5);
        for _ in 0..2 {
            let error = get(&replica, "/", wait).await.unwrap();
            assert!(error.starts_with("HTTP/1.1 500"), "{error}");
        }
        let home = get(&replica, "/", wait).await.unwrap();
        assert!(home.starts_with("HTTP/1.1 200"), "{home}");
        replica.shutdown().await;
    }

    #[tokio::test]
    async fn slow_answers_take_their_time_and_a_hung_request_ends_with_the_replica() {
        let replica = Replica::start(ReplicaOptions::default()).await.unwrap();
        replica
            .faults()
            .set("/", Fault::Slow(Duration::from_millis(300)));
        let started = Instant::now();
        let home = get(&replica, "/", Duration::from_secs(5)).await.unwrap();
        assert!(home.starts_with("HTTP/1.1 200"));
        assert!(started.elapsed() >= Duration::from_millis(300));

        replica.faults().set("/admin", Fault::NoAnswer);
        let addr = replica.base_url().to_string();
        let hung = tokio::spawn(async move {
            let mut s = tokio::net::TcpStream::connect(addr.trim_start_matches("http://"))
                .await
                .unwrap();
            s.write_all(b"GET /admin/ HTTP/1.1\r\nHost: x\r\n\r\n")
                .await
                .unwrap();
            let mut buf = Vec::new();
            let _ = s.read_to_end(&mut buf).await;
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        // Graceful shutdown waits for in-flight requests: the hung one must be let go.
        tokio::time::timeout(Duration::from_secs(5), replica.shutdown())
            .await
            .expect("shutdown is not held by a hung request");
        hung.await.unwrap();
    }

    #[test]
    fn expired_sessions_send_the_admin_back_to_sign_in() {
        let state = crate::ReplicaState::new(ReplicaOptions::default());
        state
            .store()
            .sessions
            .insert("s".into(), Default::default());
        state.expire_sessions();
        assert!(state.store().sessions.is_empty());
    }
}
