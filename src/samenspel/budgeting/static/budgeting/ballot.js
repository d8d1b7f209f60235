// SPDX-License-Identifier: EUPL-1.2
// The ballot shows what is left per part as the voter ticks projects (the server does the
// same with "Show what is left", so the ballot works without this script).
document.querySelectorAll("form.samenspel-ballot").forEach((form) => {
  const points = form.dataset.ballot === "points";
  const update = (part) => {
    let used = 0;
    part.querySelectorAll("input").forEach((input) => {
      if (points) used += parseInt(input.value, 10) || 0;
      else if (input.checked && input.type === "checkbox") {
        const cost = input.parentElement.querySelector("[data-cost]");
        used += cost ? parseInt(cost.dataset.cost, 10) : 0;
      }
    });
    const left = part.querySelector("[data-left]");
    const lang = document.documentElement.lang || "nl";
    if (left) left.textContent = (parseInt(part.dataset.budget, 10) - used).toLocaleString(lang);
  };
  form.querySelectorAll("fieldset[data-budget]").forEach((part) => {
    part.addEventListener("input", () => update(part));
    part.addEventListener("change", () => update(part));
  });
});
