// rasd dashboard: layer toggles on the article page, span details on click. No external code.
(function () {
  "use strict";
  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
    });
  });
  var details = document.getElementById("span-details");
  if (details) {
    document.querySelectorAll("mark.hl").forEach(function (mark) {
      mark.addEventListener("click", function (ev) {
        ev.stopPropagation();
        var words = document.createElement("bdi");
        words.lang = "ar";
        words.textContent = mark.textContent;
        details.textContent = "";
        details.append(mark.title + " \u2014 ", words,
          " \u2014 offsets " + mark.dataset.start + ".." + mark.dataset.end);
      });
    });
  }
})();
// The evidence sentence an event links to (/article/N?ev=S-E#evidence): the browser scrolls to it;
// it is also marked so a person sees where to read.
(function () {
  "use strict";
  var first = document.getElementById("evidence");
  if (first) {
    document.querySelectorAll("mark.hl-evidence").forEach(function (m) { m.classList.add("flash"); });
    first.scrollIntoView({block: "center"});
  }
})();
