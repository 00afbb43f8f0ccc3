// wagtail-localize's translation editor writes the heading "Deutsch to Englisch translation" as a fixed English
// template literal, outside its gettext catalogue. Rewrite that heading through the admin's JavaScript catalogue
// (German in locale/de/LC_MESSAGES/djangojs.po) as soon as React renders it.
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
