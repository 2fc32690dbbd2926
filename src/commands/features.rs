//! `decidim-explorer features`: the catalogue, which scenarios exercise each feature, and the
//! share of the catalogue covered (optionally counting only scenarios that passed in a run).

use super::print_load_errors;
use crate::cli::FeaturesArgs;
use crate::error::{Error, FeaturesError, JsonFileError, LoadError};
use explorer::analysis::catalogue::{Catalogue, Origin};
use std::collections::BTreeSet;

/// Ids of scenarios that passed in a run folder.
fn passed_in(run: &std::path::Path) -> Result<BTreeSet<String>, JsonFileError> {
    let path = run.join("summary.json");
    let text =
        std::fs::read_to_string(&path).map_err(|e| JsonFileError::read(&path, "run summary", e))?;
    let summary: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| JsonFileError::parse(&path, "run summary", e))?;
    Ok(summary["scenarios"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|s| s["status"] == "passed")
        .filter_map(|s| s["id"].as_str().map(String::from))
        .collect())
}

/// Print the coverage table (or JSON); fails (after it) when a scenario file has a problem.
pub fn main(args: &FeaturesArgs) -> Result<(), Error> {
    let catalogue = Catalogue::load(&args.scenario_dir).map_err(FeaturesError::Catalogue)?;
    let loaded = super::load_library(&args.scenario_dir)?;
    print_load_errors(&loaded);
    let passed = match &args.from_run {
        Some(run) => Some(passed_in(run).map_err(FeaturesError::FromRun)?),
        None => None,
    };
    let coverage = catalogue.coverage(&loaded.scenarios, |s| {
        passed.as_ref().is_none_or(|p| p.contains(&s.id))
    });
    let unknown = catalogue.unknown_ids(&loaded.scenarios);
    if args.json {
        let json = serde_json::json!({
            "core": { "exercised": coverage.count(Origin::Core).0, "total": coverage.count(Origin::Core).1, "percent": coverage.percent(Origin::Core) },
            "osp": { "exercised": coverage.count(Origin::Osp).0, "total": coverage.count(Origin::Osp).1, "percent": coverage.percent(Origin::Osp) },
            "counted": if passed.is_some() { "scenarios that passed in the given run" } else { "every scenario" },
            "features": coverage.rows,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&json).expect("serialisable")
        );
    } else {
        let mut group = "";
        for row in &coverage.rows {
            if args.missing && !row.scenarios.is_empty() {
                continue;
            }
            if row.feature.group != group {
                group = &row.feature.group;
                println!("\n{group}");
            }
            let (mark, detail) = if row.scenarios.is_empty() {
                (
                    "✗",
                    format!("— {}", row.reason.unwrap_or("no scenario yet")),
                )
            } else {
                ("✓", row.scenarios.join(", "))
            };
            println!(
                "  {mark} {:34} {:52} {detail}",
                row.feature.id,
                truncate(row.feature.name.get(&args.lang), 52)
            );
        }
        println!();
        for origin in [Origin::Core, Origin::Osp] {
            let (done, total) = coverage.count(origin);
            println!(
                "{:4} features exercised: {done}/{total} ({:.1} %)",
                if origin == Origin::Core {
                    "core"
                } else {
                    "OSP"
                },
                coverage.percent(origin)
            );
        }
        if passed.is_some() {
            println!(
                "(counting only scenarios that passed in {})",
                args.from_run.as_ref().expect("set").display()
            );
        }
    }
    for (scenario, id, near) in &unknown {
        eprintln!(
            "warning: scenario `{scenario}` names unknown feature `{id}`{}",
            near.map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default()
        );
    }
    if loaded.is_clean() && unknown.is_empty() {
        Ok(())
    } else {
        Err(LoadError::Invalid {
            problems: loaded.errors.len() + loaded.unreadable.len() + unknown.len(),
            files: loaded.files,
        }
        .into())
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
