// Checks size and type before uploading, shows upload progress in the native <progress>,
// and keeps the chosen file when an upload fails, so nothing has to be chosen again.
export function init(form) {
  const input = form.querySelector('input[type="file"]');
  const box = form.querySelector("[data-upload-progress]");
  const bar = box && box.querySelector("progress");
  const max = Number(form.dataset.maxBytes || 0);
  if (!input) return;

  const problem = () => {
    const file = input.files && input.files[0];
    if (!file) return form.dataset.textMissing;
    if (max && file.size > max) return form.dataset.textTooLarge;
    if (file.type && file.type !== "image/jpeg") return form.dataset.textNotJpeg;
    return null;
  };

  const refuse = (event) => {
    const message = problem();
    if (!message) {
      showError(form, input, null);
      return;
    }
    event.preventDefault();
    showError(form, input, message);
  };
  form.addEventListener("submit", refuse);
  form.addEventListener("htmx:confirm", refuse);

  form.addEventListener("htmx:beforeRequest", () => {
    if (box && bar) {
      bar.value = 0;
      box.hidden = false;
    }
  });
  form.addEventListener("htmx:xhr:progress", (event) => {
    if (bar && event.detail.lengthComputable) {
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });
  form.addEventListener("htmx:afterRequest", (event) => {
    if (box) box.hidden = true;
    if (event.detail.failed && !event.detail.xhr.status) showError(form, input, form.dataset.textFailed);
  });
  form.addEventListener("htmx:afterSwap", () => {
    const result = document.getElementById("photo-result");
    if (result) result.focus();
  });
}

function showError(form, input, message) {
  const group = input.closest(".form-group");
  let line = group.querySelector("[data-upload-error]");
  if (!message) {
    if (line) line.remove();
    group.classList.remove("form-group--error");
    input.removeAttribute("aria-invalid");
    return;
  }
  if (!line) {
    line = document.createElement("p");
    line.className = "error-message";
    line.id = `${input.id}-upload-error`;
    line.dataset.uploadError = "";
    line.setAttribute("role", "alert");
    input.before(line);
  }
  line.textContent = message;
  group.classList.add("form-group--error");
  input.setAttribute("aria-invalid", "true");
  input.setAttribute("aria-describedby", line.id);
}
