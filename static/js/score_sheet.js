// Score sheet autosave: each change posts one cell with the version it was based on.
// Pending cells live in localStorage until the server confirms them, so a reload, a closed
// tab or a dropped connection loses nothing; they are re-sent on load, when the browser
// comes back online, and every few seconds. A stale write (another tab changed the same
// cell) is refused by the server: the page then shows the current value and says so.
(function () {
  "use strict";
  const root = document.getElementById("score-sheet");
  if (!root || root.dataset.locked === "true") return;
  const url = root.dataset.saveUrl;
  const csrf = root.dataset.csrf;
  const storeKey = "score-sheet:" + root.dataset.sheet;
  const state = document.getElementById("sync-state");
  const chains = {};
  let pending = {};
  try { pending = JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { pending = {}; }

  const submitForm = document.getElementById("submit-sheet");
  let submitWhenSaved = false;

  function persist() {
    try { localStorage.setItem(storeKey, JSON.stringify(pending)); } catch (e) { /* private mode: memory only */ }
    const n = Object.keys(pending).length;
    state.textContent = n ? `${n} 项待保存…` : "全部已保存";
    root.dataset.pending = String(n);
    if (!n && submitWhenSaved && submitForm) {
      submitWhenSaved = false;
      submitForm.submit();  // the last cell (often saved again by the click's blur) is in: submit now
    }
  }
  function rowOf(key) { return root.querySelector(`tr[data-cell="${key}"]`); }
  function mark(row, text, kind) {
    const cell = row.querySelector(".js-state");
    cell.textContent = text;
    cell.className = "small js-state text-" + kind;
  }
  // A counted item posts the count the expert entered; the server answers with the points it gives.
  function counted(row) { return row.dataset.kind === "count"; }
  function values(row) {
    const entered = row.querySelector(".js-score").value || null;
    return {bid_id: Number(row.dataset.bid), criterion: row.dataset.criterion,
            score: counted(row) ? null : entered, count: counted(row) ? entered : null,
            reason: row.querySelector(".js-reason").value};
  }
  function points(row, cell) {
    const shown = row.querySelector(".js-points");
    if (shown && "score" in cell) shown.textContent = cell.score === null ? "—" : cell.score;
  }
  function show(row, cell) {
    const score = row.querySelector(".js-score");
    const value = counted(row) ? cell.count : cell.score;
    score.value = value === null || value === undefined ? "" : value;
    if (score.tagName === "SELECT" && cell.score !== null) {
      for (const o of score.options) { if (o.value !== "" && Number(o.value) === Number(cell.score)) score.value = o.value; }
    }
    row.querySelector(".js-reason").value = cell.reason;
    row.dataset.version = String(cell.version);
  }

  async function send(key) {
    const body = pending[key];
    const row = rowOf(key);
    if (!body || !row) { delete pending[key]; persist(); return; }
    mark(row, "保存中…", "muted");
    let response;
    try {
      response = await fetch(url, {method: "POST", credentials: "same-origin", body: JSON.stringify(body),
        headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf}});
    } catch (e) {
      mark(row, "网络中断，已暂存，恢复后自动重发", "warning");
      return;
    }
    let data = {};
    try { data = await response.json(); } catch (e) { data = {error: "服务器暂时无法保存，稍后自动重试"}; }
    if (response.ok) {
      row.dataset.version = String(data.cell.version);
      points(row, data.cell);
      if (pending[key] === body) delete pending[key];
      else if (pending[key]) pending[key].version = data.cell.version;  // edited again while this one was in flight
      mark(row, "已保存", "success");
    } else if (response.status === 409 && data.cell) {
      delete pending[key];
      show(row, data.cell);
      points(row, data.cell);
      mark(row, data.error, "danger");
    } else if (response.status >= 500 || response.status === 429) {
      mark(row, "服务器暂时无法保存，稍后自动重试", "warning");
    } else {
      delete pending[key];  // refused as it stands (off the scale…): resending would not help
      mark(row, data.error || "保存失败，请刷新页面", "danger");
    }
    persist();
  }
  function queue(key) {
    chains[key] = (chains[key] || Promise.resolve()).then(() => send(key));
    return chains[key];
  }
  function edited(row) {
    const key = row.dataset.cell;
    const base = pending[key] ? pending[key].version : Number(row.dataset.version);
    pending[key] = Object.assign(values(row), {version: base});
    persist();
    queue(key);
  }

  root.querySelectorAll("tr.score-cell").forEach((row) => {
    row.querySelector(".js-score").addEventListener("change", () => edited(row));
    let timer = null;
    const reason = row.querySelector(".js-reason");
    reason.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => edited(row), 700); });
    reason.addEventListener("change", () => { clearTimeout(timer); edited(row); });
  });
  // Cells typed before a reload or a lost connection: show them again and send them.
  for (const [key, body] of Object.entries(pending)) {
    const row = rowOf(key);
    if (!row) { delete pending[key]; continue; }
    show(row, {score: body.score, count: body.count, reason: body.reason, version: row.dataset.version});
    mark(row, "待重发", "warning");
    queue(key);
  }
  persist();
  const resend = () => Object.keys(pending).forEach(queue);
  window.addEventListener("online", resend);
  setInterval(() => { if (Object.keys(pending).length) resend(); }, 5000);
  if (submitForm) {
    submitForm.addEventListener("submit", (event) => {
      if (Object.keys(pending).length) {
        event.preventDefault();
        submitWhenSaved = true;
        state.textContent = "正在保存最后的修改，保存后自动提交…";
        resend();
      }
    });
  }
})();
