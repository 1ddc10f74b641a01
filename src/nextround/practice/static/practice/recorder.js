// Answering out loud: records with the microphone and posts through the upload form.
(() => {
  const recorder = document.getElementById("recorder");
  if (!navigator.mediaDevices || !window.MediaRecorder) return;  // the upload form remains
  recorder.hidden = false;
  const start = document.getElementById("record-start");
  const stop = document.getElementById("record-stop");
  const status = document.getElementById("record-status");
  const upload = document.getElementById("upload-form");
  let media = null;
  let chunks = [];
  start.addEventListener("click", async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({audio: true});
      media = new MediaRecorder(stream);
    } catch (error) {
      status.textContent = "The microphone could not be opened: " + error.message;
      return;
    }
    chunks = [];
    media.addEventListener("dataavailable", (event) => { if (event.data.size) chunks.push(event.data); });
    media.addEventListener("stop", send);
    media.start(1000);
    start.disabled = true;
    stop.disabled = false;
    status.textContent = "Recording… speak your answer, then stop.";
    document.dispatchEvent(new Event("practice:started"));
  });
  stop.addEventListener("click", () => {
    stop.disabled = true;
    media.stop();
    media.stream.getTracks().forEach((track) => track.stop());
    document.dispatchEvent(new Event("practice:stopped"));
  });
  async function send() {
    status.textContent = "Uploading…";
    const type = media.mimeType || "audio/webm";
    const suffix = type.includes("ogg") ? "ogg" : type.includes("mp4") ? "m4a" : "webm";
    const body = new FormData(upload);
    body.set("audio", new Blob(chunks, {type}), "answer." + suffix);
    const response = await fetch(upload.action, {method: "POST", body});
    if (response.ok && response.redirected) { window.location.assign(response.url); return; }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const errors = page.querySelector("#upload-form .errorlist, .errorlist");
    status.textContent = errors ? errors.textContent : "The recording could not be sent.";
    start.disabled = false;
  }
})();
