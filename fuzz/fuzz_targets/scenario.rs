//! A scenario file: parsed without panicking; one that loads writes only inside the run folder.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::{Component, Path};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(scenario) = explorer::scenario::parse_str(Path::new("fuzz.toml"), &text) {
        for n in 1..=scenario.steps.len() {
            let path = explorer::runner::run_folder::step_screenshot(&scenario, n);
            assert!(path
                .components()
                .all(|c| matches!(c, Component::Normal(_))));
        }
    }
});
