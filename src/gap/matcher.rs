//! Classes each feature against a notice's sections:
//! - **covered**: a section's own heading names it (and no more specific feature claims that
//!   heading: "Groupes de concertations" is about process groups, not about processes);
//! - **partial**: only mentioned in the text of some section;
//! - **missing**: nowhere; the closest section (most shared words) is given as a lead.
//!
//! For covered features, the UI's form fields that the covering sections never name are listed.

use super::text::{Analyzer, Token};
use crate::notice::{Notice, Section};
use serde::Serialize;

/// What the matcher knows of a feature: the words that name it and the fields of its forms.
#[derive(Debug, Clone)]
pub struct FeatureTerms {
    /// Catalogue id.
    pub id: String,
    /// Its names: the catalogue name in the notice's language, its admin pages' headings.
    pub names: Vec<String>,
    /// Other words for it. A synonym of several content words is as strong as a name; a
    /// one-word synonym is weak: it counts in a page title or a text, never in a subsection
    /// heading (a "Form" subsection of a process page is not about surveys).
    pub synonyms: Vec<String>,
    /// Form field labels seen in the UI (or listed by the catalogue).
    pub fields: Vec<String>,
}

/// How well the notice covers a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nowhere in the notice.
    Missing,
    /// Only mentioned in passing.
    Partial,
    /// A section is about it.
    Covered,
}

/// Where a feature was found (or the closest place).
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// Index of the section in the notice.
    pub section: usize,
    /// Heading path.
    pub breadcrumb: String,
    /// Link to the section.
    pub link: String,
    /// The term that matched.
    pub term: String,
    /// A short excerpt around the match.
    pub excerpt: String,
}

/// The verdict for one feature.
#[derive(Debug, Clone, Serialize)]
pub struct FeatureMatch {
    /// Catalogue id.
    pub id: String,
    /// Covered, partial or missing.
    pub status: Status,
    /// The covering section or the mention.
    pub evidence: Option<Evidence>,
    /// For missing features: the section sharing most words with the feature's terms.
    pub closest: Option<Evidence>,
    /// For covered features: UI fields the notice never names.
    pub missing_fields: Vec<String>,
}

/// A feature named by a heading: (feature index, (term length, strong, within the own heading), term).
type HeadingHit = (usize, (usize, bool, bool), String);

/// A term, tokenized, with its strength.
struct Term {
    text: String,
    tokens: Vec<Token>,
    strong: bool,
}

/// Tokenize every feature's terms; weak terms shared by several features say nothing about any
/// of them and are dropped ("invité" names conference invites and guest registrations alike).
fn prepare_terms(a: &Analyzer, features: &[FeatureTerms]) -> Vec<Vec<Term>> {
    let mut all: Vec<Vec<Term>> = features
        .iter()
        .map(|f| {
            let names = f.names.iter().map(|t| (t, true));
            let synonyms = f.synonyms.iter().map(|t| (t, false));
            names
                .chain(synonyms)
                .map(|(t, is_name)| {
                    let tokens = a.tokens(t);
                    Term {
                        text: t.clone(),
                        strong: is_name || tokens.len() > 1,
                        tokens,
                    }
                })
                .filter(|t| !t.tokens.is_empty())
                .collect()
        })
        .collect();
    let owners = |tokens: &[Token], all: &Vec<Vec<Term>>| {
        all.iter()
            .filter(|ts| {
                ts.iter().any(|t| {
                    t.tokens.len() == tokens.len()
                        && t.tokens.iter().zip(tokens).all(|(x, y)| x.same(y))
                })
            })
            .count()
    };
    let shared: Vec<Vec<bool>> = all
        .iter()
        .map(|ts| {
            ts.iter()
                .map(|t| !t.strong && owners(&t.tokens, &all) > 1)
                .collect()
        })
        .collect();
    for (ts, drop) in all.iter_mut().zip(shared) {
        let mut i = 0;
        ts.retain(|_| {
            let keep = !drop[i];
            i += 1;
            keep
        });
    }
    all
}

struct PreparedSection {
    heading: Vec<Token>,
    /// The parent heading followed by this one: "Assemblies › Members" names assembly members.
    heading_in_context: Vec<Token>,
    /// Where this section's own heading starts in `heading_in_context`.
    own_from: usize,
    body: Vec<Token>,
    depth: usize,
}

impl PreparedSection {
    /// Whether `term` names this section: in its heading, or across its parent's heading and
    /// its own (the match must reach into its own heading).
    /// `Some(true)` when the own heading alone names it, `Some(false)` when it takes the parent's.
    fn heading_names(&self, term: &[Token]) -> Option<bool> {
        if !Analyzer::find(term, &self.heading).is_empty() {
            return Some(true);
        }
        Analyzer::find(term, &self.heading_in_context)
            .iter()
            .any(|&i| i + term.len() > self.own_from && i < self.own_from)
            .then_some(false)
    }
}

/// Words that are markup, not text: AsciiDoc table and block delimiters, admonition labels.
fn is_markup(word: &str) -> bool {
    matches!(
        word,
        "|" | "a|"
            | "|==="
            | "----"
            | "===="
            | "****"
            | "...."
            | "+"
            | "NOTE:"
            | "TIP:"
            | "IMPORTANT:"
            | "WARNING:"
            | "CAUTION:"
    ) || word.starts_with("|===")
        || (word.starts_with('{') && word.ends_with('}'))
        || (word.starts_with("<<") || word.ends_with(">>"))
}

/// `text` cut to about `width` characters around byte `at`, at word boundaries, markup left out.
fn excerpt(text: &str, at: std::ops::Range<usize>, width: usize) -> String {
    let mut start = text[..at.start]
        .char_indices()
        .rev()
        .nth(width / 2)
        .map_or(0, |(i, _)| i);
    let mut end = text[at.end..]
        .char_indices()
        .nth(width / 2)
        .map_or(text.len(), |(i, _)| at.end + i);
    // Never cut a word: start after a space, end before one.
    if start > 0 && !text[..start].ends_with(char::is_whitespace) {
        start = text[start..at.start]
            .find(char::is_whitespace)
            .map_or(at.start, |i| start + i);
    }
    if end < text.len() && !text[end..].starts_with(char::is_whitespace) {
        end = text[at.end..end]
            .rfind(char::is_whitespace)
            .map_or(at.end, |i| at.end + i);
    }
    let words: Vec<&str> = text[start..end]
        .split_whitespace()
        .map(|w| w.trim_start_matches('|'))
        .filter(|w| !w.is_empty() && !is_markup(w))
        .collect();
    let mut s = words.join(" ");
    if start > 0 {
        s.insert_str(0, "… ");
    }
    if end < text.len() {
        s.push_str(" …");
    }
    s
}

/// Match every feature against the notice.
pub fn match_features(notice: &Notice, features: &[FeatureTerms]) -> Vec<FeatureMatch> {
    let a = Analyzer::default();
    let sections: Vec<PreparedSection> = notice
        .sections
        .iter()
        .map(|s| {
            let heading = a.tokens(s.heading());
            let parent = if s.path.len() >= 2 {
                a.tokens(&s.path[s.path.len() - 2])
            } else {
                Vec::new()
            };
            let own_from = parent.len();
            let mut heading_in_context = parent;
            heading_in_context.extend(heading.iter().cloned());
            PreparedSection {
                heading,
                heading_in_context,
                own_from,
                body: a.tokens(&s.text),
                depth: s.depth,
            }
        })
        .collect();
    let terms = prepare_terms(&a, features);

    // Per section, the length (in words) of the longest term of each feature found in its heading.
    let mut heading_hits: Vec<Vec<HeadingHit>> = sections
        .iter()
        .map(|s| {
            let mut hits: Vec<HeadingHit> = Vec::new();
            for (fi, ts) in terms.iter().enumerate() {
                let best = ts
                    .iter()
                    .filter_map(|t| s.heading_names(&t.tokens).map(|own| (t, own)))
                    .max_by_key(|(t, own)| (t.tokens.len(), t.strong, *own));
                if let Some((t, own)) = best {
                    hits.push((fi, (t.tokens.len(), t.strong, own), t.text.clone()));
                }
            }
            // The most specific wins: longest term, then a strong one, then one within the
            // section's own heading.
            let top = hits.iter().map(|h| h.1).max().unwrap_or((0, false, false));
            hits.retain(|h| h.1 == top);
            hits
        })
        .collect();
    // A subsection named only by a one-word synonym belongs to its page when the page is about
    // a feature already: "Create a process › Form" is the process form, not a survey.
    for si in 0..sections.len() {
        let weak_only = !heading_hits[si].is_empty() && heading_hits[si].iter().all(|h| !h.1 .1);
        if !weak_only || sections[si].depth == 0 {
            continue;
        }
        let path = &notice.sections[si].path;
        let parent_about_something = (0..si).rev().any(|pi| {
            let pp = &notice.sections[pi].path;
            pp.len() < path.len() && path.starts_with(pp) && !heading_hits[pi].is_empty()
        });
        if parent_about_something {
            heading_hits[si].clear();
        }
    }

    features
        .iter()
        .enumerate()
        .map(|(fi, f)| {
            let about: Vec<(usize, String)> = heading_hits
                .iter()
                .enumerate()
                .filter_map(|(si, hits)| hits.iter().find(|h| h.0 == fi).map(|h| (si, h.2.clone())))
                .collect();
            if let Some((si, term)) = about.first() {
                let s = &notice.sections[*si];
                // Fields count as named if any covering section, or a section below one, names them.
                let covering: Vec<&Section> = notice
                    .sections
                    .iter()
                    .filter(|o| {
                        about
                            .iter()
                            .any(|(ai, _)| o.path.starts_with(&notice.sections[*ai].path))
                    })
                    .collect();
                let missing_fields = f
                    .fields
                    .iter()
                    .filter(|field| {
                        let ft = a.tokens(field);
                        !covering.iter().any(|c| {
                            c.fields
                                .iter()
                                .any(|x| super::text::fold(x) == super::text::fold(field))
                                || !Analyzer::find(&ft, &a.tokens(&c.text)).is_empty()
                                || !Analyzer::find(&ft, &a.tokens(c.heading())).is_empty()
                        })
                    })
                    .cloned()
                    .collect();
                return FeatureMatch {
                    id: f.id.clone(),
                    status: Status::Covered,
                    evidence: Some(Evidence {
                        section: *si,
                        breadcrumb: s.breadcrumb(),
                        link: s.link.clone(),
                        term: term.clone(),
                        excerpt: s.heading().to_string(),
                    }),
                    closest: None,
                    missing_fields,
                };
            }
            // A mention in a body (or in a heading claimed by a more specific feature).
            for (si, s) in sections.iter().enumerate() {
                // Only strong terms make a mention: a lone generic word ("type", "form") is not one.
                for Term {
                    text: term,
                    tokens: toks,
                    ..
                } in terms[fi].iter().filter(|t| t.strong)
                {
                    let in_body = Analyzer::find(toks, &s.body);
                    if let Some(&start) = in_body.first() {
                        let text = &notice.sections[si].text;
                        let at = s.body[start].at.start..s.body[start + toks.len() - 1].at.end;
                        return FeatureMatch {
                            id: f.id.clone(),
                            status: Status::Partial,
                            evidence: Some(Evidence {
                                section: si,
                                breadcrumb: notice.sections[si].breadcrumb(),
                                link: notice.sections[si].link.clone(),
                                term: term.clone(),
                                excerpt: excerpt(text, at, 140),
                            }),
                            closest: None,
                            missing_fields: Vec::new(),
                        };
                    }
                    if !Analyzer::find(toks, &s.heading).is_empty() {
                        return FeatureMatch {
                            id: f.id.clone(),
                            status: Status::Partial,
                            evidence: Some(Evidence {
                                section: si,
                                breadcrumb: notice.sections[si].breadcrumb(),
                                link: notice.sections[si].link.clone(),
                                term: term.clone(),
                                excerpt: notice.sections[si].heading().to_string(),
                            }),
                            closest: None,
                            missing_fields: Vec::new(),
                        };
                    }
                }
            }
            FeatureMatch {
                id: f.id.clone(),
                status: Status::Missing,
                evidence: None,
                closest: closest(notice, &sections, &terms[fi]),
                missing_fields: Vec::new(),
            }
        })
        .collect()
}

/// The section sharing the most distinct words with the feature's terms.
fn closest(notice: &Notice, sections: &[PreparedSection], terms: &[Term]) -> Option<Evidence> {
    let words: Vec<&Token> = terms.iter().flat_map(|t| &t.tokens).collect();
    let mut best: Option<(usize, usize)> = None;
    for (si, s) in sections.iter().enumerate() {
        let shared = words
            .iter()
            .filter(|w| s.heading.iter().chain(&s.body).any(|t| t.same(w)))
            .map(|w| &w.fr)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        if shared > 0 && best.is_none_or(|(_, b)| shared > b) {
            best = Some((si, shared));
        }
    }
    best.map(|(si, _)| Evidence {
        section: si,
        breadcrumb: notice.sections[si].breadcrumb(),
        link: notice.sections[si].link.clone(),
        term: String::new(),
        excerpt: notice.sections[si].heading().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notice::{NoticeFormat, Section};

    #[test]
    fn excerpts_keep_whole_words_and_drop_markup() {
        let text = "Before anything else |=== |Field |Type a| Title NOTE: the newsletter can be previewed before it is sent to everybody who subscribed";
        let at = text.find("newsletter").unwrap();
        let e = excerpt(text, at..at + "newsletter".len(), 60);
        assert!(e.starts_with("… "), "{e}");
        assert!(e.ends_with(" …"), "{e}");
        assert!(e.contains("the newsletter can be previewed"), "{e}");
        for markup in ["|===", "NOTE:", "a|", "|Field"] {
            assert!(!e.contains(markup), "{markup} in {e}");
        }
        // Every word of the excerpt is a whole word of the text.
        let words: Vec<&str> = text
            .split_whitespace()
            .map(|w| w.trim_start_matches('|'))
            .collect();
        for w in e.trim_matches(['…', ' ']).split_whitespace() {
            assert!(words.contains(&w), "{w:?} cut in {e}");
        }
    }

    fn section(path: &[&str], text: &str, fields: &[&str]) -> Section {
        Section {
            path: path.iter().map(|s| s.to_string()).collect(),
            text: text.into(),
            fields: fields.iter().map(|s| s.to_string()).collect(),
            actions: vec![],
            link: "x".into(),
            depth: path.len() - 1,
            images: vec![],
            source: String::new(),
        }
    }

    fn feature(id: &str, terms: &[&str], fields: &[&str]) -> FeatureTerms {
        FeatureTerms {
            id: id.into(),
            names: terms.iter().map(|s| s.to_string()).collect(),
            synonyms: vec![],
            fields: fields.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn covered_partial_missing_and_fields() {
        let notice = Notice {
            source: "t".into(),
            format: NoticeFormat::Html,
            lang: "fr".into(),
            sections: vec![
                section(
                    &["Créer une concertation"],
                    "Remplissez le titre et le résumé.",
                    &[],
                ),
                section(
                    &["Créer une concertation", "Formulaire"],
                    "",
                    &["Identifiant"],
                ),
                section(
                    &["Groupes de concertations"],
                    "Regroupez vos concertations.",
                    &[],
                ),
                section(
                    &["Newsletters"],
                    "Pensez aussi aux rencontres de quartier.",
                    &[],
                ),
            ],
        };
        let features = vec![
            feature(
                "process.create",
                &["concertation", "créer une concertation"],
                &["Titre", "Résumé", "Identifiant", "Date de début"],
            ),
            feature("process.group", &["groupe de concertations"], &[]),
            feature("component.meetings.add", &["rencontre"], &[]),
            feature("budget.projects", &["projet de budget"], &[]),
        ];
        let m = match_features(&notice, &features);
        assert_eq!(m[0].status, Status::Covered);
        assert_eq!(m[0].evidence.as_ref().unwrap().section, 0);
        assert_eq!(
            m[0].missing_fields,
            ["Date de début"],
            "Identifiant is named in a subsection's table"
        );
        assert_eq!(
            m[1].status,
            Status::Covered,
            "the more specific feature claims the heading"
        );
        assert_eq!(m[2].status, Status::Partial);
        assert!(m[2]
            .evidence
            .as_ref()
            .unwrap()
            .excerpt
            .contains("rencontres de quartier"));
        assert_eq!(m[3].status, Status::Missing);
    }

    #[test]
    fn weak_terms_count_in_page_titles_only_and_shared_ones_not_at_all() {
        let notice = Notice {
            source: "t".into(),
            format: NoticeFormat::Html,
            lang: "fr".into(),
            sections: vec![
                section(&["Concertations"], "", &[]),
                section(&["Concertations", "Formulaire"], "", &[]),
                section(&["Invités"], "", &[]),
            ],
        };
        let weak = |id: &str, w: &[&str]| FeatureTerms {
            id: id.into(),
            names: vec![],
            synonyms: w.iter().map(|s| s.to_string()).collect(),
            fields: vec![],
        };
        let m = match_features(
            &notice,
            &[
                weak("process.create", &["concertation"]),
                weak("component.surveys.add", &["formulaire"]),
                weak("conference.invites", &["invité"]),
                weak("osp.guest", &["invité"]),
            ],
        );
        assert_eq!(
            m[0].status,
            Status::Covered,
            "a one-word synonym in a page title"
        );
        assert_eq!(
            m[1].status,
            Status::Missing,
            "a subsection of a page about a feature belongs to it"
        );
        assert_eq!(
            m[2].status,
            Status::Missing,
            "a weak term two features share names neither"
        );
        assert_eq!(m[3].status, Status::Missing);
    }

    #[test]
    fn a_heading_claimed_by_a_more_specific_feature_is_only_a_mention() {
        let notice = Notice {
            source: "t".into(),
            format: NoticeFormat::Html,
            lang: "fr".into(),
            sections: vec![section(&["Groupes de concertations"], "", &[])],
        };
        let m = match_features(
            &notice,
            &[
                feature("process.create", &["concertation"], &[]),
                feature("process.group", &["groupe de concertations"], &[]),
            ],
        );
        assert_eq!(m[0].status, Status::Partial);
        assert_eq!(m[1].status, Status::Covered);
    }
}
