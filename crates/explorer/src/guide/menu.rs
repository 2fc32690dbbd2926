//! The lesson menu: lessons grouped by admin area in the learning path's order, each with its
//! number of steps, how long it takes (measured last time, else estimated) and a mark when done.

use super::progress::Progress;
use crate::scenario::learning_path::LearningPath;
use crate::scenario::Scenario;
use std::fmt::Write;

/// Seconds a trainee needs per step when no run has been measured: reading the explanation,
/// looking at the page, pressing Enter.
const SECONDS_PER_STEP: u64 = 15;

/// "≈ 3 min" (estimated) or "3 min" (measured), never under a minute.
pub fn duration_words(seconds: u64, measured: bool) -> String {
    let minutes = seconds.div_ceil(60).max(1);
    if measured {
        format!("{minutes} min")
    } else {
        format!("≈ {minutes} min")
    }
}

/// A lesson's duration: the last complete run's, else an estimate from its step count.
pub fn lesson_duration(s: &Scenario, progress: &Progress) -> String {
    match progress.seconds(&s.id) {
        Some(secs) => duration_words(secs, true),
        None => duration_words(s.steps.len() as u64 * SECONDS_PER_STEP, false),
    }
}

/// The menu's lessons in the order they are numbered, and the menu as text.
pub struct Menu<'a> {
    /// Lesson `n` of the menu is `order[n - 1]`.
    pub order: Vec<&'a Scenario>,
    /// What to print.
    pub text: String,
}

/// Build the menu. `flag_writes`: the target is a shared instance, so lessons that change its data
/// are marked (on the replica nothing is shared, and nothing is marked).
pub fn build<'a>(
    lessons: &'a [Scenario],
    path: &LearningPath,
    progress: &Progress,
    lang: &str,
    flag_writes: bool,
) -> Menu<'a> {
    let fr = lang == "fr";
    let order = path.sort(lessons);
    let mut text = String::new();
    let mut area_shown: Option<Option<usize>> = None;
    let width = order
        .iter()
        .map(|s| s.title.get(lang).chars().count())
        .max()
        .unwrap_or(0)
        .min(56);
    for (i, s) in order.iter().enumerate() {
        let area = path.position(&s.id).map(|(a, _)| a);
        if area_shown != Some(area) {
            let name = match area {
                Some(a) => path.areas[a].name.get(lang).to_string(),
                None if fr => "Autres leçons".into(),
                None => "Other lessons".into(),
            };
            let _ = writeln!(text, "\n{name}");
            area_shown = Some(area);
        }
        let mark = if progress.is_done(&s.id) { "✓" } else { " " };
        let title = s.title.get(lang);
        let pad = width.saturating_sub(title.chars().count());
        let steps = s.steps.len();
        let steps_word = match (fr, steps) {
            (true, 1) => "étape",
            (true, _) => "étapes",
            (false, 1) => "step",
            (false, _) => "steps",
        };
        let writes = match (flag_writes && s.writes, fr) {
            (true, true) => "  ⚠ modifie des données",
            (true, false) => "  ⚠ changes data",
            _ => "",
        };
        let _ = writeln!(
            text,
            "  {:>3}. {mark} {title}{:pad$}  {steps} {steps_word} · {}{writes}",
            i + 1,
            "",
            lesson_duration(s, progress),
        );
    }
    if progress.lessons.values().any(|r| r.done) {
        let _ = writeln!(
            text,
            "\n  ✓ {}",
            if fr {
                "leçon déjà faite"
            } else {
                "lesson already done"
            }
        );
    }
    Menu { order, text }
}

/// The lesson a typed choice names: its number in the menu or its id.
pub fn choose<'a>(menu: &Menu<'a>, choice: &str) -> Option<&'a Scenario> {
    let choice = choice.trim();
    let by_number = choice
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| menu.order.get(i).copied());
    by_number.or_else(|| menu.order.iter().find(|s| s.id == choice).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> (Vec<Scenario>, LearningPath) {
        let dir = crate::test_support::repo_root().join("scenarios");
        let loaded = crate::scenario::load_paths(std::slice::from_ref(&dir)).unwrap();
        (loaded.scenarios, LearningPath::load(&dir).unwrap())
    }

    #[test]
    fn lessons_come_by_area_in_learning_order_with_steps_and_durations() {
        let (lessons, path) = library();
        let menu = build(&lessons, &path, &Progress::default(), "fr", false);
        assert_eq!(menu.order[0].id, "login");
        let text = &menu.text;
        let first = text.find("Premiers pas").unwrap();
        let processes = text.find("Concertations").unwrap();
        let create = text.find("Créer une concertation").unwrap();
        let proposals = text
            .find("Ajouter une fonctionnalité")
            .unwrap_or(usize::MAX);
        assert!(
            first < processes && processes < create && create < proposals,
            "{text}"
        );
        let create_process = lessons.iter().find(|s| s.id == "create-process").unwrap();
        let line = text
            .lines()
            .find(|l| l.contains("Créer une concertation"))
            .unwrap();
        assert!(
            line.contains(&format!("{} étapes · ≈ ", create_process.steps.len())),
            "{line}"
        );
        // On the replica nothing is shared: no lesson is flagged.
        assert!(!text.contains("modifie des données"), "{text}");
        assert!(!text.contains('✓'), "{text}");
    }

    #[test]
    fn done_lessons_are_marked_measured_durations_shown_and_writes_flagged_on_a_real_instance() {
        let (lessons, path) = library();
        let mut progress = Progress::default();
        progress.finished("create-process", 200, "2026-12-02T00:00:00Z".into());
        let menu = build(&lessons, &path, &progress, "en", true);
        let line = menu
            .text
            .lines()
            .find(|l| l.contains("Create a participatory process"))
            .unwrap();
        assert!(line.contains(". ✓ "), "{line}");
        assert!(line.contains("· 4 min"), "{line}");
        assert!(line.contains("⚠ changes data"), "{line}");
        let login = menu
            .text
            .lines()
            .find(|l| l.contains(". ") && l.contains("Log in"))
            .unwrap();
        assert!(!login.contains("changes data"), "{login}");
    }

    #[test]
    fn a_choice_is_a_number_or_an_id() {
        let (lessons, path) = library();
        let menu = build(&lessons, &path, &Progress::default(), "en", false);
        assert_eq!(choose(&menu, " 1 ").unwrap().id, "login");
        assert_eq!(
            choose(&menu, "create-process").unwrap().id,
            "create-process"
        );
        assert!(choose(&menu, "0").is_none());
        assert!(choose(&menu, "nope").is_none());
    }

    #[test]
    fn durations_round_up_to_the_minute() {
        assert_eq!(duration_words(10, false), "≈ 1 min");
        assert_eq!(duration_words(121, true), "3 min");
    }
}
