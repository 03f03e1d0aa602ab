"""Benchmarks for pactcli's speed targets, each reported as a ratio to a baseline from the same run.

    python benchmarks/run.py                 # a few minutes; makes 10k, 100k and 300k-record files
    python benchmarks/run.py --quick         # start-up targets and 10k only
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
# The console script, as users run it (``python -m`` adds runpy's ~4 ms to every run).
PACTCLI = [shutil.which("pactcli", path=str(Path(PYTHON).parent)) or "pactcli"]
RESULTS: list[bool] = []


def timed(
    cmd: list[str], env: dict[str, str], expect: tuple[int, ...] = (0,), out: Path | None = None
) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in KiB of one run (which must exit with one of ``expect``)."""
    start = time.perf_counter()
    with open(out or os.devnull, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in expect:
        raise SystemExit(f"benchmark command failed ({code}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss


def interleaved(a: list[str], b: list[str], env: dict[str, str], runs: int, warm: bool = True) -> tuple[float, float]:
    if warm:
        timed(a, env), timed(b, env)  # warm the page cache and pactcli's own index
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(timed(a, env)[0])
        times_b.append(timed(b, env)[0])
    return statistics.median(times_a), statistics.median(times_b)


def report(name: str, target: float, a: float, b: float, label_b: str) -> None:
    ratio = a / b
    ok = ratio <= target
    RESULTS.append(ok)
    print(
        f"{name}\n    pactcli {a * 1000:8.1f} ms   {label_b} {b * 1000:8.1f} ms   "
        f"ratio {ratio:.2f} (target ≤ {target}) {'OK' if ok else 'MISSED'}",
        flush=True,
    )


def fresh_cache(env: dict[str, str], work: Path) -> dict[str, str]:
    """The environment with an empty cache directory (a first run)."""
    directory = Path(tempfile.mkdtemp(prefix="cache-", dir=work))
    return {**env, "XDG_CACHE_HOME": str(directory)}


def settle(env: dict[str, str]) -> None:
    """Wait until no detached process is still writing an index into this cache (a big file's
    first run answers before its index is written), so the next run is measured on an idle machine."""
    import fcntl

    for lock in (Path(env["XDG_CACHE_HOME"]) / "pactcli").glob("*.lock"):
        with open(lock, "rb") as handle:
            fcntl.flock(handle, fcntl.LOCK_SH)


def cold_runs(cmd: list[str], env: dict[str, str], work: Path, runs: int) -> tuple[float, int, float]:
    """Medians of a first run's answer and of the time until its index is written; peak memory."""
    times, peaks, ready = [], [], []
    for _ in range(runs):
        cold_env = fresh_cache(env, work)
        start = time.perf_counter()
        elapsed, peak = timed(cmd, cold_env)
        settle(cold_env)
        ready.append(time.perf_counter() - start)
        times.append(elapsed)
        peaks.append(peak)
    return statistics.median(times), max(peaks), statistics.median(ready)


def install_wheel(work: Path) -> str:
    """Build pactcli's wheel and install it in a fresh virtual environment; its Python."""
    root = HERE.parent
    subprocess.run([PYTHON, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(root)], check=True)
    subprocess.run([PYTHON, "-m", "venv", str(work / "venv")], check=True)
    python = str(work / "venv" / "bin" / "python")
    wheel = next((work / "dist").glob("pactcli-*.whl"))
    subprocess.run([python, "-m", "pip", "install", "-q", str(wheel)], check=True)
    return python


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--quick", action="store_true", help="start-up and 10k targets only")
    args = parser.parse_args()
    runs = args.runs

    work = Path(tempfile.mkdtemp(prefix="pactcli-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "FORCE_COLOR": "1", "COLUMNS": "120"}
    for name in ("PACTCLI_DATA", "NO_COLOR", "PYTHONDONTWRITEBYTECODE", "PACTCLI_NO_CACHE"):
        env.pop(name, None)  # measure an installed program, which has its .pyc files
    show_bundled = [*PACTCLI, "show", "sosa", "--json"]
    scaling: list[str] = []
    try:
        a, b = interleaved(show_bundled, [PYTHON, "-c", "import typer"], env, runs)
        report("6a. show sosa --json vs import typer", 1.25, a, b, "import typer")
        a, b = interleaved([*PACTCLI, "list"], [PYTHON, "-c", "import typer, rich.console, rich.table"], env, runs)
        report("6b. list (Rich table, colour forced) vs import typer, rich", 1.25, a, b, "imports")

        installed = install_wheel(work)
        installed_show = [str(Path(installed).parent / "pactcli"), "show", "sosa", "--json"]
        first, _, _ = cold_runs(installed_show, env, work, max(5, runs // 3))
        timed(installed_show, env)
        warm = statistics.median(timed(installed_show, env)[0] for _ in range(runs))
        report("5. first run after installing the wheel vs a warm run", 1.15, first, warm, "warm")

        sizes = [10_000] if args.quick else [1_000, 10_000, 100_000, 300_000]
        files = {}
        for size in sizes:
            files[size] = work / f"{size}.yaml"
            generate(size, files[size])
        for size in sizes:
            path = files[size]
            key = f"synthetic-{size // 2:06d}"
            show = [*PACTCLI, "--data", str(path), "show", key, "--json"]
            cold, peak, ready = cold_runs(show, env, work, 3 if size <= 10_000 else 1)
            if size == 10_000:
                loads = [PYTHON, "-c", f"import yaml; yaml.load(open({str(path)!r}), Loader=yaml.CSafeLoader)"]
                baseline = statistics.median(timed(loads, env)[0] for _ in range(3))
                report(
                    "1. cold first parse, 10k records, vs yaml.load(CSafeLoader)", 0.25, cold, baseline, "CSafeLoader"
                )
                ok = peak / 1024 <= 150
                RESULTS.append(ok)
                print(f"    peak memory {peak / 1024:.0f} MiB (target ≤ 150) {'OK' if ok else 'MISSED'}")
            timed(show, env)  # builds the index in the shared cache
            warm_show, bundled = interleaved(show, show_bundled, env, runs)
            if size in (100_000, 300_000):
                report(f"3. warm show on {size} records vs the bundled dataset", 1.5, warm_show, bundled, "bundled")
            listing = [*PACTCLI, "--data", str(path), "list", "--json"]
            list_time = statistics.median(timed(listing, env)[0] for _ in range(max(3, runs // 5)))
            scaling.append(
                f"| {size:>7,} | {path.stat().st_size / 1e6:6.1f} MB | {cold:7.2f} s | {ready:7.2f} s | {peak / 1024:6.0f} MiB "
                f"| {warm_show * 1000:6.0f} ms | {list_time * 1000:7.0f} ms |"
            )
            if shutil.which("jq") and size == 10_000:
                out = work / "list10k.json"
                timed(listing, env, out=out)
                a, b = interleaved(listing, ["jq", ".", str(out)], env, max(5, runs // 3))
                report("4b. warm list --json, 10k records, vs jq . on the same bytes", 1.0, a, b, "jq .")
            if shutil.which("jq") and size == 100_000:
                out = work / "list100k.json"
                timed(listing, env, out=out)
                since = [*PACTCLI, "--data", str(path), "list", "--since", "2020", "--json"]
                jq = ["jq", "[.[] | select(.year >= 2020)]", str(out)]
                a, b = interleaved(since, jq, env, 5)
                report("4a. warm list --since 2020 --json, 100k records, vs jq select", 0.5, a, b, "jq select")
        if not args.quick:
            print(
                "\n| records | YAML size | first run: answer | index written | its peak memory | warm show "
                "| warm list --json |"
            )
            print("|---:|---:|---:|---:|---:|---:|---:|")
            print("\n".join(scaling))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("all targets met" if all(RESULTS) else "some targets missed")


if __name__ == "__main__":
    main()
