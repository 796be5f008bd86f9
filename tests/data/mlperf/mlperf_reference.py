#!/usr/bin/env python3
"""Independent figures for the MLPerf tests: MLCommons' energy score and a trapezoid integration.

Usage: mlperf_reference.py BENCHMARK_DIR
Prints one JSON object: "energy_j" (the benchmark's score) and, per run, "energy_j" (MLCommons'
rule of Sept 2024 on, formats.md section 13), "trapezoid_j" (the node and switch readings,
trapezoid between neighbouring readings within run_start..run_stop) and "phases" (the same
integration per eval phase). Written apart from Nightwatt's reader on purpose, standard library
only, so the test compares two independent computations.
"""
import glob
import json
import os
import re
import sys

TOKEN = ":::MLLOG "


def events(path):
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            at = line.find(TOKEN)
            if at < 0:
                continue
            try:
                out.append(json.loads(line[at + len(TOKEN):]))
            except ValueError:
                pass
    return out


def first_time(evs, key):
    times = [e["time_ms"] for e in evs if e.get("key") == key]
    return min(times) if times else None


def score_file(path, ttt_s, switch):
    evs = events(path)
    eff = 1.0
    est = None
    for e in evs:
        if e.get("key") == "conversion_eff":
            eff = float(e["value"])
        if e.get("key") == "interconnect_power_est":
            est = float(e["value"])
    if switch and est is not None:
        return est * eff * ttt_s
    start = first_time(evs, "power_measurement_start")
    stop = first_time(evs, "power_measurement_stop")
    readings = sorted((e["time_ms"], float(e["value"])) for e in evs if e.get("key") == "power_reading")
    total = 0.0
    prev = start
    for t, w in readings:
        if t < start or t > stop:
            continue
        total += w * (t - prev)
        prev = t
    return total / (stop - start) * eff * ttt_s


def trapezoid(readings, lo, hi):
    inside = sorted(set((t, w) for t, w in readings if lo <= t <= hi))
    return sum((b[0] - a[0]) / 1000.0 * (a[1] + b[1]) / 2 for a, b in zip(inside, inside[1:]))


def run_figures(result_path):
    n = re.search(r"result_(\d+)\.txt$", result_path).group(1)
    power_dir = os.path.join(os.path.dirname(result_path), "power", "result_" + n)
    evs = events(result_path)
    run_start = first_time(evs, "run_start")
    run_stop = first_time(evs, "run_stop")
    ttt = (run_stop - run_start) / 1000.0
    nodes = sorted(glob.glob(os.path.join(power_dir, "node_*.txt")))
    switches = sorted(glob.glob(os.path.join(power_dir, "sw_*.txt")))
    energy = sum(score_file(p, ttt, False) for p in nodes) + sum(score_file(p, ttt, True) for p in switches)
    readings = [[(e["time_ms"], float(e["value"])) for e in events(p) if e.get("key") == "power_reading"]
                for p in nodes]
    evals = []
    open_at = None
    for e in evs:
        if e.get("key") == "eval_start" and open_at is None:
            open_at = e["time_ms"]
        elif e.get("key") == "eval_stop" and open_at is not None:
            evals.append((open_at, e["time_ms"]))
            open_at = None
    return {
        "file": os.path.basename(result_path),
        "time_to_train_s": ttt,
        "nodes": len(nodes),
        "switches": len(switches),
        "energy_j": energy,
        "trapezoid_j": sum(trapezoid(r, run_start, run_stop) for r in readings),
        "phases": [sum(trapezoid(r, a, b) for r in readings) for a, b in evals],
    }


def main():
    bench = sys.argv[1]
    runs = [run_figures(p) for p in sorted(glob.glob(os.path.join(bench, "result_*.txt")))]
    factor = 1.0
    scaling = os.path.join(bench, "scaling.json")
    if os.path.exists(scaling):
        with open(scaling) as f:
            factor = float(json.load(f)["scaling_factor"])
    ordered = sorted(runs, key=lambda r: r["time_to_train_s"])[1:-1]
    score = sum(r["energy_j"] for r in ordered) / len(ordered) * factor
    print(json.dumps({"energy_j": score, "runs": runs}, indent=1))


if __name__ == "__main__":
    main()
