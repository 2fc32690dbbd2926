//! Entry point: parse arguments, set up logging, dispatch to a command, exit with its code.

mod cli;
mod commands;

use crate::cli::{Cli, Command};
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
    let code = runtime.block_on(async {
        match &cli.command {
            Command::Run(args) => commands::run::main(args).await,
            Command::Guide(args) => commands::guide::main(args).await,
            Command::Check(args) => commands::check::main(args),
            Command::Schema => {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&explorer::scenario::schema::json_schema())
                        .expect("schema serialises")
                );
                commands::exit::OK
            }
            Command::Replica(args) => commands::replica::main(args).await,
            Command::List(args) => commands::list::main(args),
            Command::Features(args) => commands::features::main(args),
            Command::Inventory(args) => commands::inventory::main(args).await,
            Command::Gap(args) => commands::gap::main(args).await,
        }
    });
    ExitCode::from(code)
}
