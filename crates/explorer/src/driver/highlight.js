// Guided mode: outline the element a step is about and explain the step in a bubble beside it.
// The bubble goes where it hides neither the target, nor its label and help text, nor the next
// field the trainee will fill. Overlays are fixed-position nodes marked data-dx-overlay, removed
// before the action runs. Returns what was drawn (placement, boxes, the words read from the page)
// so a test can check what the trainee saw.
const [el, info] = arguments;
document.querySelectorAll("[data-dx-overlay]").forEach((n) => n.remove());
el.scrollIntoView({ block: "center", inline: "nearest" });

const vw = window.innerWidth, vh = window.innerHeight, gap = 16, margin = 8;
const words = (n) => (n ? (n.innerText || n.textContent || "").replace(/\s+/g, " ").trim() : "");
const visible = (n) => {
  if (!n) return false;
  const r = n.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(n).visibility !== "hidden";
};
const box = (n) => {
  const r = n.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
};
const pad = (r, p) => ({ left: r.left - p, top: r.top - p, right: r.right + p, bottom: r.bottom + p });
const overlap = (a, b) =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) *
  Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

// The label of a field, as Decidim marks it up: `for`, a wrapping label, the label of a translated
// field (its `for` lacks the locale suffix), or the label before an editor.
function labelOf(node) {
  if (node.labels && node.labels.length) return node.labels[0];
  const wrapping = node.closest("label");
  if (wrapping) return wrapping;
  const holder = node.closest(".editor") || node;
  const id = holder.id || "";
  for (const candidate of [id, id.replace(/_[a-z]{2}(?:_[A-Z]{2})?$/, "")]) {
    if (!candidate) continue;
    const l = document.querySelector('label[for="' + CSS.escape(candidate) + '"]');
    if (l && visible(l)) return l;
  }
  const tabs = node.closest(".tabs-content");
  const head = tabs && tabs.previousElementSibling;
  if (head) return head.querySelector("label") || head;
  return null;
}

const isField = (n) => n.matches("input:not([type=hidden]), select, textarea, [contenteditable=true]");
const targetBox = box(el);
const label = isField(el) ? labelOf(el) : null;
const avoided = [{ kind: "target", rect: pad(targetBox, 6), weight: 1000 }];
if (label && visible(label)) avoided.push({ kind: "label", rect: pad(box(label), 4), weight: 20 });

// Decidim's help texts next to the field: inside its label, or in the block that holds it.
let container = el.parentElement;
while (container && label && !container.contains(label)) container = container.parentElement;
const helps = [];
if (container) {
  container.querySelectorAll(".help-text").forEach((h) => visible(h) && helps.push(h));
  const after = container.nextElementSibling;
  if (after && after.matches(".help-text, .datepicker__help-text-container") && visible(after)) helps.push(after);
}
for (const h of helps) {
  const r = box(h);
  if (Math.abs(r.top - targetBox.top) < 200) avoided.push({ kind: "help", rect: pad(r, 4), weight: 20 });
}

// The next field in the form, and its label: the trainee reads them next.
const form = el.closest("form");
if (form && isField(el)) {
  const fields = [...form.querySelectorAll("input:not([type=hidden]), select, textarea, [contenteditable=true]")]
    .filter((f) => visible(f) && !(container && container.contains(f)) && (el.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING));
  const next = fields[0];
  if (next) {
    avoided.push({ kind: "next", rect: pad(box(next), 4), weight: 10 });
    const nextLabel = labelOf(next);
    if (nextLabel && visible(nextLabel)) avoided.push({ kind: "next", rect: pad(box(nextLabel), 4), weight: 10 });
  }
}

const outline = document.createElement("div");
outline.setAttribute("data-dx-overlay", "outline");
Object.assign(outline.style, {
  position: "fixed", left: targetBox.left - 4 + "px", top: targetBox.top - 4 + "px",
  width: targetBox.right - targetBox.left + 8 + "px", height: targetBox.bottom - targetBox.top + 8 + "px",
  border: "3px solid #e4002b", borderRadius: "6px", boxShadow: "0 0 0 4000px rgba(0,0,0,0.12)",
  zIndex: 2147483646, pointerEvents: "none", boxSizing: "border-box",
});

const bubble = document.createElement("div");
bubble.setAttribute("data-dx-overlay", "bubble");
bubble.setAttribute("role", "note");
Object.assign(bubble.style, {
  position: "fixed", left: "0px", top: "0px", visibility: "hidden", boxSizing: "border-box",
  width: Math.min(380, vw - 2 * margin) + "px", background: "#1a1a2e", color: "#fff",
  padding: "10px 14px", borderRadius: "8px", font: "14px/1.4 system-ui, sans-serif",
  boxShadow: "0 4px 16px rgba(0,0,0,.35)", zIndex: 2147483647, pointerEvents: "none",
});
const line = (text, style) => {
  const d = document.createElement("div");
  d.textContent = text;
  Object.assign(d.style, style);
  bubble.appendChild(d);
};
line(info.counter + " · " + info.lesson, { fontSize: "12px", opacity: "0.75", marginBottom: "4px" });
line(info.heading, { fontWeight: "600", marginBottom: "4px" });
if (info.narration) line(info.narration, {});
document.body.appendChild(outline);
document.body.appendChild(bubble);

// Try each side of the target (and of the block with its label and help), at two widths (a narrow
// bubble fits beside a full-width field, over the menu), and keep the place that hides the least of
// what the trainee must read; ties go to the first place listed.
const group = avoided.filter((a) => a.kind !== "next").map((a) => a.rect)
  .reduce((u, r) => ({ left: Math.min(u.left, r.left), top: Math.min(u.top, r.top), right: Math.max(u.right, r.right), bottom: Math.max(u.bottom, r.bottom) }));
const cy = (targetBox.top + targetBox.bottom) / 2, cx = (targetBox.left + targetBox.right) / 2;
let best = null;
for (const width of [Math.min(380, vw - 2 * margin), Math.min(230, vw - 2 * margin)]) {
  bubble.style.width = width + "px";
  const bw = bubble.offsetWidth, bh = bubble.offsetHeight;
  const candidates = [
    { side: "right", left: group.right + gap, top: cy - bh / 2 },
    { side: "below", left: targetBox.left, top: group.bottom + gap },
    { side: "left", left: group.left - gap - bw, top: cy - bh / 2 },
    { side: "above", left: targetBox.left, top: group.top - gap - bh },
    { side: "right", left: targetBox.right + gap, top: cy - bh / 2 },
    { side: "below", left: targetBox.left, top: targetBox.bottom + gap },
    { side: "above", left: targetBox.left, top: targetBox.top - gap - bh },
    { side: "left", left: group.left - gap - bw, top: group.top },
    { side: "right", left: group.right + gap, top: group.top },
  ];
  for (const c of candidates) {
    const left = Math.max(margin, Math.min(c.left, vw - margin - bw));
    const top = Math.max(margin, Math.min(c.top, vh - margin - bh));
    const rect = { left, top, right: left + bw, bottom: top + bh };
    const hidden = avoided.filter((a) => overlap(rect, a.rect) > 0);
    const cost = hidden.reduce((s, a) => s + a.weight * overlap(rect, a.rect), 0) +
      0.01 * (Math.abs(left - c.left) + Math.abs(top - c.top)) + (width < 300 ? 1 : 0);
    if (!best || cost < best.cost) best = { ...c, rect, width, cost, hidden: hidden.map((a) => a.kind) };
  }
}
bubble.style.width = best.width + "px";
Object.assign(bubble.style, { left: best.rect.left + "px", top: best.rect.top + "px", visibility: "visible" });

// The arrow: a small square turned 45°, on the bubble's side facing the target.
const arrow = document.createElement("div");
arrow.setAttribute("data-dx-overlay", "arrow");
const a = 12, clamp = (v, lo, hi) => Math.max(lo, Math.min(v, hi));
const r = best.rect;
let ax, ay;
if (best.side === "right") { ax = r.left - a / 2; ay = clamp(cy, r.top + 12, r.bottom - 12) - a / 2; }
else if (best.side === "left") { ax = r.right - a / 2; ay = clamp(cy, r.top + 12, r.bottom - 12) - a / 2; }
else if (best.side === "below") { ay = r.top - a / 2; ax = clamp(cx, r.left + 12, r.right - 12) - a / 2; }
else { ay = r.bottom - a / 2; ax = clamp(cx, r.left + 12, r.right - 12) - a / 2; }
Object.assign(arrow.style, {
  position: "fixed", left: ax + "px", top: ay + "px", width: a + "px", height: a + "px",
  background: "#1a1a2e", transform: "rotate(45deg)", zIndex: 2147483647, pointerEvents: "none",
});
document.body.appendChild(arrow);

const asList = (x) => [Math.round(x.left), Math.round(x.top), Math.round(x.right - x.left), Math.round(x.bottom - x.top)];
return {
  placement: best.side,
  bubble: asList(best.rect),
  target: asList(targetBox),
  hidden: best.hidden,
  avoided: avoided.map((x) => ({ kind: x.kind, rect: asList(x.rect) })),
  target_text: isField(el) ? "" : words(el).slice(0, 200),
  label_text: label ? words(label).slice(0, 200) : "",
  help_text: helps.map(words).join(" ").slice(0, 400),
  lang: document.documentElement.lang || "",
};
