#!/usr/bin/env python3
"""Writes logs with very many power channels and few rows, for the wide-input benchmarks.

usage: make_wide_logs.py OUTDIR --channels 10000 [--rows 20]

Writes OUTDIR/wide-CHANNELS.csv (a generic CSV: epoch seconds, then one "nodeN_gpu_power_w"
column per channel) and OUTDIR/wide-CHANNELS.nwcap (a nightwatt-capture log with one channel
record per channel). A cluster-wide export has this shape: one column per device, one row per
poll. Values are made up (a steady 100-400 W per channel) but every cell is present. Time them
with `bench_load FILE`; Prometheus hosts are timed by `bench_wide CHANNELS`.
"""
import argparse
import os

START_EPOCH_S = 1764000000


def watts(channel, row):
    return 100 + (channel * 37 + row * 11) % 300


def write_csv(path, channels, rows):
    with open(path, "w", encoding="utf-8") as out:
        out.write("timestamp," + ",".join(f"node{c}_gpu_power_w" for c in range(channels)) + "\n")
        for r in range(rows):
            out.write(f"{START_EPOCH_S + r}," + ",".join(str(watts(c, r)) for c in range(channels)) + "\n")


def write_capture(path, channels, rows):
    with open(path, "w", encoding="utf-8") as out:
        out.write("nightwatt-capture\t1\n")
        out.write("clock\t2025-11-24T16:00:00.000Z\n")
        out.write("timing\twindowed\n")
        for c in range(channels):
            out.write(f"channel\tnode{c}_gpu\tcomponent\tnode{c} GPU\n")
        for r in range(rows):
            out.write(f"sample\t{r}.000000\t1.000000\t" + "\t".join(str(watts(c, r)) for c in range(channels)) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir")
    parser.add_argument("--channels", type=int, default=10000)
    parser.add_argument("--rows", type=int, default=20)
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    write_csv(os.path.join(args.outdir, f"wide-{args.channels}.csv"), args.channels, args.rows)
    write_capture(os.path.join(args.outdir, f"wide-{args.channels}.nwcap"), args.channels, args.rows)


if __name__ == "__main__":
    main()
