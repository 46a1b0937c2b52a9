/* Documents: the paged list of every stored page (so a page with comments and no
 * events can be opened), text search over pages with the hits marked, reader
 * comments searched in a list of their own, and the document view with its
 * evidence marked by field (with a key) and its comment thread apart.
 */
(function () {
  "use strict";

  var SR = window.SR, el = SR.el;
  var PAGE = 25;
  var seq = 0;

  function cell(tr, text, cls) { var td = el("td", cls, text); tr.appendChild(td); return td; }

  function docRow(d, snippet) {
    var tr = el("tr");
    tr.dataset.docId = d.doc_id;
    cell(tr, d.published || "undated");
    cell(tr, d.outlet || "unknown");
    var td = el("td");
    var b = el("button", "linkish open-doc", d.title || d.name || d.doc_id);
    b.type = "button";
    b.addEventListener("click", function () { SR.openDocument(d.doc_id); });
    td.appendChild(b);
    if (snippet) td.appendChild(SR.marked(el("div", "snippet"), snippet));
    tr.appendChild(td);
    cell(tr, d.events === undefined ? "" : String(d.events), "num");
    cell(tr, d.comments === undefined ? "" : String(d.comments), "num");
    return tr;
  }

  function table(rows) {
    var t = el("table", "doc-table");
    var head = el("tr");
    ["published", "outlet", "title", "events", "comments"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    t.appendChild(head);
    rows.forEach(function (r) { t.appendChild(r); });
    return t;
  }

  function pager(total, offset, go) {
    var p = el("div", "pager-row");
    p.appendChild(el("span", null, total ? (offset + 1) + "–" + Math.min(total, offset + PAGE) + " of " + total : "none"));
    if (offset > 0) {
      var prev = el("button", "linkish pager prev", "‹ previous");
      prev.type = "button";
      prev.addEventListener("click", function () { go(offset - PAGE); });
      p.appendChild(prev);
    }
    if (offset + PAGE < total) {
      var next = el("button", "linkish pager next", "next ›");
      next.type = "button";
      next.addEventListener("click", function () { go(offset + PAGE); });
      p.appendChild(next);
    }
    return p;
  }

  /* The document list, or with a search the matching pages with their best passage. */
  SR.loadDocuments = function (page) {
    if (page !== undefined) { SR.state.dpage = page; SR.writeUrl(); }
    var s = ++seq, offset = SR.state.dpage * PAGE;
    var f = SR.state.filters;
    var box = SR.$("doc-list"), comments = SR.$("comment-hits");
    var go = function (o) { SR.loadDocuments(Math.floor(o / PAGE)); };
    var req = f.q
      ? SR.api("/api/search", { q: f.q, kind: "documents", limit: PAGE, offset: offset })
      : SR.api("/api/documents", { outlet: f.outlet, limit: PAGE, offset: offset });
    var done = req.then(function (res) {
      if (s !== seq) return;
      SR.clear(box);
      box.appendChild(el("h2", null, f.q ? "Pages matching “" + f.q + "”" : "All documents"));
      box.appendChild(pager(res.total, offset, go));
      box.appendChild(table(res.items.map(function (d) { return docRow(d, d.snippet); })));
      box.dataset.total = String(res.total);
    });
    SR.clear(comments);
    if (f.q) {
      SR.api("/api/search", { q: f.q, kind: "comments", limit: 20 }).then(function (res) {
        if (s !== seq) return;
        comments.appendChild(el("h2", null, "Reader comments matching “" + f.q + "” (" + res.total + ")"));
        comments.appendChild(el("p", "warning", "Comments are searched apart: they are never events."));
        res.items.forEach(function (c) {
          var d = el("div", "comment");
          var head = el("div");
          head.appendChild(el("span", "author", c.author || "anonymous"));
          var open = el("button", "linkish open-doc", "open its page");
          open.type = "button";
          open.addEventListener("click", function () { SR.openDocument(c.doc_id); });
          head.appendChild(document.createTextNode(" · "));
          head.appendChild(open);
          d.appendChild(head);
          d.appendChild(SR.marked(el("p", "text"), c.snippet));
          comments.appendChild(d);
        });
      }).catch(function () { /* the page list still shows */ });
    }
    return done.catch(function (e) { SR.clear(box); box.appendChild(el("p", "hint", "error: " + e.message)); });
  };

  /* Words of the search, for marking them in the document text (case-insensitive). */
  function searchWords() {
    var q = SR.state.filters.q;
    if (!q) return [];
    return (q.match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return w.length > 1; })
      .map(function (w) { return w.toLowerCase(); });
  }
  /* Mark search words inside the text nodes of `node` (already built with text only). */
  function markSearch(node, words) {
    if (!words.length) return 0;
    var n = 0;
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    var re = new RegExp("(?<![\\p{L}\\p{N}])(" + words.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "giu");
    texts.forEach(function (t) {
      var s = t.nodeValue, last = 0, m, frag = document.createDocumentFragment(), hit = false;
      re.lastIndex = 0;
      while ((m = re.exec(s)) !== null) {
        hit = true;
        if (m.index > last) frag.appendChild(document.createTextNode(s.slice(last, m.index)));
        frag.appendChild(el("mark", "hit", m[0]));
        last = m.index + m[0].length;
        n++;
      }
      if (!hit) return;
      if (last < s.length) frag.appendChild(document.createTextNode(s.slice(last)));
      t.parentNode.replaceChild(frag, t);
    });
    return n;
  }

  SR.openDocument = function (docId) {
    var art = SR.$("doc-article"), com = SR.$("doc-comments");
    SR.clear(art);
    SR.clear(com);
    SR.$("tab-doc").disabled = false;
    SR.state.doc = docId;
    SR.showView("view-doc");
    return SR.api("/api/documents/" + encodeURIComponent(docId)).then(function (d) {
      art.dataset.docId = d.doc_id;
      art.appendChild(el("h1", "doc-title", d.title || d.name));
      art.appendChild(el("p", "meta", [d.source || "unknown outlet", d.published || "undated", d.url || d.name].join(" · ")));
      if (d.caption) art.appendChild(el("p", "meta caption", "Caption: " + d.caption));
      if (d.evidence.length) art.appendChild(SR.evidenceKey());
      else art.appendChild(el("p", "hint no-events", "No event was read from this page."));
      d.paragraphs.forEach(function (p) {
        var spans = d.evidence.filter(function (e) { return e.start >= p.start && e.end <= p.end && e.field !== "sentence"; })
          .map(function (e) { return [e.start - p.start, e.end - p.start, e.field]; });
        art.appendChild(SR.markFields(el("p", "para"), p.text, spans));
      });
      if (d.events.length) {
        art.appendChild(el("h2", null, "Event reports read from this page"));
        var ul = el("ul");
        d.events.forEach(function (e) {
          var li = el("li");
          var b = el("button", "linkish", (e.event_date || "undated") + " · " + e.sub_event_type + " (" + e.certainty + ")");
          b.type = "button";
          b.addEventListener("click", function () { SR.showView("view-map"); SR.openEvent(e.event_id); });
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
          an.appendChild(SR.badge("abuse " + a.toxicity.toFixed(2), a.toxic ? "toxic" : ""));
          a.flags.forEach(function (f) { an.appendChild(SR.badge(f, "toxic")); });
          a.topics.forEach(function (t) { an.appendChild(SR.badge("topic: " + t)); });
          a.claims.forEach(function (cl) { an.appendChild(SR.badge("rumour: " + cl.text, "rumoured")); });
          box.appendChild(an);
        }
        com.appendChild(box);
      });
      var words = searchWords();
      art.dataset.hits = String(markSearch(art, words));
      com.dataset.hits = String(markSearch(com, words));
    }).catch(function (e) { art.appendChild(el("p", "hint", "error: " + e.message)); });
  };
})();
