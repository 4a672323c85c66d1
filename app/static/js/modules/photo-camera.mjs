// The camera preview with the face-and-shoulders guide and a 3-second timer.
// Progressive: the section stays hidden where getUserMedia is missing, and the plain file
// input below it always works. The shot becomes the file input's file and the form is
// submitted, so there is only one upload path.
const COUNTDOWN_SECONDS = 3;

export function init(section) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  const video = section.querySelector("video");
  const start = section.querySelector("[data-camera-start]");
  const shoot = section.querySelector("[data-camera-shoot]");
  const countdown = section.querySelector("[data-camera-countdown]");
  const form = document.getElementById("photo-form");
  const input = form && form.querySelector('input[type="file"]');
  if (!video || !start || !shoot || !form || !input) return;
  section.hidden = false;

  start.addEventListener("click", async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1920 }, height: { ideal: 1920 } },
        audio: false,
      });
      video.srcObject = stream;
      await video.play();
      start.hidden = true;
      shoot.hidden = false;
      shoot.focus();
    } catch (error) {
      fallBackToFile(section, countdown, input, section.dataset.textDenied);
    }
  });

  shoot.addEventListener("click", () => {
    shoot.disabled = true;
    let left = COUNTDOWN_SECONDS;
    const tick = () => {
      if (left > 0) {
        countdown.textContent = section.dataset.textCountdown.replace("{n}", String(left));
        left -= 1;
        setTimeout(tick, 1000);
        return;
      }
      if (!video.videoWidth) {
        // The stream gave no picture (no camera, or it stopped): never claim a photo was taken.
        fallBackToFile(section, countdown, input, section.dataset.textNoPicture);
        return;
      }
      countdown.textContent = section.dataset.textTaken;
      capture(video, input, form).finally(() => { shoot.disabled = false; });
    };
    tick();
  });
}

// Without a picture from the camera the file input is the way on: say so and go there.
function fallBackToFile(section, countdown, input, message) {
  section.querySelector("[data-camera-shoot]").hidden = true;
  section.querySelector("[data-camera-start]").hidden = true;
  countdown.textContent = message;
  input.focus();
}

async function capture(video, input, form) {
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext("2d").drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
  if (!blob) return;
  const transfer = new DataTransfer();
  transfer.items.add(new File([blob], "camera.jpg", { type: "image/jpeg" }));
  input.files = transfer.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
  form.requestSubmit();
}
