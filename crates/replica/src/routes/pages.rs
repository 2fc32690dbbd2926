//! Pages (area C2): the list of static pages grouped by topic (decidim-admin 0.29 `static_pages/index`).
//!
//! Only the list is served here; new/create/edit/update/destroy of pages and the whole Topics tab are
//! resource-engine definitions (`fixtures/resources/static_pages.toml`, `static_page_topics.toml`).

use std::collections::HashMap;
use std::sync::Mutex;

use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::{context, Value};
use time::OffsetDateTime;

use crate::text::short_time;

use crate::page::admin_page;
use crate::resources::{self, menus};
use crate::session::Ctx;
use crate::state::ReplicaState;

pub(crate) fn routes() -> Router<ReplicaState> {
    // POST (create) still goes to the engine.
    Router::new().route("/admin/static_pages", get(index).post(resources::dispatch))
}

/// When the list first showed a page: the replica's records carry no creation time, and a new page is
/// listed right after its creation (the create redirects here).
fn first_seen(id: u64) -> String {
    static SEEN: Mutex<Option<HashMap<u64, OffsetDateTime>>> = Mutex::new(None);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let at = *seen
        .get_or_insert_with(HashMap::new)
        .entry(id)
        .or_insert_with(OffsetDateTime::now_utc);
    short_time(at)
}

async fn index(ctx: Ctx) -> Response {
    if let Err(r) = ctx.require_admin(true) {
        return r;
    }
    let (topics, orphans) = {
        let store = ctx.state.store();
        let mut topics: Vec<_> = store
            .records
            .of_kind("static_page_topic")
            .cloned()
            .collect();
        topics.sort_by_key(|t| (t.get("weight").parse::<i64>().unwrap_or(0), t.id));
        let mut pages: Vec<_> = store.records.of_kind("static_page").cloned().collect();
        pages.sort_by_key(|p| (p.get("weight").parse::<i64>().unwrap_or(0), p.id));
        let page_view = |p: &crate::state::records::Record| -> Value {
            let url = format!("/admin/static_pages/{}", p.id);
            context! {
                id => p.id,
                title => ctx.tr(&p.translated("title")),
                edit_url => ctx.url(&format!("{url}/edit")),
                url => ctx.url(&url),
                public_url => format!("/pages/{}", p.get("slug")),
                created_at => first_seen(p.id),
                notable => "",
            }
        };
        let topic_views: Vec<Value> = topics
            .iter()
            .map(|t| {
                let tid = t.id.to_string();
                let list: Vec<Value> = pages
                    .iter()
                    .filter(|p| p.get("topic_id") == tid)
                    .map(page_view)
                    .collect();
                context! { title => ctx.tr(&t.translated("title")), pages => list }
            })
            .collect();
        let topic_ids: Vec<String> = topics.iter().map(|t| t.id.to_string()).collect();
        let orphans: Vec<Value> = pages
            .iter()
            .filter(|p| !topic_ids.iter().any(|i| i == p.get("topic_id")))
            .map(page_view)
            .collect();
        (topic_views, orphans)
    };
    let title = ctx.t("decidim.admin.titles.pages");
    let crumbs = vec![(
        ctx.t("decidim.admin.menu.static_pages"),
        Some("/admin/static_pages".to_string()),
    )];
    let menus = menus::context(&ctx, None, Some(("static_pages", "static_pages")));
    admin_page(
        &ctx,
        "admin/pages/index.html",
        "static_pages",
        crumbs,
        context! { title => title, topics => topics, orphans => orphans, ..menus },
        vec![],
    )
}
