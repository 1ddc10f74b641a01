"""The analyzer as a whole (nextround.feedback.analyze): the answers it refuses, and that it
runs without Django."""

from __future__ import annotations

import subprocess
import sys

import pytest

from nextround.errors import Invalid
from nextround.feedback import analyze_answer
from nextround.feedback import thresholds as t


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_an_empty_answer_is_refused(text: str) -> None:
    with pytest.raises(Invalid, match="There is no answer to analyse"):
        analyze_answer(text)


def test_a_too_long_answer_is_refused() -> None:
    with pytest.raises(Invalid, match="too long"):
        analyze_answer("a" * (t.MAX_ANSWER_CHARS + 1))
    analyze_answer("word " * (t.MAX_ANSWER_CHARS // 5))  # exactly at the limit is fine


def test_the_package_imports_nothing_from_django() -> None:
    code = (
        "import sys\n"
        "import nextround.feedback\n"
        "nextround.feedback.analyze_answer('I led it. As a result we saved 5 hours.')\n"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
