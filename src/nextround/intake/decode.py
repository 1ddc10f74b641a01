"""Bytes to text: the format sniffed from the first bytes, the charset from the declared type,
a byte-order mark, a ``<meta charset>`` or fallbacks that never fail."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from email.message import Message

from nextround.errors import Invalid

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def sniff(data: bytes) -> str | None:
    head = data[:1024]
    if b"%PDF-" in head:  # readers allow junk before the header
        return "pdf"
    if head.startswith(b"PK\x03\x04") and _zip_has_word_document(data):
        return "docx"
    lowered = head.lower()
    if b"<!doctype html" in lowered or b"<html" in lowered:
        return "html"
    return None


def _zip_has_word_document(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def parse_content_type(value: str) -> tuple[str, str | None]:
    """``text/html; charset=...`` → (mime, a charset Python knows, or None)."""
    if not value.strip():
        return "", None
    message = Message()
    message["Content-Type"] = value
    return message.get_content_type(), known_charset(message.get_content_charset())


def known_charset(name: str | bytes | None) -> str | None:
    if isinstance(name, bytes):
        name = name.decode("ascii", "replace")
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def decode_text(source: str, data: bytes, charset: str | None) -> str:
    """BOM, then the declared charset, then UTF-8, then cp1252 (Windows editors), then latin-1
    (which never fails)."""
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(bom_encoding, "replace")
    if b"\x00" in data:
        raise Invalid(f"{source} doesn't look like a text file: it contains binary data.")
    for encoding in (charset, "utf-8", "cp1252"):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return data.decode("latin-1")


def decode_html(data: bytes, charset: str | None) -> str:
    """HTML's order of precedence: BOM, the HTTP header, then ``<meta charset>``."""
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(bom_encoding, "replace")
    match = _META_CHARSET.search(data[:4096])
    declared = charset or known_charset(match.group(1) if match else None)
    if declared and declared.startswith("utf-16") and not charset:
        declared = "utf-8"  # a meta tag readable as ASCII can't be UTF-16 (HTML spec rule)
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return data.decode("cp1252", "replace")
