//! `decidim-explorer gap`: read a notice, match every catalogue feature against it (with the
//! inventory's labels and fields when given), write the report and the remarks.

use super::exit;
use crate::cli::{FailOn, GapArgs};
use explorer::analysis::catalogue::Catalogue;
use explorer::analysis::gap::feature_terms;
use explorer::analysis::gap::matcher::{match_features, Status};
use explorer::analysis::gap::report::GapReport;
use explorer::analysis::inventory::Inventory;
use std::path::PathBuf;
use std::time::Instant;

/// Write the report and return the exit code.
pub async fn main(args: &GapArgs) -> u8 {
    let started = Instant::now();
    let catalogue = match Catalogue::load(&args.scenario_dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let inventory: Option<Inventory> = match &args.inventory {
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        {
            Ok(inv) => Some(inv),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return exit::USAGE;
            }
        },
        None => None,
    };
    let notice = match explorer::analysis::notice::read_any(
        args.notice.as_os_str(),
        args.notice_site.as_deref(),
    )
    .await
    {
        Ok(n) => n,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::USAGE;
        }
    };
    let mut notice = notice;
    if !args.drop_pages.is_empty() {
        let before = notice.sections.len();
        notice.sections.retain(|s| {
            let page = s.source.split('#').next().unwrap_or("");
            !args.drop_pages.iter().any(|d| d == page)
        });
        if notice.sections.len() == before {
            eprintln!(
                "error: --drop-page: no such page in the notice: {:?}",
                args.drop_pages
            );
            return exit::USAGE;
        }
    }
    let key = match &args.evaluate {
        Some(path) => match explorer::analysis::gap::evaluate::AnswerKey::load(path) {
            Ok(k) => Some(k),
            Err(e) => {
                eprintln!("error: {e}");
                return exit::USAGE;
            }
        },
        None => None,
    };
    let terms = feature_terms(&catalogue, inventory.as_ref(), &notice.lang);
    let matches = match_features(&notice, &terms);
    let inventory_dir = args
        .inventory
        .as_ref()
        .and_then(|p| p.parent())
        .map(|p| p.to_path_buf());
    let screenshots = match (&inventory, &inventory_dir) {
        (Some(inv), Some(dir)) => {
            explorer::analysis::gap::screenshots::check(&notice, &matches, inv, dir)
        }
        _ => Vec::new(),
    };
    let evaluation = key
        .as_ref()
        .map(|k| explorer::analysis::gap::evaluate::evaluate(k, &notice, &matches));
    let mut report = GapReport::build(&notice, &catalogue, inventory.as_ref(), matches);
    report.screenshots = screenshots;
    let out = args
        .out
        .clone()
        .or_else(|| inventory_dir.clone())
        .unwrap_or_else(|| PathBuf::from("target/decidim-explorer/gap"));
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("error: cannot create {}: {e}", out.display());
        return exit::ENVIRONMENT;
    }
    let html = match report.html(inventory_dir.as_deref()) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: gap report template: {e}");
            return exit::ENVIRONMENT;
        }
    };
    if let Some(dir) = &inventory_dir {
        if let Err(e) = report.copy_remark_images(dir, &out) {
            eprintln!(
                "error: cannot copy screenshots into {}: {e}",
                out.join("img").display()
            );
            return exit::ENVIRONMENT;
        }
    }
    for (name, bytes) in [
        ("gap-report.md", report.markdown().into_bytes()),
        ("gap-report.html", html.into_bytes()),
        (
            "gap-report.json",
            serde_json::to_vec_pretty(&report).expect("serialisable"),
        ),
        ("remarks.md", report.remarks_markdown().into_bytes()),
    ] {
        if let Err(e) = std::fs::write(out.join(name), bytes) {
            eprintln!("error: cannot write {}: {e}", out.join(name).display());
            return exit::ENVIRONMENT;
        }
    }
    let t = report.totals;
    eprintln!(
        "         Gap {} features: {} covered, {} partial, {} missing; {} undocumented fields in {} covered features ({} sections read, {:.0} ms)",
        t.features,
        t.covered,
        t.partial,
        t.missing,
        t.missing_fields,
        t.covered_with_missing_fields,
        report.sections,
        started.elapsed().as_secs_f64() * 1000.0
    );
    for r in report
        .rows
        .iter()
        .filter(|r| r.in_instance && r.status == Status::Missing)
        .take(10)
    {
        eprintln!("     missing {} ({})", r.name, r.id);
    }
    if !report.screenshots.is_empty() {
        use explorer::analysis::gap::screenshots::Verdict;
        let n = |v| report.screenshots.iter().filter(|c| c.verdict == v).count();
        eprintln!(
            " Screenshots {} pictures of the manual: {} up to date, {} outdated, {} not compared",
            report.screenshots.len(),
            n(Verdict::UpToDate),
            n(Verdict::Outdated),
            n(Verdict::NotCompared)
        );
    }
    if let Some(ev) = &evaluation {
        eprint!("{}", ev.text());
        let file = out.join("evaluation.json");
        if let Err(e) = std::fs::write(&file, serde_json::to_vec_pretty(ev).expect("serialisable"))
        {
            eprintln!("error: cannot write {}: {e}", file.display());
            return exit::ENVIRONMENT;
        }
    }
    eprintln!("      Output {}", out.join("gap-report.html").display());
    let failing = match args.fail_on {
        Some(FailOn::Missing) => t.missing > 0,
        Some(FailOn::Partial) => t.missing + t.partial > 0,
        None => false,
    };
    if failing {
        exit::FAILED
    } else {
        exit::OK
    }
}
