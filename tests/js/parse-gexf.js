#!/usr/bin/env node
// Parses a GEXF file with graphology-gexf (the parser behind sigma.js and Gephi Lite) and
// prints what it read as JSON: graph type, node and edge counts, every node's and edge's
// attributes. Used by tests/test_gexf_graphology.py.
//
//   node tests/js/parse-gexf.js FILE.gexf
//
// Parsing is strict (graphology-gexf's defaults): an attribute value without a declaration
// or an edge to a missing node is an error, reported on stderr with exit status 1.
'use strict';

const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf'); // node entry: DOMParser from @xmldom/xmldom

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: node parse-gexf.js FILE.gexf\n');
    return 2;
  }
  const xml = fs.readFileSync(argv[0], 'utf8');
  let graph;
  try {
    graph = gexf.parse(Graph, xml);
  } catch (err) {
    process.stderr.write(`${argv[0]}: graphology-gexf could not parse it: ${err.message}\n`);
    return 1;
  }
  const nodes = {};
  graph.forEachNode((key, attributes) => {
    nodes[key] = attributes;
  });
  const edges = [];
  graph.forEachEdge((key, attributes, source, target, _sa, _ta, undirected) => {
    edges.push({key, source, target, undirected, attributes});
  });
  const out = {
    type: graph.type,
    multi: graph.multi,
    order: graph.order,
    size: graph.size,
    directedSize: graph.directedSize,
    undirectedSize: graph.undirectedSize,
    graphAttributes: graph.getAttributes(),
    nodes,
    edges,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
