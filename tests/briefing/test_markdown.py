"""Text put into the brief's Markdown: one line, markup characters escaped."""

from __future__ import annotations

from nextround.briefing.markdown import inline


def test_inline_collapses_lines_and_escapes_markup() -> None:
    assert inline("  Bring ID.\n\nAsk for   Maya ") == "Bring ID. Ask for Maya"
    assert inline("# not a heading | *not bold* [link](x) <b>") == (
        r"\# not a heading \| \*not bold\* \[link\](x) \<b\>"
    )
    assert inline("America/New_York") == r"America/New\_York"
    assert inline("") == ""
