//! Generic checks of the fact rows against a page: what every field of a kind must look like
//! (docs/research/decidim-0.29-forms.md §0 non-translated, §0.3 check_box, §1 translated, §2.1 editor).

use scraper::{ElementRef, Html, Selector};

use super::facts::{Control, Fact, Form, Kind};

/// The locales of the replica's organization, in its stored order.
pub const ORG_LOCALES: [&str; 2] = ["en", "fr"];

/// The text of `locale.name` in each locale, as FormBuilder prints the tabs (each in its own language):
/// decidim-core/config/locales/en.yml:1995 "English", fr.yml:1985 "Français".
fn locale_name(l: &str) -> &'static str {
    match l {
        "en" => "English",
        "fr" => "Français",
        _ => "?",
    }
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("bad selector {s}: {e:?}"))
}

/// CSS attribute selector with a quoted value (ids may contain characters CSS ids do not allow).
pub fn by_attr(tag: &str, attr: &str, value: &str) -> Selector {
    sel(&format!("{tag}[{attr}=\"{}\"]", value.replace('"', "\\\"")))
}

/// Direct text of an element (its text nodes, not its descendants'), whitespace collapsed.
pub fn own_text(e: ElementRef) -> String {
    let mut s = String::new();
    for c in e.children() {
        if let Some(t) = c.value().as_text() {
            s.push_str(t);
            s.push(' ');
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// All text of an element, whitespace collapsed.
pub fn all_text(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_inside(e: ElementRef, ancestor: ElementRef) -> bool {
    e.ancestors().any(|a| a.id() == ancestor.id())
}

fn parent(e: ElementRef) -> Option<ElementRef> {
    e.parent().and_then(ElementRef::wrap)
}

fn has_class(e: ElementRef, class: &str) -> bool {
    e.value().classes().any(|c| c == class)
}

/// Collected failures of one page, each prefixed with the row it belongs to.
pub struct Report {
    pub failures: Vec<String>,
}

impl Report {
    pub fn new() -> Report {
        Report {
            failures: Vec::new(),
        }
    }
}

/// Where a check runs: a parsed page in one locale, the form of a row.
pub struct Ctx<'a> {
    pub doc: &'a Html,
    pub form: ElementRef<'a>,
    pub locale: &'a str,
    /// The organization's default language.
    pub default_locale: &'a str,
    pub url: &'a str,
}

struct RowReport<'r, 'a> {
    report: &'r mut Report,
    prefix: String,
    _p: std::marker::PhantomData<&'a ()>,
}

impl RowReport<'_, '_> {
    fn fail(&mut self, msg: String) {
        self.report.failures.push(format!("{} {msg}", self.prefix));
    }

    fn check(&mut self, ok: bool, msg: impl FnOnce() -> String) {
        if !ok {
            self.fail(msg());
        }
    }
}

/// The `<form>` of a form row in a page, by id (when the row gives one) or by exact class. A form found by
/// class whose id differs is reported, and its fields are still checked.
pub fn find_form<'a>(
    doc: &'a Html,
    f: &Form,
    id: &str,
    report: &mut Report,
    url: &str,
) -> Option<ElementRef<'a>> {
    let prefix = if f.note.is_empty() {
        format!("[form {}] ({}) {url}:", f.key, f.src)
    } else {
        format!("[form {}] ({}; note: {}) {url}:", f.key, f.src, f.note)
    };
    let forms: Vec<ElementRef> = doc.select(&sel("form")).collect();
    let by_id: Vec<ElementRef> = forms
        .iter()
        .copied()
        .filter(|e| !id.is_empty() && e.value().attr("id") == Some(id))
        .collect();
    let by_class: Vec<ElementRef> = forms
        .iter()
        .copied()
        .filter(|e| e.value().attr("class") == Some(f.class))
        .collect();
    let described = || {
        forms
            .iter()
            .map(|e| {
                format!(
                    "form#{} class={:?}",
                    e.value().attr("id").unwrap_or("-"),
                    e.value().attr("class").unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let [one] = by_id.as_slice() {
        if one.value().attr("class") != Some(f.class) {
            report.failures.push(format!(
                "{prefix} form#{id} class is {:?}, expected {:?}",
                one.value().attr("class").unwrap_or(""),
                f.class
            ));
        }
        return Some(*one);
    }
    match by_class.as_slice() {
        [one] => {
            if !id.is_empty() {
                report.failures.push(format!(
                    "{prefix} form id is {:?}, expected {id:?}",
                    one.value().attr("id").unwrap_or("")
                ));
            }
            Some(*one)
        }
        [] => {
            report.failures.push(format!(
                "{prefix} no form with id {id:?} or class {:?} (the page has: {})",
                f.class,
                described()
            ));
            None
        }
        many => {
            report.failures.push(format!(
                "{prefix} {} forms have class {:?}, expected one",
                many.len(),
                f.class
            ));
            None
        }
    }
}

/// The submit button of a form row.
pub fn check_submit(cx: &Ctx, f: &Form, report: &mut Report) {
    let want = if cx.locale == "fr" {
        f.submit_fr
    } else {
        f.submit_en
    };
    if want.is_empty() {
        return;
    }
    let values: Vec<&str> = cx
        .form
        .select(&sel("input[type=submit][name=commit]"))
        .filter_map(|e| e.value().attr("value"))
        .collect();
    if !values.contains(&want) {
        report.failures.push(format!(
            "[form {}] ({}) {} {}: submit input[name=commit] value {want:?} not found (found {values:?})",
            f.key, f.src, cx.url, cx.locale
        ));
    }
}

/// The required mark of `label`: present iff `required`, with FormBuilder's exact markup
/// (decidim-core/lib/decidim/form_builder.rb:790-804; "Required field"/"Champ obligatoire",
/// decidim-core/config/locales/en.yml:1876 / fr.yml:1866).
fn check_mark(r: &mut RowReport, label: ElementRef, required: bool, locale: &str) {
    let marks: Vec<ElementRef> = label.select(&sel("span.label-required")).collect();
    if !required {
        r.check(marks.is_empty(), || {
            "label has a required mark, the real one has none".into()
        });
        return;
    }
    let Some(m) = marks.first() else {
        r.fail("label has no required mark (span.label-required)".into());
        return;
    };
    let text = if locale == "fr" {
        "Champ obligatoire"
    } else {
        "Required field"
    };
    let attrs: Vec<(&str, &str)> = {
        let mut v: Vec<(&str, &str)> = m.value().attrs().collect();
        v.sort_unstable();
        v
    };
    let want_attrs = {
        let mut v = vec![
            ("class", "label-required"),
            ("data-disable-hover", "false"),
            ("data-keep-on-hover", "true"),
            ("data-tooltip", "true"),
            ("title", text),
        ];
        v.sort_unstable();
        v
    };
    r.check(attrs == want_attrs, || {
        format!("required mark attributes are {attrs:?}, expected {want_attrs:?}")
    });
    let kids: Vec<(String, Option<String>, Option<String>, String)> = m
        .child_elements()
        .map(|k| {
            (
                k.value().name().to_string(),
                k.value().attr("aria-hidden").map(str::to_string),
                k.value().attr("class").map(str::to_string),
                all_text(k),
            )
        })
        .collect();
    let want_kids = vec![
        (
            "span".to_string(),
            Some("true".to_string()),
            None,
            "*".to_string(),
        ),
        (
            "span".to_string(),
            None,
            Some("sr-only".to_string()),
            text.to_string(),
        ),
    ];
    r.check(kids == want_kids && own_text(*m).is_empty(), || {
        format!("required mark content is {}, expected span[aria-hidden=true] \"*\" + span.sr-only {text:?}", m.inner_html())
    });
}

fn control_selector(c: Control) -> (&'static str, Option<&'static str>) {
    match c {
        Control::Input(t) => ("input", Some(t)),
        Control::Select => ("select", None),
        Control::Textarea => ("textarea", None),
    }
}

/// The control `#id` in the form, of the expected tag/type.
fn find_control<'a>(
    r: &mut RowReport,
    cx: &Ctx<'a>,
    id: &str,
    c: Control,
) -> Option<ElementRef<'a>> {
    let found: Vec<ElementRef> = cx.form.select(&by_attr("*", "id", id)).collect();
    let Some(e) = found.first().copied() else {
        r.fail(format!("no element #{id} in the form"));
        return None;
    };
    r.check(found.len() == 1, || {
        format!("{} elements #{id}", found.len())
    });
    let (tag, ty) = control_selector(c);
    r.check(e.value().name() == tag, || {
        format!("#{id} is a <{}>, expected <{tag}>", e.value().name())
    });
    if let Some(ty) = ty {
        r.check(e.value().attr("type") == Some(ty), || {
            format!(
                "#{id} has type {:?}, expected {ty:?}",
                e.value().attr("type")
            )
        });
    }
    Some(e)
}

fn check_name(r: &mut RowReport, e: ElementRef, name: &str) {
    r.check(e.value().attr("name") == Some(name), || {
        format!(
            "#{} has name {:?}, expected {name:?}",
            e.value().attr("id").unwrap_or("?"),
            e.value().attr("name")
        )
    });
}

fn check_aria(r: &mut RowReport, e: ElementRef, aria: &str, what: &str) {
    let got = e.value().attr("aria-label");
    let want = (!aria.is_empty()).then_some(aria);
    r.check(got == want, || {
        format!("{what} has aria-label {got:?}, expected {want:?}")
    });
}

/// The one label[for] of a row, its text and mark.
fn check_label<'a>(r: &mut RowReport, cx: &Ctx<'a>, fact: &Fact) -> Option<ElementRef<'a>> {
    let labels: Vec<ElementRef> = cx
        .form
        .select(&by_attr("label", "for", fact.label_for))
        .collect();
    let Some(label) = labels.first().copied() else {
        r.fail(format!("no label[for={:?}] in the form", fact.label_for));
        return None;
    };
    r.check(labels.len() == 1, || {
        format!(
            "{} labels [for={:?}], expected one",
            labels.len(),
            fact.label_for
        )
    });
    let lang = if fact.org_default {
        cx.default_locale
    } else {
        cx.locale
    };
    let want = if lang == "fr" { fact.fr } else { fact.en };
    let got = own_text(label);
    r.check(got == want, || {
        format!(
            "label[for={:?}] text is {got:?}, expected {want:?}",
            fact.label_for
        )
    });
    check_mark(r, label, fact.required, cx.locale);
    Some(label)
}

fn per_locale(pattern: &str, l: &str) -> String {
    pattern.replace("{l}", l)
}

/// `tabs_id` of a translated row: explicit, or FormBuilder's `<object_name>-<attr>-tabs` with `[`/`]` → `-`
/// (decidim-core/lib/decidim/form_builder.rb:67, :828-830), read off the per-locale name pattern.
fn tabs_id(fact: &Fact) -> (String, String) {
    let name = fact.name;
    let open = name.rfind('[').expect("translated name has a [");
    let object = &name[..open];
    let attr = name[open + 1..]
        .trim_end_matches(']')
        .trim_end_matches("_{l}")
        .to_string();
    let id = if fact.tabs.is_empty() {
        format!("{object}-{attr}-tabs").replace(['[', ']'], "-")
    } else {
        fact.tabs.to_string()
    };
    (id, attr)
}

/// The current locale first, then the organization's (decidim-core/lib/decidim/form_builder.rb:755-761).
fn locale_order(current: &str) -> Vec<&str> {
    let mut v = vec![current];
    v.extend(ORG_LOCALES.iter().copied().filter(|l| *l != current));
    v
}

fn check_translated(r: &mut RowReport, cx: &Ctx, fact: &Fact) {
    // No element anywhere in the page has the label's id: the label labels nothing.
    let holders = cx.doc.select(&by_attr("*", "id", fact.label_for)).count();
    r.check(holders == 0, || {
        format!(
            "an element has id {:?}: the real label[for] of a translated field points at no element",
            fact.label_for
        )
    });
    let Some(label) = check_label(r, cx, fact) else {
        return;
    };
    let Some(wrapper) = parent(label) else {
        return;
    };
    r.check(has_class(wrapper, "label--tabs"), || {
        "the label's parent is not div.label--tabs".into()
    });
    let (tabs, attr) = tabs_id(fact);
    let ul = wrapper.select(&by_attr("ul", "id", &tabs)).next();
    r.check(ul.is_some(), || {
        format!("no ul.tabs#{tabs} in div.label--tabs")
    });
    let order = locale_order(cx.locale);
    if let Some(ul) = ul {
        r.check(has_class(ul, "tabs") && has_class(ul, "tabs--lang"), || {
            format!("ul#{tabs} is not ul.tabs.tabs--lang")
        });
        let tabs_text: Vec<String> = ul.select(&sel("li > a")).map(all_text).collect();
        let want: Vec<String> = order.iter().map(|l| locale_name(l).to_string()).collect();
        r.check(tabs_text == want, || {
            format!("tab texts are {tabs_text:?}, expected {want:?} (current locale first)")
        });
    }
    let content = cx
        .doc
        .select(&by_attr("div", "data-tabs-content", &tabs))
        .next();
    let Some(content) = content else {
        r.fail(format!("no div.tabs-content[data-tabs-content={tabs:?}]"));
        return;
    };
    for (i, l) in order.iter().enumerate() {
        let panel_id = format!("{tabs}-{attr}-panel-{i}");
        let Some(panel) = content.select(&by_attr("div", "id", &panel_id)).next() else {
            r.fail(format!("no panel #{panel_id}"));
            continue;
        };
        r.check(has_class(panel, "tabs-panel"), || {
            format!("#{panel_id} is not div.tabs-panel")
        });
        let hidden = if i == 0 { "false" } else { "true" };
        r.check(panel.value().attr("aria-hidden") == Some(hidden), || {
            format!("#{panel_id} aria-hidden is not {hidden:?}")
        });
        let id = per_locale(fact.id, l);
        let name = per_locale(fact.name, l);
        match fact.kind {
            Kind::TranslatedEditor { toolbar } => {
                let Some(editor) = panel.select(&by_attr("div", "id", &id)).next() else {
                    r.fail(format!(
                        "panel {i} ({panel_id}) does not hold div.editor#{id} (panel {i} must be the {l} field)"
                    ));
                    continue;
                };
                check_editor(r, editor, &name, fact.aria, toolbar);
            }
            _ => {
                let tag = if fact.kind == Kind::TranslatedArea {
                    "textarea"
                } else {
                    "input"
                };
                let Some(input) = panel.select(&by_attr(tag, "id", &id)).next() else {
                    r.fail(format!(
                        "panel {i} ({panel_id}) does not hold {tag}#{id} (panel {i} must be the {l} field)"
                    ));
                    continue;
                };
                if tag == "input" {
                    r.check(input.value().attr("type") == Some("text"), || {
                        format!("#{id} is not input[type=text]")
                    });
                }
                check_name(r, input, &name);
                check_aria(r, input, fact.aria, &format!("#{id}"));
                let in_label = input
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| a.value().name() == "label");
                r.check(!in_label, || {
                    format!("#{id} is inside a label; the real per-locale field is bare")
                });
                r.check(
                    cx.doc
                        .select(&by_attr("label", "for", &id))
                        .next()
                        .is_none(),
                    || {
                        format!(
                            "a label[for={id:?}] exists; the real per-locale field has no label"
                        )
                    },
                );
            }
        }
    }
}

/// FormBuilder#editor (decidim-core/lib/decidim/form_builder.rb:188-226) inside a translated field.
fn check_editor(r: &mut RowReport, editor: ElementRef, name: &str, aria: &str, toolbar: &str) {
    let id = editor.value().attr("id").unwrap_or("?").to_string();
    r.check(has_class(editor, "editor"), || {
        format!("#{id} is not div.editor")
    });
    r.check(editor.select(&sel("label")).next().is_none(), || {
        format!("div.editor#{id} holds a label; a translated editor has none (label: false)")
    });
    let hidden: Vec<ElementRef> = editor
        .child_elements()
        .filter(|e| e.value().name() == "input" && e.value().attr("type") == Some("hidden"))
        .collect();
    match hidden.as_slice() {
        [input] => {
            check_name(r, *input, name);
            r.check(input.value().attr("id").is_none(), || {
                format!("the hidden input of #{id} has an id; the real one has none (id: nil)")
            });
            check_aria(r, *input, aria, &format!("the hidden input of #{id}"));
        }
        other => r.fail(format!(
            "div.editor#{id} has {} hidden inputs as children, expected one",
            other.len()
        )),
    }
    let container = editor
        .child_elements()
        .find(|e| has_class(*e, "editor-container"));
    let Some(container) = container else {
        r.fail(format!("div.editor#{id} has no div.editor-container child"));
        return;
    };
    r.check(
        container.value().attr("data-toolbar") == Some(toolbar),
        || {
            format!(
                "#{id} editor toolbar is {:?}, expected {toolbar:?}",
                container.value().attr("data-toolbar")
            )
        },
    );
    r.check(
        container
            .child_elements()
            .any(|e| has_class(e, "editor-input")),
        || format!("#{id} div.editor-container has no div.editor-input child"),
    );
}

fn check_wrapped(r: &mut RowReport, cx: &Ctx, fact: &Fact, c: Control) {
    let Some(label) = check_label(r, cx, fact) else {
        return;
    };
    let Some(control) = find_control(r, cx, fact.id, c) else {
        return;
    };
    r.check(is_inside(control, label), || {
        format!(
            "#{} is not inside its label (the real field is wrapped)",
            fact.id
        )
    });
    check_name(r, control, fact.name);
    check_aria(r, control, fact.aria, &format!("#{}", fact.id));
    if c == Control::Select {
        // foundation_rails_helper forces autocomplete="off" on builder selects (FRH:80, 88).
        r.check(control.value().attr("autocomplete") == Some("off"), || {
            format!("#{} has no autocomplete=\"off\" (FRH:80)", fact.id)
        });
    }
    // The label text comes before the control (decidim-core/lib/decidim/form_builder.rb:686-692).
    let first_text = label.children().find_map(|n| {
        n.value()
            .as_text()
            .filter(|t| !t.trim().is_empty())
            .map(|_| n.id())
    });
    let control_pos = label
        .children()
        .position(|n| n.id() == control.id() || n.descendants().any(|d| d.id() == control.id()));
    let text_pos = label.children().position(|n| Some(n.id()) == first_text);
    if let (Some(t), Some(c)) = (text_pos, control_pos) {
        r.check(t < c, || "the label text is after the control".into());
    }
}

fn check_checkbox(r: &mut RowReport, cx: &Ctx, fact: &Fact) {
    let Some(label) = check_label(r, cx, fact) else {
        return;
    };
    let Some(cb) = find_control(r, cx, fact.id, Control::Input("checkbox")) else {
        return;
    };
    r.check(parent(cb).map(|p| p.id()) == Some(label.id()), || {
        format!("#{} is not a child of its label", fact.id)
    });
    check_name(r, cb, fact.name);
    let kids: Vec<ElementRef> = label.child_elements().collect();
    let hidden_first = kids.first().is_some_and(|h| {
        h.value().name() == "input"
            && h.value().attr("type") == Some("hidden")
            && h.value().attr("value") == Some("0")
            && h.value().attr("name") == Some(fact.name)
    });
    r.check(hidden_first, || {
        format!(
            "label[for={}] does not start with input[type=hidden][value=0][name={}] (check_box, Rails)",
            fact.label_for, fact.name
        )
    });
}

fn check_separate(r: &mut RowReport, cx: &Ctx, fact: &Fact, c: Control, dangling: bool) {
    if dangling {
        let holders = cx.doc.select(&by_attr("*", "id", fact.label_for)).count();
        r.check(holders == 0, || {
            format!(
                "an element has id {:?}: the real label[for] points at no element",
                fact.label_for
            )
        });
    }
    let Some(label) = check_label(r, cx, fact) else {
        return;
    };
    let Some(control) = find_control(r, cx, fact.id, c) else {
        return;
    };
    r.check(!is_inside(control, label), || {
        format!(
            "#{} is inside the label; the real label is separate",
            fact.id
        )
    });
    check_name(r, control, fact.name);
    check_aria(r, control, fact.aria, &format!("#{}", fact.id));
}

fn check_item(r: &mut RowReport, cx: &Ctx, fact: &Fact, ty: &'static str, value: &str) {
    let Some(label) = check_label(r, cx, fact) else {
        return;
    };
    let Some(input) = find_control(r, cx, fact.id, Control::Input(ty)) else {
        return;
    };
    r.check(is_inside(input, label), || {
        format!("#{} is not inside its label", fact.id)
    });
    check_name(r, input, fact.name);
    r.check(input.value().attr("value") == Some(value), || {
        format!(
            "#{} has value {:?}, expected {value:?}",
            fact.id,
            input.value().attr("value")
        )
    });
}

/// Runs the checks of `fact` in `cx`, adding failures to `report`.
pub fn check_fact(cx: &Ctx, fact: &Fact, report: &mut Report) {
    let mut r = RowReport {
        report,
        prefix: format!(
            "[{} › {}] (src {}; label {}{}) {} {}:",
            fact.form,
            fact.field,
            fact.src,
            fact.label_src,
            if fact.note.is_empty() {
                String::new()
            } else {
                format!("; note: {}", fact.note)
            },
            cx.url,
            cx.locale
        ),
        _p: std::marker::PhantomData,
    };
    match fact.kind {
        Kind::Translated | Kind::TranslatedArea | Kind::TranslatedEditor { .. } => {
            check_translated(&mut r, cx, fact)
        }
        Kind::Wrapped(c) => check_wrapped(&mut r, cx, fact, c),
        Kind::Checkbox => check_checkbox(&mut r, cx, fact),
        Kind::Separate(c) => check_separate(&mut r, cx, fact, c, false),
        Kind::Dangling(c) => check_separate(&mut r, cx, fact, c, true),
        Kind::Radio { value } => check_item(&mut r, cx, fact, "radio", value),
        Kind::CheckItem { value } => check_item(&mut r, cx, fact, "checkbox", value),
    }
}
