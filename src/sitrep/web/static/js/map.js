/* The map: offline basemap layers under the governorates, place labels by zoom,
 * the schematic M4/M5 corridors, and the filtered events clustered in the
 * event-type colours of the legend. Re-fits to the filtered events whenever a
 * filter other than the map view itself changes.
 */
(function () {
  "use strict";

  var SR = window.SR, el = SR.el;
  var MAX_MARKERS = 20000;  // past this the map shows the newest ones and says so
  var map, cluster, boundaryLayer, labelLayer, syriaBounds;
  var loadSeq = 0, labelSeq = 0;

  function radius(f) {
    if (f === null || f === undefined) return 5;
    return Math.min(22, 5 + 3 * Math.sqrt(Math.max(0, f)));
  }

  function tip(text) { return el("span", null, text); }

  /* A cluster bubble is a pie of its events' types, in the legend's colours. */
  function clusterIcon(c) {
    var counts = {};
    var kids = c.getAllChildMarkers();
    kids.forEach(function (m) { counts[m.options.evType] = (counts[m.options.evType] || 0) + 1; });
    var types = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
    var stops = [], at = 0;
    types.forEach(function (t) {
      var to = at + 100 * counts[t] / kids.length;
      stops.push(SR.typeColour(t) + " " + at.toFixed(2) + "% " + to.toFixed(2) + "%");
      at = to;
    });
    var n = kids.length;
    var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    var ring = el("div", "sr-cluster-ring");
    ring.style.background = "conic-gradient(" + stops.join(", ") + ")";
    ring.dataset.dominant = types[0];
    var count = el("span", null, String(n));
    ring.appendChild(count);
    return L.divIcon({ html: ring, className: "marker-cluster sr-cluster", iconSize: L.point(size, size) });
  }

  function style(kind, feat) {
    var p = feat.properties || {};
    switch (kind) {
      case "land": return { stroke: false, fillColor: "#e6e1d3", fillOpacity: 1 };
      case "countries": return p.a3 === "SYR" ? { stroke: false, fillColor: "#f4f1e6", fillOpacity: 1 }
        : { stroke: false, fillColor: "#e3ddcc", fillOpacity: 1, className: "bm-neighbour" };
      case "lakes": return { color: "#6f9cc6", weight: 0.6, fillColor: "#a8c8e4", fillOpacity: 1 };
      case "rivers": return { color: "#6f9cc6", weight: 1.4, opacity: 0.9 };
      case "coast": return { color: "#6f8ea8", weight: 0.8 };
      case "borders": return p.contested ? { color: "#9b3d2a", weight: 1.6, dashArray: "6 4", className: "bm-contested" }
        : { color: "#6b5f55", weight: 1.3 };
      case "corridors": return { color: "#a34f1c", weight: 3, opacity: 0.75, dashArray: "10 6", className: "bm-corridor" };
    }
    return {};
  }

  function addBasemap(bm) {
    map.createPane("basemap").style.zIndex = 250;
    map.createPane("corridors").style.zIndex = 420;
    map.createPane("labels").style.zIndex = 450;
    map.getPane("labels").style.pointerEvents = "none";
    ["land", "countries", "lakes", "rivers", "coast", "borders"].forEach(function (kind) {
      L.geoJSON(bm.layers[kind], {
        pane: "basemap", interactive: false, style: function (f) { return style(kind, f); }
      }).addTo(map);
    });
    var corridors = L.geoJSON(bm.layers.corridors, {
      pane: "corridors", style: function (f) { return style("corridors", f); },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(tip(f.properties.label + ": " + f.properties.via.join(" – ")), { sticky: true });
      }
    }).addTo(map);
    // each corridor's name at its middle vertex, always shown
    bm.layers.corridors.features.forEach(function (f) {
      var c = f.geometry.coordinates[Math.floor(f.geometry.coordinates.length / 2)];
      L.marker([c[1], c[0]], { pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({ html: el("span", null, f.properties.label), className: "road-label", iconSize: null }) }).addTo(map);
    });
    corridors.bringToFront();
    // towns outside Syria, from Natural Earth
    var outside = L.layerGroup().addTo(map);
    function drawOutside() {
      outside.clearLayers();
      var z = map.getZoom();
      bm.layers.places.features.forEach(function (f) {
        if ((f.properties.min_zoom || 0) > z + 0.5) return;
        var c = f.geometry.coordinates;
        outside.addLayer(L.marker([c[1], c[0]], { pane: "labels", interactive: false, keyboard: false,
          icon: L.divIcon({ html: el("span", null, f.properties.name), className: "place-label foreign", iconSize: null }) }));
      });
    }
    map.on("zoomend", drawOutside);
    drawOutside();
  }

  /* Gazetteer labels for the current view and zoom, asked from the server. */
  function loadLabels() {
    var seq = ++labelSeq;
    var b = map.getBounds(), z = map.getZoom();
    var bbox = [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()),
                Math.min(90, b.getNorth())].map(function (v) { return v.toFixed(3); }).join(",");
    return SR.api("/api/labels", { bbox: bbox, zoom: Math.floor(z) }).then(function (res) {
      if (seq !== labelSeq) return;
      labelLayer.clearLayers();
      res.items.forEach(function (p) {
        var cls = "place-label z" + p.min_zoom + (p.min_zoom <= 6 ? " major" : "");
        labelLayer.addLayer(L.marker([p.lat, p.lon], { pane: "labels", interactive: false, keyboard: false,
          icon: L.divIcon({ html: el("span", null, p.name), className: cls, iconSize: null }) }));
      });
      SR.$("map").dataset.labels = String(res.items.length);
    }).catch(function () { /* labels are decoration: the events still show */ });
  }

  SR.initMap = function () {
    map = L.map("map", { zoomControl: true, attributionControl: true, minZoom: 4, maxZoom: 15, preferCanvas: false });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth (public domain) · OCHA Syria / HDX · GeoNames · M4/M5 schematic");
    map.setView([35.0, 38.5], 6);
    cluster = L.markerClusterGroup({ animate: false, animateAddingMarkers: false, chunkedLoading: true,
                                     maxClusterRadius: 40, showCoverageOnHover: false, iconCreateFunction: clusterIcon });
    labelLayer = L.layerGroup();
    SR.map = map;
    return Promise.all([SR.api("/api/basemap"), SR.api("/api/boundaries")]).then(function (r) {
      addBasemap(r[0]);
      boundaryLayer = L.geoJSON(r[1], {
        style: function () { return { color: "#50657a", weight: 1, fillColor: "#f4f1e6", fillOpacity: 0.35, className: "adm1" }; },
        onEachFeature: function (feat, layer) {
          var name = feat.properties && (feat.properties.adm1_name || feat.properties.name);
          if (name) layer.bindTooltip(tip(name), { sticky: true });
        }
      }).addTo(map);
      syriaBounds = boundaryLayer.getBounds();
      map.fitBounds(syriaBounds, { animate: false });
      labelLayer.addTo(map);
      map.addLayer(cluster);
      var t = null;
      map.on("moveend", function () {
        clearTimeout(t);
        t = setTimeout(function () {
          loadLabels();
          if (SR.$("f-inview").checked) SR.setFilters({ bbox: SR.boundsParam() }, "bbox");
        }, 150);
      });
      loadLabels();  // decoration: the first view does not wait for it
      // one handler for every marker (20,000 closures and tooltips cost the first view ~0.5 s)
      cluster.on("click", function (e) { if (e.layer.options.evId) SR.openEvent(e.layer.options.evId); });
      cluster.on("mouseover", function (e) {
        var m = e.layer, ev = m.options.ev;
        if (!ev || m.getTooltip()) return;
        var t = el("div");
        t.appendChild(el("div", "ev-tooltip-type", ev.sub_event_type || ev.event_type));
        t.appendChild(el("div", null, (ev.event_date || "date unknown") + " · " + (ev.location || "")));
        m.bindTooltip(t).openTooltip();
      });
    });
  };

  SR.boundsParam = function () {
    var b = map.getBounds();
    return [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()),
            Math.min(90, b.getNorth())].map(function (v) { return v.toFixed(4); }).join(",");
  };
  SR.fitBbox = function (bbox) {
    var v = String(bbox).split(",").map(Number);
    if (v.length === 4 && v.every(isFinite)) map.fitBounds([[v[1], v[0]], [v[3], v[2]]], { animate: false });
  };

  /* /api/points rows (arrays, types by index) as the objects markerFor reads. */
  function pointsOf(res) {
    var at = {};
    res.fields.forEach(function (f, i) { at[f] = i; });
    return res.rows.map(function (r) {
      return { id: r[at.id], event_date: r[at.event_date], event_type: res.types[r[at.type]],
               sub_event_type: res.sub_types[r[at.sub_type]], location: r[at.place], latitude: r[at.latitude],
               longitude: r[at.longitude], fatalities: r[at.fatalities] };
    });
  }

  function markerFor(ev) {
    return L.circleMarker([ev.latitude, ev.longitude], {
      radius: radius(ev.fatalities), color: "#222", weight: 1, fillColor: SR.typeColour(ev.event_type),
      fillOpacity: 0.85, className: "ev-marker", evType: ev.event_type, evId: ev.id, ev: ev
    });
  }

  /* Load the filtered events (compact rows, one request) and draw them. Re-fits the
     map unless the map view is itself the filter. Resolves to the loaded rows. */
  SR.fetchPoints = function () { return SR.api("/api/points", Object.assign({ limit: MAX_MARKERS }, SR.filters())); };
  /* `prefetched`: the first view asks for its points while the basemap and menus load. */
  SR.loadEvents = function (why, prefetched) {
    var seq = ++loadSeq;
    var t0 = performance.now();
    SR.status("loading events…");
    return (prefetched || SR.fetchPoints()).then(function (res) {
      if (seq !== loadSeq) return null;  // a newer load started
      cluster.clearLayers();
      var markers = [];
      var items = pointsOf(res);
      items.forEach(function (ev) {
        if (typeof ev.latitude === "number" && typeof ev.longitude === "number") markers.push(markerFor(ev));
      });
      cluster.addLayers(markers);
      if (why !== "bbox" && !SR.state.filters.bbox) {
        // bounds from the rows: chunked loading adds the markers to the cluster over the next frames
        if (markers.length) map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })),
                                          { padding: [30, 30], maxZoom: 11, animate: false });
        else if (syriaBounds) map.fitBounds(syriaBounds, { animate: false });
      }
      var st = SR.$("status");
      st.dataset.total = String(res.total);
      st.dataset.onMap = String(markers.length);
      st.dataset.level = res.level;
      st.dataset.loads = String(seq);
      st.dataset.ms = String(Math.round(performance.now() - t0));
      SR.status(res.total + (res.level === "merged" ? " merged events" : " event reports") + ", " + markers.length +
                " on the map" + (items.length < res.total ? " (newest " + items.length + " loaded)" : ""));
      return res;
    }).catch(function (e) { SR.status("error: " + e.message); return null; });
  };
})();
