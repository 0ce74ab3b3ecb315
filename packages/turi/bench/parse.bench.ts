// Parsing the generated ego-Twitter-sized graph written as a SNAP-style text edge list.
import { bench, describe } from 'vitest';
import { generateFollowerGraph, parseEdgeList } from '../src/index.js';

const graph = generateFollowerGraph();
const lines: string[] = [];
// Twitter-like ids: large, sparse numbers, so relabelling does real work.
for (let k = 0; k < graph.from.length; k++) lines.push(`${graph.from[k]! * 2654435 + 12}\t${graph.to[k]! * 2654435 + 12}\n`);
const bytes = new TextEncoder().encode(lines.join(''));
const small = new TextEncoder().encode(Array.from(graph.from, (f, k) => `${f} ${graph.to[k]}\n`).join(''));

let _sink = 0;
describe(`parseEdgeList, ${graph.from.length.toLocaleString('en')} edges (${(bytes.length / 1e6).toFixed(1)} MB)`, () => {
  bench('Twitter-like ids, relabelled to dense indices', () => {
    _sink += parseEdgeList(bytes).nodeCount;
  });
  bench('dense ids, relabel: false', () => {
    _sink += parseEdgeList(small, { relabel: false }).nodeCount;
  });
});
