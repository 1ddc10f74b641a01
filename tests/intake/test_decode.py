"""Bytes to text (nextround.intake.decode): charsets, the format sniffed from the first bytes, and
binary data that is no text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nextround.errors import Invalid
from nextround.intake import read_bytes
from tests.intake.helpers import POSTING_HTML, make_docx, make_pdf


def test_windows_1252_text_is_decoded() -> None:
    data = "Café – Zürich, “hybrid”".encode("cp1252")
    assert read_bytes("posting.txt", data).text == "Café – Zürich, “hybrid”"


def test_html_meta_charset_is_honoured() -> None:
    page = '<html><head><meta charset="iso-8859-7"></head><body><p>Αθήνα</p></body></html>'
    assert read_bytes("greek.html", page.encode("iso-8859-7")).text == "Αθήνα"


@pytest.mark.parametrize(
    ("name", "make", "expected_format", "expected_start"),
    [
        ("download", lambda: make_pdf([["Sniffed PDF"]]), "pdf", "Sniffed PDF"),
        ("posting.bin", make_docx, "docx", "Data Analyst"),
        ("saved-page", lambda: POSTING_HTML, "html", "Data Analyst"),
    ],
)
def test_format_is_sniffed_when_the_name_has_no_known_suffix(
    name: str, make: Callable[[], bytes], expected_format: str, expected_start: str
) -> None:
    document = read_bytes(name, make())
    assert document.format == expected_format
    assert document.text.startswith(expected_start)


def test_binary_data_named_txt_is_refused() -> None:
    with pytest.raises(Invalid, match=r"^tool\.txt doesn't look like a text file"):
        read_bytes("tool.txt", b"MZ\x90\x00\x03\x00\x00\x00")
