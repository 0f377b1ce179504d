/* policykg graph page: draws the network from the page's JSON data and wires the search box,
 * the type and place filters and the click-a-task trace.
 *
 * Document text reaches the page only through the JSON data and only ever leaves this script
 * as text: textContent for our elements, a string `title` for vis-network's tooltips (which it
 * sets with innerText). Nothing here builds markup from data.
 *
 * window.policykgView exposes the network and the functions below for tests and the console.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("policykg-data").textContent);
  var view = (window.policykgView = { ready: false, highlighted: [], highlightedEdges: [] });

  // Same folding as policykg.vietnamese.keys.plain_fold: lower case, no diacritics, đ -> d.
  function fold(text) {
    return String(text || "").toLowerCase().replace(/đ/g, "d").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim();
  }

  function byId(id) { return document.getElementById(id); }

  function edgeStyle(rel) { return data.edgeStyles[rel] || { color: "#cccccc", width: 1 }; }
  function nodeStyle(type) { return data.nodeStyles[type] || { short: type }; }

  // --- the network -------------------------------------------------------------------------
  var nodeById = {}, edgeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  var outEdges = {}, inEdges = {};
  data.edges.forEach(function (e) {
    (outEdges[e.from] = outEdges[e.from] || []).push(e);
    (inEdges[e.to] = inEdges[e.to] || []).push(e);
  });

  // Node colours and shapes come from the groups of the options (one per node type); edges have
  // no groups in vis-network, so each gets its relation's colour here.
  function edgeLook(e) {
    var s = edgeStyle(e.rel);
    return { color: { color: s.color, highlight: s.color, hover: s.color, inherit: false }, width: s.width };
  }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges.map(function (e) { return Object.assign({}, e, edgeLook(e)); }));
  var network = new vis.Network(byId("network"), { nodes: nodes, edges: edges }, data.options);
  view.network = network;
  view.nodes = nodes;
  view.edges = edges;
  view.fold = fold;

  function markReady() {
    if (view.ready) { return; }
    view.ready = true;
    view.readyAt = performance.now();
    if (data.focus && nodeById[data.focus]) { highlightTrace(data.focus); }
    document.body.setAttribute("data-ready", "true");
  }
  if (data.physics && data.nodes.length) {
    // Settle from the precomputed positions, then freeze so the picture stops moving.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      markReady();
    });
  } else {
    network.once("afterDrawing", function () { markReady(); });
  }

  // --- trace: task -> plan (hasTask) -> implements* (the rule of policykg.viz.selection) ------
  function byTarget(a, b) { return a.to < b.to ? -1 : a.to > b.to ? 1 : 0; }

  function traceOf(task) {
    var result = { task: task, plan: null, nodes: [task], documents: [], roots: [], edges: [] };
    var owners = (inEdges[task] || []).filter(function (e) { return e.rel === "hasTask"; });
    owners.sort(function (a, b) { return a.from < b.from ? -1 : a.from > b.from ? 1 : 0; });
    if (!owners.length) { return result; }
    result.plan = owners[0].from;
    result.nodes.push(result.plan);
    result.edges.push(owners[0].id);
    var seen = {};
    seen[result.plan] = true;
    var frontier = [result.plan];
    while (frontier.length) {
      var step = [];
      frontier.forEach(function (doc) {
        var next = (outEdges[doc] || []).filter(function (e) { return e.rel === "implements"; }).sort(byTarget);
        if (!next.length && doc !== result.plan) { result.roots.push(doc); }
        next.forEach(function (e) {
          result.edges.push(e.id);
          if (!seen[e.to]) {
            seen[e.to] = true;
            result.documents.push(e.to);
            result.nodes.push(e.to);
            step.push(e.to);
          }
        });
      });
      frontier = step;
    }
    return result;
  }

  // The highlight is drawn over the network after each redraw (a white veil, then the chain's
  // edges and nodes again on top) rather than by changing node and edge options: any DataSet
  // update makes vis-network revisit every node and edge, ~0.5 s per update at 5,000 nodes.
  var VEIL = "rgba(255, 255, 255, 0.82)";
  var active = null;

  function drawArrowLine(ctx, a, b, headAt) {
    var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / len, uy = dy / len;
    var tip = { x: b.x - ux * headAt, y: b.y - uy * headAt };
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(tip.x, tip.y);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(tip.x, tip.y);
    ctx.lineTo(tip.x - ux * 14 - uy * 7, tip.y - uy * 14 + ux * 7);
    ctx.lineTo(tip.x - ux * 14 + uy * 7, tip.y - uy * 14 - ux * 7);
    ctx.closePath();
    ctx.fill();
  }

  network.on("afterDrawing", function (ctx) {
    if (!active) { return; }
    var box = byId("network");
    var topLeft = network.DOMtoCanvas({ x: 0, y: 0 });
    var bottomRight = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    ctx.save();
    ctx.fillStyle = VEIL;
    ctx.fillRect(topLeft.x, topLeft.y, bottomRight.x - topLeft.x, bottomRight.y - topLeft.y);
    ctx.strokeStyle = data.highlight;
    ctx.fillStyle = data.highlight;
    ctx.lineWidth = 4;
    var body = network.body.nodes;
    active.edges.forEach(function (id) {
      var e = edgeById[id], a = body[e.from], b = body[e.to];
      if (a && b) { drawArrowLine(ctx, a, b, (b.options.size || 10) + 6); }
    });
    ctx.restore();
    active.nodes.forEach(function (id) {
      var node = body[id];
      if (!node) { return; }
      ctx.save();
      ctx.strokeStyle = data.highlight;
      ctx.lineWidth = 5;
      ctx.beginPath();
      ctx.arc(node.x, node.y, (node.options.size || 10) + 6, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.restore();
      // vis-network's own drawing of the node (and its label) above the veil.
      if (typeof node.draw === "function") {
        var drawn = node.draw(ctx) || {};
        if (typeof drawn.drawExternalLabel === "function") { drawn.drawExternalLabel(); }
      }
    });
  });

  function highlightTrace(task) {
    var trace = traceOf(task);
    active = { nodes: trace.nodes.slice(), edges: trace.edges.slice() };
    network.redraw();
    view.highlighted = trace.nodes.slice();
    view.highlightedEdges = trace.edges.slice();
    showTrace(trace);
    return trace;
  }

  function clearHighlight() {
    if (!active) { return; }
    active = null;
    network.redraw();
    view.highlighted = [];
    view.highlightedEdges = [];
    byId("trace-list").replaceChildren();
    byId("trace-hint").textContent = "Click a task to highlight its chain up to the central source; click the background to clear.";
  }

  function kindSpan(type) {
    var span = document.createElement("span");
    span.className = "kind";
    span.textContent = nodeStyle(type).short;
    return span;
  }

  function showTrace(trace) {
    var list = byId("trace-list");
    list.replaceChildren();
    var onChain = {};
    trace.edges.forEach(function (id) { onChain[id] = true; });
    // Top-down, as the trace view lays it out: central sources first, the task last.
    var order = trace.documents.slice().reverse();
    if (trace.plan) { order.push(trace.plan); }
    order.push(trace.task);
    order.forEach(function (id) {
      var n = nodeById[id];
      var li = document.createElement("li");
      li.setAttribute("data-id", id);
      if (trace.roots.indexOf(id) >= 0) { li.className = "root"; }
      li.appendChild(kindSpan(n.group));
      li.appendChild(document.createTextNode(n.label));
      (outEdges[id] || []).concat(inEdges[id] || []).forEach(function (e) {
        // Each hop is listed once, under the node it starts from (the task for hasTask).
        if (!onChain[e.id] || (e.rel === "hasTask" ? e.to !== id : e.from !== id)) { return; }
        var ev = document.createElement("span");
        ev.className = "evidence";
        var other = e.rel === "hasTask" ? nodeById[e.from] : nodeById[e.to];
        var lines = String(e.title || "").split("\n");
        ev.textContent = (e.rel === "hasTask" ? "task of " : "implements ") + other.label +
          (lines.length > 1 ? "\n" + lines.slice(1).join("\n") : "");
        li.appendChild(ev);
      });
      li.addEventListener("click", function () { focusNode(id); });
      list.appendChild(li);
    });
    byId("trace-hint").textContent = trace.roots.length
      ? "Chain of " + trace.nodes.length + " nodes up to " + trace.roots.length + " central source(s)."
      : trace.plan ? "This task's plan names no document it implements." : "This task belongs to no plan in the graph.";
  }

  function focusNode(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      var n = nodeById[params.nodes[0]];
      if (n && n.group === "Task") {
        var trace = highlightTrace(n.id);
        // Bring the whole chain into view: in a large graph the central source is far away.
        network.fit({ nodes: trace.nodes, animation: { duration: 300 }, maxZoomLevel: 1.5 });
      }
    } else if (!params.edges.length) {
      clearHighlight();
    }
  });

  // --- filters -------------------------------------------------------------------------------
  function applyFilters() {
    var types = new Set();
    document.querySelectorAll("input.type-filter").forEach(function (box) {
      if (box.checked) { types.add(box.value); }
    });
    var place = byId("place-filter").value;
    var shown = new Set();
    data.nodes.forEach(function (n) {
      var inPlace = !place || (place === data.noPlace ? !n.place : n.place === place);
      if (types.has(n.group) && inPlace) { shown.add(n.id); }
    });
    if (place && place !== data.noPlace) {
      // Keep the central documents and national bodies a place's nodes link to.
      Array.from(shown).forEach(function (id) {
        (outEdges[id] || []).concat(inEdges[id] || []).forEach(function (e) {
          var other = nodeById[e.from === id ? e.to : e.from];
          if (!other.place && types.has(other.group)) { shown.add(other.id); }
        });
      });
    }
    var changes = [];
    data.nodes.forEach(function (n) {
      var hidden = !shown.has(n.id);
      if (Boolean(nodes.get(n.id).hidden) !== hidden) { changes.push({ id: n.id, hidden: hidden }); }
    });
    nodes.update(changes);
    byId("node-count").textContent = String(shown.size);
    runSearch();
    return shown.size;
  }
  document.querySelectorAll("input.type-filter").forEach(function (box) { box.addEventListener("change", applyFilters); });
  byId("place-filter").addEventListener("change", applyFilters);

  // --- search --------------------------------------------------------------------------------
  // Each node carries the keys policykg trace and tasks --text compare (policykg.vietnamese.keys
  // .loose_key, made in Python): its heading (search) and a task's body (body). The query is
  // folded the same way here: no case, no accents, "tỷ" = "tỉ". A query word must begin a word
  // ("5" finds "số 5", not "45/KH-UBND"); nodes matched in their heading are listed first.
  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean)
      .map(function (w) { return w.replace(/^([bcdghklmnpqrstvx]+)y$/, "$1i"); });
  }
  var headings = data.nodes.map(function (n) { return " " + (n.search || words(n.label).join(" ")); });
  var haystack = data.nodes.map(function (n, i) {
    return headings[i] + " " + words(n.label + " " + n.title).join(" ") + " " + (n.body || "");
  });
  var MAX_RESULTS = 100;

  function search(query) {
    var wanted = words(query);
    if (!wanted.length) { return []; }
    var inHeading = [], inBody = [];
    function has(text) { return wanted.every(function (w) { return text.indexOf(" " + w) >= 0; }); }
    data.nodes.forEach(function (n, i) {
      if (nodes.get(n.id).hidden) { return; }
      if (has(headings[i])) { inHeading.push(n.id); } else if (has(haystack[i])) { inBody.push(n.id); }
    });
    return inHeading.concat(inBody);
  }

  function runSearch() {
    var query = byId("search").value;
    var hits = search(query);
    var list = byId("results");
    list.replaceChildren();
    byId("search-status").textContent = query.trim()
      ? hits.length + (hits.length === 1 ? " match" : " matches") + (hits.length > MAX_RESULTS ? " (first " + MAX_RESULTS + " listed)" : "")
      : "";
    hits.slice(0, MAX_RESULTS).forEach(function (id) {
      var n = nodeById[id];
      var li = document.createElement("li");
      li.tabIndex = 0;
      li.setAttribute("data-id", id);
      li.appendChild(kindSpan(n.group));
      li.appendChild(document.createTextNode(n.label));
      function choose() {
        focusNode(id);
        if (n.group === "Task") { highlightTrace(id); }
      }
      li.addEventListener("click", choose);
      li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { choose(); } });
      list.appendChild(li);
    });
    network.selectNodes(hits.slice(0, MAX_RESULTS));
    if (hits.length === 1) { focusNode(hits[0]); }
    return hits;
  }

  var pending = null;
  byId("search").addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(runSearch, 120);
  });
  byId("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(pending); runSearch(); }
  });

  view.traceOf = traceOf;
  view.highlightTrace = highlightTrace;
  view.clearHighlight = clearHighlight;
  view.applyFilters = applyFilters;
  view.search = search;
  // Where a node is drawn, in page pixels (for tests that click it).
  view.pagePosition = function (id) {
    var dom = network.canvasToDOM(network.getPosition(id));
    var box = byId("network").getBoundingClientRect();
    return { x: box.left + dom.x, y: box.top + dom.y };
  };
})();
