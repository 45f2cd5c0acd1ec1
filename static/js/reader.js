// Side-by-side reader: parts loaded on demand, synchronised scrolling, click-to-jump between
// passages (fetching the partner's part first), jump to passage N, toggles per reason.
(function () {
  const a = document.getElementById("pane-a");
  const b = document.getElementById("pane-b");
  const reader = document.getElementById("reader");
  if (!a || !b) return;
  const index = JSON.parse(document.getElementById("reader-index").textContent).passages;
  const sync = document.getElementById("sync-toggle");
  const pending = new Map();
  let busy = false;

  const partOf = (pane, i) => pane.querySelector(`.part[data-part="${i}"]`);
  const other = (pane) => (pane === a ? b : a);

  // Placeholders get the height their text will roughly take, so the scroll bar is honest
  // and a jump lands near the right place before the part arrives.
  function sizePlaceholders(pane) {
    const first = pane.querySelector(".part[data-loaded]");
    const chars = first ? Number(first.dataset.chars) : 0;
    const perChar = chars > 0 ? first.getBoundingClientRect().height / chars : 0.02;
    for (const part of pane.querySelectorAll(".part:not([data-loaded])")) {
      part.style.height = `${Math.max(40, Math.round(Number(part.dataset.chars) * perChar))}px`;
    }
  }

  function loadPart(pane, i) {
    const part = partOf(pane, i);
    if (!part || part.hasAttribute("data-loaded")) return Promise.resolve(part);
    const key = `${pane.dataset.side}:${i}`;
    if (!pending.has(key)) {
      const request = fetch(pane.dataset.parts + i, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then((response) => {
          if (!response.ok || response.redirected) throw new Error(`HTTP ${response.status}`);
          return response.text();
        })
        .then((html) => {
          part.innerHTML = html;
          part.setAttribute("data-loaded", "");
          part.style.height = "";
          pending.delete(key);
          return part;
        })
        .catch((error) => {
          pending.delete(key);
          const note = part.querySelector(".part-note");
          if (note) note.textContent = "加载失败（可能已退出登录），请刷新页面后重试。";
          throw error;
        });
      pending.set(key, request);
    }
    return pending.get(key);
  }

  // The part of `pane` where passage `pid` starts, loaded, then the passage's first span.
  function partner(pane, pid) {
    const parts = index[Number(pid)];
    if (!parts) return Promise.resolve(null);
    return loadPart(pane, parts[pane === a ? 0 : 1]).then(() => pane.querySelector(`[data-p="${pid}"]`));
  }

  function place(pane, el, offset) {
    busy = true;
    pane.scrollTop += el.getBoundingClientRect().top - pane.getBoundingClientRect().top - offset;
    requestAnimationFrame(() => { busy = false; });
  }

  function mark(pid) {
    for (const el of reader.querySelectorAll(".current")) el.classList.remove("current");
    for (const el of reader.querySelectorAll(`[data-p="${pid}"]`)) el.classList.add("current");
  }

  function firstVisiblePassage(pane) {
    const box = pane.getBoundingClientRect();
    for (const part of pane.querySelectorAll(".part[data-loaded]")) {
      const r = part.getBoundingClientRect();
      if (r.bottom < box.top) continue;
      if (r.top > box.bottom) break;
      for (const el of part.querySelectorAll("[data-p]")) {
        if (el.getBoundingClientRect().bottom >= box.top) return el;
      }
    }
    return null;
  }

  function align(from, to) {
    if (busy || !sync.checked) return;
    const el = firstVisiblePassage(from);
    if (!el) return;
    const pid = el.dataset.p;
    const offset = () => el.getBoundingClientRect().top - from.getBoundingClientRect().top;
    const ready = to.querySelector(`[data-p="${pid}"]`);
    if (ready) {
      place(to, ready, offset());
    } else {
      partner(to, pid).then((p) => { if (p && !busy && sync.checked) place(to, p, offset()); }).catch(() => {});
    }
  }

  for (const pane of [a, b]) {
    sizePlaceholders(pane);
    pane.addEventListener("scroll", () => align(pane, other(pane)));
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const part = entry.target;
        loadPart(pane, part.dataset.part).then(() => observer.unobserve(part)).catch(() => {});
      }
    }, { root: pane, rootMargin: "50% 0px" });
    for (const part of pane.querySelectorAll(".part:not([data-loaded])")) observer.observe(part);
  }

  reader.addEventListener("click", (event) => {
    const el = event.target.closest("[data-p]");
    if (!el) return;
    const own = el.closest(".reader-pane");
    const offset = el.getBoundingClientRect().top - own.getBoundingClientRect().top;
    const pid = el.dataset.p;
    partner(other(own), pid).then((p) => {
      if (!p) return;
      place(other(own), p, offset);
      mark(pid);
    }).catch(() => {});
  });

  const jump = document.getElementById("jump-form");
  if (jump) {
    jump.addEventListener("submit", (event) => {
      event.preventDefault();
      const pid = String(Number(document.getElementById("jump-passage").value) - 1);
      Promise.all([partner(a, pid), partner(b, pid)]).then(([pa, pb]) => {
        if (!pa || !pb) return;
        place(a, pa, 0);
        place(b, pb, 0);
        mark(pid);
      }).catch(() => {});
    });
  }

  for (const box of document.querySelectorAll(".reason-toggle")) {
    box.addEventListener("change", () => reader.classList.toggle(`hide-sub-${box.value}`, !box.checked));
  }
})();
