//! decidim-explorer: drive a real browser through Decidim's admin.
//!
//! ```text
//!  scenarios/*.toml ─► scenario (parse + validate, file:line:col errors)
//!                          │
//!                          ▼
//!  driver (chromedriver, sessions, auto-waiting actions) ◄── runner ──► RunEvent stream
//!                                                                        │
//!             reporters: terminal · events.jsonl · junit.xml · summary.json · HTML · handbook
//!
//!  replica: an offline imitation of Decidim 0.29's admin, the default target and test bed.
//! ```
#![warn(missing_docs)]

pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod driver;
pub mod event;
pub mod gap;
pub mod guide;
pub mod inventory;
pub mod notice;
pub mod replica;
pub mod report;
pub mod runner;
pub mod scenario;
pub mod secret;
