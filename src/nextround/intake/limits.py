"""The size limit on postings, and the message when one goes over it."""

from __future__ import annotations

from nextround.errors import Invalid

MAX_BYTES = 5 * 1024 * 1024


def check_size(source: str, size: int, limit: int) -> None:
    if size > limit:
        raise Invalid(f"{source} is larger than the {_size_label(limit)} limit.")


def _size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / 1024 / 1024, 1):g} MB"
    return f"{max(1, round(size / 1024))} KB"
