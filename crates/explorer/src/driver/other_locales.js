// After typing into one language of a translated field, find the field's other languages that are
// still empty, with the tab a person clicks to reach each one. Decidim renders a translated field as
// `ul.tabs#<tabs id>` (one link per locale) + `div.tabs-content[data-tabs-content=<tabs id>]` holding
// one `div.tabs-panel` per locale, each with the `<key>_<locale>` input or `div.editor`.
// arguments[0] = the element typed into. Returns null, or { back: tab of the typed panel, others: [{ tab, field }] }.
const typed = arguments[0];
const holder = typed.closest(".editor[id]") || typed;
const m = (holder.id || "").match(/^(.*)_([a-z]{2}(?:__[A-Z]{2})?)$/);
const panel = holder.closest(".tabs-panel");
const content = panel && panel.closest(".tabs-content[data-tabs-content]");
if (!m || !content) return null;
const tabs = document.getElementById(content.getAttribute("data-tabs-content"));
const tabFor = (p) => tabs && tabs.querySelector("a[href='#" + CSS.escape(p.id) + "']");
const prefix = m[1];
const others = [];
for (const other of content.children) {
  if (other === panel || !other.classList.contains("tabs-panel")) continue;
  const el = Array.from(other.querySelectorAll("[id^='" + CSS.escape(prefix) + "_']"))
    .find((e) => /^_[a-z]{2}(__[A-Z]{2})?$/.test(e.id.slice(prefix.length)));
  if (!el) continue;
  const field = el.classList.contains("editor") ? el.querySelector("[contenteditable=true]") : el;
  if (!field) continue;
  const empty = field.isContentEditable ? !(field.textContent || "").trim() : !field.value;
  const tab = tabFor(other);
  if (empty && tab) others.push({ tab, field });
}
return others.length ? { back: tabFor(panel), others } : null;
