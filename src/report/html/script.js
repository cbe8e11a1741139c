// claimcheck report: j / k move to the next / previous finding; a link into a collapsed
// part opens it; printing opens every collapsed part (and closes them again after).
(function () {
  "use strict";
  function openAround(el) {
    for (var d = el && el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
  }
  function target() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el) { openAround(el); el.scrollIntoView(); }
  }
  window.addEventListener("hashchange", target);
  if (location.hash) { target(); }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== "j" && e.key !== "k")) { return; }
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
    var all = Array.prototype.slice.call(document.querySelectorAll(".finding"));
    if (!all.length) { return; }
    var here = document.activeElement && document.activeElement.closest(".finding");
    var i = all.indexOf(here);
    i = e.key === "j" ? Math.min(all.length - 1, i + 1) : Math.max(0, i < 0 ? 0 : i - 1);
    openAround(all[i]);
    all[i].tabIndex = -1;
    all[i].focus();
    e.preventDefault();
  });
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
