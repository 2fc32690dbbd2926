// Filters (one outcome, or all), the search box, and pictures that grow on a click.
(function () {
  var filter = "all";
  var scenarios = Array.prototype.slice.call(document.querySelectorAll("details.scenario"));
  var search = document.getElementById("search");
  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    scenarios.forEach(function (s) {
      var text = s.getAttribute("data-search");
      var ok = (filter === "all" || s.getAttribute("data-status") === filter) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      s.hidden = !ok;
      if (ok) shown++;
    });
    document.getElementById("none").hidden = shown > 0;
  }
  document.querySelectorAll(".filter").forEach(function (b) {
    b.addEventListener("click", function () {
      filter = b.getAttribute("data-filter");
      document.querySelectorAll(".filter").forEach(function (o) { o.classList.toggle("on", o === b); });
      apply();
    });
  });
  search.addEventListener("input", apply);
  document.querySelectorAll("td.shot img").forEach(function (img) {
    img.addEventListener("click", function () { img.classList.toggle("big"); });
  });
})();
