// Binds behaviour to elements by data-module="name": each name is an ES module under
// ./modules/ exporting `init(element)`. No inline script anywhere (the CSP forbids it).
const loaded = new WeakSet();

async function bind(root) {
  const elements = root.querySelectorAll ? root.querySelectorAll("[data-module]") : [];
  const all = root.matches && root.matches("[data-module]") ? [root, ...elements] : [...elements];
  for (const element of all) {
    if (loaded.has(element)) continue;
    loaded.add(element);
    for (const name of element.dataset.module.split(/\s+/)) {
      try {
        const module = await import(`./modules/${name}.mjs`);
        module.init(element);
      } catch (error) {
        console.error(`module ${name} failed`, error);
      }
    }
  }
}

bind(document);
document.addEventListener("htmx:afterSwap", (event) => bind(event.detail.target));
// An outerHTML swap replaces the target itself: htmx:load names each new element.
document.addEventListener("htmx:load", (event) => bind(event.detail.elt));
