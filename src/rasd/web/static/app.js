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
