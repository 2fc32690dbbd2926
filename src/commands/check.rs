//! `decidim-explorer check`: validate scenario files without a browser.

use super::{exit, print_load_errors};
use crate::cli::CheckArgs;
use crate::scenario::load_with_library;
use std::path::PathBuf;

/// Validate, print diagnostics, return the exit code.
pub fn main(args: &CheckArgs) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("scenarios")]
    } else {
        args.paths.clone()
    };
    let loaded = match load_with_library(&paths, Some(std::path::Path::new("scenarios"))) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot list scenario files in {paths:?}: {e}");
            return exit::USAGE;
        }
    };
    print_load_errors(&loaded);
    let steps: usize = loaded.scenarios.iter().map(|s| s.steps.len()).sum();
    if loaded.is_clean() {
        eprintln!(
            "ok: {} scenario file{}, {} scenario{}, {steps} steps",
            loaded.files,
            if loaded.files == 1 { "" } else { "s" },
            loaded.scenarios.len(),
            if loaded.scenarios.len() == 1 { "" } else { "s" },
        );
        exit::OK
    } else {
        eprintln!(
            "error: {} problem{} in {} file{}",
            loaded.errors.len() + loaded.unreadable.len(),
            if loaded.errors.len() + loaded.unreadable.len() == 1 {
                ""
            } else {
                "s"
            },
            loaded.files,
            if loaded.files == 1 { "" } else { "s" }
        );
        exit::USAGE
    }
}
