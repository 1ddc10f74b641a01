"""Readable text of a job posting from a file, an upload or a web address.

Supported formats are plain text, Markdown, HTML, PDF and Word ``.docx``; the text comes back
normalised (see blocks.py). Every bad input becomes :class:`~nextround.errors.Invalid` with a
message the candidate can act on; library exceptions never escape. Plain Python, no Django: the
web form and the CLI both call in here.
"""

from nextround.intake.fetch import USER_AGENT, Fetched, fetch_bytes, fetch_url
from nextround.intake.limits import MAX_BYTES
from nextround.intake.read import FORMATS, Document, read_bytes, read_path

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "USER_AGENT",
    "Document",
    "Fetched",
    "fetch_bytes",
    "fetch_url",
    "read_bytes",
    "read_path",
]
