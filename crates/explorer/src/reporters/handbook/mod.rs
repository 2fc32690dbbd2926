//! The handbook: the run's lessons as a tutorial a trainee keeps, in the run folder's `handbook/`:
//! `index.html` (the lessons by admin area, in the learning path's order) and one page per lesson
//! (`<lesson>.html`, and `.md`), each step headed by what it does in words («Remplir « Titre » avec
//! « … » »), its reason, the page it happens on, and its picture taken before the action with the target
//! marked plus a zoom around it; the result of the lesson after its last step; steps a lesson takes from
//! an included lesson shown once, with a link. Pictures are WebP, made in the background
//! ([`pictures::Pictures`]); everything opens offline.
//!
//! A lesson's page is written when it ends, so a run killed outright still leaves what it had; when the run
//! ends every page is written again, knowing all the lessons (links between them).

pub mod pictures;

use super::{write_atomically, ReportError, Reporter};
use crate::events::{
    CancelReason, EventKind, IncludedInfo, NoticeRef, RunEvent, ScenarioInfo, ScenarioStatus,
    StepInfo, StepOutcome,
};
use crate::markdown;
use crate::scenario::learning_path::LearningPath;
use pictures::{Job, Pictures};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LESSON_TEMPLATE: &str = include_str!("lesson.html.j2");
const INDEX_TEMPLATE: &str = include_str!("index.html.j2");
const STYLE: &str = include_str!("handbook.css");

/// How the handbook is made.
#[derive(Debug, Clone, Default)]
pub struct HandbookOptions {
    /// The learning path: order and areas of the lessons.
    pub path: LearningPath,
    /// The target is a shared, real instance (lessons that write are flagged).
    pub shared: bool,
    /// Also make an animated picture of each lesson (`video/<lesson>.webp`).
    pub video: bool,
    /// How the target is named in the handbook (a URL, or "the built-in replica").
    pub target_name: Option<String>,
}

/// Builds the handbook as events arrive.
#[derive(Debug)]
pub struct HandbookReporter {
    out_dir: PathBuf,
    opts: HandbookOptions,
    locale: String,
    target: String,
    started_at: String,
    lessons: Vec<Lesson>,
    pictures: Pictures,
    /// Hash of the last picture of the current lesson, to show a view that did not change only once.
    last_picture: Option<u64>,
    /// Lessons the run never came to (their titles) and why it stopped: the index lists them.
    not_run: Vec<String>,
    cut_short: Option<CancelReason>,
}

#[derive(Debug, Clone, Serialize)]
struct Lesson {
    id: String,
    title: String,
    description: String,
    area: Option<String>,
    status: &'static str,
    writes: bool,
    step_count: usize,
    steps: Vec<Step>,
    notice: Vec<Notice>,
    result: Option<String>,
    video: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Notice {
    feature: String,
    status: String,
    section: String,
    /// The section's link when it is one (a dead loopback link is not kept).
    href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Step {
    number: usize,
    heading: String,
    narration: String,
    /// Path (and query) of the page, relative to the instance.
    page: String,
    outcome: &'static str,
    /// The picture, relative to the handbook folder.
    image: Option<String>,
    zoom: Option<String>,
    same_view: bool,
    notice_silent: bool,
    error: Option<String>,
    #[serde(skip)]
    included: Option<IncludedInfo>,
    /// The screenshot (and target box) of a step taken from an included lesson: pictured only if the
    /// handbook tells that step itself (usually the included lesson has its own page).
    #[serde(skip)]
    deferred: Option<(PathBuf, Option<[i64; 4]>)>,
}

/// A run of steps on a lesson page: its own steps, or the steps of an included lesson.
#[derive(Debug, Serialize)]
struct Block<'a> {
    /// The included lesson's title (none for the lesson's own steps).
    title: Option<String>,
    /// Why the lesson includes it.
    why: Option<String>,
    /// Shown as a link to where those steps are told (not again here).
    summary: bool,
    link: Option<String>,
    /// "Steps 1 to 12".
    range: String,
    steps: Vec<&'a Step>,
}

#[derive(Debug, Serialize)]
struct Prerequisite {
    title: String,
    link: Option<String>,
}

/// The handbook's words.
fn labels(locale: &str) -> serde_json::Value {
    if locale == "fr" {
        serde_json::json!({
            "title": "Manuel de prise en main de l'administration Decidim",
            "intro": "Chaque leçon montre, étape par étape, ce qu'il faut faire dans l'administration et pourquoi. L'élément sur lequel agir est entouré de rouge ; un zoom le montre de près.",
            "contents": "Sommaire", "step": "Étape", "steps": "étapes", "page": "Page :", "target": "Plateforme :",
            "made": "Réalisé par decidim-explorer le", "passed": "réussie", "failed": "en échec",
            "interrupted": "interrompue", "skipped": "passée", "writes": "modifie des données",
            "same_view": "(l'écran n'a pas changé)", "goal": "Objectif :", "prerequisites": "Prérequis :",
            "notice": "Dans la notice", "notice_partial": "seulement mentionnée dans", "notice_missing": "la notice ne dit rien de",
            "notice_silent": "La notice ne décrit pas cette fonctionnalité.",
            "included_done": "Ces étapes sont décrites dans la leçon", "included_here": "Étapes de la leçon",
            "not_run": "Leçons non exécutées", "zoom": "Zoom", "result": "Le résultat", "video": "Voir la leçon en animation",
        })
    } else {
        serde_json::json!({
            "title": "Decidim admin handbook",
            "intro": "Each lesson shows, step by step, what to do in the admin and why. The element to act on is outlined in red; a zoom shows it up close.",
            "contents": "Contents", "step": "Step", "steps": "steps", "page": "Page:", "target": "Platform:",
            "made": "Made by decidim-explorer on", "passed": "passed", "failed": "failed",
            "interrupted": "interrupted", "skipped": "skipped", "writes": "changes data",
            "same_view": "(the screen did not change)", "goal": "Goal:", "prerequisites": "Before this lesson:",
            "notice": "In the notice", "notice_partial": "only mentioned in", "notice_missing": "the notice says nothing about",
            "notice_silent": "The notice does not describe this feature.",
            "included_done": "These steps are told in the lesson", "included_here": "Steps of the lesson",
            "not_run": "Lessons not run", "zoom": "Zoom", "result": "The result", "video": "Watch the lesson as an animation",
        })
    }
}

/// Path and query of a URL (what the trainee reads in the address bar after the host).
fn page_path(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => match u.query() {
            Some(q) => format!("{}?{q}", u.path()),
            None => u.path().to_string(),
        },
        Err(_) => String::new(),
    }
}

/// A link worth keeping in a handbook read anywhere: not one to this machine.
fn lasting_link(link: &str) -> Option<String> {
    let loopback = link.contains("://127.0.0.1") || link.contains("://localhost");
    (!link.is_empty() && !loopback).then(|| link.to_string())
}

/// A lesson id usable as a file name (ids are `[a-z0-9-]+`; anything else is replaced).
/// The handbook page of a lesson, relative to the run folder (`handbook/<lesson>.html`).
pub fn lesson_page(id: &str) -> std::path::PathBuf {
    std::path::PathBuf::from("handbook").join(format!("{}.html", file_stem(id)))
}

fn file_stem(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A step's picture: image, zoomed target, same view as the step before, deferred screenshot.
type StepPicture = (
    Option<String>,
    Option<String>,
    bool,
    Option<(PathBuf, Option<[i64; 4]>)>,
);

impl HandbookReporter {
    /// Write the handbook into `out_dir/handbook`.
    pub fn new(out_dir: &Path, opts: HandbookOptions) -> Self {
        HandbookReporter {
            out_dir: out_dir.to_path_buf(),
            opts,
            locale: "en".into(),
            target: String::new(),
            started_at: String::new(),
            lessons: Vec::new(),
            pictures: Pictures::start(),
            last_picture: None,
            not_run: Vec::new(),
            cut_short: None,
        }
    }

    fn dir(&self) -> PathBuf {
        self.out_dir.join("handbook")
    }

    /// A lesson's verdict, its result picture and video; the handbook is rewritten.
    fn lesson_finished(
        &mut self,
        status: ScenarioStatus,
        result: Option<&PathBuf>,
    ) -> Result<(), ReportError> {
        let Some(id) = self.lessons.last().map(|l| l.id.clone()) else {
            return Ok(());
        };
        self.last_picture = None;
        let result = result.and_then(|r| self.queue_picture(&id, r, "result", None).0);
        let video = self.opts.video.then(|| {
            let file = format!("video/{}.webp", file_stem(&id));
            self.pictures.animation(&id, self.dir().join(&file), 1.5);
            file
        });
        if let Some(lesson) = self.lessons.last_mut() {
            lesson.status = match status {
                // A handbook tells the lesson as it went in the end: a retry that passed did.
                ScenarioStatus::Passed | ScenarioStatus::Flaky => "passed",
                ScenarioStatus::Failed => "failed",
                ScenarioStatus::Interrupted => "interrupted",
            };
            lesson.result = result;
            lesson.video = video;
        }
        self.write_all()
    }

    /// A lesson as it starts: title, description, area and notice links in the run's language.
    fn lesson(&self, scenario: &ScenarioInfo) -> Lesson {
        let fr = self.locale == "fr";
        Lesson {
            id: scenario.id.clone(),
            title: if fr {
                &scenario.title_fr
            } else {
                &scenario.title_en
            }
            .clone(),
            description: if fr {
                &scenario.description_fr
            } else {
                &scenario.description_en
            }
            .clone(),
            area: self
                .opts
                .path
                .area_of(&scenario.id)
                .map(|a| a.name.get(&self.locale).to_string()),
            status: "running",
            writes: scenario.writes,
            step_count: scenario.steps,
            steps: Vec::new(),
            notice: scenario
                .notice
                .iter()
                .map(|n: &NoticeRef| Notice {
                    feature: n.feature.clone(),
                    status: n.status.clone(),
                    section: n.section.clone(),
                    href: lasting_link(&n.link).or_else(|| {
                        (!n.link.is_empty() && !n.link.contains("://")).then(|| n.link.clone())
                    }),
                })
                .collect(),
            result: None,
            video: None,
        }
    }

    /// The picture of a step: in guided mode the highlighted view (the outline is drawn in the
    /// page); otherwise the screenshot taken before the action, marked here. A step of an
    /// included lesson keeps its picture for later (`picture_told_included_steps`).
    fn step_picture(
        &mut self,
        id: &str,
        step: &StepInfo,
        highlight: Option<&PathBuf>,
        screenshot: Option<&PathBuf>,
        target_box: Option<[i64; 4]>,
    ) -> StepPicture {
        let (png, target) = match (highlight, screenshot) {
            (Some(h), _) => (Some(h), None),
            (None, Some(s)) => (Some(s), target_box),
            _ => (None, None),
        };
        match png {
            Some(p) if step.included.is_some() => (None, None, false, Some((p.clone(), target))),
            Some(p) => {
                let (i, z, same) =
                    self.queue_picture(id, p, &format!("{:02}", step.number), target);
                (i, z, same, None)
            }
            None => (None, None, false, None),
        }
    }

    /// Queue a picture of the current lesson; its path relative to the handbook, or `None` when it is the
    /// same view as the step before.
    fn queue_picture(
        &mut self,
        lesson: &str,
        png: &Path,
        name: &str,
        target: Option<[i64; 4]>,
    ) -> (Option<String>, Option<String>, bool) {
        use std::hash::{Hash, Hasher};
        let full = self.out_dir.join(png);
        let Ok(bytes) = std::fs::read(&full) else {
            return (None, None, false);
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        target.hash(&mut h);
        let hash = h.finish();
        if self.last_picture == Some(hash) {
            return (None, None, true);
        }
        self.last_picture = Some(hash);
        let stem = file_stem(lesson);
        let page = format!("img/{stem}/{name}.webp");
        let zoom = target.map(|_| format!("img/{stem}/{name}-zoom.webp"));
        self.pictures.picture(Job {
            png: full,
            target,
            page: self.dir().join(&page),
            zoom: zoom.as_ref().map(|z| self.dir().join(z)),
            frame_of: self.opts.video.then(|| lesson.to_string()),
        });
        // The zoom is not made when the target fills most of the view: only name it if it will exist.
        let zoom = zoom.filter(|_| {
            target.is_some_and(|b| b[2] > 0 && b[3] > 0 && b[2] * b[3] <= 1280 * 800 / 4)
        });
        (Some(page), zoom, false)
    }

    /// The blocks of a lesson's page, given which included lessons have their own page and which
    /// included steps an earlier page already told.
    fn blocks<'a>(
        &self,
        lesson: &'a Lesson,
        own_pages: &BTreeSet<String>,
        told: &mut BTreeMap<String, (String, usize)>,
    ) -> Vec<Block<'a>> {
        let fr = self.locale == "fr";
        let mut blocks: Vec<Block<'a>> = Vec::new();
        for step in &lesson.steps {
            let key = step.included.as_ref().map(|i| i.scenario.clone());
            let same = blocks.last().is_some_and(|b: &Block<'_>| {
                b.steps
                    .last()
                    .map(|s| s.included.as_ref().map(|i| &i.scenario))
                    == Some(key.as_ref())
            });
            if same {
                blocks.last_mut().expect("checked").steps.push(step);
                continue;
            }
            let (title, why) = match &step.included {
                Some(i) => (
                    Some(if fr { &i.title_fr } else { &i.title_en }.clone()),
                    Some(if fr { &i.narration_fr } else { &i.narration_en }.clone()),
                ),
                None => (None, None),
            };
            blocks.push(Block {
                title,
                why,
                summary: false,
                link: None,
                range: String::new(),
                steps: vec![step],
            });
        }
        for b in &mut blocks {
            let Some(included) = b.steps[0].included.as_ref().map(|i| i.scenario.clone()) else {
                continue;
            };
            let (first, last) = (b.steps[0].number, b.steps[b.steps.len() - 1].number);
            b.range = if fr {
                format!("Étapes {first} à {last}")
            } else {
                format!("Steps {first} to {last}")
            };
            if own_pages.contains(&included) && included != lesson.id {
                b.summary = true;
                b.link = Some(format!("{}.html", file_stem(&included)));
            } else if let Some((page, step)) = told.get(&included) {
                b.summary = true;
                b.link = Some(format!("{page}.html#step-{step}"));
            } else {
                told.insert(included, (file_stem(&lesson.id), first));
            }
        }
        blocks
    }

    fn prerequisites(&self, lesson: &Lesson, own_pages: &BTreeSet<String>) -> Vec<Prerequisite> {
        let fr = self.locale == "fr";
        let mut seen = BTreeSet::new();
        lesson
            .steps
            .iter()
            .filter_map(|s| s.included.as_ref())
            .filter(|i| seen.insert(i.scenario.clone()))
            .map(|i| Prerequisite {
                title: if fr { &i.title_fr } else { &i.title_en }.clone(),
                link: own_pages
                    .contains(&i.scenario)
                    .then(|| format!("{}.html", file_stem(&i.scenario))),
            })
            .collect()
    }

    /// Picture the included steps the handbook tells itself (an included lesson with no page of its own,
    /// told in full the first time it is included).
    fn picture_told_included_steps(&mut self) {
        let mut order: Vec<usize> = (0..self.lessons.len()).collect();
        order.sort_by_key(|&i| {
            self.opts
                .path
                .position(&self.lessons[i].id)
                .unwrap_or((usize::MAX, usize::MAX))
        });
        let own_pages: BTreeSet<String> = self.lessons.iter().map(|l| l.id.clone()).collect();
        let mut told: BTreeSet<String> = BTreeSet::new();
        for i in order {
            let id = self.lessons[i].id.clone();
            let mut jobs = Vec::new();
            // The included lesson of the current block of steps, and whether this block tells it.
            let mut block: Option<(String, bool)> = None;
            for (j, step) in self.lessons[i].steps.iter().enumerate() {
                let inc = step.included.as_ref().map(|x| x.scenario.clone());
                if block.as_ref().map(|b| &b.0) != inc.as_ref() {
                    block = inc.map(|s| {
                        let tells = !own_pages.contains(&s) && told.insert(s.clone());
                        (s, tells)
                    });
                }
                if let (Some((_, true)), Some((png, target))) = (&block, &step.deferred) {
                    jobs.push((j, png.clone(), *target, format!("{:02}", step.number)));
                }
            }
            self.last_picture = None;
            for (j, png, target, name) in jobs {
                let (image, zoom, same) = self.queue_picture(&id, &png, &name, target);
                let step = &mut self.lessons[i].steps[j];
                step.image = image;
                step.zoom = zoom;
                step.same_view = same;
            }
        }
    }

    /// Lessons in learning order.
    fn ordered(&self) -> Vec<&Lesson> {
        let mut v: Vec<&Lesson> = self.lessons.iter().collect();
        v.sort_by_key(|l| {
            self.opts
                .path
                .position(&l.id)
                .unwrap_or((usize::MAX, usize::MAX))
        });
        v
    }

    fn env() -> Result<minijinja::Environment<'static>, minijinja::Error> {
        let mut env = minijinja::Environment::new();
        env.add_template("lesson.html", LESSON_TEMPLATE)?; // .html: autoescape on
        env.add_template("index.html", INDEX_TEMPLATE)?;
        Ok(env)
    }

    fn target_name(&self) -> String {
        self.opts
            .target_name
            .clone()
            .unwrap_or_else(|| self.target.clone())
    }

    /// Every lesson page and the index.
    fn write_all(&self) -> Result<(), ReportError> {
        let dir = self.dir();
        let io = |file: &Path, e: String| ReportError {
            file: file.to_path_buf(),
            source: std::io::Error::other(e),
        };
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e.to_string()))?;
        write_atomically(&dir.join("handbook.css"), STYLE.as_bytes())?;
        let env = Self::env().map_err(|e| io(&dir, e.to_string()))?;
        let l = labels(&self.locale);
        let ordered = self.ordered();
        let own_pages: BTreeSet<String> = ordered.iter().map(|l| l.id.clone()).collect();
        let mut told = BTreeMap::new();
        let page_ref = |l: &Lesson| serde_json::json!({ "file": format!("{}.html", file_stem(&l.id)), "title": l.title });
        for (i, lesson) in ordered.iter().enumerate() {
            let blocks = self.blocks(lesson, &own_pages, &mut told);
            let prerequisites = self.prerequisites(lesson, &own_pages);
            let ctx = minijinja::context! {
                lang => self.locale,
                l => l,
                shared => self.opts.shared,
                lesson => minijinja::context! {
                    blocks => blocks,
                    prerequisites => prerequisites,
                    ..minijinja::Value::from_serialize(lesson)
                },
                prev => i.checked_sub(1).map(|j| page_ref(ordered[j])),
                next => ordered.get(i + 1).map(|n| page_ref(n)),
            };
            let stem = file_stem(&lesson.id);
            let html_file = dir.join(format!("{stem}.html"));
            let html = env
                .get_template("lesson.html")
                .and_then(|t| t.render(&ctx))
                .map_err(|e| io(&html_file, e.to_string()))?;
            write_atomically(&html_file, html.as_bytes())?;
            let blocks = self.blocks(lesson, &own_pages, &mut BTreeMap::new());
            write_atomically(
                &dir.join(format!("{stem}.md")),
                self.markdown(lesson, &blocks).as_bytes(),
            )?;
        }
        // The index: areas of the learning path, then lessons it does not name.
        let mut areas: Vec<serde_json::Value> = Vec::new();
        let fr = self.locale == "fr";
        for area in &self.opts.path.areas {
            let lessons: Vec<serde_json::Value> = ordered
                .iter()
                .filter(|l| area.lessons.contains(&l.id))
                .map(|l| index_entry(l))
                .collect();
            if !lessons.is_empty() {
                areas.push(
                    serde_json::json!({ "name": area.name.get(&self.locale), "lessons": lessons }),
                );
            }
        }
        let others: Vec<serde_json::Value> = ordered
            .iter()
            .filter(|l| self.opts.path.position(&l.id).is_none())
            .map(|l| index_entry(l))
            .collect();
        if !others.is_empty() {
            let name = if fr {
                "Autres leçons"
            } else {
                "Other lessons"
            };
            areas.push(serde_json::json!({ "name": name, "lessons": others }));
        }
        let ctx = minijinja::context! {
            lang => self.locale,
            l => l,
            shared => self.opts.shared,
            target => self.target_name(),
            started_at => self.started_at,
            areas => areas,
            not_run => self.not_run,
            cut_short => self.cut_short.map(|why| capitalised(why.said(&self.locale))),
        };
        let index_file = dir.join("index.html");
        let html = env
            .get_template("index.html")
            .and_then(|t| t.render(&ctx))
            .map_err(|e| io(&index_file, e.to_string()))?;
        write_atomically(&index_file, html.as_bytes())?;
        write_atomically(
            &dir.join("index.md"),
            self.index_markdown(&areas).as_bytes(),
        )
    }

    fn markdown(&self, lesson: &Lesson, blocks: &[Block<'_>]) -> String {
        let l = labels(&self.locale);
        let s = |k: &str| l[k].as_str().unwrap_or_default().to_string();
        let mut md = format!(
            "[{}](index.md)\n\n# {}\n\n",
            s("title"),
            markdown::escape(&lesson.title)
        );
        // As the HTML page's badge: a lesson that did not pass says so at its top.
        if lesson.status != "passed" {
            md.push_str(&format!("**{}**\n\n", s(lesson.status)));
        }
        if !lesson.description.is_empty() {
            md.push_str(&format!(
                "**{}** {}\n\n",
                s("goal"),
                markdown::escape(&lesson.description)
            ));
        }
        for b in blocks {
            if b.summary {
                md.push_str(&format!(
                    "> **{}** — {} {} [{}]({}).\n\n",
                    b.range,
                    markdown::escape(b.why.as_deref().unwrap_or_default()),
                    s("included_done"),
                    markdown::escape(b.title.as_deref().unwrap_or_default()),
                    b.link
                        .as_deref()
                        .unwrap_or_default()
                        .replace(".html", ".md")
                ));
                continue;
            }
            for step in &b.steps {
                md.push_str(&format!(
                    "## {} {}/{} — {}\n\n{}\n\n",
                    s("step"),
                    step.number,
                    lesson.step_count,
                    markdown::escape(&step.heading),
                    markdown::escape(&step.narration)
                ));
                if let Some(img) = &step.image {
                    md.push_str(&format!(
                        "![{}]({img})\n\n",
                        markdown::escape(&step.heading)
                    ));
                }
                if let Some(z) = &step.zoom {
                    md.push_str(&format!("![{}]({z})\n\n", s("zoom")));
                }
                if !step.page.is_empty() {
                    md.push_str(&format!("{} `{}`\n\n", s("page"), step.page));
                }
                if let Some(e) = &step.error {
                    md.push_str(&format!(
                        "> **{}** — {}\n\n",
                        s(step.outcome),
                        markdown::escape(e)
                    ));
                }
            }
        }
        if let Some(r) = &lesson.result {
            md.push_str(&format!("## {}\n\n![{}]({r})\n", s("result"), s("result")));
        }
        md
    }

    fn index_markdown(&self, areas: &[serde_json::Value]) -> String {
        let l = labels(&self.locale);
        let mut md = format!(
            "# {}\n\n{} {} — {} {}\n\n",
            l["title"].as_str().unwrap_or_default(),
            l["made"].as_str().unwrap_or_default(),
            self.started_at,
            l["target"].as_str().unwrap_or_default(),
            markdown::escape(&self.target_name())
        );
        for area in areas {
            md.push_str(&format!(
                "## {}\n\n",
                markdown::escape(area["name"].as_str().unwrap_or_default())
            ));
            for (i, lesson) in area["lessons"].as_array().into_iter().flatten().enumerate() {
                // As the HTML index: the step count, and the status of a lesson that did not pass.
                let status = lesson["status"].as_str().unwrap_or("passed");
                let badge = if status == "passed" {
                    String::new()
                } else {
                    format!(" **{}**", l[status].as_str().unwrap_or(status))
                };
                md.push_str(&format!(
                    "{}. [{}]({}) — {} {}{badge}\n",
                    i + 1,
                    markdown::escape(lesson["title"].as_str().unwrap_or_default()),
                    lesson["file"]
                        .as_str()
                        .unwrap_or_default()
                        .replace(".html", ".md"),
                    lesson["step_count"],
                    l["steps"].as_str().unwrap_or_default(),
                ));
            }
            md.push('\n');
        }
        if let Some(why) = self.cut_short {
            md.push_str(&format!(
                "## {}\n\n{}.\n\n",
                l["not_run"].as_str().unwrap_or_default(),
                markdown::escape(&capitalised(why.said(&self.locale)))
            ));
            for title in &self.not_run {
                md.push_str(&format!("- {}\n", markdown::escape(title)));
            }
            md.push('\n');
        }
        md
    }
}

/// "the run was cut short" → "The run was cut short".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn index_entry(l: &Lesson) -> serde_json::Value {
    serde_json::json!({
        "file": format!("{}.html", file_stem(&l.id)),
        "title": l.title,
        "step_count": l.step_count,
        "writes": l.writes,
        "status": l.status,
    })
}

impl Reporter for HandbookReporter {
    fn report(&mut self, event: &RunEvent) -> Result<(), ReportError> {
        match &event.kind {
            EventKind::RunStarted { target, locale, .. } => {
                self.locale = locale.clone();
                self.target = target.clone();
                self.started_at = event
                    .at
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " ");
                Ok(())
            }
            EventKind::ScenarioStarted { scenario } => {
                self.last_picture = None;
                let lesson = self.lesson(scenario);
                self.lessons.push(lesson);
                Ok(())
            }
            EventKind::StepFinished {
                step,
                outcome,
                url,
                screenshot,
                highlight,
                target_box,
                picture_url,
                ..
            } => {
                let Some(id) = self.lessons.last().map(|l| l.id.clone()) else {
                    return Ok(());
                };
                let (image, zoom, same_view, deferred) = self.step_picture(
                    &id,
                    step,
                    highlight.as_ref(),
                    screenshot.as_ref(),
                    *target_box,
                );
                let (outcome, error) = match outcome {
                    StepOutcome::Passed => ("passed", None),
                    StepOutcome::Failed { message } => ("failed", Some(message.clone())),
                    StepOutcome::Interrupted => ("interrupted", None),
                    StepOutcome::Skipped => ("skipped", None),
                };
                let lang = self.locale.clone();
                if let Some(lesson) = self.lessons.last_mut() {
                    let silent = lesson.notice.first().is_some_and(|n| n.status == "missing")
                        && step.included.is_none();
                    lesson.steps.push(Step {
                        number: step.number,
                        heading: step.heading(&lang).to_string(),
                        narration: step.narration(&lang).to_string(),
                        page: picture_url
                            .as_deref()
                            .or(url.as_deref())
                            .map(page_path)
                            .unwrap_or_default(),
                        outcome,
                        image,
                        zoom,
                        same_view,
                        notice_silent: silent,
                        error,
                        included: step.included.clone(),
                        deferred,
                    });
                }
                Ok(())
            }
            EventKind::AttemptFailed { .. } => {
                // The lesson is told from its last attempt: this one's steps go.
                self.last_picture = None;
                if let Some(lesson) = self.lessons.last_mut() {
                    lesson.steps.clear();
                }
                Ok(())
            }
            EventKind::ScenarioFinished { status, result, .. } => {
                self.lesson_finished(*status, result.as_ref())
            }
            EventKind::RunFinished { .. } => {
                self.picture_told_included_steps();
                let written = self.write_all();
                for problem in self.pictures.finish() {
                    tracing::warn!(%problem, "handbook picture not made");
                }
                written
            }
            EventKind::ScenarioNotRun { scenario, reason } => {
                let title = if self.locale == "fr" {
                    &scenario.title_fr
                } else {
                    &scenario.title_en
                };
                self.not_run.push(title.clone());
                self.cut_short = Some(*reason);
                Ok(())
            }
            EventKind::StepStarted { .. } | EventKind::ScenarioSkipped { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporters::test_events::{
        failing_run, feed, interrupted_run, passing_run, redacted,
    };

    /// The handbook's Markdown pages of `events`, run in a temporary run folder that has the
    /// screenshots the events name (small, each of its own colour: every step a new view).
    fn markdown(events: &[RunEvent], opts: HandbookOptions, pages: &[&str]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let mut shade = 0u8;
        for e in events {
            let shots = match &e.kind {
                EventKind::StepFinished { screenshot, .. } => screenshot.clone(),
                EventKind::ScenarioFinished { result, .. } => result.clone(),
                _ => None,
            };
            if let Some(rel) = shots {
                let file = dir.path().join(rel);
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                shade = shade.wrapping_add(23);
                image::RgbImage::from_pixel(128, 80, image::Rgb([shade, 200, 255 - shade]))
                    .save(&file)
                    .unwrap();
            }
        }
        let mut reporter = HandbookReporter::new(dir.path(), opts);
        feed(&mut reporter, events);
        let book = dir.path().join("handbook");
        pages
            .iter()
            .map(|p| {
                let text =
                    std::fs::read_to_string(book.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
                format!("==> {p} <==\n{text}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The options of a run on the replica (as `commands/run.rs` sets them).
    fn replica(name: &str) -> HandbookOptions {
        HandbookOptions {
            target_name: Some(name.into()),
            ..HandbookOptions::default()
        }
    }

    #[test]
    fn passing_run_markdown() {
        let md = markdown(
            &passing_run("en"),
            replica("the built-in replica of Decidim 0.29.5"),
            &["index.md", "create-process.md", "view-metrics.md"],
        );
        redacted().bind(|| insta::assert_snapshot!("handbook_passing", md));
    }

    #[test]
    fn failing_run_markdown_in_french() {
        let md = markdown(
            &failing_run("fr"),
            replica("la réplique intégrée de Decidim 0.29.5"),
            &["index.md", "create-process.md"],
        );
        redacted().bind(|| insta::assert_snapshot!("handbook_failing_fr", md));
    }

    #[test]
    fn interrupted_run_markdown() {
        let shared = HandbookOptions {
            shared: true,
            ..HandbookOptions::default()
        };
        let md = markdown(
            &interrupted_run("en"),
            shared,
            &["index.md", "view-metrics.md"],
        );
        redacted().bind(|| insta::assert_snapshot!("handbook_interrupted", md));
    }

    #[test]
    fn markdown_shows_page_text_as_text() {
        assert_eq!(
            markdown::escape("<img src=x onerror=alert(1)> *bold* [link](x)"),
            "\\<img src=x onerror=alert(1)\\> \\*bold\\* \\[link\\](x)"
        );
    }

    #[test]
    fn pages_are_paths_and_loopback_links_are_not_kept() {
        assert_eq!(
            page_path("http://127.0.0.1:4000/admin/participatory_processes/new?locale=fr"),
            "/admin/participatory_processes/new?locale=fr"
        );
        assert_eq!(lasting_link("http://127.0.0.1:4000/doc#x"), None);
        assert_eq!(
            lasting_link("https://docs.decidim.org/en/admin").as_deref(),
            Some("https://docs.decidim.org/en/admin")
        );
        assert_eq!(file_stem("../etc/passwd"), "___etc_passwd");
    }
}
