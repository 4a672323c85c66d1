// The shared steps of every passkey form: ask the server for options, let the
// authenticator answer, send the answer back, follow the redirect it returns.
import { creationOptions, credentialToJSON, requestOptions } from "./webauthn-json.mjs";

const csrfToken = () => document.querySelector('meta[name="csrf-token"]').content;

async function post(url, body, contentType) {
  const headers = { "X-CSRFToken": csrfToken(), Accept: "application/json" };
  if (contentType) headers["Content-Type"] = contentType;
  return fetch(url, { method: "POST", headers, body, credentials: "same-origin" });
}

export function bindCeremony(form, { kind, completeUrl, failureText }) {
  const errorBox = form.querySelector("[data-passkey-error]");
  const button = form.querySelector("button[type=submit]");
  const showError = (text) => {
    errorBox.textContent = text;
    errorBox.hidden = false;
    errorBox.setAttribute("role", "alert");
  };
  if (!window.PublicKeyCredential || !navigator.credentials) {
    // No WebAuthn here: say what to do instead, and never let the form post to an endpoint
    // that answers a script.
    showError(failureText.unsupported);
    button.disabled = true;
    form.addEventListener("submit", (event) => event.preventDefault());
    return;
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errorBox.hidden = true;
    button.disabled = true;
    try {
      const begin = await post(form.action, new FormData(form));
      if (begin.status === 422) {
        form.submit(); // let the server render its error summary
        return;
      }
      if (!begin.ok) throw new Error(`begin ${begin.status}`);
      const options = await begin.json();
      const credential =
        kind === "create"
          ? await navigator.credentials.create({ publicKey: creationOptions(options) })
          : await navigator.credentials.get({ publicKey: requestOptions(options) });
      const complete = await post(completeUrl, JSON.stringify(credentialToJSON(credential)), "application/json");
      const result = await complete.json();
      if (!complete.ok) throw new Error(result.error || failureText.generic);
      window.location.assign(result.redirect);
    } catch (error) {
      showError(error.name === "NotAllowedError" ? failureText.cancelled : failureText.generic);
      button.disabled = false;
    }
  });
}

// The messages come translated from the page (data-text-* attributes on the form).
export function texts(form) {
  return {
    unsupported: form.dataset.textUnsupported,
    cancelled: form.dataset.textCancelled,
    generic: form.dataset.textGeneric,
  };
}
