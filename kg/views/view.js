/* kg view: legend, search, filters and tooltips around a vis-network.
 *
 * Text from documents arrives in kgNodes/kgEdges as JSON and is only ever put into the page
 * with textContent; tooltips are DOM elements, so no document text is parsed as HTML.
 * The page reports on <html>: data-kg-status (loading, drawn), data-kg-nodes and
 * data-kg-edges (shown now), data-kg-first-paint-ms, data-kg-selected (the entity found
 * last) and data-kg-errors (script errors, from the template's first script).
 * The address fragment can set the start: #search=NAME&types=Company,Investor&relations=invests_in
 * &from=2025-01-01&to=2025-06-30 (the time filter: relations stated in that range; dates
 * between the steps snap to the nearest step inside) &isolated=1 (show entities without relations).
 * Entities without a shown relation are hidden unless "entities without relations" is ticked,
 * so the type, relation and time filters also hide the entities they leave unconnected.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var SVG = "http://www.w3.org/2000/svg";

  function status(key, value) { root.setAttribute("data-kg-" + key, String(value)); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function svgEl(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function shapeIcon(shape, colour) {
    var svg = svgEl("svg", { width: 16, height: 16, viewBox: "0 0 16 16" });
    var style = { fill: colour, stroke: "#444", "stroke-width": 1 };
    var points = {
      diamond: "8,1 15,8 8,15 1,8",
      triangle: "8,1.5 15,14 1,14",
      triangleDown: "1,2 15,2 8,14.5",
      hexagon: "4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8",
      star: "8,1 9.9,6 15,6.2 11,9.4 12.4,14.6 8,11.6 3.6,14.6 5,9.4 1,6.2 6.1,6"
    };
    var shapeEl;
    if (shape === "square") shapeEl = svgEl("rect", { x: 2, y: 2, width: 12, height: 12 });
    else if (points[shape]) shapeEl = svgEl("polygon", { points: points[shape] });
    else shapeEl = svgEl("circle", { cx: 8, cy: 8, r: 6.5 });
    Object.keys(style).forEach(function (k) { shapeEl.setAttribute(k, style[k]); });
    svg.appendChild(shapeEl);
    return svg;
  }

  function lineIcon(colour, directed) {
    var svg = svgEl("svg", { width: 26, height: 12, viewBox: "0 0 26 12" });
    svg.appendChild(svgEl("line", { x1: 1, y1: 6, x2: directed ? 19 : 25, y2: 6, stroke: colour, "stroke-width": 2.5 }));
    if (directed) svg.appendChild(svgEl("polygon", { points: "18,1.5 25,6 18,10.5", fill: colour }));
    return svg;
  }

  function fmt(x) {
    if (typeof x !== "number") return String(x);
    if (Math.abs(x) >= 100 || x === Math.round(x)) return String(Math.round(x * 100) / 100);
    return x.toPrecision(3);
  }

  var byId = {};
  kgNodes.forEach(function (n) { byId[n.id] = n; });
  var typeInfo = {}, relInfo = {};
  kgPage.types.forEach(function (t) { typeInfo[t.name] = t; });
  kgPage.relations.forEach(function (r) { relInfo[r.name] = r; });
  // what the page does not repeat per edge: arrows and colours follow the relation
  kgEdges.forEach(function (e, i) {
    var rel = relInfo[e.kgRelation] || { color: "#888888", directed: true };
    e.id = "e" + i;
    e.arrows = { to: { enabled: rel.directed, scaleFactor: 0.6 } };
    e.color = { color: rel.color, highlight: rel.color, hover: rel.color, opacity: 0.75 };
  });
  // an edge's evidence: [sentence, document, article, date], from the page's two tables
  // (kgEvidence.texts, kgEvidence.sources), where each sentence and each source is once
  function evidenceOf(e) {
    return (e.kgEvidence || []).map(function (x) {
      var src = kgEvidence.sources[x[1]] || ["", "", ""];
      return [kgEvidence.texts[x[0]], src[0], src[1], src[2]];
    });
  }

  function nodeTip(n) {
    var box = el("div", "kg-tip");
    var head = el("div", "kg-tip-head");
    head.appendChild(el("b", null, n.label));
    head.appendChild(el("span", "kg-tip-type", (n.kgTypes || [n.kgType]).join(" · ")));
    box.appendChild(head);
    [["ko", "한국어"], ["zh", "中文"], ["en", "English"]].forEach(function (lang) {
      var names = (n.kgNames && n.kgNames[lang[0]]) || [];
      if (!names.length) return;
      var row = el("div", "kg-tip-row");
      row.appendChild(el("span", "kg-tip-key", lang[1]));
      row.appendChild(el("span", null, names.join(" · ")));
      box.appendChild(row);
    });
    var meta = "relations: " + n.kgDegree;
    if (kgPage.sizeBy !== "degree") meta += " · " + kgPage.sizeBy + ": " + fmt(n.kgMeasure);
    if (n.kgCommunity >= 0) meta += " · community " + (n.kgCommunity + 1);
    box.appendChild(el("div", "kg-tip-meta", meta));
    return box;
  }

  function edgeTip(e) {
    var box = el("div", "kg-tip");
    var head = el("div", "kg-tip-head");
    var rel = relInfo[e.kgRelation] || { label: e.kgRelation, directed: true };
    head.appendChild(el("b", null, (byId[e.from] || {}).label + (rel.directed ? " → " : " ↔ ") + (byId[e.to] || {}).label));
    box.appendChild(head);
    var meta = rel.label + " · " + e.kgWeight + (e.kgWeight === 1 ? " evidence" : " evidences");
    if (e.kgFirstDate) meta += " · " + e.kgFirstDate + (e.kgLastDate && e.kgLastDate !== e.kgFirstDate ? " – " + e.kgLastDate : "");
    box.appendChild(el("div", "kg-tip-meta", meta));
    (e.kgRounds || []).forEach(function (line) { box.appendChild(el("div", "kg-tip-round", line)); });
    evidenceOf(e).forEach(function (ev) {
      var item = el("div", "kg-ev");
      item.appendChild(el("p", "kg-ev-text", "“" + ev[0] + "”"));
      item.appendChild(el("div", "kg-ev-source", [ev[1], ev[2], ev[3]].filter(Boolean).join(" · ")));
      box.appendChild(item);
    });
    if (e.kgMoreEvidence > 0) box.appendChild(el("div", "kg-tip-meta", "… and " + e.kgMoreEvidence + " more"));
    return box;
  }

  // a clicked node: its card, then each relation shown now, grouped by kind, with the other end
  // and the sentences that state it
  var MAX_DETAILS = 40;
  function nodeDetails(n) {
    var box = nodeTip(n);
    var groups = {}, order = [];
    kgEdges.forEach(function (e) {
      if ((e.from !== n.id && e.to !== n.id) || !edgeShown(e)) return;
      var rel = relInfo[e.kgRelation] || { label: e.kgRelation, directed: true };
      var out = e.from === n.id;
      var key = rel.directed ? (out ? rel.label + " →" : "← " + rel.label) : rel.label;
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push({ edge: e, other: byId[out ? e.to : e.from] });
    });
    var shown = 0;
    order.forEach(function (key) {
      var section = el("div", "kg-rel-group");
      section.appendChild(el("div", "kg-rel-head", key + " (" + groups[key].length + ")"));
      groups[key].forEach(function (item) {
        if (shown >= MAX_DETAILS) return;
        shown += 1;
        var row = el("div", "kg-rel");
        var b = el("button", "kg-rel-other", item.other.label);
        b.type = "button";
        b.addEventListener("click", function () { select(item.other.id); });
        row.appendChild(b);
        var e = item.edge;
        if (e.kgFirstDate) row.appendChild(el("span", "kg-tip-meta", " " + e.kgFirstDate));
        evidenceOf(e).slice(0, 2).forEach(function (ev) {
          var evBox = el("div", "kg-ev");
          evBox.appendChild(el("p", "kg-ev-text", "“" + ev[0] + "”"));
          evBox.appendChild(el("div", "kg-ev-source", [ev[1], ev[2], ev[3]].filter(Boolean).join(" · ")));
          row.appendChild(evBox);
        });
        section.appendChild(row);
      });
      box.appendChild(section);
    });
    if (!order.length) box.appendChild(el("div", "kg-tip-meta", "no relation shown"));
    return box;
  }

  // tooltips are made when the pointer first rests on a node or edge (see the hover handlers),
  // not for every node and edge before the first drawing

  // filters: on/off per type and relation, optionally preset from the address fragment
  var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  var typeOn = {}, relOn = {};
  function preset(names, on, key) {
    var wanted = params.has(key) ? params.get(key).split(",") : null;
    names.forEach(function (name) { on[name] = !wanted || wanted.indexOf(name) >= 0; });
  }
  preset(Object.keys(typeInfo), typeOn, "types");
  preset(Object.keys(relInfo), relOn, "relations");

  // time: relations whose dates meet [from, to]; undated ones by their own box
  var dates = kgPage.dates || [];
  var timeFrom = 0, timeTo = Math.max(0, dates.length - 1), undatedOn = true;
  function stepOf(value, last) {  // the index of a date given in the address
    var i = 0;
    if (last) { i = dates.length - 1; while (i > 0 && dates[i] > value) i--; }
    else { while (i < dates.length - 1 && dates[i] < value) i++; }
    return i;
  }
  if (params.has("from") && dates.length) timeFrom = stepOf(params.get("from"), false);
  if (params.has("to") && dates.length) timeTo = stepOf(params.get("to"), true);
  if (params.get("undated") === "0") undatedOn = false;
  var isolatedOn = !!kgPage.isolated || params.get("isolated") === "1";
  function inTime(e) {
    if (!dates.length) return true;
    if (!e.kgFirstDate) return undatedOn;
    return e.kgFirstDate <= dates[timeTo] && (e.kgLastDate || e.kgFirstDate) >= dates[timeFrom];
  }
  function edgeShown(e) {
    return relOn[e.kgRelation] === true && typeOn[byId[e.from].kgType] === true &&
      typeOn[byId[e.to].kgType] === true && inTime(e);
  }
  var shownDegree = {};
  function countDegrees() {
    shownDegree = {};
    kgEdges.forEach(function (e) {
      if (!edgeShown(e)) return;
      shownDegree[e.from] = (shownDegree[e.from] || 0) + 1;
      shownDegree[e.to] = (shownDegree[e.to] || 0) + 1;
    });
  }
  countDegrees();

  // vis-network gets only what it draws (it copies every field of every node and edge into
  // its own options); kg's fields (names, evidence, dates) stay in kgNodes and kgEdges
  var edgeById = {};
  kgEdges.forEach(function (e) { edgeById[e.id] = e; });
  var DRAWN = ["id", "label", "group", "size", "value", "x", "y", "color", "borderWidth", "from", "to", "arrows", "width"];
  function drawn(item) {
    var v = {};
    DRAWN.forEach(function (k) { if (item[k] !== undefined) v[k] = item[k]; });
    return v;
  }
  var nodes = new vis.DataSet(kgNodes.map(drawn));
  var edges = new vis.DataSet(kgEdges.map(drawn));
  var nodeView = new vis.DataView(nodes, {
    filter: function (v) {
      var n = byId[v.id];
      if (typeOn[n.kgType] !== true) return false;
      if (isolatedOn) return !(dates.length && n.kgFirstDate && n.kgFirstDate > dates[timeTo]);
      return (shownDegree[n.id] || 0) > 0;
    }
  });
  var edgeView = new vis.DataView(edges, { filter: function (v) { return edgeShown(edgeById[v.id]); } });

  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, kgOptions);
  var physicsOn = !!(kgOptions.physics && kgOptions.physics.enabled);

  function counts() {
    document.getElementById("kg-counts").textContent =
      nodeView.length + " of " + kgNodes.length + " entities · " + edgeView.length + " of " + kgEdges.length + " relations";
    status("nodes", nodeView.length);
    status("edges", edgeView.length);
  }

  function keepPositions() {  // nodes shown again come back where they were (network.storePositions
    var ids = nodeView.getIds();  // would fail on the hidden ones)
    var at = network.getPositions(ids);  // getIds applies the filter now: a node about to be shown
    ids = ids.filter(function (id) { return at[id]; });  // is not drawn yet and has no position
    nodes.update(ids.map(function (id) { return { id: id, x: at[id].x, y: at[id].y }; }));
  }

  function refresh() {
    if (!physicsOn) keepPositions();
    countDegrees();
    nodeView.refresh();
    edgeView.refresh();
    counts();
  }

  var checks = {};
  function checkRow(box, name, label, icon, count, on, onChange) {
    var row = el("label", "kg-check");
    var input = el("input");
    input.type = "checkbox";
    input.checked = on[name];
    input.setAttribute("data-name", name);
    input.addEventListener("change", function () { on[name] = input.checked; onChange(); });
    row.appendChild(input);
    row.appendChild(icon);
    row.appendChild(el("span", null, label));
    row.appendChild(el("span", "kg-count", count));
    box.appendChild(row);
    return input;
  }
  var typesBox = document.getElementById("kg-types");
  kgPage.types.forEach(function (t) {
    checks["type:" + t.name] = checkRow(typesBox, t.name, t.name, shapeIcon(t.shape, kgPage.communities ? "#bbbbbb" : t.color),
      t.count, typeOn, refresh);
  });
  var relBox = document.getElementById("kg-relations");
  kgPage.relations.forEach(function (r) {
    checks["rel:" + r.name] = checkRow(relBox, r.name, r.label, lineIcon(r.color, r.directed), r.count, relOn, refresh);
  });

  var fromInput = document.getElementById("kg-time-from"), toInput = document.getElementById("kg-time-to");
  var undatedInput = document.getElementById("kg-undated"), isolatedInput = document.getElementById("kg-isolated");
  function timeLabels() {
    document.getElementById("kg-time-from-label").textContent = dates[timeFrom] || "";
    document.getElementById("kg-time-to-label").textContent = dates[timeTo] || "";
    status("time-from", dates[timeFrom] || "");
    status("time-to", dates[timeTo] || "");
  }
  function setTime(from, to) {  // for the inputs, the address and kg's browser test
    timeFrom = Math.max(0, Math.min(from, dates.length - 1));
    timeTo = Math.max(timeFrom, Math.min(to, dates.length - 1));
    fromInput.value = timeFrom;
    toInput.value = timeTo;
    timeLabels();
    refresh();
  }
  if (dates.length) {
    [fromInput, toInput].forEach(function (r) { r.max = dates.length - 1; });
    fromInput.value = timeFrom;
    toInput.value = timeTo;
    timeLabels();
    fromInput.addEventListener("input", function () { setTime(+fromInput.value, Math.max(+fromInput.value, timeTo)); });
    toInput.addEventListener("input", function () { setTime(Math.min(timeFrom, +toInput.value), +toInput.value); });
  } else {
    document.getElementById("kg-time-section").hidden = true;
  }
  undatedInput.checked = undatedOn;
  undatedInput.addEventListener("change", function () { undatedOn = undatedInput.checked; refresh(); });
  isolatedInput.checked = isolatedOn;
  document.getElementById("kg-isolated-count").textContent = kgPage.isolatedCount || 0;
  isolatedInput.addEventListener("change", function () { isolatedOn = isolatedInput.checked; refresh(); });

  document.getElementById("kg-title").textContent = kgPage.title;
  document.getElementById("kg-subtitle").textContent = kgPage.subtitle;
  var notes = "Size: " + kgPage.sizeBy + ". ";
  if (kgPage.communities) notes += "Colour: " + kgPage.communities + " communities (Louvain); the outline and shape give the type. ";
  notes += kgPage.layout === "fixed"
    ? "Layout computed in advance (physics off for a large network)."
    : "Layout settled by the browser's physics, then fixed.";
  notes += " Hover for names and evidence; click to keep the details here.";
  document.getElementById("kg-notes").textContent = notes;
  counts();

  // search: any name in any script (reference names and aliases included), a Korean particle
  // taken off (샤오미는), exact matches first, then prefixes, then substrings; when nothing
  // matches, the closest names ("did you mean"), Hangul compared letter by letter (kg.lookup)
  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(/[\s·.,()（）\-_'"“”‘’]/g, "");
  }
  var PARTICLES = ["으로부터", "로부터", "에서는", "에게서", "이라는", "라는", "에서", "에게", "으로", "까지",
    "부터", "처럼", "보다", "과의", "와의", "에는", "에도", "이다", "은", "는", "이", "가", "을", "를", "의",
    "와", "과", "에", "로", "도", "만", "랑"];
  function variants(query) {
    var q = norm(query), out = q ? [q] : [];
    PARTICLES.forEach(function (p) {
      if (q.length > p.length && q.slice(-p.length) === p &&
          /[가-힣a-z0-9\u3400-\u4dbf\u4e00-\u9fff]/.test(q.charAt(q.length - p.length - 1))) out.push(q.slice(0, -p.length));
    });
    return out;
  }
  function letters(s) { return s.normalize("NFD"); }
  function closeness(a, b) {  // 1 - edit distance / longer length, on letters
    a = letters(a); b = letters(b);
    if (!a.length || !b.length) return 0;
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1)));
      }
      prev = cur;
    }
    return 1 - prev[b.length] / Math.max(a.length, b.length);
  }
  function suggest(query, n) {
    var q = variants(query), best = [];
    if (!q.length) return [];
    keys().forEach(function (s) {
      var top = 0, name = "";
      s.keys.forEach(function (k, i) {
        q.forEach(function (v) {
          var c = closeness(v, k);
          if (c > top) { top = c; name = s.names[i]; }
        });
      });
      if (top >= 0.65) best.push({ id: s.id, score: top, name: name });
    });
    best.sort(function (a, b) { return b.score - a.score || a.name.length - b.name.length; });
    return best.slice(0, n || 5);
  }
  var searchKeys = null;
  function keys() {  // made on the first search, not before the first drawing
    if (!searchKeys) searchKeys = kgNodes.map(function (n) {
      var names = [n.label];
      ["ko", "zh", "en"].forEach(function (l) { names = names.concat((n.kgNames && n.kgNames[l]) || []); });
      names = names.concat(n.kgSearch || []);  // the other Chinese script, reference names and aliases
      names = names.filter(function (x) { return norm(x); });
      return { id: n.id, keys: names.map(norm), names: names };
    });
    return searchKeys;
  }
  function search(query) {
    var qs = variants(query);
    if (!qs.length) return [];
    var ranked = [[], [], []];
    keys().forEach(function (s) {
      var rank = -1;
      s.keys.forEach(function (k) {
        qs.forEach(function (q, qi) {
          var r = k === q ? 0 : qi > 0 ? -1 : k.indexOf(q) === 0 ? 1 : k.indexOf(q) >= 0 ? 2 : -1;
          if (r >= 0 && (rank < 0 || r < rank)) rank = r;
        });
      });
      if (rank >= 0) ranked[rank].push(s.id);
    });
    var byDegree = function (a, b) { return byId[b].kgDegree - byId[a].kgDegree; };
    return ranked[0].sort(byDegree).concat(ranked[1].sort(byDegree), ranked[2].sort(byDegree));
  }

  var details = document.getElementById("kg-details");
  function showDetails(box) {
    details.textContent = "";
    if (box) details.appendChild(box);
  }

  var searchStatus = document.getElementById("kg-search-status");
  function select(id) {
    var n = byId[id];
    if (!typeOn[n.kgType]) {  // show its type again so that it can be shown
      typeOn[n.kgType] = true;
      checks["type:" + n.kgType].checked = true;
      refresh();
    }
    if (!nodeView.get(id) && dates.length) setTime(0, dates.length - 1);  // outside the time range
    if (!nodeView.get(id)) {  // no relation shown: show the entities without relations
      isolatedOn = true;
      isolatedInput.checked = true;
      refresh();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.3), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showDetails(nodeDetails(n));
    searchStatus.textContent = "Found " + n.label + " (" + n.kgType + ")";
    status("selected", id);
  }
  var resultsBox = document.getElementById("kg-search-results");
  function runSearch(query, go) {
    var found = search(query);
    resultsBox.textContent = "";
    if (!norm(query)) { searchStatus.textContent = ""; return; }
    if (!found.length) {
      var close = suggest(query, 5);
      searchStatus.textContent = "No entity named “" + query + "”" + (close.length ? "; did you mean:" : "");
      close.forEach(function (c) {
        var li = el("li");
        var b = el("button");
        b.type = "button";
        b.appendChild(el("span", null, c.name));
        if (c.name !== byId[c.id].label) b.appendChild(el("span", "kg-type-of-result", byId[c.id].label));
        b.appendChild(el("span", "kg-type-of-result", byId[c.id].kgType));
        b.addEventListener("click", function () { select(c.id); });
        li.appendChild(b);
        resultsBox.appendChild(li);
      });
      return;
    }
    searchStatus.textContent = found.length + (found.length === 1 ? " match" : " matches");
    found.slice(0, 10).forEach(function (id) {
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.appendChild(el("span", null, byId[id].label));
      b.appendChild(el("span", "kg-type-of-result", byId[id].kgType));
      b.addEventListener("click", function () { select(id); });
      li.appendChild(b);
      resultsBox.appendChild(li);
    });
    if (go) select(found[0]);
  }
  var input = document.getElementById("kg-search");
  input.addEventListener("input", function () { runSearch(input.value, false); });
  input.addEventListener("keydown", function (e) { if (e.key === "Enter") runSearch(input.value, true); });
  document.getElementById("kg-search-go").addEventListener("click", function () { runSearch(input.value, true); });

  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({ animation: true }); });
  document.getElementById("kg-reset").addEventListener("click", function () {
    Object.keys(checks).forEach(function (k) { checks[k].checked = true; });
    Object.keys(typeOn).forEach(function (k) { typeOn[k] = true; });
    Object.keys(relOn).forEach(function (k) { relOn[k] = true; });
    if (dates.length) { timeFrom = 0; timeTo = dates.length - 1; fromInput.value = 0; toInput.value = timeTo; timeLabels(); }
    undatedOn = true;
    undatedInput.checked = true;
    refresh();
    network.unselectAll();
    showDetails(null);
    network.fit({ animation: true });
  });

  network.on("hoverNode", function (p) {
    var n = nodes.get(p.node);
    if (n && !n.title) nodes.update({ id: p.node, title: nodeTip(byId[p.node]) });
  });
  network.on("hoverEdge", function (p) {
    var e = edges.get(p.edge);
    if (e && !e.title) edges.update({ id: p.edge, title: edgeTip(edgeById[p.edge]) });
  });

  network.on("click", function (p) {
    if (p.nodes.length) showDetails(nodeDetails(byId[p.nodes[0]]));
    else if (p.edges.length) showDetails(edgeById[p.edges[0]] ? edgeTip(edgeById[p.edges[0]]) : null);
    else showDetails(null);
  });

  if (physicsOn) {
    network.once("stabilizationIterationsDone", function () {
      physicsOn = false;
      network.setOptions({ physics: { enabled: false } });
      status("stabilized-ms", Math.round(performance.now()));
    });
  }

  // for the browser console and kg's browser test
  window.kgView = { network: network, nodes: nodes, edges: edges, search: search, select: select,
    suggest: suggest, setTime: setTime, nodeDetails: nodeDetails, dates: dates, nodeView: nodeView, edgeView: edgeView,
    showIsolated: function (on) { isolatedOn = !!on; isolatedInput.checked = isolatedOn; refresh(); } };

  var firstDraw = true;
  network.on("afterDrawing", function () {
    if (!firstDraw) return;
    firstDraw = false;
    status("first-paint-ms", Math.round(performance.now()));
    status("status", "drawn");
    if (params.has("search")) {
      input.value = params.get("search");
      runSearch(input.value, true);
    }
  });
})();
