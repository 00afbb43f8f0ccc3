/* After the filter form was sent (a plain GET; the page reloads), move focus to the result count so that
   screen reader users hear how many measures match, and keyboard users continue from there. Only when the
   visitor came from this overview (the form): a shared or bookmarked filter link starts at the top as usual. */
(function () {
    "use strict";
    var params = new URLSearchParams(window.location.search);
    var filtered = ["field", "phase", "status", "priority", "sort"].some(function (name) { return params.has(name); });
    var fromForm = false;
    try {
        fromForm = new URL(document.referrer).pathname === window.location.pathname;
    } catch (error) {
        fromForm = false;
    }
    var count = document.getElementById("result-count");
    if (filtered && fromForm && count) {
        count.focus();
    }
})();
