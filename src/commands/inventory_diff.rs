//! `decidim-explorer inventory diff OLD NEW`: what changed in the admin between two inventories.

use super::exit;
use crate::cli::InventoryDiffArgs;
use explorer::analysis::catalogue::Catalogue;
use explorer::analysis::gap::feature_terms;
use explorer::analysis::gap::matcher::match_features;
use explorer::analysis::inventory::diff::diff;
use explorer::analysis::inventory::Inventory;
use std::path::{Path, PathBuf};

/// Read an inventory from its file, or from the folder `inventory` wrote it in.
fn read_inventory(path: &Path) -> Result<Inventory, String> {
    let file: PathBuf = if path.is_dir() {
        path.join("inventory.json")
    } else {
        path.to_path_buf()
    };
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: not an inventory: {e}", file.display()))
}

/// Compare, report, and return the exit code (0 whether or not something changed).
pub async fn main(args: &InventoryDiffArgs) -> u8 {
    let (old, new) = match (read_inventory(&args.old), read_inventory(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let mut d = diff(&old, &new);
    let mut lang = args.lang.clone().unwrap_or_else(|| "en".into());
    if let Some(path) = &args.notice {
        let catalogue = match Catalogue::load(&args.scenario_dir) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e}");
                return exit::USAGE;
            }
        };
        let notice = match explorer::analysis::notice::read_any(path.as_os_str(), None).await {
            Ok(n) => n,
            Err(e) => {
                eprintln!("error: {e}");
                return exit::USAGE;
            }
        };
        if args.lang.is_none() {
            lang = notice.lang.clone();
        }
        let terms = feature_terms(&catalogue, Some(&new), &notice.lang);
        d.attach_notice(&notice, &match_features(&notice, &terms));
    }
    let md = d.markdown(&lang);
    match &args.out {
        None => print!("{md}"),
        Some(dir) => {
            let written = std::fs::create_dir_all(dir)
                .and_then(|()| std::fs::write(dir.join("inventory-diff.md"), &md))
                .and_then(|()| {
                    std::fs::write(
                        dir.join("inventory-diff.json"),
                        serde_json::to_vec_pretty(&d).unwrap_or_default(),
                    )
                });
            if let Err(e) = written {
                eprintln!("error: cannot write into {}: {e}", dir.display());
                return exit::ENVIRONMENT;
            }
            eprintln!(
                "        Diff {} changes ({} pages in both) → {}",
                d.changes.len(),
                d.pages_in_both,
                dir.join("inventory-diff.md").display()
            );
        }
    }
    exit::OK
}
