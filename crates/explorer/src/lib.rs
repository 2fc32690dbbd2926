//! decidim-explorer's engine: drive a real browser through Decidim's admin, and read what a manual
//! says of it. The modules follow the flow of a run:
//!
//! ```text
//!  scenarios/*.toml ─► scenario ─► plan ─► runner ─► events ─► reporters
//!                     (parse,      (target,  │  (dispatcher   (terminal · events.jsonl · junit.xml
//!                      validate)    browser) │   + executor)   · summary.json · handbook)
//!                                            ▼
//!                                          driver (chromedriver, sessions, auto-waiting actions)
//!
//!  guide: the runner paced for a trainee (live page, keys, menu)
//!  analysis: catalogue · text · inventory (crawl of the admin) · notice (the manual) ─► gap
//! ```
//!
//! The replica (an offline Decidim) is a crate of its own; this one never depends on it.
#![warn(missing_docs)]

pub mod analysis;
pub mod driver;
pub mod events;
pub mod glob;
pub mod guide;
pub mod markdown;
pub mod plan;
pub mod reporters;
pub mod runner;
pub mod scenario;
pub mod secret;

#[cfg(test)]
mod test_support {
    /// The workspace root, where the shipped `scenarios/` and the notice `fixtures/` are.
    pub fn repo_root() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }
}
