/* The timeline (uPlot, vendored from npm): events per day, week or month stacked
 * by event type in the legend's colours, fatalities as a line on a second axis,
 * and a drag on the chart that sets the date filter. The timeline shows every
 * date under the other filters and shades the chosen range, so the range can be
 * widened again by dragging elsewhere.
 */
(function () {
  "use strict";

  var SR = window.SR;
  var DAY = 86400;
  var plot = null, bins = [], binDays = 1, seq = 0;

  function toSec(iso) { return Date.parse(iso + "T00:00:00Z") / 1000; }
  function fromSec(s) { return new Date(Math.round(s / DAY) * DAY * 1000).toISOString().slice(0, 10); }
  function binEnd(start) {  // last day of the bin starting at `start`
    if (binDays === 31) {
      var d = new Date(start * 1000);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000 - DAY;
    }
    return start + (binDays - 1) * DAY;
  }

  function shadeRange(u) {
    var f = SR.state.filters;
    if (!f.since && !f.until) return;
    var x0 = f.since ? u.valToPos(toSec(f.since), "x", true) : u.bbox.left;
    var x1 = f.until ? u.valToPos(toSec(f.until) + DAY, "x", true) : u.bbox.left + u.bbox.width;
    x0 = Math.max(u.bbox.left, x0);
    x1 = Math.min(u.bbox.left + u.bbox.width, x1);
    if (x1 <= x0) return;
    u.ctx.save();
    u.ctx.fillStyle = "rgba(217, 130, 43, 0.16)";
    u.ctx.strokeStyle = "#d9822b";
    u.ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
    u.ctx.strokeRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
    u.ctx.restore();
  }

  function onSelect(u) {
    if (!u.select || u.select.width < 3 || !bins.length) return;
    var a = u.posToVal(u.select.left, "x"), b = u.posToVal(u.select.left + u.select.width, "x");
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    // the bins the drag touches, whole
    var chosen = bins.filter(function (s) { return binEnd(s) + DAY > a && s <= b; });
    if (!chosen.length) return;
    SR.setFilters({ since: fromSec(chosen[0]), until: fromSec(binEnd(chosen[chosen.length - 1])) }, "dates");
  }

  function draw(stats) {
    var box = SR.$("timeline");
    SR.clear(box);
    plot = null;
    var hist = stats.histogram;
    binDays = stats.bin === "day" ? 1 : stats.bin === "week" ? 7 : 31;
    bins = hist.map(function (h) { return toSec(h.start); });
    box.dataset.bins = String(hist.length);
    box.dataset.bin = stats.bin;
    if (!hist.length) { box.appendChild(SR.el("p", "hint", "no dated events under these filters")); return; }
    var totals = {};
    hist.forEach(function (h) { Object.keys(h.by_type).forEach(function (t) { totals[t] = (totals[t] || 0) + h.by_type[t]; }); });
    var types = Object.keys(totals).sort(function (x, y) { return totals[y] - totals[x] || (x < y ? -1 : 1); });
    var cum = [], run = hist.map(function () { return 0; });
    types.forEach(function (t) {
      run = run.map(function (v, i) { return v + (hist[i].by_type[t] || 0); });
      cum.push(run.slice());
    });
    var data = [bins], series = [{}];
    var bars = uPlot.paths.bars({ size: [0.92, 80], align: 1 });
    for (var k = types.length - 1; k >= 0; k--) {  // the full stack first, so each smaller one is drawn over it
      data.push(cum[k]);
      series.push({ label: types[k], stroke: SR.typeColour(types[k]), fill: SR.typeColour(types[k]), width: 0,
                    paths: bars, points: { show: false } });
    }
    data.push(hist.map(function (h) { return h.fatalities; }));
    series.push({ label: "fatalities", scale: "fat", stroke: "#1d2329", width: 1.5, dash: [4, 3],
                  points: { show: hist.length < 60, size: 4 } });
    var width = Math.max(300, box.clientWidth || 600);
    plot = new uPlot({
      width: width, height: 170,
      scales: { x: { time: true }, y: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } },
                fat: { range: function (u, lo, hi) { return [0, Math.max(1, hi)]; } } },
      axes: [
        { stroke: "#444", grid: { stroke: "#eee" }, size: 46 },
        { stroke: "#444", label: "events", labelSize: 14, size: 54, grid: { stroke: "#eee" } },
        { scale: "fat", side: 1, stroke: "#444", label: "fatalities", labelSize: 14, size: 54, grid: { show: false } }
      ],
      series: series,
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
      hooks: { setSelect: [onSelect], draw: [shadeRange] }
    }, data, box);
    SR.timeline = plot;
  }

  SR.fetchStats = function () {
    return SR.api("/api/stats", Object.assign({ bin: SR.$("f-bin").value || "auto" }, SR.filters(["since", "until"])));
  };
  /* `prefetched`: the first view asks for its statistics while the basemap and menus load. */
  SR.loadTimeline = function (prefetched) {
    var s = ++seq;
    return (prefetched || SR.fetchStats()).then(function (st) {
      if (s !== seq) return;
      draw(st);
      SR.setBrushLabel();
    }).catch(function (e) { SR.$("timeline").textContent = "error: " + e.message; });
  };
  SR.setBrushLabel = function () {
    var f = SR.state.filters;
    SR.$("brush-label").textContent = f.since || f.until ? (f.since || "…") + " → " + (f.until || "…") : "";
    SR.$("brush-clear").hidden = !(f.since || f.until);
  };
  SR.redrawTimeline = function () { if (plot) plot.redraw(false, false); };
  SR.resizeTimeline = function () {
    var box = SR.$("timeline");
    if (plot) plot.setSize({ width: Math.max(300, box.clientWidth), height: 170 });
  };
})();
