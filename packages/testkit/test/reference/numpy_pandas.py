"""Reference vectors for @ds/testkit's allClose and recordsEqual, from numpy and pandas.

Run from this directory with Debian's python3 (numpy, pandas):
    /usr/bin/python3 numpy_pandas.py
It writes allclose.json and records.json ({ id, source, inputs, expected }); the tests read them
with referenceVectors and never need Python. Python's json writes NaN/Infinity as bare tokens,
which referenceVectors reads.
"""
import json
import warnings

import numpy as np
import pandas as pd

rng = np.random.default_rng(20261129)
NP = f"numpy {np.__version__}"
PD = f"pandas {pd.__version__}"


def allclose_vectors():
    out = []

    def add(id_, actual, expected, rtol, atol, equal_nan):
        a = np.asarray(actual, dtype=float)
        e = np.asarray(expected, dtype=float)
        close = bool(np.allclose(a, e, rtol=rtol, atol=atol, equal_nan=equal_nan))
        out.append({
            "id": id_,
            "source": f"{NP}: numpy.allclose(actual, expected, rtol={rtol!r}, atol={atol!r}, equal_nan={equal_nan})",
            "inputs": {"actual": actual, "expected": expected,
                       "options": {"rtol": rtol, "atol": atol, "equalNaN": equal_nan}},
            "expected": {"close": close},
        })

    # Hand-picked edges: the asymmetry, the boundary, NaN and infinities.
    add("asymmetric-a", 1.0, 1.1, 0.095, 0.0, True)
    add("asymmetric-b", 1.1, 1.0, 0.095, 0.0, True)
    add("atol-only", [1e-9, -1e-9], [0.0, 0.0], 0.0, 1e-8, True)
    add("atol-too-small", [1e-7], [0.0], 0.0, 1e-8, True)
    add("nan-equal", [float("nan"), 1.0], [float("nan"), 1.0], 1e-7, 0.0, True)
    add("nan-not-equal", [float("nan"), 1.0], [float("nan"), 1.0], 1e-7, 0.0, False)
    add("nan-vs-number", [float("nan")], [1.0], 1e-7, 0.0, True)
    add("inf-same", [float("inf"), -float("inf")], [float("inf"), -float("inf")], 1e-7, 0.0, True)
    add("inf-opposite", [float("inf")], [-float("inf")], 1.0, 1e300, True)
    add("inf-vs-large", [float("inf")], [1e308], 1.0, 1e308, True)
    add("nested", [[1.0, 2.0], [3.0, 4.0000001]], [[1.0, 2.0], [3.0, 4.0]], 1e-7, 0.0, True)
    add("zero-expected", [1e-300], [0.0], 1e-7, 0.0, True)
    # Random pairs straddling the tolerance: values e·(1 + δ) with δ around rtol.
    for i in range(40):
        n = int(rng.integers(1, 6))
        e = rng.normal(0, 10.0 ** rng.integers(-3, 4), n)
        rtol = float(10.0 ** rng.integers(-9, -2))
        atol = float(rng.choice([0.0, 1e-8, 1e-3]))
        delta = rng.normal(0, rtol, n) * rng.choice([0.5, 1.0, 2.0])
        a = e * (1 + delta)
        add(f"random-{i}", [float(x) for x in a], [float(x) for x in e], rtol, atol, True)
    return out


def records_vectors():
    out = []

    def add(id_, actual, expected, options, kwargs):
        a = pd.DataFrame.from_records(actual)
        e = pd.DataFrame.from_records(expected)
        if options.get("ignoreRowOrder"):
            a = a.sort_values(list(a.columns)).reset_index(drop=True)
            e = e.sort_values(list(e.columns)).reset_index(drop=True)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pd.testing.assert_frame_equal(a, e, check_like=True, **kwargs)
            equal = True
        except AssertionError:
            equal = False
        args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        out.append({
            "id": id_,
            "source": f"{PD}: assert_frame_equal(DataFrame.from_records(actual), DataFrame.from_records(expected), check_like=True{', ' + args if args else ''})"
            + (" after sort_values on every column" if options.get("ignoreRowOrder") else ""),
            "inputs": {"actual": actual, "expected": expected, "options": options},
            "expected": {"equal": equal},
        })

    mark = [{"name": "Mark", "score": 0.3}, {"name": "Ada", "score": 1.5}]
    add("same", mark, mark, {}, {})
    add("within-default-rtol", [{"name": "Mark", "score": 0.3 * (1 + 5e-6)}, {"name": "Ada", "score": 1.5}], mark, {}, {})
    add("beyond-default-rtol", [{"name": "Mark", "score": 0.3 * (1 + 5e-5)}, {"name": "Ada", "score": 1.5}], mark, {}, {})
    add("exact-fails-tiny", [{"name": "Mark", "score": 0.1 + 0.2}, {"name": "Ada", "score": 1.5}], mark,
        {"tolerance": {"rtol": 0, "atol": 0}}, {"check_exact": True})
    add("custom-rtol", [{"name": "Mark", "score": 0.31}, {"name": "Ada", "score": 1.5}], mark,
        {"tolerance": {"rtol": 0.05, "atol": 0}}, {"rtol": 0.05, "atol": 0})
    add("string-differs", [{"name": "Marc", "score": 0.3}, {"name": "Ada", "score": 1.5}], mark, {}, {})
    add("column-missing", [{"name": "Mark"}, {"name": "Ada"}], mark, {}, {})
    add("column-extra", [{"name": "Mark", "score": 0.3, "x": 1}, {"name": "Ada", "score": 1.5, "x": 2}], mark, {}, {})
    add("row-missing", mark[:1], mark, {}, {})
    add("order-differs", list(reversed(mark)), mark, {}, {})
    add("order-ignored", list(reversed(mark)), mark, {"ignoreRowOrder": True}, {})
    add("dtype-number-vs-string", [{"id": 1}], [{"id": "1"}], {}, {})
    add("bool-column", [{"ok": True}, {"ok": False}], [{"ok": True}, {"ok": False}], {}, {})
    add("bool-differs", [{"ok": True}, {"ok": True}], [{"ok": True}, {"ok": False}], {}, {})
    add("nan-same-place", [{"x": 1.0}, {"x": float("nan")}], [{"x": 1.0}, {"x": float("nan")}], {}, {})
    add("nan-other-place", [{"x": float("nan")}, {"x": 1.0}], [{"x": 1.0}, {"x": float("nan")}], {}, {})
    add("null-same-place", [{"s": "a"}, {"s": None}], [{"s": "a"}, {"s": None}], {}, {})
    add("null-vs-string", [{"s": "a"}, {"s": None}], [{"s": "a"}, {"s": "b"}], {}, {})
    for i in range(20):
        n = int(rng.integers(1, 5))
        e = [{"k": f"r{j}", "v": float(rng.normal(0, 100))} for j in range(n)]
        scale = float(rng.choice([1e-7, 1e-6, 1e-5, 1e-4]))
        a = [{"k": r["k"], "v": r["v"] * (1 + float(rng.normal(0, scale)))} for r in e]
        add(f"random-{i}", a, e, {}, {})
    return out


for name, vectors in [("allclose.json", allclose_vectors()), ("records.json", records_vectors())]:
    with open(name, "w") as f:
        json.dump(vectors, f, indent=1)
        f.write("\n")
    print(name, len(vectors))
