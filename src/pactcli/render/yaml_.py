"""YAML output, in the same shape and key order as JSON."""

from __future__ import annotations

from typing import Any


def render(value: Any) -> str:
    import json

    import yaml

    from ..sanitize import is_safe

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    # With allow_unicode PyYAML writes bidi overrides and NEL raw; when the data holds any
    # character we would not print, let PyYAML escape everything outside ASCII instead.
    plain = is_safe(json.dumps(value, ensure_ascii=False))
    return str(yaml.dump(value, Dumper=dumper, sort_keys=False, allow_unicode=plain, width=100))
