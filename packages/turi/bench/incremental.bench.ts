// Incremental updates on the ego-Twitter-sized graph: a mix of follows, unfollows (of edges just
// added) and posts, one million events per iteration.
import { bench, describe } from 'vitest';
import { createTuriGraph, generateFollowerGraph } from '../src/index.js';

const graph = generateFollowerGraph();
const live = createTuriGraph(graph);
const n = graph.nodeCount;
const EVENTS = 1_000_000;
// Events drawn beforehand (a seeded LCG), so the timing is the updates only.
const a = new Uint32Array(EVENTS);
const b = new Uint32Array(EVENTS);
let x = 12345;
for (let i = 0; i < EVENTS; i++) {
  x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
  a[i] = x % n;
  x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
  b[i] = x % n;
}

describe('createTuriGraph: 1,000,000 events (follow, unfollow, post), ego-Twitter size', () => {
  bench(
    '1M events: 40% follow, 40% unfollow of the same edges, 20% post',
    () => {
      for (let i = 0; i < EVENTS; i += 5) {
        live.follow(a[i]!, b[i]!);
        live.follow(a[i + 1]!, b[i + 1]!);
        live.unfollow(a[i]!, b[i]!);
        live.unfollow(a[i + 1]!, b[i + 1]!);
        live.post(a[i + 2]!);
      }
    },
    { iterations: 5, time: 0 },
  );
});
