//! `decidim-explorer check`: validate scenario files without a browser.

use super::print_load_errors;
use crate::cli::CheckArgs;
use crate::error::LoadError;
use std::path::PathBuf;

/// Validate and print diagnostics; fails when any file has a problem.
pub fn main(args: &CheckArgs) -> Result<(), LoadError> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        args.paths.clone()
    };
    let loaded = super::load_scenarios(&paths, Some(std::path::Path::new("scenarios")))?;
    print_load_errors(&loaded);
    // Feature ids must exist in the catalogue, when the scenario folder has one.
    let catalogue_dir = paths
        .iter()
        .find(|p| p.is_dir())
        .cloned()
        .unwrap_or_else(|| PathBuf::from("scenarios"));
    let mut unknown_features = 0;
    if let Ok(catalogue) = explorer::analysis::catalogue::Catalogue::load(&catalogue_dir) {
        for (scenario, id, near) in catalogue.unknown_ids(&loaded.scenarios) {
            unknown_features += 1;
            eprintln!(
                "error: scenario `{scenario}` names feature `{id}`, which is not in {}{}",
                catalogue_dir
                    .join(explorer::analysis::catalogue::CATALOGUE_FILE)
                    .display(),
                near.map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default()
            );
        }
    }
    // The learning path must name every lesson of a whole library once, after what it includes.
    let mut path_problems = 0;
    if args.paths.is_empty() || paths.iter().all(|p| p.is_dir()) {
        match explorer::scenario::learning_path::LearningPath::load(&catalogue_dir) {
            Ok(path) if !path.areas.is_empty() => {
                let includes = explorer::scenario::learning_path::includes(&loaded.scenarios);
                for p in path.problems(&loaded.scenarios, &includes) {
                    path_problems += 1;
                    eprintln!(
                        "error: {}: {p}",
                        catalogue_dir
                            .join(explorer::scenario::learning_path::FILE)
                            .display()
                    );
                }
            }
            Ok(_) => {}
            Err(e) => {
                path_problems += 1;
                eprintln!("error: {e}");
            }
        }
    }
    let steps: usize = loaded.scenarios.iter().map(|s| s.steps.len()).sum();
    if loaded.is_clean() && unknown_features == 0 && path_problems == 0 {
        eprintln!(
            "ok: {} scenario file{}, {} scenario{}, {steps} steps",
            loaded.files,
            if loaded.files == 1 { "" } else { "s" },
            loaded.scenarios.len(),
            if loaded.scenarios.len() == 1 { "" } else { "s" },
        );
        Ok(())
    } else {
        Err(LoadError::Invalid {
            problems: loaded.errors.len()
                + loaded.unreadable.len()
                + unknown_features
                + path_problems,
            files: loaded.files,
        })
    }
}
