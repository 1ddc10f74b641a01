"""Slides from a file: a PowerPoint .pptx through python-pptx (each slide's title, its text and
its speaker notes) or a PDF through the posting reader's pypdf pass (each page's text; the
first line is taken as the title). Damaged, locked or oversized files are refused with a clear
message, as postings are."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import msgspec

from nextround.errors import Invalid
from nextround.intake.limits import Budget, Limits
from nextround.intake.office import pdf_page_texts
from nextround.slides import thresholds as t

MAX_BYTES = 20 * 1024 * 1024  # a deck with images is larger than a posting
# A pptx with pictures unpacks to little more than its size; far more is a zip bomb.
MAX_UNZIPPED = 10 * MAX_BYTES
LIMITS = Limits(pages=t.MAX_SLIDES)
TITLE_CHARS = 200


class ImportedSlide(msgspec.Struct, frozen=True):
    title: str
    text: str  # what the slide shows, besides its title
    notes: str = ""  # the speaker notes (a .pptx's notes page)


def slides_from_file(name: str, data: bytes) -> list[ImportedSlide]:
    """By the file's name: .pptx or .pdf."""
    if len(data) > MAX_BYTES:
        raise Invalid(f"{name} is larger than the {MAX_BYTES // 1024 // 1024} MB limit.")
    lower = name.lower()
    if lower.endswith(".pptx"):
        return slides_from_pptx(name, data)
    if lower.endswith(".pdf"):
        return slides_from_pdf(name, data)
    raise Invalid(f"{name}: import a PowerPoint .pptx or a PDF.")


def slides_from_pdf(name: str, data: bytes) -> list[ImportedSlide]:
    pages = pdf_page_texts(name, data, Budget(name, LIMITS))
    if not any(pages):
        raise Invalid(f"{name} has no readable text: its pages look like images.")
    return [_from_lines(page.splitlines()) for page in pages]


def slides_from_pptx(name: str, data: bytes) -> list[ImportedSlide]:
    _check_archive(name, data)
    from pptx import Presentation  # imported here: only an import needs it

    with _unreadable(f"{name} isn't a readable PowerPoint file: it may be damaged."):
        deck = Presentation(io.BytesIO(data))
        if len(deck.slides) > t.MAX_SLIDES:
            raise Invalid(f"{name} has {len(deck.slides)} slides; the limit is {t.MAX_SLIDES}.")
        return [_pptx_slide(slide) for slide in deck.slides]


def _pptx_slide(slide: Any) -> ImportedSlide:
    title_shape = slide.shapes.title
    title = _tidy(title_shape.text_frame.text) if title_shape is not None else ""
    texts: list[str] = []
    for shape in slide.shapes:
        if title_shape is not None and shape.shape_id == title_shape.shape_id:
            continue
        texts.extend(_shape_texts(shape))
    notes = ""
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame.text.strip()
    if not title:
        return _from_lines([*texts], notes=notes)
    return ImportedSlide(title[:TITLE_CHARS], "\n".join(texts), notes)


def _shape_texts(shape: Any) -> Iterator[str]:
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        text = shape.text_frame.text.strip()
        if text:
            yield text
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            cells = [_tidy(cell.text) for cell in row.cells]
            yield " | ".join(cell for cell in cells if cell)


def _from_lines(lines: list[str], *, notes: str = "") -> ImportedSlide:
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return ImportedSlide("(no title)", "", notes)
    return ImportedSlide(_tidy(lines[0])[:TITLE_CHARS], "\n".join(lines[1:]), notes)


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _check_archive(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Invalid(f"{name} isn't a PowerPoint .pptx file: it is damaged or not a zip.") from exc
    if not any(info.filename == "ppt/presentation.xml" for info in infos):
        raise Invalid(f"{name} isn't a PowerPoint .pptx file: it holds no presentation.")
    if sum(info.file_size for info in infos) > MAX_UNZIPPED:
        raise Invalid(f"{name} unpacks to more than {MAX_UNZIPPED // 1024 // 1024} MB.")


@contextmanager
def _unreadable(message: str) -> Iterator[None]:
    """python-pptx raises many kinds of exception on a damaged file (its own, lxml's, KeyError);
    any of them means the file can't be read."""
    try:
        yield
    except Invalid:
        raise
    except Exception as exc:
        raise Invalid(message) from exc
