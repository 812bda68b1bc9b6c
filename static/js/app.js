// Small behaviours for server-rendered pages; every page also works without JavaScript.

const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
const toArabic = (text) => text.replace(/[๐-๙]/g, (d) => String(THAI_DIGITS.indexOf(d)));
const pad = (n) => String(n).padStart(2, "0");

// The ISO date (CE) for what the officer typed as dd/mm/yyyy; a year above 2400 is BE.
function isoFromBox(text) {
  const match = toArabic(text || "").trim().match(/^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/);
  if (!match) return "";
  let [, day, month, year] = match.map(Number);
  if (year > 2400) year -= 543;
  return `${year}-${pad(month)}-${pad(day)}`;
}

// Date picker beside each Thai date box: the picker speaks ISO/CE, the box shows dd/mm/BE.
// Opening the picker starts from the date already in the box.
function syncPickerFromBox(picker) {
  const box = document.getElementById(picker.dataset.for);
  if (box) picker.value = isoFromBox(box.value);
}
document.addEventListener("focusin", (event) => {
  const picker = event.target.closest(".thai-date-picker");
  if (picker) syncPickerFromBox(picker);
});
document.addEventListener("pointerdown", (event) => {
  const picker = event.target.closest(".thai-date-picker");
  if (picker) syncPickerFromBox(picker);
});
document.addEventListener("change", (event) => {
  const picker = event.target.closest(".thai-date-picker");
  if (!picker || !picker.value) return;
  const [year, month, day] = picker.value.split("-");
  const box = document.getElementById(picker.dataset.for);
  if (box) {
    box.value = `${day}/${month}/${Number(year) + 543}`;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
});

// Village picker of the group form: a village already in the registry fills moo and name.
document.addEventListener("click", (event) => {
  const chip = event.target.closest("[data-village-moo]");
  if (!chip) return;
  const form = chip.closest("form");
  form.elements.moo.value = chip.dataset.villageMoo;
  form.elements.village_name.value = chip.dataset.villageName;
  form.querySelectorAll("[data-village-moo]").forEach((c) => c.setAttribute("aria-pressed", String(c === chip)));
});

// Confirmation for buttons that change many records at once: data-confirm="ข้อความ".
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const message = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
