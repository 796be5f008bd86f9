#!/usr/bin/env python3
"""Builds a large powermetrics text log from the real sample blocks in tests/data, for benchmarks.

usage: make_powermetrics_log.py OUT [--mb 200]

Sample blocks of the real M4 (every sampler, ~11 KB a sample) and M1 (cpu_power, ~3 KB) logs are
repeated in turn with consecutive header clocks, after one preamble, the way `powermetrics -i 1000
> run.txt` grows overnight. The power lines keep their real values.

The file is written 1 MiB at a time, as cp, scp or rsync write a log copied from the Mac that
made it (powermetrics runs on macOS only). Linux caches a file written that way in large folios,
as it does one read back from the disk; one written a few kilobytes at a time sits in 4 KB pages,
which cost a reader that maps the file more kernel time (README, Performance). --small-writes
writes it 8 KB at a time instead.
"""
import argparse
import datetime as dt
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
SOURCES = ["powermetrics-m4-mac16_6-macos15-binsquare.txt", "powermetrics-m1-macbookair10_1-codecarbon.txt"]
HEADER = re.compile(r"^\*\*\* Sampled system activity \((.+?)\) \(([\d.]+)ms elapsed\) \*\*\*$", re.M)


def blocks(path):
    text = open(path, encoding="utf-8").read()
    starts = [m.start() for m in HEADER.finditer(text)]
    preamble = text[: starts[0]]
    bodies = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        block = text[start:end]
        bodies.append(block[block.index("\n") + 1 :])
    return preamble, bodies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--small-writes", action="store_true")
    args = parser.parse_args()
    preamble, _ = blocks(os.path.join(DATA, SOURCES[0]))
    bodies = [b for source in SOURCES for b in blocks(os.path.join(DATA, source))[1]]
    limit = int(args.mb * 1024 * 1024)
    clock = dt.datetime(2026, 3, 2, 22, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    written = 0
    with open(args.out, "w", encoding="utf-8", buffering=8192 if args.small_writes else 1024 * 1024) as out:
        out.write(preamble)
        written += len(preamble)
        i = 0
        while written < limit:
            clock += dt.timedelta(seconds=1)
            stamp = clock.strftime("%a %b ") + f"{clock.day:2d}" + clock.strftime(" %H:%M:%S %Y %z")
            chunk = f"*** Sampled system activity ({stamp}) (1000.{i % 97:02d}ms elapsed) ***\n" + bodies[i % len(bodies)]
            out.write(chunk)
            written += len(chunk)
            i += 1
    print(f"{args.out}: {written / 1e6:.1f} MB, {i} samples")


if __name__ == "__main__":
    main()
