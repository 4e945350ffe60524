// rasd map page: Leaflet over the Natural Earth shapes shipped with rasd (no tiles, nothing from
// another server). Events located at a town are solid circles, near a town ringed circles, both
// sized by people killed; events located only to a region or a country shade that country
// instead of standing as a dot at its centre. Clicking either lists its events beside the map.
// Text from the store is always set with textContent, never as HTML.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var list = document.getElementById("map-list");
  var count = document.getElementById("map-count");
  var map = L.map(el, {attributionControl: false, worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5,
                       renderer: L.svg({padding: 1})}).setView([28, 30], 2);

  function node(tag, value, cls) {
    var n = document.createElement(tag);
    if (value !== undefined) { n.textContent = value; }
    if (cls) { n.className = cls; }
    return n;
  }
  function number(n) { return Number(n).toLocaleString("en"); }
  function show(title, events) {
    list.textContent = "";
    list.appendChild(node("h3", title + " (" + events.length + ")"));
    var ul = node("ul", undefined, "map-events");
    events.forEach(function (f) {
      var p = f.properties;
      var li = node("li");
      var a = node("a", (p.event_date || "?") + " " + p.event_type + (p.sub_event_type ? " / " + p.sub_event_type : ""));
      a.href = "/event/" + encodeURIComponent(f.id);
      li.appendChild(a);
      li.appendChild(node("span", " " + (p.location || "") + (p.fatalities_best ? " · " + number(p.fatalities_best) + " killed" : ""), "meta"));
      ul.appendChild(li);
    });
    list.appendChild(ul);
  }
  function radius(events) {
    var killed = events.reduce(function (s, f) { return s + (f.properties.fatalities_best || 0); }, 0);
    return Math.min(5 + 3 * Math.sqrt(killed), 34);
  }
  function isoKey(iso) { return iso === null || iso === undefined ? "" : String(iso).padStart(3, "0"); }

  Promise.all([
    fetch("/static/world-110m.geojson").then(function (r) { return r.json(); }),
    fetch(el.dataset.events).then(function (r) { return r.json(); })
  ]).then(function (got) {
    var world = got[0], data = got[1];
    var byCountry = {}, byPoint = {}, points = [];
    data.features.forEach(function (f) {
      var p = f.properties;
      if ((p.geo_precision || 3) >= 3) {
        (byCountry[isoKey(p.iso)] = byCountry[isoKey(p.iso)] || []).push(f);
      } else {
        var key = f.geometry.coordinates.join(",");
        (byPoint[key] = byPoint[key] || []).push(f);
      }
    });
    var top = Math.max.apply(null, [1].concat(Object.keys(byCountry).map(function (k) { return byCountry[k].length; })));
    L.geoJSON(world, {
      style: function (feature) {
        var n = (byCountry[feature.id] || []).length;
        return {className: n ? "country has-events" : "country", weight: 0.6,
                fillOpacity: n ? 0.25 + 0.6 * n / top : 1};
      },
      onEachFeature: function (feature, layer) {
        var events = byCountry[feature.id];
        if (!events) { return; }
        layer.bindTooltip(node("span", feature.properties.name + ": " + events.length + " event(s) located only to the country or a region"));
        layer.on("click", function () { show(feature.properties.name + ", country or region level", events); });
      }
    }).addTo(map);
    Object.keys(byPoint).forEach(function (key) {
      var events = byPoint[key], p = events[0].properties, c = events[0].geometry.coordinates;
      var precise = events.every(function (f) { return f.properties.geo_precision === 1; });
      var marker = L.circleMarker([c[1], c[0]], {radius: radius(events), weight: 1.5,
        className: "point " + (precise ? "p1" : "p2") + " place-" + key.replace(/[^0-9]/g, "_")});
      marker.bindTooltip(node("span", (p.location || "?") + ": " + events.length + " event(s)"));
      marker.on("click", function () { show(p.location || "?", events); });
      marker.addTo(map);
      points.push([c[1], c[0]]);
    });
    var shaded = Object.keys(byCountry).reduce(function (s, k) { return s + byCountry[k].length; }, 0);
    count.textContent = number(data.features.length) + " event(s) with coordinates: " +
      number(data.features.length - shaded) + " at or near a town, " + number(shaded) +
      " only to a region or country" + (data.unlocated ? "; " + number(data.unlocated) + " without a place" : "") + ".";
    if (points.length) { map.fitBounds(L.latLngBounds(points).pad(0.4), {maxZoom: 6, animate: false}); }
    el.dataset.ready = "1";
  });
})();
