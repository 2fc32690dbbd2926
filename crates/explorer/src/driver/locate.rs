//! Auto-waiting: poll the page until a target is present, visible, enabled and still.
//!
//! Every poll is one WebDriver `execute` of `locate.js` (reading many elements in one script
//! is far faster than a command per element). No fixed sleeps: we poll every
//! [`POLL_INTERVAL`] until the step's timeout, and the error names the last state seen.

use super::error::DriverError;
use crate::scenario::{Target, TargetBy};
use fantoccini::elements::{Element, ElementRef};
use fantoccini::Client;
use serde::Deserialize;
use serde_json::json;
use std::time::{Duration, Instant};

const LOCATE_JS: &str = include_str!("locate.js");
/// Pause between two polls.
pub const POLL_INTERVAL: Duration = Duration::from_millis(40);
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// What the element is needed for; decides which checks apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Must be visible, enabled, still and not covered.
    Click,
    /// Must be visible, enabled and still; an editor wrapper resolves to its contenteditable.
    Fill,
    /// A `<select>`: visible, enabled, still.
    Select,
    /// A checkbox: like click; a hidden styled checkbox resolves to its label.
    Check,
    /// Only visible.
    Visible,
}

impl Purpose {
    /// What a step's action needs its target for.
    pub fn of(action: &crate::scenario::Action) -> Purpose {
        use crate::scenario::Action;
        match action {
            Action::Click { .. } => Purpose::Click,
            Action::Fill { .. } => Purpose::Fill,
            Action::Select { .. } => Purpose::Select,
            Action::Check { .. } => Purpose::Check,
            _ => Purpose::Visible,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Purpose::Click => "click",
            Purpose::Fill => "fill",
            Purpose::Select => "select",
            Purpose::Check => "check",
            Purpose::Visible => "visible",
        }
    }

    fn condition(self) -> &'static str {
        match self {
            Purpose::Visible => "to be visible",
            _ => "to be visible, enabled and still",
        }
    }
}

#[derive(Debug, Deserialize)]
struct Probe {
    state: String,
    #[serde(default)]
    element: Option<serde_json::Value>,
    #[serde(default)]
    rect: Option<Vec<i64>>,
    #[serde(default)]
    count: usize,
    #[serde(default)]
    detail: Option<String>,
}

/// An element that passed its checks.
#[derive(Debug, Clone)]
pub struct Located {
    /// The element.
    pub element: Element,
    /// Its tag name.
    pub rect: Vec<i64>,
}

/// The JSON given to `locate.js` for `target`.
fn spec(
    target: &Target,
    purpose: Purpose,
    previous: Option<&Vec<i64>>,
    relaxed: bool,
) -> serde_json::Value {
    let (by, values): (&str, Vec<&str>) = match &target.by {
        TargetBy::Css(css) => ("css", vec![css.as_str()]),
        TargetBy::Text(t) => ("text", t.variants()),
        TargetBy::Label(t) => ("label", t.variants()),
        TargetBy::Title(t) => ("title", t.variants()),
        TargetBy::Placeholder(t) => ("placeholder", t.variants()),
    };
    json!({
        "by": by,
        "values": values,
        "within": target.within,
        "purpose": purpose.as_str(),
        "previous": previous,
        "relaxed": relaxed,
    })
}

/// Wait until `target` is ready for `purpose`, or fail after `timeout` naming the last state.
pub async fn locate(
    client: &Client,
    target: &Target,
    purpose: Purpose,
    timeout: Duration,
) -> Result<Located, DriverError> {
    poll(client, target, purpose, timeout, false).await
}

/// The element `purpose` would act on, as soon as it is visible (for pointing at it).
pub async fn locate_visible(
    client: &Client,
    target: &Target,
    purpose: Purpose,
    timeout: Duration,
) -> Result<Located, DriverError> {
    poll(client, target, purpose, timeout, true).await
}

async fn poll(
    client: &Client,
    target: &Target,
    purpose: Purpose,
    timeout: Duration,
    relaxed: bool,
) -> Result<Located, DriverError> {
    let started = Instant::now();
    let mut previous: Option<Vec<i64>> = None;
    let mut last_seen: String;
    loop {
        match client
            .execute(
                LOCATE_JS,
                vec![spec(target, purpose, previous.as_ref(), relaxed)],
            )
            .await
        {
            Ok(value) => {
                let probe: Probe = serde_json::from_value(value).map_err(|e| {
                    DriverError::Unexpected(format!("locator script returned nonsense: {e}"))
                })?;
                if probe.state == "invalid" {
                    return Err(DriverError::Unexpected(format!(
                        "invalid locator {target}: {}",
                        probe.detail.unwrap_or_default()
                    )));
                }
                if probe.state == "ready" {
                    if let Some(element) = probe
                        .element
                        .as_ref()
                        .and_then(|e| element_from_json(client, e))
                    {
                        return Ok(Located {
                            element,
                            rect: probe.rect.unwrap_or_default(),
                        });
                    }
                }
                last_seen = match probe.detail {
                    Some(d) if probe.count > 1 && probe.state != "hidden" => {
                        format!("{d} ({} matches)", probe.count)
                    }
                    Some(d) => d,
                    None => probe.state.clone(),
                };
                previous = probe.rect;
            }
            // Navigation in progress: the page is replaced under us; poll again.
            Err(e) => {
                let err = DriverError::from(e);
                if err.is_browser_lost() {
                    return Err(err);
                }
                last_seen = format!("page not ready ({err})");
                previous = None;
            }
        }
        if started.elapsed() >= timeout {
            return Err(DriverError::Timeout {
                what: format!("{target} {}", purpose.condition()),
                waited: timeout,
                last_seen,
            });
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// Turn a WebDriver element reference returned by `execute` into an [`Element`].
pub fn element_from_json(client: &Client, value: &serde_json::Value) -> Option<Element> {
    let id = value.get(ELEMENT_KEY)?.as_str()?;
    Some(Element::from_element_id(
        client.clone(),
        ElementRef::from(id.to_string()),
    ))
}

/// Poll a JavaScript predicate until it returns true (or a string describing the state).
pub async fn wait_js(
    client: &Client,
    script: &str,
    args: Vec<serde_json::Value>,
    what: &str,
    timeout: Duration,
) -> Result<serde_json::Value, DriverError> {
    let started = Instant::now();
    let mut last_seen: String;
    loop {
        match client.execute(script, args.clone()).await {
            Ok(serde_json::Value::Bool(false)) | Ok(serde_json::Value::Null) => {
                last_seen = "not yet".into()
            }
            Ok(serde_json::Value::Object(o)) if o.get("ok") == Some(&json!(false)) => {
                last_seen = o
                    .get("seen")
                    .and_then(|v| v.as_str())
                    .unwrap_or("not yet")
                    .to_string();
            }
            Ok(v) => return Ok(v),
            Err(e) => {
                let err = DriverError::from(e);
                if err.is_browser_lost() {
                    return Err(err);
                }
                last_seen = format!("page not ready ({err})");
            }
        }
        if started.elapsed() >= timeout {
            return Err(DriverError::Timeout {
                what: what.to_string(),
                waited: timeout,
                last_seen,
            });
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}
