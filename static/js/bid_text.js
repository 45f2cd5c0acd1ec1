// While any file of the bid is still being extracted, reload the page so states, counts and progress stay current.
(function () {
  const table = document.getElementById("bid-files");
  if (table && table.dataset.pending === "1") setTimeout(() => window.location.reload(), 3000);
})();
