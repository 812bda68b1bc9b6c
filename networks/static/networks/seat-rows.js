// The seat table's "add rows" button: clone the empty row in place so what was typed stays.
// Without JavaScript the same button posts the table and the page comes back with blank rows.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-add-rows]");
  if (!button) return;
  const form = button.form;
  const prefix = button.dataset.prefix;
  const template = document.getElementById(button.dataset.template);
  const body = document.getElementById(button.dataset.target);
  const total = form.querySelector(`[name="${prefix}-TOTAL_FORMS"]`);
  const max = Number(form.querySelector(`[name="${prefix}-MAX_NUM_FORMS"]`).value);
  if (!template || !body || !total) return;
  event.preventDefault();
  let count = Number(total.value);
  const add = Math.min(Number(button.dataset.addRows), max - count);
  const first = count;
  for (let i = 0; i < add; i += 1) {
    const html = template.innerHTML.replaceAll("__prefix__", String(count)).replaceAll("__number__", String(count + 1));
    body.insertAdjacentHTML("beforeend", html);
    count += 1;
  }
  total.value = String(count);
  if (count >= max) button.disabled = true;
  const focus = document.getElementById(`id_${prefix}-${first}-first_name`);
  if (focus) focus.focus();
});
