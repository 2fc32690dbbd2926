//! The shape of a fact row. A row says what Decidim 0.29's server-side markup is for one field of one form,
//! and where that was read (`src` = the view line, `label_src` = the locale lines of the label text).
//! Paths in `src`/`label_src` are relative to the Decidim repository (branch `release/0.29-stable`);
//! `FRH:` = foundation_rails_helper 4.0.1 `lib/foundation_rails_helper/form_builder.rb`; `(Rails)` = Rails
//! 7.0 tag/id generation, not read from a mirrored source.

/// The control of a non-translated field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// `<input type=…>`.
    Input(&'static str),
    Select,
    Textarea,
}

/// How Decidim's FormBuilder renders the field (docs/research/decidim-0.29-forms.md §0–§1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `form.translated :text_field`: `div.label--tabs > label[for]` pointing at no element, then one bare
    /// `input[type=text]` per locale in `div.tabs-panel`, current locale first.
    Translated,
    /// `form.translated :text_area`: the same with bare `textarea`s.
    TranslatedArea,
    /// `form.translated :editor`: one `div.editor#<id>` per panel, no label inside, a hidden input without id,
    /// `div.editor-container[data-toolbar] > div.editor-input`.
    TranslatedEditor { toolbar: &'static str },
    /// A field wrapped by its label (`label[for=id] > text, mark, help, control`).
    Wrapped(Control),
    /// `check_box`: `label[for=id] > input[type=hidden][value=0] + input[type=checkbox]#id + text`.
    Checkbox,
    /// `form.label` + a bare control: `label[for=id]` that does NOT wrap the control `#id` (no required mark).
    Separate(Control),
    /// `form.label`/`label_tag` whose `for` points at no element, then a bare control `#id` with another id.
    Dangling(Control),
    /// One item of `collection_radio_buttons` / FRH `radio_button` in a label: `label[for=id] > input[type=radio]#id + text`.
    Radio { value: &'static str },
    /// One item of `collection_check_boxes`: `label[for=id] > input[type=checkbox]#id[value] + text`.
    CheckItem { value: &'static str },
}

/// One fact row: one field of one form.
#[derive(Clone, Copy, Debug)]
pub struct Fact {
    /// Key of the form (a row of the forms table).
    pub form: &'static str,
    /// Human name of the field.
    pub field: &'static str,
    pub kind: Kind,
    /// Label text (direct text of the label, without the required mark / help text), English and French.
    pub en: &'static str,
    pub fr: &'static str,
    /// The label's `for`. Translated kinds: `<obj>_<attr>` (dangling); wrapped/checkbox/separate/radio: the
    /// control's id; dangling: the id nothing has.
    pub label_for: &'static str,
    /// The control's id; `{l}` = the locale for translated kinds (editor: the `div.editor` id).
    pub id: &'static str,
    /// The control's name (`{l}` = the locale); editor: the hidden input's name.
    pub name: &'static str,
    /// `aria-label` of the control (translated: of every per-locale control); empty = none.
    pub aria: &'static str,
    /// The label carries the required mark (`span.label-required`).
    pub required: bool,
    /// `tabs_id` when the view passes one (default `<object_name>-<attr>-tabs`, derived from `name`).
    pub tabs: &'static str,
    /// Where the markup was read: view file:line.
    pub src: &'static str,
    /// Where the label text was read: locale file:line (en / fr).
    pub label_src: &'static str,
    /// Why the row matters / what stays inferred.
    pub note: &'static str,
    /// `en`/`fr` are the texts for an organization whose default language is English / French (a record
    /// titled only in the default language), not for the admin's language.
    pub org_default: bool,
}

/// Defaults for struct-update syntax in the tables.
pub const F: Fact = Fact {
    form: "",
    field: "",
    kind: Kind::Translated,
    en: "",
    fr: "",
    label_for: "",
    id: "",
    name: "",
    aria: "",
    required: false,
    tabs: "",
    src: "",
    label_src: "",
    note: "",
    org_default: false,
};

/// One form of a page.
#[derive(Clone, Copy, Debug)]
pub struct Form {
    pub key: &'static str,
    /// Route of the page (`{placeholders}` resolved by the setup).
    pub route: &'static str,
    /// The `<form>`'s id (Rails default: `new_<param_key>_`, `edit_<param_key>_<id>`); empty = not asserted.
    pub id: &'static str,
    /// The `<form>`'s exact `class` attribute (the view's `html: { class: … }`).
    pub class: &'static str,
    /// `input[type=submit][name=commit]` value, English / French; empty = not asserted.
    pub submit_en: &'static str,
    pub submit_fr: &'static str,
    /// View file:line of the `form_for` (and the submit's locale lines).
    pub src: &'static str,
    pub note: &'static str,
}

pub const FORM: Form = Form {
    key: "",
    route: "",
    id: "",
    class: "",
    submit_en: "",
    submit_fr: "",
    src: "",
    note: "",
};
