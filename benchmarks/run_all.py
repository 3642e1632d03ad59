"""Run every benchmark in this folder in turn (`make bench`)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

for script in sorted(Path(__file__).parent.glob("bench_*.py")):
    print(f"\n=== {script.stem}", flush=True)
    subprocess.run([sys.executable, "-m", f"benchmarks.{script.stem}"], cwd=ROOT, check=True)
