/* The actor graph (cytoscape.js, vendored from npm): who acted on whom under the
 * current filters. Edges are directed (arrowheads) and labelled with the
 * relation (attacked, fought, backed, arrested ...); dashed edges are relations
 * stated in articles. Nodes are coloured by ACLED inter code; the layout keeps
 * labels apart. Clicking an actor makes it the actor filter.
 */
(function () {
  "use strict";

  var SR = window.SR, el = SR.el;
  var cy = null, seq = 0;
  SR.graphStale = true;

  function legend(nodes) {
    var box = SR.$("graph-legend");
    SR.clear(box);
    var seen = {};
    nodes.forEach(function (n) { seen[n.inter === null || n.inter === undefined ? 0 : n.inter] = true; });
    Object.keys(seen).sort().forEach(function (code) {
      var item = el("span", "legend-item");
      var sw = el("span", "swatch");
      sw.style.background = SR.interColour(code);
      item.appendChild(sw);
      item.appendChild(document.createTextNode(SR.interLabel(code)));
      box.appendChild(item);
    });
  }

  function draw(g) {
    SR.$("graph-meta").textContent = g.nodes.length + " actors, " + g.edges.length + " links (from " + g.source + ")";
    legend(g.nodes);
    var maxN = Math.max.apply(null, g.nodes.map(function (n) { return n.events; }).concat([1]));
    var maxW = Math.max.apply(null, g.edges.map(function (e) { return e.weight; }).concat([1]));
    var elements = g.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.label, events: n.events, colour: SR.interColour(n.inter),
                                       size: 18 + 26 * Math.sqrt(n.events / maxN) } };
    });
    g.edges.forEach(function (e, i) {
      elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target, kind: e.kind,
        label: e.relation + (e.weight > 1 ? " ×" + e.weight : ""), width: 1.2 + 4 * e.weight / maxW } });
    });
    if (cy) cy.destroy();
    cy = cytoscape({
      container: SR.$("graph"),
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": 11, "color": "#1d2329", "text-valign": "bottom", "text-margin-y": 3,
          "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1,
          "text-wrap": "wrap", "text-max-width": 130, "border-width": 1, "border-color": "#ffffff" } },
        { selector: "edge", style: { "width": "data(width)", "line-color": "#8a99a8", "target-arrow-color": "#8a99a8",
          "target-arrow-shape": "triangle", "arrow-scale": 1.1, "curve-style": "bezier", "label": "data(label)",
          "font-size": 9, "color": "#44505c", "text-rotation": "autorotate", "text-background-color": "#ffffff",
          "text-background-opacity": 0.85, "text-background-padding": 1 } },
        { selector: "edge[kind = 'stated']", style: { "line-style": "dashed", "line-color": "#b5651d",
          "target-arrow-color": "#b5651d" } },
        { selector: "node:selected", style: { "border-width": 3, "border-color": "#d9822b" } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
                idealEdgeLength: function () { return 150; }, nodeRepulsion: function () { return 250000; },
                nodeOverlap: 40, padding: 30, componentSpacing: 120, numIter: 2500 }
    });
    spreadLabels();
    cy.on("tap", "node", function (evt) {
      SR.setFilters({ actor: evt.target.id() }, "actor");
      SR.showView("view-map");
    });
    SR.$("graph").dataset.nodes = String(g.nodes.length);
    SR.$("graph").dataset.edges = String(g.edges.length);
  }

  /* cose keeps nodes apart, but a long label can still cross a neighbour's: push
     apart any two nodes whose label boxes meet, a few passes, before showing it. */
  function spreadLabels() {
    var nodes = cy.nodes();
    for (var pass = 0; pass < 30; pass++) {
      var moved = false;
      var boxes = nodes.map(function (n) { return n.boundingBox({ includeLabels: true }); });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = boxes[i], b = boxes[j];
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) {
            var dy = Math.min(a.y2 - b.y1, b.y2 - a.y1) / 2 + 2;
            var up = (a.y1 + a.y2) <= (b.y1 + b.y2) ? -1 : 1;
            var pa = nodes[i].position(), pb = nodes[j].position();
            nodes[i].position({ x: pa.x, y: pa.y + up * dy });
            nodes[j].position({ x: pb.x, y: pb.y - up * dy });
            boxes[i] = nodes[i].boundingBox({ includeLabels: true });
            boxes[j] = nodes[j].boundingBox({ includeLabels: true });
            moved = true;
          }
        }
      }
      if (!moved) break;
    }
    cy.fit(undefined, 30);
  }

  SR.loadGraph = function () {
    SR.graphStale = false;
    var s = ++seq;
    // the graph shows every actor under the other filters, so the chosen one keeps its neighbours
    return SR.api("/api/actors/graph", SR.filters(["actor"])).then(function (g) {
      if (s === seq) draw(g);
    }).catch(function (e) { SR.$("graph-meta").textContent = "error: " + e.message; });
  };
  SR.graph = function () { return cy; };
})();
