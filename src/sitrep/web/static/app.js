/* sitrep dashboard.
 *
 * Every string that comes from the store (page text, comments, names, URLs) is
 * hostile: it is only ever put into the page as a text node (textContent or
 * createTextNode) on elements built with DOM calls. Nothing here assigns
 * innerHTML/outerHTML or builds markup from data, and no link is made from a
 * stored URL.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var PAGE = 1000;          // the API's largest page
  var MAX_MARKERS = 20000;  // past this the map shows the first ones and says so
  var TYPE_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"
  };

  var state = { filters: {}, since: null, until: null, stats: null, loadSeq: 0, graphStale: true };
  var map, cluster, boundaryLayer;

  // -- DOM helpers (text only) ---------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function $(id) { return document.getElementById(id); }
  function typeColour(t) {
    if (TYPE_COLOURS[t]) return TYPE_COLOURS[t];
    var h = 0, s = String(t || "");
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 360;
    return "hsl(" + h + ", 55%, 45%)";
  }
  function radius(f) {
    if (f === null || f === undefined) return 5;
    return Math.min(22, 5 + 3 * Math.sqrt(Math.max(0, f)));
  }
  function badge(text, extra) {
    var b = el("span", "badge" + (extra ? " " + extra : ""), text);
    return b;
  }
  function safeClass(s) { return String(s || "").toLowerCase().replace(/[^a-z0-9-]/g, ""); }

  function api(path, params) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      var v = params[k];
      if (v !== null && v !== undefined && v !== "") q.set(k, v);
    });
    var url = path + (q.toString() ? "?" + q.toString() : "");
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body && body.error) || ("HTTP " + r.status));
        return body;
      });
    });
  }
  function status(text) { $("status").textContent = text; }

  // -- filters -------------------------------------------------------------------
  function currentFilters(withDates) {
    var f = {};
    ["actor", "event_type", "certainty", "outlet"].forEach(function (k) {
      var v = $("f-" + k).value;
      if (v) f[k] = v;
    });
    if (withDates) {
      if (state.since) f.since = state.since;
      if (state.until) f.until = state.until;
    }
    return f;
  }
  function fillSelect(id, values) {
    var s = $(id);
    values.forEach(function (v) {
      var o = el("option", null, v);
      o.value = v;
      s.appendChild(o);
    });
  }
  function loadFacets() {
    return api("/api/facets").then(function (f) {
      fillSelect("f-actor", f.actors);
      fillSelect("f-event_type", f.event_types);
      fillSelect("f-certainty", f.certainties);
      fillSelect("f-outlet", f.outlets);
      drawLegend(f.event_types);
    });
  }
  function drawLegend(types) {
    var lg = $("legend");
    clear(lg);
    types.forEach(function (t) {
      var item = el("span", "legend-item");
      var sw = el("span", "swatch");
      sw.style.background = typeColour(t);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(t));
      lg.appendChild(item);
    });
    lg.appendChild(el("span", "hint", "circle size: fatalities (smallest = not stated)"));
  }

  // -- map -----------------------------------------------------------------------
  function initMap() {
    map = L.map("map", { zoomControl: true, attributionControl: false, minZoom: 3, maxZoom: 14 });
    map.setView([35.0, 38.5], 6);
    cluster = L.markerClusterGroup({ animate: false, animateAddingMarkers: false, chunkedLoading: false,
                                     maxClusterRadius: 40, showCoverageOnHover: false });
    map.addLayer(cluster);
    return api("/api/boundaries").then(function (gj) {
      boundaryLayer = L.geoJSON(gj, {
        style: function () { return { color: "#50657a", weight: 1, fillColor: "#eef1e6", fillOpacity: 1 }; },
        onEachFeature: function (feat, layer) {
          var name = feat.properties && (feat.properties.adm1_name || feat.properties.name);
          if (name) layer.bindTooltip(el("span", null, name), { sticky: true });
        }
      }).addTo(map);
      boundaryLayer.bringToBack();
      map.fitBounds(boundaryLayer.getBounds(), { animate: false });
    }).catch(function () { /* no boundaries: the markers still show */ });
  }

  function markerFor(ev) {
    var c = typeColour(ev.event_type);
    var m = L.circleMarker([ev.latitude, ev.longitude], {
      radius: radius(ev.fatalities), color: "#222", weight: 1, fillColor: c, fillOpacity: 0.8,
      className: "ev-marker"
    });
    var tip = el("div");
    tip.appendChild(el("div", "ev-tooltip-type", ev.sub_event_type || ev.event_type));
    tip.appendChild(el("div", null, (ev.event_date || "date unknown") + " · " + (ev.location || ev.admin1 || "")));
    m.bindTooltip(tip);
    m.on("click", function () { openEvent(ev.id); });
    return m;
  }

  function loadEvents() {
    var seq = ++state.loadSeq;
    var f = currentFilters(true);
    var all = [];
    var total = 0;
    status("loading events…");
    function page(offset) {
      return api("/api/events", Object.assign({ limit: PAGE, offset: offset }, f)).then(function (res) {
        if (seq !== state.loadSeq) return null; // a newer load started
        total = res.total;
        all = all.concat(res.items);
        if (all.length < total && all.length < MAX_MARKERS && res.items.length) return page(offset + PAGE);
        return res.level;
      });
    }
    return page(0).then(function (level) {
      if (level === null || seq !== state.loadSeq) return;
      cluster.clearLayers();
      var markers = [];
      all.forEach(function (ev) {
        if (typeof ev.latitude === "number" && typeof ev.longitude === "number") markers.push(markerFor(ev));
      });
      cluster.addLayers(markers);
      if (!state.fitted && markers.length) {
        // first view: the whole country and every event, even one geocoded far away
        var b = cluster.getBounds();
        if (boundaryLayer) b.extend(boundaryLayer.getBounds());
        map.fitBounds(b, { padding: [10, 10], animate: false });
        state.fitted = true;
      }
      var st = $("status");
      st.dataset.total = String(total);
      st.dataset.onMap = String(markers.length);
      st.dataset.level = level;
      st.dataset.loads = String(seq);
      status(total + (level === "merged" ? " merged events" : " event reports") + ", " + markers.length +
             " on the map" + (all.length < total ? " (first " + all.length + " loaded)" : ""));
    }).catch(function (e) { status("error: " + e.message); });
  }

  // -- timeline ------------------------------------------------------------------
  var DAY = 86400000;
  function toDays(iso) { return Date.parse(iso + "T00:00:00Z") / DAY; }
  function fromDays(d) { return new Date(Math.round(d) * DAY).toISOString().slice(0, 10); }

  function loadTimeline() {
    return api("/api/stats", currentFilters(false)).then(function (s) {
      state.stats = s;
      drawTimeline();
    });
  }
  function timelineGeom() {
    var s = state.stats;
    var svg = $("timeline");
    var w = svg.clientWidth || 800, h = svg.clientHeight || 90;
    var binDays = s.bin === "week" ? 7 : 1;
    var hist = s.histogram;
    if (!hist.length) return { w: w, h: h, bins: [], binDays: binDays };
    var d0 = toDays(hist[0].start), d1 = toDays(hist[hist.length - 1].start) + binDays;
    var pad = 4, bottom = 16;
    var sx = function (d) { return pad + (d - d0) / Math.max(1, d1 - d0) * (w - 2 * pad); };
    var max = Math.max.apply(null, hist.map(function (b) { return b.count; }));
    return { w: w, h: h, bins: hist, binDays: binDays, d0: d0, d1: d1, sx: sx, max: max, pad: pad, bottom: bottom };
  }
  function drawTimeline() {
    var svg = $("timeline");
    clear(svg);
    var g = timelineGeom();
    if (!g.bins.length) {
      svg.appendChild(svgEl("text", { x: 8, y: 40, "class": "axis" })).textContent = "no dated events";
      return;
    }
    var bw = Math.max(1, g.sx(g.d0 + g.binDays) - g.sx(g.d0) - 1);
    g.bins.forEach(function (b) {
      var d = toDays(b.start);
      var bh = (g.h - g.bottom - 4) * b.count / g.max;
      var inSel = state.since && state.until && b.start >= binStart(state.since, g) && b.start <= state.until;
      var r = svgEl("rect", { x: g.sx(d), y: g.h - g.bottom - bh, width: bw, height: Math.max(1, bh),
                              "class": "bar" + (inSel ? " in" : ""), "data-start": b.start, "data-count": b.count });
      var t = svgEl("title");
      t.textContent = b.start + ": " + b.count;
      r.appendChild(t);
      svg.appendChild(r);
    });
    var first = svgEl("text", { x: g.pad, y: g.h - 3, "class": "axis" });
    first.textContent = fromDays(g.d0);
    var last = svgEl("text", { x: g.w - g.pad, y: g.h - 3, "class": "axis", "text-anchor": "end" });
    last.textContent = fromDays(g.d1 - 1);
    svg.appendChild(first);
    svg.appendChild(last);
    if (state.since && state.until) {
      var x0 = g.sx(toDays(binStart(state.since, g))), x1 = g.sx(toDays(state.until) + 1);
      svg.appendChild(svgEl("rect", { x: x0, y: 0, width: Math.max(2, x1 - x0), height: g.h - g.bottom, "class": "brush" }));
    }
  }
  function binStart(iso, g) {
    if (g.binDays === 1) return iso;
    var d = toDays(iso);
    var weekday = (new Date(d * DAY).getUTCDay() + 6) % 7; // Monday = 0, as the API bins
    return fromDays(d - weekday);
  }
  function initBrush() {
    var svg = $("timeline");
    var startX = null, rect = null;
    function localX(evt) { var b = svg.getBoundingClientRect(); return evt.clientX - b.left; }
    svg.addEventListener("pointerdown", function (evt) {
      if (!state.stats || !state.stats.histogram.length) return;
      startX = localX(evt);
      svg.setPointerCapture(evt.pointerId);
      rect = svgEl("rect", { x: startX, y: 0, width: 1, height: svg.clientHeight - 16, "class": "brush" });
      svg.appendChild(rect);
    });
    svg.addEventListener("pointermove", function (evt) {
      if (startX === null) return;
      var x = localX(evt);
      rect.setAttribute("x", String(Math.min(x, startX)));
      rect.setAttribute("width", String(Math.max(1, Math.abs(x - startX))));
    });
    svg.addEventListener("pointerup", function (evt) {
      if (startX === null) return;
      var x = localX(evt), a = Math.min(x, startX), b = Math.max(x, startX);
      startX = null;
      if (b - a < 3) { setDates(null, null); return; } // a click clears the selection
      var g = timelineGeom();
      // the bins the brush touches, snapped to whole bins
      var chosen = g.bins.filter(function (bin) {
        var bx0 = g.sx(toDays(bin.start)), bx1 = g.sx(toDays(bin.start) + g.binDays);
        return bx1 >= a && bx0 <= b;
      });
      var inv = function (px) { return g.d0 + (px - g.pad) / (g.w - 2 * g.pad) * (g.d1 - g.d0); };
      var since, until;
      if (chosen.length) {
        since = chosen[0].start;
        until = fromDays(toDays(chosen[chosen.length - 1].start) + g.binDays - 1);
      } else {
        since = fromDays(Math.floor(inv(a)));
        until = fromDays(Math.floor(inv(b)));
      }
      setDates(since, until);
    });
    $("brush-clear").addEventListener("click", function () { setDates(null, null); });
  }
  function setDates(since, until) {
    state.since = since;
    state.until = until;
    $("brush-label").textContent = since ? since + " → " + until : "";
    $("brush-clear").hidden = !since;
    drawTimeline();
    state.graphStale = true;
    loadEvents();
  }

  // -- event panel ---------------------------------------------------------------
  function facts(pairs) {
    var dl = el("dl", "facts");
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === "") return;
      dl.appendChild(el("dt", null, p[0]));
      dl.appendChild(el("dd", null, p[1]));
    });
    return dl;
  }

  /* One paragraph with its evidence: each sentence becomes <mark class="ev-sentence">,
     and the field spans inside it <mark class="ev-field">. Text nodes only. */
  function evidenceParagraph(para, spans) {
    var text = para.text;
    var sentences = [];
    var fields = [];
    spans.forEach(function (s) {
      if (!s.paragraph || s.paragraph.kind !== para.kind || s.paragraph.idx !== para.idx) return;
      if (s.sentence) sentences.push([s.sentence.rel_start, s.sentence.rel_end]);
      if (s.field !== "sentence") fields.push([s.rel_start, s.rel_end, s.field]);
    });
    sentences.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    sentences.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    var p = el("p", "evidence-para");
    var pos = 0;
    merged.forEach(function (r) {
      if (r[0] > pos) p.appendChild(document.createTextNode(text.slice(pos, r[0])));
      var mk = el("mark", "ev-sentence");
      fillFields(mk, text, r[0], r[1], fields);
      p.appendChild(mk);
      pos = r[1];
    });
    if (pos < text.length) p.appendChild(document.createTextNode(text.slice(pos)));
    return p;
  }
  function fillFields(node, text, a, b, fields) {
    var cuts = [a, b];
    fields.forEach(function (f) {
      if (f[0] > a && f[0] < b) cuts.push(f[0]);
      if (f[1] > a && f[1] < b) cuts.push(f[1]);
    });
    cuts = cuts.filter(function (v, i, arr) { return arr.indexOf(v) === i; }).sort(function (x, y) { return x - y; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var s = cuts[i], e = cuts[i + 1];
      var names = fields.filter(function (f) { return f[0] <= s && f[1] >= e; }).map(function (f) { return f[2]; });
      if (names.length) {
        var m = el("mark", "ev-field", text.slice(s, e));
        m.title = names.join(", ");
        m.dataset.fields = names.join(" ");
        node.appendChild(m);
      } else {
        node.appendChild(document.createTextNode(text.slice(s, e)));
      }
    }
  }

  function openEvent(id) {
    var panel = $("panel");
    clear(panel);
    panel.appendChild(el("p", "hint", "loading…"));
    return api("/api/events/" + encodeURIComponent(id)).then(function (ev) {
      clear(panel);
      panel.dataset.eventId = ev.id;
      panel.appendChild(el("h2", null, ev.event_type + " — " + ev.sub_event_type));
      panel.appendChild(facts([
        ["date", ev.event_date], ["location", [ev.location, ev.admin1].filter(Boolean).join(", ")],
        ["actor 1", ev.actor1], ["actor 2", ev.actor2],
        ["fatalities", ev.fatalities === null || ev.fatalities === undefined ? "not stated" : ev.fatalities],
        ["certainty", ev.certainty], ["sources", ev.n_sources + " report(s) from " + ev.n_outlets + " outlet(s)"],
        ["notes", ev.notes]
      ]));
      panel.appendChild(el("h2", null, "Sources"));
      ev.sources.forEach(function (s) {
        var box = el("div", "source");
        box.dataset.eventId = s.event_id;
        box.appendChild(el("h3", null, s.outlet || "unknown outlet"));
        var meta = el("div", "meta");
        meta.appendChild(badge(s.certainty, safeClass(s.certainty)));
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", "claimant", s.claimed_by ? "claimed by " + s.claimed_by : "the outlet's own report"));
        meta.appendChild(document.createTextNode(" · " + (s.event_date || "no date") + " · " + (s.sub_event_type || "")));
        box.appendChild(meta);
        var docLine = el("div", "meta");
        var open = el("button", "linkish open-doc", s.document.title || s.document.name);
        open.type = "button";
        open.addEventListener("click", function () { openDocument(s.document.doc_id); });
        docLine.appendChild(open);
        docLine.appendChild(document.createTextNode(" (" + (s.document.published || "undated") + ")"));
        box.appendChild(docLine);
        if (!s.paragraphs.length) box.appendChild(el("p", "hint", "no evidence span stored for this report"));
        s.paragraphs.forEach(function (para) { box.appendChild(evidenceParagraph(para, s.evidence)); });
        panel.appendChild(box);
      });
    }).catch(function (e) { clear(panel); panel.appendChild(el("p", "hint", "error: " + e.message)); });
  }

  // -- document view -------------------------------------------------------------
  function showView(id) {
    Array.prototype.forEach.call(document.querySelectorAll(".view"), function (v) { v.hidden = v.id !== id; });
    Array.prototype.forEach.call(document.querySelectorAll("#tabs .tab"), function (t) {
      t.classList.toggle("active", t.dataset.view === id);
    });
    if (id === "view-map" && map) map.invalidateSize();
    if (id === "view-graph" && state.graphStale) loadGraph();
  }

  function openDocument(docId) {
    var art = $("doc-article"), com = $("doc-comments");
    clear(art);
    clear(com);
    $("tab-doc").disabled = false;
    showView("view-doc");
    return api("/api/documents/" + encodeURIComponent(docId)).then(function (d) {
      art.dataset.docId = d.doc_id;
      art.appendChild(el("h1", "doc-title", d.title || d.name));
      art.appendChild(el("p", "meta", [d.source || "unknown outlet", d.published || "undated", d.url || d.name]
        .join(" · ")));
      if (d.caption) art.appendChild(el("p", "meta caption", "Caption: " + d.caption));
      d.paragraphs.forEach(function (p) { art.appendChild(el("p", "para", p.text)); });
      if (d.events.length) {
        art.appendChild(el("h2", null, "Event reports read from this page"));
        var ul = el("ul");
        d.events.forEach(function (e) {
          var li = el("li");
          var b = el("button", "linkish", (e.event_date || "undated") + " · " + e.sub_event_type + " (" + e.certainty + ")");
          b.type = "button";
          b.addEventListener("click", function () { showView("view-map"); openEvent(e.event_id); });
          li.appendChild(b);
          ul.appendChild(li);
        });
        art.appendChild(ul);
      }
      com.appendChild(el("h2", null, "Reader comments (" + d.comments.length + ") — not part of the article"));
      com.appendChild(el("p", "warning", "Comments are shown as plain text. Claims in them are rumours, never events."));
      if (!d.comments_analysed && d.comments.length) com.appendChild(el("p", "hint", "no comment analysis stored"));
      d.comments.forEach(function (c) {
        var box = el("div", "comment");
        box.dataset.idx = String(c.idx);
        box.style.marginLeft = (Math.min(8, c.depth || 0) * 1.5) + "em";
        var head = el("div");
        head.appendChild(el("span", "author", c.author || "anonymous"));
        if (c.depth) head.appendChild(document.createTextNode(" · reply, depth " + c.depth));
        box.appendChild(head);
        box.appendChild(el("p", "text", c.text));
        var a = c.analysis;
        if (a) {
          var an = el("div", "analysis");
          an.appendChild(badge("abuse " + a.toxicity.toFixed(2), a.toxic ? "toxic" : ""));
          a.flags.forEach(function (f) { an.appendChild(badge(f, "toxic")); });
          a.topics.forEach(function (t) { an.appendChild(badge("topic: " + t)); });
          a.claims.forEach(function (cl) { an.appendChild(badge("rumour: " + cl.text, "rumoured")); });
          box.appendChild(an);
        }
        com.appendChild(box);
      });
    }).catch(function (e) { art.appendChild(el("p", "hint", "error: " + e.message)); });
  }

  // -- actor graph ---------------------------------------------------------------
  function loadGraph() {
    state.graphStale = false;
    var f = currentFilters(true);
    delete f.actor;
    return api("/api/actors/graph", f).then(drawGraph).catch(function (e) {
      $("graph-meta").textContent = "error: " + e.message;
    });
  }
  function drawGraph(g) {
    var svg = $("graph");
    clear(svg);
    var w = svg.clientWidth || 900, h = svg.clientHeight || 520;
    $("graph-meta").textContent = g.nodes.length + " actors, " + g.edges.length + " links (from " + g.source + ")";
    var n = g.nodes.length;
    if (!n) return;
    var idx = {};
    var pts = g.nodes.map(function (node, i) {
      idx[node.id] = i;
      var a = 2 * Math.PI * i / n;
      return { x: w / 2 + Math.cos(a) * w / 3, y: h / 2 + Math.sin(a) * h / 3, vx: 0, vy: 0 };
    });
    var links = g.edges.filter(function (e) { return e.source in idx && e.target in idx; });
    // a small deterministic force layout: repulsion, springs, gravity
    for (var it = 0; it < 300; it++) {
      var cool = 1 - it / 300;
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var dx = pts[i].x - pts[j].x, dy = pts[i].y - pts[j].y;
          var d2 = Math.max(25, dx * dx + dy * dy), fr = 4000 / d2;
          var d = Math.sqrt(d2);
          pts[i].vx += fr * dx / d; pts[i].vy += fr * dy / d;
          pts[j].vx -= fr * dx / d; pts[j].vy -= fr * dy / d;
        }
      }
      links.forEach(function (e) {
        var a = pts[idx[e.source]], b = pts[idx[e.target]];
        var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        var k = (d - 120) * 0.02;
        a.vx += k * dx / d; a.vy += k * dy / d; b.vx -= k * dx / d; b.vy -= k * dy / d;
      });
      pts.forEach(function (p) {
        p.vx += (w / 2 - p.x) * 0.005; p.vy += (h / 2 - p.y) * 0.005;
        p.x += Math.max(-20, Math.min(20, p.vx)) * cool; p.y += Math.max(-20, Math.min(20, p.vy)) * cool;
        p.x = Math.max(20, Math.min(w - 20, p.x)); p.y = Math.max(20, Math.min(h - 20, p.y));
        p.vx *= 0.5; p.vy *= 0.5;
      });
    }
    var maxW = Math.max.apply(null, links.map(function (e) { return e.weight; }).concat([1]));
    links.forEach(function (e) {
      var a = pts[idx[e.source]], b = pts[idx[e.target]];
      var line = svgEl("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "stroke-width": 1 + 5 * e.weight / maxW,
                                 "class": e.kind === "stated" ? "stated" : "event" });
      var t = svgEl("title");
      t.textContent = e.source + " " + (e.relation || "→") + " " + e.target + ": " + e.weight +
        (e.kind === "stated" ? " statement(s) in articles" : " event(s)");
      line.appendChild(t);
      svg.appendChild(line);
    });
    var maxN = Math.max.apply(null, g.nodes.map(function (x) { return x.events; }).concat([1]));
    g.nodes.forEach(function (node, i) {
      var p = pts[i];
      var c = svgEl("circle", { cx: p.x, cy: p.y, r: 5 + 12 * Math.sqrt(node.events / maxN), "class": "actor-node" });
      var t = svgEl("title");
      t.textContent = node.label + ": " + node.events + " event(s)";
      c.appendChild(t);
      c.addEventListener("click", function () {
        var sel = $("f-actor");
        if (!Array.prototype.some.call(sel.options, function (o) { return o.value === node.id; })) {
          var o = el("option", null, node.id);
          o.value = node.id;
          sel.appendChild(o);
        }
        sel.value = node.id;
        filtersChanged();
        showView("view-map");
      });
      svg.appendChild(c);
      var label = svgEl("text", { x: p.x + 8, y: p.y + 4 });
      label.textContent = node.label;
      svg.appendChild(label);
    });
  }

  // -- wiring --------------------------------------------------------------------
  function filtersChanged() {
    state.graphStale = true;
    loadTimeline();
    loadEvents();
    if (!$("view-graph").hidden) loadGraph();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("#tabs .tab"), function (t) {
      t.addEventListener("click", function () { if (!t.disabled) showView(t.dataset.view); });
    });
    ["actor", "event_type", "certainty", "outlet"].forEach(function (k) {
      $("f-" + k).addEventListener("change", filtersChanged);
    });
    $("reset").addEventListener("click", function () {
      ["actor", "event_type", "certainty", "outlet"].forEach(function (k) { $("f-" + k).value = ""; });
      state.since = state.until = null;
      $("brush-label").textContent = "";
      $("brush-clear").hidden = true;
      filtersChanged();
    });
    window.addEventListener("resize", function () { if (state.stats) drawTimeline(); });
    initBrush();
    Promise.all([initMap(), loadFacets()]).then(function () {
      return Promise.all([loadTimeline(), loadEvents()]);
    }).then(function () {
      document.body.dataset.ready = "1";
    }).catch(function (e) { status("error: " + e.message); });
  }

  // exposed for tests and the console: read-only views of what the page shows
  window.sitrep = { openEvent: openEvent, openDocument: openDocument, state: state };
  document.addEventListener("DOMContentLoaded", init);
})();
