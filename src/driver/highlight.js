// Guided mode: outline the element a step is about and show the narration beside it.
// Drawn in fixed-position overlays marked data-dx-overlay, removed before the action runs.
const el = arguments[0], caption = arguments[1];
document.querySelectorAll("[data-dx-overlay]").forEach((n) => n.remove());
el.scrollIntoView({ block: "center", inline: "nearest" });
const r = el.getBoundingClientRect();
const box = document.createElement("div");
box.setAttribute("data-dx-overlay", "outline");
Object.assign(box.style, {
  position: "fixed", left: (r.left - 4) + "px", top: (r.top - 4) + "px",
  width: (r.width + 8) + "px", height: (r.height + 8) + "px",
  border: "3px solid #e4002b", borderRadius: "6px", boxShadow: "0 0 0 4000px rgba(0,0,0,0.12)",
  zIndex: 2147483646, pointerEvents: "none",
});
const bubble = document.createElement("div");
bubble.setAttribute("data-dx-overlay", "caption");
bubble.textContent = caption;
const below = r.bottom + 120 < window.innerHeight;
Object.assign(bubble.style, {
  position: "fixed", left: Math.max(8, Math.min(r.left, window.innerWidth - 420)) + "px",
  top: below ? (r.bottom + 12) + "px" : Math.max(8, r.top - 12 - 96) + "px",
  maxWidth: "400px", background: "#1a1a2e", color: "#fff", padding: "10px 14px", borderRadius: "8px",
  font: "15px/1.4 system-ui, sans-serif", boxShadow: "0 4px 16px rgba(0,0,0,.3)",
  zIndex: 2147483647, pointerEvents: "none",
});
document.body.appendChild(box);
document.body.appendChild(bubble);
return true;
