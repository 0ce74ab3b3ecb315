"""Reference vectors for several arms against one control (Dunnett and Bonferroni) from SciPy.

Regenerate: cd packages/sample-size/test/reference && /usr/bin/python3 many-to-one.py
(writes many-to-one-scipy.json; Debian's python3-scipy 1.10.1 and python3-statsmodels 0.13.5).

Each design draws k arms, their allocation ratios n_i / n_0 (equal, or one per arm), alpha, the
sidedness and, for the t version, degrees of freedom. The statistics Z_i = (mean_i - mean_0) /
(sigma * sqrt(1/n_i + 1/n_0)) are multivariate normal with correlation lambda_i * lambda_j,
lambda_i = sqrt(r_i / (1 + r_i)). The probabilities P(all Z_i <= c) (between -c and c
when two-sided) are integrals over the control's common component X (Z_i = mu_i + lambda_i X +
sqrt(1 - lambda_i^2) E_i) by Gauss-Legendre rules in NumPy (600 points, 1e-12), and for designs of up to three
normal arms the script asserts that scipy.stats.multivariate_normal.cdf (Genz's quasi-Monte Carlo
method, a different algorithm; 1e-6 requested, minutes per call beyond three arms on
this machine) gives the same to 1e-5. The Dunnett critical value is the c where the probability
is 1 - alpha, by brentq (xtol 1e-12). With estimated variance (df degrees of freedom) the
T_i = Z_i / S, S = sqrt(chi2_df / df), and P(all T_i <= c) is the integral over s of
P(all Z_i <= c s) times the density of S, by a second rule (SciPy 1.10 has no
multivariate_t.cdf); with one arm the script asserts that the bound is t.isf itself. Bonferroni's
bound is norm.isf(alpha / k) (alpha / 2k two-sided; t.isf with df), checked against statsmodels'
multipletests(method='bonferroni') on the same p-values. Powers: 1 - P(all Z_i below the bound)
under means mu_i (any arm rejected) and P(all Z_i above it) (all arms, one-sided).
"""

import json
import math
import sys
import warnings

import numpy as np
import scipy
import statsmodels
from scipy.optimize import brentq
from scipy.stats import chi, multivariate_normal, norm, t
from statsmodels.stats.multitest import multipletests

warnings.simplefilter("ignore")
VERSION = f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}"
rng = np.random.default_rng(20261207)
EPS = 1e-9


def corr(ratios):
    lam = np.sqrt(np.array(ratios) / (1 + np.array(ratios)))
    c = np.outer(lam, lam)
    np.fill_diagonal(c, 1.0)
    return c


def p_below_genz(c, ratios, sided, mean=None):
    """P(all Z_i <= c) (two-sided: all |Z_i| <= c) by Genz's method (normal only)."""
    k = len(ratios)
    mu = np.zeros(k) if mean is None else np.array(mean)
    up = np.full(k, c)
    lo = -up if sided == 2 else None
    return float(multivariate_normal.cdf(up, mean=mu, cov=corr(ratios), lower_limit=lo, abseps=1e-6, releps=1e-6, maxpts=2_000_000 * k))


X, WX = np.polynomial.legendre.leggauss(600)
X, WX = 10 * X, 10 * WX  # [-10, 10]
SX, WS = np.polynomial.legendre.leggauss(400)


def p_below(c, ratios, sided, mean=None, df=None):
    """The same probability as a one-dimensional integral over the control's common component,
    Z_i = mu_i + lambda_i X + sqrt(1 - lambda_i^2) E_i with X, E_i independent N(0, 1), by a
    600-point Gauss-Legendre rule on [-10, 10] in NumPy; with df, mixed over S by a 400-point rule
    on S's central range (density below 1e-16 outside it)."""
    lam = np.sqrt(np.array(ratios) / (1 + np.array(ratios)))[:, None]
    sd = np.sqrt(1 - lam * lam)
    mu = (np.zeros(len(ratios)) if mean is None else np.array(mean))[:, None]

    def normal(b):
        # b: array of bounds (one per s node) -> probabilities
        b = np.atleast_1d(b)[:, None, None]
        m = mu[None] + lam[None] * X[None, None]
        up = norm.cdf((b - m) / sd[None])
        if sided == 2:
            up = up - norm.cdf((-b - m) / sd[None])
        return (np.prod(up, axis=1) * norm.pdf(X)[None]) @ WX

    if df is None:
        return float(normal(c)[0])
    dist = chi(df, scale=1 / math.sqrt(df))
    lo, hi = dist.ppf(1e-17), dist.isf(1e-17)
    s = lo + (hi - lo) * (SX + 1) / 2
    w = WS * (hi - lo) / 2 * dist.pdf(s)
    return float(normal(c * s) @ w)


def p_above(c, ratios, mean, df=None):
    """P(all Z_i >= c), one-sided, means `mean`: the all-arms power."""
    return p_below(-c, ratios, 1, mean=-np.array(mean), df=df)


rows = []
count = int(sys.argv[1]) if len(sys.argv) > 1 else 120
i = 0
while len(rows) < count:
    i += 1
    k = int(rng.integers(1, 9))
    sided = int(rng.choice([1, 2]))
    alpha = float(rng.choice([0.01, 0.025, 0.05, 0.1]))
    kind = rng.random()
    if kind < 0.4:
        ratios = [1.0] * k
        ratio_in = 1
    elif kind < 0.7:
        r = float(round(rng.uniform(0.3, 2.0), 3))
        ratios = [r] * k
        ratio_in = r
    else:
        ratios = [float(round(x, 3)) for x in rng.uniform(0.3, 2.0, k)]
        ratio_in = ratios
    df = None if rng.random() < 0.75 else int(rng.integers(3, 120))
    target = 1 - alpha
    crit = brentq(lambda c: p_below(c, ratios, sided, df=df) - target, 0.5, 8, xtol=1e-13)
    if k == 1:
        # One arm: the bound is the normal or t quantile itself.
        exact = (norm if df is None else t(df)).isf(alpha / sided)
        assert abs(crit - exact) < 1e-8, (crit, exact, df)
    if df is None and k <= 3:
        # Genz's method, independently: the same probability at the same bound.
        genz = p_below_genz(crit, ratios, sided)
        assert abs(genz - target) < 1e-5, (genz, target)
    bonf = float((norm if df is None else t(df)).isf(alpha / (k * sided)))
    # statsmodels: a p-value just inside Bonferroni's bound is rejected, one just outside is not.
    edge = alpha / k
    rej = multipletests([edge * (1 - 1e-9), edge * (1 + 1e-9)], alpha=alpha * 2 / k, method="bonferroni")[0]
    assert rej[0] and not rej[1]
    # Powers at a random effect per arm (on the z scale) for both bounds.
    mean = [float(round(x, 3)) for x in rng.uniform(0.5, 4.0, k)]
    if rng.random() < 0.3:
        mean[int(rng.integers(0, k))] = 0.0
    if df is None and k <= 3:
        genz = 1 - p_below_genz(crit, ratios, sided, mean=mean)
        ours = 1 - p_below(crit, ratios, sided, mean=mean)
        assert abs(genz - ours) < 1e-5, (genz, ours)
    expected = {
        "dunnett": crit,
        "bonferroni": bonf,
        "anyArmDunnett": 1 - p_below(crit, ratios, sided, mean=mean, df=df),
        "anyArmBonferroni": 1 - p_below(bonf, ratios, sided, mean=mean, df=df),
    }
    if sided == 1:
        expected["allArmsDunnett"] = p_above(crit, ratios, mean, df=df)
    inputs = {"arms": k, "alpha": alpha, "alternative": "one-sided" if sided == 1 else "two-sided", "ratio": ratio_in, "shift": mean}
    if df is not None:
        inputs["df"] = df
    tol = {"rtol": 1e-9, "atol": 1e-10} if df is None else {"rtol": 1e-8, "atol": 1e-9}
    source = (
        f"{VERSION}: brentq on a Gauss-Legendre integral over the control's component"
        + (" (checked by multivariate_normal.cdf, Genz, to 1e-5)" if df is None and k <= 3 else "")
        + ("" if df is None else f" mixed over S = sqrt(chi2_{df}/{df})")
        + f"; norm/t.isf(alpha / {k * sided}) and multipletests(method='bonferroni')"
    )
    rows.append({"id": f"mto-{len(rows) + 1:03d}-k{k}-{'one' if sided == 1 else 'two'}{'' if df is None else f'-t{df}'}", "source": source, "inputs": inputs, "expected": expected, "tolerance": tol})
    print(len(rows), rows[-1]["id"], file=sys.stderr, flush=True)

with open("many-to-one-scipy.json", "w") as f:
    f.write("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n")
print(len(rows), "designs", file=sys.stderr)
