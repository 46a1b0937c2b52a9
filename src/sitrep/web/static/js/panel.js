/* The event panel (sources, claimant, claim status, evidence highlighted by field
 * in its paragraph) and the list of the filtered events. The panel is cleared
 * when its event leaves the filter. Whenever it shows an event it dispatches
 * `sitrep:event-shown` ({event_id, panel}) so review mode can add its controls.
 */
(function () {
  "use strict";

  var SR = window.SR, el = SR.el;
  var LIST_PAGE = 50;
  // evidence fields in the order of the key; the class gives each its colour (app.css)
  SR.EVIDENCE_FIELDS = [["trigger", "event word"], ["actor1", "actor 1"], ["actor2", "actor 2"],
                        ["location", "place"], ["date", "date"], ["fatalities", "fatalities"],
                        ["claimed_by", "claimant"], ["sentence", "sentence"]];
  var panelSeq = 0;

  SR.evidenceKey = function () {
    var key = el("div", "ev-key");
    key.appendChild(el("span", "hint", "Evidence: "));
    SR.EVIDENCE_FIELDS.forEach(function (f) {
      var m = el("mark", "ev ev-" + f[0], f[1]);
      key.appendChild(m);
      key.appendChild(document.createTextNode(" "));
    });
    return key;
  };

  /* `text` with field spans [start, end, field] marked, each piece a text node or a
     <mark class="ev ev-FIELD"> (innermost field wins where spans nest). */
  SR.markFields = function (node, text, spans) {
    var cuts = [0, text.length];
    spans.forEach(function (f) {
      if (f[0] > 0 && f[0] < text.length) cuts.push(f[0]);
      if (f[1] > 0 && f[1] < text.length) cuts.push(f[1]);
    });
    cuts = cuts.filter(function (v, i, arr) { return arr.indexOf(v) === i; }).sort(function (x, y) { return x - y; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var s = cuts[i], e = cuts[i + 1];
      var over = spans.filter(function (f) { return f[0] <= s && f[1] >= e; });
      if (!over.length) { node.appendChild(document.createTextNode(text.slice(s, e))); continue; }
      over.sort(function (x, y) { return (x[1] - x[0]) - (y[1] - y[0]); });
      var m = el("mark", "ev ev-" + SR.safeClass(over[0][2]), text.slice(s, e));
      m.title = over.map(function (f) { return f[2]; }).join(", ");
      m.dataset.fields = over.map(function (f) { return f[2]; }).join(" ");
      node.appendChild(m);
    }
    return node;
  };

  function facts(pairs) {
    var dl = el("dl", "facts");
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === "") return;
      dl.appendChild(el("dt", null, p[0]));
      dl.appendChild(el("dd", null, p[1]));
    });
    return dl;
  }

  /* One paragraph with its evidence: the sentence(s) as <mark class="ev-sentence">,
     and inside them each field span in its field's colour. */
  function evidenceParagraph(para, spans) {
    var text = para.text, sentences = [], fields = [];
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
      var inside = fields.map(function (f) { return [f[0] - r[0], f[1] - r[0], f[2]]; });
      SR.markFields(mk, text.slice(r[0], r[1]), inside);
      p.appendChild(mk);
      pos = r[1];
    });
    if (pos < text.length) p.appendChild(document.createTextNode(text.slice(pos)));
    return p;
  }

  SR.clearPanel = function () {
    var panel = SR.$("panel");
    SR.clear(panel);
    delete panel.dataset.eventId;
    panel.appendChild(el("p", "hint", "Click an event on the map or in the list to see its sources and evidence."));
    if (SR.state.event) { SR.state.event = null; SR.writeUrl(); }
  };

  SR.openEvent = function (id) {
    var panel = SR.$("panel");
    var s = ++panelSeq;
    SR.clear(panel);
    panel.appendChild(el("p", "hint", "loading…"));
    SR.state.event = id;
    SR.writeUrl();
    return SR.api("/api/events/" + encodeURIComponent(id)).then(function (ev) {
      if (s !== panelSeq) return;
      SR.clear(panel);
      panel.dataset.eventId = ev.id;
      var head = el("div", "panel-head");
      head.appendChild(el("h2", null, ev.event_type + " — " + ev.sub_event_type));
      var close = el("button", "linkish close-event", "close");
      close.type = "button";
      close.addEventListener("click", SR.clearPanel);
      head.appendChild(close);
      panel.appendChild(head);
      var corr = ev.level === "merged" ? ev.certainty : null;
      var claims = ev.sources.map(function (x) { return x.certainty; })
        .filter(function (v, i, a) { return v && a.indexOf(v) === i; }).join(", ");
      panel.appendChild(facts([
        ["date", ev.event_date], ["location", [ev.location, ev.admin1].filter(Boolean).join(", ")],
        ["actor 1", ev.actor1], ["actor 2", ev.actor2],
        ["fatalities", ev.fatalities === null || ev.fatalities === undefined ? "not stated" : ev.fatalities],
        ["claim status", claims], ["corroboration", corr],
        ["sources", ev.n_sources + " report(s) from " + ev.n_outlets + " outlet(s)"], ["notes", ev.notes]
      ]));
      panel.appendChild(el("h2", null, "Sources"));
      panel.appendChild(SR.evidenceKey());
      ev.sources.forEach(function (src) {
        var box = el("div", "source");
        box.dataset.eventId = src.event_id;
        box.appendChild(el("h3", null, src.outlet || "unknown outlet"));
        var meta = el("div", "meta");
        meta.appendChild(SR.badge(src.certainty, SR.safeClass(src.certainty)));
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(el("span", "claimant", src.claimed_by ? "claimed by " + src.claimed_by : "the outlet's own report"));
        meta.appendChild(document.createTextNode(" · " + (src.event_date || "no date") + " · " + (src.sub_event_type || "")));
        box.appendChild(meta);
        var docLine = el("div", "meta");
        var open = el("button", "linkish open-doc", src.document.title || src.document.name);
        open.type = "button";
        open.addEventListener("click", function () { SR.openDocument(src.document.doc_id); });
        docLine.appendChild(open);
        docLine.appendChild(document.createTextNode(" (" + (src.document.published || "undated") + ")"));
        box.appendChild(docLine);
        if (!src.paragraphs.length) box.appendChild(el("p", "hint", "no evidence span stored for this report"));
        src.paragraphs.forEach(function (para) { box.appendChild(evidenceParagraph(para, src.evidence)); });
        panel.appendChild(box);
      });
      document.dispatchEvent(new CustomEvent("sitrep:event-shown", { detail: { event_id: ev.id, panel: panel } }));
    }).catch(function (e) {
      if (s !== panelSeq) return;
      SR.clear(panel);
      panel.appendChild(el("p", "hint", "error: " + e.message));
    });
  };

  /* The list of filtered events, a page at a time; clicking one opens it. */
  SR.loadList = function (offset) {
    offset = offset || 0;
    var box = SR.$("event-list");
    return SR.api("/api/events", Object.assign({ limit: LIST_PAGE, offset: offset }, SR.filters())).then(function (res) {
      SR.clear(box);
      var head = el("div", "list-head");
      head.appendChild(el("span", null, res.total ? (offset + 1) + "–" + (offset + res.items.length) + " of " + res.total : "no events"));
      if (offset > 0) head.appendChild(pageButton("‹ newer", offset - LIST_PAGE));
      if (offset + res.items.length < res.total) head.appendChild(pageButton("older ›", offset + LIST_PAGE));
      box.appendChild(head);
      var ul = el("ul", "events");
      res.items.forEach(function (ev) {
        var li = el("li");
        li.dataset.eventId = ev.id;
        var sw = el("span", "swatch");
        sw.style.background = SR.typeColour(ev.event_type);
        li.appendChild(sw);
        var b = el("button", "linkish", (ev.event_date || "undated") + " · " + ev.sub_event_type + " · " +
                   (ev.location || ev.admin1 || "no place"));
        b.type = "button";
        b.addEventListener("click", function () { SR.openEvent(ev.id); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      box.dataset.total = String(res.total);
      return res;
    });
  };
  function pageButton(label, offset) {
    var b = el("button", "linkish pager", label);
    b.type = "button";
    b.addEventListener("click", function () { SR.loadList(Math.max(0, offset)); });
    return b;
  }

  /* After the filters change: keep the panel's event only if it still matches them. */
  SR.checkPanel = function () {
    var id = SR.$("panel").dataset.eventId;
    if (!id) return Promise.resolve();
    return SR.api("/api/events/" + encodeURIComponent(id) + "/matches", SR.filters()).then(function (r) {
      if (!r.matches) SR.clearPanel();
    }).catch(function () { SR.clearPanel(); });
  };
})();
