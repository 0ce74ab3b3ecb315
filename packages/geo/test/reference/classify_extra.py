"""Reference breaks for classify()'s 'natural-breaks' and 'std-dev' schemes, with numpy.

natural-breaks: Fisher's exact optimal partition of sorted values into k contiguous classes
minimising the within-class sum of squares (the Fisher-Jenks rule of mapclassify.FisherJenks),
by the textbook O(k n^2) dynamic programme, ties to the leftmost split; breaks are class maxima.
std-dev: mean + s * (-2, -1, 1, 2) with s the population standard deviation (ddof=0), the
maximum appended when above the last break (the rule of mapclassify.StdMean).
Regenerate with Debian's python:
    /usr/bin/python3 test/reference/classify_extra.py > test/reference/classify-extra.json
"""
import json
import numpy as np

rng = np.random.default_rng(20261130)
datasets = {
    "uniform-60": rng.uniform(0, 100, 60).round(3),
    "lognormal-150": rng.lognormal(3, 1, 150).round(3),
    "ties-12": np.array([1, 1, 1, 2, 2, 3, 5, 5, 8, 13, 21, 21], dtype=float),
    "clusters-40": np.concatenate([rng.normal(m, 1, 10) for m in (0, 10, 20, 50)]).round(3),
}


def fisher(values, k):
    x = np.sort(values)
    n = len(x)
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x * x)])

    def cost(i, j):  # inclusive, 0-based
        m = j - i + 1
        s = s1[j + 1] - s1[i]
        return (s2[j + 1] - s2[i]) - s * s / m

    INF = float("inf")
    D = [[INF] * n for _ in range(k)]
    B = [[0] * n for _ in range(k)]
    for j in range(n):
        D[0][j] = cost(0, j)
    for m in range(1, k):
        for j in range(m, n):
            best, arg = INF, m
            for i in range(m, j + 1):
                c = D[m - 1][i - 1] + cost(i, j)
                if c < best - 1e-9 * max(1.0, abs(best)) if best < INF else True:
                    best, arg = c, i
            D[m][j], B[m][j] = best, arg
    breaks = []
    j = n - 1
    for m in range(k - 1, -1, -1):
        breaks.append(float(x[j]))
        i = B[m][j] if m > 0 else 0
        j = i - 1
    return sorted(breaks), float(D[k - 1][n - 1])


vectors = []
for name, values in datasets.items():
    for k in (3, 5):
        if len(np.unique(values)) < k:
            continue
        b, sse = fisher(values, k)
        classes = np.searchsorted(np.array(b), values, side="left")
        vectors.append({"id": f"natural-breaks-{name}-k{k}", "source": f"numpy {np.__version__}: Fisher optimal partition, O(k n^2) DP",
                        "inputs": {"values": [float(v) for v in values], "scheme": "natural-breaks", "k": k},
                        "expected": {"breaks": b, "classOf": [int(c) for c in classes], "sse": sse}})
    m, s = values.mean(), values.std()
    b = [float(m + s * t) for t in (-2, -1, 1, 2)]
    if values.max() > b[-1]:
        b.append(float(values.max()))
    classes = np.searchsorted(np.array(b), values, side="left")
    vectors.append({"id": f"std-dev-{name}", "source": f"numpy {np.__version__}: mean + std(ddof=0) * (-2, -1, 1, 2), max appended",
                    "inputs": {"values": [float(v) for v in values], "scheme": "std-dev", "k": len(b)},
                    "expected": {"breaks": b, "classOf": [int(c) for c in classes]}})
print(json.dumps(vectors, indent=1))
