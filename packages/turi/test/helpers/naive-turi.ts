// The plain reference implementation: a Map from each followee to the list of its followers,
// written for clarity, not speed. Tests check turiForGraph against it; the benchmark times it.
export interface NaiveGraph {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  tweetCount: ArrayLike<number>;
  followersCount?: ArrayLike<number>;
}

export function naiveTuri(graph: NaiveGraph, zeroTweets: 'as-one' | 'exclude' = 'as-one', minTweets = 0): number[] {
  const followersOf = new Map<number, number[]>();
  for (let k = 0; k < graph.from.length; k++) {
    const list = followersOf.get(graph.to[k]!) ?? [];
    list.push(graph.from[k]!);
    followersOf.set(graph.to[k]!, list);
  }
  const followersCount = (node: number) => graph.followersCount?.[node] ?? followersOf.get(node)?.length ?? 0;
  const result: number[] = [];
  for (let node = 0; node < graph.tweetCount.length; node++) {
    const followers = followersOf.get(node) ?? [];
    const tweets = graph.tweetCount[node]!;
    if (followers.length === 0 || tweets < minTweets || (tweets === 0 && zeroTweets === 'exclude')) {
      result.push(Number.NaN);
      continue;
    }
    let total = 0;
    for (const f of followers) total += followersCount(f);
    result.push(total / followers.length / Math.max(tweets, 1));
  }
  return result;
}
