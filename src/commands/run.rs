//! `decidim-explorer run`: resolve arguments into a [`RunPlan`], start the replica if no
//! target is given, wire the reporters and run.

use super::{exit, print_load_errors};
use crate::cli::RunArgs;
use crate::driver::{find_program, BrowserOptions};
use crate::replica::{Replica, ReplicaOptions, ADMIN_EMAIL, ADMIN_PASSWORD};
use crate::report::{
    handbook::HandbookReporter, jsonl::JsonlReporter, junit::JunitReporter,
    summary::SummaryReporter, terminal::TerminalReporter, Reporters,
};
use crate::runner::{self, plan::new_run_token, Cancel, RunPlan, TargetKind, WebDriverSource};
use crate::scenario::{load_with_library, Scenario};
use crate::secret::{credentials_from_env_or_prompt, Credentials, Secret};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Pick the scenarios named on the command line (files, folders or ids) and by tag.
fn select(args: &RunArgs) -> Result<Vec<Scenario>, u8> {
    let mut paths = Vec::new();
    let mut ids = Vec::new();
    for s in &args.scenarios {
        let p = PathBuf::from(s);
        if p.exists() {
            paths.push(p);
        } else {
            ids.push(s.clone());
        }
    }
    if paths.is_empty() {
        paths.push(args.scenario_dir.clone());
    }
    let loaded = load_with_library(&paths, Some(&args.scenario_dir)).map_err(|e| {
        eprintln!("error: cannot list scenario files in {paths:?}: {e}");
        exit::USAGE
    })?;
    if !loaded.is_clean() {
        print_load_errors(&loaded);
        eprintln!("error: fix the scenario files above (decidim-explorer check) before running");
        return Err(exit::USAGE);
    }
    let mut chosen: Vec<Scenario> = loaded.scenarios;
    if !ids.is_empty() {
        for id in &ids {
            if !chosen.iter().any(|s| &s.id == id) {
                let near =
                    crate::scenario::actions::nearest(id, chosen.iter().map(|s| s.id.as_str()));
                eprintln!(
                    "error: no scenario file or id `{id}`{}",
                    near.map(|n| format!(" (did you mean `{n}`?)"))
                        .unwrap_or_default()
                );
                return Err(exit::USAGE);
            }
        }
        chosen.retain(|s| ids.contains(&s.id));
    }
    if !args.tags.is_empty() {
        chosen.retain(|s| s.tags.iter().any(|t| args.tags.contains(t)));
    }
    if chosen.is_empty() {
        eprintln!("error: no scenario selected");
        return Err(exit::USAGE);
    }
    Ok(chosen)
}

fn run_id() -> String {
    let now = time::OffsetDateTime::now_utc();
    let fmt = time::macros::format_description!("[year][month][day]-[hour][minute][second]");
    format!(
        "{}-{}",
        now.format(&fmt).unwrap_or_default(),
        std::process::id()
    )
}

/// Run and return the exit code.
pub async fn main(args: &RunArgs) -> u8 {
    let scenarios = match select(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let webdriver = match &args.webdriver {
        Some(url) => WebDriverSource::Remote(url.clone()),
        None => match find_program(
            "chromedriver",
            args.chromedriver.as_deref(),
            "CHROMEDRIVER",
            &["chromedriver"],
            &["/usr/lib/chromium/chromedriver"],
        ) {
            Ok(p) => WebDriverSource::Local { chromedriver: p },
            Err(e) => {
                eprintln!("error: {e}");
                return exit::ENVIRONMENT;
            }
        },
    };
    let chromium = if args.webdriver.is_some() && args.chromium.is_none() {
        None // the remote end knows its own browser
    } else {
        match find_program(
            "chromium",
            args.chromium.as_deref(),
            "CHROMIUM",
            &["chromium", "chromium-browser", "google-chrome"],
            &["/usr/lib/chromium/chromium"],
        ) {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("error: {e}");
                return exit::ENVIRONMENT;
            }
        }
    };

    // Target: a real instance, or the replica started here for the length of the run.
    let mut replica = None;
    let (base_url, target, credentials) = match &args.base_url {
        Some(url) => {
            let parsed = match url::Url::parse(url) {
                Ok(u) => u,
                Err(e) => {
                    eprintln!("error: --base-url {url:?} is not a URL: {e}");
                    return exit::USAGE;
                }
            };
            let needs_login = scenarios.iter().any(|s| {
                s.steps
                    .iter()
                    .any(|st| matches!(st.action, crate::scenario::Action::Login))
            });
            let creds = if needs_login {
                match credentials_from_env_or_prompt(std::io::stdin().is_terminal()) {
                    Ok(c) => c,
                    Err(e) => {
                        eprintln!("error: cannot read credentials: {e}");
                        return exit::USAGE;
                    }
                }
            } else {
                None
            };
            if needs_login && creds.is_none() {
                eprintln!("warning: DECIDIM_EMAIL / DECIDIM_PASSWORD not set and no terminal to ask: scenarios that log in are skipped");
            }
            (parsed, TargetKind::Real, creds)
        }
        None => {
            let opts = ReplicaOptions {
                default_locale: args.replica_locale.clone(),
                port: 0,
            };
            let r = match Replica::start(opts).await {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: cannot start the replica: {e}");
                    return exit::ENVIRONMENT;
                }
            };
            let url = url::Url::parse(r.base_url()).expect("replica URL is valid");
            replica = Some(r);
            let creds = Credentials {
                email: ADMIN_EMAIL.into(),
                password: Secret::new(ADMIN_PASSWORD),
            };
            (url, TargetKind::Replica, Some(creds))
        }
    };

    let run_id = run_id();
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("target/decidim-explorer/runs").join(&run_id));
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        eprintln!(
            "error: cannot create the run folder {}: {e}",
            out_dir.display()
        );
        return exit::ENVIRONMENT;
    }
    let plan = RunPlan {
        scenarios,
        base_url,
        target,
        credentials,
        allow_writes: args.allow_writes,
        step_timeout: args.timeout,
        out_dir: out_dir.clone(),
        run_id,
        run_token: new_run_token(),
        locale: args.lang.clone(),
        fail_fast: args.fail_fast,
        webdriver,
        browser: BrowserOptions {
            chromium,
            headed: args.headed,
            accept_language: args.browser_lang.clone(),
            ..BrowserOptions::default()
        },
    };

    let mut reporters = Reporters::default();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    reporters.add(TerminalReporter::new(
        std::io::stderr(),
        color,
        args.steps,
        &args.lang,
    ));
    match JsonlReporter::create(&out_dir.join("events.jsonl")) {
        Ok(r) => {
            reporters.add(r);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return exit::ENVIRONMENT;
        }
    }
    reporters.add(SummaryReporter::new(&out_dir.join("summary.json")));
    reporters.add(JunitReporter::new(&out_dir.join("junit.xml")));
    reporters.add(HandbookReporter::new(&out_dir));

    let cancel = Cancel::new();
    runner::cancel::install_signal_handler(cancel.clone());
    let stats = runner::run(&plan, &mut reporters, &cancel).await;
    if let Some(r) = replica {
        r.shutdown().await;
    }
    for e in reporters.errors() {
        eprintln!("warning: report not written: {e}: {}", e.source);
    }
    if cancel.is_cancelled() {
        exit::INTERRUPTED
    } else if stats.is_success() {
        exit::OK
    } else {
        exit::FAILED
    }
}
