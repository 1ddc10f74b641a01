"""Reading a posting's bytes: the format from the name, the declared type or the content, then
the reader for that format."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import msgspec

from nextround.errors import Invalid
from nextround.intake.blocks import plain_text, render
from nextround.intake.decode import decode_html, decode_text, parse_content_type, sniff
from nextround.intake.html import html_blocks
from nextround.intake.limits import DEFAULT_LIMITS, MAX_BYTES, Budget, Limits, check_size
from nextround.intake.markdown import markdown_blocks
from nextround.intake.office import docx_blocks, pdf_text

FORMATS = ("txt", "md", "html", "pdf", "docx")

ACCEPTED = "plain text (.txt), Markdown (.md), HTML (.html), PDF (.pdf) or Word (.docx)"
_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
    "application/pdf": "pdf",
    _DOCX_MIME: "docx",
}


class Document(msgspec.Struct, frozen=True):
    """A posting's readable text, where it came from, and the format it was read as."""

    text: str
    source: str
    format: str


def read_bytes(
    name: str, data: bytes, *, content_type: str = "", limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Read an upload. The format comes from the file name's suffix, then the declared content
    type, then the first bytes (PDF, Word and HTML signatures). Reading stops at the first of
    ``limits`` crossed, with a message saying which."""
    check_size(name, len(data), MAX_BYTES)
    mime, charset = parse_content_type(content_type)
    fmt = _SUFFIXES.get(PurePosixPath(name).suffix.lower()) or MIME_TYPES.get(mime)
    fmt = fmt or sniff(data)
    if fmt is None:
        raise Invalid(f"Can't read {name}: upload {ACCEPTED}.")
    return read_document(name, data, fmt, charset, limits=limits)


def read_path(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a file on disk, checking its size before loading it."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise Invalid(f"{path} is a folder; choose a posting file inside it.")
        check_size(path.name, size, MAX_BYTES)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise Invalid(f"There is no file at {path}.") from exc
    except PermissionError as exc:
        raise Invalid(f"Can't open {path}: permission denied.") from exc
    except OSError as exc:
        raise Invalid(f"Can't open {path}: {exc.strerror or exc}.") from exc
    return read_bytes(path.name, data, limits=limits)


def read_document(
    source: str, data: bytes, fmt: str, charset: str | None, *, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Read data in the given format; ``source`` names it in the document and in messages."""
    if not data:
        raise Invalid(f"{source} has no readable text: the file is empty.")
    budget = Budget(source, limits)
    if fmt == "pdf":
        text = pdf_text(source, data, budget)
    elif fmt == "docx":
        text = render(docx_blocks(source, data, budget))
    elif fmt == "html":
        text = render(html_blocks(source, decode_html(data, charset), budget))
    else:
        decoded = decode_text(source, data, charset)
        budget.add_text(decoded)  # all of it is text, counted before it is parsed
        text = render(markdown_blocks(decoded)) if fmt == "md" else plain_text(decoded)
    if not text:
        raise Invalid(f"{source} has no readable text.")
    return Document(text=text, source=source, format=fmt)
