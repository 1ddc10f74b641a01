"""Reading a posting (nextround.intake.read): the format from the name or the declared type, and
the files and paths that cannot be read. Real files, no mocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.errors import Invalid
from nextround.intake import read_bytes, read_path


def test_declared_content_type_is_used_when_the_name_says_nothing() -> None:
    document = read_bytes("blob", b"# Role\n\n**Bold** claim", content_type="text/markdown")
    assert (document.format, document.text) == ("md", "Role\n\nBold claim")


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.pdf", "empty.docx"])
def test_empty_file_has_no_readable_text(name: str) -> None:
    with pytest.raises(Invalid, match=rf"^{name} has no readable text: the file is empty\.$"):
        read_bytes(name, b"")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("blank.txt", b"  \r\n\t\n   \n"),
        ("blank.md", b"\n\n---\n\n![only an image](x.png)\n"),
        ("blank.html", b"<html><body><script>x()</script><nav>Menu</nav></body></html>"),
    ],
)
def test_file_without_words_has_no_readable_text(name: str, data: bytes) -> None:
    with pytest.raises(Invalid, match=rf"^{name} has no readable text\.$"):
        read_bytes(name, data)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00"),
        ("resume.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"),
    ],
)
def test_unknown_format_lists_the_accepted_ones(name: str, data: bytes) -> None:
    with pytest.raises(Invalid, match=rf"^Can't read {name}: upload plain text \(\.txt\)") as e:
        read_bytes(name, data)
    for suffix in (".md", ".html", ".pdf", ".docx"):
        assert suffix in e.value.message


def test_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match=r"^There is no file at .*nowhere\.pdf\.$"):
        read_path(tmp_path / "nowhere.pdf")


def test_folder_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match=r"is a folder; choose a posting file inside it\.$"):
        read_path(tmp_path)
