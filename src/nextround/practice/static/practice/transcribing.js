// While a recording is transcribed: polls its status, then opens the feedback.
(() => {
  const box = document.getElementById("transcribing");
  const bar = document.getElementById("transcribe-progress");
  const label = document.getElementById("transcribe-status");
  const poll = async () => {
    const response = await fetch(box.dataset.statusUrl, {headers: {Accept: "application/json"}});
    if (response.status === 404) {  // deleted meanwhile: say so and stop asking
      label.textContent = (await response.json()).error;
      return;
    }
    if (response.ok) {
      const state = await response.json();
      if (state.status === "done" || state.status === "failed") { window.location.assign(state.url); return; }
      bar.value = state.progress;
      label.textContent = (state.status === "queued" ? "Waiting for the transcriber" : "Transcribing") +
        "… " + Math.round(state.progress * 100) + "%";
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
})();
