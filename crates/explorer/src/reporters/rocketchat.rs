//! `--notify-rocketchat URL`: the run's outcome posted to a Rocket.Chat incoming webhook once
//! the run is over: one line of counts, then an attachment per failed or flaky scenario (its
//! step and message, the bug report to open). Built from `summary.json`, so it says what the
//! run folder says. The webhook's URL holds its token: it is never printed, only its host.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use std::time::Duration;

/// How long posting may take: a chat that does not answer must not hold CI.
const POST_TIMEOUT: Duration = Duration::from_secs(10);
/// Attachments beyond this are summed up in one line (a chat message stays readable).
const MOST_SHOWN: usize = 10;

/// The message for the run `summary` (the contents of `summary.json`) in `lang`.
pub fn message(summary: &Value, lang: &str) -> Value {
    let fr = lang == "fr";
    let stats = &summary["stats"];
    let n = |k: &str| stats[k].as_u64().unwrap_or(0);
    let (passed, flaky, failed, interrupted, skipped) = (
        n("passed"),
        n("flaky"),
        n("failed"),
        n("interrupted") + n("not_run"),
        n("skipped"),
    );
    let ok = failed == 0 && interrupted == 0 && summary["finished"] == true;
    let mut counts = vec![format!(
        "{passed} {}",
        if fr { "réussis" } else { "passed" }
    )];
    for (count, en, fr_word) in [
        (flaky, "flaky", "instables"),
        (failed, "failed", "en échec"),
        (interrupted, "did not finish", "non terminés"),
        (skipped, "skipped", "ignorés"),
    ] {
        if count > 0 {
            counts.push(format!("{count} {}", if fr { fr_word } else { en }));
        }
    }
    let target = summary["target"].as_str().unwrap_or("");
    let run_id = summary["run_id"].as_str().unwrap_or("");
    let colon = if fr { " :" } else { ":" };
    let text = format!(
        "{} decidim-explorer {} {target}{colon} {} ({} {run_id})",
        if ok { "✅" } else { "❌" },
        if fr { "sur" } else { "on" },
        counts.join(", "),
        if fr { "exécution" } else { "run" },
    );
    let troubled: Vec<&Value> = summary["scenarios"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| matches!(s["status"].as_str(), Some("failed" | "flaky")))
        .collect();
    let mut attachments: Vec<Value> = troubled
        .iter()
        .take(MOST_SHOWN)
        .map(|s| attachment(s, fr))
        .collect();
    if troubled.len() > MOST_SHOWN {
        let more = troubled.len() - MOST_SHOWN;
        attachments.push(json!({
            "text": if fr { format!("… et {more} autres : voir summary.json") }
                    else { format!("… and {more} more: see summary.json") },
        }));
    }
    json!({ "alias": "decidim-explorer", "text": text, "attachments": attachments })
}

fn attachment(s: &Value, fr: bool) -> Value {
    let id = s["id"].as_str().unwrap_or("?");
    let title = s[if fr { "title_fr" } else { "title_en" }]
        .as_str()
        .unwrap_or("");
    let flaky = s["status"] == "flaky";
    let failure = if flaky {
        &s["failed_attempts"][0]["failure"]
    } else {
        &s["failure"]
    };
    let step = failure["step"].as_u64().unwrap_or(0);
    let message = failure["message"].as_str().unwrap_or("");
    let first_line = message.lines().next().unwrap_or("");
    let label = match (flaky, fr) {
        (true, true) => "INSTABLE (réussi après un nouvel essai)",
        (true, false) => "FLAKY (passed on a retry)",
        (false, true) => "ÉCHEC",
        (false, false) => "FAILED",
    };
    let step_word = if fr { "étape" } else { "step" };
    let mut text = format!("{label}, {step_word} {step}: {first_line}");
    if !flaky {
        let _ = std::fmt::Write::write_fmt(
            &mut text,
            format_args!(
                "\n{}: bug-reports/{id}.md",
                if fr { "Rapport" } else { "Report" }
            ),
        );
    }
    json!({
        "title": format!("{id} — {title}"),
        "text": text,
        "color": if flaky { "#e8a317" } else { "#d0021b" },
    })
}

/// Posting failed; names the webhook by its host only (its path is a token).
#[derive(Debug, thiserror::Error)]
#[error("could not post to the Rocket.Chat webhook at {host}: {why}")]
pub struct NotifyError {
    /// The webhook's host.
    pub host: String,
    /// Why.
    pub why: String,
}

/// POST `message` to the webhook at `url`, bounded by [`POST_TIMEOUT`].
pub async fn post(url: &str, message: &Value) -> Result<(), NotifyError> {
    let host = url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "(not a URL)".into());
    let fail = |why: String| NotifyError {
        host: host.clone(),
        why,
    };
    let uri: hyper::Uri = url.parse().map_err(|_| fail("not a URL".into()))?;
    let client: Client<_, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build(hyper_tls::HttpsConnector::new());
    let request = hyper::Request::post(uri)
        .header("content-type", "application/json")
        .header("user-agent", "decidim-explorer")
        .body(Full::new(Bytes::from(message.to_string())))
        .map_err(|e| fail(e.to_string()))?;
    let response = tokio::time::timeout(POST_TIMEOUT, client.request(request))
        .await
        .map_err(|_| fail(format!("no answer within {POST_TIMEOUT:?}")))?
        // hyper's error names no URL: safe to show.
        .map_err(|e| fail(e.to_string()))?;
    let status = response.status();
    let _ = tokio::time::timeout(POST_TIMEOUT, response.into_body().collect()).await;
    if status.is_success() {
        Ok(())
    } else {
        Err(fail(format!("it answered {status}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(status: &str) -> Value {
        json!({
            "run_id": "20261206-1400-1", "target": "https://demo.example.org/", "finished": true,
            "stats": {"total": 3, "passed": 1, "flaky": 1, "failed": if status == "failed" { 1 } else { 0 }},
            "scenarios": [
                {"id": "login", "title_en": "Log in", "title_fr": "Se connecter", "status": "passed"},
                {"id": "create-process", "title_en": "Create a process", "title_fr": "Créer une concertation",
                 "status": "flaky", "failed_attempts": [{"failure": {"step": 3, "message": "timed out\nmore"}}]},
                {"id": "view-metrics", "title_en": "Read metrics", "title_fr": "Lire les indicateurs",
                 "status": status, "failure": {"step": 2, "message": "HTTP 500 at /admin/metrics"}},
            ]
        })
    }

    #[test]
    fn a_failed_run_says_so_with_one_attachment_per_failed_or_flaky_scenario() {
        let m = message(&summary("failed"), "en");
        assert_eq!(
            m["text"],
            "❌ decidim-explorer on https://demo.example.org/: 1 passed, 1 flaky, 1 failed (run 20261206-1400-1)"
        );
        let a = m["attachments"].as_array().unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a[0]["title"], "create-process — Create a process");
        assert_eq!(a[0]["text"], "FLAKY (passed on a retry), step 3: timed out");
        assert_eq!(
            a[1]["text"],
            "FAILED, step 2: HTTP 500 at /admin/metrics\nReport: bug-reports/view-metrics.md"
        );
    }

    #[test]
    fn a_passed_run_in_french() {
        let m = message(&summary("passed"), "fr");
        assert_eq!(
            m["text"],
            "✅ decidim-explorer sur https://demo.example.org/ : 1 réussis, 1 instables (exécution 20261206-1400-1)"
        );
        assert_eq!(m["attachments"].as_array().unwrap().len(), 1);
    }

    #[tokio::test]
    async fn an_unreachable_webhook_is_named_by_its_host_never_its_token() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let url = format!("http://127.0.0.1:{port}/hooks/SECRET-ID/SECRET-TOKEN");
        let err = post(&url, &json!({"text": "x"}))
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("127.0.0.1"), "{err}");
        assert!(!err.contains("SECRET"), "{err}");
    }
}
