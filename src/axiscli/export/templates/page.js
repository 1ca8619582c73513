// Filters the timeline and the judgements in the page: actor chips keep the events and
// judgements involving every actor chosen (as `axis timeline -a A -a B` does), domain chips the
// events in any domain chosen, kind chips the judgements of any kind chosen, and the text box
// the records holding every word typed, in any of their text or their actors' names.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("axis-data").textContent);
  const events = Array.from(document.querySelectorAll(".event"));
  const judgements = Array.from(document.querySelectorAll(".judgement"));
  const groups = Array.from(document.querySelectorAll(".year, .kind-group"));
  const box = document.getElementById("filter-text");
  const count = document.getElementById("filter-count");
  if (!box) return; // nothing to filter
  const words = (el) => {
    const names = el.dataset.actors.split(" ").flatMap((code) => data.actors[code] || []);
    return [el.textContent, ...names].join(" ").toLowerCase();
  };
  const haystacks = new Map([...events, ...judgements].map((el) => [el, words(el)]));
  const chosen = { actor: new Set(), domain: new Set(), kind: new Set() };

  const shows = (el, typed) => {
    const actors = el.dataset.actors.split(" ");
    const own = el.dataset.domain !== undefined ? chosen.domain : chosen.kind;
    const value = el.dataset.domain !== undefined ? el.dataset.domain : el.dataset.kind;
    return (
      [...chosen.actor].every((code) => actors.includes(code)) &&
      (own.size === 0 || own.has(value)) &&
      typed.every((word) => haystacks.get(el).includes(word))
    );
  };

  const apply = () => {
    const typed = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = { event: 0, judgement: 0 };
    for (const [kind, list] of [["event", events], ["judgement", judgements]]) {
      for (const el of list) {
        const keep = shows(el, typed);
        el.hidden = !keep;
        shown[kind] += keep ? 1 : 0;
      }
    }
    for (const group of groups) group.hidden = !group.querySelector(".event:not([hidden]), .judgement:not([hidden])");
    const said = [`${shown.event} of ${events.length} events`];
    if (judgements.length) said.push(`${shown.judgement} of ${judgements.length} judgements`);
    count.textContent = said.join(" · ");
  };

  for (const chip of document.querySelectorAll(".chip")) {
    chip.addEventListener("click", () => {
      const kind = ["actor", "domain", "kind"].find((name) => chip.dataset[name] !== undefined);
      const value = chip.dataset[kind];
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
    for (const set of Object.values(chosen)) set.clear();
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
