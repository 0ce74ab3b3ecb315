"""Reference breaks for classify(), from numpy (Debian python3-numpy).

numpy.quantile with its default linear method is the rule mapclassify.Quantiles uses for its
bins; equal interval is min + j·(max − min)/k with the maximum as the last bin, as
mapclassify.EqualInterval. Regenerate with Debian's python:
    /usr/bin/python3 test/reference/classify.py > test/reference/classify.json
"""
import json
import numpy as np

rng = np.random.default_rng(20261129)
datasets = {
    "uniform-50": rng.uniform(0, 100, 50).round(3),
    "lognormal-101": rng.lognormal(3, 1, 101).round(3),
    "ties-12": np.array([1, 1, 1, 2, 2, 3, 5, 5, 8, 13, 21, 21], dtype=float),
}
vectors = []
for name, values in datasets.items():
    for k in (3, 5, 7):
        q = np.quantile(values, np.arange(1, k + 1) / k)
        e = values.min() + np.arange(1, k) * (values.max() - values.min()) / k
        for scheme, breaks in (("quantiles", list(q)), ("equal-interval", list(e) + [values.max()])):
            classes = np.searchsorted(np.array(breaks), values, side="left")
            vectors.append({
                "id": f"{scheme}-{name}-k{k}",
                "source": f"numpy {np.__version__}: " + ("np.quantile(values, arange(1, k+1)/k)" if scheme == "quantiles" else "min + j*(max-min)/k") + "; classes by np.searchsorted(side='left')",
                "inputs": {"values": [float(v) for v in values], "scheme": scheme, "k": k},
                "expected": {"breaks": [float(b) for b in breaks], "classOf": [int(c) for c in classes]},
            })
print(json.dumps(vectors, indent=1))
