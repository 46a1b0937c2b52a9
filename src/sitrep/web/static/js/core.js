/* sitrep dashboard: shared helpers and the ONE filter state.
 *
 * Every string that comes from the store (page text, comments, names, URLs) is
 * hostile: it is only ever put into the page as a text node (textContent or
 * createTextNode) on elements built with DOM calls. Nothing here assigns markup
 * from data, and no link is made from a stored URL.
 *
 * Why one state object: the map, timeline, event list, actor graph, document
 * list and export button all read the same filters, so a change anywhere
 * (a menu, the brush, a graph click, the map view) reaches every view, and the
 * whole state round-trips through the page URL (shareable, reloadable).
 */
(function () {
  "use strict";

  var SR = window.SR = {};
  var SVG = "http://www.w3.org/2000/svg";

  // filter keys, in URL order; each is a query parameter of /api/events, /api/stats, ...
  SR.FILTER_KEYS = ["q", "since", "until", "event_type", "sub_event_type", "actor", "inter", "certainty",
                    "corroboration", "outlet", "bbox"];
  // page state kept in the URL beside the filters
  SR.VIEW_KEYS = ["view", "event", "doc", "dpage"];

  SR.state = { filters: {}, view: "view-map", event: null, doc: null, dpage: 0, vocab: null };

  SR.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  SR.svgEl = function (tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  };
  SR.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); };
  SR.$ = function (id) { return document.getElementById(id); };
  SR.badge = function (text, extra) { return SR.el("span", "badge" + (extra ? " " + extra : ""), text); };
  SR.safeClass = function (s) { return String(s || "").toLowerCase().replace(/[^a-z0-9-]/g, ""); };
  SR.status = function (text) { SR.$("status").textContent = text; };

  /* Text with search hits between \u0002 and \u0003 (as the API marks them) into
     text nodes and <mark class="hit"> elements. */
  SR.marked = function (node, text) {
    String(text || "").split("\u0002").forEach(function (part, i) {
      if (i === 0) { node.appendChild(document.createTextNode(part)); return; }
      var cut = part.indexOf("\u0003");
      var hit = cut < 0 ? part : part.slice(0, cut);
      node.appendChild(SR.el("mark", "hit", hit));
      if (cut >= 0) node.appendChild(document.createTextNode(part.slice(cut + 1)));
    });
    return node;
  };

  SR.typeColour = function (t) {
    var known = SR.state.vocab && SR.state.vocab.event_type_colours;
    if (known && known[t]) return known[t];
    var h = 0, s = String(t || "");
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 360;
    return "hsl(" + h + ", 55%, 45%)";
  };
  SR.interColour = function (code) {
    var inter = SR.state.vocab && SR.state.vocab.inter_codes;
    var v = inter && inter[String(code === null || code === undefined ? 0 : code)];
    return v ? v.colour : "#9aa5b1";
  };
  SR.interLabel = function (code) {
    var inter = SR.state.vocab && SR.state.vocab.inter_codes;
    var v = inter && inter[String(code)];
    return v ? v.label : "inter " + code;
  };

  SR.query = function (params) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      var v = params[k];
      if (v !== null && v !== undefined && v !== "") q.set(k, v);
    });
    return q.toString();
  };
  SR.api = function (path, params) {
    var qs = SR.query(params);
    return fetch(path + (qs ? "?" + qs : ""), { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body && body.error) || ("HTTP " + r.status));
        return body;
      });
    });
  };

  /* The filters as API parameters; `omit` drops keys a view applies itself (the
     timeline shows every date and marks the chosen range). */
  SR.filters = function (omit) {
    var out = {};
    SR.FILTER_KEYS.forEach(function (k) {
      if (omit && omit.indexOf(k) >= 0) return;
      var v = SR.state.filters[k];
      if (v !== undefined && v !== null && v !== "") out[k] = v;
    });
    return out;
  };

  // -- change propagation ----------------------------------------------------------
  var listeners = [];
  SR.onFilters = function (fn) { listeners.push(fn); };
  /* Merge `patch` into the filters (null/"" removes a key), write the URL, tell every view. */
  SR.setFilters = function (patch, why) {
    Object.keys(patch).forEach(function (k) {
      var v = patch[k];
      if (v === null || v === undefined || v === "") delete SR.state.filters[k];
      else SR.state.filters[k] = String(v);
    });
    SR.writeUrl();
    listeners.forEach(function (fn) { fn(why || "filters"); });
  };

  // -- URL round trip ----------------------------------------------------------------
  SR.writeUrl = function () {
    var p = SR.filters();
    if (SR.state.view && SR.state.view !== "view-map") p.view = SR.state.view.replace("view-", "");
    if (SR.state.event) p.event = SR.state.event;
    if (SR.state.doc) p.doc = SR.state.doc;
    if (SR.state.dpage) p.dpage = SR.state.dpage;
    var qs = SR.query(p);
    var url = location.pathname + (qs ? "?" + qs : "");
    if (url !== location.pathname + location.search) history.replaceState(null, "", url);
  };
  SR.readUrl = function () {
    var p = new URLSearchParams(location.search);
    SR.state.filters = {};
    SR.FILTER_KEYS.forEach(function (k) { if (p.get(k)) SR.state.filters[k] = p.get(k); });
    SR.state.view = p.get("view") ? "view-" + p.get("view").replace(/[^a-z]/g, "") : "view-map";
    SR.state.event = p.get("event") || null;
    SR.state.doc = p.get("doc") || null;
    SR.state.dpage = parseInt(p.get("dpage") || "0", 10) || 0;
  };
})();
