/* Adds the approved contributions of residents to a measures map as a separate layer that visitors can switch
   off. places/map.js announces each map it creates (after the visitor clicked "Load map") with
       document.dispatchEvent(new CustomEvent("measures-map:ready", {detail: {map: map, L: L}}));
   This script must be loaded before places/map.js (both are deferred, so document order decides). The GeoJSON holds
   no personal data. */
(function () {
    "use strict";

    var config = document.getElementById("participation-layer");
    if (!config) {
        return;
    }

    function markerIcon(L, colour) {
        var span = document.createElement("span");
        span.className = "contribution-marker";
        // Set through the CSSOM (allowed by a strict CSP), and passed as an element, not as markup.
        span.style.backgroundColor = colour || "#4a4a4a";
        return L.divIcon({ className: "contribution-marker-wrapper", html: span, iconSize: [22, 22], iconAnchor: [11, 22], popupAnchor: [0, -20] });
    }

    function popupContent(properties) {
        var wrapper = document.createElement("div");
        var meta = document.createElement("strong");
        meta.textContent = [properties.date_label || properties.date, properties.field_of_action, properties.measure].filter(Boolean).join(" · ");
        wrapper.appendChild(meta);
        var text = document.createElement("p");
        text.textContent = properties.message.length > 280 ? properties.message.slice(0, 279) + "…" : properties.message;
        if (properties.language && properties.language !== document.documentElement.lang) {
            text.lang = properties.language;
        }
        wrapper.appendChild(text);
        if (properties.reply) {
            var reply = document.createElement("p");
            reply.appendChild(document.createTextNode(config.dataset.reply + ": "));
            // The office replies in the contribution's language.
            var replyText = document.createElement("span");
            replyText.textContent = properties.reply;
            if (properties.language && properties.language !== document.documentElement.lang) {
                replyText.lang = properties.language;
            }
            reply.appendChild(replyText);
            wrapper.appendChild(reply);
        }
        var link = document.createElement("a");
        link.href = properties.url;
        link.textContent = config.dataset.more;
        wrapper.appendChild(link);
        return wrapper;
    }

    document.addEventListener("measures-map:ready", function (event) {
        var map = event.detail && event.detail.map;
        var L = (event.detail && event.detail.L) || window.L;
        if (!map || !L) {
            return;
        }
        var layer = L.layerGroup();
        fetch(config.dataset.geojson, { headers: { Accept: "application/geo+json" } })
            .then(function (response) { return response.json(); })
            .then(function (data) {
                data.features.forEach(function (feature) {
                    var c = feature.geometry.coordinates;
                    var p = feature.properties;
                    var marker = L.marker([c[1], c[0]], {
                        icon: markerIcon(L, p.colour),
                        title: config.dataset.label,
                        alt: config.dataset.label,
                        keyboard: true
                    });
                    marker.bindPopup(popupContent(p));
                    layer.addLayer(marker);
                });
                layer.addTo(map);
                var overlays = {};
                overlays[config.dataset.label + " (" + data.features.length + ")"] = layer;
                L.control.layers(null, overlays, { collapsed: false }).addTo(map);
            });
    });
})();
