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

  let warned = false;
  link.addEventListener("click", async (event) => {
    // Our own click below, or the person pressing again after the warning: follow the link.
    // Some engines (WebKit) refuse an https page's request to http://127.0.0.1, so a failed
    // check can mean "not running" or "not allowed to look": the warning says so, and a
    // second press goes to the agent, never to a dead end.
    if (confirmed || warned) return;
    event.preventDefault();
    if (await check()) {
      confirmed = true;
      link.click(); // keeps the link's referrerpolicy, which the agent checks
      confirmed = false;
    } else {
      warned = true;
      missing.focus();
    }
  });
  check();
}
