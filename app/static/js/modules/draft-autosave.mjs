// An autosaving step form (layouts/step.html) posts what is typed as the user types. htmx
// names the element that carries hx-post (the form) in HX-Trigger-Name; this names the input
// that changed instead, so the server saves that field only and two tabs editing different
// fields of one page both keep what they typed (app/services/drafts.py `keep_partial`).
export function init(form) {
  form.addEventListener("htmx:configRequest", (event) => {
    const input = event.detail.triggeringEvent && event.detail.triggeringEvent.target;
    if (input && input.name) event.detail.headers["HX-Trigger-Name"] = input.name;
  });
}
