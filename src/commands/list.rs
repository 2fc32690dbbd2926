//! `decidim-explorer list`: the lessons at a glance.

use super::print_load_errors;
use crate::cli::ListArgs;
use crate::error::LoadError;

/// Print the scenarios as a table (or JSON); fails (after the table) when a file has a problem.
pub fn main(args: &ListArgs) -> Result<(), LoadError> {
    let loaded = super::load_library(&args.scenario_dir)?;
    print_load_errors(&loaded);
    let scenarios: Vec<_> = loaded
        .scenarios
        .iter()
        .filter(|s| args.tags.is_empty() || s.tags.iter().any(|t| args.tags.contains(t)))
        .collect();
    if args.json {
        let rows: Vec<_> = scenarios
            .iter()
            .map(|s| {
                serde_json::json!({
                    "id": s.id, "title": s.title, "tags": s.tags, "features": s.features,
                    "writes": s.writes, "steps": s.steps.len(), "file": s.file,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).expect("serialisable")
        );
    } else {
        let width = scenarios
            .iter()
            .map(|s| s.id.len())
            .max()
            .unwrap_or(2)
            .max(2);
        println!(
            "{:width$}  {:6}  {:>5}  title / tags / features",
            "id", "writes", "steps"
        );
        for s in &scenarios {
            println!(
                "{:width$}  {:6}  {:>5}  {}",
                s.id,
                if s.writes { "yes" } else { "no" },
                s.steps.len(),
                s.title.get(&args.lang)
            );
            println!(
                "{:width$}  {:6}  {:>5}  tags: {}",
                "",
                "",
                "",
                s.tags.join(", ")
            );
            println!(
                "{:width$}  {:6}  {:>5}  features: {}",
                "",
                "",
                "",
                s.features.join(", ")
            );
        }
        let steps: usize = scenarios.iter().map(|s| s.steps.len()).sum();
        let writing = scenarios.iter().filter(|s| s.writes).count();
        println!(
            "{} scenarios, {steps} steps; {writing} write data (skipped on a real instance without --allow-writes)",
            scenarios.len()
        );
    }
    if loaded.is_clean() {
        Ok(())
    } else {
        Err(LoadError::Invalid {
            problems: loaded.errors.len() + loaded.unreadable.len(),
            files: loaded.files,
        })
    }
}
