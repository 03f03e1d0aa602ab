"""``python -m pactcli``."""

import sys

from .cli import run

sys.exit(run())
