"""Reference vectors for turiForGraph, computed with networkx on seeded random digraphs.

Run with Debian's python3 (networkx): python3 graph.py > graph.json
IF of v: the mean in-degree of v's predecessors (or of their given follower counts);
TURI = IF / T with T = 0 taken as 1 ('as-one'); null where undefined (no followers).
"""
import json
import random

import networkx as nx

vectors = []
for case, (n, p, seed, given) in enumerate([
    (10, 0.3, 1, False), (30, 0.1, 2, False), (60, 0.05, 3, False), (60, 0.2, 4, False),
    (100, 0.03, 5, False), (20, 0.25, 6, True), (80, 0.05, 7, True), (150, 0.02, 8, False),
]):
    g = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    rng = random.Random(seed)
    tweets = [rng.choice([0, 0, 1, 3, 17, 250, 4000]) for _ in range(n)]
    followers = [rng.randrange(0, 100000) for _ in range(n)] if given else None
    count = followers if given else [g.in_degree(v) for v in range(n)]
    turi = []
    for v in range(n):
        preds = list(g.predecessors(v))
        if not preds:
            turi.append(None)
            continue
        influence = sum(count[u] for u in preds) / len(preds)
        turi.append(influence / max(tweets[v], 1))
    edges = sorted(g.edges())
    vectors.append({
        "id": f"gnp-{n}-{p}-{seed}{'-given' if given else ''}",
        "source": f"networkx {nx.__version__} gnp_random_graph(directed=True), predecessors, in_degree",
        "inputs": {
            "from": [u for u, _ in edges],
            "to": [v for _, v in edges],
            "tweetCount": tweets,
            "followersCount": followers,
        },
        "expected": turi,
        "tolerance": 1e-12,
    })
print(json.dumps(vectors))
