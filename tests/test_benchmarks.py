"""The benchmark's synthetic datasets are valid, so that a benchmark measures pactcli at work
rather than a file it refuses."""

from __future__ import annotations

import sys
from pathlib import Path

from pactcli.dataset.build import check_file
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate


def test_generated_records_are_valid(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    generate.generate(300, path)
    assert check_file(str(path)) == ([], 300)


def test_a_huge_field_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    generate.huge_field(100_000, path)
    assert check_file(str(path)) == ([], 1)
