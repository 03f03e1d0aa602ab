"""Build hook: put a ready index of the bundled dataset into the wheel.

The first run after installing then answers from it instead of parsing the YAML file (see
``pactcli.index.build_bundled`` and ``pactcli.loader.open_catalog``). Editable installs skip it:
they read the working copy's data file and index it in the user cache like any other file.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundledIndexHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._index_dir: str | None = None  # set only when this build writes an index
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, os.path.join(self.root, "src"))
        try:
            from pactcli.index import BUNDLED_INDEX_NAME, build_bundled
        finally:
            sys.path.pop(0)
        self._index_dir = tempfile.mkdtemp(prefix="pactcli-index-")
        target = os.path.join(self._index_dir, BUNDLED_INDEX_NAME)
        build_bundled(os.path.join(self.root, "data", "agreements.yaml"), target)
        build_data["force_include"][target] = f"pactcli/data/{BUNDLED_INDEX_NAME}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._index_dir is not None:  # the wheel holds its copy of the index by now
            shutil.rmtree(self._index_dir, ignore_errors=True)
