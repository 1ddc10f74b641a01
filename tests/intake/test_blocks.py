"""The normalised text every reader returns (nextround.intake.blocks), read from a real plain-text
file."""

from __future__ import annotations

from pathlib import Path

from nextround.intake import Document, read_path


def test_plain_text_keeps_lines_and_normalises_whitespace(tmp_path: Path) -> None:
    path = tmp_path / "posting.txt"
    text = (
        "\ufeffData Analyst\r\n\r\n\r\n\r\nAcme   Health\tChicago\r\n• Own reporting\r\n* SQL\r\n"
    )
    path.write_bytes(text.encode("utf-8"))
    document = read_path(path)
    assert document == Document(
        text="Data Analyst\n\nAcme Health Chicago\n- Own reporting\n- SQL",
        source="posting.txt",
        format="txt",
    )
