// Filters the timeline in the page: actor chips keep the events involving every actor chosen
// (as `axis timeline -a A -a B` does), domain chips the events in any domain chosen, and the
// text box the events holding every word typed, in any of their text or their actors' names.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("axis-data").textContent);
  const events = Array.from(document.querySelectorAll(".event"));
  const years = Array.from(document.querySelectorAll(".year"));
  const box = document.getElementById("filter-text");
  const count = document.getElementById("filter-count");
  if (!box) return; // nothing to filter
  const words = (el) => {
    const names = el.dataset.actors.split(" ").flatMap((code) => data.actors[code] || []);
    return [el.textContent, ...names].join(" ").toLowerCase();
  };
  const haystacks = new Map(events.map((el) => [el, words(el)]));
  const chosen = { actor: new Set(), domain: new Set() };

  const apply = () => {
    const typed = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const el of events) {
      const actors = el.dataset.actors.split(" ");
      const keep =
        [...chosen.actor].every((code) => actors.includes(code)) &&
        (chosen.domain.size === 0 || chosen.domain.has(el.dataset.domain)) &&
        typed.every((word) => haystacks.get(el).includes(word));
      el.hidden = !keep;
      shown += keep ? 1 : 0;
    }
    for (const year of years) year.hidden = !year.querySelector(".event:not([hidden])");
    count.textContent = `${shown} of ${events.length} events`;
  };

  for (const chip of document.querySelectorAll(".chip")) {
    chip.addEventListener("click", () => {
      const [kind, value] = chip.dataset.actor ? ["actor", chip.dataset.actor] : ["domain", chip.dataset.domain];
      const on = chip.getAttribute("aria-pressed") !== "true";
      chip.setAttribute("aria-pressed", String(on));
      if (on) chosen[kind].add(value);
      else chosen[kind].delete(value);
      apply();
    });
  }
  box.addEventListener("input", apply);
  document.getElementById("filter-clear").addEventListener("click", () => {
    box.value = "";
    chosen.actor.clear();
    chosen.domain.clear();
    for (const chip of document.querySelectorAll(".chip")) chip.setAttribute("aria-pressed", "false");
    apply();
  });

  // A printed page shows every quote: open the citations for printing, then close them again.
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.from(document.querySelectorAll("details:not([open])"));
    for (const details of opened) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
  });
})();
