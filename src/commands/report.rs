//! `decidim-explorer report merge`: the shards of a suite joined into one set of reports.

use crate::cli::MergeArgs;
use crate::error::MergeError;

/// Merge the shards; fail as `run` would when the suite did not pass.
pub fn merge(args: &MergeArgs) -> Result<(), MergeError> {
    let stats = explorer::reporters::merge::merge(&args.runs, &args.out)?;
    eprintln!(
        "merged {} run folders into {}: {} passed, {} flaky, {} failed, {} skipped, {} not run, {} interrupted",
        args.runs.len(),
        args.out.display(),
        stats.passed,
        stats.flaky,
        stats.failed,
        stats.skipped,
        stats.not_run,
        stats.interrupted
    );
    if stats.is_success() {
        Ok(())
    } else {
        Err(MergeError::Failed { stats })
    }
}
