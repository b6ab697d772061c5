#!/usr/bin/env python3
"""Markdown summary of Google Benchmark JSON files (tools/bench.sh).

    tools/bench_summary.py DIR [--note TEXT]

One section per JSON file in DIR, one row per benchmark run: the operation,
its arguments (group size n, message size ...), the time per iteration, the
floor counters (names starting with "floor" or "us_floor"), the ratio counters
(names starting with "ratio" or "goal_ratio", or "true_ratio") and the other
counters. With repetitions, only the median row is shown. Arguments named
with ArgNames ("n:2/bytes:16") count as arguments. The membership
benchmarks (BM_Greet/<operation>/<n>) also get a grid: one row per operation,
one column per n, "ratio_critical / ratio_total" in each cell. At the top, a
list of every ratio over its goal (1.3 for the engine, 2 for "ratio" of the
XMPP establishment through Prosody).
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
        named = ":" in p and p.split(":", 1)[1].lstrip("-").isdigit()
        (args if p.lstrip("-").isdigit() or named else op).append(p)
    return " ".join(op), "/".join(args)


def goal_for(key):
    """The goal of a ratio counter (issue 12), or None if it has none."""
    if key in ("ratio_total", "ratio_critical", "ratio_send", "ratio_receive"):
        return 1.3
    if key == "ratio":
        return 2.0
    return None


def over_goal(data):
    for b in chosen(data.get("benchmarks", [])):
        for k, v in b.items():
            g = goal_for(k)
            if g is not None and isinstance(v, (int, float)) and v > g:
                yield b.get("run_name", b["name"]), k, v, g


def chosen(benchmarks):
    medians = [b for b in benchmarks if b.get("run_type") == "aggregate" and b.get("aggregate_name") == "median"]
    return medians or [b for b in benchmarks if b.get("run_type", "iteration") == "iteration"]


def greet_grid(benchmarks):
    cells, ns, ops = {}, [], []
    for b in chosen(benchmarks):
        op, args = split_name(b.get("run_name", b["name"]))
        if not op.startswith("Greet ") or "ratio_total" not in b:
            continue
        op = op.removeprefix("Greet ")
        n = int(args)
        if op not in ops:
            ops.append(op)
        if n not in ns:
            ns.append(n)
        cells[(op, n)] = f"{b['ratio_critical']:.2f} / {b['ratio_total']:.2f}"
    if not cells:
        return []
    ns.sort()
    out = ["| operation | " + " | ".join(f"n={n}" for n in ns) + " |", "|---|" + "---|" * len(ns)]
    for op in ops:
        out.append(f"| {op} | " + " | ".join(cells.get((op, n), "–") for n in ns) + " |")
    return out


def is_floor(key):
    return key.startswith(("floor", "us_floor"))


def is_ratio(key):
    return key.startswith(("ratio", "goal_ratio")) or key == "true_ratio"


def rows(benchmarks):
    for b in chosen(benchmarks):
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
    loaded = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            loaded.append((path, json.load(f)))
    over = [(os.path.basename(p)[:-5],) + o for p, d in loaded for o in over_goal(d)]
    print("## Over the goal\n")
    if over:
        for f, name, k, v, g in over:
            print(f"- {f}: {name} {k} = {v:.2f} (goal ≤ {g})")
    else:
        print("- nothing: every ratio meets its goal")
    print()
    for path, data in loaded:
        ctx = data.get("context", {})
        print(f"## {os.path.basename(path)[:-5]}\n")
        print(f"{ctx.get('date', '')}, {ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz, "
              f"library build {ctx.get('library_build_type', '?')}\n")
        known = {"date", "host_name", "executable", "num_cpus", "mhz_per_cpu", "cpu_scaling_enabled", "caches",
                 "load_avg", "library_build_type", "json_schema_version"}
        for k, v in ctx.items():
            if k not in known and isinstance(v, str):
                print(f"- {k}: {v}")
        grid = greet_grid(data.get("benchmarks", []))
        if grid:
            print("\nratio_critical / ratio_total:\n")
            print("\n".join(grid))
        print()
        print("| operation | args | time | floor | ratio | other |")
        print("|---|---|---|---|---|---|")
        for r in rows(data.get("benchmarks", [])):
            print("| " + " | ".join(c.replace("|", "/") for c in r) + " |")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
