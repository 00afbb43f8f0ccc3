/* Optional place on a map for the contribution form. Without JavaScript the visitor describes the place in
   the text field. The site's map loader (places/map.js, loaded before this script) asks for consent: no map tile
   is requested before the visitor clicks "Load map" or chose to remember that choice for every map of the site. */
(function () {
    "use strict";

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
            if (map) {
                return;
            }
            var hasPlace = latInput.value && lngInput.value;
            var centre = hasPlace
                ? [parseFloat(latInput.value), parseFloat(lngInput.value)]
                : [parseFloat(wrapper.dataset.centerLat), parseFloat(wrapper.dataset.centerLng)];
            map = window.stadtteilMaps.createMap(container, centre, 16, wrapper.dataset);
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
        window.stadtteilMaps.whenConsented(container, start);
    }

    function init() {
        if (!window.stadtteilMaps) {
            return; // the loader is missing: the picker stays hidden, the text field remains
        }
        document.querySelectorAll("[data-place-picker]").forEach(setup);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
