// The story form's analysis, refreshed as you type (the page works without it: after saving).
(() => {
  const form = document.getElementById("story-form");
  let timer = null;
  let latest = 0;
  const refresh = async () => {
    const mine = ++latest;
    const response = await fetch(form.dataset.analysisUrl, {method: "POST", body: new FormData(form)});
    if (!response.ok || mine !== latest) return;  // a newer keystroke's answer wins
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("analysis");
    if (fresh) document.getElementById("analysis").replaceWith(fresh);
  };
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 250); });
})();
