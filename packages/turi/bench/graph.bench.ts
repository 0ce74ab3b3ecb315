// turiForGraph on a graph the size of ego-Twitter (81,306 nodes, 1,768,149 edges), generated from
// a seed, against a plain Map-of-arrays implementation and against one sequential pass over the
// edge arrays (the floor: reading every edge once).
import { bench, describe } from 'vitest';
import { generateFollowerGraph, turiForGraph } from '../src/index.js';
import { naiveTuri } from '../test/helpers/naive-turi.js';

const graph = generateFollowerGraph();

let _sink = 0;
describe(`turiForGraph, ${graph.nodeCount.toLocaleString('en')} nodes, ${graph.from.length.toLocaleString('en')} edges`, () => {
  bench('turiForGraph (typed arrays)', () => {
    _sink += turiForGraph(graph)[0]!;
  });

  bench('one sequential pass over from and to', () => {
    const { from, to } = graph;
    let s = 0;
    for (let k = 0; k < from.length; k++) s += from[k]! ^ to[k]!;
    _sink += s;
  });

  bench(
    'naive Map-of-arrays',
    () => {
      _sink += naiveTuri(graph)[0]!;
    },
    { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 },
  );
});
