// Sealed bid upload: SHA-256 in the browser (js-sha256, incremental), chunks sent as raw bodies with their
// own SHA-256, resume after a dropped connection, a progress bar, and a countdown in server time.
(function () {
  "use strict";
  const READ = 1024 * 1024;  // bytes read at a time while hashing the whole file
  const RETRIES = 8;

  function json(url, method, body, csrf) {
    return fetch(url, {
      method: method, credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf},
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((r) => r.json().catch(() => ({ok: false, message: "服务器返回了无法识别的内容（HTTP " + r.status + "）。"}))
      .then((data) => Object.assign(data, {status: r.status})));
  }

  function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

  async function hashFile(file, onProgress) {
    const hash = sha256.create();
    for (let at = 0; at < file.size; at += READ) {
      hash.update(new Uint8Array(await file.slice(at, at + READ).arrayBuffer()));
      onProgress(Math.min(at + READ, file.size) / file.size);
    }
    return hash.hex();
  }

  // --- the countdown: the server's clock decides, so the page keeps the offset to it ---
  let skew = 0;
  function syncClock(serverIso) {
    if (serverIso) skew = Date.parse(serverIso) - Date.now();
  }
  function startCountdown() {
    const clock = document.getElementById("bid-clock");
    const out = document.getElementById("countdown");
    if (!clock || !out || !clock.dataset.deadline) return;
    syncClock(clock.dataset.serverNow);
    const deadline = Date.parse(clock.dataset.deadline);
    function tick() {
      let left = Math.floor((deadline - (Date.now() + skew)) / 1000);
      if (left <= 0) { out.textContent = "投标已截止"; out.classList.add("text-danger"); return; }
      const days = Math.floor(left / 86400); left %= 86400;
      const pad = (n) => String(n).padStart(2, "0");
      out.textContent = "距截止还有 " + (days ? days + " 天 " : "") + pad(Math.floor(left / 3600)) + ":" +
        pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60);
      setTimeout(tick, 1000);
    }
    tick();
  }

  // --- one part's upload ---
  function chunkEnd(offset, size, chunk, chunkMax) {
    // The final chunk takes a small remainder, so it holds a .docx's zip directory and a PDF's end.
    const end = Math.min(offset + chunk, size);
    return size - end < chunk / 4 && size - offset <= chunkMax ? size : end;
  }

  async function uploadPart(root, card) {
    const input = card.querySelector(".part-file");
    const bar = card.querySelector(".part-bar");
    const message = card.querySelector(".part-message");
    const button = card.querySelector(".part-upload");
    const csrf = root.dataset.csrf;
    const chunk = parseInt(root.dataset.chunk, 10), chunkMax = parseInt(root.dataset.chunkMax, 10);
    const file = input.files[0];
    const say = (text, kind) => { message.textContent = text; message.className = "small mt-1 mb-0 part-message text-" + (kind || "muted"); };
    const show = (fraction) => {
      const percent = Math.floor(fraction * 100);
      bar.style.width = percent + "%"; bar.textContent = percent + "%"; bar.setAttribute("aria-valuenow", percent);
    };
    if (!file) { say("请先选择文件。", "danger"); return; }
    button.disabled = true; bar.classList.remove("bg-danger", "bg-success");
    try {
      say("正在浏览器中计算 SHA-256……");
      const digest = await hashFile(file, (f) => say("正在浏览器中计算 SHA-256……" + Math.floor(f * 100) + "%"));
      const key = ["bid-upload", root.dataset.tender, card.dataset.part, file.name, file.size, digest].join(":");
      let state = null;
      const saved = localStorage.getItem(key);
      if (saved) {  // a dropped upload of this very file: resume where the server's copy ends
        const found = await json(saved, "GET", undefined, csrf);
        if (found.ok) state = found;
      }
      if (!state) {
        state = await json(root.dataset.startUrl, "POST",
          {part: card.dataset.part, filename: file.name, size: file.size, sha256: digest}, csrf);
        if (!state.ok) throw new Error(state.message);
        localStorage.setItem(key, state.url);
      }
      syncClock(state.server_time);
      let offset = state.offset, failures = 0;
      show(offset / file.size);
      while (offset < file.size) {
        const end = chunkEnd(offset, file.size, chunk, chunkMax);
        const body = new Uint8Array(await file.slice(offset, end).arrayBuffer());
        say("正在上传并加密……" + Math.floor(offset / file.size * 100) + "%");
        let reply;
        try {
          const r = await fetch(state.url + "?offset=" + offset, {
            method: "PUT", credentials: "same-origin", body: body,
            headers: {"Content-Type": "application/octet-stream", "X-Chunk-SHA256": sha256.hex(body),
                      "X-CSRFToken": csrf, "Accept": "application/json"}});
          reply = await r.json().catch(() => ({ok: false, status: r.status, message: "HTTP " + r.status}));
          reply.status = r.status;
        } catch (e) {
          reply = {ok: false, status: 0, message: "网络连接中断"};
        }
        syncClock(reply.server_time);
        if (reply.ok) { offset = reply.offset; failures = 0; show(offset / file.size); continue; }
        if (reply.refused || reply.status === 403 || reply.status === 404) {
          localStorage.removeItem(key); throw new Error(reply.message);
        }
        if (reply.status === 409 && typeof reply.offset === "number") { offset = reply.offset; continue; }
        if (reply.status === 422 && /截止|不能投标|状态/.test(reply.message || "")) throw new Error(reply.message);
        if (++failures > RETRIES) throw new Error((reply.message || "上传失败") + "，请稍后重新选择同一文件继续上传。");
        say((reply.message || "上传中断") + "，" + failures + " 秒后从断点重试……", "warning");
        await sleep(1000 * failures);
        const where = await json(state.url, "GET", undefined, csrf).catch(() => null);
        if (where && where.ok) offset = where.offset;
      }
      say("正在确认……");
      const done = await json(state.complete_url, "POST", {}, csrf);
      syncClock(done.server_time);
      if (!done.ok) throw new Error(done.message);
      localStorage.removeItem(key);
      bar.classList.add("bg-success"); show(1);
      say(done.message + " SHA-256：" + digest, "success");
      setTimeout(() => { window.location.href = done.page + "#part-" + card.dataset.part; window.location.reload(); }, 800);
    } catch (e) {
      bar.classList.add("bg-danger");
      say(e.message || String(e), "danger");
    } finally {
      button.disabled = false;
    }
  }

  // --- the verify page ---
  function startVerify() {
    const root = document.getElementById("bid-verify");
    if (!root) return;
    const fileButton = document.getElementById("verify-file-button");
    const fileOut = document.getElementById("verify-file-result");
    fileButton.addEventListener("click", async () => {
      const file = document.getElementById("verify-file").files[0];
      if (!file) { fileOut.textContent = "请先选择文件。"; return; }
      fileOut.textContent = "正在计算 SHA-256……";
      const digest = await hashFile(file, () => {});
      const reply = await json(root.dataset.fileUrl, "POST", {sha256: digest}, root.dataset.csrf);
      fileOut.textContent = "SHA-256：" + digest + "。" + reply.message;
      fileOut.className = "mt-2 mb-0 " + (reply.ok ? "text-success" : "text-danger");
    });
    const receiptButton = document.getElementById("verify-receipt-button");
    const receiptOut = document.getElementById("verify-receipt-result");
    receiptButton.addEventListener("click", async () => {
      const file = document.getElementById("verify-receipt").files[0];
      if (!file) { receiptOut.textContent = "请先选择回执文件。"; return; }
      let document_;
      try { document_ = JSON.parse(await file.text()); } catch (e) { document_ = null; }
      const reply = await json(root.dataset.receiptUrl, "POST", document_, root.dataset.csrf);
      receiptOut.textContent = reply.message;
      receiptOut.className = "mt-2 mb-0 " + (reply.ok ? "text-success" : "text-danger");
    });
  }

  startCountdown();
  startVerify();
  const root = document.getElementById("bid-upload");
  if (root) {
    root.querySelectorAll(".bid-part").forEach((card) => {
      const button = card.querySelector(".part-upload");
      if (button) button.addEventListener("click", () => uploadPart(root, card));
    });
  }
})();
