"""How long words take to say, and the length targets both analyzers share
(nextround.text.speaking)."""

from __future__ import annotations

import subprocess
import sys

from nextround.feedback import analyze_answer
from nextround.feedback import thresholds as t
from nextround.fit.star import analyze_story
from nextround.text import seconds_to_say, speaking


def test_words_take_a_minute_per_words_per_minute() -> None:
    assert speaking.WORDS_PER_MINUTE == 150
    assert seconds_to_say(150) == 60.0
    assert seconds_to_say(0) == 0.0
    assert seconds_to_say(1) == 0.4


def test_the_answer_analyzer_reads_its_targets_from_here() -> None:
    assert t.TYPED_WORDS_PER_MINUTE == speaking.WORDS_PER_MINUTE
    assert (t.TARGET_SECONDS_MIN, t.TARGET_SECONDS_MAX) == (
        speaking.ANSWER_SECONDS_MIN,
        speaking.ANSWER_SECONDS_MAX,
    )
    assert t.RAMBLING_SECONDS == speaking.RAMBLING_SECONDS


def test_a_story_may_run_as_long_as_an_answer_before_it_rambles() -> None:
    assert speaking.STORY_SECONDS == (speaking.ANSWER_SECONDS_MIN, speaking.RAMBLING_SECONDS)


def test_between_two_minutes_and_rambling_a_story_is_fine_and_a_spoken_answer_long() -> None:
    text = "word " * 340  # 136 s at 150 words a minute
    assert analyze_story(action=text).length_warning == ""
    assert analyze_answer(text, seconds=136).length == "long"
    assert analyze_story(action="word " * 380).length_warning  # 152 s
    assert analyze_answer("word " * 380, seconds=152).length == "rambling"


def test_the_toolkit_imports_nothing_from_django_or_the_apps() -> None:
    code = (
        "import sys\n"
        "import nextround.text as text\n"
        "text.stems('I managed it'); text.find_quantities('saved 5 hours')\n"
        "loaded = [m for m in sys.modules if m.startswith(('django', 'nextround.'))]\n"
        "assert all(m.startswith('nextround.text') for m in loaded if 'django' not in m), loaded\n"
        "assert not any('django' in m for m in loaded), loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
