//! §6.3 organization-level admin pages (decidim-admin, decidim-templates, decidim-verifications) and the
//! public login form.

use crate::facts::{Control::*, Fact, Form, Kind::*, F, FORM};

pub const FORMS: &[Form] = &[
    Form {
        key: "new scope type",
        route: "/admin/scope_types/new",
        id: "new_scope_type_",
        class: "form-defaults form scope_types_new",
        submit_en: "Create scope type",
        submit_fr: "Créer un type de secteur",
        src: adm!("scope_types/new.html.erb:8; submit :16, ", loc!("admin", 937, 937)),
        ..FORM
    },
    Form {
        key: "new scope",
        route: "/admin/scopes/new",
        id: "new_scope_",
        // The view's class starts with a space.
        class: " form form-defaults new_scope",
        submit_en: "Create scope",
        submit_fr: "Créer un périmètre d'application",
        src: adm!("scopes/new.html.erb:8; submit :16, ", loc!("admin", 952, 952)),
        ..FORM
    },
    Form {
        key: "new area type",
        route: "/admin/area_types/new",
        id: "new_area_type_",
        class: "form-defaults form new_area_type",
        submit_en: "Create area type",
        submit_fr: "Créer un type de périmètre d'assemblée",
        src: adm!("area_types/new.html.erb:8; submit :12, ", loc!("admin", 228, 228)),
        ..FORM
    },
    Form {
        key: "new area",
        route: "/admin/areas/new",
        id: "new_area_",
        class: "form-defaults form new_area_",
        submit_en: "Create area",
        submit_fr: "Créer un périmètre d'assemblée",
        src: adm!("areas/new.html.erb:8; submit :12, ", loc!("admin", 244, 244)),
        ..FORM
    },
    Form {
        key: "new static page topic",
        route: "/admin/static_page_topics/new",
        id: "new_static_page_topic_",
        class: "form form-defaults new_static_page_topic",
        submit_en: "Create topic",
        submit_fr: "Créer un sujet",
        src: adm!("static_page_topics/new.html.erb:10; submit :18, ", loc!("admin", 990, 990)),
        ..FORM
    },
    Form {
        key: "new static page",
        route: "/admin/static_pages/new",
        id: "new_static_page_",
        class: "form form-defaults new_static_page",
        submit_en: "Create page",
        submit_fr: "Créer une page",
        src: adm!("static_pages/new.html.erb:9; submit :13, ", loc!("admin", 1014, 1014)),
        ..FORM
    },
    Form {
        key: "new newsletter",
        route: "/admin/newsletter_templates/basic_only_text/newsletters/new",
        // from_model(ContentBlock.new): no id (newsletters_controller.rb:20, :157-163).
        id: "new_newsletter_",
        class: "form form-defaults new_newsletter",
        submit_en: "Save",
        submit_fr: "Enregistrer",
        src: adm!("newsletters/new.html.erb:9; submit :17, ", loc!("admin", 758, 758)),
        ..FORM
    },
    Form {
        key: "select recipients",
        route: "/admin/newsletters/{newsletter}/select_recipients_to_deliver",
        // from_model(newsletter) (newsletters_controller.rb:106): the newsletter's id (Rails dom_id).
        id: "edit_newsletter_{newsletter}",
        class: "form form-defaults newsletter_deliver",
        submit_en: "Deliver newsletter",
        submit_fr: "Envoyer la newsletter",
        src: adm!("newsletters/select_recipients_to_deliver.html.erb:14; submit ", loc!("admin", 764, 764)),
        ..FORM
    },
    Form {
        key: "officialize",
        route: "/admin/officializations/new?user_id={participant}",
        // from_model(user) (officializations_controller.rb:25): the user's id (Rails dom_id).
        id: "edit_officialization_{participant}",
        class: "form form-defaults new_officialization",
        submit_en: "Officialize",
        submit_fr: "Valider",
        src: adm!("officializations/new.html.erb:10; submit :21, ", loc!("admin", 813, 813)),
        ..FORM
    },
    Form {
        key: "invite admin",
        route: "/admin/users/new",
        id: "new_user_",
        class: "form form-defaults new_user",
        submit_en: "Invite",
        submit_fr: "Inviter",
        src: adm!("users/new.html.erb:9; submit :13, ", loc!("admin", 1082, 1082)),
        ..FORM
    },
    Form {
        key: "block user",
        route: "/admin/moderated_users/{participant}/user_block/new",
        // from_model(user) (decidim-admin/app/controllers/decidim/admin/block_user_controller.rb:13): the
        // user's id (Rails dom_id), not new_block_user.
        id: "edit_block_user_{participant}",
        class: "form-defaults form import_participatory_process",
        submit_en: "Block account and send justification",
        submit_fr: "Bloquer le compte et envoyer la justification",
        src: adm!("block_user/new.html.erb:10; submit :37, ", loc!("admin", 291, 291)),
        ..FORM
    },
    Form {
        key: "new block user template",
        route: "/admin/templates/block_user_templates/new",
        id: "new_template_",
        class: "form-defaults form new_user_block_template",
        submit_en: "Save",
        submit_fr: "Sauvegarder",
        src: concat!("decidim-templates/app/views/decidim/templates/admin/block_user_templates/new.html.erb:9 (TemplateForm, block_user_templates_controller.rb:72); submit :13, ", loc!("templates", 54, 54)),
        ..FORM
    },
    Form {
        key: "new proposal answer template",
        route: "/admin/templates/proposal_answer_templates/new",
        id: "new_proposal_answer_template_",
        class: "form-defaults form new_proposal_answer_template",
        submit_en: "Save",
        submit_fr: "Sauvegarder",
        src: concat!("decidim-templates/app/views/decidim/templates/admin/proposal_answer_templates/new.html.erb:9; submit ", loc!("templates", 71, 71)),
        ..FORM
    },
    Form {
        key: "new questionnaire template",
        route: "/admin/templates/questionnaire_templates/new",
        id: "new_template_",
        class: "form-defaults form new_questionnaire_template",
        submit_en: "Save",
        submit_fr: "Sauvegarder",
        src: concat!("decidim-templates/app/views/decidim/templates/admin/questionnaire_templates/new.html.erb:10; submit :14, ", loc!("templates", 54, 54)),
        ..FORM
    },
    Form {
        key: "appearance",
        route: "/admin/organization/appearance/edit",
        // id edit_organization_<organization id> (Rails, inferred): not asserted, the replica has no organization id.
        class: "form-defaults form edit_organization_appearance",
        submit_en: "Update",
        submit_fr: "Mettre à jour",
        src: adm!("organization_appearance/edit.html.erb:10; submit :14, ", loc!("admin", 843, 843)),
        ..FORM
    },
    Form {
        key: "help sections",
        route: "/admin/help_sections",
        // from_model(OpenStruct.new(sections:)) (help_sections_controller.rb:20-22): no id.
        id: "new_help_sections_",
        class: "form-defaults form help_sections",
        submit_en: "Save",
        submit_fr: "Sauvegarder",
        src: adm!("help_sections/_form.html.erb:8; submit :33, ", loc!("admin", 482, 482)),
        ..FORM
    },
    Form {
        key: "revoke before date",
        route: "/admin/authorization_workflows",
        // RevocationsBeforeDateForm.from_params (revocations_cell.rb:8): no id.
        id: "new_revocations_before_date_",
        class: "form form-defaults",
        submit_en: "Revoke before date",
        submit_fr: "Révoquer avant",
        src: concat!("decidim-verifications/app/cells/decidim/verifications/revocations/show.erb:18; submit :30, ", loc!("verifications", 43, 43)),
        ..FORM
    },
];

pub const FIELDS: &[Fact] = &[
    // ── scope types ──
    Fact {
        form: "new scope type",
        field: "Name",
        kind: Translated,
        en: "Name",
        fr: "Titre",
        label_for: "scope_type_name",
        id: "scope_type_name_{l}",
        name: "scope_type[name_{l}]",
        aria: "name",
        required: true,
        src: adm!("scope_types/_form.html.erb:4 (validator decidim-admin/app/forms/decidim/admin/scope_type_form.rb:15)"),
        label_src: loc!("admin", 117, 117),
        ..F
    },
    Fact {
        form: "new scope type",
        field: "Plural",
        kind: Translated,
        en: "Plural",
        fr: "Pluriel",
        label_for: "scope_type_plural",
        id: "scope_type_plural_{l}",
        name: "scope_type[plural_{l}]",
        aria: "plural",
        required: true,
        src: adm!("scope_types/_form.html.erb:7"),
        label_src: loc!("admin", 119, 119),
        ..F
    },
    // ── scopes ──
    Fact {
        form: "new scope",
        field: "Name",
        kind: Translated,
        en: "Name",
        fr: "Titre",
        label_for: "scope_name",
        id: "scope_name_{l}",
        name: "scope[name_{l}]",
        aria: "name",
        required: true,
        src: adm!("scopes/_form.html.erb:4 (validator decidim-admin/app/forms/decidim/admin/scope_form.rb:17)"),
        label_src: loc!("admin", 111, 111),
        ..F
    },
    Fact {
        form: "new scope",
        field: "Code",
        kind: Wrapped(Input("text")),
        en: "Code",
        fr: "Code",
        label_for: "scope_code",
        id: "scope_code",
        name: "scope[code]",
        required: true,
        src: adm!("scopes/_form.html.erb:8 (validator scope_form.rb:18)"),
        label_src: loc!("admin", 110, 110),
        ..F
    },
    Fact {
        form: "new scope",
        field: "Scope type",
        kind: Wrapped(Select),
        en: "Scope type",
        fr: "Type de secteur",
        label_for: "scope_scope_type_id",
        id: "scope_scope_type_id",
        name: "scope[scope_type_id]",
        src: adm!("scopes/_form.html.erb:12 (collection_select)"),
        label_src: loc!("admin", 115, 115),
        ..F
    },
    // ── area types ──
    Fact {
        form: "new area type",
        field: "Name",
        kind: Translated,
        en: "Name",
        fr: "Titre",
        label_for: "area_type_name",
        id: "area_type_name_{l}",
        name: "area_type[name_{l}]",
        aria: "name",
        required: true,
        src: adm!("area_types/_form.html.erb:5 (validator decidim-admin/app/forms/decidim/admin/area_type_form.rb:15)"),
        label_src: loc!("admin", 10, 10),
        ..F
    },
    Fact {
        form: "new area type",
        field: "Plural",
        kind: Translated,
        en: "Plural",
        fr: "Pluriel",
        label_for: "area_type_plural",
        id: "area_type_plural_{l}",
        name: "area_type[plural_{l}]",
        aria: "plural",
        required: true,
        src: adm!("area_types/_form.html.erb:8"),
        label_src: loc!("admin", 12, 12),
        ..F
    },
    // ── areas ──
    Fact {
        form: "new area",
        field: "Name",
        kind: Translated,
        en: "Name",
        fr: "Titre",
        label_for: "area_name",
        id: "area_name_{l}",
        name: "area[name_{l}]",
        aria: "name",
        required: true,
        src: adm!("areas/_form.html.erb:5 (validator decidim-admin/app/forms/decidim/admin/area_form.rb:15)"),
        label_src: loc!("admin", 7, 7),
        ..F
    },
    Fact {
        form: "new area",
        field: "Area type",
        kind: Wrapped(Select),
        en: "Area type",
        fr: "Area type",
        label_for: "area_area_type_id",
        id: "area_area_type_id",
        name: "area[area_type_id]",
        src: adm!("areas/_form.html.erb:9 (collection_select :area_type_id)"),
        label_src: "no activemodel.attributes.area.area_type_id key (only area.area_type, decidim-admin/config/locales/en.yml:6 / fr.yml:6): human_attribute_name(:area_type_id) falls back to \"area_type_id\".humanize = \"Area type\" in every locale (decidim-core/lib/decidim/form_builder.rb:501-507)",
        note: "a wrong-but-real label: English in the French admin",
        ..F
    },
    // ── static page topics ──
    Fact {
        form: "new static page topic",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "static_page_topic_title",
        id: "static_page_topic_title_{l}",
        name: "static_page_topic[title_{l}]",
        aria: "title",
        required: true,
        src: adm!("static_page_topics/_form.html.erb:2 (validator decidim-admin/app/forms/decidim/admin/static_page_topic_form.rb:16)"),
        label_src: loc!("admin", 136, 136),
        ..F
    },
    Fact {
        form: "new static page topic",
        field: "Description",
        kind: Translated,
        en: "Description",
        fr: "La description",
        label_for: "static_page_topic_description",
        id: "static_page_topic_description_{l}",
        name: "static_page_topic[description_{l}]",
        aria: "description",
        src: adm!("static_page_topics/_form.html.erb:6"),
        label_src: loc!("admin", 133, 133),
        ..F
    },
    // ── static pages ──
    Fact {
        form: "new static page",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "static_page_title",
        id: "static_page_title_{l}",
        name: "static_page[title_{l}]",
        aria: "title",
        required: true,
        src: adm!("static_pages/_form.html.erb:5 (validator decidim-admin/app/forms/decidim/admin/static_page_form.rb:10)"),
        label_src: loc!("admin", 129, 129),
        ..F
    },
    Fact {
        form: "new static page",
        field: "URL slug",
        kind: Separate(Input("text")),
        en: "URL slug",
        fr: "Identifiant",
        label_for: "static_page_slug",
        id: "static_page_slug",
        name: "static_page[slug]",
        src: adm!("static_pages/_form.html.erb:11-13 (form.label :slug in a div, then text_field label: false: not wrapped, no mark)"),
        label_src: loc!("admin", 128, 128),
        ..F
    },
    Fact {
        form: "new static page",
        field: "Content",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Content",
        fr: "Contenu",
        label_for: "static_page_content",
        id: "static_page_content_{l}",
        name: "static_page[content_{l}]",
        aria: "content",
        src: adm!("static_pages/_form.html.erb:18 (no validator on content: static_page_form.rb:12)"),
        label_src: loc!("admin", 125, 125),
        ..F
    },
    Fact {
        form: "new static page",
        field: "Topic",
        kind: Dangling(Select),
        en: "Topic",
        fr: "Topic",
        label_for: "static_page_topic",
        id: "static_page_topic_id",
        name: "static_page[topic_id]",
        src: adm!("static_pages/_form.html.erb:23-25 (form.label :topic → for=static_page_topic; select :topic_id label: false)"),
        label_src: "no activemodel.attributes.static_page.topic key (topic_id \"Topic\"/\"Sujet\" decidim-admin/config/locales/en.yml:130 / fr.yml:130 is not used): \"topic\".humanize in every locale",
        ..F
    },
    Fact {
        form: "new static page",
        field: "Order position",
        kind: Separate(Input("number")),
        en: "Order position",
        fr: "Rang d'affichage",
        label_for: "static_page_weight",
        id: "static_page_weight",
        name: "static_page[weight]",
        src: adm!("static_pages/_form.html.erb:32-34 (form.label :weight, number_field label: false)"),
        label_src: loc!("admin", 131, 131),
        ..F
    },
    // ── newsletter ──
    Fact {
        form: "new newsletter",
        field: "Subject",
        kind: Translated,
        en: "Subject",
        fr: "Objet",
        label_for: "newsletter_subject",
        id: "newsletter_subject_{l}",
        name: "newsletter[subject_{l}]",
        aria: "subject",
        required: true,
        src: adm!("newsletters/_form.html.erb:4 (validator decidim-admin/app/forms/decidim/admin/newsletter_form.rb:12)"),
        label_src: loc!("admin", 44, 44),
        ..F
    },
    Fact {
        form: "new newsletter",
        field: "Body",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Body",
        fr: "Corps du texte",
        label_for: "newsletter_settings_body",
        id: "newsletter_settings_body_{l}",
        name: "newsletter[settings][body_{l}]",
        src: "decidim-core/app/cells/decidim/newsletter_templates/basic_only_text_settings_form/show.erb:1-2 (fields_for :settings, explicit label, no aria)",
        label_src: loc!("core", 1209, 1200),
        ..F
    },
    // ── select recipients ──
    Fact {
        form: "select recipients",
        field: "Send to all users",
        kind: Checkbox,
        en: "Send to all users",
        fr: "Envoyer à tous les utilisateurs",
        label_for: "newsletter_send_to_all_users",
        id: "newsletter_send_to_all_users",
        name: "newsletter[send_to_all_users]",
        src: adm!("newsletters/select_recipients_to_deliver.html.erb:27"),
        label_src: loc!("admin", 41, 41),
        ..F
    },
    Fact {
        form: "select recipients",
        field: "Send to participants",
        kind: Checkbox,
        en: "Send to participants",
        fr: "Envoyer aux participants",
        label_for: "newsletter_send_to_participants",
        id: "newsletter_send_to_participants",
        name: "newsletter[send_to_participants]",
        src: adm!("newsletters/select_recipients_to_deliver.html.erb:34"),
        label_src: loc!("admin", 43, 43),
        ..F
    },
    Fact {
        form: "select recipients",
        field: "Send to followers",
        kind: Checkbox,
        en: "Send to followers",
        fr: "Envoyer aux abonnés",
        label_for: "newsletter_send_to_followers",
        id: "newsletter_send_to_followers",
        name: "newsletter[send_to_followers]",
        src: adm!("newsletters/select_recipients_to_deliver.html.erb:38"),
        label_src: loc!("admin", 42, 42),
        ..F
    },
    Fact {
        form: "select recipients",
        field: "Participatory processes",
        kind: Wrapped(Select),
        en: "Participatory processes",
        fr: "Concertations",
        label_for: "newsletter_participatory_space_types_participatory_processes_ids",
        id: "newsletter_participatory_space_types_participatory_processes_ids",
        name: "newsletter[participatory_space_types][participatory_processes][ids][]",
        src: "decidim-admin/app/helpers/decidim/admin/newsletters_helper.rb:19-34 (select multiple, label activerecord.models…other)",
        label_src: loc!("participatory_processes", 83, 83),
        ..F
    },
    // ── officialize ──
    Fact {
        form: "officialize",
        field: "Badge",
        kind: Translated,
        en: "Officialization badge",
        fr: "Badge de validation",
        label_for: "officialization_officialized_as",
        id: "officialization_officialized_as_{l}",
        name: "officialization[officialized_as_{l}]",
        src: adm!("officializations/new.html.erb:15 (explicit label, no aria)"),
        label_src: loc!("admin", 812, 812),
        ..F
    },
    // ── invite admin ──
    Fact {
        form: "invite admin",
        field: "Name",
        kind: Wrapped(Input("text")),
        en: "Name",
        fr: "Nom",
        label_for: "user_name",
        id: "user_name",
        name: "user[name]",
        required: true,
        src: adm!("users/_form.html.erb:5 (validator decidim-core/app/forms/decidim/invite_user_form.rb:16)"),
        label_src: loc!("admin", 1079, 1079),
        ..F
    },
    Fact {
        form: "invite admin",
        field: "Email",
        kind: Wrapped(Input("email")),
        en: "Email",
        fr: "Email",
        label_for: "user_email",
        id: "user_email",
        name: "user[email]",
        required: true,
        src: adm!("users/_form.html.erb:9"),
        label_src: loc!("admin", 1078, 1078),
        ..F
    },
    Fact {
        form: "invite admin",
        field: "Role",
        kind: Wrapped(Select),
        en: "Role",
        fr: "Rôle",
        label_for: "user_role",
        id: "user_role",
        name: "user[role]",
        src: adm!("users/_form.html.erb:13"),
        label_src: loc!("admin", 1080, 1080),
        ..F
    },
    // ── block user ──
    Fact {
        form: "block user",
        field: "Justification",
        kind: Wrapped(Textarea),
        en: "Justification",
        fr: "Justification",
        label_for: "block_user_justification",
        id: "block_user_justification",
        name: "block_user[justification]",
        required: true,
        src: adm!("block_user/new.html.erb:29 (text_area required: true, explicit label)"),
        label_src: loc!("admin", 294, 294),
        ..F
    },
    // ── templates ──
    Fact {
        form: "new block user template",
        field: "Name",
        kind: Translated,
        en: "Name",
        fr: "Nom",
        label_for: "template_name",
        id: "template_name_{l}",
        name: "template[name_{l}]",
        aria: "name",
        required: true,
        src: "decidim-templates/app/views/decidim/templates/admin/block_user_templates/_form.html.erb:5 (validator decidim-templates/app/forms/decidim/templates/admin/template_form.rb:13)",
        label_src: loc!("templates", 9, 9),
        ..F
    },
    Fact {
        form: "new block user template",
        field: "Description",
        kind: TranslatedArea,
        en: "Description",
        fr: "Description",
        label_for: "template_description",
        id: "template_description_{l}",
        name: "template[description_{l}]",
        aria: "description",
        src: "decidim-templates/app/views/decidim/templates/admin/block_user_templates/_form.html.erb:9 (text_area rows: 3)",
        label_src: loc!("templates", 8, 8),
        ..F
    },
    Fact {
        form: "new proposal answer template",
        field: "Component constraint",
        kind: Wrapped(Select),
        en: "Component constraint",
        fr: "Component constraint",
        label_for: "proposal_answer_template_component_constraint",
        id: "proposal_answer_template_component_constraint",
        name: "proposal_answer_template[component_constraint]",
        src: "decidim-templates/app/views/decidim/templates/admin/proposal_answer_templates/_form.html.erb:35-43 (step 1 of the form)",
        label_src: "no activemodel.attributes.proposal_answer_template.component_constraint key: \"component_constraint\".humanize in every locale",
        ..F
    },
    Fact {
        form: "new questionnaire template",
        field: "Name",
        kind: Translated,
        en: "Name",
        fr: "Nom",
        label_for: "template_name",
        id: "template_name_{l}",
        name: "template[name_{l}]",
        aria: "name",
        required: true,
        src: "decidim-templates/app/views/decidim/templates/admin/questionnaire_templates/_form.html.erb:5",
        label_src: loc!("templates", 9, 9),
        ..F
    },
    Fact {
        form: "new questionnaire template",
        field: "Description",
        kind: TranslatedArea,
        en: "Description",
        fr: "Description",
        label_for: "template_description",
        id: "template_description_{l}",
        name: "template[description_{l}]",
        aria: "description",
        src: "decidim-templates/app/views/decidim/templates/admin/questionnaire_templates/_form.html.erb:9",
        label_src: loc!("templates", 8, 8),
        ..F
    },
    // ── appearance ──
    Fact {
        form: "appearance",
        field: "Description",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Description",
        fr: "Description",
        label_for: "organization_description",
        id: "organization_description_{l}",
        name: "organization[description_{l}]",
        aria: "description",
        src: adm!("organization_appearance/_form.html.erb:13"),
        label_src: loc!("admin", 55, 55),
        ..F
    },
    Fact {
        form: "appearance",
        field: "Call To Action button path",
        kind: Wrapped(Input("text")),
        en: "Call To Action button path",
        fr: "Chemin du bouton d'action",
        label_for: "organization_cta_button_path",
        id: "organization_cta_button_path",
        name: "organization[cta_button_path]",
        src: adm!("organization_appearance/_form.html.erb:18"),
        label_src: loc!("admin", 51, 51),
        ..F
    },
    Fact {
        form: "appearance",
        field: "Call To Action button text",
        kind: Translated,
        en: "Call To Action button text",
        fr: "Texte du bouton d'action",
        label_for: "organization_cta_button_text",
        id: "organization_cta_button_text_{l}",
        name: "organization[cta_button_text_{l}]",
        src: adm!("organization_appearance/_form.html.erb:22 (help_text, no aria)"),
        label_src: loc!("admin", 52, 52),
        ..F
    },
    // ── help sections ──
    Fact {
        form: "help sections",
        field: "Content (participatory processes)",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Content",
        fr: "Contenu",
        label_for: "help_sections_sections_participatory_processes_content",
        id: "help_sections_sections_participatory_processes_content_{l}",
        name: "help_sections[sections][participatory_processes][content_{l}]",
        tabs: "sections_participatory_processes_content",
        src: adm!("help_sections/_form.html.erb:10, :24 (fields_for \"sections[]\" indexed by the section id; tabs_id; no aria)"),
        label_src: loc!("admin", 35, 35),
        ..F
    },
    // ── revoke authorizations before a date ──
    Fact {
        form: "revoke before date",
        field: "Impersonated only",
        kind: Checkbox,
        en: "Impersonated only",
        fr: "Impersonated only",
        label_for: "revocations_before_date_impersonated_only",
        id: "revocations_before_date_impersonated_only",
        name: "revocations_before_date[impersonated_only]",
        src: "decidim-verifications/app/cells/decidim/verifications/revocations/show.erb:23",
        label_src: "no activemodel.attributes.revocations_before_date.impersonated_only key: humanized in every locale (inferred)",
        ..F
    },
    Fact {
        form: "revoke before date",
        field: "Before date",
        kind: Wrapped(Input("date")),
        en: "Before date",
        fr: "Before date",
        label_for: "revocations_before_date_before_date",
        id: "revocations_before_date_before_date",
        name: "revocations_before_date[before_date]",
        required: true,
        src: "decidim-verifications/app/cells/decidim/verifications/revocations/show.erb:26 (validator decidim-verifications/app/forms/decidim/verifications/admin/revocations_before_date_form.rb:12)",
        label_src: "no activemodel.attributes.revocations_before_date.before_date key: humanized in every locale (inferred)",
        ..F
    },
];

/// The public login form (checked signed out).
pub const SIGN_IN: Form = Form {
    key: "login",
    route: "/users/sign_in",
    // namespace: "session", as: :user → id session_new_user, class new_user (Rails).
    id: "session_new_user",
    class: "new_user",
    src: "decidim-core/app/views/decidim/devise/sessions/new.html.erb:33",
    ..FORM
};

pub const SIGN_IN_FIELDS: &[Fact] = &[
    Fact {
        form: "login",
        field: "Email",
        kind: Wrapped(Input("email")),
        en: "Email",
        fr: "Email",
        label_for: "session_user_email",
        id: "session_user_email",
        name: "user[email]",
        required: true,
        src: "decidim-core/app/views/decidim/devise/sessions/new.html.erb:35 (required: true)",
        label_src: loc!("core", 60, 60),
        ..F
    },
    Fact {
        form: "login",
        field: "Password",
        kind: Separate(Input("password")),
        en: "Password",
        fr: "Mot de passe",
        label_for: "session_user_password",
        id: "session_user_password",
        name: "user[password]",
        required: true,
        src: "decidim-core/app/views/decidim/account/_password_fields.html.erb:6 (custom_label, required) + :11 (password_field label: false)",
        label_src: loc!("core", 31, 31),
        ..F
    },
];
