//! `gap --evaluate KEY`: how right the report is on a manual whose answers are known.
//!
//! The answer key (TOML, facts only: no prose of the manual) gives per feature the expected status
//! and, for a documented feature, the section that documents it (`spaces/processes.adoc#_form`,
//! the page's path inside the manual, with an optional anchor). The evaluation gives precision and
//! recall per status, the confusion between statuses, and the features attributed to another
//! section than the key's.

use super::matcher::{FeatureMatch, Status};
use crate::analysis::notice::Notice;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One feature's expected verdict.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// Catalogue id.
    pub id: String,
    /// Covered, partial or missing.
    pub status: Status,
    /// The section that documents it (page path inside the manual, `#anchor` optional).
    pub section: Option<String>,
    /// Other sections that document it as well (the same partial included in every space's
    /// page, a form explained on each component's page): attributing it to one is right too.
    #[serde(default)]
    pub or_sections: Vec<String>,
}

/// An answer key.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerKey {
    /// Which manual, at which version.
    pub manual: String,
    /// The expected verdicts.
    #[serde(rename = "feature")]
    pub features: Vec<Expected>,
}

impl AnswerKey {
    /// Read a key; errors name the file, line and column.
    pub fn load(path: &Path) -> Result<AnswerKey, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before
                        .rfind('\n')
                        .map_or(before.len(), |i| before.len() - i - 1)
                        + 1;
                    format!(":{line}:{col}")
                })
                .unwrap_or_default();
            format!("{}{at}: {}", path.display(), e.message())
        })
    }
}

/// Precision and recall of one status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusScore {
    /// The status.
    pub status: Status,
    /// Features the key gives this status.
    pub expected: usize,
    /// Features the report gives it.
    pub found: usize,
    /// Both.
    pub right: usize,
    /// right / found (1 when nothing was found).
    pub precision: f64,
    /// right / expected (1 when nothing was expected).
    pub recall: f64,
}

/// A documented feature attributed to another section.
#[derive(Debug, Clone, Serialize)]
pub struct WrongSection {
    /// Catalogue id.
    pub id: String,
    /// The key's section.
    pub expected: String,
    /// The report's.
    pub found: String,
}

/// The whole evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The key's manual.
    pub manual: String,
    /// Features evaluated (in the key and in the report).
    pub features: usize,
    /// Per status: covered, partial, missing.
    pub scores: Vec<StatusScore>,
    /// `confusion[expected][found]`, statuses in the order missing, partial, covered.
    pub confusion: [[usize; 3]; 3],
    /// Documented features the report calls missing.
    pub false_missing: Vec<String>,
    /// Features the report calls covered that the key does not.
    pub false_covered: Vec<String>,
    /// Covered in both, with another section than the key's.
    pub wrong_sections: Vec<WrongSection>,
    /// Share of the features covered in both attributed to the key's section.
    pub right_section_share: f64,
    /// Key ids the report does not know (a catalogue change?).
    pub unknown: Vec<String>,
}

fn index(s: Status) -> usize {
    match s {
        Status::Missing => 0,
        Status::Partial => 1,
        Status::Covered => 2,
    }
}

/// Whether the report's section `found` (page#anchor) is the key's `expected` (page, or page#anchor).
fn same_section(expected: &str, found: &str) -> bool {
    let norm = |s: &str| s.trim_start_matches("./").to_string();
    let (e, f) = (norm(expected), norm(found));
    match e.split_once('#') {
        Some(_) => e == f,
        None => f.split('#').next() == Some(e.as_str()),
    }
}

/// Whether `found` is a subsection of the section the key expects ("0. Initiative setup ›
/// New initiative type form" for "0. Initiative setup"): it points a maintainer inside it.
fn inside(notice: &Notice, expected: &str, found: &crate::analysis::notice::Section) -> bool {
    let page = |s: &str| s.split('#').next().unwrap_or("").to_string();
    notice
        .sections
        .iter()
        .filter(|s| s.source == expected.trim_start_matches("./"))
        .any(|s| page(&s.source) == page(&found.source) && found.path.starts_with(&s.path))
}

/// Compare the report's matches with the key.
pub fn evaluate(key: &AnswerKey, notice: &Notice, matches: &[FeatureMatch]) -> Evaluation {
    let mut confusion = [[0usize; 3]; 3];
    let mut false_missing = Vec::new();
    let mut false_covered = Vec::new();
    let mut wrong_sections = Vec::new();
    let mut unknown = Vec::new();
    let (mut both_covered, mut right_section) = (0, 0);
    for e in &key.features {
        let Some(m) = matches.iter().find(|m| m.id == e.id) else {
            unknown.push(e.id.clone());
            continue;
        };
        confusion[index(e.status)][index(m.status)] += 1;
        if e.status != Status::Missing && m.status == Status::Missing {
            false_missing.push(e.id.clone());
        }
        if m.status == Status::Covered && e.status != Status::Covered {
            false_covered.push(e.id.clone());
        }
        if e.status == Status::Covered && m.status == Status::Covered {
            both_covered += 1;
            let found_section = m
                .evidence
                .as_ref()
                .and_then(|ev| notice.sections.get(ev.section));
            let found = found_section.map(|s| s.source.clone()).unwrap_or_default();
            match &e.section {
                Some(expected)
                    if !std::iter::once(expected).chain(&e.or_sections).any(|x| {
                        same_section(x, &found)
                            || found_section.is_some_and(|f| inside(notice, x, f))
                    }) =>
                {
                    wrong_sections.push(WrongSection {
                        id: e.id.clone(),
                        expected: expected.clone(),
                        found,
                    })
                }
                _ => right_section += 1,
            }
        }
    }
    let scores = [Status::Covered, Status::Partial, Status::Missing]
        .into_iter()
        .map(|s| {
            let i = index(s);
            let expected: usize = confusion[i].iter().sum();
            let found: usize = confusion.iter().map(|row| row[i]).sum();
            let right = confusion[i][i];
            let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
            StatusScore {
                status: s,
                expected,
                found,
                right,
                precision: ratio(right, found),
                recall: ratio(right, expected),
            }
        })
        .collect();
    Evaluation {
        manual: key.manual.clone(),
        features: confusion.iter().flatten().sum(),
        scores,
        confusion,
        false_missing,
        false_covered,
        wrong_sections,
        right_section_share: if both_covered == 0 {
            1.0
        } else {
            right_section as f64 / both_covered as f64
        },
        unknown,
    }
}

impl Evaluation {
    /// The evaluation as a terminal table.
    pub fn text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "  Evaluation on {} ({} features)",
            self.manual, self.features
        );
        let _ = writeln!(
            out,
            "    status    expected  found  right  precision  recall"
        );
        for s in &self.scores {
            let name = match s.status {
                Status::Covered => "covered",
                Status::Partial => "partial",
                Status::Missing => "missing",
            };
            let _ = writeln!(
                out,
                "    {name:<9} {:>8} {:>6} {:>6} {:>9.0}% {:>6.0}%",
                s.expected,
                s.found,
                s.right,
                s.precision * 100.0,
                s.recall * 100.0
            );
        }
        let _ = writeln!(
            out,
            "    confusion (rows: key, columns: report; missing, partial, covered)"
        );
        for (name, row) in ["missing", "partial", "covered"].iter().zip(self.confusion) {
            let _ = writeln!(
                out,
                "      {name:<8} {:>4} {:>4} {:>4}",
                row[0], row[1], row[2]
            );
        }
        let _ = writeln!(
            out,
            "    false missing: {} {:?}\n    false covered: {} {:?}\n    right section: {:.0}% of covered features",
            self.false_missing.len(),
            self.false_missing,
            self.false_covered.len(),
            self.false_covered,
            self.right_section_share * 100.0
        );
        for w in &self.wrong_sections {
            let _ = writeln!(
                out,
                "      wrong section {}: expected {}, found {}",
                w.id, w.expected, w.found
            );
        }
        if !self.unknown.is_empty() {
            let _ = writeln!(out, "    not in the report: {:?}", self.unknown);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::gap::matcher::Evidence;
    use crate::analysis::notice::{NoticeFormat, Section};

    fn m(id: &str, status: Status, section: Option<usize>) -> FeatureMatch {
        FeatureMatch {
            id: id.into(),
            status,
            evidence: section.map(|s| Evidence {
                section: s,
                breadcrumb: String::new(),
                link: String::new(),
                term: String::new(),
                excerpt: String::new(),
                kinds: vec![],
                score: 0,
            }),
            also: vec![],
            closest: None,
            missing_fields: vec![],
        }
    }

    #[test]
    fn scores_confusion_and_wrong_sections() {
        let notice = Notice {
            source: "n".into(),
            format: NoticeFormat::Antora,
            lang: "en".into(),
            sections: vec![
                Section {
                    source: "spaces/processes.adoc".into(),
                    ..Default::default()
                },
                Section {
                    source: "spaces/processes.adoc#_form".into(),
                    ..Default::default()
                },
                Section {
                    source: "settings/badges.adoc".into(),
                    ..Default::default()
                },
            ],
        };
        let key: AnswerKey = toml::from_str(
            r#"manual = "fixture"
[[feature]]
id = "a"
status = "covered"
section = "spaces/processes.adoc"
[[feature]]
id = "b"
status = "covered"
section = "settings/configuration.adoc"
[[feature]]
id = "c"
status = "partial"
[[feature]]
id = "d"
status = "missing"
[[feature]]
id = "e"
status = "covered"
"#,
        )
        .unwrap();
        let matches = [
            m("a", Status::Covered, Some(1)), // the page's subsection: right page
            m("b", Status::Covered, Some(2)), // wrong section
            m("c", Status::Covered, Some(0)), // false covered
            m("d", Status::Missing, None),
            m("e", Status::Missing, None), // false missing
        ];
        let ev = evaluate(&key, &notice, &matches);
        assert_eq!(ev.features, 5);
        assert_eq!(ev.confusion, [[1, 0, 0], [0, 0, 1], [1, 0, 2]]);
        assert_eq!(ev.false_missing, ["e"]);
        assert_eq!(ev.false_covered, ["c"]);
        assert_eq!(ev.wrong_sections.len(), 1);
        assert_eq!(ev.wrong_sections[0].found, "settings/badges.adoc");
        assert!((ev.right_section_share - 0.5).abs() < 1e-9);
        let covered = &ev.scores[0];
        assert_eq!((covered.expected, covered.found, covered.right), (3, 3, 2));
        assert!(ev.text().contains("false missing: 1"));
    }

    #[test]
    fn a_bad_key_names_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("key.toml");
        std::fs::write(
            &f,
            "manual = \"m\"\n[[feature]]\nid = \"a\"\nstatus = \"documented\"\n",
        )
        .unwrap();
        let e = AnswerKey::load(&f).unwrap_err();
        assert!(e.contains("key.toml:4:"), "{e}");
    }
}
