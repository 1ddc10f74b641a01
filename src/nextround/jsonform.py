"""The one way a report (a msgspec Struct: an answer's feedback, a story's analysis, a
transcript) becomes JSON-ready builtins, for ``--json`` output and anyone else who needs it.

Through msgspec's own JSON encoding rather than ``msgspec.to_builtins``: that keeps a struct's
tuples as tuples, while these builtins equal what a reader gets back from the JSON (lists).
Field names, renames included, are msgspec's. Nothing here imports Django.
"""

from __future__ import annotations

from typing import Any

import msgspec


def json_form(report: msgspec.Struct) -> dict[str, Any]:
    """The report as plain dicts, lists, strings, numbers and booleans."""
    return msgspec.json.decode(msgspec.json.encode(report), type=dict[str, Any])
