// Tables that may be wider than the screen: the hint above one (and its description for screen readers) shows
// only while the table actually scrolls sideways, at whatever width and zoom.
(() => {
    const wrappers = document.querySelectorAll(".table-wrapper[data-scroll-hint]");
    const update = (wrapper) => {
        const hint = document.getElementById(wrapper.dataset.scrollHint);
        if (!hint) return;
        const scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
        hint.hidden = !scrolls;
        if (scrolls) wrapper.setAttribute("aria-describedby", hint.id);
        else wrapper.removeAttribute("aria-describedby");
    };
    wrappers.forEach(update);
    if ("ResizeObserver" in window) {
        const observer = new ResizeObserver((entries) => entries.forEach((entry) => update(entry.target)));
        wrappers.forEach((wrapper) => observer.observe(wrapper));
    }
})();
