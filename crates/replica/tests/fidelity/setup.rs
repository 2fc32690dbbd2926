//! The world the fact rows are checked in: a core replica, the seeded admin signed in, one component of
//! every manifest the lessons add in the seeded process `budget-2025`, and one record under each
//! component page that has member forms (a meeting, a debate, a budget, a proposal, a newsletter).
//! Routes of the fact rows use `{placeholders}` resolved by [`World::route`].

use std::collections::BTreeMap;

use super::browser::Browser;

pub const PROCESS: &str = "budget-2025";
pub const ASSEMBLY: &str = "youth-council";
pub const CONFERENCE: &str = "civic-tech-days";

/// Component manifests added by the setup (the seeded process already has a proposals component).
const MANIFESTS: &[&str] = &[
    "accountability",
    "blogs",
    "budgets",
    "debates",
    "meetings",
    "pages",
    "sortitions",
    "surveys",
];

pub struct World {
    pub client: Browser,
    vars: BTreeMap<&'static str, String>,
}

impl World {
    pub async fn new() -> World {
        World::new_in(replica::Flavour::Core).await
    }

    /// The same world on a replica of `flavour`.
    pub async fn new_in(flavour: replica::Flavour) -> World {
        let mut client = Browser::of(flavour);
        client.sign_in_accepted().await;
        let mut w = World {
            client,
            vars: BTreeMap::new(),
        };
        w.vars.insert("process", PROCESS.into());
        w.vars.insert("assembly", ASSEMBLY.into());
        w.vars.insert("conference", CONFERENCE.into());
        let process_id = w
            .client
            .state
            .store()
            .process_by_slug(PROCESS)
            .map(|p| p.id)
            .expect("seeded process");
        w.vars.insert("process_id", process_id.to_string());
        let proposals = w.component_id("proposals");
        w.vars.insert("proposals", proposals.to_string());
        for m in MANIFESTS {
            let path = format!("/admin/participatory_processes/{PROCESS}/components?type={m}");
            w.client
                .get(&format!(
                    "/admin/participatory_processes/{PROCESS}/components/new?type={m}"
                ))
                .await;
            let r = w
                .client
                .post(
                    &path,
                    &[("component[name_en]", m), ("component[name_fr]", m)],
                )
                .await;
            assert!(
                r.status.is_redirection(),
                "adding a {m} component: {}",
                r.status
            );
            let id = w.component_id(m);
            w.vars.insert(m, id.to_string());
        }
        // A second proposals component: the import form lists the space's other proposals components.
        let path = format!("/admin/participatory_processes/{PROCESS}/components?type=proposals");
        let r = w
            .client
            .post(
                &path,
                &[
                    ("component[name_en]", "Ideas"),
                    ("component[name_fr]", "Idées"),
                ],
            )
            .await;
        assert!(
            r.status.is_redirection(),
            "adding a second proposals component: {}",
            r.status
        );
        w.seed_records().await;
        w
    }

    /// The newest component of `manifest` in the process.
    fn component_id(&self, manifest: &str) -> u64 {
        self.client
            .state
            .store()
            .components
            .iter()
            .filter(|c| c.manifest == manifest)
            .map(|c| c.id)
            .max()
            .unwrap_or_else(|| panic!("no {manifest} component"))
    }

    /// The newest record of `kind`.
    fn record_id(&self, kind: &str) -> u64 {
        self.client
            .state
            .store()
            .records
            .of_kind(kind)
            .map(|r| r.id)
            .max()
            .unwrap_or_else(|| panic!("no {kind} record"))
    }

    fn manage(&self, manifest: &str) -> String {
        format!(
            "/admin/participatory_processes/{PROCESS}/components/{}/manage",
            self.vars[manifest]
        )
    }

    async fn create(&mut self, what: &str, path: &str, fields: &[(&str, &str)]) {
        // The organization's default language is required: give French what English gets when the form
        // names only English (an OSP organization defaults to French).
        let mut all: Vec<(String, String)> = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        for (k, v) in fields {
            if let Some(base) = k.strip_suffix("_en]") {
                let fr = format!("{base}_fr]");
                if !fields.iter().any(|(o, _)| *o == fr) {
                    all.push((fr, v.to_string()));
                }
            }
        }
        let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = self.client.post(path, &refs).await;
        assert!(
            r.status.is_redirection(),
            "creating {what} at {path}: {}\n{}",
            r.status,
            r.body
        );
    }

    async fn seed_records(&mut self) {
        let meetings = format!("{}/meetings", self.manage("meetings"));
        self.create(
            "a meeting",
            &meetings,
            &[
                ("meeting[title_en]", "Workshop"),
                ("meeting[description_en]", "<p>Ideas</p>"),
                ("meeting[type_of_meeting]", "online"),
                ("meeting[start_time]", "2030-10-15T18:00"),
                ("meeting[end_time]", "2030-10-15T20:00"),
                ("meeting[registration_type]", "on_this_platform"),
            ],
        )
        .await;
        let meeting = self.record_id("meeting");
        self.vars.insert("meeting", meeting.to_string());

        let debates = format!("{}/debates", self.manage("debates"));
        self.create(
            "a debate",
            &debates,
            &[
                ("debate[title_en]", "Open debate"),
                ("debate[description_en]", "<p>About it</p>"),
                ("debate[instructions_en]", "<p>Be nice</p>"),
                ("debate[finite]", "false"),
            ],
        )
        .await;
        let debate = self.record_id("debate");
        self.vars.insert("debate", debate.to_string());

        let budgets = format!("{}/budgets", self.manage("budgets"));
        self.create(
            "a budget",
            &budgets,
            &[
                ("budget[title_en]", "Budget"),
                ("budget[total_budget]", "1000"),
            ],
        )
        .await;
        let budget = self.record_id("budget");
        self.vars.insert("budget", budget.to_string());
        let projects = format!("{budgets}/{budget}/projects");
        self.create(
            "a project",
            &projects,
            &[
                ("project[title_en]", "A project"),
                ("project[description_en]", "<p>A project</p>"),
                ("project[budget_amount]", "100"),
            ],
        )
        .await;
        let project = self.record_id("budget_project");
        self.vars.insert("project", project.to_string());

        let proposals = format!("{}/proposals", self.manage("proposals"));
        self.create(
            "a proposal",
            &proposals,
            &[
                ("proposal[title_en]", "A proposal long enough"),
                (
                    "proposal[body_en]",
                    "<p>A body long enough for a proposal.</p>",
                ),
            ],
        )
        .await;
        let proposal = self.record_id("proposal");
        self.vars.insert("proposal", proposal.to_string());

        // A survey with one saved question (uid q1), so the question fields are real elements, not the
        // <script type="text/template"> of new questions.
        let survey = format!("{}/", self.manage("surveys"));
        self.client.get(&survey).await;
        self.create(
            "a survey question",
            &survey,
            &[
                ("_method", "put"),
                ("questionnaire[title_en]", "Survey"),
                ("questionnaire[tos_en]", "<p>Terms</p>"),
                ("questionnaire[questions][q1][body_en]", "Why?"),
                ("questionnaire[questions][q1][question_type]", "long_answer"),
            ],
        )
        .await;

        self.client
            .get("/admin/newsletter_templates/basic_only_text/newsletters/new")
            .await;
        self.create(
            "a newsletter",
            "/admin/newsletter_templates/basic_only_text/newsletters",
            &[
                ("newsletter[subject_en]", "News"),
                ("newsletter[settings][body_en]", "<p>News</p>"),
            ],
        )
        .await;
        let newsletter = self.record_id("newsletter");
        self.vars.insert("newsletter", newsletter.to_string());

        let participant = self
            .client
            .state
            .store()
            .records
            .of_kind("participant")
            .find(|r| r.get("email") == "marie.dupont@example.org")
            .map(|r| r.id)
            .expect("seeded participant");
        self.vars.insert("participant", participant.to_string());
        let initiative = self.record_id("initiative");
        self.vars.insert("initiative", format!("i-{initiative}"));
        self.vars.insert("initiative_id", initiative.to_string());
        self.client
            .get(&format!(
                "/admin/participatory_processes/{PROCESS}/landing_page/edit"
            ))
            .await;
        self.create(
            "an HTML content block",
            &format!("/admin/participatory_processes/{PROCESS}/landing_page/content_blocks?manifest_name=html"),
            &[],
        )
        .await;
        let content_block = self
            .client
            .state
            .store()
            .records
            .of_kind("content_block")
            .filter(|r| r.get("manifest") == "html")
            .map(|r| r.id)
            .max()
            .expect("the HTML block just added");
        self.vars.insert("html_block", content_block.to_string());
        self.client.get("/admin/organization/homepage/edit").await;
        self.create(
            "a homepage HTML content block",
            "/admin/organization/homepage/content_blocks?manifest_name=html",
            &[],
        )
        .await;
        let homepage_block = self
            .client
            .state
            .store()
            .records
            .of_kind("homepage_content_block")
            .filter(|r| r.get("manifest") == "html")
            .map(|r| r.id)
            .max()
            .expect("the homepage HTML block just added");
        self.vars
            .insert("homepage_html_block", homepage_block.to_string());
    }

    /// `route` with its `{placeholders}` replaced (`{meetings}` = the meetings component id…).
    pub fn route(&self, route: &str) -> String {
        let mut out = route.to_string();
        for (k, v) in &self.vars {
            out = out.replace(&format!("{{{k}}}"), v);
        }
        assert!(
            !out.contains('{'),
            "unresolved placeholder in {route}: {out}"
        );
        out
    }
}
