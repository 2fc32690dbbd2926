//! `decidim-explorer inventory`: sign in (without accepting the admin terms unless asked), crawl
//! the admin with GET navigation only, map pages
//! to catalogue features, write `inventory.json` and a screenshot per page.

use super::run::{prepare, RunChoices};
use crate::cli::InventoryArgs;
use crate::error::{Error, InventoryError};
use explorer::analysis::catalogue::Catalogue;
use explorer::analysis::inventory::{crawl, map_features, Inventory};
use explorer::driver::{AdminTerms, Browser, DriverError};
use explorer::runner::Cancel;
use std::time::Instant;

/// Log in and crawl on one session of the run's browser, which is shut down whatever happens.
async fn crawl_with_browser(
    plan: &explorer::runner::RunPlan,
    limits: crawl::Limits,
    terms: AdminTerms,
    inventory: &mut Inventory,
) -> Result<(), DriverError> {
    let mut browser = Browser::new(
        plan.webdriver.clone(),
        plan.browser.clone(),
        plan.base_url.clone(),
    );
    let outcome = async {
        let creds = plan.credentials.as_ref().ok_or_else(|| {
            DriverError::Unexpected(
                "inventory needs admin credentials (DECIDIM_EMAIL / DECIDIM_PASSWORD)".into(),
            )
        })?;
        let page = browser.open().await?;
        page.login_with(creds, plan.step_timeout, terms).await?;
        crawl::crawl(&page, limits, &plan.out_dir, inventory).await
    }
    .await;
    browser.shutdown().await;
    outcome
}

/// How a crawl ended; anything but `Complete` still writes the inventory, marked incomplete.
enum CrawlEnd {
    Complete,
    Interrupted,
    Failed(DriverError),
}

/// Crawl (or, with `diff`, compare two inventories).
pub async fn main(args: &InventoryArgs) -> Result<(), Error> {
    if let Some(crate::cli::InventoryAction::Diff(d)) = &args.action {
        return Ok(super::inventory_diff::main(d).await?);
    }
    let catalogue =
        Catalogue::load(&args.session.scenario_dir).map_err(InventoryError::Catalogue)?;
    let choices = RunChoices {
        headed: args.headed,
        ..RunChoices::single("en")
    };
    let prepared = prepare(&args.session, Vec::new(), choices).await?;
    // `prepare` asks for credentials only when a scenario logs in; the crawl always does.
    let mut plan = prepared.plan;
    if plan.credentials.is_none() {
        match explorer::secret::credentials_from_env_or_prompt(std::io::IsTerminal::is_terminal(
            &std::io::stdin(),
        )) {
            Ok(Some(c)) => plan.credentials = Some(c),
            _ => return Err(InventoryError::NoCredentials.into()),
        }
    }
    // The built-in replica is ours, but the crawl behaves as on a shared instance: its seeded
    // admin who has accepted the terms signs in, so that nothing but the sign-in is sent.
    if prepared.replica.is_some() {
        if let Some(c) = plan.credentials.as_mut() {
            c.email = replica::TERMS_ACCEPTED_EMAIL.into();
        }
    }
    let terms = if args.accept_admin_terms {
        AdminTerms::Accept
    } else {
        AdminTerms::Refuse
    };
    let limits = crawl::Limits {
        max_pages: args.max_pages,
        max_depth: args.max_depth,
    };
    eprintln!(
        "    Crawling {} (GET only, at most {} pages, depth {})",
        plan.base_url, limits.max_pages, limits.max_depth
    );
    let started = Instant::now();
    let cancel = Cancel::new();
    explorer::runner::cancel::install_signal_handler(cancel.clone());
    let mut inventory = Inventory::new(&plan.base_url);
    // The crawl fills `inventory` as it goes: whatever ends it, what it saw is written.
    let result = {
        let crawling = crawl_with_browser(&plan, limits, terms, &mut inventory);
        tokio::select! {
            r = crawling => Some(r),
            _ = cancel.cancelled() => None,
        }
    };
    if let Some(r) = &prepared.replica {
        // The replica logs every request: keep it as evidence that the crawl only read.
        let log = serde_json::to_vec_pretty(&r.requests()).unwrap_or_default();
        let _ = std::fs::write(plan.out_dir.join("replica-requests.json"), log);
    }
    if let Some(r) = prepared.replica {
        r.shutdown().await;
    }
    let ended = match result {
        None => CrawlEnd::Interrupted,
        Some(Err(e)) => CrawlEnd::Failed(e),
        Some(Ok(())) => CrawlEnd::Complete,
    };
    inventory.incomplete = match &ended {
        CrawlEnd::Complete => None,
        CrawlEnd::Interrupted => Some("interrupted".to_string()),
        CrawlEnd::Failed(e) => Some(format!(
            "the crawl failed: {}",
            explorer::runner::error_chain(e)
        )),
    };
    map_features(&mut inventory, &catalogue);
    let path = plan.out_dir.join("inventory.json");
    let json = serde_json::to_vec_pretty(&inventory).expect("an inventory serialises");
    std::fs::write(&path, json).map_err(|source| InventoryError::Write {
        path: path.clone(),
        source,
    })?;
    match ended {
        CrawlEnd::Complete => {}
        CrawlEnd::Interrupted => return Err(InventoryError::Interrupted { partial: path }.into()),
        CrawlEnd::Failed(source) => {
            return Err(InventoryError::Crawl {
                partial: path,
                source: Box::new(source),
            }
            .into())
        }
    }
    let features: std::collections::BTreeSet<&str> = inventory
        .pages
        .iter()
        .flat_map(|p| p.features.iter().map(String::as_str))
        .collect();
    let fields: usize = inventory
        .pages
        .iter()
        .flat_map(|p| &p.forms)
        .map(|f| f.fields.len())
        .sum();
    eprintln!(
        "    Inventory {} pages, {} forms ({} fields), {} catalogue features matched, {} discovered pages, {} links not followed{} in {:.1}s",
        inventory.pages.len(),
        inventory.pages.iter().map(|p| p.forms.len()).sum::<usize>(),
        fields,
        features.len(),
        inventory.discovered.len(),
        inventory.skipped.len(),
        if inventory.truncated { " (limits reached)" } else { "" },
        started.elapsed().as_secs_f64()
    );
    for d in &inventory.discovered {
        eprintln!("  discovered {d}");
    }
    eprintln!("      Output {}", path.display());
    Ok(())
}
