/* After the filter form was sent (a plain GET; the page reloads), move focus to the result count so that
   screen reader users hear how many measures match, and keyboard users continue from there. */
(function () {
    "use strict";
    var params = new URLSearchParams(window.location.search);
    var filtered = ["field", "status", "priority", "sort"].some(function (name) { return params.has(name); });
    var count = document.getElementById("result-count");
    if (filtered && count) {
        count.focus();
    }
})();
