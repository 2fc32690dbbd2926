//! The one place a fresh world is built: what a new Decidim demo instance holds.
//!
//! [`world`] seeds, in this order (ids come from one sequence, so the order fixes every seeded id):
//! the accounts, the two processes with their introduction phase and the published one's proposals
//! component, every resource definition's `[[seeds]]` (`fixtures/resources/*.toml`), the people and
//! reports of the Participants / Global moderations sections, and last the draft process's components.
//! [`ReplicaState::new`] starts from it and [`ReplicaState::reset`] returns to it.

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::i18n::translated;
use crate::options::ReplicaOptions;
use crate::resources;
use crate::routes;
use crate::state::{Component, Process, ReplicaState, Store, User};

/// Email of the seeded administrator (has not yet accepted the admin terms).
pub const ADMIN_EMAIL: &str = "admin@example.org";
/// Password of every seeded account.
pub const ADMIN_PASSWORD: &str = "decidim123456789";
/// A second seeded admin who has already accepted the admin terms (skips the first-visit gate).
pub const TERMS_ACCEPTED_EMAIL: &str = "terms-accepted@example.org";

// Defined here rather than in `state`: the seeded world needs the areas (their space kinds), which sit
// above the state.
impl ReplicaState {
    /// A fresh state holding the seeded [`world`].
    pub fn new(opts: ReplicaOptions) -> ReplicaState {
        ReplicaState::with_seed(opts, world)
    }
}

/// What a fresh demo instance contains.
pub(crate) fn world() -> Store {
    let mut s = Store::empty();
    accounts(&mut s);
    processes(&mut s);
    // Records of the data-driven areas; the definitions are checked by the unit tests.
    if let Err(e) = resources::seeds::apply(&mut s, &routes::spaces()) {
        panic!("replica resource seeds: {e}");
    }
    participants(&mut s);
    draft_components(&mut s);
    s
}

/// Two admins (one who has accepted the admin terms) and a participant.
fn accounts(s: &mut Store) {
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
}

/// A published and a draft process, each with its introduction phase; the published one comes with a
/// published proposals component, as demo seeds do.
fn processes(s: &mut Store) {
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
    let epoch =
        OffsetDateTime::from_unix_timestamp(1_735_689_600).unwrap_or(OffsetDateTime::UNIX_EPOCH);
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
}

/// What a demo organization has: confirmed participants (one officialized), a managed participant,
/// reported participants, a pending group, reported content (one item already hidden), an
/// impersonation log and a verification conflict.
fn participants(s: &mut Store) {
    let (lucas, promo) = people(s);
    reported_people(s, lucas, promo);
    user_groups(s);
    reported_content(s);
    impersonations(s);
}

/// Confirmed participants (one officialized) and a managed one; returns the two who get reported.
fn people(s: &mut Store) -> (u64, u64) {
    let p = |s: &mut Store, name: &str, nick: &str, email: &str, at: &str, flags: &[&str]| {
        s.add_record(
            "participant",
            None,
            &[
                ("name", name),
                ("nickname", nick),
                ("email", email),
                ("created_at", at),
            ],
            flags,
        )
    };
    p(
        s,
        "Participant Demo",
        "participant_demo",
        "user@example.org",
        "02/01/2025 09:12",
        &[],
    );
    p(
        s,
        "Marie Dupont",
        "marie_dupont",
        "marie.dupont@example.org",
        "06/01/2025 18:40",
        &[],
    );
    let jean = p(
        s,
        "Jean Martin",
        "jean_martin",
        "jean.martin@example.org",
        "09/01/2025 11:05",
        &["officialized"],
    );
    if let Some(r) = s.records.get_mut("participant", jean) {
        r.values.insert(
            "officialized_as_en".into(),
            "Neighbourhood council member".into(),
        );
        r.values.insert(
            "officialized_as_fr".into(),
            "Membre du conseil de quartier".into(),
        );
    }
    p(
        s,
        "Sofia Rossi",
        "sofia_rossi",
        "sofia.rossi@example.org",
        "14/01/2025 08:30",
        &[],
    );
    let lucas = p(
        s,
        "Lucas Bernard",
        "lucas_bernard",
        "lucas.bernard@example.org",
        "20/01/2025 21:17",
        &[],
    );
    let promo = p(
        s,
        "Promo Deals",
        "promo_deals",
        "promo.deals@example.org",
        "22/01/2025 03:02",
        &[],
    );
    s.add_record(
        "participant",
        None,
        &[
            ("name", "Ahmed Benali"),
            ("nickname", ""),
            ("email", ""),
            ("created_at", "03/02/2025 10:00"),
        ],
        &["managed"],
    );
    (lucas, promo)
}

/// Two reported participants, awaiting a decision.
fn reported_people(s: &mut Store, lucas: u64, promo: u64) {
    s.add_record(
        "user_moderation",
        Some(lucas),
        &[
            ("reasons", "offensive"),
            ("report_count", "1"),
            ("created_at", "21/01/2025 10:30"),
        ],
        &[],
    );
    s.add_record(
        "user_moderation",
        Some(promo),
        &[
            ("reasons", "spam,spam"),
            ("report_count", "2"),
            ("created_at", "22/01/2025 09:45"),
        ],
        &[],
    );
}

/// A pending and a verified group.
fn user_groups(s: &mut Store) {
    s.add_record(
        "user_group",
        None,
        &[
            ("name", "Cycling Association"),
            ("nickname", "cycling_association"),
            ("document_number", "W751234567"),
            ("phone", "+33 1 23 45 67 89"),
            ("users_count", "3"),
            ("created_at", "10/01/2025 14:00"),
            ("state", "pending"),
        ],
        &[],
    );
    s.add_record(
        "user_group",
        None,
        &[
            ("name", "Parents of the Jaurès school"),
            ("nickname", "parents_jaures"),
            ("document_number", "W751987654"),
            ("phone", "+33 6 12 34 56 78"),
            ("users_count", "5"),
            ("created_at", "12/01/2025 16:20"),
            ("state", "verified"),
        ],
        &[],
    );
}

/// Reported content of the published process, one item already hidden.
fn reported_content(s: &mut Store) {
    let m = |s: &mut Store,
             ty: (&str, &str),
             content: &str,
             author: &str,
             reasons: &str,
             details: &str,
             at: &str,
             flags: &[&str]| {
        s.add_record(
            "moderation",
            None,
            &[
                ("reportable_type_en", ty.0),
                ("reportable_type_fr", ty.1),
                ("space_en", "Participatory budget 2025"),
                ("space_fr", "Budget participatif 2025"),
                ("space_slug", "budget-2025"),
                ("content", content),
                ("author", author),
                ("reasons", reasons),
                ("details", details),
                ("created_at", at),
            ],
            flags,
        )
    };
    m(
        s,
        ("Comment", "Commentaire"),
        "Buy cheap watches at my shop, best prices in town!",
        "Promo Deals",
        "spam,spam",
        "Advertising, nothing to do with the budget.",
        "22/01/2025 09:40",
        &[],
    );
    m(
        s,
        ("Proposal", "Proposition"),
        "Close the park at night: the people living there are all thieves.",
        "Lucas Bernard",
        "offensive",
        "Insulting the residents of a neighbourhood.",
        "21/01/2025 10:25",
        &[],
    );
    let hidden = m(
        s,
        ("Comment", "Commentaire"),
        "Win a free phone, click the link in my profile.",
        "Promo Deals",
        "spam",
        "",
        "20/01/2025 07:55",
        &["hidden"],
    );
    if let Some(r) = s.records.get_mut("moderation", hidden) {
        r.values
            .insert("hidden_at".into(), "20/01/2025 12:00".into());
    }
}

/// An impersonation log, the authorizations the revocation box counts, and a verification conflict.
fn impersonations(s: &mut Store) {
    s.add_record(
        "impersonation_log",
        None,
        &[
            ("admin", "Admin Demo"),
            ("user", "Ahmed Benali"),
            ("reason", ""),
            ("started_at", "03/02/2025 10:00"),
            ("ended_at", "03/02/2025 10:12"),
        ],
        &[],
    );
    // Granted authorizations (what the revocation box counts); one was granted while impersonating.
    for (user, handler, granted_at, flags) in [
        ("Participant Demo", "id_documents", "2024-11-04", &[][..]),
        ("Sofia Rossi", "postal_letter", "2025-01-20", &[][..]),
        (
            "Ahmed Benali",
            "id_documents",
            "2025-02-03",
            &["impersonated"][..],
        ),
    ] {
        s.add_record(
            "authorization",
            None,
            &[
                ("user", user),
                ("name", handler),
                ("granted_at", granted_at),
            ],
            flags,
        );
    }
    s.add_record(
        "conflict",
        None,
        &[
            ("user", "Sofia Rossi"),
            ("user_email", "sofia.rossi@example.org"),
            ("managed_user", "Ahmed Benali"),
            ("times", "1"),
        ],
        &[],
    );
}

/// The draft process holds one unpublished component of every other type, as a demo's spaces do: each
/// type's admin exists to be visited. Seeded last, so no other seeded id moves.
fn draft_components(s: &mut Store) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_people_reports_and_content() {
        let mut s = Store::default();
        participants(&mut s);
        assert!(s.records.of_kind("participant").count() >= 6);
        assert_eq!(s.records.of_kind("user_moderation").count(), 2);
        assert_eq!(
            s.records
                .of_kind("moderation")
                .filter(|m| m.flag("hidden"))
                .count(),
            1
        );
        assert!(s
            .records
            .of_kind("user_group")
            .any(|g| g.get("state") == "pending"));
    }
}
