//! Scenarios: the TOML lesson format, its validation and its JSON Schema.
//!
//! Flow: [`load::load_paths`] reads files into [`raw`] types (with spans), validates them
//! against the [`actions`] table and yields [`Scenario`]s; problems are [`ScenarioError`]s
//! that point at file, line and column.

pub mod actions;
mod css;
pub mod error;
pub mod load;
pub mod localized;
pub mod model;
mod raw;
pub mod schema;
pub mod timeout;

pub use error::ScenarioError;
pub use load::{load_paths, load_with_library, parse_str, Loaded};
pub use localized::Localized;
pub mod learning_path;
pub mod words;

pub use model::{Action, Included, Scenario, SourcePos, Step, Target, TargetBy, Value};
