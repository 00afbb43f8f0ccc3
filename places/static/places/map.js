/* The site's maps (measures, measure page, directory, fund; the participation place picker reuses the loader).
   No tile is requested before the visitor clicks "Load map" (or chose to remember that choice in this browser).
   Markers are Leaflet markers with a div icon: they are focusable links (Tab), and Enter opens their popup.
   Other scripts use window.stadtteilMaps (both deferred: load this one first). */
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

    /* Runs start() once the visitor agreed to load tiles: at once if they chose to remember it, otherwise on a
       click of the container's "Load map" button (places/includes/map_consent.html, removed then). */
    function whenConsented(container, start) {
        function begin() {
            if (typeof L === "undefined") {
                return;
            }
            var consent = container.querySelector("[data-map-consent]");
            if (consent) {
                consent.remove();
            }
            start();
        }
        if (remembered()) {
            begin();
            return;
        }
        var button = container.querySelector("[data-map-load]");
        var checkbox = container.querySelector("[data-map-remember]");
        if (button) {
            button.addEventListener("click", function () {
                if (checkbox && checkbox.checked) {
                    remember();
                }
                begin();
                // The button is gone: keep keyboard focus in the map instead of losing it to the page.
                container.setAttribute("tabindex", "-1");
                container.focus();
            });
        }
    }

    /* A Leaflet map in the container, with the site's tile service and attribution (data-tile-url and
       data-attribution of `options`, a dataset) and an accessible name. */
    function createMap(container, centre, zoom, options) {
        var map = L.map(container, { scrollWheelZoom: false }).setView(centre, zoom);
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", options.label || "Map");
        L.tileLayer(options.tileUrl, { maxZoom: 19, attribution: options.attribution }).addTo(map);
        return map;
    }

    window.stadtteilMaps = { whenConsented: whenConsented, createMap: createMap };

    function markerIcon(colour) {
        var span = document.createElement("span");
        span.className = "map-marker";
        // Set through the CSSOM (allowed by a strict CSP), and passed as an element, not as markup.
        span.style.backgroundColor = colour || "#1f5f3a";
        return L.divIcon({ className: "map-marker-wrapper", html: span, iconSize: [26, 26], iconAnchor: [13, 26], popupAnchor: [0, -24] });
    }

    function popupContent(title, url, linkText, meta, lang) {
        var wrapper = document.createElement("div");
        var heading = document.createElement("strong");
        heading.textContent = title;
        // A title typed in another language than the page's (a funded project's) is marked as such.
        if (lang && lang !== document.documentElement.lang) {
            heading.lang = lang;
        }
        wrapper.appendChild(heading);
        if (meta) {
            var p = document.createElement("p");
            p.textContent = meta;
            wrapper.appendChild(p);
        }
        if (url) {
            var link = document.createElement("a");
            link.href = url;
            link.textContent = linkText || title;
            wrapper.appendChild(document.createElement("br"));
            wrapper.appendChild(link);
        }
        return wrapper;
    }

    function addMarker(map, lat, lng, options) {
        var marker = L.marker([lat, lng], {
            icon: markerIcon(options.colour),
            title: options.title,
            alt: options.title,
            keyboard: true,
            riseOnHover: true
        });
        marker.bindPopup(popupContent(options.title, options.url, options.linkText, options.meta, options.lang));
        marker.addTo(map);
        var element = marker.getElement && marker.getElement();
        if (element) {
            element.setAttribute("role", "button");
            element.setAttribute("aria-label", options.title);
        }
        return marker;
    }

    function start(container) {
        if (container.dataset.loaded) {
            return;
        }
        container.dataset.loaded = "1";
        container.classList.add("map--active");
        var lat = parseFloat(container.dataset.lat || container.dataset.centerLat);
        var lng = parseFloat(container.dataset.lng || container.dataset.centerLng);
        var map = createMap(container, [lat, lng], parseInt(container.dataset.zoom || "15", 10), container.dataset);
        // Other apps (participation) add their own layers once the map exists.
        document.dispatchEvent(new CustomEvent("measures-map:ready", { detail: { map: map, L: L } }));

        if (container.dataset.geojson) {
            fetch(container.dataset.geojson, { headers: { Accept: "application/geo+json" } })
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    var bounds = [];
                    data.features.forEach(function (feature) {
                        var p = feature.properties;
                        var c = feature.geometry.coordinates;
                        addMarker(map, c[1], c[0], {
                            title: p.title,
                            url: p.url,
                            colour: p.colour,
                            linkText: p.popup_link_text,
                            lang: p.language,
                            meta: p.field_of_action + " · " + p.status_label
                        });
                        bounds.push([c[1], c[0]]);
                    });
                    if (bounds.length > 1) {
                        map.fitBounds(bounds, { padding: [30, 30] });
                    }
                });
        } else {
            addMarker(map, lat, lng, { title: container.dataset.title, colour: container.dataset.colour });
        }
    }

    function init() {
        document.querySelectorAll("#measures-map, #measure-map").forEach(function (container) {
            whenConsented(container, function () {
                start(container);
            });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
