//! `decidim-explorer guide`: pick a lesson (or name it), then follow it step by step.

use super::exit;
use super::run::{finish, prepare, reporters, select, RunChoices};
use crate::cli::GuideArgs;
use crate::guide::{GuideGate, Keys};
use crate::runner::{self, Cancel};
use crate::scenario::Scenario;

/// Whether a graphical display is available for a headed browser.
fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// Print the lessons and read the trainee's choice (a number or an id).
async fn pick(all: Vec<Scenario>, lang: &str, keys: &mut Keys) -> Option<Scenario> {
    let fr = lang == "fr";
    eprintln!(
        "{}",
        if fr {
            "Leçons disponibles :"
        } else {
            "Lessons:"
        }
    );
    for (i, s) in all.iter().enumerate() {
        let writes = if s.writes {
            if fr {
                "  (modifie des données)"
            } else {
                "  (changes data)"
            }
        } else {
            ""
        };
        eprintln!("  {:>3}. {}  [{}]{writes}", i + 1, s.title.get(lang), s.id);
    }
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
        let choice = line.trim();
        if choice.eq_ignore_ascii_case("q") {
            return None;
        }
        let by_number = choice
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| all.get(i));
        if let Some(s) = by_number.or_else(|| all.iter().find(|s| s.id == choice)) {
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

/// Guide the trainee through one lesson and return the exit code.
pub async fn main(args: &GuideArgs) -> u8 {
    let mut keys = match args.pace {
        Some(p) => Keys::Pace(p),
        None => Keys::stdin(),
    };
    let scenario = match &args.scenario {
        Some(name) => match select(std::slice::from_ref(name), &[], &args.session) {
            Ok(mut s) => s.remove(0),
            Err(code) => return code,
        },
        None => {
            let all = match select(&[], &[], &args.session) {
                Ok(s) => s,
                Err(code) => return code,
            };
            if args.pace.is_some() {
                eprintln!("error: name a lesson when using --pace (see `decidim-explorer list`)");
                return exit::USAGE;
            }
            match pick(all, &args.lang, &mut keys).await {
                Some(s) => s,
                None => return exit::OK,
            }
        }
    };
    let choices = RunChoices {
        headed: has_display() && !args.headless,
        lang: &args.lang,
        fail_fast: false,
        notice: args.notice.as_deref(),
        video: args.video,
    };
    let prepared = match prepare(&args.session, vec![scenario], choices).await {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut reporters = match reporters(&prepared.plan, false, false) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let cancel = Cancel::new();
    runner::cancel::install_signal_handler(cancel.clone());
    let mut gate = GuideGate::new(keys, &args.lang);
    let stats = runner::run_with_gate(&prepared.plan, &mut reporters, &cancel, &mut gate).await;
    eprintln!(
        "\n{} {}",
        if args.lang == "fr" {
            "Manuel :"
        } else {
            "Handbook:"
        },
        prepared.plan.out_dir.join("handbook.html").display()
    );
    let code = finish(prepared, stats, &reporters, &cancel).await;
    // Quitting a lesson is a normal way to end it, not a failure.
    if gate.quit_requested() && code == exit::FAILED && stats.failed == 0 {
        exit::OK
    } else {
        code
    }
}
