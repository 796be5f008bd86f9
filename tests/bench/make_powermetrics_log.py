#!/usr/bin/env python3
"""Builds a large powermetrics text log from the real sample blocks in tests/data, for benchmarks.

usage: make_powermetrics_log.py OUT [--mb 200]

Sample blocks of the real M4 (every sampler, ~11 KB a sample) and M1 (cpu_power, ~3 KB) logs are
repeated in turn with consecutive header clocks, after one preamble, the way `powermetrics -i 1000
> run.txt` grows overnight. The power lines keep their real values.

powermetrics runs on macOS only, so a log read on Linux has been copied there: the log is
written to OUT.part, then copied to OUT (shutil.copyfile, which copies in the kernel as cp does).
Linux caches a copied file in large folios, as it does one read back from the disk. A file
appended a few kilobytes at a time where the text ends, as a sampler writes its own log, sits in
small folios, which cost a reader that maps the file more kernel time (docs/performance.md):
--small-writes writes OUT itself that way, about 8 KB at a time. (Python's text writer hands the
file such pieces at any buffer size, so a file it writes is in that state too.)
"""
import argparse
import datetime as dt
import os
import re
import shutil

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
    written_to = args.out if args.small_writes else args.out + ".part"
    with open(written_to, "w", encoding="utf-8", buffering=8192 if args.small_writes else 1024 * 1024) as out:
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
    if written_to != args.out:
        shutil.copyfile(written_to, args.out)
        os.remove(written_to)
    print(f"{args.out}: {written / 1e6:.1f} MB, {i} samples")


if __name__ == "__main__":
    main()
