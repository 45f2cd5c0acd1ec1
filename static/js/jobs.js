// Poll a job's status and update the progress bar; open the result when it is done.
(function () {
  const box = document.getElementById("job");
  if (!box) return;
  const bar = document.getElementById("job-bar");
  const status = document.getElementById("job-status");
  const message = document.getElementById("job-message");
  const result = document.getElementById("job-result");

  function show(job) {
    bar.style.width = job.progress + "%";
    bar.textContent = job.progress + "%";
    status.textContent = job.status_label;
    message.textContent = job.message;
    if (job.status === "failed") bar.classList.add("bg-danger");
    if (job.result_url) {
      result.querySelector("a").href = job.result_url;
      result.classList.remove("d-none");
    }
    return job.status === "done" || job.status === "failed";
  }

  function poll() {
    fetch(box.dataset.statusUrl, {headers: {"Accept": "application/json"}})
      .then((r) => r.json())
      .then((job) => { if (!show(job)) setTimeout(poll, 1000); })
      .catch(() => setTimeout(poll, 3000));
  }
  poll();
})();
