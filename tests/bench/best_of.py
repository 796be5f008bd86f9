#!/usr/bin/env python3
"""Runs commands in turn N times and prints the best wall time and the best CPU time (user + system,
all threads) of each; interleaving makes a busy machine weigh on every command alike.
    best_of.py N CMD ARGS... [';;' CMD ARGS...]"""
import os
import subprocess
import sys
import time

n = int(sys.argv[1])
commands = ' '.join(sys.argv[2:]).split(' ;; ')
best = [[float('inf'), float('inf')] for _ in commands]
for _ in range(n):
    for i, command in enumerate(commands):
        start = time.perf_counter()
        process = subprocess.Popen(command.split(), stdout=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        best[i][0] = min(best[i][0], wall)
        best[i][1] = min(best[i][1], usage.ru_utime + usage.ru_stime)
print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; best of {n}:")
for command, (wall, cpu) in zip(commands, best):
    print(f"{wall * 1000:8.1f} ms wall {cpu * 1000:8.1f} ms CPU  {command}")
