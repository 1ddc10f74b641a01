"""The size limit on postings (nextround.intake.limits), for files on disk and for uploads."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.errors import Invalid
from nextround.intake import MAX_BYTES, read_bytes, read_path


def test_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    at_limit = tmp_path / "long.txt"
    at_limit.write_bytes(b"word " * (MAX_BYTES // 5))
    assert read_path(at_limit).text.startswith("word word")
    too_big = tmp_path / "huge.txt"
    too_big.write_bytes(b"word " * (MAX_BYTES // 5) + b"x")
    with pytest.raises(Invalid, match=r"^huge\.txt is larger than the 5 MB limit\.$"):
        read_path(too_big)


def test_oversized_upload_is_refused_before_parsing() -> None:
    with pytest.raises(Invalid, match="larger than the 5 MB limit"):
        read_bytes("scan.pdf", b"%PDF-" + b"\0" * MAX_BYTES)
