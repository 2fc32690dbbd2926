//! The gap report: per feature its status, evidence (or the closest section), admin route, UI
//! screenshot and fields the notice never names; biggest gaps first; totals; and the remarks to
//! send to the notice's authors, one short paragraph per gap, in the notice's language.
//! Written as Markdown, self-contained HTML (screenshots embedded) and JSON.

use super::matcher::{Evidence, FeatureMatch, Status};
use super::screenshots::ScreenshotCheck;
use crate::analysis::catalogue::{Catalogue, Origin};
use crate::analysis::inventory::Inventory;
use crate::analysis::notice::Notice;
use crate::markdown::{code, escape as esc};
use base64::Engine;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

const HTML_TEMPLATE: &str = include_str!("gap.html.j2");

/// One feature in the report.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Catalogue id.
    pub id: String,
    /// Name in the notice's language.
    pub name: String,
    /// Core or OSP.
    pub origin: Origin,
    /// Whether the crawl saw a page of it on this instance (true when no inventory was given).
    pub in_instance: bool,
    /// Covered, partial, missing.
    pub status: Status,
    /// The covering section or the mention.
    pub evidence: Option<Evidence>,
    /// The other sections about it (covered features), best first.
    pub also: Vec<Evidence>,
    /// What the evidence is, in the notice's language ("heading, field table").
    pub evidence_kinds: String,
    /// The closest section, for missing features.
    pub closest: Option<Evidence>,
    /// Where it is in the admin (an URL pattern seen, else the catalogue route).
    pub route: String,
    /// Screenshot of its admin page (relative to the inventory folder).
    pub screenshot: Option<String>,
    /// UI fields the notice never names (covered features).
    pub missing_fields: Vec<String>,
    /// The fields of its admin forms, as the inventory saw them: what a section should describe.
    pub fields: Vec<String>,
    /// For a missing feature, where it would go in the manual's own structure: the page that
    /// documents most of its sibling features (same catalogue group).
    pub place: Option<Place>,
}

/// A page of the manual, as a place to add something.
#[derive(Debug, Clone, Serialize)]
pub struct Place {
    /// Heading path of the page.
    pub breadcrumb: String,
    /// Link to it.
    pub link: String,
    /// The sibling features it documents.
    pub siblings: Vec<String>,
}

/// Counts per status.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Totals {
    /// Features considered.
    pub features: usize,
    /// Covered.
    pub covered: usize,
    /// Only mentioned.
    pub partial: usize,
    /// Not documented.
    pub missing: usize,
    /// Covered features with undocumented fields.
    pub covered_with_missing_fields: usize,
    /// Undocumented fields in all.
    pub missing_fields: usize,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct GapReport {
    /// Where the notice was read.
    pub notice: String,
    /// Its language.
    pub lang: String,
    /// Sections read.
    pub sections: usize,
    /// The instance, if an inventory was given.
    pub instance: Option<String>,
    /// Totals over the features of the instance.
    pub totals: Totals,
    /// Rows, biggest gaps first.
    pub rows: Vec<Row>,
    /// Admin pages matching no catalogue feature, and whether the notice names them.
    pub discovered: Vec<Discovered>,
    /// Remarks for the notice's authors.
    pub remarks: Vec<String>,
    /// The manual's pictures compared with today's pages (with an inventory).
    pub screenshots: Vec<ScreenshotCheck>,
}

/// An admin page outside the catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Discovered {
    /// URL pattern.
    pub pattern: String,
    /// Its heading.
    pub heading: String,
}

fn rank(r: &Row) -> (bool, Status, std::cmp::Reverse<usize>, String) {
    (
        !r.in_instance,
        r.status,
        std::cmp::Reverse(r.missing_fields.len()),
        r.id.clone(),
    )
}

impl Row {
    /// A feature's row: its names in `lang`, and where the inventory (if any) saw it.
    fn new(
        m: FeatureMatch,
        catalogue: &Catalogue,
        inventory: Option<&Inventory>,
        lang: &str,
    ) -> Option<Row> {
        let f = catalogue.get(&m.id)?;
        let page = inventory.and_then(|inv| inv.pages_of(&f.id).next());
        Some(Row {
            name: f.name.get(lang).to_string(),
            origin: f.origin,
            in_instance: inventory.is_none() || page.is_some(),
            route: page
                .map(|p| p.pattern.clone())
                .unwrap_or_else(|| f.route.clone()),
            screenshot: page.and_then(|p| p.screenshot.clone()),
            id: m.id,
            status: m.status,
            evidence_kinds: m
                .evidence
                .iter()
                .flat_map(|e| &e.kinds)
                .map(|k| k.label(lang))
                .collect::<Vec<_>>()
                .join(", "),
            evidence: m.evidence,
            also: m.also,
            closest: m.closest,
            missing_fields: m.missing_fields,
            fields: inventory
                .map(|inv| inv.form_labels(&f.id))
                .unwrap_or_else(|| f.fields.clone()),
            place: None,
        })
    }

    /// The row's section of the Markdown report.
    fn markdown(&self, fr: bool) -> String {
        let r = self;
        let mut md = format!(
            "## {} — {} ({})\n\n",
            status_word(r.status, fr),
            esc(&r.name),
            code(&r.id)
        );
        if !r.in_instance {
            md.push_str(if fr {
                "_Pas vue dans l'administration de cette instance._\n\n"
            } else {
                "_Not seen in this instance's admin._\n\n"
            });
        }
        if !r.route.is_empty() {
            md.push_str(&format!(
                "- {} {}\n",
                if fr {
                    "Administration\u{a0}:"
                } else {
                    "Admin route:"
                },
                code(&r.route)
            ));
        }
        if let Some(e) = &r.evidence {
            let (open, close) = if fr {
                ("«\u{a0}", "\u{a0}»")
            } else {
                ("“", "”")
            };
            md.push_str(&format!(
                "- {} [{}]({}) — {open}{}{close} ({} {})\n",
                if fr { "Section\u{a0}:" } else { "Section:" },
                esc(&e.breadcrumb),
                e.link,
                esc(&e.excerpt),
                if fr { "preuve\u{a0}:" } else { "evidence:" },
                r.evidence_kinds,
            ));
        }
        if let Some(c) = &r.closest {
            md.push_str(&format!(
                "- {} [{}]({})\n",
                if fr {
                    "Section la plus proche\u{a0}:"
                } else {
                    "Closest section:"
                },
                esc(&c.breadcrumb),
                c.link
            ));
        }
        if !r.missing_fields.is_empty() {
            md.push_str(&format!(
                "- {} {}\n",
                if fr {
                    "Champs non décrits\u{a0}:"
                } else {
                    "Undocumented fields:"
                },
                esc(&r.missing_fields.join(", "))
            ));
        }
        if let Some(s) = &r.screenshot {
            md.push_str(&format!("\n![{}]({s})\n", esc(&r.name)));
        }
        md.push('\n');
        md
    }
}

/// For each missing feature, where it would go in the manual's own structure: the page that
/// documents most of its sibling features (the same catalogue group).
fn place_missing_features(rows: &mut [Row], notice: &Notice, catalogue: &Catalogue) {
    let mut pages_of_group: BTreeMap<&str, Vec<(String, String, String)>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.status == Status::Covered) {
        let (Some(e), Some(f)) = (&r.evidence, catalogue.get(&r.id)) else {
            continue;
        };
        let Some(section) = notice.sections.get(e.section) else {
            continue;
        };
        let page_path = &section.path[..section.path.len().saturating_sub(section.depth)];
        let link = e.link.split('#').next().unwrap_or("").to_string();
        pages_of_group.entry(f.group.as_str()).or_default().push((
            page_path.join(" › "),
            link,
            r.name.clone(),
        ));
    }
    for r in rows.iter_mut().filter(|r| r.status == Status::Missing) {
        let Some(pages) = catalogue
            .get(&r.id)
            .and_then(|f| pages_of_group.get(f.group.as_str()))
        else {
            continue;
        };
        let mut counts: BTreeMap<(&String, &String), Vec<String>> = BTreeMap::new();
        for (crumb, link, name) in pages {
            counts.entry((crumb, link)).or_default().push(name.clone());
        }
        r.place = counts.into_iter().max_by_key(|(_, names)| names.len()).map(
            |((crumb, link), siblings)| Place {
                breadcrumb: crumb.clone(),
                link: link.clone(),
                siblings,
            },
        );
    }
}

impl Totals {
    /// Counts over the rows of features the instance has.
    fn of(rows: &[Row]) -> Totals {
        let mut totals = Totals::default();
        for r in rows.iter().filter(|r| r.in_instance) {
            totals.features += 1;
            match r.status {
                Status::Covered => totals.covered += 1,
                Status::Partial => totals.partial += 1,
                Status::Missing => totals.missing += 1,
            }
            if r.status == Status::Covered && !r.missing_fields.is_empty() {
                totals.covered_with_missing_fields += 1;
                totals.missing_fields += r.missing_fields.len();
            }
        }
        totals
    }
}

impl Discovered {
    /// The inventory's admin pages that match no catalogue feature.
    fn in_inventory(inv: &Inventory) -> Vec<Discovered> {
        inv.pages
            .iter()
            .filter(|p| p.features.is_empty())
            .map(|p| Discovered {
                pattern: p.pattern.clone(),
                heading: p.heading.clone(),
            })
            .collect()
    }
}

impl GapReport {
    /// Assemble the report from the matches.
    pub fn build(
        notice: &Notice,
        catalogue: &Catalogue,
        inventory: Option<&Inventory>,
        matches: Vec<FeatureMatch>,
    ) -> Self {
        let lang = if notice.lang == "fr" { "fr" } else { "en" };
        let mut rows: Vec<Row> = matches
            .into_iter()
            .filter_map(|m| Row::new(m, catalogue, inventory, lang))
            .collect();
        place_missing_features(&mut rows, notice, catalogue);
        rows.sort_by_key(rank);
        let remarks = rows
            .iter()
            .filter(|r| r.in_instance)
            .filter_map(|r| remark(r, lang))
            .collect();
        GapReport {
            notice: notice.source.clone(),
            lang: lang.into(),
            sections: notice.sections.len(),
            instance: inventory.map(|i| i.base_url.clone()),
            totals: Totals::of(&rows),
            discovered: inventory.map(Discovered::in_inventory).unwrap_or_default(),
            rows,
            remarks,
            screenshots: Vec::new(),
        }
    }

    /// Markdown version.
    pub fn markdown(&self) -> String {
        let fr = self.lang == "fr";
        let mut md = self.markdown_head(fr);
        for r in &self.rows {
            md.push_str(&r.markdown(fr));
        }
        if !self.discovered.is_empty() {
            md.push_str(if fr {
                "## Pages hors catalogue\n\n"
            } else {
                "## Pages outside the catalogue\n\n"
            });
            for d in &self.discovered {
                md.push_str(&format!("- {} {}\n", code(&d.pattern), esc(&d.heading)));
            }
        }
        md.push_str(&self.outdated_pictures_markdown(fr));
        md
    }

    /// The title, the notice read and the totals table.
    fn markdown_head(&self, fr: bool) -> String {
        let t = &self.totals;
        let title = if fr {
            "# Écarts entre la notice et l'administration\n\n"
        } else {
            "# Notice gaps\n\n"
        };
        let source = format!(
            "{} {} ({} sections){}\n\n",
            if fr { "Notice\u{a0}:" } else { "Notice:" },
            code(&self.notice),
            self.sections,
            self.instance
                .as_ref()
                .map(|i| format!(" — instance {i}"))
                .unwrap_or_default()
        );
        let table = format!(
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n| {} | {} | {} | {} | {} |\n\n",
            if fr { "fonctionnalités" } else { "features" },
            if fr { "décrites" } else { "covered" },
            if fr { "mentionnées" } else { "partial" },
            if fr { "absentes" } else { "missing" },
            if fr {
                "champs non décrits"
            } else {
                "undocumented fields"
            },
            t.features,
            t.covered,
            t.partial,
            t.missing,
            t.missing_fields
        );
        format!("{title}{source}{table}")
    }

    /// The manual's pictures that no longer look like today's pages (empty when none).
    fn outdated_pictures_markdown(&self, fr: bool) -> String {
        let outdated: Vec<_> = self
            .screenshots
            .iter()
            .filter(|c| c.verdict == super::screenshots::Verdict::Outdated)
            .collect();
        if outdated.is_empty() {
            return String::new();
        }
        let mut md = String::from(if fr {
            "\n## Captures de la notice à refaire\n\n"
        } else {
            "\n## Manual screenshots to redo\n\n"
        });
        for c in outdated {
            md.push_str(&format!(
                "- {} ({}) — page {}, {} {:.0}{}\n",
                code(&c.image),
                esc(&c.section),
                code(c.page.as_deref().unwrap_or("")),
                if fr { "ressemblance" } else { "likeness" },
                c.similarity.unwrap_or(0.0) * 100.0,
                if fr { "\u{a0}%" } else { "%" }
            ));
        }
        md
    }

    /// The remarks for the authors, as Markdown: per gap, ready to paste into an issue on the
    /// manual's repository or a message to its authors — what is missing, where it would go in the
    /// manual's structure, the fields a section should describe, the admin page and its screenshot
    /// (`img/<feature>.png`, copied next to the file by [`GapReport::copy_remark_images`]).
    pub fn remarks_markdown(&self) -> String {
        let fr = self.lang == "fr";
        let colon = if fr { "\u{a0}:" } else { ":" };
        let mut md = String::from(if fr {
            "# Remarques pour la notice\n\n"
        } else {
            "# Remarks for the manual\n\n"
        });
        for r in self.rows.iter().filter(|r| r.in_instance) {
            let Some(paragraph) = remark(r, &self.lang) else {
                continue;
            };
            let status = status_word(r.status, fr);
            md.push_str(&format!(
                "## {} — {status}\n\n{paragraph}\n\n",
                esc(&r.name)
            ));
            let where_ = if fr {
                "Où dans la notice"
            } else {
                "Where in the manual"
            };
            match (&r.place, &r.evidence, &r.closest) {
                (Some(p), _, _) => md.push_str(&format!(
                    "- {where_}{colon} {} [{}]({}), {} {}\n",
                    if fr { "dans" } else { "in" },
                    esc(&p.breadcrumb),
                    p.link,
                    if fr {
                        "qui décrit déjà"
                    } else {
                        "which already describes"
                    },
                    esc(&p.siblings.join(", "))
                )),
                (None, Some(c), _) | (None, None, Some(c)) => md.push_str(&format!(
                    "- {where_}{colon} [{}]({})\n",
                    esc(&c.breadcrumb),
                    c.link
                )),
                _ => {}
            }
            if !r.route.is_empty() {
                md.push_str(&format!(
                    "- {}{colon} {}\n",
                    if fr {
                        "Page d'administration"
                    } else {
                        "Admin page"
                    },
                    code(&r.route)
                ));
            }
            let to_describe = if r.missing_fields.is_empty() {
                &r.fields
            } else {
                &r.missing_fields
            };
            if !to_describe.is_empty() {
                md.push_str(&format!(
                    "- {}{colon} {}\n",
                    if fr {
                        "Champs à décrire"
                    } else {
                        "Fields to describe"
                    },
                    esc(&to_describe.join(", "))
                ));
            }
            if r.screenshot.is_some() {
                md.push_str(&format!("\n![{}](img/{}.png)\n", esc(&r.name), r.id));
            }
            md.push('\n');
        }
        md
    }

    /// Copy the screenshots the remarks show into `out/img/` (from the inventory folder), so
    /// that the remarks' pictures resolve wherever they are written.
    pub fn copy_remark_images(&self, inventory_dir: &Path, out: &Path) -> std::io::Result<()> {
        let img = out.join("img");
        for r in self.rows.iter().filter(|r| {
            r.in_instance && (r.status != Status::Covered || !r.missing_fields.is_empty())
        }) {
            let Some(from) = r
                .screenshot
                .as_deref()
                .and_then(|s| super::screenshots::safe_join(inventory_dir, s))
            else {
                continue;
            };
            std::fs::create_dir_all(&img)?;
            std::fs::copy(from, img.join(format!("{}.png", r.id)))?;
        }
        Ok(())
    }

    /// Self-contained HTML; screenshots are read from `inventory_dir` and embedded.
    pub fn html(&self, inventory_dir: Option<&Path>) -> Result<String, minijinja::Error> {
        let images: Vec<Option<String>> = self
            .rows
            .iter()
            .map(|r| {
                let dir = inventory_dir?;
                let file = super::screenshots::safe_join(dir, r.screenshot.as_ref()?)?;
                let bytes = std::fs::read(file).ok()?;
                Some(format!(
                    "data:image/png;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(bytes)
                ))
            })
            .collect();
        // A picture side by side with another needs no more than half the page: a small WebP.
        let data_uri = |file: Option<std::path::PathBuf>| -> String {
            let Some(img) = file.and_then(|f| image::open(f).ok()) else {
                return String::new();
            };
            let small = img.thumbnail(520, u32::MAX).to_rgb8();
            let bytes =
                webp::Encoder::from_rgb(small.as_raw(), small.width(), small.height()).encode(70.0);
            format!(
                "data:image/webp;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(&*bytes)
            )
        };
        // Only the outdated pictures are shown, old and new side by side.
        let shots: Vec<(String, String)> = self
            .screenshots
            .iter()
            .map(|c| {
                if c.verdict != super::screenshots::Verdict::Outdated {
                    return (String::new(), String::new());
                }
                let today = inventory_dir
                    .zip(c.screenshot.as_deref())
                    .and_then(|(d, s)| super::screenshots::safe_join(d, s));
                (data_uri(c.file.clone()), data_uri(today))
            })
            .collect();
        let mut env = minijinja::Environment::new();
        env.add_template("gap.html", HTML_TEMPLATE)?;
        let fr = self.lang == "fr";
        env.get_template("gap.html")?.render(minijinja::context! {
            r => self,
            images => images,
            shots => shots,
            threshold => (super::screenshots::UP_TO_DATE * 100.0).round() as u32,
            colon => if fr { "\u{a0}:" } else { ":" },
            percent => if fr { "\u{a0}%" } else { "%" },
            fr => fr,
            words => minijinja::context! {
                covered => status_word(Status::Covered, fr),
                partial => status_word(Status::Partial, fr),
                missing => status_word(Status::Missing, fr),
            },
        })
    }
}

fn status_word(s: Status, fr: bool) -> &'static str {
    match (s, fr) {
        (Status::Missing, true) => "Absente",
        (Status::Partial, true) => "Mentionnée",
        (Status::Covered, true) => "Décrite",
        (Status::Missing, false) => "Missing",
        (Status::Partial, false) => "Partial",
        (Status::Covered, false) => "Covered",
    }
}

/// One paragraph for the notice's authors about a gap (none for a fully documented feature).
fn remark(r: &Row, lang: &str) -> Option<String> {
    let fr = lang == "fr";
    let route = if r.route.is_empty() {
        String::new()
    } else {
        format!(" ({})", code(&r.route))
    };
    Some(match r.status {
        Status::Missing => {
            // The page documenting its siblings, else the section sharing most words with it.
            let near = r
                .place
                .as_ref()
                .map(|p| esc(&p.breadcrumb))
                .or_else(|| r.closest.as_ref().map(|c| esc(&c.breadcrumb)))
                .map(|c| {
                    if fr {
                        format!(" Elle trouverait sa place près de «\u{a0}{c}\u{a0}».")
                    } else {
                        format!(" It would fit near \"{c}\".")
                    }
                });
            if fr {
                format!(
                    "**{}** — La notice ne décrit pas cette fonctionnalité de l'administration{route}. Les équipes qui la découvrent n'ont rien à lire à son sujet\u{a0}: une section qui explique à quoi elle sert et comment l'utiliser serait utile.{}",
                    esc(&r.name),
                    near.unwrap_or_default()
                )
            } else {
                format!(
                    "**{}** — The manual does not describe this admin feature{route}. People who meet it have nothing to read about it: a section on what it is for and how to use it would help.{}",
                    esc(&r.name),
                    near.unwrap_or_default()
                )
            }
        }
        Status::Partial => {
            let e = r.evidence.as_ref()?;
            if fr {
                format!(
                    "**{}** — La notice ne la mentionne qu'en passant, dans «\u{a0}{}\u{a0}»\u{a0}: «\u{a0}{}\u{a0}». Une section dédiée{route} expliquerait comment s'en servir.",
                    esc(&r.name), esc(&e.breadcrumb), esc(&e.excerpt)
                )
            } else {
                format!(
                    "**{}** — The manual only mentions it in passing, in \"{}\": \"{}\". A section of its own{route} would explain how to use it.",
                    esc(&r.name), esc(&e.breadcrumb), esc(&e.excerpt)
                )
            }
        }
        Status::Covered if !r.missing_fields.is_empty() => {
            let e = r.evidence.as_ref()?;
            if fr {
                format!(
                    "**{}** — La section «\u{a0}{}\u{a0}» décrit cette fonctionnalité mais ne dit rien des champs suivants du formulaire\u{a0}: {}.",
                    esc(&r.name),
                    esc(&e.breadcrumb),
                    esc(&r.missing_fields.join(", "))
                )
            } else {
                format!(
                    "**{}** — The section \"{}\" describes this feature but says nothing of these form fields: {}.",
                    esc(&r.name),
                    esc(&e.breadcrumb),
                    esc(&r.missing_fields.join(", "))
                )
            }
        }
        Status::Covered => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::gap::{feature_terms, matcher::match_features, screenshots::Verdict};
    use std::path::PathBuf;

    fn repo(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(path)
    }

    /// The French help-centre fixture against the project's catalogue, cut to two rows of each
    /// status (one said to be absent from the instance), with a page outside the catalogue and
    /// an outdated picture: every part of the Markdown.
    fn sample_report() -> GapReport {
        let notice = crate::analysis::notice::read(&repo("fixtures/notices/help-centre-fr"))
            .expect("the fixture notice reads");
        let catalogue = Catalogue::load(&repo("scenarios")).expect("the catalogue loads");
        let terms = feature_terms(&catalogue, None, &notice.lang);
        let matches = match_features(&notice, &terms);
        let mut report = GapReport::build(&notice, &catalogue, None, matches);
        let mut kept = Vec::new();
        for status in [Status::Missing, Status::Partial, Status::Covered] {
            kept.extend(
                report
                    .rows
                    .iter()
                    .filter(|r| r.status == status)
                    .take(2)
                    .cloned(),
            );
        }
        kept[0].in_instance = false;
        kept[1].screenshot = Some("screenshots/feature.png".into());
        if let Some(covered) = kept.iter_mut().find(|r| r.status == Status::Covered) {
            covered.missing_fields = vec!["Slug".into(), "Banner image".into()];
        }
        report.rows = kept;
        report.notice = "fixtures/notices/help-centre-fr".into();
        report.discovered = vec![Discovered {
            pattern: "/admin/foo/:id".into(),
            // What a page says is shown as text, never as markup.
            heading: "Foo <img src=x onerror=alert(1)> *now*".into(),
        }];
        report.screenshots = vec![ScreenshotCheck {
            section: "Créer une concertation".into(),
            link: "article-101.html".into(),
            image: "form.png".into(),
            alt: "Formulaire".into(),
            file: None,
            feature: Some("processes".into()),
            page: Some("/admin/participatory_processes/new".into()),
            screenshot: None,
            similarity: Some(0.42),
            verdict: Verdict::Outdated,
            reason: String::new(),
        }];
        report
    }

    #[test]
    fn the_markdown_report_in_the_notices_language() {
        let report = sample_report();
        assert_eq!(report.lang, "fr");
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!("gap_markdown_fr", report.markdown());
            let en = GapReport {
                lang: "en".into(),
                ..report
            };
            insta::assert_snapshot!("gap_markdown_en", en.markdown());
        });
    }

    #[test]
    fn totals_count_the_features_of_the_instance_only() {
        let notice = crate::analysis::notice::read(&repo("fixtures/notices/help-centre-fr"))
            .expect("the fixture notice reads");
        let catalogue = Catalogue::load(&repo("scenarios")).expect("the catalogue loads");
        let terms = feature_terms(&catalogue, None, &notice.lang);
        let report = GapReport::build(&notice, &catalogue, None, match_features(&notice, &terms));
        let t = report.totals;
        assert_eq!(t.features, report.rows.len());
        assert_eq!(t.covered + t.partial + t.missing, t.features);
        assert!(t.covered > 0 && t.missing > 0, "{t:?}");
        // Biggest gaps first.
        let statuses: Vec<Status> = report.rows.iter().map(|r| r.status).collect();
        let mut sorted = statuses.clone();
        sorted.sort();
        assert_eq!(statuses, sorted);
        // A missing feature whose siblings are documented is given their page as its place.
        assert!(report
            .rows
            .iter()
            .filter(|r| r.status == Status::Missing)
            .all(|r| r.place.as_ref().is_none_or(|p| !p.siblings.is_empty())));
        // One remark per gap of the instance.
        assert_eq!(
            report.remarks.len(),
            t.missing + t.partial + t.covered_with_missing_fields
        );
    }
}
