//! `decidim-explorer gap`: read a notice, match every catalogue feature against it (with the
//! inventory's labels and fields when given), write the report and the remarks.

use crate::cli::{FailOn, GapArgs};
use crate::error::{GapError, JsonFileError};
use explorer::analysis::catalogue::Catalogue;
use explorer::analysis::gap::evaluate::{evaluate, AnswerKey};
use explorer::analysis::gap::feature_terms;
use explorer::analysis::gap::matcher::{match_features, Status};
use explorer::analysis::gap::report::GapReport;
use explorer::analysis::gap::screenshots::{self, Verdict};
use explorer::analysis::inventory::Inventory;
use explorer::analysis::notice::Notice;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Read an inventory written by `inventory`.
fn read_inventory(path: &std::path::Path) -> Result<Inventory, JsonFileError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| JsonFileError::read(path, "inventory", e))?;
    serde_json::from_str(&text).map_err(|e| JsonFileError::parse(path, "inventory", e))
}

/// Write the report; with `--fail-on`, fail (after writing it) when such gaps exist.
pub async fn main(args: &GapArgs) -> Result<(), GapError> {
    let started = Instant::now();
    let catalogue = Catalogue::load(&args.scenario_dir).map_err(GapError::Catalogue)?;
    let inventory: Option<Inventory> = match &args.inventory {
        Some(path) => Some(read_inventory(path).map_err(GapError::Inventory)?),
        None => None,
    };
    let notice = read_notice(args).await?;
    let key = match &args.evaluate {
        Some(path) => {
            Some(AnswerKey::load(path).map_err(|message| GapError::AnswerKey { message })?)
        }
        None => None,
    };
    let terms = feature_terms(&catalogue, inventory.as_ref(), &notice.lang);
    let matches = match_features(&notice, &terms);
    let inventory_dir = args
        .inventory
        .as_ref()
        .and_then(|p| p.parent())
        .map(|p| p.to_path_buf());
    let pictures = match (&inventory, &inventory_dir) {
        (Some(inv), Some(dir)) => screenshots::check(&notice, &matches, inv, dir),
        _ => Vec::new(),
    };
    let evaluation = key.as_ref().map(|k| evaluate(k, &notice, &matches));
    let mut report = GapReport::build(&notice, &catalogue, inventory.as_ref(), matches);
    report.screenshots = pictures;
    let out = args
        .out
        .clone()
        .or_else(|| inventory_dir.clone())
        .unwrap_or_else(|| PathBuf::from("target/decidim-explorer/gap"));
    write_report(&report, inventory_dir.as_deref(), &out)?;
    print_summary(&report, started);
    if let Some(ev) = &evaluation {
        eprint!("{}", ev.text());
        let file = out.join("evaluation.json");
        std::fs::write(&file, serde_json::to_vec_pretty(ev).expect("serialisable"))
            .map_err(|source| GapError::Write { path: file, source })?;
    }
    eprintln!("      Output {}", out.join("gap-report.html").display());
    let t = report.totals;
    let failing = match args.fail_on {
        Some(FailOn::Missing) => t.missing > 0,
        Some(FailOn::Partial) => t.missing + t.partial > 0,
        None => false,
    };
    match args.fail_on {
        Some(fail_on) if failing => Err(GapError::GapsFound {
            fail_on,
            missing: t.missing,
            partial: t.partial,
        }),
        _ => Ok(()),
    }
}

/// The notice, less the pages `--drop-page` leaves out (naming none of its pages is an error).
async fn read_notice(args: &GapArgs) -> Result<Notice, GapError> {
    let mut notice =
        explorer::analysis::notice::read_any(args.notice.as_os_str(), args.notice_site.as_deref())
            .await
            .map_err(GapError::Notice)?;
    if !args.drop_pages.is_empty() {
        let before = notice.sections.len();
        notice.sections.retain(|s| {
            let page = s.source.split('#').next().unwrap_or("");
            !args.drop_pages.iter().any(|d| d == page)
        });
        if notice.sections.len() == before {
            return Err(GapError::UnknownDropPage {
                pages: args.drop_pages.clone(),
            });
        }
    }
    Ok(notice)
}

/// The report as Markdown, HTML and JSON, and the remarks with their pictures, in `out`.
fn write_report(
    report: &GapReport,
    inventory_dir: Option<&Path>,
    out: &Path,
) -> Result<(), GapError> {
    std::fs::create_dir_all(out).map_err(|source| GapError::CreateDir {
        path: out.to_path_buf(),
        source,
    })?;
    let html = report
        .html(inventory_dir)
        .map_err(|e| GapError::Template(Box::new(e)))?;
    if let Some(dir) = inventory_dir {
        report
            .copy_remark_images(dir, out)
            .map_err(|source| GapError::CopyImages {
                dir: out.join("img"),
                source,
            })?;
    }
    for (name, bytes) in [
        ("gap-report.md", report.markdown().into_bytes()),
        ("gap-report.html", html.into_bytes()),
        (
            "gap-report.json",
            serde_json::to_vec_pretty(report).expect("serialisable"),
        ),
        ("remarks.md", report.remarks_markdown().into_bytes()),
    ] {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(|source| GapError::Write { path, source })?;
    }
    Ok(())
}

/// The totals, the first missing features and the pictures' verdicts, on stderr.
fn print_summary(report: &GapReport, started: Instant) {
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
        let n = |v| report.screenshots.iter().filter(|c| c.verdict == v).count();
        eprintln!(
            " Screenshots {} pictures of the manual: {} up to date, {} outdated, {} not compared",
            report.screenshots.len(),
            n(Verdict::UpToDate),
            n(Verdict::Outdated),
            n(Verdict::NotCompared)
        );
    }
}
