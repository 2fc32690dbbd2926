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

function controlFor(label) {
  let c = null;
  if (label.htmlFor) c = document.getElementById(label.htmlFor);
  if (!c) c = label.querySelector("input, select, textarea, [contenteditable=true]");
  return c;
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
  } else if (spec.by === "label") {
    for (const label of root.querySelectorAll("label")) {
      const score = rank(labelText(label));
      if (score >= 2) {
        const c = controlFor(label);
        if (c) out.push({ el: c, score, label });
      }
    }
    for (const el of root.querySelectorAll("input[aria-label], select[aria-label], textarea[aria-label], [contenteditable][aria-label]")) {
      const score = rank(el.getAttribute("aria-label"));
      if (score >= 3) out.push({ el, score });
    }
  }
  const best = Math.max(0, ...out.map((c) => c.score));
  return out.filter((c) => c.score === best);
}

// What to act on for a given control: an editor's contenteditable, a styled checkbox's label.
function actionable(c) {
  let el = c.el;
  if (spec.purpose === "fill" && !/^(INPUT|TEXTAREA)$/.test(el.tagName) && !el.isContentEditable) {
    const inner = el.querySelector("[contenteditable=true], textarea, input:not([type=hidden])");
    if (inner) el = inner;
    else if (el.tagName === "INPUT" && el.type === "hidden" && el.parentElement) {
      const editor = el.parentElement.querySelector("[contenteditable=true]");
      if (editor) el = editor;
    }
  }
  if (spec.purpose === "check" && !visible(el) && c.label && visible(c.label)) return c.label;
  return el;
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
  const x = r.x + r.width / 2, y = r.y + r.height / 2;
  const hit = document.elementFromPoint(x, y);
  if (hit && hit !== el && !el.contains(hit) && !(hit.tagName === "LABEL" && controlFor(hit) === el)) {
    return Object.assign(base, { state: "covered", detail: describe(el) + " is covered by " + describe(hit) });
  }
}
return Object.assign(base, { state: "ready" });
