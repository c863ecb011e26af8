// Rasid article page: the side panel shows what a highlighted word stands for; the English
// names beside the Arabic can be switched off.  Only textContent is written (never HTML).
(function () {
  "use strict";
  function show(mark) {
    var text = document.getElementById("detail-text");
    var lines = document.getElementById("detail-lines");
    var hint = document.getElementById("detail-hint");
    var link = document.getElementById("detail-link");
    if (!text || !lines) { return; }
    text.textContent = mark.textContent;
    while (lines.firstChild) { lines.removeChild(lines.firstChild); }
    (mark.getAttribute("data-tip") || "").split("\n").forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      lines.appendChild(li);
    });
    if (hint) { hint.classList.add("hidden"); }
    var entity = mark.getAttribute("data-entity");
    if (link) {
      if (entity) {
        link.setAttribute("href", "/entity/" + encodeURIComponent(entity));
        link.classList.remove("hidden");
      } else {
        link.classList.add("hidden");
      }
    }
  }
  function target(event) {
    var el = event.target;
    return el && el.closest ? el.closest("mark[data-kind]") : null;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("text");
    if (!body) { return; }
    ["click", "focusin", "mouseover"].forEach(function (name) {
      body.addEventListener(name, function (event) {
        var mark = target(event);
        if (mark) { show(mark); }
      });
    });
    var toggle = document.getElementById("toggle-en");
    if (toggle) {
      toggle.addEventListener("change", function () { body.classList.toggle("show-en", toggle.checked); });
    }
  });
}());
