/* A map of the sites a page lists, drawn with the vendored Leaflet.
 *
 * Progressive enhancement: the page lists the same sites without it. The
 * points come from a JSON block (Django's json_script), never from inline
 * script, and the map stays hidden when Leaflet or the data is missing.
 */
(function () {
  "use strict";

  var container = document.querySelector("[data-map]");
  var source = document.getElementById("map-data");
  if (!container || !source || typeof window.L === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  if (!data.points || !data.points.length) {
    return;
  }
  container.hidden = false;

  var map = window.L.map(container, { scrollWheelZoom: false });
  window.L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18 }).addTo(map);

  var places = data.points.map(function (point) {
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    window.L.circleMarker([point.lat, point.lng], { radius: 7, weight: 2, className: "site-map__point" })
      .bindPopup(link)
      // Leaflet reads a string as HTML: a name goes in as a text node.
      .bindTooltip(document.createTextNode(point.name))
      .addTo(map);
    return [point.lat, point.lng];
  });
  if (places.length === 1) {
    map.setView(places[0], 7);
  } else {
    map.fitBounds(places, { padding: [24, 24], maxZoom: 9 });
  }
})();
