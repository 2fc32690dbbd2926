//! `ReplicaState` and its `Store`: the replica's whole world, in memory.
//!
//! The store holds the organization's users, cookie sessions, participatory processes with their steps,
//! components, the admin log and the generic [`records`]. The state knows nothing of what a fresh
//! instance contains: it is given a seed function (`crate::seed::world`), called again by
//! [`ReplicaState::reset`] so each test starts clean.

pub(crate) mod records;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use time::OffsetDateTime;

use crate::i18n::{I18n, Translated};
use crate::options::ReplicaOptions;
use crate::request_log::RequestLog;
use crate::templates::Templates;
use records::{Record, RecordStore, SpaceRef};

/// Name of the seeded organization, shown in titles and the admin title bar.
pub(crate) const ORGANIZATION_NAME: &str = "Open Source Politics Demo";

/// Shared, cheaply cloneable handle on everything the handlers need.
#[derive(Clone)]
pub struct ReplicaState {
    inner: Arc<Inner>,
}

struct Inner {
    opts: ReplicaOptions,
    store: Mutex<Store>,
    templates: Templates,
    i18n: Arc<I18n>,
    log: RequestLog,
    /// Builds the store of a fresh instance (at start and on every reset).
    seed: fn() -> Store,
    /// Faults a test has switched on (none by default).
    faults: crate::faults::Faults,
}

impl ReplicaState {
    /// A state whose store is `seed()`. `ReplicaState::new`, the seeded state, is in `crate::seed`.
    pub(crate) fn with_seed(opts: ReplicaOptions, seed: fn() -> Store) -> ReplicaState {
        let i18n = Arc::new(I18n::for_flavour(opts.flavour));
        ReplicaState {
            inner: Arc::new(Inner {
                store: Mutex::new(seed()),
                templates: Templates::load(i18n.clone(), opts.flavour),
                opts,
                i18n,
                log: RequestLog::default(),
                seed,
                faults: Default::default(),
            }),
        }
    }

    /// Options the replica was started with.
    pub fn options(&self) -> &ReplicaOptions {
        &self.inner.opts
    }

    /// Which Decidim the replica imitates.
    pub fn flavour(&self) -> crate::flavour::Flavour {
        self.inner.opts.flavour
    }

    /// The organization's default locale (falls back to `en` if the option names an unknown locale).
    pub(crate) fn default_locale(&self) -> &str {
        let l = self.inner.opts.default_locale.as_str();
        if crate::i18n::is_available(l) {
            l
        } else {
            "en"
        }
    }

    /// Locks the store. Handlers keep the guard short and never hold it across an `.await`.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock only poisons test state; keep serving.
        self.inner
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// UI strings.
    pub(crate) fn i18n(&self) -> &I18n {
        &self.inner.i18n
    }

    /// Compiled-in templates.
    pub(crate) fn templates(&self) -> &Templates {
        &self.inner.templates
    }

    /// Log of every request served.
    pub(crate) fn request_log(&self) -> &RequestLog {
        &self.inner.log
    }

    /// The faults switched on for tests of clients (none unless set).
    pub fn faults(&self) -> &crate::faults::Faults {
        &self.inner.faults
    }

    /// Every session ends, as when a session expires on the server: the next request of any
    /// browser is a stranger's (an admin page sends it to the sign-in form).
    pub fn expire_sessions(&self) {
        self.store().sessions.clear();
    }

    /// Back to the seeded world: users, processes, components, sessions and the request log.
    pub fn reset(&self) {
        *self.store() = (self.inner.seed)();
        self.inner.log.clear();
    }
}

/// A user account of the organization.
#[derive(Clone, Debug)]
pub(crate) struct User {
    pub id: u64,
    pub name: String,
    pub email: String,
    pub password: String,
    pub admin: bool,
    pub admin_terms_accepted: bool,
    /// Locale saved on the account (set by the language menu).
    pub locale: Option<String>,
}

/// One flash message waiting for the next page.
#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct Flash {
    /// CSS class: `success` (Rails `notice`), `alert`, or `primary` (Rails `notice_html`, which Decidim does not rename).
    pub kind: String,
    /// The text (or HTML when `html`).
    pub message: String,
    /// Rendered unescaped, like Rails' `*_html` flash keys.
    pub html: bool,
}

impl Flash {
    /// A `flash.now[:alert]`-style message.
    pub(crate) fn alert(message: String) -> Flash {
        Flash {
            kind: "alert".into(),
            message,
            html: false,
        }
    }
}

/// Server-side session, found through the `_decidim_session` cookie.
#[derive(Clone, Debug, Default)]
pub(crate) struct Session {
    pub user_id: Option<u64>,
    pub locale: Option<String>,
    pub flash: Vec<Flash>,
    /// Devise's stored location: where to go after login / after accepting the admin terms.
    pub return_to: Option<String>,
    pub csrf_token: String,
}

/// A participatory process ("concertation").
#[derive(Clone, Debug, Default)]
pub struct Process {
    pub id: u64,
    pub slug: String,
    pub title: Translated,
    pub subtitle: Translated,
    pub short_description: Translated,
    pub description: Translated,
    pub announcement: Translated,
    pub weight: i64,
    pub hashtag: String,
    pub start_date: String,
    pub end_date: String,
    pub private_space: bool,
    pub promoted: bool,
    pub published: bool,
    pub created_at: Option<OffsetDateTime>,
}

/// Record kind of the phases of a process (resource engine).
pub(crate) const STEP_KIND: &str = "process_step";

/// A phase of a process (a view of a `process_step` record).
#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub id: u64,
    pub title: Translated,
    pub active: bool,
}

/// A component (feature) of a process.
#[derive(Clone, Debug)]
pub struct Component {
    pub id: u64,
    pub process_id: u64,
    /// Manifest name, e.g. `proposals`.
    pub manifest: String,
    pub name: Translated,
    pub weight: i64,
    pub published: bool,
    pub settings: BTreeMap<String, String>,
    /// Step id → setting → value.
    pub step_settings: BTreeMap<u64, BTreeMap<String, String>>,
}

/// One admin log entry. Texts are rendered in the reader's locale, so names stay translated values.
#[derive(Clone, Debug)]
pub(crate) struct AdminLog {
    pub at: OffsetDateTime,
    pub user_name: String,
    /// i18n key suffix under `decidim.admin.logs.`, e.g. `process.create`.
    pub action: String,
    pub resource: Translated,
    pub space: Translated,
}

/// All mutable data.
#[derive(Debug, Default)]
pub struct Store {
    pub(crate) users: Vec<User>,
    pub(crate) sessions: HashMap<String, Session>,
    pub processes: Vec<Process>,
    pub components: Vec<Component>,
    pub(crate) admin_logs: Vec<AdminLog>,
    /// Records of the data-driven admin areas (scopes, areas, categories…; see `resources`).
    pub records: RecordStore,
    next_id: u64,
}

impl Store {
    /// An empty store whose ids start at 1 (see `crate::seed` for what a fresh instance holds).
    pub(crate) fn empty() -> Store {
        Store {
            next_id: 1,
            ..Store::default()
        }
    }

    /// Adds a record of `kind` outside any space, with `values` and the `flags` set; returns its id.
    pub(crate) fn add_record(
        &mut self,
        kind: &str,
        parent: Option<u64>,
        values: &[(&str, &str)],
        flags: &[&str],
    ) -> u64 {
        let id = self.next_id();
        self.records.insert(Record {
            id,
            kind: kind.into(),
            space: None,
            parent_id: parent,
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            flags: flags.iter().map(|f| (f.to_string(), true)).collect(),
        });
        id
    }

    /// A new unique id (shared sequence for all records, which is fine for a replica).
    pub(crate) fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Decidim creates an active "Introduction" phase with every new process.
    /// Phases are records of the resource engine (kind `process_step`, `process_steps.toml`).
    pub(crate) fn add_introduction_step(&mut self, process_id: u64) {
        let id = self.next_id();
        self.records.insert(Record {
            id,
            kind: STEP_KIND.into(),
            space: Some(SpaceRef {
                kind: "participatory_processes".into(),
                id: process_id,
            }),
            parent_id: None,
            values: BTreeMap::from([
                ("title_en".to_string(), "Introduction".to_string()),
                ("title_fr".to_string(), "Introduction".to_string()),
            ]),
            flags: BTreeMap::from([("active".to_string(), true)]),
        });
    }

    pub(crate) fn user(&self, id: u64) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub(crate) fn user_mut(&mut self, id: u64) -> Option<&mut User> {
        self.users.iter_mut().find(|u| u.id == id)
    }

    pub fn process_by_slug(&self, slug: &str) -> Option<&Process> {
        self.processes.iter().find(|p| p.slug == slug)
    }

    pub(crate) fn process_by_slug_mut(&mut self, slug: &str) -> Option<&mut Process> {
        self.processes.iter_mut().find(|p| p.slug == slug)
    }

    /// The phases of a process, in order (creation order = position).
    pub(crate) fn steps_of(&self, process_id: u64) -> Vec<Step> {
        self.records
            .of_kind(STEP_KIND)
            .filter(|r| {
                r.space
                    .as_ref()
                    .is_some_and(|s| s.kind == "participatory_processes" && s.id == process_id)
            })
            .map(|r| Step {
                id: r.id,
                title: r.translated("title"),
                active: r.flag("active"),
            })
            .collect()
    }

    pub(crate) fn components_of(&self, process_id: u64) -> Vec<Component> {
        let mut v: Vec<Component> = self
            .components
            .iter()
            .filter(|c| c.process_id == process_id)
            .cloned()
            .collect();
        v.sort_by_key(|c| (c.weight, c.id));
        v
    }

    pub(crate) fn component_mut(&mut self, process_id: u64, id: u64) -> Option<&mut Component> {
        self.components
            .iter_mut()
            .find(|c| c.process_id == process_id && c.id == id)
    }

    /// Records an admin action for the dashboard and `/admin/logs`.
    pub(crate) fn log_admin(
        &mut self,
        user_name: &str,
        action: &str,
        resource: Translated,
        space: Translated,
    ) {
        self.admin_logs.push(AdminLog {
            at: OffsetDateTime::now_utc(),
            user_name: user_name.to_string(),
            action: action.to_string(),
            resource,
            space,
        });
    }
}
