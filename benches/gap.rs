//! Benchmark: parse and match a generated 100-page manual (≈500 field rows).
//! `cargo bench --bench gap` prints the times; the goal is "well under a second".

use explorer::analysis::catalogue::Catalogue;
use explorer::analysis::gap::feature_terms;
use explorer::analysis::gap::matcher::match_features;
use std::path::Path;
use std::time::Instant;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let catalogue = Catalogue::load(&root.join("scenarios")).expect("catalogue");
    let dir = tempfile::tempdir().expect("temp dir");
    let (pages, rows) =
        explorer::analysis::notice::generate::manual(dir.path(), &catalogue, 100, 5);
    let mut best_parse = f64::MAX;
    let mut best_match = f64::MAX;
    let mut sections = 0;
    let mut verdicts = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let notice = explorer::analysis::notice::read(dir.path()).expect("notice");
        best_parse = best_parse.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let terms = feature_terms(&catalogue, None, &notice.lang);
        let m = match_features(&notice, &terms);
        best_match = best_match.min(t.elapsed().as_secs_f64());
        sections = notice.sections.len();
        verdicts = m.len();
    }
    println!(
        "gap bench: {pages} pages, {rows} field rows, {sections} sections, {verdicts} features: parse {:.1} ms, match {:.1} ms, total {:.1} ms (best of 5)",
        best_parse * 1000.0,
        best_match * 1000.0,
        (best_parse + best_match) * 1000.0
    );
}
