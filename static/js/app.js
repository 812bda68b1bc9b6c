// Date picker beside each Thai date box: the picker speaks ISO/CE, the box shows dd/mm/BE.
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
// Confirmation for buttons that change many records at once: data-confirm="ข้อความ".
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const message = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});
