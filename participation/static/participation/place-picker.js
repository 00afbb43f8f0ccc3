/* Optional place on a map for the contribution form. Without JavaScript the visitor describes the place in
   the text field. No map tile is requested before the visitor clicks "Load map" (or chose to remember that
   choice in this browser: the same choice as for the measures map). */
(function () {
    "use strict";

    var STORAGE_KEY = "stadtteil.mapConsent";

    function remembered() {
        try {
            return window.localStorage.getItem(STORAGE_KEY) === "yes";
        } catch (error) {
            return false;
        }
    }

    function remember() {
        try {
            window.localStorage.setItem(STORAGE_KEY, "yes");
        } catch (error) {
            /* storage may be disabled: then the visitor clicks again next time */
        }
    }

    function setup(wrapper) {
        var form = wrapper.closest("form");
        var latInput = form.querySelector("[data-place-lat]");
        var lngInput = form.querySelector("[data-place-lng]");
        var status = form.querySelector("[data-place-status]");
        var container = wrapper.querySelector("[data-place-map]");
        var centreButton = wrapper.querySelector("[data-place-centre]");
        var clearButton = wrapper.querySelector("[data-place-clear]");
        var map = null;
        var marker = null;

        wrapper.hidden = false;

        function round(value) {
            return (Math.round(value * 1e6) / 1e6).toFixed(6);
        }

        function setPlace(latlng) {
            latInput.value = round(latlng.lat);
            lngInput.value = round(latlng.lng);
            if (map) {
                if (marker) {
                    marker.setLatLng(latlng);
                } else {
                    marker = L.marker(latlng, { keyboard: false, title: wrapper.dataset.chosenText }).addTo(map);
                }
            }
            status.textContent = wrapper.dataset.chosenText;
            clearButton.hidden = false;
        }

        function clearPlace() {
            latInput.value = "";
            lngInput.value = "";
            if (marker) {
                marker.remove();
                marker = null;
            }
            status.textContent = wrapper.dataset.noneText;
            clearButton.hidden = true;
        }

        function start() {
            if (typeof L === "undefined" || map) {
                return;
            }
            var consent = container.querySelector("[data-map-consent]");
            if (consent) {
                consent.remove();
            }
            var hasPlace = latInput.value && lngInput.value;
            var centre = hasPlace
                ? [parseFloat(latInput.value), parseFloat(lngInput.value)]
                : [parseFloat(wrapper.dataset.centerLat), parseFloat(wrapper.dataset.centerLng)];
            map = L.map(container, { scrollWheelZoom: false }).setView(centre, 16);
            container.setAttribute("role", "region");
            container.setAttribute("aria-label", wrapper.dataset.label);
            L.tileLayer(wrapper.dataset.tileUrl, { maxZoom: 19, attribution: wrapper.dataset.attribution }).addTo(map);
            map.on("click", function (event) {
                setPlace(event.latlng);
            });
            if (hasPlace) {
                setPlace(L.latLng(centre[0], centre[1]));
            }
            // Keyboard users move the map with the arrow keys and mark its centre with this button.
            centreButton.hidden = false;
            centreButton.addEventListener("click", function () {
                setPlace(map.getCenter());
            });
        }

        clearButton.addEventListener("click", clearPlace);

        if (remembered()) {
            start();
            return;
        }
        var button = container.querySelector("[data-map-load]");
        var checkbox = container.querySelector("[data-map-remember]");
        if (button) {
            button.addEventListener("click", function () {
                if (checkbox && checkbox.checked) {
                    remember();
                }
                start();
                container.setAttribute("tabindex", "-1");
                container.focus();
            });
        }
    }

    function init() {
        document.querySelectorAll("[data-place-picker]").forEach(setup);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
