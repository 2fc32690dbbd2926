// Inventory: read everything worth knowing about an admin page in one round trip.
// Returns { status, title, heading, menu, tabs, forms, row_actions, component_types, links }.
const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
const text = (el) => norm(el && (el.innerText || el.textContent));

// The text of a label without required marks, help texts and the fields it wraps.
function labelText(l) {
  const c = l.cloneNode(true);
  c.querySelectorAll("input, select, textarea, .label-required, .sr-only, .form-error, .help-text").forEach((n) => n.remove());
  return norm(c.textContent).replace(/\s*\*$/, "");
}

// The label a person reads for a field, on Decidim's markup: label[for], the label wrapping it, the label of a
// translated field (div.label--tabs before the tab panels holding the per-locale fields), an editor's own label.
function labelFor(el) {
  if (el.id) {
    const l = document.querySelector("label[for='" + CSS.escape(el.id) + "']");
    if (l) return labelText(l);
  }
  const wrap = el.closest("label");
  if (wrap) return labelText(wrap);
  const content = el.closest(".tabs-content");
  const tabs = content && content.previousElementSibling;
  const translated = tabs && tabs.classList.contains("label--tabs") && tabs.querySelector("label");
  if (translated) return labelText(translated);
  const own = el.classList && el.classList.contains("editor") && el.querySelector(":scope > label");
  if (own) return labelText(own);
  return el.getAttribute("aria-label") || el.getAttribute("placeholder") || "";
}

const h1 = document.querySelector("h1.item_show__header-title, .item_show__header h1, main h1, h1")
  || document.querySelector(".item_show__header-title, .layout-content .card-divider h2.card-title");
const menu = [];
document.querySelectorAll(".layout-nav li.is-active > a, .main-nav li.is-active a").forEach((a) => { if (text(a)) menu.push(text(a)); });
document.querySelectorAll(".sidebar-menu li.is-active > a, .sidebar-menu__item.is-active > a, .secondary-nav li.is-active > a").forEach((a) => {
  if (visible(a) && text(a) && !menu.includes(text(a))) menu.push(text(a));
});
const tabs = [];
document.querySelectorAll("ul.tab-x-container a, .tabs-title a, [role=tablist] [role=tab]").forEach((a) => {
  if (visible(a) && text(a) && !tabs.includes(text(a)) && !a.closest(".tabs--lang, .label--tabs")) tabs.push(text(a));
});
const forms = [];
document.querySelectorAll("form").forEach((f) => {
  if (f.closest("#confirm-modal, .layout-nav, #admin-dropdown-menu-login, #admin-dropdown-menu-language")) return;
  const method = (f.querySelector("input[name=_method]") || {}).value || f.getAttribute("method") || "get";
  const fields = [];
  const seen = new Set();
  f.querySelectorAll("input, select, textarea, .editor[id]").forEach((el) => {
    const type = el.classList && el.classList.contains("editor") ? "editor" : (el.tagName === "INPUT" ? (el.type || "text") : el.tagName.toLowerCase());
    if (["hidden", "submit", "button", "reset"].includes(type) && type !== "editor") return;
    // The datepicker's text boxes stand in for the (named) date input they fill.
    if (!el.getAttribute("name") && el.closest(".datepicker__datepicker-row")) return;
    const name = el.getAttribute("name") || el.id || "";
    // Translated fields: keep one entry per field (the *_en / *_fr variants are one field).
    const key = name.replace(/_(en|fr|ca|es|de|it)(\]?)$/, "$2");
    if (!name || seen.has(key)) return;
    seen.add(key);
    fields.push({ label: labelFor(el), name: key, type });
  });
  const submit = f.querySelector("[type=submit]");
  if (fields.length || submit) {
    forms.push({ id: f.id || "", action: f.getAttribute("action") || "", method: method.toLowerCase(), fields,
                 submit: submit ? norm(submit.value || submit.innerText) : "" });
  }
});
const row_actions = [];
document.querySelectorAll("table a[title], table button[title], table a.action-icon, .table-list [data-tooltip]").forEach((a) => {
  const t = norm(a.getAttribute("title") || a.getAttribute("aria-label") || a.innerText);
  if (t && !row_actions.includes(t)) row_actions.push(t);
});
const component_types = [];
// Decidim reuses `ul.add-components` for export menus and content blocks: only the "Add component" pane.
document.querySelectorAll("#add-component-dropdown a").forEach((a) => {
  const t = text(a) || norm(a.textContent);
  if (t && !component_types.includes(t)) component_types.push(t);
});
// Which component type a link is about: every component's admin lives under the same
// `/components/:id/…` pattern, so the crawler needs the type to visit one of each. The
// components table gives it (`tr.component-<id>`, third cell), "Add component" its `?type=`.
function componentKind(a) {
  const type = new URL(a.href).searchParams.get("type");
  if (type && /\/components\/new$/.test(new URL(a.href).pathname)) return type;
  const row = a.closest("tr[class*='component-']");
  const cell = row && row.querySelector("td:nth-child(3)");
  if (!cell) return "";
  // The cell says the type in the page's language; the "Add component" menu on the same page
  // pairs each such name with its manifest (`a.meetings` → "Rencontres").
  const name = norm(cell.textContent);
  const entry = [...document.querySelectorAll("#add-component-dropdown a")].find((m) => norm(m.textContent) === name);
  const manifest = entry && new URL(entry.href).searchParams.get("type");
  return manifest || name;
}
const links = [];
document.querySelectorAll("a[href]").forEach((a) => {
  const href = a.href;
  if (!href || href.startsWith("javascript:") || href.startsWith("mailto:")) return;
  links.push({ href, text: norm(a.innerText || a.getAttribute("title") || a.getAttribute("aria-label") || ""),
               method: (a.getAttribute("data-method") || "get").toLowerCase(),
               confirm: a.hasAttribute("data-confirm"), target: a.getAttribute("target") || "",
               kind: componentKind(a) });
});
// The HTTP status of this page (Chromium's Navigation Timing): an error page is not an admin page.
const nav = performance.getEntriesByType("navigation")[0];
const status = (nav && nav.responseStatus) || 0;
// Decidim puts the page's action buttons inside its h1 ("Statuses <a>New status</a>"): the heading is the rest.
function headingText(h) {
  if (!h) return "";
  const c = h.cloneNode(true);
  c.querySelectorAll("a, button, .button, form").forEach((n) => n.remove());
  return norm(c.textContent) || text(h);
}

return { status, title: document.title, heading: headingText(h1), menu, tabs, forms, row_actions, component_types, links };
