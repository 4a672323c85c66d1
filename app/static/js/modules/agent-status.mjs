// Asks the desktop card agent's loopback status URL whether it runs and for which site.
// The agent answers this site's origin only (CORS, and the Private Network Access preflight).
// Never throws: a missing agent is an answer ("missing"), not an error.
export async function agentStatus(url, site) {
  try {
    const response = await fetch(url, {
      mode: "cors",
      credentials: "omit",
      cache: "no-store",
      targetAddressSpace: "loopback", // Chrome's Local Network Access: say where it goes
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) return { state: "missing" };
    const body = await response.json();
    if (body.server !== site) return { state: "other-site", body };
    return { state: "running", body };
  } catch {
    return { state: "missing" };
  }
}
