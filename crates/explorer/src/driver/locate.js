// Finds the element a scenario step targets and reports whether it can be acted on.
// Runs inside the page through WebDriver `execute`: one round trip per poll.
// arguments[0] = { by, values, within, purpose, previous }
//   by: "css" | "text" | "label" | "title"; values: the en/fr variants;
//   purpose: "click" | "fill" | "select" | "check" | "visible";
//   previous: the rect seen at the previous poll (stability check) or null;
//   relaxed: only require visibility (to point at the element the action will use).
// Returns { state, element, rect, count, detail }.
const spec = arguments[0];
const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
const lower = (s) => norm(s).toLowerCase();

function visible(el) {
  if (!el || !el.isConnected) return false;
  const style = getComputedStyle(el);
  if (style.visibility === "hidden" || style.display === "none") return false;
  if (el.closest("[hidden]") || el.closest("[aria-hidden='true']:not(body)")) {
    // Decidim hides closed dropdowns and dialogs with these attributes.
    if (!el.closest("dialog[open]")) return false;
  }
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) return false;
  }
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

function scopeRoot() {
  if (!spec.within) return document;
  const all = Array.from(document.querySelectorAll(spec.within));
  return all.find(visible) || all[0] || null;
}

// The text a person reads on a control.
function ownText(el) {
  if (el.tagName === "INPUT") return el.value || el.getAttribute("aria-label") || "";
  const t = norm(el.innerText || el.textContent);
  return t || el.getAttribute("aria-label") || el.getAttribute("title") || "";
}

// A label's text without required markers, screen-reader hints and nested controls.
function labelText(label) {
  const copy = label.cloneNode(true);
  copy.querySelectorAll(".label-required, .sr-only, .show-for-sr, input, select, textarea, [aria-hidden='true'], .form-error, .help-text")
    .forEach((n) => n.remove());
  return norm(copy.textContent).replace(/\s*\*$/, "");
}

// Rank candidates: exact text first, then case-insensitive exact, then prefix, then contains.
function rank(text) {
  let best = 0;
  for (const v of spec.values) {
    const a = norm(text), b = norm(v);
    if (!b) continue;
    if (a === b) best = Math.max(best, 4);
    else if (lower(a) === lower(b)) best = Math.max(best, 3);
    else if (lower(a).startsWith(lower(b))) best = Math.max(best, 2);
    else if (lower(a).includes(lower(b))) best = Math.max(best, 1);
  }
  return best;
}

const CLICKABLE = "a, button, input[type=submit], input[type=button], input[type=reset], [role=button], [role=menuitem], [role=tab], [role=link], [role=option], summary, label, select option";
const FIELD = "input:not([type=hidden]), select, textarea, [contenteditable=true]";
// A locale suffix as Decidim's FormBuilder#name_with_locale writes it (`_en`, `_pt__BR`).
const LOCALE_SUFFIX = /^_[a-z]{2}(__[A-Z]{2})?$/;

// The editable area of a `div.editor` (the ProseMirror element TipTap builds), or the element itself.
function editable(el) {
  if (el && el.classList && el.classList.contains("editor")) {
    return el.querySelector("[contenteditable=true]") || el;
  }
  return el;
}

// The controls a label names, the way a person finds them on Decidim's markup:
// - `for` naming an element: that field (or the editor it names);
// - `for` naming nothing: a translated field, whose per-locale fields are `<for>_<locale>` in
//   tab panels (only the current locale's panel is visible; `actionable` keeps the visible one);
// - a field inside the label (FormBuilder wraps inputs, selects and checkboxes in their label);
// - a label inside `div.editor` (an editor that is not translated).
function controlsFor(label) {
  const out = [];
  const id = label.getAttribute("for");
  if (id) {
    const direct = document.getElementById(id);
    if (direct && direct !== label) out.push(editable(direct));
    else {
      for (const el of document.querySelectorAll("[id^='" + CSS.escape(id) + "_']")) {
        if (LOCALE_SUFFIX.test(el.id.slice(id.length)) && (el.matches(FIELD) || el.classList.contains("editor"))) {
          out.push(editable(el));
        }
      }
    }
  }
  if (out.length === 0) {
    const inner = label.querySelector(FIELD);
    if (inner) out.push(inner);
  }
  if (out.length === 0) {
    const editor = label.closest(".editor");
    if (editor) out.push(editable(editor));
  }
  return out;
}

function controlFor(label) {
  return controlsFor(label)[0] || null;
}

function candidates(root) {
  if (spec.by === "css") {
    return Array.from(root.querySelectorAll(spec.values[0])).map((el) => ({ el, score: 4 }));
  }
  let out = [];
  if (spec.by === "text") {
    const pool = spec.purpose === "visible" ? root.querySelectorAll("body *") : root.querySelectorAll(CLICKABLE);
    for (const el of pool) {
      const score = rank(ownText(el));
      if (score > 0) out.push({ el, score });
    }
    if (spec.purpose === "visible") {
      // Keep the innermost elements: a <div> around a matching <p> is not the target.
      out = out.filter((c) => !out.some((o) => o !== c && c.el.contains(o.el) && o.score >= c.score));
    }
  } else if (spec.by === "title") {
    for (const el of root.querySelectorAll("[title], [aria-label], [data-tooltip]")) {
      const t = el.getAttribute("title") || el.getAttribute("aria-label") || el.getAttribute("data-tooltip");
      const score = rank(t);
      if (score >= 3) out.push({ el, score });
    }
  } else if (spec.by === "placeholder") {
    for (const el of root.querySelectorAll("input[placeholder], textarea[placeholder]")) {
      const score = rank(el.getAttribute("placeholder"));
      if (score >= 2) out.push({ el, score });
    }
  } else if (spec.by === "label") {
    for (const label of root.querySelectorAll("label")) {
      const score = rank(labelText(label));
      if (score >= 2) {
        for (const c of controlsFor(label)) out.push({ el: c, score, label });
      }
    }
    // An accessible name given by aria-label counts only when it is the very text (Decidim puts
    // attribute keys such as "title" there, which no person reads as the field's label).
    for (const el of root.querySelectorAll("input[aria-label], select[aria-label], textarea[aria-label], [contenteditable][aria-label]")) {
      if (spec.values.some((v) => norm(v) === norm(el.getAttribute("aria-label")))) out.push({ el, score: 4 });
    }
  }
  const best = Math.max(0, ...out.map((c) => c.score));
  return out.filter((c) => c.score === best);
}

// What to act on for a given control: an editor's editable area, a styled checkbox's label, the
// text field Decidim's datepicker shows in place of a hidden date input (`<id>_date`).
function actionable(c) {
  let el = c.el;
  if (el.tagName === "INPUT" && (el.type === "date" || el.type === "datetime-local") && el.id && !visible(el)) {
    const shown = document.getElementById(el.id + "_date");
    if (shown) el = shown;
  }
  if (spec.purpose === "fill" && !/^(INPUT|TEXTAREA)$/.test(el.tagName) && !el.isContentEditable) {
    const inner = el.querySelector("[contenteditable=true], textarea, input:not([type=hidden])");
    if (inner) el = inner;
  }
  if (spec.purpose === "check" && !visible(el) && c.label && visible(c.label)) return c.label;
  return el;
}

// The first line box of an element: where a click lands (a link wrapping onto two lines has
// nothing of its own at the centre of its bounding box).
function firstBox(el) {
  for (const r of el.getClientRects()) {
    if (r.width > 0 && r.height > 0) return r;
  }
  return el.getBoundingClientRect();
}

function describe(el) {
  let d = el.tagName.toLowerCase();
  if (el.id) d += "#" + el.id;
  if (el.classList && el.classList.length) d += "." + Array.from(el.classList).slice(0, 3).join(".");
  return d;
}

const root = scopeRoot();
if (!root) return { state: "missing", count: 0, detail: "container " + spec.within + " not found" };
let found;
try {
  found = candidates(root);
} catch (e) {
  return { state: "invalid", count: 0, detail: String(e && e.message || e) };
}
if (found.length === 0) return { state: "missing", count: 0, detail: "no match" };
const shown = found.map((c) => ({ c, el: actionable(c) })).filter((x) => visible(x.el));
if (shown.length === 0) {
  return { state: "hidden", count: found.length, detail: found.length + " match(es), none visible (first: " + describe(found[0].el) + ")" };
}
const el = shown[0].el;
if (spec.purpose !== "visible") {
  el.scrollIntoView({ block: "center", inline: "nearest" });
}
const r = el.getBoundingClientRect();
const rect = [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)];
const base = { element: el, rect, count: found.length, tag: el.tagName.toLowerCase(), described: describe(el) };
if (spec.purpose === "visible" || spec.relaxed) return Object.assign(base, { state: "ready" });
if (el.disabled || el.getAttribute("aria-disabled") === "true" || (el.readOnly && spec.purpose === "fill")) {
  return Object.assign(base, { state: "disabled", detail: describe(el) + " is disabled" });
}
const prev = spec.previous;
if (!prev || prev.some((v, i) => Math.abs(v - rect[i]) > 1)) {
  return Object.assign(base, { state: "moving", detail: describe(el) + " is still moving" });
}
if (spec.purpose === "click" || spec.purpose === "check") {
  const box = firstBox(el);
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  if (hit && hit !== el && !el.contains(hit) && !(hit.tagName === "LABEL" && controlFor(hit) === el)) {
    return Object.assign(base, { state: "covered", detail: describe(el) + " is covered by " + describe(hit) });
  }
}
return Object.assign(base, { state: "ready" });
