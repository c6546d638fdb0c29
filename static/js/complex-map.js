/* The city map (evaluations/complex_map.html): draws each complex of #complex-map-data as a
   circle marker coloured by status and sized by units, with a popup; adds the tile layer of
   data-tiles when set. Without tiles, or when a tile fails to load, the tile layer is removed
   and the "map background not available" note shows; the markers stay. */
(function () {
  "use strict";
  var element = document.getElementById("complex-map");
  var data = document.getElementById("complex-map-data");
  if (!element || !data || typeof L === "undefined") {
    return;
  }
  // The colours of evaluations/_status_badge.html (Bootstrap's danger, warning, success, secondary).
  var COLOURS = { red: "#dc3545", amber: "#ffc107", green: "#198754", no_data: "#6c757d" };
  var NEUTRAL = "#0d6efd";
  var ROTTERDAM = [51.9225, 4.47917];
  var markers = JSON.parse(data.textContent);
  var note = document.getElementById("map-no-tiles");
  var map = L.map(element, { center: ROTTERDAM, zoom: 12 });
  map.attributionControl.setPrefix(false);

  function showNote() {
    if (note) {
      note.classList.remove("d-none");
    }
  }

  function escaped(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  var tiles = element.dataset.tiles;
  if (tiles) {
    var layer = L.tileLayer(tiles, {
      maxZoom: 19,
      attribution: escaped(element.dataset.attribution || ""),
    });
    layer.once("tileerror", function () {
      // Offline or a wrong URL: no more tile requests, the markers on a plain background.
      map.removeLayer(layer);
      showNote();
    });
    layer.addTo(map);
  } else {
    showNote();
  }

  function popup(marker) {
    var box = document.createElement("div");
    box.className = "complex-map-popup";
    var name = document.createElement("strong");
    name.textContent = marker.name;
    box.appendChild(name);
    if (marker.status) {
      var figures = document.createElement("div");
      figures.textContent = marker.status_label + " · " + element.dataset.indexText + " " + marker.index + " ";
      if (marker.trend) {
        var arrow = document.createElement("span");
        arrow.textContent = marker.trend;
        arrow.title = marker.trend_label;
        arrow.setAttribute("aria-hidden", "true");
        var words = document.createElement("span");
        words.className = "visually-hidden";
        words.textContent = marker.trend_label;
        figures.appendChild(arrow);
        figures.appendChild(words);
      }
      box.appendChild(figures);
    }
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = element.dataset.linkText || marker.name;
    box.appendChild(document.createElement("br"));
    box.appendChild(link);
    return box;
  }

  var bounds = [];
  markers.forEach(function (marker) {
    var colour = marker.status ? COLOURS[marker.status] || COLOURS.no_data : NEUTRAL;
    var radius = Math.max(5, Math.min(20, Math.sqrt(marker.units || 1) * 1.5));
    L.circleMarker([marker.lat, marker.lng], {
      radius: radius,
      color: "#212529",
      weight: 1,
      fillColor: colour,
      fillOpacity: 0.85,
    })
      .bindPopup(popup(marker))
      .addTo(map);
    bounds.push([marker.lat, marker.lng]);
  });
  if (bounds.length > 1) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
  } else if (bounds.length === 1) {
    map.setView(bounds[0], 15);
  }
})();
