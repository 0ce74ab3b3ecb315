// turiForGraph on a graph the size of ego-Twitter (81,306 nodes, 1,768,149 edges), generated from
// a seed, against a plain Map-of-arrays implementation and against one sequential pass over the
// edge arrays (the floor: reading every edge once).
import { bench, describe } from 'vitest';
import { generateFollowerGraph, turiForGraph } from '../src/index.js';
import { naiveTuri } from '../test/helpers/naive-turi.js';

const graph = generateFollowerGraph();

// The same graph as crawled data arrives: string ids (DIDs, X ids) and a Map of follower lists.
const ids = Array.from({ length: graph.nodeCount }, (_, i) => `did:plc:${(i * 2654435761) % 4294967296}`);
const edgePairs = Array.from(graph.from, (f, k) => [ids[f]!, ids[graph.to[k]!]!] as const);
const tweetsById = new Map(ids.map((id, i) => [id, graph.tweetCount[i]!]));
function naiveById(): Map<string, number> {
  const followersOf = new Map<string, string[]>();
  for (const [follower, followee] of edgePairs) {
    const list = followersOf.get(followee);
    if (list === undefined) followersOf.set(followee, [follower]);
    else list.push(follower);
  }
  const result = new Map<string, number>();
  for (const [id, tweets] of tweetsById) {
    const followers = followersOf.get(id);
    if (followers === undefined) continue;
    const influence = followers.reduce((s, f) => s + (followersOf.get(f)?.length ?? 0), 0) / followers.length;
    result.set(id, influence / Math.max(tweets, 1));
  }
  return result;
}

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
    'naive Map-of-arrays (number ids)',
    () => {
      _sink += naiveTuri(graph)[0]!;
    },
    { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 },
  );

  bench(
    'naive Map-of-arrays (string ids, as crawled)',
    () => {
      _sink += naiveById().size;
    },
    { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 },
  );
});
