//! A short fuzz pass over the parsers that read what people write: scenario TOML, durations,
//! and the notice in Markdown, AsciiDoc and HTML.
//!
//! Each case takes a file of the corpus (`fuzz/corpus/<parser>/`, grown by the coverage-guided
//! targets under `fuzz/`; every scenario of the library is a seed too) and mutates it: bytes
//! flipped, deleted or duplicated, syntax inserted, another seed spliced in. The parser must come
//! back with a result or errors, never a panic, and what it accepts must be safe to use:
//!
//! * a scenario that loads has an id that is a safe file name, so nothing the run writes for it
//!   leaves the run folder, and each error points inside the file;
//! * a duration that parses is bounded;
//! * notice sections have titles and links that are single lines.
//!
//! `cargo test` runs `FUZZ_CASES` cases per parser (256 unless set); a longer pass is
//! `FUZZ_CASES=200000 cargo test --release --test fuzz_parsers`.

use explorer::analysis::notice::{asciidoc, html, markdown};
use explorer::runner::run_folder;
use explorer::scenario::{parse_str, timeout::parse_timeout};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Files of `fuzz/corpus/<name>/` (and of `extra` folders), as bytes.
fn corpus(name: &str, extra: &[&str]) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut seeds = Vec::new();
    let folders = std::iter::once(root.join("fuzz/corpus").join(name))
        .chain(extra.iter().map(|e| root.join(e)));
    for folder in folders {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        seeds.extend(files.iter().map(|f| std::fs::read(f).unwrap()));
    }
    assert!(!seeds.is_empty(), "no seed for {name}");
    seeds
}

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

/// One change to a seed. Positions are taken modulo the length, so any number will do.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, &'static str),
    Splice(usize, usize, usize, usize),
}

/// What each parser's syntax is made of, so that mutations reach past the first error.
const TOKENS: &[&str] = &[
    "\n",
    "\"",
    "'",
    "'''",
    "\"\"\"",
    "=",
    "[",
    "]",
    "[[steps]]",
    "{",
    "}",
    ",",
    "#",
    "\\",
    "\\u{0}",
    "\u{0}",
    "é",
    "💥",
    "\r\n",
    "\t",
    " = ",
    "action = \"include\"\nscenario = \"",
    "action = \"click\"\n",
    "within = \"",
    "css = \"",
    "timeout = \"",
    "99999999999999999years",
    "0ms",
    "1e308s",
    "-1s",
    "id = \"../../x\"\n",
    "id = \"a\"\n",
    "writes = true\n",
    "text = { en = \"",
    "fr = \"",
    "label = \"",
    "title = { en = \"t\", fr = \"t\" }\n",
    "narration = { en = \"n\", fr = \"n\" }\n",
    "{ env = \"X\" }",
    "<",
    ">",
    "</",
    "<h2>",
    "</h2>",
    "<table><tr><td>",
    "<script>",
    "<!--",
    "-->",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "== ",
    "=== ",
    "include::",
    "[source]\n----\n",
    "|===\n",
    "image::",
    "xref:",
    "<<",
    ">>",
    "# ",
    "## ",
    "| a | b |\n|---|---|\n",
    "```\n",
    "![x](",
    "](",
    "[link](http://a/",
    "\n---\n",
    "{{",
    "}}",
    "%",
    "\u{202e}",
    "\u{feff}",
];

fn mutation(seeds: usize) -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutation::Flip(p, b)),
        (any::<usize>(), 1usize..64).prop_map(|(p, n)| Mutation::Delete(p, n)),
        (any::<usize>(), 1usize..256).prop_map(|(p, n)| Mutation::Duplicate(p, n)),
        (any::<usize>(), proptest::sample::select(TOKENS))
            .prop_map(|(p, t)| Mutation::Insert(p, t)),
        (any::<usize>(), 0..seeds, any::<usize>(), 1usize..512)
            .prop_map(|(p, s, from, n)| Mutation::Splice(p, s, from, n)),
    ]
}

fn apply(seed: &[u8], mutations: &[Mutation], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    let at = |p: usize, len: usize| if len == 0 { 0 } else { p % (len + 1) };
    for m in mutations {
        let len = bytes.len();
        match *m {
            Mutation::Flip(p, b) if len > 0 => bytes[p % len] = b,
            Mutation::Flip(..) => {}
            Mutation::Delete(p, n) => {
                let from = at(p, len);
                bytes.drain(from..(from + n).min(len));
            }
            Mutation::Duplicate(p, n) => {
                let from = at(p, len);
                let piece = bytes[from..(from + n).min(len)].to_vec();
                bytes.splice(from..from, piece);
            }
            Mutation::Insert(p, t) => {
                let p = at(p, len);
                bytes.splice(p..p, t.bytes());
            }
            Mutation::Splice(p, s, from, n) => {
                let other = &seeds[s];
                let from = at(from, other.len());
                let piece = other[from..(from + n).min(other.len())].to_vec();
                let p = at(p, len);
                bytes.splice(p..p, piece);
            }
        }
    }
    bytes
}

/// Run `check` on `cases()` mutants of the seeds (and on each seed as it is).
fn fuzz(seeds: &[Vec<u8>], check: impl Fn(&str)) {
    for seed in seeds {
        check(&String::from_utf8_lossy(seed));
    }
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        0..seeds.len(),
        proptest::collection::vec(mutation(seeds.len()), 1..8),
    );
    runner
        .run(&strategy, |(seed, mutations)| {
            let bytes = apply(&seeds[seed], &mutations, seeds);
            check(&String::from_utf8_lossy(&bytes));
            Ok(())
        })
        .unwrap();
}

/// A relative path made only of plain names: joined to a folder, it stays inside it.
fn stays_inside(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[test]
fn scenario_files() {
    let seeds = corpus("scenario", &["scenarios"]);
    fuzz(&seeds, |text| {
        let file = Path::new("fuzz.toml");
        match parse_str(file, text) {
            Ok(scenario) => {
                let mut paths = vec![run_folder::result_screenshot(&scenario)];
                for n in 1..=scenario.steps.len() {
                    paths.push(run_folder::step_screenshot(&scenario, n));
                    paths.push(run_folder::failure_html(&scenario, n, 1));
                    paths.push(run_folder::failure_screenshot(&scenario, n, 3));
                }
                for p in &paths {
                    assert!(stays_inside(p), "{} leaves the run folder", p.display());
                }
                for step in &scenario.steps {
                    assert!(
                        step.timeout
                            .is_none_or(|t| t <= Duration::from_secs(24 * 3600)),
                        "{step:?}"
                    );
                }
            }
            Err(errors) => {
                assert!(!errors.is_empty(), "rejected without a reason");
                let lines = text.lines().count().max(1) + 1;
                for e in &errors {
                    assert!(
                        e.pos.line >= 1 && e.pos.line <= lines && e.pos.column >= 1,
                        "error outside the file: {} at {}",
                        e.message,
                        e.pos
                    );
                }
            }
        }
    });
}

#[test]
fn durations() {
    let seeds: Vec<Vec<u8>> = ["10s", "1.5s", "250ms", "2m", "1h", "3 s", "90", "1m30s"]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
    fuzz(&seeds, |text| {
        if let Ok(d) = parse_timeout(text) {
            assert!(d <= Duration::from_secs(24 * 3600), "{text:?} → {d:?}");
        }
    });
}

fn sections_are_sane(sections: &[explorer::analysis::notice::Section]) {
    for s in sections {
        assert!(!s.heading().contains('\n'), "{:?}", s.heading());
        assert!(!s.link.contains('\n'), "{:?}", s.link);
    }
}

#[test]
fn notice_in_markdown() {
    fuzz(&corpus("notice_markdown", &[]), |text| {
        sections_are_sane(&markdown::page_sections(text, "notice.md"));
    });
}

#[test]
fn notice_in_asciidoc() {
    fuzz(&corpus("notice_asciidoc", &[]), |text| {
        sections_are_sane(&asciidoc::sections(
            text,
            &["Admin".to_string()],
            "page.html",
        ));
        let _ = asciidoc::clean_inline(text);
    });
}

#[test]
fn notice_in_html() {
    fuzz(
        &corpus("notice_html", &["fixtures/notices/help-centre-fr"]),
        |text| {
            let (sections, _title) = html::page_sections(text, "page.html");
            sections_are_sane(&sections);
        },
    );
}
