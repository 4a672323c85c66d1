// Reads the application form's QR code in the browser with BarcodeDetector where it exists
// and fills in the ID field; elsewhere the form posts the photo to the server, which reads it.
export function init(form) {
  const input = form.querySelector('input[type="file"]');
  const status = form.querySelector("[data-qr-status]");
  const target = document.getElementById("application_id");
  if (!input || !target || !("BarcodeDetector" in window)) return;

  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      if (!formats.includes("qr_code")) return form.requestSubmit();
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      const codes = await detector.detect(await createImageBitmap(file));
      const id = codes.map((c) => applicationId(c.rawValue)).find(Boolean);
      if (!id) {
        status.textContent = form.dataset.textNotFound;
        return;
      }
      target.value = id;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      target.focus();
      status.textContent = form.dataset.textFound;
    } catch (error) {
      form.requestSubmit(); // the server reads it instead
    }
  });
}

function applicationId(text) {
  const runs = (text || "").normalize("NFKC").match(/\d+/g) || [];
  return runs.find((run) => run.length === 23) || null;
}
