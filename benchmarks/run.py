"""Benchmarks for pactcli's speed targets, each reported as a ratio to a baseline from the same run.

    python benchmarks/run.py            # about a minute
    python benchmarks/run.py --runs 31

Each target alternates the command and its baseline (A B A B …) so that machine noise hits both
alike, and reports the medians and their ratio. Nothing here is a test: CI runs pytest only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

PYTHON = sys.executable
PACTCLI = [PYTHON, "-m", "pactcli"]


def timed(cmd: list[str], env: dict[str, str], expect: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in KiB of one run (which must exit with one of ``expect``)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in expect:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss


def interleaved(a: list[str], b: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    timed(a, env), timed(b, env)  # warm the page cache and pactcli's own cache
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(timed(a, env)[0])
        times_b.append(timed(b, env)[0])
    return statistics.median(times_a), statistics.median(times_b)


def report(name: str, target: float, a: float, b: float, label_b: str) -> bool:
    ratio = a / b
    ok = ratio <= target
    print(
        f"{name}\n    pactcli {a * 1000:7.1f} ms   {label_b} {b * 1000:7.1f} ms   ratio {ratio:.2f} (target ≤ {target}) {'OK' if ok else 'MISSED'}"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pactcli-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "FORCE_COLOR": "1", "COLUMNS": "120"}
    env.pop("PACTCLI_DATA", None)
    env.pop("NO_COLOR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure an installed program, which has its .pyc files
    results = []
    try:
        a, b = interleaved([*PACTCLI, "show", "sosa", "--json"], [PYTHON, "-c", "import typer"], env, args.runs)
        results.append(report("1. show sosa --json vs import typer", 1.25, a, b, "import typer"))

        a, b = interleaved([*PACTCLI, "list"], [PYTHON, "-c", "import typer, rich.console, rich.table"], env, args.runs)
        results.append(report("2. list (Rich table, colour forced) vs import typer, rich", 1.25, a, b, "imports"))

        big = work / "big.yaml"
        generate(args.records, big)
        size_mb = big.stat().st_size / 1e6
        key = f"synthetic-{args.records // 2:06d}"
        first, first_rss = timed([*PACTCLI, "--data", str(big), "show", key, "--json"], env)
        print(
            f"   ({args.records} records, {size_mb:.1f} MB; first run parses and caches: {first:.2f} s, peak RSS {first_rss / 1024:.0f} MiB)"
        )
        a, b = interleaved(
            [*PACTCLI, "--data", str(big), "show", key, "--json"], [*PACTCLI, "show", "sosa", "--json"], env, args.runs
        )
        results.append(
            report(f"3. show on {args.records} records (cached) vs show on the bundled dataset", 2.0, a, b, "bundled")
        )
        _, warm_rss = timed([*PACTCLI, "--data", str(big), "show", key, "--json"], env)
        print(
            f"5. peak memory, {args.records} records: first run {first_rss / 1024:.0f} MiB, cached run {warm_rss / 1024:.0f} MiB"
        )

        huge = work / "huge.yaml"
        generate(args.records * 10, huge)
        refused, _ = timed([*PACTCLI, "--data", str(huge), "list", "--json"], env, expect=(3,))
        print(
            f"4. {args.records * 10} records ({huge.stat().st_size / 1e6:.0f} MB): answered (refused over the size limit) in {refused * 1000:.0f} ms"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("all targets met" if all(results) else "some targets missed")


if __name__ == "__main__":
    main()
