//! What the events say of a scenario and of a step: their words in both languages, where they
//! come from, what the notice says of their features.

use super::RunPlan;
use crate::events::{IncludedInfo, ScenarioInfo, StepInfo};
use crate::scenario::{words, Action, Scenario};

/// A scenario as the reports show it.
pub fn scenario_info(s: &Scenario, plan: &RunPlan) -> ScenarioInfo {
    let description = |lang| {
        s.description
            .as_ref()
            .map(|d| d.get(lang).to_string())
            .unwrap_or_default()
    };
    ScenarioInfo {
        id: s.id.clone(),
        title_en: s.title.get("en").to_string(),
        title_fr: s.title.get("fr").to_string(),
        description_en: description("en"),
        description_fr: description("fr"),
        file: s.file.clone(),
        features: s.features.clone(),
        tags: s.tags.clone(),
        writes: s.writes,
        steps: s.steps.len(),
        notice: s
            .features
            .iter()
            .filter_map(|f| plan.notice.get(f).cloned())
            .collect(),
    }
}

/// Step `number` (1-based) as the reports show it; its headings from `action`, the step with its
/// values expanded (« Remplir « Titre » avec « Concertation Explorer k2x1 » », not `{{uid}}`).
pub(super) fn step_info(scenario: &Scenario, number: usize, action: &Action) -> StepInfo {
    let step = &scenario.steps[number - 1];
    StepInfo {
        number,
        action: step.action.name().to_string(),
        detail: step.action.describe(),
        narration_en: step.narration.get("en").to_string(),
        narration_fr: step.narration.get("fr").to_string(),
        heading_en: words::heading(action, "en"),
        heading_fr: words::heading(action, "fr"),
        needed: words::is_needed_by_later_steps(&step.action),
        included: step.included.as_ref().map(|i| IncludedInfo {
            scenario: i.scenario.clone(),
            title_en: i.title.get("en").to_string(),
            title_fr: i.title.get("fr").to_string(),
            narration_en: i.narration.get("en").to_string(),
            narration_fr: i.narration.get("fr").to_string(),
        }),
        source: step.pos.to_string(),
    }
}
