//! `decidim-explorer inventory diff OLD NEW`: what changed in the admin between two inventories.

use crate::cli::InventoryDiffArgs;
use crate::error::{InventoryError, JsonFileError};
use explorer::analysis::catalogue::Catalogue;
use explorer::analysis::gap::feature_terms;
use explorer::analysis::gap::matcher::match_features;
use explorer::analysis::inventory::diff::diff;
use explorer::analysis::inventory::Inventory;
use std::path::{Path, PathBuf};

/// Read an inventory from its file, or from the folder `inventory` wrote it in.
fn read_inventory(path: &Path) -> Result<Inventory, JsonFileError> {
    let file: PathBuf = if path.is_dir() {
        path.join("inventory.json")
    } else {
        path.to_path_buf()
    };
    let text =
        std::fs::read_to_string(&file).map_err(|e| JsonFileError::read(&file, "inventory", e))?;
    serde_json::from_str(&text).map_err(|e| JsonFileError::parse(&file, "inventory", e))
}

/// Compare and report; a change is not a failure.
pub async fn main(args: &InventoryDiffArgs) -> Result<(), InventoryError> {
    let old = read_inventory(&args.old).map_err(InventoryError::Read)?;
    let new = read_inventory(&args.new).map_err(InventoryError::Read)?;
    let mut d = diff(&old, &new);
    let mut lang = args.lang.clone().unwrap_or_else(|| "en".into());
    if let Some(path) = &args.notice {
        let catalogue = Catalogue::load(&args.scenario_dir).map_err(InventoryError::Catalogue)?;
        let notice = explorer::analysis::notice::read_any(path.as_os_str(), None)
            .await
            .map_err(InventoryError::Notice)?;
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
            written.map_err(|source| InventoryError::WriteDiff {
                dir: dir.clone(),
                source,
            })?;
            eprintln!(
                "        Diff {} changes ({} pages in both) → {}",
                d.changes.len(),
                d.pages_in_both,
                dir.join("inventory-diff.md").display()
            );
        }
    }
    Ok(())
}
