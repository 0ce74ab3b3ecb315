"""Reference vectors for influenceOfFollowers' robust variants and turi's shrinkage.

Run with Debian's python3 (numpy, scipy): python3 influence.py > influence.json
mean and median from numpy, the trimmed mean from scipy.stats.trim_mean (which cuts
floor(proportiontocut * n) values from each end).
"""
import json
import random

import numpy as np
from scipy import stats

rng = random.Random(2018)
vectors = []
for case in range(40):
    n = rng.choice([1, 2, 3, 5, 8, 13, 50, 201])
    # Follower counts are heavy-tailed: mostly small, now and then huge.
    counts = [int(rng.paretovariate(1.1) * 50) for _ in range(n)]
    trim = rng.choice([0.0, 0.05, 0.1, 0.2, 0.25, 0.4])
    vectors.append({
        "id": f"influence-{case}",
        "source": f"numpy {np.__version__} mean/median, scipy {__import__('scipy').__version__} stats.trim_mean",
        "inputs": {"counts": counts, "trim": trim},
        "expected": {
            "mean": float(np.mean(counts)),
            "median": float(np.median(counts)),
            "trimmedMean": float(stats.trim_mean(counts, trim)),
        },
        "tolerance": 1e-12,
    })
print(json.dumps(vectors, indent=1))
