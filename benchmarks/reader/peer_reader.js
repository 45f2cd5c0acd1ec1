// Side-by-side reader: synchronised scrolling, click-to-jump between passages, toggles per reason.
(function () {
  const a = document.getElementById("pane-a");
  const b = document.getElementById("pane-b");
  const reader = document.getElementById("reader");
  if (!a || !b) return;
  const sync = document.getElementById("sync-toggle");
  let busy = false;

  function firstVisiblePassage(pane) {
    const top = pane.getBoundingClientRect().top;
    for (const el of pane.querySelectorAll("[data-p]")) {
      if (el.getBoundingClientRect().bottom >= top) return el;
    }
    return null;
  }

  function align(from, to) {
    if (busy || !sync.checked) return;
    const el = firstVisiblePassage(from);
    if (!el) return;
    const partner = to.querySelector(`[data-p="${el.dataset.p}"]`);
    if (!partner) return;
    const offset = el.getBoundingClientRect().top - from.getBoundingClientRect().top;
    busy = true;
    to.scrollTop += partner.getBoundingClientRect().top - to.getBoundingClientRect().top - offset;
    requestAnimationFrame(() => { busy = false; });
  }

  a.addEventListener("scroll", () => align(a, b));
  b.addEventListener("scroll", () => align(b, a));

  reader.addEventListener("click", (event) => {
    const el = event.target.closest("[data-p]");
    if (!el) return;
    const other = el.closest(".reader-pane") === a ? b : a;
    const partner = other.querySelector(`[data-p="${el.dataset.p}"]`);
    if (!partner) return;
    busy = true;
    other.scrollTop += partner.getBoundingClientRect().top - other.getBoundingClientRect().top
      - (el.getBoundingClientRect().top - el.closest(".reader-pane").getBoundingClientRect().top);
    for (const p of reader.querySelectorAll(`[data-p="${el.dataset.p}"]`)) {
      p.classList.add("flash");
      setTimeout(() => p.classList.remove("flash"), 1200);
    }
    requestAnimationFrame(() => { busy = false; });
  });

  for (const box of document.querySelectorAll(".reason-toggle")) {
    box.addEventListener("change", () => reader.classList.toggle(`hide-sub-${box.value}`, !box.checked));
  }
})();
