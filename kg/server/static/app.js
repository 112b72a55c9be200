// kg explorer: search, entity pages with evidence, a neighbourhood network, a SPARQL console.
// Every name and sentence from the graph is put into the page as text (textContent or text
// nodes), never as markup. The page's state lives in its URL (/entity/<id>?rel=…,
// /console?query=… or ?preset=…&entity=…, /?q=…), so any view can be shared.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const RELATION_NAMES = {
    invests_in: ["invests in", "is invested in by"], located_in: ["located in", "location of"],
    partners_with: ["partners with", "partners with"], develops: ["develops", "developed by"],
  };
  const TYPE_COLOURS = {
    Company: "#4e79a7", Investor: "#f28e2b", City: "#59a14f", Park: "#76b7b2", Technology: "#e15759",
    Organization: "#b07aa1", Region: "#9c755f", Product: "#edc948", Person: "#ff9da7",
  };
  let network = null, nodes = null, edges = null, expanded = new Set();
  let presets = [];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);  // strings become text nodes
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function status(name) { document.documentElement.setAttribute("data-kg-status", name); }
  function entityHref(id) { return "/entity/" + encodeURIComponent(id); }
  function link(href, text) {
    const a = el("a", { href }, text);
    a.addEventListener("click", (ev) => {
      if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      ev.preventDefault(); go(href);
    });
    return a;
  }
  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const text = await r.text();
    if (!r.ok) throw new Error(text.trim() || r.statusText);
    return JSON.parse(text);
  }
  function showView(name) {
    for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== "view-" + name;
    document.documentElement.setAttribute("data-kg-view", name);
  }
  function go(url, replace) {
    if (replace) history.replaceState(null, "", url); else history.pushState(null, "", url);
    route();
  }

  // ------------------------------------------------------------------ routing
  async function route() {
    status("loading");
    const url = new URL(location.href);
    try {
      if (url.pathname.startsWith("/entity/")) {
        await showEntity(decodeURIComponent(url.pathname.slice(8)), url.searchParams);
      } else if (url.pathname === "/console" || url.pathname === "/sparql") {
        await showConsole(url.searchParams);
      } else {
        await showSearch(url.searchParams.get("q") || "");
      }
    } catch (err) {
      console.warn(err);
    }
    status("drawn");
  }

  // ------------------------------------------------------------------ search
  async function showSearch(q) {
    showView("search");
    $("search-input").value = q;
    const list = $("search-results"), sugg = $("suggestions");
    clear(list); clear(sugg); $("did-you-mean").hidden = true;
    if (!q.trim()) { $("search-status").textContent = "Type a name in Korean, Chinese (简/繁) or English."; return; }
    $("search-status").textContent = "searching…";
    let data;
    try { data = await getJSON("/api/search?q=" + encodeURIComponent(q)); }
    catch (err) { $("search-status").textContent = err.message; $("search-status").className = "error"; return; }
    $("search-status").className = "muted";
    $("search-status").textContent = data.total ? `${data.total} entit${data.total === 1 ? "y" : "ies"} for “${q}”`
                                                : `no entity is named “${q}”`;
    for (const hit of data.results) {
      const others = Object.entries(hit.names).flatMap(([, names]) => names).filter((n) => n !== hit.label);
      list.append(el("li", { "data-id": hit.id }, link(entityHref(hit.id), hit.label), " ",
        ...hit.types.map((t) => el("span", { class: "type" }, t)),
        el("span", { class: "other" }, others.slice(0, 6).join(" · "))));
    }
    if (data.did_you_mean.length) {
      $("did-you-mean").hidden = false;
      data.did_you_mean.forEach((hit, i) => {
        if (i) sugg.append(", ");
        sugg.append(link(entityHref(hit.id), hit.matched || hit.label));
      });
    }
  }

  // ------------------------------------------------------------------ entity page
  async function showEntity(id, params) {
    showView("entity");
    let data;
    try { data = await getJSON("/api/entity/" + encodeURIComponent(id)); }
    catch (err) {
      $("entity-label").textContent = err.message; clear($("entity-relations")); clear($("entity-names"));
      clear($("entity-types")); clear($("relation-filters")); return;
    }
    document.title = data.label + " — kg explorer";
    $("entity-label").textContent = data.label;
    const types = $("entity-types"); clear(types);
    for (const t of data.types) types.append(el("span", {}, t));
    types.append(el("span", { class: "muted small" }, `${data.mentions} mentions`));
    const names = $("entity-names"); clear(names);
    for (const [lang, list] of Object.entries(data.names)) {
      names.append(el("tr", {}, el("th", {}, lang), el("td", {}, list.join(" · "))));
    }
    const kinds = [...new Set(data.relations.map((g) => g.relation))];
    const wanted = params.get("rel") ? params.get("rel").split(",") : kinds;
    const filters = $("relation-filters"); clear(filters);
    for (const kind of kinds) {
      const box = el("input", { type: "checkbox", value: kind });
      box.checked = wanted.includes(kind);
      box.addEventListener("change", () => {
        const on = [...filters.querySelectorAll("input:checked")].map((b) => b.value);
        const u = new URL(location.href);
        if (on.length === kinds.length) u.searchParams.delete("rel"); else u.searchParams.set("rel", on.join(","));
        history.replaceState(null, "", u.pathname + u.search);
        renderRelations(data, on);
      });
      filters.append(el("label", {}, box, " " + kind.replace("_", " ")));
    }
    renderRelations(data, wanted);
    await drawNetwork(data.id);
  }

  function renderRelations(data, wanted) {
    const box = $("entity-relations"); clear(box);
    if (!data.relations.length) box.append(el("p", { class: "muted" }, "No relations."));
    for (const group of data.relations) {
      if (!wanted.includes(group.relation)) continue;
      const [outName, inName] = RELATION_NAMES[group.relation] || [group.relation, group.relation + " (inverse)"];
      const title = group.direction === "in" ? inName : outName;
      const section = el("div", { class: "group", "data-relation": group.relation },
        el("h3", {}, `${title} (${group.count})`));
      for (const fact of group.facts) {
        const head = el("div", { class: "head" }, link(entityHref(fact.entity.id), fact.entity.label), " ",
          ...fact.entity.types.map((t) => el("span", { class: "type" }, t)),
          el("span", { class: "muted small" }, fact.evidence_count === 0 ? " no evidence sentence"
            : ` ${fact.evidence_count} evidence sentence${fact.evidence_count === 1 ? "" : "s"}`));
        const div = el("div", { class: "fact" }, head);
        for (const ev of fact.evidence) div.append(evidenceBlock(ev));
        if (fact.evidence_count > fact.evidence.length)
          div.append(el("p", { class: "muted small" }, `… and ${fact.evidence_count - fact.evidence.length} more`));
        section.append(div);
      }
      box.append(section);
    }
  }

  function evidenceBlock(ev) {
    const quote = el("blockquote", { class: "evidence" });
    let at = 0;
    for (const [start, end, role] of ev.highlights) {
      if (start > at) quote.append(ev.text.slice(at, start));
      quote.append(el("mark", { class: role, title: role }, ev.text.slice(start, end)));
      at = end;
    }
    if (at < ev.text.length) quote.append(ev.text.slice(at));
    const meta = el("div", { class: "meta" });
    if (ev.document) meta.append(el("span", { class: "doc" }, ev.document));
    if (ev.title) meta.append(el("span", { class: "title" }, ev.title));
    if (ev.date) meta.append(el("span", { class: "date" }, ev.date));
    if (ev.confidence !== null && ev.confidence !== undefined)
      meta.append(el("span", { class: "confidence" }, "confidence " + ev.confidence.toFixed(2)));
    if (ev.start !== null && ev.start !== undefined) meta.append(el("span", {}, `characters ${ev.start}–${ev.end}`));
    return el("div", {}, quote, meta);
  }

  // ------------------------------------------------------------------ network
  function visNode(n, center) {
    const type = n.types[0] || "";
    return { id: n.id, label: n.label, title: n.types.join(", "), group: type, shape: "dot", size: center ? 22 : 14,
             color: TYPE_COLOURS[type] || "#8899aa", font: { size: 14, face: "Noto Sans CJK KR, sans-serif" } };
  }
  function visEdge(e) {
    return { id: `${e.from}|${e.relation}|${e.to}`, from: e.from, to: e.to, label: e.relation.replace("_", " "),
             arrows: e.relation === "partners_with" ? "" : "to", font: { size: 10, align: "middle" },
             color: { color: "#98a2b3" } };
  }
  async function drawNetwork(id) {
    expanded = new Set();
    const container = $("network");
    if (typeof vis === "undefined") { $("network-status").textContent = "vis-network did not load"; return; }
    nodes = new vis.DataSet(); edges = new vis.DataSet();
    if (network) network.destroy();
    network = new vis.Network(container, { nodes, edges }, {
      physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 140 } },
      interaction: { hover: true }, layout: { randomSeed: 7 },
    });
    network.on("click", (p) => { if (p.nodes.length) expand(p.nodes[0]); });
    network.on("doubleClick", (p) => { if (p.nodes.length) go(entityHref(p.nodes[0])); });
    await expand(id, true);
  }
  async function expand(id, center) {
    if (expanded.has(id)) return;
    expanded.add(id);
    let data;
    try { data = await getJSON("/api/neighbours/" + encodeURIComponent(id)); }
    catch (err) { $("network-status").textContent = err.message; return; }
    for (const n of data.nodes) if (!nodes.get(n.id)) nodes.add(visNode(n, center && n.id === id));
    for (const e of data.edges) { const v = visEdge(e); if (!edges.get(v.id)) edges.add(v); }
    $("network-status").textContent = `${nodes.length} entities, ${edges.length} relations` +
      (data.complete ? "" : " (some neighbours left out)");
    const legend = $("network-legend"); clear(legend);
    const shown = new Set(nodes.get().map((n) => n.group));
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
      if (!shown.has(type)) continue;
      const swatch = el("span", { class: "swatch" }); swatch.style.background = colour;
      legend.append(el("span", { class: "legend-item" }, swatch, type));
    }
    document.documentElement.setAttribute("data-kg-nodes", String(nodes.length));
  }
  window.kgExplorer = {
    expand, nodePosition(id) {
      const pos = network.getPositions([id])[id];
      return pos ? network.canvasToDOM(pos) : null;
    },
  };

  // ------------------------------------------------------------------ console
  async function loadPresets() {
    if (presets.length) return;
    presets = await getJSON("/api/presets");
    const select = $("preset-select");
    for (const p of presets) select.append(el("option", { value: p.name }, p.name));
    select.addEventListener("change", () => presetParams(select.value, new URLSearchParams()));
  }
  function presetParams(name, values) {
    const box = $("preset-params"); clear(box);
    const preset = presets.find((p) => p.name === name);
    for (const param of preset ? preset.parameters : []) {
      const input = el("input", { name: param, placeholder: param + " (any name)" });
      input.value = values.get(param) || "";
      box.append(el("label", {}, param + " ", input), " ");
    }
  }
  async function showConsole(params) {
    showView("console");
    await loadPresets();
    const preset = params.get("preset") || "";
    $("preset-select").value = preset;
    presetParams(preset, params);
    const query = params.get("query");
    $("query-text").value = query !== null ? query :
      ($("query-text").value || "SELECT ?company ?name WHERE {\n  ?company a kg:Company ; skos:prefLabel ?name .\n" +
       "  FILTER(lang(?name) = \"ko\")\n} LIMIT 20");
    if (preset) {
      const args = new URLSearchParams();
      for (const input of $("preset-params").querySelectorAll("input")) args.set(input.name, input.value);
      await runResults("/preset/" + encodeURIComponent(preset) + "?" + args.toString());
    } else if (query) {
      await runResults("/sparql?query=" + encodeURIComponent(query));
    } else {
      clear($("console-results")); $("console-status").textContent = ""; $("csv-link").hidden = true;
    }
  }
  async function runResults(url) {
    const table = $("console-results"); clear(table);
    const statusLine = $("console-status");
    statusLine.className = "muted"; statusLine.textContent = "running…";
    $("csv-link").hidden = true;
    const started = performance.now();
    const r = await fetch(url, { headers: { Accept: "application/sparql-results+json" } });
    const text = await r.text();
    if (!r.ok) { statusLine.className = "error"; statusLine.textContent = `${r.status}: ${text.trim()}`; return; }
    const type = r.headers.get("Content-Type") || "";
    if (!type.startsWith("application/sparql-results+json")) {
      statusLine.textContent = "a graph (CONSTRUCT or DESCRIBE):";
      table.append(el("tr", {}, el("td", {}, el("pre", {}, text))));
      return;
    }
    const data = JSON.parse(text);
    const csv = new URL(url, location.href); csv.searchParams.set("format", "csv");
    $("csv-link").href = csv.pathname + csv.search; $("csv-link").hidden = false;
    if ("boolean" in data) { statusLine.textContent = "ASK"; table.append(el("tr", {}, el("td", {}, String(data.boolean)))); return; }
    const vars = data.head.vars;
    table.append(el("tr", {}, ...vars.map((v) => el("th", {}, v))));
    for (const b of data.results.bindings) {
      table.append(el("tr", {}, ...vars.map((v) => el("td", {}, termNode(b[v])))));
    }
    const truncated = r.headers.get("X-Kg-Truncated") ? " (stopped at the server's row limit)" : "";
    statusLine.textContent = `${data.results.bindings.length} rows in ${Math.round(performance.now() - started)} ms${truncated}`;
  }
  function termNode(t) {
    if (!t) return "";
    if (t.type === "uri") {
      const m = t.value.match(/^https:\/\/w3id\.org\/kgct\/id\/([^/]+)$/);
      return m ? link(entityHref(m[1]), t.value) : el("span", {}, t.value);
    }
    return el("span", { title: t["xml:lang"] || t.datatype || "" }, t.value);
  }

  // ------------------------------------------------------------------ wiring
  document.addEventListener("DOMContentLoaded", () => {
    $("search-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      go("/?q=" + encodeURIComponent($("search-input").value.trim()));
    });
    $("query-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      go("/console?query=" + encodeURIComponent($("query-text").value));
    });
    $("preset-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const args = new URLSearchParams({ preset: $("preset-select").value });
      for (const input of $("preset-params").querySelectorAll("input")) args.set(input.name, input.value);
      go("/console?" + args.toString());
    });
    for (const a of document.querySelectorAll("nav a, a.brand")) {
      a.addEventListener("click", (ev) => { ev.preventDefault(); go(a.getAttribute("href")); });
    }
    window.addEventListener("popstate", route);
    route();
  });
})();
