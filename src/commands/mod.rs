//! One module per subcommand: resolve arguments, do the work, return an exit code.
//!
//! Exit codes (also in the README): 0 success, 1 scenarios failed, 2 usage or scenario
//! errors, 3 environment (no browser, target unreachable), 130 interrupted.

pub mod check;
pub mod features;
pub mod gap;
pub mod guide;
pub mod inventory;
pub mod inventory_diff;
pub mod list;
pub mod replica;
pub mod run;

/// Exit codes.
pub mod exit {
    /// Everything passed.
    pub const OK: u8 = 0;
    /// Some scenario failed.
    pub const FAILED: u8 = 1;
    /// Bad arguments or scenario files.
    pub const USAGE: u8 = 2;
    /// The environment is missing something (browser, driver, network).
    pub const ENVIRONMENT: u8 = 3;
    /// Ctrl-C.
    pub const INTERRUPTED: u8 = 130;
}

use explorer::scenario::Loaded;

/// Print every problem of a load as a diagnostic with a caret snippet on stderr.
pub fn print_load_errors(loaded: &Loaded) {
    use std::io::IsTerminal;
    let theme = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme);
    for e in &loaded.errors {
        let mut out = String::new();
        if handler.render_report(&mut out, e).is_err() {
            out = e.to_string();
        }
        eprintln!("{out}");
    }
    for e in &loaded.unreadable {
        eprintln!("error: {e}: {}", e.source);
    }
}
