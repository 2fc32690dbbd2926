//! Auto-waiting: poll the page until a target is present, visible, enabled and still.
//!
//! Every poll is one WebDriver `execute` of `locate.js` (reading many elements in one script
//! is far faster than a command per element). No fixed sleeps: [`wait::until`] probes until the
//! step's timeout, and the error names the last state seen.

use super::error::DriverError;
use super::wait::{self, Probe};
use crate::scenario::{Target, TargetBy};
use fantoccini::elements::{Element, ElementRef};
use fantoccini::Client;
use serde::Deserialize;
use serde_json::json;
use std::sync::Mutex;
use std::time::Duration;

const LOCATE_JS: &str = include_str!("locate.js");
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

/// What one run of `locate.js` reports.
#[derive(Debug, Deserialize)]
struct Answer {
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
    /// Its box in the viewport when it passed: x, y, width, height (CSS pixels).
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
    // The element's box at the previous probe: "still" means it has not moved since.
    let previous: Mutex<Option<Vec<i64>>> = Mutex::new(None);
    let previous = &previous;
    wait::until(
        || format!("{target} {}", purpose.condition()),
        timeout,
        |_| async move {
            let before = previous.lock().map(|p| p.clone()).unwrap_or_default();
            let value = match client
                .execute(
                    LOCATE_JS,
                    vec![spec(target, purpose, before.as_ref(), relaxed)],
                )
                .await
            {
                Ok(value) => value,
                Err(e) => {
                    set(previous, None);
                    return wait::not_yet(e);
                }
            };
            let answer: Answer = serde_json::from_value(value).map_err(|e| {
                DriverError::Unexpected(format!("locator script returned nonsense: {e}"))
            })?;
            if answer.state == "invalid" {
                return Err(DriverError::Unexpected(format!(
                    "invalid locator {target}: {}",
                    answer.detail.unwrap_or_default()
                )));
            }
            if answer.state == "ready" {
                if let Some(element) = answer
                    .element
                    .as_ref()
                    .and_then(|e| element_from_json(client, e))
                {
                    return Ok(Probe::Done(Located {
                        element,
                        rect: answer.rect.unwrap_or_default(),
                    }));
                }
            }
            let seen = match answer.detail {
                Some(d) if answer.count > 1 && answer.state != "hidden" => {
                    format!("{d} ({} matches)", answer.count)
                }
                Some(d) => d,
                None => answer.state.clone(),
            };
            set(previous, answer.rect);
            Ok(Probe::NotYet(seen))
        },
    )
    .await
}

fn set(previous: &Mutex<Option<Vec<i64>>>, rect: Option<Vec<i64>>) {
    if let Ok(mut p) = previous.lock() {
        *p = rect;
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
    wait::until(
        || what.to_string(),
        timeout,
        |_| {
            let args = args.clone();
            async move {
                match client.execute(script, args).await {
                    Ok(serde_json::Value::Bool(false)) | Ok(serde_json::Value::Null) => {
                        Ok(Probe::NotYet("not yet".into()))
                    }
                    Ok(serde_json::Value::Object(o)) if o.get("ok") == Some(&json!(false)) => {
                        Ok(Probe::NotYet(
                            o.get("seen")
                                .and_then(|v| v.as_str())
                                .unwrap_or("not yet")
                                .to_string(),
                        ))
                    }
                    Ok(v) => Ok(Probe::Done(v)),
                    Err(e) => wait::not_yet(e),
                }
            }
        },
    )
    .await
}
