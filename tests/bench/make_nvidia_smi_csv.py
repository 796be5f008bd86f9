#!/usr/bin/env python3
"""Builds a large nvidia-smi CSV log from the real polls in tests/data, for benchmarks.

usage: make_nvidia_smi_csv.py OUT [--mb 200]

The polls of the real 8 x H100 log (`nvidia-smi --query-gpu=timestamp,power.draw,... --format=csv
-lms 100`) are repeated in turn under one header with consecutive 100 ms timestamps, the way the
log grows during a long training run. The rows keep their real values.
"""
import argparse
import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "data", "nvidia-smi-query-h100x8-lms100-excerpt-training_profile.csv")


def polls(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    header, rows = lines[0], [line for line in lines[1:] if line.strip()]
    groups, current, stamp = [], [], None
    for row in rows:
        this, rest = row.split(", ", 1)
        if stamp is not None and this != stamp:
            groups.append(current)
            current = []
        stamp = this
        current.append(rest)
    if current:
        groups.append(current)
    return header, groups


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--mb", type=float, default=200)
    args = parser.parse_args()
    header, groups = polls(SOURCE)
    limit = int(args.mb * 1024 * 1024)
    clock = dt.datetime(2026, 3, 2, 22, 0, 0)
    step = dt.timedelta(milliseconds=100)
    written = 0
    rows = 0
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(header + "\n")
        written += len(header) + 1
        i = 0
        while written < limit:
            stamp = clock.strftime("%Y/%m/%d %H:%M:%S.") + f"{clock.microsecond // 1000:03d}"
            chunk = "".join(f"{stamp}, {rest}\n" for rest in groups[i % len(groups)])
            out.write(chunk)
            written += len(chunk)
            rows += len(groups[i % len(groups)])
            clock += step
            i += 1
    print(f"{args.out}: {written / 1e6:.1f} MB, {i} polls, {rows} rows")


if __name__ == "__main__":
    main()
