// Keep the opening record live: re-fetch it every 2 s; reload the page when its stage changes.
(function () {
  function box() { return document.getElementById("opening-record"); }
  if (!box()) return;
  const loaded = box().dataset.status;
  // Once a form is on its way, a reload would cancel its response (and the message it flashes): stop polling.
  let leaving = false;
  document.addEventListener("submit", () => { leaving = true; });

  function busy(region) {
    // Never replace a form someone is typing in.
    if (region.contains(document.activeElement) && document.activeElement.tagName === "INPUT") return true;
    return Array.from(region.querySelectorAll("input[name=answer]")).some((i) => i.value.trim() !== "");
  }

  function poll() {
    if (leaving) return;
    const region = box();
    fetch(region.dataset.liveUrl, {headers: {"Accept": "text/html"}})
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      .then((html) => {
        if (leaving) return;
        const next = new DOMParser().parseFromString(html, "text/html").getElementById("opening-record");
        if (next && next.dataset.status !== loaded) { window.location.reload(); return; }
        if (next && !busy(region)) region.replaceWith(next);
        if (!next || !["published", "failed"].includes(next.dataset.status)) setTimeout(poll, 2000);
      })
      .catch(() => setTimeout(poll, 4000));
  }
  setTimeout(poll, 2000);
})();
