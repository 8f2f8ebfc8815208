/* A map of sites, drawn with the vendored Leaflet.
 *
 * Progressive enhancement: the page lists the same sites without it, and the
 * map stays hidden when Leaflet, the data or the network is missing.
 *
 * Two sources. A detail page's few points come from a JSON block (Django's
 * json_script), never from inline script. A list page's container names its
 * map endpoint (data-map-source), which answers with every result of the
 * search as compact [id, lat, lng, name] arrays and an address pattern; they
 * are clustered with the vendored Leaflet.markercluster.
 */
(function () {
  "use strict";

  var L = window.L;
  var container = document.querySelector("[data-map]");
  if (!container || typeof L === "undefined") {
    return;
  }

  function marker(point) {
    // Leaflet reads a string as HTML: a name goes in as a text node, and the
    // popup's link is made only when it opens (a list's map has thousands).
    return L.circleMarker([point.lat, point.lng], { radius: 7, weight: 2, className: "site-map__point" })
      .bindPopup(function () {
        var link = document.createElement("a");
        link.href = point.url;
        link.textContent = point.name;
        return link;
      })
      .bindTooltip(function () {
        return document.createTextNode(point.name);
      });
  }

  function showNote(text) {
    var note = document.createElement("p");
    note.className = "site-map__note";
    note.textContent = text;
    container.insertAdjacentElement("afterend", note);
  }

  function draw(data, points) {
    if (!points.length) {
      return;
    }
    container.hidden = false;
    var map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
    // The view is set before the markers are added: a cluster group reads the map's zoom as it is added.
    if (points.length === 1) {
      map.setView([points[0].lat, points[0].lng], 7);
    } else {
      var places = points.map(function (point) {
        return [point.lat, point.lng];
      });
      map.fitBounds(places, { padding: [24, 24], maxZoom: 9 });
    }
    var markers = points.map(marker);
    if (typeof L.markerClusterGroup === "function") {
      L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 })
        .addLayers(markers)
        .addTo(map);
    } else {
      L.featureGroup(markers).addTo(map);
    }
    if (data.note) {
      showNote(data.note);
    }
  }

  var source = container.getAttribute("data-map-source");
  if (source) {
    fetch(source, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("The map's points did not load: " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        draw(
          data,
          data.points.map(function (row) {
            return { lat: row[1], lng: row[2], name: row[3], url: data.url.replace("{id}", String(row[0])) };
          })
        );
      })
      .catch(function () {
        // The list below holds the same sites: the map stays hidden.
      });
    return;
  }

  var block = document.getElementById("map-data");
  if (block) {
    var data = JSON.parse(block.textContent);
    draw(data, data.points || []);
  }
})();
