import { bindCeremony, texts } from "./passkey-ceremony.mjs";

export function init(form) {
  bindCeremony(form, { kind: "create", completeUrl: form.dataset.completeUrl, failureText: texts(form) });
}
