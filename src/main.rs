//! Entry point: parse arguments, set up logging, run the command, and turn its error (if any)
//! into one message on stderr and an exit code ([`error::Error::exit_code`]).

mod cli;
mod commands;
mod error;

use crate::cli::Cli;
use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default = match cli.verbose {
        0 => "warn",
        1 => "info,decidim_explorer=info",
        _ => "debug,hyper=info,hyper_util=info",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default)),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    match runtime.block_on(commands::dispatch(&cli.command)) {
        Ok(()) => ExitCode::from(error::exit_code::OK),
        Err(e) => {
            eprintln!("error: {}", explorer::runner::error_chain(&e));
            ExitCode::from(e.exit_code())
        }
    }
}
