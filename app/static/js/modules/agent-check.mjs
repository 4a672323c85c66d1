// The reader-setup page's status box: is the card agent running, which version, and does it
// see a reader and a card. Texts come from data-text-* attributes (translated by the server).
import { agentStatus } from "./agent-status.mjs";

export function init(box) {
  const line = box.querySelector("[data-testid=agent-state]");
  const again = box.querySelector("[data-action=check]");
  const text = (key) =>
    box.dataset[`text${key.replace(/_/g, "-").replace(/(^|-)(\w)/g, (_m, _d, c) => c.toUpperCase())}`] || "";

  async function check() {
    again.disabled = true;
    const { state, body } = await agentStatus(box.dataset.statusUrl, box.dataset.site);
    box.dataset.state = state;
    if (state === "running") {
      const reader = text(String(body.reader || ""));
      line.textContent = `${text("running").replace("{version}", body.version)} ${reader}`.trim();
    } else if (state === "other-site") {
      line.textContent = text("other-site").replace("{server}", body.server);
    } else {
      line.textContent = text("missing");
    }
    again.hidden = false;
    again.disabled = false;
  }

  again.addEventListener("click", check);
  check();
}
