//! §6.6 meetings, §6.7 proposals, §6.8 surveys, §6.9 pages, §6.10 accountability, §6.11 budgets,
//! §6.12 debates, §6.13 sortitions, §6.14 blogs: the component admin forms, under the components the setup
//! adds to the seeded process. `M/` = `/admin/participatory_processes/{process}/components/<id>/manage`.

use crate::facts::{Control::*, Fact, Form, Kind::*, F, FORM};

macro_rules! mv {
    ($($f:expr),+) => { concat!("decidim-meetings/app/views/decidim/meetings/admin/", $($f),+) };
}
macro_rules! pv {
    ($($f:expr),+) => { concat!("decidim-proposals/app/views/decidim/proposals/admin/", $($f),+) };
}
macro_rules! acv {
    ($($f:expr),+) => { concat!("decidim-accountability/app/views/decidim/accountability/admin/", $($f),+) };
}
macro_rules! bv {
    ($($f:expr),+) => { concat!("decidim-budgets/app/views/decidim/budgets/admin/", $($f),+) };
}
macro_rules! dv {
    ($($f:expr),+) => { concat!("decidim-debates/app/views/decidim/debates/admin/", $($f),+) };
}
macro_rules! sv {
    ($($f:expr),+) => { concat!("decidim-sortitions/app/views/decidim/sortitions/admin/sortitions/", $($f),+) };
}
macro_rules! blv {
    ($($f:expr),+) => { concat!("decidim-blogs/app/views/decidim/blogs/admin/posts/", $($f),+) };
}
macro_rules! qv {
    ($($f:expr),+) => { concat!("decidim-forms/app/views/decidim/forms/admin/questionnaires/", $($f),+) };
}

macro_rules! m {
    ($c:literal, $rest:literal) => {
        concat!(
            "/admin/participatory_processes/{process}/components/{",
            $c,
            "}/manage",
            $rest
        )
    };
}

pub const FORMS: &[Form] = &[
    // ── meetings ──
    Form {
        key: "new meeting",
        route: m!("meetings", "/meetings/new"),
        id: "new_meeting_",
        class: "form-defaults form meetings_form new_meeting",
        submit_en: "Create",
        submit_fr: "Créer",
        src: mv!("meetings/new.html.erb:9; submit ", loc!("meetings", 340, 340)),
        ..FORM
    },
    Form {
        key: "duplicate meeting",
        route: m!("meetings", "/meetings/{meeting}/copies/new"),
        // form(MeetingForm).from_model(meeting) (meeting_copies_controller.rb:14): the copied meeting's id.
        id: "edit_meeting_{meeting}",
        // The view's class ends with a space.
        class: "form form-defaults copy_meetings ",
        submit_en: "Copy",
        submit_fr: "Copier",
        src: mv!("meeting_copies/new.html.erb:9 (renders meetings/_form, :10); submit ", loc!("meetings", 143, 143)),
        ..FORM
    },
    Form {
        key: "new agenda",
        route: m!("meetings", "/meetings/{meeting}/agenda/new"),
        id: "new_meeting_agenda_",
        class: "form form-defaults new_agenda",
        submit_en: "Create",
        submit_fr: "Créer",
        src: mv!("agenda/new.html.erb:10; submit ", loc!("meetings", 276, 276)),
        ..FORM
    },
    Form {
        key: "meeting registrations",
        route: m!("meetings", "/meetings/{meeting}/registrations/edit"),
        // from_model(meeting): the meeting's id (Rails dom_id).
        id: "edit_meeting_{meeting}",
        class: "form-defaults form edit_meeting_registrations mt-4",
        submit_en: "Save",
        submit_fr: "Sauvegarder",
        src: mv!("registrations/edit.html.erb:58 (object meeting, meeting_registrations_form.rb:10); submit ", loc!("meetings", 376, 376)),
        ..FORM
    },
    Form {
        key: "close meeting",
        route: m!("meetings", "/meetings/{meeting}/meeting_closes/{meeting}/edit"),
        id: "edit_close_meeting_{meeting}",
        class: "form-defaults form edit_close_meeting",
        submit_en: "Close",
        submit_fr: "Clore",
        src: mv!("meeting_closes/edit.html.erb:10 (from_model(meeting), Rails dom_id); submit ", loc!("meetings", 308, 308)),
        ..FORM
    },
    // ── proposals ──
    Form {
        key: "new proposal",
        route: m!("proposals", "/proposals/new"),
        id: "new_proposal_",
        class: "form-defaults form new_proposal proposal_form_admin",
        submit_en: "Create",
        submit_fr: "Créer",
        src: pv!("proposals/new.html.erb:9; submit ", loc!("proposals", 538, 538)),
        ..FORM
    },
    Form {
        key: "proposal answer",
        route: m!("proposals", "/proposals/{proposal}"),
        // form(ProposalAnswerForm).from_model(proposal) (proposals_controller.rb:23).
        id: "edit_proposal_answer_{proposal}",
        class: "form form-defaults edit_proposal_answer",
        submit_en: "Answer",
        submit_fr: "Répondre",
        src: pv!("proposal_answers/_form.html.erb:1; submit :36-40, ", loc!("proposals", 469, 469)),
        ..FORM
    },
    Form {
        key: "new proposal state",
        route: m!("proposals", "/proposal_states/new"),
        id: "new_proposal_state_",
        class: "form-defaults form new_proposal_state proposal_form_admin",
        submit_en: "Create",
        submit_fr: "Créer",
        src: pv!("proposal_states/new.html.erb:9; submit ", loc!("proposals", 494, 494)),
        ..FORM
    },
    Form {
        key: "import proposals",
        route: m!("proposals", "/proposals/proposals_import/new"),
        id: "new_proposals_import_",
        class: "form form-defaults import_proposals",
        submit_en: "Import proposals",
        submit_fr: "Importer des propositions",
        src: pv!("proposals_imports/new.html.erb:10; submit :36-40, ", loc!("proposals", 577, 577)),
        ..FORM
    },
    // ── surveys, pages ──
    Form {
        key: "survey",
        route: m!("surveys", "/"),
        class: "form-defaults form edit_questionnaire",
        submit_en: "Save",
        submit_fr: "sauvegarder",
        src: concat!("decidim-surveys/app/views/decidim/surveys/admin/surveys/edit.html.erb:29; submit ", loc!("forms", 80, 80)),
        note: "id (edit_questionnaire_<id>, Rails) not asserted",
        ..FORM
    },
    Form {
        key: "page body",
        route: m!("pages", "/"),
        class: "form-defaults form edit_page",
        submit_en: "Update",
        submit_fr: "Mettre à jour",
        src: concat!("decidim-pages/app/views/decidim/pages/admin/pages/edit.html.erb:11; submit ", loc!("pages", 27, 27)),
        note: "id (edit_page_<id>, Rails) not asserted",
        ..FORM
    },
    // ── accountability ──
    Form {
        key: "new status",
        route: m!("accountability", "/statuses/new"),
        id: "new_status_",
        class: "form-defaults form new_status",
        submit_en: "Create status",
        submit_fr: "Créer un statut",
        src: acv!("statuses/new.html.erb:9; submit ", loc!("accountability", 140, 138)),
        ..FORM
    },
    Form {
        key: "new result",
        route: m!("accountability", "/results/new"),
        id: "new_result_",
        class: "form form-defaults new_result",
        submit_en: "Create result",
        submit_fr: "Créer une réalisation",
        src: acv!("results/new.html.erb:10; submit ", loc!("accountability", 120, 118)),
        ..FORM
    },
    // ── budgets ──
    Form {
        key: "new budget",
        route: m!("budgets", "/budgets/new"),
        id: "new_budget_",
        class: "form-defaults form new_budget",
        submit_en: "Create budget",
        submit_fr: "Créer un budget",
        src: bv!("budgets/new.html.erb:9; submit ", loc!("budgets", 75, 75)),
        ..FORM
    },
    Form {
        key: "new project",
        route: m!("budgets", "/budgets/{budget}/projects/new"),
        id: "new_project_",
        class: "form-defaults form new_project",
        submit_en: "Create",
        submit_fr: "Créer",
        src: bv!("projects/new.html.erb:9; submit ", loc!("budgets", 116, 116)),
        ..FORM
    },
    Form {
        key: "edit project",
        route: m!("budgets", "/budgets/{budget}/projects/{project}/edit"),
        id: "edit_project_{project}",
        class: "form-defaults form edit_project",
        submit_en: "Update",
        submit_fr: "Mettre à jour",
        src: bv!("projects/edit.html.erb:9; submit ", loc!("budgets", 95, 95)),
        ..FORM
    },
    // ── debates ──
    Form {
        key: "new debate",
        route: m!("debates", "/debates/new"),
        id: "new_debate_",
        class: "form-defaults form new_debate",
        submit_en: "Create debate",
        submit_fr: "Créer un débat",
        src: dv!("debates/new.html.erb:9; submit ", loc!("debates", 78, 78)),
        ..FORM
    },
    Form {
        key: "close debate",
        route: m!("debates", "/debates/{debate}/debate_closes/{debate}/edit"),
        // object debate (close_debate_form.rb:10), from_model(debate): the debate's id (Rails dom_id).
        id: "edit_debate_{debate}",
        class: "form form-defaults edit_close_debate",
        submit_en: "Close",
        submit_fr: "Fermer",
        src: dv!("debate_closes/edit.html.erb:9; submit ", loc!("debates", 60, 60)),
        ..FORM
    },
    // ── sortitions, blogs ──
    Form {
        key: "new sortition",
        route: m!("sortitions", "/sortitions/new"),
        id: "new_sortition_",
        class: "form-defaults form new_sortition",
        submit_en: "Create",
        submit_fr: "Créer",
        src: sv!("new.html.erb:9; submit ", loc!("sortitions", 77, 77)),
        ..FORM
    },
    Form {
        key: "new post",
        route: m!("blogs", "/posts/new"),
        id: "new_post_",
        class: "form-defaults form new_post",
        submit_en: "Create",
        submit_fr: "Créer",
        src: blv!("new.html.erb:10; submit ", loc!("blogs", 40, 40)),
        ..FORM
    },
];

pub const FIELDS: &[Fact] = &[
    // ── new meeting ──
    Fact {
        form: "new meeting",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "meeting_title",
        id: "meeting_title_{l}",
        name: "meeting[title_{l}]",
        aria: "title",
        required: true,
        src: mv!("meetings/_form.html.erb:5 (hashtaggable; validator decidim-meetings/app/forms/decidim/meetings/admin/meeting_form.rb:31)"),
        label_src: loc!("meetings", 41, 41),
        ..F
    },
    Fact {
        form: "new meeting",
        field: "Description",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Description",
        fr: "Description",
        label_for: "meeting_description",
        id: "meeting_description_{l}",
        name: "meeting[description_{l}]",
        aria: "description",
        required: true,
        src: mv!("meetings/_form.html.erb:9 (validator meeting_form.rb:32)"),
        label_src: loc!("meetings", 21, 21),
        ..F
    },
    Fact {
        form: "new meeting",
        field: "Type",
        kind: Wrapped(Select),
        en: "Type",
        fr: "Type",
        label_for: "meeting_type_of_meeting",
        id: "meeting_type_of_meeting",
        name: "meeting[type_of_meeting]",
        required: true,
        src: mv!("meetings/_form.html.erb:13-16 (validator meeting_form.rb:35)"),
        label_src: loc!("meetings", 43, 43),
        ..F
    },
    Fact {
        form: "new meeting",
        field: "Address",
        kind: Wrapped(Input("text")),
        en: "Address",
        fr: "Adresse",
        label_for: "meeting_address",
        id: "meeting_address",
        name: "meeting[address]",
        src: mv!("meetings/_form.html.erb:20 (geocoding_field without geocoding = text_field; presence only `if needs_address?`, false on a new form)"),
        label_src: loc!("meetings", 15, 15),
        ..F
    },
    Fact {
        form: "new meeting",
        field: "Location",
        kind: TranslatedArea,
        en: "Location",
        fr: "Lieu",
        label_for: "meeting_location",
        id: "meeting_location_{l}",
        name: "meeting[location_{l}]",
        src: mv!("meetings/_form.html.erb:24 (no aria; presence only for in-person/hybrid, meeting_form.rb:36)"),
        label_src: loc!("meetings", 27, 27),
        ..F
    },
    Fact {
        form: "new meeting",
        field: "Location hints",
        kind: TranslatedArea,
        en: "Location hints",
        fr: "Indicateurs d’emplacement",
        label_for: "meeting_location_hints",
        id: "meeting_location_hints_{l}",
        name: "meeting[location_hints_{l}]",
        src: mv!("meetings/_form.html.erb:28 (no aria)"),
        label_src: loc!("meetings", 28, 28),
        note: "a second label starting with \"Location\"",
        ..F
    },
    Fact {
        form: "new meeting",
        field: "Start time",
        kind: Wrapped(Input("datetime-local")),
        en: "Start time",
        fr: "Heure de début",
        label_for: "meeting_start_time",
        id: "meeting_start_time",
        name: "meeting[start_time]",
        required: true,
        src: mv!("meetings/_form.html.erb:55 (validator decidim-meetings/app/forms/decidim/meetings/base_meeting_form.rb:18)"),
        label_src: loc!("meetings", 40, 40),
        ..F
    },
    Fact {
        form: "new meeting",
        field: "End time",
        kind: Wrapped(Input("datetime-local")),
        en: "End time",
        fr: "Heure de fin",
        label_for: "meeting_end_time",
        id: "meeting_end_time",
        name: "meeting[end_time]",
        required: true,
        src: mv!("meetings/_form.html.erb:59 (validator base_meeting_form.rb:19)"),
        label_src: loc!("meetings", 22, 22),
        ..F
    },
    Fact {
        form: "new meeting",
        field: "Registration type",
        kind: Wrapped(Select),
        en: "Registration type",
        fr: "Type d'inscription",
        label_for: "meeting_registration_type",
        id: "meeting_registration_type",
        name: "meeting[registration_type]",
        required: true,
        src: mv!("meetings/_form.html.erb:75-79 (validator meeting_form.rb:33)"),
        label_src: loc!("meetings", 36, 36),
        ..F
    },
    // ── duplicate meeting (same partial, prefilled) ──
    Fact {
        form: "duplicate meeting",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "meeting_title",
        id: "meeting_title_{l}",
        name: "meeting[title_{l}]",
        aria: "title",
        required: true,
        src: mv!("meetings/_form.html.erb:5 (rendered by meeting_copies/new.html.erb:10)"),
        label_src: loc!("meetings", 41, 41),
        ..F
    },
    Fact {
        form: "duplicate meeting",
        field: "Start time",
        kind: Wrapped(Input("datetime-local")),
        en: "Start time",
        fr: "Heure de début",
        label_for: "meeting_start_time",
        id: "meeting_start_time",
        name: "meeting[start_time]",
        required: true,
        src: mv!("meetings/_form.html.erb:55"),
        label_src: loc!("meetings", 40, 40),
        ..F
    },
    // ── agenda ──
    Fact {
        form: "new agenda",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "meeting_agenda_title",
        id: "meeting_agenda_title_{l}",
        name: "meeting_agenda[title_{l}]",
        aria: "title",
        required: true,
        src: mv!("agenda/_form.html.erb:35 (validator decidim-meetings/app/forms/decidim/meetings/admin/meeting_agenda_form.rb:14)"),
        label_src: loc!("meetings", 45, 45),
        ..F
    },
    Fact {
        form: "new agenda",
        field: "Visible",
        kind: Checkbox,
        en: "Visible",
        fr: "Visible",
        label_for: "meeting_agenda_visible",
        id: "meeting_agenda_visible",
        name: "meeting_agenda[visible]",
        src: mv!("agenda/_form.html.erb:39"),
        label_src: loc!("meetings", 46, 46),
        ..F
    },
    // ── registrations ──
    Fact {
        form: "meeting registrations",
        field: "Registrations enabled",
        kind: Checkbox,
        en: "Registrations enabled",
        fr: "Inscriptions ouvertes",
        label_for: "meeting_registrations_enabled",
        id: "meeting_registrations_enabled",
        name: "meeting[registrations_enabled]",
        src: mv!("registrations/_form.html.erb:5"),
        label_src: loc!("meetings", 38, 38),
        ..F
    },
    Fact {
        form: "meeting registrations",
        field: "Available slots",
        kind: Wrapped(Input("number")),
        en: "Available slots for this meeting",
        fr: "Places disponibles pour cette rencontre",
        label_for: "meeting_available_slots",
        id: "meeting_available_slots",
        name: "meeting[available_slots]",
        src: mv!("registrations/_form.html.erb:14 (presence only when registrations_enabled at render, meeting_registrations_form.rb:22: false for the seeded meeting)"),
        label_src: loc!("meetings", 16, 16),
        ..F
    },
    Fact {
        form: "meeting registrations",
        field: "Registration terms",
        kind: TranslatedEditor { toolbar: "content" },
        en: "Registration terms",
        fr: "Conditions d'inscription",
        label_for: "meeting_registration_terms",
        id: "meeting_registration_terms_{l}",
        name: "meeting[registration_terms_{l}]",
        aria: "registration_terms",
        src: mv!("registrations/_form.html.erb:30 (toolbar: :content; presence only when registrations_enabled, meeting_registrations_form.rb:21)"),
        label_src: loc!("meetings", 35, 35),
        ..F
    },
    // ── close meeting ──
    Fact {
        form: "close meeting",
        field: "Minutes",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Minutes",
        fr: "Compte rendu",
        label_for: "close_meeting_closing_report",
        id: "close_meeting_closing_report_{l}",
        name: "close_meeting[closing_report_{l}]",
        aria: "closing_report",
        required: true,
        src: mv!("meeting_closes/_form.html.erb:5 (validator decidim-meetings/app/forms/decidim/meetings/admin/close_meeting_form.rb:21)"),
        label_src: loc!("meetings", 9, 9),
        ..F
    },
    Fact {
        form: "close meeting",
        field: "Number of attendees",
        kind: Wrapped(Input("number")),
        en: "Number of attendees",
        fr: "Nombre de participants",
        label_for: "close_meeting_attendees_count",
        id: "close_meeting_attendees_count",
        name: "close_meeting[attendees_count]",
        required: true,
        src: mv!("meeting_closes/_form.html.erb:14 (validator close_meeting_form.rb:22)"),
        label_src: loc!("meetings", 6, 6),
        ..F
    },
    // ── new proposal ──
    Fact {
        form: "new proposal",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "proposal_title",
        id: "proposal_title_{l}",
        name: "proposal[title_{l}]",
        aria: "title",
        required: true,
        src: pv!("proposals/_form.html.erb:5 (hashtaggable; validator decidim-proposals/app/forms/decidim/proposals/admin/proposal_form.rb:15)"),
        label_src: loc!("proposals", 28, 28),
        ..F
    },
    Fact {
        form: "new proposal",
        field: "Body",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Body",
        fr: "Corps du texte",
        label_for: "proposal_body",
        id: "proposal_body_{l}",
        name: "proposal[body_{l}]",
        aria: "body",
        required: true,
        src: pv!("proposals/_form.html.erb:8"),
        label_src: loc!("proposals", 20, 20),
        ..F
    },
    // ── proposal answer ──
    Fact {
        form: "proposal answer",
        field: "State Accepted",
        kind: Radio { value: "accepted" },
        en: "Accepted",
        fr: "Retenue",
        org_default: true,
        label_for: "proposal_answer_internal_state_accepted",
        id: "proposal_answer_internal_state_accepted",
        name: "proposal_answer[internal_state]",
        src: pv!("proposal_answers/_form.html.erb:13-14 (collection_radio_buttons, label > radio + translated_attribute(state.title))"),
        label_src: concat!(loc!("proposals", 609, 609), "; default states get a title only in Decidim.default_locale, decidim-proposals/lib/decidim/proposals.rb:85-99, so an admin reads that language's title whatever their own (translated_attribute falls back to the organization default, decidim-core/lib/decidim/translatable_attributes.rb:94-98)"),
        ..F
    },
    Fact {
        form: "proposal answer",
        field: "Answer",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Answer",
        fr: "Répondre",
        label_for: "proposal_answer_answer",
        id: "proposal_answer_answer_{l}",
        name: "proposal_answer[answer_{l}]",
        src: pv!("proposal_answers/_form.html.erb:18 (no aria; presence only if rejected)"),
        label_src: loc!("proposals", 31, 31),
        ..F
    },
    // ── new proposal state ──
    Fact {
        form: "new proposal state",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Title",
        label_for: "proposal_state_title",
        id: "proposal_state_title_{l}",
        name: "proposal_state[title_{l}]",
        aria: "title",
        required: true,
        src: pv!("proposal_states/_form.html.erb:5 (validator decidim-proposals/app/forms/decidim/proposals/admin/proposal_state_form.rb:16)"),
        label_src: "no activemodel.attributes.proposal_state.title key: \"title\".humanize in every locale (decidim-core/lib/decidim/form_builder.rb:501-507)",
        note: "a wrong-but-real label: English in the French admin",
        ..F
    },
    Fact {
        form: "new proposal state",
        field: "Answer heading",
        kind: TranslatedArea,
        en: "Answer heading",
        fr: "En-tête de réponse",
        label_for: "proposal_state_announcement_title",
        id: "proposal_state_announcement_title_{l}",
        name: "proposal_state[announcement_title_{l}]",
        aria: "announcement_title",
        src: pv!("proposal_states/_form.html.erb:8"),
        label_src: loc!("proposals", 36, 36),
        ..F
    },
    Fact {
        form: "new proposal state",
        field: "Blue (text colour)",
        kind: Separate(Input("radio")),
        en: "Blue",
        fr: "Bleu",
        label_for: "proposal_state_text_color_0851a6",
        id: "proposal_state_text_color_0851a6",
        name: "proposal_state[text_color]",
        src: pv!("proposal_states/_form.html.erb:24 (FRH radio_button: radio then a sibling label, FRH:40-49; value #0851A6, decidim-proposals/lib/decidim/proposals.rb:44-48)"),
        label_src: loc!("proposals", 39, 39),
        note: "a second label \"Blue\" exists for the hidden bg_color radio",
        ..F
    },
    Fact {
        form: "new proposal state",
        field: "Blue (background, hidden)",
        kind: Separate(Input("radio")),
        en: "Blue",
        fr: "Bleu",
        label_for: "proposal_state_bg_color_ebf9ff",
        id: "proposal_state_bg_color_ebf9ff",
        name: "proposal_state[bg_color]",
        src: pv!("proposal_states/_form.html.erb:37 (style display: none)"),
        label_src: loc!("proposals", 39, 39),
        ..F
    },
    // ── import proposals ──
    Fact {
        form: "import proposals",
        field: "Origin component",
        kind: Wrapped(Select),
        en: "Origin component",
        fr: "Origin component",
        label_for: "proposals_import_origin_component_id",
        id: "proposals_import_origin_component_id",
        name: "proposals_import[origin_component_id]",
        required: true,
        src: pv!("proposals_imports/new.html.erb:16 (validator decidim-proposals/app/forms/decidim/proposals/admin/proposals_import_form.rb:18)"),
        label_src: "no activemodel.attributes.proposals_import.origin_component_id key: humanized in every locale (inferred)",
        ..F
    },
    Fact {
        form: "import proposals",
        field: "States: Not answered",
        kind: CheckItem { value: "not_answered" },
        en: "Not answered",
        fr: "En attente de réponse",
        label_for: "proposals_import_states_not_answered",
        id: "proposals_import_states_not_answered",
        name: "proposals_import[states][]",
        src: pv!("proposals_imports/new.html.erb:19-24 (collection_check_boxes)"),
        label_src: loc!("proposals", 611, 611),
        ..F
    },
    Fact {
        form: "import proposals",
        field: "Import proposals",
        kind: Checkbox,
        en: "Import proposals",
        fr: "Importer des propositions",
        label_for: "proposals_import_import_proposals",
        id: "proposals_import_import_proposals",
        name: "proposals_import[import_proposals]",
        src: pv!("proposals_imports/new.html.erb:36"),
        label_src: loc!("proposals", 52, 52),
        ..F
    },
    // ── survey ──
    Fact {
        form: "survey",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "questionnaire_title",
        id: "questionnaire_title_{l}",
        name: "questionnaire[title_{l}]",
        aria: "title",
        required: true,
        src: qv!("_form.html.erb:5 (validator decidim-forms/app/forms/decidim/forms/admin/questionnaire_form.rb:17)"),
        label_src: loc!("templates", 6, 6),
        ..F
    },
    Fact {
        form: "survey",
        field: "Statement (saved question q1)",
        kind: Translated,
        en: "Statement",
        fr: "Déclaration",
        label_for: "questionnaire_questions_q1_body",
        id: "questionnaire_questions_q1_body_{l}",
        name: "questionnaire[questions][q1][body_{l}]",
        tabs: "questionnaire_question_q1",
        src: qv!("_question.html.erb:47-55 (tabs_id: id = tabs_id_for_question, explicit label, no aria; fields_for questionnaire[questions][] → [<id>], _form.html.erb:60)"),
        label_src: loc!("forms", 108, 108),
        ..F
    },
    Fact {
        form: "survey",
        field: "Question type (saved question q1)",
        kind: Wrapped(Select),
        en: "Type",
        fr: "Type",
        label_for: "questionnaire_questions_q1_question_type",
        id: "questionnaire_questions_q1_question_type",
        name: "questionnaire[questions][q1][question_type]",
        src: qv!("_question.html.erb:93-100"),
        label_src: loc!("forms", 11, 11),
        ..F
    },
    // ── page ──
    Fact {
        form: "page body",
        field: "Body",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Body",
        fr: "Corps du texte",
        label_for: "page_body",
        id: "page_body_{l}",
        name: "page[body_{l}]",
        src: "decidim-pages/app/views/decidim/pages/admin/pages/_form.html.erb:5 (explicit label, lines: 30, no aria)",
        label_src: loc!("pages", 24, 24),
        ..F
    },
    // ── accountability ──
    Fact {
        form: "new status",
        field: "Key",
        kind: Wrapped(Input("text")),
        en: "Key",
        fr: "Clé",
        label_for: "status_key",
        id: "status_key",
        name: "status[key]",
        required: true,
        src: acv!("statuses/_form.html.erb:5 (validator decidim-accountability/app/forms/decidim/accountability/admin/status_form.rb:16)"),
        label_src: loc!("accountability", 21, 20),
        ..F
    },
    Fact {
        form: "new status",
        field: "Name",
        kind: Translated,
        en: "Name",
        fr: "Nom",
        label_for: "status_name",
        id: "status_name_{l}",
        name: "status[name_{l}]",
        aria: "name",
        required: true,
        src: acv!("statuses/_form.html.erb:9 (validator status_form.rb:17)"),
        label_src: loc!("accountability", 22, 21),
        ..F
    },
    Fact {
        form: "new status",
        field: "Progress",
        kind: Wrapped(Input("number")),
        en: "Progress",
        fr: "Avancement",
        label_for: "status_progress",
        id: "status_progress",
        name: "status[progress]",
        src: acv!("statuses/_form.html.erb:17"),
        label_src: loc!("accountability", 23, 22),
        ..F
    },
    Fact {
        form: "new result",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "result_title",
        id: "result_title_{l}",
        name: "result[title_{l}]",
        aria: "title",
        required: true,
        src: acv!("results/_form.html.erb:6 (validator decidim-accountability/app/forms/decidim/accountability/admin/result_form.rb:26)"),
        label_src: loc!("accountability", 17, 16),
        ..F
    },
    Fact {
        form: "new result",
        field: "Status",
        kind: Wrapped(Select),
        en: "Status",
        fr: "Progression",
        label_for: "result_decidim_accountability_status_id",
        id: "result_decidim_accountability_status_id",
        name: "result[decidim_accountability_status_id]",
        src: acv!("results/_form.html.erb:45"),
        label_src: loc!("accountability", 6, 6),
        ..F
    },
    Fact {
        form: "new result",
        field: "Progress",
        kind: Wrapped(Input("number")),
        en: "Progress",
        fr: "Avancement",
        label_for: "result_progress",
        id: "result_progress",
        name: "result[progress]",
        src: acv!("results/_form.html.erb:49"),
        label_src: loc!("accountability", 12, 12),
        ..F
    },
    // ── budgets ──
    Fact {
        form: "new budget",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "budget_title",
        id: "budget_title_{l}",
        name: "budget[title_{l}]",
        aria: "title",
        required: true,
        src: bv!("budgets/_form.html.erb:5 (validator decidim-budgets/app/forms/decidim/budgets/admin/budget_form.rb:18)"),
        label_src: loc!("budgets", 8, 8),
        ..F
    },
    Fact {
        form: "new budget",
        field: "Description",
        kind: TranslatedEditor { toolbar: "content" },
        en: "Description",
        fr: "Description",
        label_for: "budget_description",
        id: "budget_description_{l}",
        name: "budget[description_{l}]",
        aria: "description",
        src: bv!("budgets/_form.html.erb:13 (toolbar: :content)"),
        label_src: loc!("budgets", 7, 7),
        ..F
    },
    Fact {
        form: "new budget",
        field: "Total budget",
        kind: Wrapped(Input("number")),
        en: "Total budget",
        fr: "Budget total",
        label_for: "budget_total_budget",
        id: "budget_total_budget",
        name: "budget[total_budget]",
        src: bv!("budgets/_form.html.erb:17 (numericality only: no mark)"),
        label_src: loc!("budgets", 9, 9),
        ..F
    },
    Fact {
        form: "new project",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "project_title",
        id: "project_title_{l}",
        name: "project[title_{l}]",
        aria: "title",
        required: true,
        src: bv!("projects/_form.html.erb:5 (validator decidim-budgets/app/forms/decidim/budgets/admin/project_form.rb:28)"),
        label_src: loc!("budgets", 19, 19),
        ..F
    },
    Fact {
        form: "new project",
        field: "Description",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Description",
        fr: "Description",
        label_for: "project_description",
        id: "project_description_{l}",
        name: "project[description_{l}]",
        aria: "description",
        required: true,
        src: bv!("projects/_form.html.erb:9 (validator project_form.rb:29)"),
        label_src: loc!("budgets", 15, 15),
        ..F
    },
    Fact {
        form: "new project",
        field: "Budget amount",
        kind: Wrapped(Input("number")),
        en: "Budget amount",
        fr: "Montant du budget",
        label_for: "project_budget_amount",
        id: "project_budget_amount",
        name: "project[budget_amount]",
        required: true,
        src: bv!("projects/_form.html.erb:13 (validator project_form.rb:30)"),
        label_src: loc!("budgets", 12, 12),
        ..F
    },
    Fact {
        form: "edit project",
        field: "Selected for implementation",
        kind: Checkbox,
        en: "Selected for implementation",
        fr: "Sélectionné pour l'implémentation",
        label_for: "project_selected",
        id: "project_selected",
        name: "project[selected]",
        src: bv!("projects/_form.html.erb:42 (only when persisted, :40)"),
        label_src: loc!("budgets", 18, 18),
        ..F
    },
    // ── debates ──
    Fact {
        form: "new debate",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "debate_title",
        id: "debate_title_{l}",
        name: "debate[title_{l}]",
        aria: "title",
        required: true,
        src: dv!("debates/_form.html.erb:5 (hashtaggable; validator decidim-debates/app/forms/decidim/debates/admin/debate_form.rb:21)"),
        label_src: loc!("debates", 16, 16),
        ..F
    },
    Fact {
        form: "new debate",
        field: "Description",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Description",
        fr: "Description",
        label_for: "debate_description",
        id: "debate_description_{l}",
        name: "debate[description_{l}]",
        aria: "description",
        required: true,
        src: dv!("debates/_form.html.erb:9 (validator debate_form.rb:22)"),
        label_src: loc!("debates", 10, 10),
        ..F
    },
    Fact {
        form: "new debate",
        field: "Instructions to participate",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Instructions to participate",
        fr: "Instructions pour participer",
        label_for: "debate_instructions",
        id: "debate_instructions_{l}",
        name: "debate[instructions_{l}]",
        aria: "instructions",
        required: true,
        src: dv!("debates/_form.html.erb:13 (validator debate_form.rb:23)"),
        label_src: loc!("debates", 13, 13),
        ..F
    },
    Fact {
        form: "new debate",
        field: "Debate type",
        kind: Dangling(Input("radio")),
        en: "Debate type",
        fr: "Type de débat",
        label_for: "debate_type",
        id: "debate_finite_true",
        name: "debate[finite]",
        src: dv!("debates/_form.html.erb:21 (label_tag :debate_type: for=debate_type, no such element)"),
        label_src: loc!("debates", 72, 72),
        ..F
    },
    Fact {
        form: "new debate",
        field: "Finite",
        kind: Radio { value: "true" },
        en: "Finite (With start and end times)",
        fr: "Limité (Avec les heures de début et de fin)",
        label_for: "debate_finite_true",
        id: "debate_finite_true",
        name: "debate[finite]",
        src: dv!("debates/_form.html.erb:23-24 (collection_radio_buttons, label.form__wrapper-checkbox-label > radio + text)"),
        label_src: loc!("debates", 73, 73),
        ..F
    },
    Fact {
        form: "new debate",
        field: "Open",
        kind: Radio { value: "false" },
        en: "Open (No start or end times)",
        fr: "Ouvert (pas de date de début et de fin)",
        label_for: "debate_finite_false",
        id: "debate_finite_false",
        name: "debate[finite]",
        src: dv!("debates/_form.html.erb:23-24"),
        label_src: loc!("debates", 74, 74),
        ..F
    },
    Fact {
        form: "new debate",
        field: "Start time",
        kind: Wrapped(Input("datetime-local")),
        en: "Starts at",
        fr: "Commence à",
        label_for: "debate_start_time",
        id: "debate_start_time",
        name: "debate[start_time]",
        src: dv!("debates/_form.html.erb:30 (presence only if end_time is present, decidim-debates/app/forms/decidim/debates/admin/debate_form.rb:24, :66-68: no mark on a new form)"),
        label_src: loc!("debates", 15, 15),
        ..F
    },
    Fact {
        form: "close debate",
        field: "Conclusions",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Conclusions",
        fr: "Conclusions",
        label_for: "debate_conclusions",
        id: "debate_conclusions_{l}",
        name: "debate[conclusions_{l}]",
        src: dv!("debate_closes/edit.html.erb:15 (no aria; per-locale validators only, so no mark: decidim-debates/app/forms/decidim/debates/admin/close_debate_form.rb:12-15)"),
        label_src: loc!("debates", 8, 8),
        ..F
    },
    // ── sortitions ──
    Fact {
        form: "new sortition",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "sortition_title",
        id: "sortition_title_{l}",
        name: "sortition[title_{l}]",
        aria: "title",
        required: true,
        src: sv!("_form.html.erb:6 (validator decidim-sortitions/app/forms/decidim/sortitions/admin/sortition_form.rb:19)"),
        label_src: loc!("sortitions", 11, 11),
        ..F
    },
    Fact {
        form: "new sortition",
        field: "Proposals set",
        kind: Wrapped(Select),
        en: "Proposals set",
        fr: "Ensemble de propositions",
        label_for: "sortition_decidim_proposals_component_id",
        id: "sortition_decidim_proposals_component_id",
        name: "sortition[decidim_proposals_component_id]",
        required: true,
        src: sv!("_form.html.erb:10-12 (validator sortition_form.rb:20)"),
        label_src: loc!("sortitions", 8, 8),
        ..F
    },
    Fact {
        form: "new sortition",
        field: "Witnesses",
        kind: TranslatedEditor { toolbar: "content" },
        en: "Witnesses",
        fr: "Témoins",
        label_for: "sortition_witnesses",
        id: "sortition_witnesses_{l}",
        name: "sortition[witnesses_{l}]",
        aria: "witnesses",
        required: true,
        src: sv!("_form.html.erb:26 (toolbar: :content, lines: 10; validator sortition_form.rb:21)"),
        label_src: loc!("sortitions", 12, 12),
        ..F
    },
    Fact {
        form: "new sortition",
        field: "Sortition information",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Sortition information",
        fr: "Information sur le tirage au sort",
        label_for: "sortition_additional_info",
        id: "sortition_additional_info_{l}",
        name: "sortition[additional_info_{l}]",
        aria: "additional_info",
        required: true,
        src: sv!("_form.html.erb:30 (validator sortition_form.rb:22)"),
        label_src: loc!("sortitions", 6, 6),
        ..F
    },
    // ── blogs ──
    Fact {
        form: "new post",
        field: "Title",
        kind: Translated,
        en: "Title",
        fr: "Titre",
        label_for: "post_title",
        id: "post_title_{l}",
        name: "post[title_{l}]",
        aria: "title",
        required: true,
        src: blv!("_form.html.erb:9 (validator decidim-blogs/app/forms/decidim/blogs/admin/post_form.rb:16)"),
        label_src: loc!("blogs", 9, 9),
        ..F
    },
    Fact {
        form: "new post",
        field: "Body",
        kind: TranslatedEditor { toolbar: "full" },
        en: "Body",
        fr: "Corps du texte",
        label_for: "post_body",
        id: "post_body_{l}",
        name: "post[body_{l}]",
        aria: "body",
        required: true,
        src: blv!("_form.html.erb:12 (validator post_form.rb:17)"),
        label_src: loc!("blogs", 6, 6),
        ..F
    },
    Fact {
        form: "new post",
        field: "Publish time",
        kind: Wrapped(Input("datetime-local")),
        en: "Publish time",
        fr: "Date de publication",
        label_for: "post_published_at",
        id: "post_published_at",
        name: "post[published_at]",
        src: blv!("_form.html.erb:16"),
        label_src: loc!("blogs", 8, 8),
        ..F
    },
];
