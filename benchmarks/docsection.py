"""Benchmark figures written into docs/performance.md, one marked section per benchmark. No
Django here, so the pure benchmarks (answer analysis, speech) can use it too."""

from __future__ import annotations

import re
from pathlib import Path

DOCS_PATH = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def write_section(
    key: str, body: str, intro: str = "# Performance\n", path: Path = DOCS_PATH
) -> None:
    """Replace (or append) the section ``key`` of ``path`` (docs/performance.md); ``intro``
    starts a new file."""
    block = f"<!-- {key}:start -->\n{body}\n<!-- {key}:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else intro
    pattern = re.compile(rf"<!-- {re.escape(key)}:start -->.*?<!-- {re.escape(key)}:end -->", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Updated {path}")
