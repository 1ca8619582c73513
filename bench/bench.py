"""Time axis's everyday commands as a user runs them, and report their peak memory.

Run from the project root with axis installed: `python bench/bench.py [--runs N]`.
Targets: every command below under 0.5 s (median) and 100 MiB peak RSS on the bundled store.
"""

import argparse
import resource
import statistics
import subprocess
import sys
import time

COMMANDS = [
    ["--version"],
    ["timeline"],
    ["timeline", "--actor", "DPRK", "--since", "2023", "--json"],
    ["figure", "troops", "-f", "table"],
    ["search", "ballistic missiles"],
    ["check"],
    ["stats", "-f", "table"],
]
TARGET_SECONDS = 0.5
TARGET_MIB = 100


def run_once(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `python -m axiscli ARGS` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "axiscli", *args], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    failed = False
    print(f"{'command':<50} {'median s':>9} {'min s':>7} {'peak MiB':>9}")
    for args in COMMANDS:
        timings = [run_once(args) for _ in range(runs)]
        median = statistics.median(seconds for seconds, _ in timings)
        peak = max(mib for _, mib in timings)
        ok = median <= TARGET_SECONDS and peak <= TARGET_MIB
        failed |= not ok
        label = "axis " + " ".join(args)
        best = min(seconds for seconds, _ in timings)
        print(
            f"{label:<50} {median:>9.3f} {best:>7.3f} {peak:>9.1f}{'' if ok else '  over target'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
