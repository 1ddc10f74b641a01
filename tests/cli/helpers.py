"""The installed ``nextround`` script, run in a subprocess."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "nextround"


def _script_env(data_dir: Path) -> dict[str, str]:
    """A fresh SQLite workspace in ``data_dir``, whatever database the tests use."""
    env = {k: v for k, v in os.environ.items() if k != "NEXTROUND_DATABASE_URL"}
    env["NEXTROUND_DATA_DIR"] = str(data_dir)
    return env
