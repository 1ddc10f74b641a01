"""PDF (pypdf) and Word .docx (python-docx) to text, refusing damaged, locked, scanned or
zip-bomb files with a clear message."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from nextround.errors import Invalid
from nextround.intake.blocks import Block, Kind, plain_text
from nextround.intake.limits import MAX_BYTES

# pypdf logs its complaints about damaged files; the reader turns them into one clear message,
# so the log lines would only repeat it as noise on the terminal.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# A .docx inflates to a few times its size; far more than this is a zip bomb, not a posting.
_MAX_UNZIPPED = 20 * MAX_BYTES


@contextmanager
def _unreadable(message: str) -> Iterator[None]:
    """pypdf and python-docx raise a wide range of exception types on damaged input (their own,
    zlib, struct, KeyError, lxml...); any of them means the file can't be read."""
    try:
        yield
    except Invalid:
        raise
    except Exception as exc:
        raise Invalid(message) from exc


def pdf_text(source: str, data: bytes) -> str:
    with _unreadable(f"{source} isn't a readable PDF: it may be damaged or incomplete."):
        try:
            reader = PdfReader(io.BytesIO(data))
            # The empty password opens PDFs that only restrict printing or editing.
            locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        except DependencyError:  # AES needs a crypto library nextround doesn't install
            locked = True
        if locked:
            raise Invalid(
                f"{source} is password-protected. Remove the password (or print it to a new "
                "PDF) and try again."
            )
        pages = [plain_text(page.extract_text()) for page in reader.pages]
    text = "\n\n".join(page for page in pages if page)
    if not text:
        raise Invalid(
            f"{source} has no readable text: it looks like a scanned image. "
            "Copy the posting's text and paste it instead."
        )
    return text


def docx_blocks(source: str, data: bytes) -> list[Block]:
    _check_docx_archive(source, data)
    blocks: list[Block] = []
    with _unreadable(f"{source} isn't a readable Word document: it may be damaged."):
        document = docx.Document(io.BytesIO(data))
        for part in document.iter_inner_content():
            if isinstance(part, Paragraph):
                blocks.append((_paragraph_kind(part), part.text))
            else:
                blocks.extend(_table_rows(part))
    return blocks


def _check_docx_archive(source: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Invalid(f"{source} isn't a Word .docx document: it is damaged or not a zip.") from exc
    if "word/document.xml" not in names:
        raise Invalid(f"{source} isn't a Word .docx document: it is a zip with no document in it.")
    if unzipped > _MAX_UNZIPPED:
        raise Invalid(f"{source} unpacks to more than {_MAX_UNZIPPED // 1024 // 1024} MB.")


def _paragraph_kind(paragraph: Paragraph) -> Kind:
    style = (paragraph.style.name if paragraph.style is not None else None) or ""
    if style.startswith(("Heading", "Title", "Subtitle")):
        return "heading"
    if "List" in style:
        return "item"
    return "para"


def _table_rows(table: Table) -> Iterator[Block]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        yield "row", " | ".join(cells)
