#!/usr/bin/python3
"""Python's Jinja2 on the benchmark templates, for bench/templates.ts (run in the same process tree).

Reads {"templates": {name: source}, "workloads": [{name, template, datas: [data, ...]}]} as JSON
on stdin and prints {name: ms}: the fastest of `runs` warm renders of every data of a workload
(template-only time: the template compiled once, as createRenderer does). `currency` is given
as Python would format dollars ('$1,234.50'), the same text @ds/report's filter writes.
"""
import json
import os
import sys
import time

_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

import jinja2  # noqa: E402


def currency(value):
    return ("-$" if value < 0 else "$") + f"{abs(value):,.2f}"


def main():
    job = json.load(sys.stdin)
    runs = job.get("runs", 5)
    env = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader(job["templates"]))
    env.filters["currency"] = currency
    out = {}
    for w in job["workloads"]:
        template = env.get_template(w["template"])
        datas = w["datas"]
        for d in datas:  # warm-up
            template.render(**d)
        best = float("inf")
        for _ in range(runs):
            t = time.perf_counter()
            for d in datas:
                template.render(**d)
            best = min(best, time.perf_counter() - t)
        out[w["name"]] = best * 1000
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
