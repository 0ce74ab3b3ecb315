"""Reference vectors for two proportions from statsmodels.

Regenerate: /usr/bin/python3 test/reference/proportions.py > test/reference/proportions-statsmodels.json
Needs Debian's python3-statsmodels (0.13.5). statsmodels writes p1 = p2 + diff, nobs2 = ratio * nobs1,
and 'larger' for p1 > p2 (our 'greater'); its two-sided power counts both tails (our strict: true).
Unknowns are found with brentq(xtol=1e-14) on statsmodels' power function: solve_power's own
stopping rule leaves errors near 1e-6.
"""

import json
import warnings

import scipy
import statsmodels
from scipy.optimize import brentq
from statsmodels.stats.power import NormalIndPower, normal_power_het, normal_sample_size_one_tail
from statsmodels.stats.proportion import (
    power_proportions_2indep,
    proportion_effectsize,
    samplesize_proportions_2indep_onetail,
)

warnings.simplefilter("ignore")
VERSION = f"statsmodels {statsmodels.__version__}, scipy {scipy.__version__}"
ALT = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}
rows = []


def add(id_, source, inputs, expected, tolerance=1e-9):
    rows.append({"id": id_, "source": f"{VERSION}: {source}", "inputs": inputs, "expected": expected, "tolerance": {"rtol": tolerance, "atol": 1e-14}})


pairs = [(0.52, 0.5), (0.2, 0.1), (0.45, 0.65), (0.03, 0.01), (0.7, 0.6)]
nip = NormalIndPower()

# Arcsine (Cohen's h): NormalIndPower with unequal allocation.
k = 0
for p1, p2 in pairs:
    h = float(proportion_effectsize(p1, p2))
    for alt in ("two-sided", "greater", "less"):
        for ratio in (1, 0.5, 2.5):
            k += 1
            if (alt == "greater" and h < 0) or (alt == "less" and h > 0):
                pw = float(nip.power(h, nobs1=200, alpha=0.05, ratio=ratio, alternative=ALT[alt]))
                add(f"sm-arcsine-power-{k}", f"NormalIndPower().power(proportion_effectsize({p1}, {p2}), nobs1=200, alpha=0.05, ratio={ratio}, alternative='{ALT[alt]}')",
                    {"solve": "power", "method": "arcsine", "p1": p1, "p2": p2, "n1": 200, "ratio": ratio, "alpha": 0.05, "alternative": alt}, {"power": pw}, 1e-12)
                continue
            n = brentq(lambda n: nip.power(h, nobs1=n, alpha=0.05, ratio=ratio, alternative=ALT[alt]) - 0.8, 1, 1e9, xtol=1e-14, rtol=1e-15)
            add(f"sm-arcsine-n-{k}", f"brentq on NormalIndPower().power = 0.8: (proportion_effectsize({p1}, {p2}), alpha=0.05, power=0.8, ratio={ratio}, alternative='{ALT[alt]}')",
                {"solve": "n", "method": "arcsine", "p1": p1, "p2": p2, "ratio": ratio, "power": 0.8, "alpha": 0.05, "alternative": alt}, {"n1Exact": n}, 1e-8)
            n1 = round(n * 0.8)
            pw = float(nip.power(h, nobs1=n1, alpha=0.05, ratio=ratio, alternative=ALT[alt]))
            add(f"sm-arcsine-power-{k}", f"NormalIndPower().power(proportion_effectsize({p1}, {p2}), nobs1={n1}, alpha=0.05, ratio={ratio}, alternative='{ALT[alt]}')",
                {"solve": "power", "method": "arcsine", "p1": p1, "p2": p2, "n1": n1, "ratio": ratio, "alpha": 0.05, "alternative": alt}, {"power": pw}, 1e-12)

# Arcsine: solve for alpha, ratio and the effect size.
k = 0
for h, n1 in ((0.2, 300), (0.35, 120), (0.1, 2000)):
    k += 1
    a = brentq(lambda a: nip.power(h, nobs1=n1, alpha=a, ratio=1.5) - 0.7, 1e-12, 1 - 1e-12, xtol=1e-16, rtol=1e-15)
    add(f"sm-arcsine-alpha-{k}", f"brentq on NormalIndPower().power = 0.7: ({h}, nobs1={n1}, alpha=None, power=0.7, ratio=1.5)",
        {"solve": "alpha", "method": "arcsine", "h": h, "n1": n1, "ratio": 1.5, "power": 0.7}, {"alpha": a}, 1e-8)
    r = brentq(lambda r: nip.power(h, nobs1=n1 * 1.5, alpha=0.05, ratio=r) - 0.8, 1e-3, 1e6, xtol=1e-14, rtol=1e-15)
    add(f"sm-arcsine-ratio-{k}", f"brentq on NormalIndPower().power = 0.8: ({h}, nobs1={n1 * 1.5}, alpha=0.05, power=0.8, ratio=None)",
        {"solve": "ratio", "method": "arcsine", "h": h, "n1": n1 * 1.5, "power": 0.8}, {"ratio": r}, 1e-7)
    for alt in ("two-sided", "greater"):
        es = brentq(lambda e: nip.power(e, nobs1=n1, alpha=0.05, ratio=2, alternative=ALT[alt]) - 0.8, 1e-9, 3.2, xtol=1e-15, rtol=1e-15)
        add(f"sm-arcsine-h-{k}-{alt}", f"brentq on NormalIndPower().power = 0.8: (None, nobs1={n1}, alpha=0.05, power=0.8, ratio=2, alternative='{ALT[alt]}')",
            {"solve": "h", "method": "arcsine", "n1": n1, "ratio": 2, "power": 0.8, "alternative": alt}, {"h": abs(es)}, 1e-7)

# Pooled with unequal allocation: power_proportions_2indep (counts both tails: strict).
k = 0
for p1, p2 in pairs:
    for alt in ("two-sided", "greater", "less"):
        for ratio in (1, 0.5, 3):
            for n1 in (80, 1500):
                k += 1
                pw = float(power_proportions_2indep(p1 - p2, p2, n1, ratio=ratio, alpha=0.05, alternative=ALT[alt], return_results=False))
                add(f"sm-pooled-power-{k}", f"power_proportions_2indep(diff={p1 - p2:.17g}, prop2={p2}, nobs1={n1}, ratio={ratio}, alpha=0.05, alternative='{ALT[alt]}')",
                    {"solve": "power", "method": "pooled", "strict": True, "p1": p1, "p2": p2, "n1": n1, "ratio": ratio, "alpha": 0.05, "alternative": alt}, {"power": pw}, 1e-12)

# Pooled sample size with unequal allocation, near tail only: samplesize_proportions_2indep_onetail.
k = 0
for p1, p2 in pairs:
    for ratio in (1, 2, 0.25):
        for alt in ("two-sided", "greater" if p1 > p2 else "less"):
            k += 1
            n = float(samplesize_proportions_2indep_onetail(p1 - p2, p2, 0.9, ratio=ratio, alpha=0.05, alternative=ALT[alt]))
            add(f"sm-pooled-n-{k}", f"samplesize_proportions_2indep_onetail(diff={p1 - p2:.17g}, prop2={p2}, power=0.9, ratio={ratio}, alpha=0.05, alternative='{ALT[alt]}')",
                {"solve": "n", "method": "pooled", "p1": p1, "p2": p2, "ratio": ratio, "power": 0.9, "alpha": 0.05, "alternative": alt}, {"n1Exact": n}, 1e-8)

# Unpooled (Wald): the same standard error under H0 and H1, sqrt(p1 q1 + p2 q2 / ratio) / sqrt(nobs1).
k = 0
for p1, p2 in pairs:
    std = ((p1 * (1 - p1)) + (p2 * (1 - p2)) / 1.5) ** 0.5
    for alt in ("two-sided", "greater", "less"):
        for n1 in (60, 900):
            k += 1
            pw = float(normal_power_het(p1 - p2, n1, 0.05, std_null=std, std_alternative=std, alternative=ALT[alt]))
            add(f"sm-unpooled-power-{k}", f"normal_power_het(diff={p1 - p2:.17g}, nobs={n1}, alpha=0.05, std_null=std_alternative={std:.17g}, alternative='{ALT[alt]}')",
                {"solve": "power", "method": "unpooled", "strict": True, "p1": p1, "p2": p2, "n1": n1, "ratio": 1.5, "alpha": 0.05, "alternative": alt}, {"power": pw}, 1e-12)
    for alt in ("two-sided", "greater" if p1 > p2 else "less"):
        k += 1
        n = float(normal_sample_size_one_tail(abs(p1 - p2), 0.8, 0.05 / 2 if alt == "two-sided" else 0.05, std_null=std, std_alternative=std))
        add(f"sm-unpooled-n-{k}", f"normal_sample_size_one_tail(diff={abs(p1 - p2):.17g}, power=0.8, alpha={0.05 / 2 if alt == 'two-sided' else 0.05}, std_null=std_alternative={std:.17g})",
            {"solve": "n", "method": "unpooled", "p1": p1, "p2": p2, "ratio": 1.5, "power": 0.8, "alpha": 0.05, "alternative": alt}, {"n1Exact": n}, 1e-9)

print(json.dumps(rows, indent=0))
