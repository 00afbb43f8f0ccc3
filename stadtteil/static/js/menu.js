// Phones: the main navigation folds behind the "Menü" button (site.css shows the button below 48rem only).
// Without this script the button stays hidden and the navigation stays open.
(function () {
    "use strict";
    var button = document.querySelector(".menu-toggle");
    var header = document.querySelector(".site-header");
    if (!button || !header) {
        return;
    }
    function setOpen(open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        header.classList.toggle("site-header--open", open);
    }
    header.classList.add("site-header--foldable");
    button.hidden = false;
    button.addEventListener("click", function () {
        setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            button.focus();
        }
    });
})();
