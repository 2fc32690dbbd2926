//! What the admin offers and what a manual says of it: the feature catalogue, the admin inventory
//! (a crawl of the live admin), the notice (the manual, read into sections) and the gap between them.
//!
//! [`text`] is the folding and stemming all of them share.

pub mod catalogue;
pub mod gap;
pub mod inventory;
pub mod notice;
pub mod text;
