//! The definition model: what one `fixtures/resources/<area>.toml` file says about one admin resource.
//!
//! A definition is pure data (deserialized with `deny_unknown_fields`, so a typo fails the unit tests) and
//! [`Definition::check`] verifies what serde cannot: placeholders, references to other kinds, menus, actions.
//! Every visible text is an i18n key; defaults derive from the `i18n` base key (see [`TextKey`]).

use serde::Deserialize;

/// One admin resource kind (scopes, areas, process categories…).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Definition {
    /// Record kind in the store, unique among definitions (e.g. `scope`).
    pub kind: String,
    /// Rails param key: form field ids `<param_key>_<field>`, names `<param_key>[<field>]`.
    pub param_key: String,
    /// Base i18n key for the default texts (`<i18n>.new.title`, `<i18n>.create.success`…).
    pub i18n: String,
    /// Collection paths. Placeholders: `:slug` (the participatory space, needs `space`) and one
    /// `:<name>` for a parent record (needs `parent`). Several paths = the same records reached at
    /// several levels, e.g. `/admin/scopes` (top level) and `/admin/scopes/:scope_id/scopes` (children).
    pub paths: Vec<String>,
    /// Optional canonical member path for links and form actions (`/admin/scopes/:id`); by default a
    /// record's member path is its collection path + `/:id`.
    #[serde(default)]
    pub member_path: Option<String>,
    /// Space kind of `:slug` (`participatory_processes`); the areas register the kinds (`routes::spaces`).
    #[serde(default)]
    pub space: Option<String>,
    /// Kind of the parent record named by the non-`:slug` placeholder (`scope`, or `component` for the
    /// existing components of a space).
    #[serde(default)]
    pub parent: Option<String>,
    /// With `parent = "component"`: the component manifest (`proposals`, `meetings`…) whose admin
    /// this definition serves. Several definitions may share a path (every component's root
    /// `…/manage/` page); the parent component's manifest picks the one that answers.
    #[serde(default)]
    pub component: Option<String>,
    /// Field that names a record (select options, breadcrumb, admin log). Default `name`.
    #[serde(default = "default_label_field")]
    pub label_field: String,
    /// Suffix under `decidim.admin.logs.` of the admin-log texts (`<log>.create|update|delete`); none = no log.
    #[serde(default)]
    pub log: Option<String>,
    pub menu: MenuDef,
    #[serde(default)]
    pub texts: Texts,
    #[serde(default)]
    pub index: IndexDef,
    #[serde(default)]
    pub form: FormDef,
    /// Form fields (may be omitted with `copy_of`: the copied kind's fields are used).
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub columns: Vec<ColumnDef>,
    /// Icon links of each row, in order.
    #[serde(default)]
    pub row_actions: Vec<RowActionDef>,
    /// Extra member routes that change a record's flags (publish, activate…).
    #[serde(default)]
    pub member_actions: Vec<MemberActionDef>,
    /// Records a fresh instance has.
    #[serde(default)]
    pub seeds: Vec<SeedDef>,
    /// One record per parent, edited at the collection path (GET `<path>` or `<path>/edit`, saved by
    /// POST/PUT/PATCH `<path>`), like Rails' singular `resource` (a page component's body, a meeting's
    /// registrations form). With a record-kind parent the values are stored on the parent record itself
    /// and saving goes back to the parent's list; with a component parent, to the same page.
    #[serde(default)]
    pub singleton: bool,
    /// Duplicating a record of this kind (a meeting's "Duplicate"): the collection path is nested under the
    /// record to copy (its parent); `new` shows the copied kind's form prefilled with the record's values and
    /// `create` adds a new record of that kind next to the original, then goes back to their list.
    #[serde(default)]
    pub copy_of: Option<String>,
    /// A singleton under a record-kind parent that keeps its own record (its field names would clash with the
    /// parent's, e.g. a meeting's agenda `title`).
    #[serde(default)]
    pub singleton_own: bool,
    /// A singleton that shows its new texts (title, button, create flash, new form class) until first saved,
    /// and is also reached at `<path>/new` (a meeting's agenda).
    #[serde(default)]
    pub new_until_saved: bool,
    /// Flags a singleton save sets on the record it saves (e.g. `closed = true`).
    #[serde(default)]
    pub set_on_save: std::collections::BTreeMap<String, bool>,
    /// Where a singleton save goes instead of the default: `components` = the space's components list
    /// (Decidim's `parent_path` of component admin controllers).
    #[serde(default)]
    pub after_save: Option<String>,
    /// Where create, update and destroy go instead of the list: `parent_edit` = the parent record's edit page
    /// (records Decidim lists on their parent's page, such as an initiative type's scopes).
    #[serde(default)]
    pub return_to: Option<String>,
}

fn default_label_field() -> String {
    "name".into()
}

/// Where the page sits in the admin navigation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MenuDef {
    /// Main-menu item marked active (`settings`, `processes`, `participants`…; see `partials/admin_menu.html`).
    pub section: String,
    /// Secondary sidebar menu from `_menus.toml` (e.g. `settings`). Space resources get their space's sidebar.
    #[serde(default)]
    pub secondary: Option<String>,
    /// Active item of the secondary menu or of the space sidebar.
    pub active: String,
    /// Optional tab menu from `_menus.toml` rendered above the page (`ul.tab-x-container`).
    #[serde(default)]
    pub tabs: Option<String>,
    /// Active tab.
    #[serde(default)]
    pub tab: Option<String>,
}

/// i18n keys of the page texts; each `None` falls back to the convention in [`Definition::text`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Texts {
    pub index_title: Option<String>,
    pub new_button: Option<String>,
    pub new_title: Option<String>,
    pub edit_title: Option<String>,
    pub create_button: Option<String>,
    pub update_button: Option<String>,
    pub create_ok: Option<String>,
    pub create_invalid: Option<String>,
    pub update_ok: Option<String>,
    pub update_invalid: Option<String>,
    pub destroy_ok: Option<String>,
    pub confirm_destroy: Option<String>,
    /// Text shown instead of the table when there is no record (omit: the empty table is shown).
    pub empty: Option<String>,
}

/// The texts a definition uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKey {
    IndexTitle,
    NewButton,
    NewTitle,
    EditTitle,
    CreateButton,
    UpdateButton,
    CreateOk,
    CreateInvalid,
    UpdateOk,
    UpdateInvalid,
    DestroyOk,
    ConfirmDestroy,
}

/// List page options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndexDef {
    /// Own template instead of `admin/resources/index.html`.
    pub template: Option<String>,
    /// `id` of the page's `div.card`.
    pub card_id: Option<String>,
    /// Classes of the new button (default `button button__sm button__secondary new`).
    pub new_button_class: Option<String>,
    /// Hide the table (and show nothing but the heading) when there is no record.
    #[serde(default)]
    pub hide_empty_table: bool,
    /// In a child list, the heading is the parents' names joined by ` - `, with Add and Edit (parent) buttons.
    #[serde(default)]
    pub parent_heading: bool,
    /// Show roots then, under each, the records whose `<tree>` field holds its id (categories/subcategories).
    pub tree: Option<String>,
    /// Sort by this field (numbers numerically), then by id. Default: creation order.
    pub order: Option<String>,
    /// Extra buttons in the heading, before the new button (e.g. accountability's "Statuses").
    #[serde(default)]
    pub links: Vec<IndexLinkDef>,
}

/// A heading button to a sibling collection of the same parent (`…/manage/results` → `…/manage/statuses`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IndexLinkDef {
    /// i18n key of the text.
    pub label: String,
    /// Last path segment replacing the collection's own.
    pub sibling: String,
    /// Classes (default: the new button's).
    pub class: Option<String>,
}

/// New/edit form options.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FormDef {
    /// Own template instead of `admin/resources/form.html`.
    pub template: Option<String>,
    /// `class` of the new form (default `form form-defaults new_<param_key>`).
    pub new_class: Option<String>,
    /// `class` of the edit form (default `form form-defaults edit_<param_key>`).
    pub edit_class: Option<String>,
    /// Class of the element around `div.item__edit-form` (e.g. `item__edit item__edit-1col`); none = no wrapper.
    pub outer_class: Option<String>,
    /// `id` of the `div.card-section` holding the fields.
    pub section_id: Option<String>,
    /// i18n key of a `data-confirm` text on the new form's submit button (e.g. a sortition's draw).
    #[serde(default)]
    pub create_confirm: Option<String>,
}

/// Input kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FieldType {
    Text,
    /// One text input per locale, with en/fr tabs.
    Translated,
    /// One rich-text editor per locale, with tabs.
    TranslatedEditor,
    /// One textarea per locale, with tabs (`form.translated :text_area`).
    TranslatedArea,
    Number,
    Email,
    /// `url_field` (`input[type=url]`); checked as an http(s) URL.
    Url,
    /// 0.29 datepicker (hidden ISO input + visible dd/mm/yyyy field).
    Date,
    /// 0.29 datepicker for `datetime_field` (hidden datetime-local input + dd/mm/yyyy and hh:mm fields).
    Datetime,
    Select,
    /// Radio buttons (`collection_radio_buttons`), options like a select's.
    Radio,
    /// Repeated sub-records posted as `<param>[<name>][<item id>][<attr>]` (a questionnaire's questions),
    /// kept as `<name>][<item id>][<attr>` values and given to the template as `items`; the definition's
    /// own form template renders them.
    Nested,
    Checkbox,
    Textarea,
}

impl FieldType {
    pub(crate) fn is_translated(self) -> bool {
        matches!(
            self,
            FieldType::Translated | FieldType::TranslatedEditor | FieldType::TranslatedArea
        )
    }
}

/// One form field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldDef {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// i18n key of the label.
    pub label: String,
    /// i18n key of a help text under the input.
    pub help: Option<String>,
    /// Presence (in the organization's default locale for translated fields); adds the `*` mark.
    #[serde(default)]
    pub required: bool,
    /// Show the `*` mark without validating (Decidim marks some prefilled fields).
    #[serde(default)]
    pub required_mark: bool,
    /// Override of the `*` mark: `false` for a field Decidim validates without a presence validator (a
    /// `numericality` that also refuses blank: FormBuilder marks only presence validators).
    pub mark: Option<bool>,
    /// Presence (and the mark) only when this checkbox field is checked (`if: ->(form) { form.x? }`; the
    /// mark follows the value the form is rendered with).
    pub required_if: Option<String>,
    #[serde(default)]
    pub autofocus: bool,
    /// Value of a new form.
    pub default: Option<String>,
    /// Named format the value must match (see `form::PATTERNS`): `slug`, `email`, `code`, `hex_color`, `domain`.
    pub pattern: Option<String>,
    /// Value unique among `kind` (all records of the kind in the organization), `space` (same space) or
    /// `siblings` (same space and parent). For translated fields the default-locale value is compared.
    pub unique: Option<Uniqueness>,
    /// Number range (inclusive).
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// Fixed options of a select: `{ value, label }` (label is an i18n key).
    #[serde(default)]
    pub options: Vec<OptionDef>,
    /// Options of a select taken from records of another kind.
    pub options_from: Option<OptionsFrom>,
    /// A first empty option (also makes blank valid).
    #[serde(default)]
    pub include_blank: bool,
    /// i18n key of a first empty option's text (Rails' `prompt:` / `include_blank: "text"`); blank stays invalid
    /// for required fields.
    #[serde(default)]
    pub prompt: Option<String>,
    /// Rows of a textarea.
    pub rows: Option<u32>,
    /// Only on the edit form (Decidim's `if form.object.persisted?`, e.g. a project's "Selected").
    #[serde(default)]
    pub edit_only: bool,
    /// Translated fields: the view passes `aria: { label: :<name> }` (the per-locale controls get
    /// `aria-label="<name>"`). Default true; `false` for views that pass none.
    pub aria: Option<bool>,
    /// Editor toolbar (`full`, the admin default, or `content`).
    pub toolbar: Option<String>,
    /// Editor height in rem (`lines:`, admin default 25).
    pub lines: Option<u32>,
    /// The view prints its own label (`form.label :x` / `label_tag`) and the control without one
    /// (`label: false` or a plain Rails helper): the label does not wrap the control, has no required mark.
    #[serde(default)]
    pub separate_label: bool,
    /// The `for` of that separate label when it is not the control's id (`form.label :topic` before the
    /// `topic_id` select, `label_tag :debate_type` before radios): a label pointing at no element.
    pub label_for: Option<String>,
    /// A plain Rails `select :obj, :attr` (not the builder's): no `autocomplete="off"`, no validations.
    #[serde(default)]
    pub plain_select: bool,
    /// `hashtaggable: true`: each panel's content wrapped in a `div`.
    #[serde(default)]
    pub hashtaggable: bool,
    /// Class of each radio item's label (`form__wrapper-checkbox-label`).
    pub item_class: Option<String>,
    /// Only in this replica flavour (`osp`: a field OSP's app or one of its modules adds to a core form); the
    /// other flavours neither show, accept nor validate it.
    pub flavour: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Uniqueness {
    Kind,
    Space,
    Siblings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OptionDef {
    pub value: String,
    /// i18n key.
    pub label: String,
}

/// Select options from the records of another (or the same) kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OptionsFrom {
    pub kind: String,
    /// Only records of the current space (for space resources). Default true.
    #[serde(default = "yes")]
    pub same_space: bool,
    /// Only records whose field of that name is blank (e.g. `parent_id`: first-level categories).
    pub roots_of: Option<String>,
    /// Leave the record being edited out.
    #[serde(default)]
    pub exclude_self: bool,
    /// With `kind = "component"`: only components of this manifest (e.g. `proposals`).
    #[serde(default)]
    pub manifest: Option<String>,
}

fn yes() -> bool {
    true
}

/// One list column.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ColumnDef {
    /// i18n key of the header (omit for an empty `th`).
    pub label: Option<String>,
    /// Field shown. Translated fields show the reader's locale; selects with `options_from` show the
    /// referenced record's label (or `-`); fixed options show their label; checkboxes Yes/No.
    pub field: String,
    /// Make the value a link: `edit`, `children` (the record's child list) or none.
    pub link: Option<String>,
    /// Show this flag as Yes/No instead of the field's value (e.g. a meeting's `closed`).
    #[serde(default)]
    pub flag: Option<String>,
}

/// An icon link in a row. `action` is `edit`, `destroy`, `children` or the name of a member action.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RowActionDef {
    pub action: String,
    /// i18n key of the title (tooltip, `title` attribute, what scenarios click).
    pub title: String,
    /// Icon macro name in `partials/icons.html` (`pencil`, `trash`, `zoom`…).
    pub icon: String,
    /// CSS class, default `action-icon--<action>` (Decidim uses `action-icon--remove` for destroy).
    pub class: Option<String>,
    /// i18n key of a `data-confirm` text (destroy defaults to the definition's confirm text).
    pub confirm: Option<String>,
    /// Only when this flag is set / not set.
    pub if_flag: Option<String>,
    pub unless_flag: Option<String>,
    /// A plain link to `<member>/<path>` (a page of the record: `registrations/edit`, `projects`…;
    /// `:id` is replaced by the record's id); `action` is then only a name.
    #[serde(default)]
    pub path: Option<String>,
}

/// A member route changing flags: `<member>/<path>` with `method`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MemberActionDef {
    pub name: String,
    /// Path segment after the member path (default: `name`).
    pub path: Option<String>,
    /// `post`, `put`, `patch` or `delete`.
    pub method: String,
    /// Flags set by the action.
    #[serde(default)]
    pub set: std::collections::BTreeMap<String, bool>,
    /// i18n key of the success flash.
    pub flash: String,
    /// Admin-log action suffix (`<log>.<this>`); none = not logged.
    pub log: Option<String>,
    /// Redirect to the referring page (Rails `redirect_back`) instead of the collection.
    #[serde(default)]
    pub redirect_back: bool,
    /// The flags it sets are exclusive: the other records of the same list get the opposite value
    /// (activating a phase deactivates the others).
    #[serde(default)]
    pub exclusive: bool,
}

/// A seeded record. `values` are form-style keys (`name_en`, `code`); a value `@<kind>:<key>` is the id
/// of the seed of that kind with that `key`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SeedDef {
    pub key: Option<String>,
    /// Slug of the space (space resources).
    pub space: Option<String>,
    /// `@<kind>:<key>` of the parent record.
    pub parent: Option<String>,
    #[serde(default)]
    pub values: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub flags: std::collections::BTreeMap<String, bool>,
}

impl Definition {
    /// The i18n key of a text, from `texts` or the convention on the `i18n` base key.
    pub(crate) fn text(&self, which: TextKey) -> String {
        let t = &self.texts;
        let (own, suffix) = match which {
            TextKey::IndexTitle => (&t.index_title, "index.title"),
            TextKey::NewButton => {
                return t
                    .new_button
                    .clone()
                    .unwrap_or_else(|| "decidim.admin.actions.add".into())
            }
            TextKey::NewTitle => (&t.new_title, "new.title"),
            TextKey::EditTitle => (&t.edit_title, "edit.title"),
            TextKey::CreateButton => (&t.create_button, "new.create"),
            TextKey::UpdateButton => (&t.update_button, "edit.update"),
            TextKey::CreateOk => (&t.create_ok, "create.success"),
            TextKey::CreateInvalid => (&t.create_invalid, "create.error"),
            TextKey::UpdateOk => (&t.update_ok, "update.success"),
            TextKey::UpdateInvalid => (&t.update_invalid, "update.error"),
            TextKey::DestroyOk => (&t.destroy_ok, "destroy.success"),
            TextKey::ConfirmDestroy => {
                return t
                    .confirm_destroy
                    .clone()
                    .unwrap_or_else(|| "decidim.admin.actions.confirm_destroy".into())
            }
        };
        own.clone()
            .unwrap_or_else(|| format!("{}.{suffix}", self.i18n))
    }

    /// Whether some field belongs to one flavour only.
    pub(crate) fn has_flavoured_fields(&self) -> bool {
        self.fields.iter().any(|f| f.flavour.is_some())
    }

    /// The definition as `flavour` (`core`, `osp`) serves it: without the other flavours' fields.
    pub(crate) fn for_flavour(&self, flavour: &str) -> std::borrow::Cow<'_, Definition> {
        if !self.has_flavoured_fields() {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut d = self.clone();
        d.fields
            .retain(|f| f.flavour.as_deref().is_none_or(|fl| fl == flavour));
        std::borrow::Cow::Owned(d)
    }

    pub(crate) fn field(&self, name: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub(crate) fn member_action(&self, name: &str) -> Option<&MemberActionDef> {
        self.member_actions.iter().find(|a| a.name == name)
    }

    /// Every i18n key the definition refers to (checked against the locale files by the tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn i18n_keys(&self) -> Vec<String> {
        use TextKey::*;
        let mut keys: Vec<String> = [
            IndexTitle,
            NewButton,
            NewTitle,
            EditTitle,
            CreateButton,
            UpdateButton,
            CreateOk,
            CreateInvalid,
            UpdateOk,
            UpdateInvalid,
            DestroyOk,
            ConfirmDestroy,
        ]
        .into_iter()
        // A singleton only has its edit form.
        .filter(|k| {
            !self.singleton
                || matches!(k, EditTitle | UpdateButton | UpdateOk | UpdateInvalid)
                || (self.new_until_saved
                    && matches!(k, NewTitle | CreateButton | CreateOk | CreateInvalid))
        })
        // A copy only has its new form.
        .filter(|k| {
            self.copy_of.is_none()
                || matches!(k, NewTitle | CreateButton | CreateOk | CreateInvalid)
        })
        .map(|k| self.text(k))
        .collect();
        keys.extend(self.texts.empty.clone());
        keys.extend(self.form.create_confirm.clone());
        keys.extend(self.index.links.iter().map(|l| l.label.clone()));
        for f in &self.fields {
            keys.push(f.label.clone());
            keys.extend(f.help.clone());
            keys.extend(f.prompt.clone());
            keys.extend(f.options.iter().map(|o| o.label.clone()));
        }
        keys.extend(self.columns.iter().filter_map(|c| c.label.clone()));
        for a in &self.row_actions {
            keys.push(a.title.clone());
            keys.extend(a.confirm.clone());
        }
        keys.extend(self.member_actions.iter().map(|a| a.flash.clone()));
        if let Some(log) = &self.log {
            keys.extend(
                ["create", "update", "delete"].map(|a| format!("decidim.admin.logs.{log}.{a}")),
            );
            for a in &self.member_actions {
                keys.extend(
                    a.log
                        .as_ref()
                        .map(|l| format!("decidim.admin.logs.{log}.{l}")),
                );
            }
        }
        keys
    }

    /// Consistency checks serde cannot do. `kinds` are every defined kind (plus `component`).
    pub(crate) fn check(&self, kinds: &[&str]) -> Result<(), String> {
        let err = |m: String| Err(format!("resource `{}`: {m}", self.kind));
        if self.paths.is_empty() {
            return err("`paths` is empty".into());
        }
        if let Some(r) = self.return_to.as_deref().filter(|r| *r != "parent_edit") {
            return err(format!("unknown `return_to` `{r}` (parent_edit)"));
        }
        for p in self.paths.iter().chain(self.member_path.iter()) {
            if !p.starts_with("/admin/") {
                return err(format!("path `{p}` must start with /admin/"));
            }
            let holders: Vec<&str> = p.split('/').filter(|s| s.starts_with(':')).collect();
            for h in &holders {
                match *h {
                    ":slug" if self.space.is_none() => {
                        return err(format!("`{p}` has :slug but no `space`"))
                    }
                    ":slug" | ":id" => {}
                    _ if self.parent.is_none() => {
                        return err(format!("`{p}` has {h} but no `parent`"))
                    }
                    _ => {}
                }
            }
            let mut parents: Vec<&&str> = holders
                .iter()
                .filter(|h| **h != ":slug" && **h != ":id")
                .collect();
            parents.dedup();
            // Nested parents (`:component_id/…/:meeting_id`) are allowed: the last one is the parent record.
            if parents.len() > 3 {
                return err(format!("`{p}` has more than three parent placeholders"));
            }
        }
        if let Some(p) = &self.parent {
            if !kinds.contains(&p.as_str()) {
                return err(format!("unknown parent kind `{p}`"));
            }
        }
        if self.field(&self.label_field).is_none() {
            return err(format!("label_field `{}` is not a field", self.label_field));
        }
        for f in &self.fields {
            if let Some(fl) = f.flavour.as_deref() {
                if fl.parse::<crate::flavour::Flavour>().is_err() {
                    return err(format!("field `{}`: unknown flavour `{fl}`", f.name));
                }
            }
            if let Some(o) = &f.options_from {
                if !kinds.contains(&o.kind.as_str()) {
                    return err(format!("field `{}`: unknown kind `{}`", f.name, o.kind));
                }
            }
            if matches!(f.ty, FieldType::Select | FieldType::Radio)
                && f.options.is_empty()
                && f.options_from.is_none()
            {
                return err(format!("select `{}` has no options", f.name));
            }
            if let Some(p) = &f.pattern {
                if super::patterns::pattern(p).is_none() {
                    return err(format!("field `{}`: unknown pattern `{p}`", f.name));
                }
            }
        }
        for c in &self.columns {
            if self.field(&c.field).is_none() && c.flag.is_none() {
                return err(format!("column field `{}` is not a field", c.field));
            }
        }
        for a in &self.row_actions {
            let known = matches!(a.action.as_str(), "edit" | "destroy" | "children")
                || self.member_action(&a.action).is_some()
                || a.path.is_some();
            if !known {
                return err(format!(
                    "row action `{}` is not edit/destroy/children nor a member action",
                    a.action
                ));
            }
        }
        for a in &self.member_actions {
            if !matches!(a.method.as_str(), "post" | "put" | "patch" | "delete") {
                return err(format!(
                    "member action `{}`: method must be post/put/patch/delete",
                    a.name
                ));
            }
        }
        Ok(())
    }
}
