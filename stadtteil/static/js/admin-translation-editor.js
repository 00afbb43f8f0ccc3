// wagtail-localize's translation editor writes two texts as fixed English literals, outside its gettext catalogue:
// the heading "Deutsch to Englisch translation" and the label "More actions" of its action menu's toggle (what a
// screen reader announces). Rewrite them through the admin's JavaScript catalogue (German in
// locale/de/LC_MESSAGES/djangojs.po) as soon as React renders them.
(function () {
  "use strict";
  var pattern = /^(.+) to (.+) translation$/;

  function localise(root) {
    if (typeof window.gettext !== "function" || typeof window.interpolate !== "function") {
      return;
    }
    root.querySelectorAll("section h3").forEach(function (heading) {
      var match = pattern.exec(heading.textContent.trim());
      if (match) {
        var format = window.gettext("%(source)s to %(target)s translation");
        heading.textContent = window.interpolate(format, { source: match[1], target: match[2] }, true);
      }
    });
    root.querySelectorAll(".w-dropdown__toggle .w-sr-only").forEach(function (label) {
      if (label.textContent.trim() === "More actions") {
        label.textContent = window.gettext("More actions");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) {
      return;
    }
    localise(editor);
    new MutationObserver(function () {
      localise(editor);
    }).observe(editor, { childList: true, subtree: true });
  });
})();
