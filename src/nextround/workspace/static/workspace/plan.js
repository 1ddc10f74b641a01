// Ticking a plan item without leaving the page: the same form, posted in the background; the
// server answers with the plan alone. Anything unexpected falls back to the plain form post.
(() => {
  const plan = document.querySelector("[data-plan]");
  const status = document.querySelector("[data-plan-status]");
  plan.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("form.tick")) return;
    event.preventDefault();
    status.textContent = "";  // "Plan updated." again only once this tick is saved
    const key = form.elements.key.value;
    const open = plan.querySelector("[data-whole-plan]")?.open;
    let response;
    try {
      response = await fetch(form.action, {method: "POST", body: new FormData(form), headers: {"X-Fragment": "plan"}});
    } catch (error) { form.submit(); return; }
    if (!response.ok) { form.submit(); return; }
    plan.innerHTML = await response.text();
    const whole = plan.querySelector("[data-whole-plan]");
    if (whole && open) whole.open = true;  // the rest of the plan stays as the candidate left it
    status.textContent = "Plan updated.";
    const row = [...plan.querySelectorAll("input[name=key]")].find((input) => input.value === key);
    row?.closest("li")?.querySelector("button")?.focus();
  });
})();
