//! One module per subcommand: resolve arguments, do the work, return what failed as an
//! [`Error`] (`main` prints it and maps it to the exit code, in [`crate::error`]).

pub mod check;
pub mod features;
pub mod gap;
pub mod guide;
pub mod inventory;
pub mod inventory_diff;
pub mod list;
pub mod replica;
pub mod report;
pub mod run;
pub mod stability;

use crate::cli::Command;
use crate::error::Error;
use crate::error::LoadError;
use explorer::scenario::{load_with_library, Loaded};
use std::path::{Path, PathBuf};

/// Run the command.
pub async fn dispatch(command: &Command) -> Result<(), Error> {
    match command {
        Command::Run(args) => run::main(args).await,
        Command::Guide(args) => guide::main(args).await,
        Command::Check(args) => Ok(check::main(args)?),
        Command::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&explorer::scenario::schema::json_schema())
                    .expect("schema serialises")
            );
            Ok(())
        }
        Command::Replica(args) => Ok(replica::main(args).await?),
        Command::List(args) => Ok(list::main(args)?),
        Command::Features(args) => features::main(args),
        Command::Inventory(args) => inventory::main(args).await,
        Command::Gap(args) => Ok(gap::main(args).await?),
        Command::Stability(args) => stability::main(args).await,
        Command::Report(crate::cli::ReportCommand::Merge(args)) => Ok(report::merge(args)?),
    }
}

/// Read every scenario file of the library folder (an empty library lists nothing: no error).
pub fn load_library(dir: &Path) -> Result<Loaded, LoadError> {
    load_with_library(&[dir.to_path_buf()], None).map_err(|source| LoadError::List {
        paths: vec![dir.to_path_buf()],
        source,
    })
}

/// Read the scenario files under `paths` (includes may name scenarios of `library`); finding
/// none at all is an error, not an empty success.
pub fn load_scenarios(paths: &[PathBuf], library: Option<&Path>) -> Result<Loaded, LoadError> {
    let loaded = load_with_library(paths, library).map_err(|source| LoadError::List {
        paths: paths.to_vec(),
        source,
    })?;
    if loaded.files == 0 {
        return Err(LoadError::NoScenarioFiles {
            paths: paths.to_vec(),
        });
    }
    Ok(loaded)
}

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
