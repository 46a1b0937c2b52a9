/* sitrep dashboard: wiring. The filter form, the tabs and the URL all write the
 * one filter state (js/core.js); every view redraws from it. Each module builds
 * its DOM with text nodes only (see js/core.js).
 */
(function () {
  "use strict";

  var SR = window.SR, el = SR.el, $ = SR.$;
  var MENUS = ["event_type", "sub_event_type", "actor", "inter", "certainty", "corroboration", "outlet"];

  function fillSelect(id, values, labels) {
    var s = $(id);
    values.forEach(function (v, i) {
      var o = el("option", null, labels ? labels[i] : v);
      o.value = String(v);
      s.appendChild(o);
    });
  }
  function ensureOption(id, value) {
    var s = $(id);
    if (!value || Array.prototype.some.call(s.options, function (o) { return o.value === value; })) return;
    var o = el("option", null, value);
    o.value = value;
    s.appendChild(o);
  }

  function drawLegend(types) {
    var lg = $("legend");
    SR.clear(lg);
    types.forEach(function (t) {
      var item = el("span", "legend-item");
      var sw = el("span", "swatch");
      sw.style.background = SR.typeColour(t);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(t));
      lg.appendChild(item);
    });
    lg.appendChild(el("span", "hint", "circle size: fatalities (smallest = not stated) · clusters: share of each type"));
    var roads = el("span", "legend-item");
    roads.appendChild(el("span", "swatch road"));
    roads.appendChild(document.createTextNode("M4/M5 (schematic, through the towns they link)"));
    lg.appendChild(roads);
    var disputed = el("span", "legend-item");
    disputed.appendChild(el("span", "swatch disputed"));
    disputed.appendChild(document.createTextNode("contested line"));
    lg.appendChild(disputed);
  }

  function loadFacets() {
    return SR.api("/api/facets").then(function (f) {
      SR.state.vocab = f;
      fillSelect("f-event_type", f.event_types);
      fillSelect("f-sub_event_type", f.sub_event_types);
      fillSelect("f-actor", f.actors);
      fillSelect("f-inter", f.inters, f.inters.map(function (c) { return c + " " + SR.interLabel(c); }));
      fillSelect("f-certainty", f.claim_statuses);
      fillSelect("f-corroboration", f.corroborations);
      fillSelect("f-outlet", f.outlets);
      drawLegend(f.event_types);
    });
  }

  /* The form shows the state (after a URL load, a graph click, a brush). */
  function syncForm() {
    var f = SR.state.filters;
    MENUS.forEach(function (k) { ensureOption("f-" + k, f[k]); $("f-" + k).value = f[k] || ""; });
    $("f-q").value = f.q || "";
    $("f-since").value = f.since || "";
    $("f-until").value = f.until || "";
    $("f-inview").checked = !!f.bbox;
  }

  SR.showView = function (id) {
    if (!$(id)) id = "view-map";
    SR.state.view = id;
    Array.prototype.forEach.call(document.querySelectorAll(".view"), function (v) { v.hidden = v.id !== id; });
    Array.prototype.forEach.call(document.querySelectorAll("#tabs .tab"), function (t) {
      t.classList.toggle("active", t.dataset.view === id);
    });
    if (id !== "view-doc") SR.state.doc = null;
    SR.writeUrl();
    if (id === "view-map" && SR.map) { SR.map.invalidateSize(); SR.resizeTimeline(); }
    if (id === "view-graph" && SR.graphStale) SR.loadGraph();
    if (id === "view-docs") SR.loadDocuments();
  };

  /* Every view follows the filters; `why` says what changed ("bbox": the map view
     itself, which must not re-fit the map; "dates": the timeline only re-shades). */
  function refresh(why) {
    syncForm();
    SR.graphStale = true;
    var work = [SR.loadEvents(why), SR.loadList(0), SR.checkPanel()];
    if (!$("view-graph").hidden) work.push(SR.loadGraph());
    if (why === "dates") { SR.redrawTimeline(); SR.setBrushLabel(); }
    else work.push(SR.loadTimeline());
    if (!$("view-docs").hidden) work.push(SR.loadDocuments(0));
    return Promise.all(work).then(function () {
      $("status").dataset.refreshes = String(Number($("status").dataset.refreshes || 0) + 1);
    });
  }

  function exportView(format) {
    var qs = SR.query(Object.assign({ format: format }, SR.filters()));
    var a = el("a");
    a.href = "/api/export?" + qs;
    a.download = format === "geojson" ? "sitrep-view.geojson" : "sitrep-view.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function init() {
    SR.readUrl();
    Array.prototype.forEach.call(document.querySelectorAll("#tabs .tab"), function (t) {
      t.addEventListener("click", function () { if (!t.disabled) SR.showView(t.dataset.view); });
    });
    MENUS.forEach(function (k) {
      $("f-" + k).addEventListener("change", function () {
        var patch = {};
        patch[k] = $("f-" + k).value;
        SR.setFilters(patch, k);
      });
    });
    $("filters").addEventListener("submit", function (e) {
      e.preventDefault();
      SR.setFilters({ q: $("f-q").value.trim() }, "q");
    });
    $("f-q").addEventListener("change", function () { SR.setFilters({ q: $("f-q").value.trim() }, "q"); });
    ["since", "until"].forEach(function (k) {
      $("f-" + k).addEventListener("change", function () {
        var patch = {};
        patch[k] = $("f-" + k).value;
        SR.setFilters(patch, "dates");
      });
    });
    $("f-inview").addEventListener("change", function () {
      SR.setFilters({ bbox: $("f-inview").checked ? SR.boundsParam() : null }, "bbox");
    });
    $("f-bin").addEventListener("change", function () { SR.loadTimeline(); });  // not a filter: the bin width
    $("brush-clear").addEventListener("click", function () { SR.setFilters({ since: null, until: null }, "dates"); });
    $("reset").addEventListener("click", function () {
      SR.state.filters = {};
      SR.setFilters({}, "reset");
    });
    $("export-csv").addEventListener("click", function () { exportView("acled-csv"); });
    $("export-geojson").addEventListener("click", function () { exportView("geojson"); });
    window.addEventListener("resize", function () { SR.resizeTimeline(); });
    SR.onFilters(refresh);
    var t0 = performance.now();
    // the two largest responses are asked for at once and drawn once the map and menus are up
    var points = SR.fetchPoints(), stats = SR.fetchStats();
    points.catch(function () { /* reported by loadEvents */ });
    stats.catch(function () { /* reported by loadTimeline */ });
    Promise.all([SR.initMap(), loadFacets()]).then(function () {
      syncForm();
      if (SR.state.filters.bbox) SR.fitBbox(SR.state.filters.bbox);
      var first = [SR.loadTimeline(stats), SR.loadEvents(SR.state.filters.bbox ? "bbox" : "load", points), SR.loadList(0)];
      if (SR.state.event) first.push(SR.openEvent(SR.state.event));
      return Promise.all(first);
    }).then(function () {
      var doc = SR.state.doc, view = SR.state.view;
      if (doc) SR.openDocument(doc);
      else SR.showView(view);
      document.body.dataset.firstViewMs = String(Math.round(performance.now() - t0));
      document.body.dataset.ready = "1";
    }).catch(function (e) { SR.status("error: " + e.message); });
  }

  // exposed for tests and the console: read-only views of what the page shows
  window.sitrep = {
    openEvent: function (id) { return SR.openEvent(id); },
    openDocument: function (id) { return SR.openDocument(id); },
    state: SR.state,
    graph: function () { return SR.graph(); },
    map: function () { return SR.map; }
  };
  document.addEventListener("DOMContentLoaded", init);
})();
