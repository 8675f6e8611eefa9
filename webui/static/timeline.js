/* Draws a subject's timeline with D3 (bundled from npm into /static/vendor/d3/, no CDN): one swimlane per
   administration, a dot per decision coloured by its standing on the as-of date, and an arc from each
   decision to the earlier one it supersedes, amends or reverses. The page's list below stays the
   version without JavaScript; this only adds the picture. Data comes from a JSON script element. */
(function () {
  "use strict";
  var holder = document.getElementById("timeline-chart");
  var source = document.getElementById("timeline-data");
  if (!holder || !source || typeof d3 === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var decisions = [];
  data.lanes.forEach(function (lane, i) {
    lane.decisions.forEach(function (d) {
      if (d.date) { decisions.push(Object.assign({ lane: i, when: new Date(d.date + "T00:00:00Z") }, d)); }
    });
  });
  if (!decisions.length) { return; }
  var colours = { "in force": "#1e7b3a", "amended": "#2f6db5", "superseded": "#b26a00",
    "reversed": "#b3261e", "lapsed": "#8a6d3b", "pending": "#9aa3ad" };
  var laneHeight = 46, labelWidth = 190, width = Math.max(holder.clientWidth || 800, 560);
  var height = data.lanes.length * laneHeight + 40;
  var asOf = new Date(data.asOf + "T00:00:00Z");
  var extent = d3.extent(decisions.map(function (d) { return d.when; }).concat([asOf]));
  var x = d3.scaleUtc().domain(extent).nice().range([labelWidth + 16, width - 24]);
  var svg = d3.select(holder).append("svg")
    .attr("viewBox", "0 0 " + width + " " + height).attr("width", "100%")
    .attr("role", "img").attr("aria-label", "Timeline of decisions by administration");
  svg.append("defs").append("marker").attr("id", "tl-arrow").attr("viewBox", "0 0 10 10")
    .attr("refX", 9).attr("refY", 5).attr("markerWidth", 7).attr("markerHeight", 7).attr("orient", "auto")
    .append("path").attr("d", "M0,0L10,5L0,10z").attr("fill", "#5c6773");
  var lanes = svg.append("g").selectAll("g").data(data.lanes).join("g")
    .attr("transform", function (_, i) { return "translate(0," + i * laneHeight + ")"; });
  lanes.append("rect").attr("x", 0).attr("width", width).attr("height", laneHeight)
    .attr("fill", function (_, i) { return i % 2 ? "#f4f6f9" : "#ffffff"; });
  lanes.append("text").attr("x", 8).attr("y", laneHeight / 2 + 4).attr("class", "tl-lane")
    .text(function (l) { return l.label.length > 28 ? l.label.slice(0, 27) + "…" : l.label; });
  svg.append("g").attr("transform", "translate(0," + (data.lanes.length * laneHeight + 4) + ")")
    .call(d3.axisBottom(x).ticks(Math.min(10, Math.floor(width / 90))));
  svg.append("line").attr("x1", x(asOf)).attr("x2", x(asOf)).attr("y1", 0)
    .attr("y2", data.lanes.length * laneHeight).attr("class", "tl-as-of");
  var nearEnd = x(asOf) > width - 110;  // keep the label inside the picture when the date is recent
  svg.append("text").attr("x", x(asOf) + (nearEnd ? -4 : 4)).attr("y", 12).attr("class", "tl-as-of-label")
    .attr("text-anchor", nearEnd ? "end" : "start").text("as of " + data.asOf);
  var byId = {};
  decisions.forEach(function (d) { byId[d.id] = d; });
  function cy(d) { return d.lane * laneHeight + laneHeight / 2; }
  svg.append("g").selectAll("path").data(data.links.filter(function (k) { return byId[k.from] && byId[k.to]; }))
    .join("path").attr("class", function (k) { return "tl-link tl-" + k.relation; })
    .attr("marker-end", "url(#tl-arrow)")
    .attr("d", function (k) {
      var a = byId[k.from], b = byId[k.to];
      var x1 = x(a.when), y1 = cy(a), x2 = x(b.when) + 6, y2 = cy(b);
      var lift = Math.max(18, Math.abs(x1 - x2) / 4);
      return "M" + x1 + "," + y1 + " C" + x1 + "," + (y1 - lift) + " " + x2 + "," + (y2 - lift) + " " + x2 + "," + y2;
    })
    .append("title").text(function (k) { return (byId[k.from].identifier || "") + " " + k.relation + " " + (byId[k.to].identifier || ""); });
  var dots = svg.append("g").selectAll("a").data(decisions).join("a")
    .attr("href", function (d) { return d.href; }).attr("class", "tl-decision");
  dots.append("circle").attr("cx", function (d) { return x(d.when); }).attr("cy", cy).attr("r", 7)
    .attr("fill", function (d) { return colours[d.standing] || "#555"; })
    .attr("data-standing", function (d) { return d.standing; });
  dots.append("title").text(function (d) {
    return (d.identifier ? d.identifier + ": " : "") + d.label + " (" + d.date + ", " + d.standing + ")";
  });
  holder.hidden = false;
})();
