//! The fact tables, one module per part of docs/research/decidim-0.29-forms.md §6.

mod components;
mod organization;
mod processes;
mod spaces;

use crate::facts::{Fact, Form};

pub use organization::{SIGN_IN, SIGN_IN_FIELDS};

pub const FORMS: &[&[Form]] = &[
    processes::FORMS,
    organization::FORMS,
    spaces::FORMS,
    components::FORMS,
];
pub const FIELDS: &[&[Fact]] = &[
    processes::FIELDS,
    organization::FIELDS,
    spaces::FIELDS,
    components::FIELDS,
];
