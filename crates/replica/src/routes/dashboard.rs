//! Admin dashboard (`/admin/`) and the admin activity log (`/admin/logs`), both fed by real replica actions.

use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::{context, Value};

use crate::text::short_time;

use crate::page::admin_page;
use crate::session::Ctx;
use crate::state::ReplicaState;

pub(crate) fn routes() -> Router<ReplicaState> {
    Router::new()
        .route("/admin", get(show))
        .route("/admin/", get(show))
        .route("/admin/logs", get(logs))
}

/// The newest `limit` admin log entries, rendered in the reader's locale.
fn log_lines(ctx: &Ctx, limit: usize) -> Vec<Value> {
    let store = ctx.state.store();
    store
        .admin_logs
        .iter()
        .rev()
        .take(limit)
        .map(|l| {
            let resource = ctx.tr(&l.resource);
            let space = ctx.tr(&l.space);
            context! {
                at => short_time(l.at),
                text => ctx.t_with(
                    &format!("decidim.admin.logs.{}", l.action),
                    &[("user_name", &l.user_name), ("resource_name", &resource), ("space_name", &space)],
                ),
            }
        })
        .collect()
}

async fn show(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let (processes, published, components, admins, participants) = {
        let s = ctx.state.store();
        (
            s.processes.len(),
            s.processes.iter().filter(|p| p.published).count(),
            s.components.len(),
            s.users.iter().filter(|u| u.admin).count(),
            s.users.iter().filter(|u| !u.admin).count(),
        )
    };
    let logs = log_lines(&ctx, 10);
    admin_page(
        &ctx,
        "admin/dashboard.html",
        "dashboard",
        vec![],
        context! {
            logs => logs,
            stats => context! {
                processes => processes,
                published => published,
                components => components,
                admins => admins,
                participants => participants,
            },
        },
        vec![],
    )
}

async fn logs(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let logs = log_lines(&ctx, usize::MAX);
    admin_page(
        &ctx,
        "admin/logs.html",
        "logs",
        vec![(ctx.t("decidim.admin.menu.admin_log"), None)],
        context! { logs => logs },
        vec![],
    )
}
