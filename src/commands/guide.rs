//! `decidim-explorer guide`: pick a lesson in the learning path (or name it), then follow it step
//! by step; the lessons followed to the end are marked done in the progress file.

use super::run::{finish, prepare, reporters, select, Filters, RunChoices};
use crate::cli::GuideArgs;
use crate::error::{Error, RunError, UsageError};
use explorer::guide::menu::{self, lesson_duration};
use explorer::guide::progress::{self, Progress};
use explorer::guide::{GuideGate, Keys};
use explorer::runner::{self, Cancel};
use explorer::scenario::learning_path::LearningPath;
use explorer::scenario::words::quote;
use explorer::scenario::Scenario;
use std::time::Instant;

/// Whether a graphical display is available for a headed browser.
fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// Print the menu and read the trainee's choice (a number or an id).
async fn pick(
    all: &[Scenario],
    path: &LearningPath,
    progress: &Progress,
    lang: &str,
    flag_writes: bool,
    keys: &mut Keys,
) -> Option<Scenario> {
    let fr = lang == "fr";
    let m = menu::build(all, path, progress, lang, flag_writes);
    eprintln!(
        "{}",
        if fr {
            "Leçons, dans l'ordre où les apprendre :"
        } else {
            "Lessons, in the order to learn them:"
        }
    );
    eprint!("{}", m.text);
    loop {
        eprint!(
            "{}",
            if fr {
                "Numéro ou identifiant de la leçon (q pour quitter) : "
            } else {
                "Lesson number or id (q to quit): "
            }
        );
        let line = keys.line().await?;
        if line.trim().eq_ignore_ascii_case("q") {
            return None;
        }
        if let Some(s) = menu::choose(&m, &line) {
            return Some(s.clone());
        }
        eprintln!(
            "{}",
            if fr {
                "Choix inconnu."
            } else {
                "Unknown choice."
            }
        );
    }
}

/// What the trainee reads before the first step: title, goal, prerequisites, steps, duration.
fn banner(s: &Scenario, lang: &str, progress: &Progress, flag_writes: bool) -> String {
    let fr = lang == "fr";
    let mut out = format!("\n━━ {} ━━\n", s.title.get(lang));
    if let Some(d) = &s.description {
        out += &format!("{} {}\n", if fr { "But :" } else { "Goal:" }, d.get(lang));
    }
    let mut prerequisites: Vec<String> = Vec::new();
    for step in &s.steps {
        if let Some(inc) = &step.included {
            let title = quote(lang, inc.title.get(lang));
            if !prerequisites.contains(&title) {
                prerequisites.push(title);
            }
        }
    }
    if !prerequisites.is_empty() {
        let list = prerequisites.join(", ");
        out += &if fr {
            format!(
                "Prérequis : {list} — ses étapes viennent en premier, vous les faites ici aussi.\n"
            )
        } else {
            format!("Prerequisites: {list} — its steps come first; you do them here too.\n")
        };
    }
    let steps = s.steps.len();
    let duration = lesson_duration(s, progress);
    out += &if fr {
        format!("{steps} étapes · {duration}")
    } else {
        format!("{steps} steps · {duration}")
    };
    if flag_writes && s.writes {
        out += if fr {
            " · ⚠ modifie des données sur l'instance"
        } else {
            " · ⚠ changes data on the instance"
        };
    }
    if progress.is_done(&s.id) {
        out += if fr {
            " · ✓ déjà faite"
        } else {
            " · ✓ already done"
        };
    }
    out
}

/// Guide the trainee through one lesson (quitting it is no failure).
pub async fn main(args: &GuideArgs) -> Result<(), Error> {
    let lang = args.lang.as_str();
    let fr = lang == "fr";
    let mut keys = match args.pace {
        Some(p) => Keys::Pace(p),
        None => Keys::stdin(),
    };
    let progress_file = args.progress.clone().unwrap_or_else(progress::default_path);
    let mut progress = Progress::load(&progress_file);
    // Only a shared instance makes "changes data" worth saying; the replica is the trainee's own.
    let flag_writes = args.session.base_url.is_some();
    let scenario = match &args.scenario {
        Some(name) => select(
            std::slice::from_ref(name),
            &Filters::default(),
            &args.session,
        )?
        .remove(0),
        None => {
            let all = select(&[], &Filters::default(), &args.session)?;
            if args.pace.is_some() {
                return Err(UsageError::PaceWithoutLesson.into());
            }
            let path = LearningPath::load(&args.session.scenario_dir).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "no learning path");
                LearningPath::default()
            });
            match pick(&all, &path, &progress, lang, flag_writes, &mut keys).await {
                Some(s) => s,
                None => return Ok(()),
            }
        }
    };
    let headless = !has_display() || args.headless;
    let choices = RunChoices {
        headed: !headless,
        notice: args.notice.as_deref(),
        video: args.video,
        ..RunChoices::single(lang)
    };
    eprintln!("{}", banner(&scenario, lang, &progress, flag_writes));
    let prepared = prepare(&args.session, vec![scenario.clone()], choices).await?;
    if headless {
        let live = prepared.plan.out_dir.join("guide").join("live.html");
        eprintln!(
            "{}",
            if fr {
                format!(
                    "Pas d'écran : le navigateur travaille sans fenêtre. Chaque vue mise en évidence est enregistrée\n(son chemin s'affiche à chaque étape) ; pour suivre en direct, ouvrez {} dans un navigateur.",
                    live.display()
                )
            } else {
                format!(
                    "No display: the browser works without a window. Each highlighted view is saved\n(its path is printed at each step); to follow live, open {} in a browser.",
                    live.display()
                )
            }
        );
    }
    let mut reporters = reporters(&prepared.plan, false, false)?;
    let cancel = Cancel::new();
    runner::cancel::install_signal_handler(cancel.clone());
    let mut gate = GuideGate::new(keys, lang, headless);
    let started = Instant::now();
    let stats = runner::run_with_gate(&prepared.plan, &mut reporters, &cancel, &mut gate).await;
    let handbook = prepared
        .plan
        .out_dir
        .join(explorer::reporters::handbook::lesson_page(&scenario.id));
    gate.summary(&scenario, &handbook);
    let completed = stats.passed == 1 && !gate.quit_requested() && !cancel.is_cancelled();
    if completed {
        let now = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        progress.finished(&scenario.id, started.elapsed().as_secs(), now);
        match progress.save(&progress_file) {
            Ok(()) => eprintln!(
                "  {} {}",
                if fr {
                    "✓ Leçon marquée comme faite dans"
                } else {
                    "✓ Lesson marked done in"
                },
                progress_file.display()
            ),
            Err(e) => eprintln!(
                "warning: cannot save the progress file {}: {e}",
                progress_file.display()
            ),
        }
    }
    match finish(prepared, stats, reporters, &cancel).await {
        // Quitting a lesson is a normal way to end it, not a failure.
        Err(RunError::ScenariosFailed { stats } | RunError::NothingTested { stats })
            if gate.quit_requested() && stats.failed == 0 =>
        {
            Ok(())
        }
        outcome => Ok(outcome?),
    }
}
