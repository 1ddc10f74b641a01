// A case answered out loud: while the practice recorder records, a phase button must not leave
// the page (the recording would be lost), so its form is sent in the background and the phases
// card is replaced by the one the server answers with. Without recording, the buttons post.
(() => {
  let recording = false;
  document.addEventListener("practice:started", () => { recording = true; });
  document.addEventListener("practice:stopped", () => { recording = false; });
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    const timer = document.getElementById("timer");
    if (!recording || !timer || !timer.contains(form)) return;
    event.preventDefault();
    const response = await fetch(form.action, {method: "POST", body: new FormData(form)});
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("timer");
    if (response.ok && fresh) timer.replaceWith(fresh);
  });
})();
