#!/usr/bin/env python3
"""Markdown summary of Google Benchmark JSON files (tools/bench.sh).

    tools/bench_summary.py DIR [--note TEXT]

One section per JSON file in DIR, one row per benchmark run: the operation,
its arguments (group size n, message size ...), the time per iteration, the
floor counters (names starting with "floor" or "us_floor"), the ratio counters
(names starting with "ratio" or "goal_ratio", or "true_ratio") and the other
counters. With repetitions, only the median row is shown.
"""
import argparse
import glob
import json
import os
import sys

STANDARD = {
    "name", "family_index", "per_family_instance_index", "run_name", "run_type",
    "repetitions", "repetition_index", "threads", "iterations", "real_time",
    "cpu_time", "time_unit", "aggregate_name", "aggregate_unit", "label",
    "error_occurred", "error_message",
}
DECORATIONS = ("iterations:", "repeats:", "min_time:", "real_time", "manual_time", "threads:")


def fmt(value):
    if isinstance(value, str):
        return value
    a = abs(value)
    if a == 0:
        return "0"
    if a >= 1e6 or a < 1e-3:
        return f"{value:.3g}"
    if a >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}"


def split_name(name):
    parts = [p for p in name.split("/") if not p.startswith(DECORATIONS)]
    op = [parts[0].removeprefix("BM_")]
    args = []
    for p in parts[1:]:
        (args if p.lstrip("-").isdigit() else op).append(p)
    return " ".join(op), "/".join(args)


def is_floor(key):
    return key.startswith(("floor", "us_floor"))


def is_ratio(key):
    return key.startswith(("ratio", "goal_ratio")) or key == "true_ratio"


def rows(benchmarks):
    medians = [b for b in benchmarks if b.get("run_type") == "aggregate" and b.get("aggregate_name") == "median"]
    chosen = medians or [b for b in benchmarks if b.get("run_type", "iteration") == "iteration"]
    for b in chosen:
        op, args = split_name(b.get("run_name", b["name"]))
        if b.get("error_occurred"):
            yield op, args, "error: " + b.get("error_message", "?"), "", "", ""
            continue
        counters = {k: v for k, v in b.items() if k not in STANDARD}
        floors = ", ".join(f"{k}={fmt(v)}" for k, v in counters.items() if is_floor(k))
        ratios = ", ".join(f"{k}={fmt(v)}" for k, v in counters.items() if is_ratio(k))
        other = ", ".join(f"{k}={fmt(v)}" for k, v in counters.items() if not is_floor(k) and not is_ratio(k))
        time = f"{fmt(b['real_time'])} {b.get('time_unit', 'ns')}"
        yield op, args, time, floors, ratios, other


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--note", default="")
    opts = ap.parse_args()
    files = sorted(glob.glob(os.path.join(opts.dir, "*.json")))
    if not files:
        print(f"bench_summary: no JSON files in {opts.dir}", file=sys.stderr)
        return 1
    print("# Benchmark summary\n")
    if opts.note:
        print(opts.note + "\n")
    for path in files:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        ctx = data.get("context", {})
        print(f"## {os.path.basename(path)[:-5]}\n")
        print(f"{ctx.get('date', '')}, {ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz, "
              f"library build {ctx.get('library_build_type', '?')}\n")
        print("| operation | args | time | floor | ratio | other |")
        print("|---|---|---|---|---|---|")
        for r in rows(data.get("benchmarks", [])):
            print("| " + " | ".join(c.replace("|", "/") for c in r) + " |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
