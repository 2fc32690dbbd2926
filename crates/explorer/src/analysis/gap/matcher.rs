//! Classes each feature against a notice's sections, on evidence of several kinds:
//! - a **heading** names it: the section's own heading, its parent heading read into its own
//!   ("Process groups › Landing page" names the group's landing page, not the process's), or
//!   its page's title and its own in any order ("Participants › … › Officialize"); numbered
//!   steps ("3. Preview the newsletter") count;
//! - the page's **path** in the manual names it (`spaces/processes/types.adoc`);
//! - a table or block **caption** names it (".New scope type form");
//! - the section's **field table** lists the fields the feature's forms have;
//! - an **image's alt text** names it (supporting evidence only).
//!
//! A heading, path or caption that names several features goes to the most specific one. Each
//! feature gets the section with the most evidence: **covered**. Without one, a feature named in
//! some text (by its name or a synonym of several words, never by one of its words) is
//! **partial**; otherwise **missing**, with the section sharing most words as a lead.
//!
//! For covered features, the UI's form fields that the covering sections never name are listed.

use crate::analysis::notice::{Notice, Section};
use crate::analysis::text::{fold, Analyzer, Token};
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
    /// Its catalogue group (settings, processes, proposals…): a section of a page about another
    /// group's feature is weaker evidence ("Newsletters › … Call to Action button" is not about
    /// the appearance's call to action).
    pub group: String,
    /// Variants it must not be taken for: a heading whose context names one is not about it
    /// ("process group" for the process landing page).
    pub distinct_from: Vec<String>,
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

/// What made a section count for a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// The section's heading (read with the headings above it) names the feature.
    Heading,
    /// The page's path in the manual names it.
    PagePath,
    /// A table or block caption names it.
    Caption,
    /// The section's field table lists fields of the feature's forms.
    FieldTable,
    /// An image's alt text names it.
    ImageAlt,
    /// Its text names it in passing.
    Mention,
}

impl EvidenceKind {
    /// How the report calls it, in the notice's language.
    pub fn label(self, lang: &str) -> &'static str {
        let fr = lang == "fr";
        match self {
            EvidenceKind::Heading => {
                if fr {
                    "titre"
                } else {
                    "heading"
                }
            }
            EvidenceKind::PagePath => {
                if fr {
                    "chemin de la page"
                } else {
                    "page path"
                }
            }
            EvidenceKind::Caption => {
                if fr {
                    "légende"
                } else {
                    "caption"
                }
            }
            EvidenceKind::FieldTable => {
                if fr {
                    "tableau des champs"
                } else {
                    "field table"
                }
            }
            EvidenceKind::ImageAlt => {
                if fr {
                    "texte alternatif d'image"
                } else {
                    "image alt text"
                }
            }
            // The same word in both languages.
            EvidenceKind::Mention => "mention",
        }
    }
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
    /// The kinds of evidence the section gave, strongest first (empty for a closest section).
    pub kinds: Vec<EvidenceKind>,
    /// How much evidence, all kinds summed: what ranks the sections about a feature.
    pub score: u32,
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
    /// For covered features, the other sections about it, best first (at most three).
    pub also: Vec<Evidence>,
    /// For missing features: the section sharing most words with the feature's terms.
    pub closest: Option<Evidence>,
    /// For covered features: UI fields the notice never names.
    pub missing_fields: Vec<String>,
}

/// A term, tokenized, with its strength.
struct Term {
    text: String,
    tokens: Vec<Token>,
    /// It can claim a place (a name, a synonym of several words).
    strong: bool,
    /// One of the feature's names: it mentions the feature even when too common to claim a
    /// place ("Budgets" in "propositions, budgets participatifs, enquêtes").
    name: bool,
}

/// Tokenize every feature's terms. A synonym another feature also uses says nothing about
/// either and is dropped ("invité" names conference invites and guest registrations alike;
/// "proposal state" both answers and custom states); a name is kept by the feature it names.
fn prepare_terms(a: &Analyzer, features: &[FeatureTerms]) -> Vec<Vec<Term>> {
    let all: Vec<Vec<(Term, bool)>> = features
        .iter()
        .map(|f| {
            let names = f.names.iter().map(|t| (t, true));
            let synonyms = f.synonyms.iter().map(|t| (t, false));
            names
                .chain(synonyms)
                .map(|(t, is_name)| {
                    let tokens = a.tokens(t);
                    let term = Term {
                        text: t.clone(),
                        // Several different words ("Statuses New status" is one word, twice).
                        strong: is_name || tokens.iter().skip(1).any(|x| !x.same(&tokens[0])),
                        tokens,
                        name: is_name,
                    };
                    (term, is_name)
                })
                .filter(|(t, _)| !t.tokens.is_empty())
                .collect()
        })
        .collect();
    let same =
        |x: &[Token], y: &[Token]| x.len() == y.len() && x.iter().zip(y).all(|(a, b)| a.same(b));
    // A one-word name another feature uses as a word of its own terms is weak: "Page" (the
    // component) says nothing where "Information pages" and "landing page" live too.
    let word_elsewhere = |fi: usize, tok: &Token| {
        all.iter().enumerate().any(|(fj, ts)| {
            fj != fi && ts.iter().any(|(t, _)| t.tokens.iter().any(|x| x.same(tok)))
        })
    };
    let weak_names: Vec<Vec<bool>> = all
        .iter()
        .enumerate()
        .map(|(fi, ts)| {
            ts.iter()
                .map(|(t, is_name)| {
                    *is_name && t.tokens.len() == 1 && word_elsewhere(fi, &t.tokens[0])
                })
                .collect()
        })
        .collect();
    let all: Vec<Vec<(Term, bool)>> = all
        .into_iter()
        .zip(weak_names)
        .map(|(ts, weak)| {
            ts.into_iter()
                .zip(weak)
                .map(|((t, is_name), w)| {
                    (
                        Term {
                            strong: t.strong && !w,
                            ..t
                        },
                        is_name,
                    )
                })
                .collect()
        })
        .collect();
    let used_elsewhere = |fi: usize, tokens: &[Token]| {
        all.iter()
            .enumerate()
            .any(|(fj, ts)| fj != fi && ts.iter().any(|(t, _)| same(&t.tokens, tokens)))
    };
    let keep: Vec<Vec<bool>> = all
        .iter()
        .enumerate()
        .map(|(fi, ts)| {
            ts.iter()
                .map(|(t, is_name)| *is_name || !used_elsewhere(fi, &t.tokens))
                .collect()
        })
        .collect();
    all.into_iter()
        .zip(keep)
        .map(|(ts, keep)| {
            ts.into_iter()
                .zip(keep)
                .filter_map(|((t, _), k)| k.then_some(t))
                .collect()
        })
        .collect()
}

/// Nav titles under which a manual files what is gone (compared folded: "Obsolète" too).
const DEPRECATED: &[&str] = &[
    "deprecated",
    "obsolete",
    "obsolete features",
    "archive",
    "archives",
];

/// A section, tokenized.
struct PreparedSection {
    heading: Vec<Token>,
    /// The parent heading (or, for a page, its nav title), then this one: "Process groups ›
    /// Landing page" names the group landing page.
    heading_in_context: Vec<Token>,
    /// Where this section's own heading starts in `heading_in_context`.
    own_from: usize,
    /// Every heading above this one and this one: where a variant is named.
    whole_path: Vec<Token>,
    /// The page's title (for a page, the nav title above it): its words may join the own
    /// heading's in any order.
    page_title: Vec<Token>,
    /// The words of the page's path in the manual (`spaces/processes/types.adoc`), for pages.
    page_path: Vec<Token>,
    captions: Vec<Vec<Token>>,
    alts: Vec<Vec<Token>>,
    body: Vec<Token>,
    fields: Vec<String>,
    depth: usize,
    /// Index of the section that is this section's page (depth 0), if any.
    page: Option<usize>,
    /// Filed under a "Deprecated" part of the nav, or in no nav at all (a template such as
    /// `skeleton.adoc`): it documents nothing of today's admin.
    aside: bool,
}

impl PreparedSection {
    fn new(a: &Analyzer, s: &Section, page: Option<usize>) -> Self {
        let heading = a.tokens(s.heading());
        let mut heading_in_context: Vec<Token> = s
            .path
            .len()
            .checked_sub(2)
            .map(|i| a.tokens(&s.path[i]))
            .unwrap_or_default();
        let own_from = heading_in_context.len();
        heading_in_context.extend(heading.iter().cloned());
        let whole_path = s.path.iter().flat_map(|p| a.tokens(p)).collect();
        let page_title = s
            .path
            .len()
            .checked_sub(1 + s.depth.max(1))
            .map(|i| a.tokens(&s.path[i]))
            .unwrap_or_default();
        let page_file = s.source.split('#').next().unwrap_or("");
        let page_path = if s.depth == 0 && !page_file.is_empty() {
            let stem = page_file
                .trim_end_matches(".adoc")
                .trim_end_matches(".html")
                .trim_end_matches(".md");
            a.tokens(&stem.replace(['/', '_', '-', '.'], " "))
        } else {
            Vec::new()
        };
        PreparedSection {
            heading,
            heading_in_context,
            own_from,
            whole_path,
            page_title,
            page_path,
            captions: s.captions.iter().map(|c| a.tokens(c)).collect(),
            alts: s.images.iter().map(|i| a.tokens(&i.alt)).collect(),
            body: a.tokens(&s.text),
            fields: s.fields.iter().map(|f| fold(f)).collect(),
            depth: s.depth,
            page,
            aside: s.unlisted
                || s.path.iter().any(|p| {
                    let p = fold(p);
                    DEPRECATED.iter().any(|d| p == *d)
                }),
        }
    }

    /// Whether `term` names this section: in its own heading, or across the parent heading
    /// and its own (the match must reach into its own heading).
    /// `Some(true)` when the own heading alone names it, `Some(false)` when it takes the parent.
    fn heading_names(&self, term: &[Token]) -> Option<bool> {
        if !Analyzer::find(term, &self.heading).is_empty() {
            return Some(true);
        }
        let crossing = Analyzer::find(term, &self.heading_in_context)
            .iter()
            .any(|&i| i + term.len() > self.own_from && i < self.own_from);
        // With the page's title the words may come in any order ("Participants › … › Contact"
        // names "Contact participant", "Components › Page" the page component); a parent's
        // words are too loose ("Assemblies › Categories › Create a new category" is not
        // "Create assembly").
        let any_order = {
            let in_context = |w: &Token| {
                self.page_title
                    .iter()
                    .chain(&self.heading)
                    .any(|x| x.same(w))
            };
            let in_own = |w: &Token| self.heading.iter().any(|x| x.same(w));
            term.iter().all(in_context) && term.iter().any(in_own)
        };
        (crossing || any_order).then_some(false)
    }

    /// Whether one of `terms` appears in the headings above and at this section.
    fn context_names(&self, terms: &[Vec<Token>]) -> bool {
        terms
            .iter()
            .any(|t| !t.is_empty() && t.iter().all(|w| self.whole_path.iter().any(|x| x.same(w))))
    }

    /// A page titled by this one word ("Categories"), or whose title has it and whose file is
    /// named by it (`impersonations.adoc`, "Participants Impersonations"): a one-word term
    /// names it.
    fn titled_by(&self, term: &[Token]) -> bool {
        let exactly = self.heading.len() == 1 && self.heading[0].same(&term[0]);
        let in_title = self.heading.iter().any(|w| w.same(&term[0]));
        let file_named = self.page_path.last().is_some_and(|w| w.same(&term[0]));
        self.depth == 0 && term.len() == 1 && (exactly || in_title && file_named)
    }
}

/// A claim of one feature on a place (a heading, a path, a caption): how specific its term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Specificity {
    words: usize,
    strong: bool,
    own: bool,
}

/// A feature named by a place: (feature index, specificity, term).
type Claim = (usize, Specificity, String);

/// The features `place` names, the most specific only: "Process groups" names process groups,
/// not processes. `names` says whether (and how) a term names the place.
fn claims(terms: &[Vec<Term>], names: impl Fn(&Term) -> Option<bool>, weak_ok: bool) -> Vec<Claim> {
    let mut hits: Vec<Claim> = Vec::new();
    for (fi, ts) in terms.iter().enumerate() {
        let best = ts
            .iter()
            .filter(|t| weak_ok || t.strong)
            .filter_map(|t| names(t).map(|own| (t, own)))
            .max_by_key(|(t, own)| (t.tokens.len(), t.strong, *own));
        if let Some((t, own)) = best {
            let spec = Specificity {
                words: t.tokens.len(),
                strong: t.strong,
                own,
            };
            hits.push((fi, spec, t.text.clone()));
        }
    }
    let top = hits.iter().map(|h| h.1).max();
    hits.retain(|h| Some(h.1) == top);
    hits
}

/// The features a page's path names: a name or strong synonym all of whose words are words of
/// the file's path, its file name among them (`components/accountability.adoc` names
/// "Accountability component"). The longest term wins.
fn path_claims(terms: &[Vec<Term>], path: &[Token]) -> Vec<(usize, usize, String)> {
    let Some(stem) = path.last() else {
        return Vec::new();
    };
    let mut hits: Vec<(usize, (usize, std::cmp::Reverse<usize>), String)> = Vec::new();
    for (fi, ts) in terms.iter().enumerate() {
        let best = ts
            .iter()
            .filter(|t| t.strong)
            .filter(|t| {
                t.tokens.iter().any(|x| x.same(stem))
                    && t.tokens.iter().all(|x| path.iter().any(|w| w.same(x)))
            })
            .map(|t| (t, (t.tokens.len(), std::cmp::Reverse(0))))
            .max_by_key(|(_, spec)| *spec);
        if let Some((t, spec)) = best {
            hits.push((fi, spec, t.text.clone()));
        }
    }
    let top = hits.iter().map(|h| h.1).max();
    hits.into_iter()
        .filter(|h| Some(h.1) == top)
        .map(|(fi, spec, term)| (fi, spec.0, term))
        .collect()
}

/// Everything one section says about one feature.
#[derive(Debug, Default, Clone)]
struct SectionEvidence {
    kinds: Vec<EvidenceKind>,
    score: u32,
    term: String,
    /// Enough for the section to be about the feature.
    about: bool,
    /// It would be, but its context names a variant of the feature: a mention at most.
    variant: bool,
}

impl SectionEvidence {
    fn add(&mut self, kind: EvidenceKind, score: u32, term: &str, about: bool) {
        if !self.kinds.contains(&kind) {
            self.kinds.push(kind);
        }
        self.score += score;
        if self.term.is_empty() || about && !self.about {
            self.term = term.to_string();
        }
        self.about |= about;
    }
}

// Evidence weights: a heading outweighs a path, a path a caption, and each of those any number
// of fields or alt texts; a longer (more specific) term outweighs a shorter one of the same kind.
const HEADING: u32 = 1000;
const CAPTION: u32 = 800;
const PAGE_PATH: u32 = 600;
const PER_WORD: u32 = 100;
const STRONG: u32 = 50;
const OWN_HEADING: u32 = 20;
const PAGE_ITSELF: u32 = 30;
const PER_FIELD: u32 = 60;
const ALT: u32 = 40;
/// Taken off a section's evidence when its page is about another group's feature.
const OTHER_GROUP_PAGE: u32 = 500;
/// A field table is about a feature on its own when it lists this many of its fields…
const FIELDS_ABOUT: usize = 3;
/// …and they are specific enough (each field weighs 1 / the number of features that have it).
const FIELDS_SPECIFICITY: f32 = 1.5;

/// Per section, per feature, the evidence.
fn gather(
    a: &Analyzer,
    notice: &Notice,
    sections: &[PreparedSection],
    terms: &[Vec<Term>],
    features: &[FeatureTerms],
) -> Vec<Vec<SectionEvidence>> {
    let mut ev = vec![vec![SectionEvidence::default(); features.len()]; sections.len()];
    heading_evidence(notice, sections, terms, &mut ev);
    place_evidence(sections, terms, &mut ev);
    field_evidence(sections, features, &mut ev);
    discount(a, sections, features, &mut ev);
    ev
}

/// Headings that name a feature, the most specific feature per heading.
fn heading_evidence(
    notice: &Notice,
    sections: &[PreparedSection],
    terms: &[Vec<Term>],
    ev: &mut [Vec<SectionEvidence>],
) {
    let mut heading_claims: Vec<Vec<Claim>> = sections
        .iter()
        .map(|s| {
            claims(
                terms,
                |t| {
                    if t.strong {
                        s.heading_names(&t.tokens)
                    } else {
                        // One word names a page titled by it, or a heading that is that word
                        // alone ("Impersonation"), unless its page is about another feature.
                        let alone = s.heading.len() == 1 && s.heading[0].same(&t.tokens[0]);
                        (s.titled_by(&t.tokens) || alone).then_some(true)
                    }
                },
                true,
            )
        })
        .collect();
    // A subsection named only by a one-word synonym belongs to its page when the page is about
    // a feature already: "Create a process › Form" is the process form, not a survey.
    for si in 0..sections.len() {
        let weak_only =
            !heading_claims[si].is_empty() && heading_claims[si].iter().all(|h| !h.1.strong);
        if !weak_only || sections[si].depth == 0 {
            continue;
        }
        let path = &notice.sections[si].path;
        let parent_about_something = (0..si).rev().any(|pi| {
            let pp = &notice.sections[pi].path;
            pp.len() < path.len() && path.starts_with(pp) && !heading_claims[pi].is_empty()
        });
        if parent_about_something {
            heading_claims[si].clear();
        }
    }
    for (si, hits) in heading_claims.iter().enumerate() {
        for (fi, spec, term) in hits {
            let score = HEADING
                + PER_WORD * spec.words as u32
                + if spec.strong { STRONG } else { 0 }
                + if spec.own { OWN_HEADING } else { 0 }
                + if sections[si].depth == 0 {
                    PAGE_ITSELF
                } else {
                    0
                };
            ev[si][*fi].add(EvidenceKind::Heading, score, term, true);
        }
    }
}

/// Page paths and captions that name a feature; alt texts that support it.
fn place_evidence(
    sections: &[PreparedSection],
    terms: &[Vec<Term>],
    ev: &mut [Vec<SectionEvidence>],
) {
    for (si, s) in sections.iter().enumerate() {
        // The page's path: a file named after the feature.
        if !s.page_path.is_empty() {
            for (fi, words, term) in path_claims(terms, &s.page_path) {
                ev[si][fi].add(
                    EvidenceKind::PagePath,
                    PAGE_PATH + PER_WORD * words as u32,
                    &term,
                    true,
                );
            }
        }
        // Captions: strong terms only, the most specific feature per caption.
        for caption in &s.captions {
            for (fi, spec, term) in claims(
                terms,
                |t| (!Analyzer::find(&t.tokens, caption).is_empty()).then_some(true),
                false,
            ) {
                ev[si][fi].add(
                    EvidenceKind::Caption,
                    CAPTION + PER_WORD * spec.words as u32,
                    &term,
                    true,
                );
            }
        }
        // Alt texts: support only (a screenshot's alt names what it shows, often in passing:
        // "Admin log" in a dashboard picture).
        for alt in &s.alts {
            for (fi, ts) in terms.iter().enumerate() {
                let named = ts
                    .iter()
                    .filter(|t| t.strong)
                    .filter(|t| !Analyzer::find(&t.tokens, alt).is_empty())
                    .max_by_key(|t| t.tokens.len());
                if let Some(t) = named {
                    ev[si][fi].add(EvidenceKind::ImageAlt, ALT, &t.text, false);
                }
            }
        }
    }
}

/// Field tables listing a feature's fields.
fn field_evidence(
    sections: &[PreparedSection],
    features: &[FeatureTerms],
    ev: &mut [Vec<SectionEvidence>],
) {
    // Field tables: the fields each feature's forms have, weighed by how specific they are.
    let owners = |field: &str| {
        features
            .iter()
            .filter(|f| f.fields.iter().any(|x| fold(x) == field))
            .count()
            .max(1)
    };
    for (si, s) in sections.iter().enumerate() {
        if s.fields.is_empty() {
            continue;
        }
        let per_feature: Vec<(usize, Vec<String>, f32)> = features
            .iter()
            .enumerate()
            .filter_map(|(fi, f)| {
                let matched: Vec<String> = f
                    .fields
                    .iter()
                    .map(|x| fold(x))
                    .filter(|x| s.fields.contains(x))
                    .collect();
                let specificity: f32 = matched.iter().map(|x| 1.0 / owners(x) as f32).sum();
                (!matched.is_empty()).then_some((fi, matched, specificity))
            })
            .collect();
        // The table is about the one feature whose fields it lists best; two features sharing
        // a form (adding and publishing a component) tie and neither gets it.
        let top = per_feature.iter().map(|p| p.2).fold(0.0_f32, f32::max);
        let at_top = per_feature.iter().filter(|p| p.2 == top).count();
        for (fi, matched, specificity) in per_feature {
            let about = at_top == 1
                && specificity == top
                && matched.len() >= FIELDS_ABOUT
                && specificity >= FIELDS_SPECIFICITY;
            let mut shown = matched[..matched.len().min(4)].join(", ");
            if matched.len() > 4 {
                shown.push_str(&format!(" (+{})", matched.len() - 4));
            }
            ev[si][fi].add(
                EvidenceKind::FieldTable,
                PER_FIELD * matched.len() as u32,
                &shown,
                about,
            );
        }
    }
}

/// Sections that evidence is not about a feature after all: under a deprecated part of the nav
/// (not about today's admin), in a context naming one of its variants (a mention of it at most),
/// in a page about another group's feature (weaker: a form's "Call to Action button" in the
/// newsletters page is the newsletter's).
fn discount(
    a: &Analyzer,
    sections: &[PreparedSection],
    features: &[FeatureTerms],
    ev: &mut [Vec<SectionEvidence>],
) {
    let variants: Vec<Vec<Vec<Token>>> = features
        .iter()
        .map(|f| f.distinct_from.iter().map(|d| a.tokens(d)).collect())
        .collect();
    let page_groups: Vec<Vec<&str>> = ev
        .iter()
        .map(|per_feature| {
            per_feature
                .iter()
                .zip(features)
                .filter(|(e, _)| {
                    e.kinds.contains(&EvidenceKind::Heading)
                        || e.kinds.contains(&EvidenceKind::PagePath)
                })
                .map(|(_, f)| f.group.as_str())
                .collect()
        })
        .collect();
    for (si, s) in sections.iter().enumerate() {
        for (fi, f) in features.iter().enumerate() {
            let e = &mut ev[si][fi];
            if e.kinds.is_empty() {
                continue;
            }
            if s.aside {
                e.about = false;
            }
            if s.context_names(&variants[fi]) {
                e.about = false;
                e.variant = true;
            }
            if let Some(p) = s.page.filter(|&p| p != si) {
                let groups = &page_groups[p];
                if !groups.is_empty() && !groups.contains(&f.group.as_str()) {
                    e.score = e.score.saturating_sub(OTHER_GROUP_PAGE);
                }
            }
        }
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
    let mut page = None;
    let sections: Vec<PreparedSection> = notice
        .sections
        .iter()
        .enumerate()
        .map(|(si, s)| {
            if s.depth == 0 {
                page = Some(si);
            }
            PreparedSection::new(&a, s, page)
        })
        .collect();
    let terms = prepare_terms(&a, features);
    let evidence = gather(&a, notice, &sections, &terms, features);
    features
        .iter()
        .enumerate()
        .map(|(fi, f)| {
            let mut about: Vec<(usize, &SectionEvidence)> = evidence
                .iter()
                .enumerate()
                .map(|(si, e)| (si, &e[fi]))
                .filter(|(_, e)| e.about)
                .collect();
            // Most evidence first; on a tie the earlier section (a page before its subsections).
            about.sort_by_key(|(si, e)| (std::cmp::Reverse(e.score), *si));
            if let Some(&(si, e)) = about.first() {
                return FeatureMatch {
                    id: f.id.clone(),
                    status: Status::Covered,
                    evidence: Some(evidence_at(
                        notice,
                        si,
                        e,
                        notice.sections[si].heading().to_string(),
                    )),
                    also: about[1..]
                        .iter()
                        .take(3)
                        .map(|&(si, e)| {
                            evidence_at(notice, si, e, notice.sections[si].heading().to_string())
                        })
                        .collect(),
                    closest: None,
                    missing_fields: missing_fields(&a, notice, &about, f),
                };
            }
            // A section about a variant of it names it, at least.
            let variant = evidence
                .iter()
                .enumerate()
                .find(|(_, e)| e[fi].variant)
                .map(|(si, e)| Evidence {
                    kinds: vec![EvidenceKind::Mention],
                    score: 1,
                    ..evidence_at(
                        notice,
                        si,
                        &e[fi],
                        notice.sections[si].heading().to_string(),
                    )
                });
            let status_of_mention = variant.or_else(|| mention(notice, &sections, &terms[fi]));
            match status_of_mention {
                Some(e) => FeatureMatch {
                    id: f.id.clone(),
                    status: Status::Partial,
                    evidence: Some(e),
                    also: Vec::new(),
                    closest: None,
                    missing_fields: Vec::new(),
                },
                None => FeatureMatch {
                    id: f.id.clone(),
                    status: Status::Missing,
                    evidence: None,
                    also: Vec::new(),
                    closest: closest(notice, &sections, &terms[fi]),
                    missing_fields: Vec::new(),
                },
            }
        })
        .collect()
}

fn evidence_at(notice: &Notice, si: usize, e: &SectionEvidence, excerpt: String) -> Evidence {
    let mut kinds = e.kinds.clone();
    kinds.sort();
    Evidence {
        section: si,
        breadcrumb: notice.sections[si].breadcrumb(),
        link: notice.sections[si].link.clone(),
        term: e.term.clone(),
        excerpt,
        kinds,
        score: e.score,
    }
}

/// The form fields no section about the feature (or below one) names.
fn missing_fields(
    a: &Analyzer,
    notice: &Notice,
    about: &[(usize, &SectionEvidence)],
    f: &FeatureTerms,
) -> Vec<String> {
    let covering: Vec<&Section> = notice
        .sections
        .iter()
        .filter(|o| {
            about.iter().any(|(ai, _)| {
                o.path.starts_with(&notice.sections[*ai].path)
                    && o.source.split('#').next() == notice.sections[*ai].source.split('#').next()
            })
        })
        .collect();
    f.fields
        .iter()
        .filter(|field| {
            let ft = a.tokens(field);
            !covering.iter().any(|c| {
                c.fields.iter().any(|x| fold(x) == fold(field))
                    || !Analyzer::find(&ft, &a.tokens(&c.text)).is_empty()
                    || !Analyzer::find(&ft, &a.tokens(c.heading())).is_empty()
            })
        })
        .cloned()
        .collect()
}

/// The first place that names the feature in passing: a text, a heading claimed by a more
/// specific feature, a caption or an alt text; the feature's name or a synonym of several
/// words, never a lone synonym ("type", "form").
fn mention(notice: &Notice, sections: &[PreparedSection], terms: &[Term]) -> Option<Evidence> {
    let strong: Vec<&Term> = terms.iter().filter(|t| t.strong || t.name).collect();
    for (si, s) in sections.iter().enumerate() {
        for t in &strong {
            let in_body = Analyzer::find(&t.tokens, &s.body);
            let excerpt_text = if let Some(&start) = in_body.first() {
                let text = &notice.sections[si].text;
                let at = s.body[start].at.start..s.body[start + t.tokens.len() - 1].at.end;
                Some(excerpt(text, at, 140))
            } else if !Analyzer::find(&t.tokens, &s.heading).is_empty() {
                Some(notice.sections[si].heading().to_string())
            } else {
                None
            };
            if let Some(excerpt) = excerpt_text {
                return Some(mention_at(notice, si, &t.text, excerpt));
            }
        }
    }
    // Then a name read with the page it is in: "Participatory processes › … Published /
    // Unpublished" names publishing a process, "Proposals › Answers › States" proposal states.
    for (si, s) in sections.iter().enumerate() {
        for t in &strong {
            let in_path = |w: &Token| s.whole_path.iter().any(|x| x.same(w));
            let in_own = |w: &Token| s.heading.iter().any(|x| x.same(w));
            if t.tokens.iter().all(in_path) && t.tokens.iter().any(in_own) {
                return Some(mention_at(
                    notice,
                    si,
                    &t.text,
                    notice.sections[si].heading().to_string(),
                ));
            }
            let on_page = |w: &Token| {
                s.page_title
                    .iter()
                    .chain(if s.depth == 0 { &s.heading[..] } else { &[] })
                    .any(|x| x.same(w))
            };
            let rest: Vec<&Token> = t.tokens.iter().filter(|w| !on_page(w)).collect();
            if rest.len() < 2 || rest.len() == t.tokens.len() {
                continue;
            }
            // The rest of the words (two at least) side by side in the text, in any order.
            let window = rest.len();
            let found = (0..s.body.len()).find(|&i| {
                let end = (i + window).min(s.body.len());
                rest.iter()
                    .all(|w| s.body[i..end].iter().any(|x| x.same(w)))
            });
            if let Some(i) = found {
                let end = (i + window).min(s.body.len()) - 1;
                let at = s.body[i].at.start..s.body[end].at.end;
                let excerpt = excerpt(&notice.sections[si].text, at, 140);
                return Some(mention_at(notice, si, &t.text, excerpt));
            }
        }
    }
    None
}

fn mention_at(notice: &Notice, si: usize, term: &str, excerpt: String) -> Evidence {
    Evidence {
        section: si,
        breadcrumb: notice.sections[si].breadcrumb(),
        link: notice.sections[si].link.clone(),
        term: term.to_string(),
        excerpt,
        kinds: vec![EvidenceKind::Mention],
        score: 1,
    }
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
        kinds: Vec::new(),
        score: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::notice::{NoticeFormat, Section};

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
            captions: vec![],
            unlisted: false,
            source: String::new(),
        }
    }

    fn feature(id: &str, terms: &[&str], fields: &[&str]) -> FeatureTerms {
        FeatureTerms {
            id: id.into(),
            names: terms.iter().map(|s| s.to_string()).collect(),
            synonyms: vec![],
            fields: fields.iter().map(|s| s.to_string()).collect(),
            group: id.split('.').next().unwrap_or("").into(),
            distinct_from: vec![],
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
            group: String::new(),
            distinct_from: vec![],
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
                feature("process.create", &["créer une concertation"], &[]),
                feature("process.group", &["groupe de concertations"], &[]),
            ],
        );
        assert_eq!(
            m[0].status,
            Status::Missing,
            "not named: one of its words is"
        );
        assert_eq!(m[1].status, Status::Covered);
        assert_eq!(
            m[1].evidence.as_ref().unwrap().kinds,
            [EvidenceKind::Heading]
        );
    }

    /// A section of an Antora page: its path in the manual (with its anchor) and its depth in
    /// the page (0 for the page itself, below the nav titles of its path).
    fn page_section(source: &str, path: &[&str], depth: usize, text: &str) -> Section {
        Section {
            source: source.into(),
            depth,
            ..section(path, text, &[])
        }
    }

    fn en(id: &str, names: &[&str], synonyms: &[&str]) -> FeatureTerms {
        FeatureTerms {
            synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
            ..feature(id, names, &[])
        }
    }

    fn notice(sections: Vec<Section>) -> Notice {
        Notice {
            source: "t".into(),
            format: NoticeFormat::Antora,
            lang: "en".into(),
            sections,
        }
    }

    #[test]
    fn a_page_path_and_a_page_title_read_with_its_nav_name_a_feature() {
        let n = notice(vec![
            page_section(
                "spaces/processes/types.adoc",
                &["Processes", "Kinds"],
                0,
                "",
            ),
            page_section(
                "components/accountability.adoc",
                &["Components", "Results tracking"],
                0,
                "",
            ),
            page_section("participants/participants.adoc", &["Participants"], 0, ""),
            page_section(
                "participants/participants.adoc#_officialize",
                &["Participants", "Actions", "Officialize"],
                2,
                "",
            ),
        ]);
        let m = match_features(
            &n,
            &[
                en("process.type", &["Process types"], &[]),
                en(
                    "component.accountability.add",
                    &["Accountability results"],
                    &["accountability component"],
                ),
                en("participant.officialize", &["Officialize participant"], &[]),
            ],
        );
        let e = m[0].evidence.as_ref().unwrap();
        assert_eq!((m[0].status, e.section), (Status::Covered, 0));
        assert_eq!(e.kinds, [EvidenceKind::PagePath]);
        assert_eq!(m[1].evidence.as_ref().unwrap().section, 1, "{:?}", m[1]);
        // "Participants › … › Officialize": the page title's words join the own heading's.
        assert_eq!(m[2].status, Status::Covered);
        assert_eq!(m[2].evidence.as_ref().unwrap().section, 3);
    }

    #[test]
    fn a_table_caption_and_a_field_table_are_evidence_and_a_shared_form_is_nobodys() {
        let mut form = page_section("scopes.adoc#_form", &["Scopes", "Form"], 1, "");
        form.captions = vec!["Admin New Scope Type form".into()];
        let mut settings = page_section(
            "components.adoc#_settings",
            &["Components", "Settings"],
            1,
            "",
        );
        settings.fields = [
            "Name",
            "Order position",
            "Comments enabled",
            "Geocoding enabled",
        ]
        .map(String::from)
        .to_vec();
        let mut meeting = page_section("meetings.adoc#_form", &["Gatherings", "The form"], 1, "");
        meeting.fields = ["Title", "Address", "Start time", "Registration terms"]
            .map(String::from)
            .to_vec();
        let n = notice(vec![
            page_section("scopes.adoc", &["Scopes"], 0, ""),
            form,
            settings,
            meeting,
        ]);
        let component_form = [
            "Name",
            "Order position",
            "Comments enabled",
            "Geocoding enabled",
        ];
        let m = match_features(
            &n,
            &[
                en("scope.manage", &["Scopes"], &[]),
                en("scope_type.manage", &["Scope types"], &["scope type"]),
                feature("component.add", &["Add component"], &component_form),
                feature("component.publish", &["Publish component"], &component_form),
                feature(
                    "meeting.create",
                    &["Create meeting"],
                    &["Title", "Address", "Start time", "Registration terms"],
                ),
            ],
        );
        let e = m[1].evidence.as_ref().unwrap();
        assert_eq!((m[1].status, e.section), (Status::Covered, 1));
        assert!(e.kinds.contains(&EvidenceKind::Caption));
        assert_ne!(m[2].status, Status::Covered, "two features share that form");
        assert_ne!(m[3].status, Status::Covered);
        let e = m[4].evidence.as_ref().unwrap();
        assert_eq!((m[4].status, e.section), (Status::Covered, 3));
        assert_eq!(e.kinds, [EvidenceKind::FieldTable]);
    }

    #[test]
    fn variants_and_deprecated_pages_are_not_about_a_feature() {
        let old = page_section(
            "information-pages.adoc",
            &["Deprecated", "Information pages"],
            0,
            "",
        );
        let n = notice(vec![
            page_section("spaces/processes/groups.adoc", &["Process groups"], 0, ""),
            page_section(
                "spaces/processes/groups.adoc#_landing_page",
                &["Process groups", "Landing page"],
                1,
                "",
            ),
            old,
        ]);
        let m = match_features(
            &n,
            &[
                FeatureTerms {
                    distinct_from: vec!["process group".into()],
                    ..en(
                        "process.landing_page",
                        &["Space landing page"],
                        &["landing page"],
                    )
                },
                en("process.group", &["Process groups"], &[]),
                en("static_page.manage", &["Information pages"], &[]),
            ],
        );
        assert_eq!(
            m[0].status,
            Status::Partial,
            "the group's landing page names it, no more"
        );
        assert_eq!(m[0].evidence.as_ref().unwrap().section, 1);
        assert_eq!(m[1].status, Status::Covered);
        assert_eq!(
            m[2].status,
            Status::Partial,
            "a deprecated page documents nothing of today's admin"
        );
    }

    #[test]
    fn a_name_read_with_its_page_title_is_a_mention() {
        let n = notice(vec![page_section(
            "spaces/processes.adoc#_list",
            &["Participatory processes", "List"],
            1,
            "Filters: Published / Unpublished, by type",
        )]);
        let m = match_features(
            &n,
            &[en("process.publish", &["Publish unpublish process"], &[])],
        );
        assert_eq!(m[0].status, Status::Partial);
        assert!(m[0]
            .evidence
            .as_ref()
            .unwrap()
            .excerpt
            .contains("Published / Unpublished"));
    }
}
