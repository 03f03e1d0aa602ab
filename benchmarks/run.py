"""Benchmarks for pactcli's guardrails, each reported as a ratio to a baseline from the same run.

    python benchmarks/run.py                 # about 25 minutes; files of 1k to 1M records
    python benchmarks/run.py --quick         # start-up, the bundled dataset and 10k only
    python benchmarks/run.py --runs 31
    python benchmarks/run.py --sizes 1000000 # start-up and one size

Each target alternates the command and its baseline (A B A B …) so that machine noise hits both
alike, and reports the medians and their ratio. Nothing here is a test: CI runs pytest only.
See benchmarks/README.md for what each target means and the latest results.
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
from generate import generate, huge_field  # noqa: E402

PYTHON = sys.executable
# The console script, as users run it (``python -m`` adds runpy's ~4 ms to every run).
PACTCLI = [shutil.which("pactcli", path=str(Path(PYTHON).parent)) or "pactcli"]
ONE_CORE = ["taskset", "-c", "0"] if shutil.which("taskset") else []
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


def interleaved(a: list[str], b: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
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
        f"{name}\n    pactcli {a * 1000:9.1f} ms   {label_b} {b * 1000:9.1f} ms   "
        f"ratio {ratio:.2f} (target ≤ {target}) {'OK' if ok else 'MISSED'}",
        flush=True,
    )


def memory(name: str, peak_kib: int, limit_mib: int = 300) -> None:
    ok = peak_kib / 1024 <= limit_mib
    RESULTS.append(ok)
    print(
        f"{name}\n    peak memory {peak_kib / 1024:.0f} MiB (target ≤ {limit_mib}) {'OK' if ok else 'MISSED'}",
        flush=True,
    )


def fresh_cache(env: dict[str, str], work: Path) -> dict[str, str]:
    """The environment with an empty cache directory (a first run)."""
    return {**env, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="cache-", dir=work)}


def cold(cmd: list[str], env: dict[str, str], work: Path, runs: int) -> tuple[float, int]:
    """Median time and peak memory of a first run (an empty cache each time)."""
    results = [timed(cmd, fresh_cache(env, work)) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(peak for _, peak in results)


def install_wheel(work: Path) -> Path:
    """Build pactcli's wheel and install it in a fresh virtual environment; its console script."""
    root = HERE.parent
    subprocess.run([PYTHON, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(root)], check=True)
    subprocess.run([PYTHON, "-m", "venv", str(work / "venv")], check=True)
    wheel = next((work / "dist").glob("pactcli-*.whl"))
    subprocess.run([str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True)
    return work / "venv" / "bin" / "pactcli"


def startup(env: dict[str, str], work: Path, runs: int) -> list[str]:
    show_bundled = [*PACTCLI, "show", "sosa", "--json"]
    a, b = interleaved(show_bundled, [PYTHON, "-c", "import typer"], env, runs)
    report("6a. warm show sosa --json vs import typer", 1.25, a, b, "import typer")
    a, b = interleaved([*PACTCLI, "list"], [PYTHON, "-c", "import typer, rich.console, rich.table"], env, runs)
    report("6b. default list (Rich, colour forced) vs import typer, rich", 1.25, a, b, "imports")
    installed = [str(install_wheel(work)), "show", "sosa", "--json"]
    first, _ = cold(installed, env, work, max(5, runs // 3))
    timed(installed, env)
    warm = statistics.median(timed(installed, env)[0] for _ in range(runs))
    report("5. first run on the bundled dataset (installed wheel) vs a warm run", 2.0, first, warm, "warm")
    big = work / "huge-field.yaml"
    huge_field(4_000_000, big)
    terminal = [*PACTCLI, "--data", str(big), "show", "huge", "--width", "100"]
    piped = [*PACTCLI, "--data", str(big), "show", "huge", "--fields", "summary"]
    a, b = interleaved(terminal, piped, env, 5)
    report("7. show of a 4 MB field on a terminal vs piped", 3.0, a, b, "piped")
    return show_bundled


def scale(size: int, path: Path, env: dict[str, str], work: Path, runs: int, bundled: list[str]) -> str:
    key = f"synthetic-{size // 2:06d}"
    show = [*PACTCLI, "--data", str(path), "show", key, "--json"]
    first, peak = cold(show, env, work, 3 if size <= 10_000 else 1)
    if size == 10_000:
        one_core_first, _ = cold([*ONE_CORE, *show], env, work, 3)
        loads = [*ONE_CORE, PYTHON, "-c", f"import yaml; yaml.load(open({str(path)!r}), Loader=yaml.CSafeLoader)"]
        baseline = statistics.median(timed(loads, env)[0] for _ in range(3))
        report("1. first run, 10k records, one core, vs yaml.load(CSafeLoader)", 1.0, one_core_first, baseline, "CSafe")
    if size >= 300_000:
        memory(f"2. first run at {size:,} records", peak)
    timed(show, env)  # builds the index in the shared cache
    warm_show, bundled_show = interleaved(show, bundled, env, runs if size < 1_000_000 else 9)
    if size >= 100_000:
        report(f"3. warm show at {size:,} records vs the bundled dataset", 1.5, warm_show, bundled_show, "bundled")
    listing = [*PACTCLI, "--data", str(path), "list", "--json"]
    out = work / f"list{size}.json"
    list_time, list_peak = timed(listing, env, out=out)
    if size >= 300_000:
        memory(f"2. warm list --json of all {size:,} records", list_peak)
    if shutil.which("jq") and size == 100_000:
        since = [*PACTCLI, "--data", str(path), "list", "--since", "2020", "--json"]
        jq = ["jq", "[.[] | select(.year >= 2020)]", str(out)]
        a, b = interleaved(since, jq, env, 5)
        report("4. warm list --since 2020 --json, 100k records, vs jq select", 0.5, a, b, "jq select")
    out.unlink()
    return (
        f"| {size:>9,} | {path.stat().st_size / 1e6:7.1f} MB | {first:7.2f} s | {peak / 1024:6.0f} MiB "
        f"| {warm_show * 1000:6.0f} ms | {list_time:7.2f} s | {list_peak / 1024:6.0f} MiB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--quick", action="store_true", help="start-up, the bundled dataset and 10k only")
    parser.add_argument("--sizes", type=int, nargs="+", help="only these dataset sizes, after start-up")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pactcli-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "FORCE_COLOR": "1", "COLUMNS": "120"}
    for name in ("PACTCLI_DATA", "NO_COLOR", "PYTHONDONTWRITEBYTECODE", "PACTCLI_NO_CACHE", "PACTCLI_MAX_BYTES"):
        env.pop(name, None)  # measure an installed program, which has its .pyc files
    rows: list[str] = []
    try:
        bundled = startup(env, work, args.runs)
        for size in args.sizes or ([10_000] if args.quick else [1_000, 10_000, 100_000, 300_000, 1_000_000]):
            path = work / f"{size}.yaml"
            generate(size, path)
            if path.stat().st_size > 512 * 2**20:  # pactcli's default size cap; this file is trusted
                env["PACTCLI_MAX_BYTES"] = str(path.stat().st_size)
            rows.append(scale(size, path, env, work, args.runs, bundled))
            path.unlink()
            shutil.rmtree(work / "cache", ignore_errors=True)  # an index per size is enough disk
        print("\n| records | YAML size | first run | its peak memory | warm show | warm list --json | its peak |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        print("\n".join(rows))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("all targets met" if all(RESULTS) else "some targets missed")


if __name__ == "__main__":
    main()
