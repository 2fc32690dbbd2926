//! The notice-gap analysis: which catalogue features a manual covers, only mentions, or misses,
//! and which form fields of covered features it never names.
//!
//! [`terms`] gathers each feature's words, [`crate::analysis::text`] normalises and stems, [`matcher`] classes each feature against the notice's sections.

pub mod evaluate;
pub mod matcher;
pub mod report;
pub mod screenshots;
pub mod terms;

pub use terms::feature_terms;
