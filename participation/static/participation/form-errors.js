/* After a failed submission, move keyboard and screen-reader focus to the summary of errors (its links lead
   to the fields). */
(function () {
    "use strict";
    var summary = document.getElementById("form-errors");
    if (summary) {
        summary.focus();
    }
})();
