// The service worker: caches the static shell and the offline page, nothing else.
// Pages are never cached (they may carry personal data); when the network is down, a
// navigation gets the offline page instead.
const VERSION = "myna-shell-v1";
const SHELL = [
  "/offline",
  "/static/css/app.css",
  "/static/js/app.mjs",
  "/static/js/modules/service-worker.mjs",
  "/static/js/modules/error-summary.mjs",
  "/static/vendor/htmx-2.0.11.min.js",
  "/static/icons/icon-192.png",
  "/static/icons/icon-512.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== VERSION).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match("/offline")));
    return;
  }
  if (new URL(request.url).pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
