// Registers the service worker that caches the static shell and the offline page.
export function init() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error) => {
    console.warn("service worker not registered", error);
  });
}
