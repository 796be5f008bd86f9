#!/usr/bin/env python3
"""Writes sample-run.txt, the example run bundled with Nightwatt, and sample-run-markers.csv, the
marker file its training script would have written beside it.

It is generated, not measured: a powermetrics text log shaped like the worked example (ResNet50
trained overnight on an M4 MacBook Pro with PyTorch on `mps`; 709 min; CPU 5.18 W + GPU 11.84 W
on average), with the sampler's real line layout (`powermetrics -i 60000 --samplers
cpu_power,gpu_power`). Run it again to rebuild the file; the output is deterministic.
"""
import datetime as dt
import math
import random

MINUTES = 709
TARGET_CPU_W = 5.18
TARGET_GPU_W = 11.84
START = dt.datetime(2026, 3, 2, 22, 41, 7, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def shape(minute):
    """CPU and GPU watts at a minute of the run, before scaling to the target means."""
    if minute < 3:  # loading the data set, building the model
        return 7.5, 2.0 + 3.0 * minute
    if minute >= MINUTES - 2:  # final evaluation and checkpoint
        return 6.0, 4.0
    epoch_minute = (minute - 3) % 12
    if epoch_minute >= 10:  # validation pass after each epoch
        return 6.4, 8.8
    return 4.9, 12.5 + 0.4 * math.sin(minute / 9.0)


def main():
    rng = random.Random(20260302)
    windows, cpu, gpu = [], [], []
    for minute in range(MINUTES):
        c, g = shape(minute)
        cpu.append(max(0.3, c + rng.gauss(0, 0.35)))
        gpu.append(max(0.1, g + rng.gauss(0, 0.45)))
        windows.append(60.0 + rng.uniform(0.0, 0.02))
    total = sum(windows)

    def scaled(values, target):
        mean = sum(v * w for v, w in zip(values, windows)) / total
        return [round(v * target / mean * 1000) for v in values]

    cpu_mw, gpu_mw = scaled(cpu, TARGET_CPU_W), scaled(gpu, TARGET_GPU_W)
    lines = [
        "Machine model: Mac16,1",
        "OS version: 24F74",
        "Boot arguments: ",
        "Boot time: Mon Mar  2 08:12:40 2026",
        "",
        "",
        "",
    ]
    clock = START
    for window, c, g in zip(windows, cpu_mw, gpu_mw):
        clock += dt.timedelta(seconds=window)
        stamp = clock.strftime("%a %b ") + f"{clock.day:2d}" + clock.strftime(" %H:%M:%S %Y %z")
        gpu_active = min(99.9, g / 130.0)
        lines += [
            f"*** Sampled system activity ({stamp}) ({window * 1000:.2f}ms elapsed) ***",
            "",
            "",
            "**** Processor usage ****",
            "",
            f"E-Cluster HW active frequency: {1100 + c % 300} MHz",
            f"E-Cluster HW active residency: {min(99.0, c / 80.0):6.2f}%",
            f"P-Cluster HW active frequency: {3200 + c % 700} MHz",
            f"P-Cluster HW active residency: {min(99.0, c / 120.0):6.2f}%",
            "",
            f"CPU Power: {c} mW",
            f"GPU Power: {g} mW",
            "ANE Power: 0 mW",
            f"Combined Power (CPU + GPU + ANE): {c + g} mW",
            "",
            "**** GPU usage ****",
            "",
            f"GPU HW active frequency: {1398 if g > 6000 else 444} MHz",
            f"GPU HW active residency: {gpu_active:6.2f}%",
            f"GPU idle residency: {100 - gpu_active:6.2f}%",
            f"GPU Power: {g} mW",
            "",
            "",
        ]
    with open("sample-run.txt", "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    write_markers(windows)


def write_markers(windows):
    """sample-run-markers.csv: the phases the training script would have appended, on the
    shape() above (epoch seconds, as time.time() writes them)."""
    starts = [START.timestamp()]
    for window in windows:
        starts.append(starts[-1] + window)
    rows = ["time,event,label"]

    def event(minute, name, label):
        rows.append(f"{starts[minute]:.1f},{name},{label}")

    event(0, "start", "init")
    event(3, "stop", "init")
    epoch, minute = 1, 3
    while minute + 12 <= MINUTES - 2:
        event(minute, "start", f"epoch {epoch}")
        event(minute + 10, "stop", f"epoch {epoch}")
        event(minute + 10, "start", "eval")
        event(minute + 12, "stop", "eval")
        if epoch % 20 == 0:
            event(minute + 12, "mark", f"checkpoint {epoch}")
        epoch, minute = epoch + 1, minute + 12
    event(minute, "start", f"epoch {epoch}")
    event(MINUTES - 2, "stop", f"epoch {epoch}")
    event(MINUTES - 2, "start", "eval final")
    event(MINUTES, "stop", "eval final")
    event(MINUTES, "mark", "checkpoint final")
    with open("sample-run-markers.csv", "w", encoding="utf-8") as out:
        out.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
