// The method editor's live sum: the points of every item, against the method's total.
(function () {
  const sum = document.getElementById("points-sum");
  if (!sum) return;
  const warning = document.getElementById("sum-warning");
  function update() {
    let total = 0;
    document.querySelectorAll("input.points").forEach(function (input) {
      total += Math.round(parseFloat(input.value || "0") * 100) || 0;
    });
    sum.textContent = String(total / 100);
    warning.hidden = total === Math.round(parseFloat(sum.dataset.total) * 100);
  }
  document.addEventListener("input", function (e) { if (e.target.matches("input.points")) update(); });
  update();
})();
