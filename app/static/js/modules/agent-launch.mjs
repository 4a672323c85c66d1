// The "Open the card agent" link: ask the agent first, then follow the link, so a missing agent
// shows our own message and a way to set it up instead of the browser's "can't be reached".
// Without JavaScript the link works as a plain link.
import { agentStatus } from "./agent-status.mjs";

export function init(container) {
  const link = container.querySelector("a[data-testid=agent-launch]");
  const missing = container.querySelector("[data-testid=agent-missing]");
  let confirmed = false;

  async function check() {
    const { state } = await agentStatus(container.dataset.statusUrl, container.dataset.site);
    missing.hidden = state === "running";
    return state === "running";
  }

  link.addEventListener("click", async (event) => {
    if (confirmed) return; // our own click below: let the browser follow the link
    event.preventDefault();
    if (await check()) {
      confirmed = true;
      link.click(); // keeps the link's referrerpolicy, which the agent checks
      confirmed = false;
    } else {
      missing.focus();
    }
  });
  check();
}
