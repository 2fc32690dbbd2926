//! The JSON Schema of the scenario format, built from the [`super::actions`] table.
//!
//! Editors (e.g. Taplo / Even Better TOML) use it to complete and check scenario files:
//! `decidim-explorer schema > scenario.schema.json`.

use super::actions::{ActionSpec, StepField, ACTIONS};
use serde_json::{json, Map, Value};

/// A text matched against the page: per locale, one wording or several (core, OSP, term_customizer).
fn localized(description: &str) -> Value {
    per_locale(
        description,
        json!({
            "oneOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" }, "minItems": 1 }
            ]
        }),
    )
}

/// A text people read (title, narration): one per locale.
fn readable(description: &str) -> Value {
    per_locale(description, json!({ "type": "string" }))
}

fn per_locale(description: &str, wordings: Value) -> Value {
    json!({
        "description": description,
        "oneOf": [
            { "type": "string" },
            {
                "type": "object",
                "properties": { "en": wordings.clone(), "fr": wordings.clone() },
                "required": ["en", "fr"],
                "additionalProperties": wordings
            }
        ]
    })
}

fn target() -> Value {
    let one = |key: &str| json!({ "required": [key] });
    json!({
        "type": "object",
        "description": "How to find the element: exactly one of css, text, label, title, placeholder; `within` narrows the search to a CSS container.",
        "properties": {
            "css": { "type": "string", "description": "A CSS selector." },
            "text": localized("Visible text of a link, button or other clickable element (any variant may match)."),
            "label": localized("Text of the form label naming the field."),
            "title": localized("The title attribute (Decidim's icon-only action links)."),
            "placeholder": localized("The placeholder of a field without a label (Decidim's search boxes)."),
            "within": { "type": "string", "description": "CSS selector of a container to search in." },
            "name": readable("What a person calls the element (for a css target), used when the step is said in words.")
        },
        "additionalProperties": false,
        "oneOf": [one("css"), one("text"), one("label"), one("title"), one("placeholder")]
    })
}

fn field_schema(field: StepField) -> Value {
    match field {
        StepField::Target => target(),
        StepField::Value => json!({
            "description": "Text to type (`{{uid}}` expands to a token unique to the scenario run), or { env = \"NAME\" }.",
            "oneOf": [
                { "type": "string" },
                { "type": "object", "properties": { "env": { "type": "string" } }, "required": ["env"], "additionalProperties": false }
            ]
        }),
        StepField::Url => {
            json!({ "type": "string", "description": "A path relative to the base URL (goto) or a pattern where * matches anything (expect_url)." })
        }
        StepField::Text => localized("Text expected on the page."),
        StepField::Option => localized("Visible text of the option to choose."),
        StepField::Name => {
            json!({ "type": "string", "description": "Name of the screenshot file." })
        }
        StepField::Confirm => {
            json!({ "type": "boolean", "description": "Accept Decidim's confirm dialog after clicking." })
        }
        StepField::Checked => {
            json!({ "type": "boolean", "description": "Wanted state of the checkbox (default true)." })
        }
        StepField::Scenario => {
            json!({ "type": "string", "description": "Id of the scenario whose steps are inserted." })
        }
    }
}

fn step_variant(spec: &ActionSpec) -> Value {
    let mut props = Map::new();
    props.insert(
        "action".into(),
        json!({ "const": spec.name, "description": spec.summary }),
    );
    props.insert(
        "narration".into(),
        readable("What the step does and why, shown to trainees."),
    );
    props.insert(
        "timeout".into(),
        json!({ "type": "string", "description": "How long to wait for the step, e.g. \"10s\" (default: the run's --timeout)." }),
    );
    for f in spec.required.iter().chain(spec.optional) {
        props.insert(f.key().into(), field_schema(*f));
    }
    let mut required = vec!["action".to_string(), "narration".to_string()];
    required.extend(spec.required.iter().map(|f| f.key().to_string()));
    json!({
        "type": "object",
        "description": spec.summary,
        "properties": props,
        "required": required,
        "additionalProperties": false
    })
}

/// The whole schema as JSON.
pub fn json_schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "decidim-explorer scenario",
        "type": "object",
        "properties": {
            "id": { "type": "string", "pattern": "^[a-z0-9-]+$", "description": "Stable identifier." },
            "title": readable("Title of the lesson."),
            "description": readable("What the lesson teaches."),
            "features": { "type": "array", "items": { "type": "string" }, "description": "Catalogue feature ids exercised." },
            "tags": { "type": "array", "items": { "type": "string" } },
            "writes": { "type": "boolean", "description": "Whether the scenario changes data on the target (skipped on real instances without --allow-writes)." },
            "runs_alone": { "type": "boolean", "description": "No other scenario runs at the same time under --jobs: it changes what every session sees (the admin's language, the organization's settings)." },
            "steps": { "type": "array", "minItems": 1, "items": { "oneOf": ACTIONS.iter().map(step_variant).collect::<Vec<_>>() } }
        },
        "required": ["id", "title", "writes", "steps"],
        "additionalProperties": false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_a_variant_with_its_required_fields() {
        let schema = json_schema();
        let variants = schema["properties"]["steps"]["items"]["oneOf"]
            .as_array()
            .unwrap();
        assert_eq!(variants.len(), ACTIONS.len());
        let fill = variants
            .iter()
            .find(|v| v["properties"]["action"]["const"] == "fill")
            .unwrap();
        let required: Vec<_> = fill["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(required, ["action", "narration", "target", "value"]);
        assert_eq!(fill["additionalProperties"], false);
    }
}
