// After typing into one language of a translated field (Decidim renders `<key>_<locale>` fields
// in tabs, only the current tab visible), copy the text into the other languages that are still
// empty: the organization's default language is required whatever language the admin reads, so
// a lesson passes on an English replica and on a French-default demo alike.
const typed = arguments[0], value = arguments[1];
const holder = typed.closest(".editor[id]") || typed;
const m = (holder.id || "").match(/^(.*)_([a-z]{2}(?:__[A-Z]{2})?)$/);
if (!m) return 0;
const prefix = m[1], mine = m[2];
let filled = 0;
document.querySelectorAll("[id^='" + CSS.escape(prefix) + "_']").forEach((other) => {
  const rest = other.id.slice(prefix.length + 1);
  if (rest === mine || !/^[a-z]{2}(__[A-Z]{2})?$/.test(rest)) return;
  if (other.classList.contains("editor")) {
    const area = other.querySelector("[contenteditable=true]");
    const hidden = other.querySelector("input[type=hidden]");
    if (!area || (area.textContent || "").trim()) return;
    area.innerHTML = "<p></p>";
    area.firstChild.textContent = value;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    if (hidden && !hidden.value) hidden.value = area.innerHTML;
    filled++;
  } else if ((other.tagName === "INPUT" || other.tagName === "TEXTAREA") && !other.value) {
    other.value = value;
    other.dispatchEvent(new Event("input", { bubbles: true }));
    other.dispatchEvent(new Event("change", { bubbles: true }));
    filled++;
  }
});
return filled;
