// An autosaving step form (layouts/step.html) posts what is typed as the user types, half a
// second after typing stops. htmx names the element that carries hx-post (the form) in
// HX-Trigger-Name; this names the inputs edited since the last save instead (comma-separated),
// so the server saves those fields only and two tabs editing different fields of one page both
// keep what they typed (app/services/drafts.py `keep_partial`).
export function init(form) {
  const edited = new Set();
  form.addEventListener("input", (event) => {
    if (event.target && event.target.name) edited.add(event.target.name);
  });
  form.addEventListener("htmx:configRequest", (event) => {
    if (edited.size === 0) return;
    event.detail.headers["HX-Trigger-Name"] = [...edited].join(",");
    edited.clear();
  });
}
