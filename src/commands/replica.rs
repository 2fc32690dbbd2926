//! `decidim-explorer replica`: serve the replica alone, for offline practice.

use crate::cli::ReplicaArgs;
use crate::error::ServeError;
use replica::{Replica, ReplicaOptions, ADMIN_EMAIL, ADMIN_PASSWORD};

/// Serve until Ctrl-C.
pub async fn main(args: &ReplicaArgs) -> Result<(), ServeError> {
    let flavour = args.flavour.flavour();
    let opts = ReplicaOptions {
        port: args.port,
        ..ReplicaOptions::for_flavour(flavour).with_locale(args.locale.as_deref())
    };
    let replica = Replica::start(opts).await.map_err(|source| ServeError {
        port: args.port,
        source,
    })?;
    println!(
        "Replica of {} (flavour {flavour}) at {}",
        flavour.describe(),
        replica.base_url()
    );
    println!("  admin:  {}/admin/", replica.base_url());
    println!("  log in: {ADMIN_EMAIL} / {ADMIN_PASSWORD}");
    println!("  (in-memory: data is lost when it stops; Ctrl-C to stop)");
    let _ = tokio::signal::ctrl_c().await;
    replica.shutdown().await;
    Ok(())
}
