// The group list filters through htmx and pushes the filters into the address bar; an export
// link marked data-keep-query takes the current filters when clicked (without JavaScript the
// server-rendered link already carries them).
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-keep-query]");
  if (!link) return;
  const params = new URLSearchParams(window.location.search);
  params.delete("page");
  const url = new URL(link.href, window.location.href);
  url.search = params.toString();
  link.href = url.toString();
});
