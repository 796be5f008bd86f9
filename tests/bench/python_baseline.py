#!/usr/bin/env python3
"""The worked example's own method, as a baseline: re.finditer for CPU and GPU Power, averaged."""
import re
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
cpu = [int(m.group(1)) for m in re.finditer(r"CPU Power: (\d+) mW", text)]
gpu = [int(m.group(1)) for m in re.finditer(r"GPU Power: (\d+) mW", text)]
print(f"CPU {sum(cpu) / len(cpu) / 1000:.3f} W, GPU {sum(gpu) / len(gpu) / 1000:.3f} W, {len(cpu)} samples")
