//! Executes one step on a [`BrowserPage`]: expands `{{uid}}`, reads environment values, and maps
//! the scenario [`Action`] onto the driver's auto-waiting actions.

use super::browser::BrowserPage;
use super::RunPlan;
use crate::driver::DriverError;
use crate::scenario::{Action, Step, Value};
use std::time::Duration;
use tracing::Instrument;

/// Run `action` (already expanded: see [`expand`]).
pub(super) async fn execute<P: BrowserPage>(
    page: &P,
    action: &Action,
    plan: &RunPlan,
    timeout: Duration,
) -> Result<(), DriverError> {
    let span = tracing::info_span!("step", action = action.name(), detail = %action.describe());
    perform(page, action, plan, timeout)
        .instrument(span)
        .await
        .map_err(|e| e.with_waited(timeout))
}

/// The step's action with `{{uid}}` replaced by the token unique to this scenario run.
pub(super) fn expand(step: &Step, uid: &str) -> Action {
    step.action.map_text(&|s: &str| s.replace("{{uid}}", uid))
}

async fn perform<P: BrowserPage>(
    page: &P,
    action: &Action,
    plan: &RunPlan,
    timeout: Duration,
) -> Result<(), DriverError> {
    match action {
        Action::Goto { url } => page.goto(url, timeout).await,
        Action::Click { target, confirm } => {
            page.click(target, timeout).await?;
            if *confirm {
                page.confirm(timeout).await?;
            }
            Ok(())
        }
        Action::Fill { target, value } => {
            let text = match value {
                Value::Text(t) => t.get(&plan.locale).to_string(),
                Value::Env(name) => std::env::var(name).map_err(|_| {
                    DriverError::Unexpected(format!("environment variable {name} is not set"))
                })?,
            };
            page.fill(target, &text, timeout).await
        }
        Action::Select { target, option } => page.select(target, option, timeout).await,
        Action::Check { target, checked } => page.check(target, *checked, timeout).await,
        Action::ExpectText { text, target } => {
            page.expect_text(text, target.as_ref(), timeout).await
        }
        Action::ExpectUrl { url } => page.expect_url(url, timeout).await,
        Action::ExpectElement { target } => page.expect_element(target, timeout).await,
        // The runner keeps a screenshot after every step; this one only names it.
        Action::Screenshot { .. } => Ok(()),
        Action::Login => match &plan.credentials {
            Some(c) => page.login(c, timeout).await,
            None => Err(DriverError::Unexpected("no credentials for login".into())),
        },
        Action::AcceptCookies => page.accept_cookies(timeout).await.map(|_| ()),
        Action::AcceptAdminTerms => page.accept_admin_terms(timeout).await.map(|_| ()),
        Action::Confirm => page.confirm(timeout).await,
        // Loading replaces includes by their steps; one left here means the library was not loaded.
        Action::Include { scenario } => Err(DriverError::Unexpected(format!(
            "include of `{scenario}` was not resolved (load scenarios with their library)"
        ))),
    }
}
