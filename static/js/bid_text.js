// While any file of the bid is still being extracted, reload the page so states, counts and progress stay current.
(function () {
  const table = document.getElementById("bid-files");
  if (!table || table.dataset.pending !== "1") return;
  let leaving = false;  // a reload would cancel a form already on its way (a retry, say) and lose its message
  document.addEventListener("submit", () => { leaving = true; });
  setTimeout(() => { if (!leaving) window.location.reload(); }, 3000);
})();
