"""``python -m pactcli``."""

from .cli import run

run()
