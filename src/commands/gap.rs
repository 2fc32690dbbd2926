//! `decidim-explorer gap`: read a notice, match every catalogue feature against it (with the
//! inventory's labels and fields when given), write the report and the remarks.

use super::exit;
use crate::catalogue::Catalogue;
use crate::cli::{FailOn, GapArgs};
use crate::gap::matcher::{match_features, FeatureTerms, Status};
use crate::gap::report::GapReport;
use crate::inventory::Inventory;
use std::path::PathBuf;
use std::time::Instant;

/// Terms and fields of every catalogue feature in the notice's language, enriched by what the
/// inventory saw (page headings are strong terms; form labels are the fields to look for).
pub fn feature_terms(
    catalogue: &Catalogue,
    inventory: Option<&Inventory>,
    lang: &str,
) -> Vec<FeatureTerms> {
    catalogue
        .features
        .iter()
        .map(|f| {
            let names: Vec<String> = vec![f.name.get(lang).to_string()];
            let mut synonyms = if lang == "fr" {
                f.synonyms.fr.clone()
            } else {
                f.synonyms.en.clone()
            };
            let mut fields: Vec<String> = Vec::new();
            match inventory {
                Some(inv) => {
                    for p in inv.pages_of(&f.id) {
                        // A page's heading names the feature when the page is about it alone; like
                        // a synonym, it is strong only with several content words ("Edit
                        // organization" is, once "edit" is dropped, one generic word).
                        if p.features.len() == 1
                            && !p.heading.is_empty()
                            && !synonyms.contains(&p.heading)
                        {
                            synonyms.push(p.heading.clone());
                        }
                    }
                    fields = inv.form_labels(&f.id);
                }
                // The catalogue lists fields by their English labels only.
                None if lang == "en" => fields.extend(f.fields.iter().cloned()),
                None => {}
            }
            FeatureTerms {
                id: f.id.clone(),
                names,
                synonyms,
                fields,
                group: f.group.clone(),
                distinct_from: if lang == "fr" {
                    f.distinct_from.fr.clone()
                } else {
                    f.distinct_from.en.clone()
                },
            }
        })
        .collect()
}

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
    let notice =
        match crate::notice::read_any(args.notice.as_os_str(), args.notice_site.as_deref()).await {
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
        Some(path) => match crate::gap::evaluate::AnswerKey::load(path) {
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
        (Some(inv), Some(dir)) => crate::gap::screenshots::check(&notice, &matches, inv, dir),
        _ => Vec::new(),
    };
    let evaluation = key
        .as_ref()
        .map(|k| crate::gap::evaluate::evaluate(k, &notice, &matches));
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
        use crate::gap::screenshots::Verdict;
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
