/* policykg web app: draws a page's small graph (a trace, a document's neighbours, a place's
 * cascade) from the JSON in #graph-data. Labels and tooltips are handed to vis-network as plain
 * strings; nothing here builds markup from data. Clicking a node opens its page (URLs come from
 * the server and are always paths on this site).
 */
(function () {
  "use strict";
  var state = (window.policykgWeb = { ready: false, network: null });
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof vis === "undefined") { state.ready = true; return; }
  var data = JSON.parse(source.textContent);
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var tip = document.createElement("div");
    tip.textContent = n.title || n.label || "";
    tip.className = "tip";
    return { id: n.id, label: n.label, title: tip, level: n.level, url: n.url,
             color: { background: n.color, border: "#555555" }, shape: n.group === "task" ? "box" : "ellipse" };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, label: e.label, arrows: e.arrows, dashes: e.dashes,
             font: { size: 10, align: "horizontal", background: "#ffffff" }, color: { color: "#888888" } };
  }));
  var options = {
    layout: { hierarchical: { enabled: true, direction: data.direction || "UD", sortMethod: "directed",
                              levelSeparation: 90, nodeSpacing: 190 } },
    physics: false, interaction: { hover: true, tooltipDelay: 150 },
    nodes: { font: { size: 13 }, widthConstraint: { maximum: 220 } }
  };
  var network = new vis.Network(holder, { nodes: nodes, edges: edges }, options);
  state.network = network;
  network.on("doubleClick", function (params) { go(params); });
  network.on("click", function (params) { if (params.event && params.event.srcEvent && params.event.srcEvent.ctrlKey) { go(params); } });
  function go(params) {
    if (!params.nodes.length) { return; }
    var url = nodes.get(params.nodes[0]).url;
    if (typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/") { window.location.assign(url); }
  }
  network.once("afterDrawing", function () { state.ready = true; });
  network.fit();
})();
