//! `ReplicaState` and its `Store`: the replica's whole world, in memory.
//!
//! The store holds the organization's users, cookie sessions, participatory processes with their steps,
//! components and the admin log. [`Store::seeded`] builds what a fresh Decidim demo instance would contain;
//! [`ReplicaState::reset`] puts it back so each test starts clean.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use time::OffsetDateTime;

use super::i18n::I18n;
use super::request_log::RequestLog;
use super::templates::Templates;
use super::{ReplicaOptions, ADMIN_EMAIL, ADMIN_PASSWORD};

/// Name of the seeded organization, shown in titles and the admin title bar.
pub const ORGANIZATION_NAME: &str = "Open Source Politics Demo";
/// A second seeded admin who has already accepted the admin terms (skips the first-visit gate).
pub const TERMS_ACCEPTED_EMAIL: &str = "terms-accepted@example.org";

/// A value per locale, like Decidim's JSONB translated columns.
pub type Translated = BTreeMap<String, String>;

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
}

impl ReplicaState {
    /// A fresh, seeded state.
    pub fn new(opts: ReplicaOptions) -> ReplicaState {
        let i18n = Arc::new(I18n::for_flavour(opts.flavour));
        ReplicaState {
            inner: Arc::new(Inner {
                store: Mutex::new(Store::seeded()),
                templates: Templates::load(i18n.clone(), opts.flavour),
                opts,
                i18n,
                log: RequestLog::default(),
            }),
        }
    }

    /// Options the replica was started with.
    pub fn options(&self) -> &ReplicaOptions {
        &self.inner.opts
    }

    /// Which Decidim the replica imitates.
    pub fn flavour(&self) -> super::Flavour {
        self.inner.opts.flavour
    }

    /// The organization's default locale (falls back to `en` if the option names an unknown locale).
    pub fn default_locale(&self) -> &str {
        let l = self.inner.opts.default_locale.as_str();
        if super::i18n::is_available(l) {
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
    pub fn i18n(&self) -> &I18n {
        &self.inner.i18n
    }

    /// Compiled-in templates.
    pub fn templates(&self) -> &Templates {
        &self.inner.templates
    }

    /// Log of every request served.
    pub fn request_log(&self) -> &RequestLog {
        &self.inner.log
    }

    /// Back to the seeded world: users, processes, components, sessions and the request log.
    pub fn reset(&self) {
        *self.store() = Store::seeded();
        self.inner.log.clear();
    }
}

/// A user account of the organization.
#[derive(Clone, Debug)]
pub struct User {
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
pub struct Flash {
    /// CSS class: `success` (Rails `notice`), `alert`, or `primary` (Rails `notice_html`, which Decidim does not rename).
    pub kind: String,
    /// The text (or HTML when `html`).
    pub message: String,
    /// Rendered unescaped, like Rails' `*_html` flash keys.
    pub html: bool,
}

impl Flash {
    /// A `flash.now[:alert]`-style message.
    pub fn alert(message: String) -> Flash {
        Flash {
            kind: "alert".into(),
            message,
            html: false,
        }
    }
}

/// Server-side session, found through the `_decidim_session` cookie.
#[derive(Clone, Debug, Default)]
pub struct Session {
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
pub const STEP_KIND: &str = "process_step";

/// A phase of a process (a view of a `process_step` record).
#[derive(Clone, Debug)]
pub struct Step {
    pub id: u64,
    pub process_id: u64,
    pub title: Translated,
    pub active: bool,
    pub position: u32,
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
pub struct AdminLog {
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
    pub users: Vec<User>,
    pub sessions: HashMap<String, Session>,
    pub processes: Vec<Process>,
    pub components: Vec<Component>,
    pub admin_logs: Vec<AdminLog>,
    /// Records of the data-driven admin areas (scopes, areas, categories…; see `resources`).
    pub records: super::resources::RecordStore,
    next_id: u64,
}

/// Builds a [`Translated`] from `(locale, text)` pairs.
pub fn translated(pairs: &[(&str, &str)]) -> Translated {
    pairs
        .iter()
        .map(|(l, t)| (l.to_string(), t.to_string()))
        .collect()
}

impl Store {
    /// What a fresh demo instance contains.
    pub fn seeded() -> Store {
        let mut s = Store {
            next_id: 1,
            ..Store::default()
        };
        let admin_id = s.next_id();
        s.users.push(User {
            id: admin_id,
            name: "Admin Demo".into(),
            email: ADMIN_EMAIL.into(),
            password: ADMIN_PASSWORD.into(),
            admin: true,
            admin_terms_accepted: false,
            locale: None,
        });
        let second = s.next_id();
        s.users.push(User {
            id: second,
            name: "Terms Accepted".into(),
            email: TERMS_ACCEPTED_EMAIL.into(),
            password: ADMIN_PASSWORD.into(),
            admin: true,
            admin_terms_accepted: true,
            locale: None,
        });
        let participant = s.next_id();
        s.users.push(User {
            id: participant,
            name: "Participant Demo".into(),
            email: "user@example.org".into(),
            password: ADMIN_PASSWORD.into(),
            admin: false,
            admin_terms_accepted: false,
            locale: None,
        });

        let seeds = [
            (
                "budget-2025",
                [
                    ("en", "Participatory budget 2025"),
                    ("fr", "Budget participatif 2025"),
                ],
                [
                    ("en", "Decide how to spend 1M€"),
                    ("fr", "Décidez comment dépenser 1 M€"),
                ],
                true,
            ),
            (
                "mobility-plan",
                [("en", "Mobility plan"), ("fr", "Plan de mobilité")],
                [("en", "Draft phase"), ("fr", "Phase de préparation")],
                false,
            ),
        ];
        let epoch = OffsetDateTime::from_unix_timestamp(1_735_689_600)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        for (i, (slug, title, subtitle, published)) in seeds.into_iter().enumerate() {
            let id = s.next_id();
            s.processes.push(Process {
                id,
                slug: slug.into(),
                title: translated(&title),
                subtitle: translated(&subtitle),
                short_description: translated(&[
                    ("en", "<p>Seeded process.</p>"),
                    ("fr", "<p>Concertation d'exemple.</p>"),
                ]),
                description: translated(&[
                    ("en", "<p>Seeded process.</p>"),
                    ("fr", "<p>Concertation d'exemple.</p>"),
                ]),
                weight: i as i64,
                published,
                created_at: Some(epoch + time::Duration::days(i as i64)),
                ..Process::default()
            });
            s.add_introduction_step(id);
        }
        // The published process comes with a published proposals component, as demo seeds do.
        let budget_id = s.processes[0].id;
        let cid = s.next_id();
        s.components.push(Component {
            id: cid,
            process_id: budget_id,
            manifest: "proposals".into(),
            name: translated(&[("en", "Proposals"), ("fr", "Propositions")]),
            weight: 0,
            published: true,
            settings: BTreeMap::new(),
            step_settings: BTreeMap::new(),
        });
        // Records of the data-driven areas; the definitions are checked by the unit tests.
        if let Err(e) = super::resources::seeds::apply(&mut s) {
            panic!("replica resource seeds: {e}");
        }
        // Participants, reported content, groups… of the Participants / Global moderations sections.
        super::routes::participants::seed(&mut s);
        // The draft process holds one unpublished component of every other type, as a demo's
        // spaces do: each type's admin exists to be visited. Seeded last, so no other seeded
        // id moves.
        let draft_id = s.processes[1].id;
        for (weight, (manifest, en, fr)) in [
            ("meetings", "Meetings", "Rencontres"),
            ("budgets", "Budgets", "Budgets"),
            ("surveys", "Survey", "Enquête"),
            ("debates", "Debates", "Débats"),
            ("accountability", "Accountability", "Suivi"),
            ("blogs", "Blog", "Actualités"),
            ("pages", "Page", "Page"),
            ("sortitions", "Sortitions", "Tirages au sort"),
        ]
        .into_iter()
        .enumerate()
        {
            let id = s.next_id();
            s.components.push(Component {
                id,
                process_id: draft_id,
                manifest: manifest.into(),
                name: translated(&[("en", en), ("fr", fr)]),
                weight: weight as i64,
                published: false,
                settings: BTreeMap::new(),
                step_settings: BTreeMap::new(),
            });
        }
        s
    }

    /// A new unique id (shared sequence for all records, which is fine for a replica).
    pub fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Decidim creates an active "Introduction" phase with every new process.
    /// Phases are records of the resource engine (kind `process_step`, `process_steps.toml`).
    pub fn add_introduction_step(&mut self, process_id: u64) {
        let id = self.next_id();
        self.records.insert(super::resources::store::Record {
            id,
            kind: STEP_KIND.into(),
            space: Some(super::resources::store::SpaceRef {
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

    pub fn user(&self, id: u64) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn user_mut(&mut self, id: u64) -> Option<&mut User> {
        self.users.iter_mut().find(|u| u.id == id)
    }

    pub fn process_by_slug(&self, slug: &str) -> Option<&Process> {
        self.processes.iter().find(|p| p.slug == slug)
    }

    pub fn process_by_slug_mut(&mut self, slug: &str) -> Option<&mut Process> {
        self.processes.iter_mut().find(|p| p.slug == slug)
    }

    /// The phases of a process, in order (creation order = position).
    pub fn steps_of(&self, process_id: u64) -> Vec<Step> {
        self.records
            .of_kind(STEP_KIND)
            .filter(|r| {
                r.space
                    .as_ref()
                    .is_some_and(|s| s.kind == "participatory_processes" && s.id == process_id)
            })
            .enumerate()
            .map(|(i, r)| Step {
                id: r.id,
                process_id,
                title: r.translated("title"),
                active: r.flag("active"),
                position: i as u32,
            })
            .collect()
    }

    pub fn components_of(&self, process_id: u64) -> Vec<Component> {
        let mut v: Vec<Component> = self
            .components
            .iter()
            .filter(|c| c.process_id == process_id)
            .cloned()
            .collect();
        v.sort_by_key(|c| (c.weight, c.id));
        v
    }

    pub fn component_mut(&mut self, process_id: u64, id: u64) -> Option<&mut Component> {
        self.components
            .iter_mut()
            .find(|c| c.process_id == process_id && c.id == id)
    }

    /// Records an admin action for the dashboard and `/admin/logs`.
    pub fn log_admin(
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

/// The text of a translated value in `locale`, else the default locale, else any.
pub fn tr(value: &Translated, locale: &str, default_locale: &str) -> String {
    value
        .get(locale)
        .filter(|s| !s.trim().is_empty())
        .or_else(|| value.get(default_locale).filter(|s| !s.trim().is_empty()))
        .or_else(|| value.values().find(|s| !s.trim().is_empty()))
        .cloned()
        .unwrap_or_default()
}
