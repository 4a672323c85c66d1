import { bindCeremony, texts } from "./passkey-ceremony.mjs";

export function init(form) {
  bindCeremony(form, { kind: "get", completeUrl: form.dataset.completeUrl, failureText: texts(form) });
}
