"""PDF (pypdf) and Word .docx (python-docx) to text, refusing damaged, locked, scanned or
zip-bomb files with a clear message."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PageObject, PasswordType, PdfReader, apply_configuration
from pypdf.errors import DependencyError, LimitReachedError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

from nextround.errors import Invalid
from nextround.intake.blocks import Block, Kind, plain_text
from nextround.intake.limits import ADVICE, Budget, size_label

# pypdf logs its complaints about damaged files; the reader turns them into one clear message,
# so the log lines would only repeat it as noise on the terminal.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")  # a page takes from its tree
_MAX_TREE_DEPTH = 32


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


def pdf_text(source: str, data: bytes, budget: Budget | None = None) -> str:
    text = "\n\n".join(page for page in pdf_page_texts(source, data, budget) if page)
    if not text:
        raise Invalid(
            f"{source} has no readable text: it looks like a scanned image. "
            "Copy the posting's text and paste it instead."
        )
    return text


def pdf_page_texts(source: str, data: bytes, budget: Budget | None = None) -> list[str]:
    """The text of each page, in order ("" for a page without text), within the budget's
    limits; the presentation plan's import reads slides this way."""
    budget = budget or Budget(source)
    # A compressed stream may inflate a thousandfold; text pages inflate to far less.
    streams = budget.limits.pdf_stream
    with (
        _unreadable(f"{source} isn't a readable PDF: it may be damaged or incomplete."),
        _too_large(source),
        apply_configuration(
            zlib_maximum_output_length=streams,
            lzw_maximum_output_length=streams,
            run_length_maximum_output_length=streams,
            brotli_maximum_output_length=streams,
            array_based_stream_maximum_output_length=streams,
        ),
    ):
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
        pages: list[str] = []
        content = 0
        for page in _pdf_pages(reader, budget):
            # Reading a page's drawing instructions costs about a second of CPU a megabyte,
            # whether they draw text or not: their size is checked before they are read.
            content += _content_size(page)
            if content > budget.limits.pdf_content:
                limit = size_label(budget.limits.pdf_content)
                raise budget.over(f"has more than {limit} of page content")

            def visit(text: str, *_: object) -> None:
                # Sees the text as it comes, so one huge page is stopped part way.
                budget.add_text(text)
                budget.check_time()

            pages.append(plain_text(page.extract_text(visitor_text=visit)))
            budget.check_time()
    return pages


@contextmanager
def _too_large(source: str) -> Iterator[None]:
    """pypdf's own limits (a stream inflating past ``pdf_stream``, huge arrays) crossed."""
    try:
        yield
    except LimitReachedError as exc:
        raise Invalid(f"{source} holds parts too large to read safely. {ADVICE}") from exc


def _content_size(page: PageObject) -> int:
    """Bytes of the page's drawing instructions, unpacked (C code, cheap beside reading them)."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    streams = contents if isinstance(contents, ArrayObject) else [contents]
    size = 0
    for stream in streams:
        stream = stream.get_object() if stream is not None else None
        if isinstance(stream, StreamObject):
            size += len(stream.get_data())
    return size


def _pdf_pages(reader: PdfReader, budget: Budget) -> Iterator[PageObject]:
    """The pages in order, walking the page tree one page at a time (pypdf's own ``pages``
    builds every page first). The count the tree claims is checked before any page is read;
    the pages actually found are counted too, since a hostile file can claim fewer."""
    limit = budget.limits.pages
    tree = _dictionary(reader.root_object["/Pages"])
    claimed = tree.get("/Count")
    claimed = claimed.get_object() if claimed is not None else None
    if isinstance(claimed, int) and claimed > limit:
        raise budget.over(f"has {claimed:,} pages")
    found = 0
    stack: list[tuple[Iterator[Any], dict[str, Any]]] = [
        (iter(_kids(tree)), {k: tree[k] for k in _INHERITED if k in tree})
    ]
    while stack:
        budget.check_time()
        kids, inherited = stack[-1]
        kid = next(kids, None)
        if kid is None:
            stack.pop()
            continue
        node = kid.get_object()
        if not isinstance(node, DictionaryObject):
            continue
        if "/Kids" in node:
            if len(stack) >= _MAX_TREE_DEPTH:
                raise budget.over(f"has its pages nested more than {_MAX_TREE_DEPTH} deep")
            own = {k: node[k] for k in _INHERITED if k in node}
            stack.append((iter(_kids(node)), {**inherited, **own}))
            continue
        found += 1
        if found > limit:
            raise budget.over(f"has more than {limit:,} pages")
        reference = kid if isinstance(kid, IndirectObject) else None
        page = PageObject(reader, reference)
        page.update(node)
        for key, value in inherited.items():
            page.setdefault(NameObject(key), value)
        yield page


def _dictionary(value: Any) -> DictionaryObject:
    value = value.get_object() if value is not None else None
    if not isinstance(value, DictionaryObject):
        raise TypeError("a page tree node that is not a dictionary")  # damaged: see _unreadable
    return value


def _kids(node: DictionaryObject) -> list[Any]:
    kids = node.get("/Kids")
    kids = kids.get_object() if kids is not None else []
    return list(kids) if isinstance(kids, list) else []


def docx_blocks(source: str, data: bytes, budget: Budget | None = None) -> list[Block]:
    budget = budget or Budget(source)
    _check_docx_archive(source, data, budget)
    blocks: list[Block] = []
    with _unreadable(f"{source} isn't a readable Word document: it may be damaged."):
        document = docx.Document(io.BytesIO(data))
        # python-docx looks a paragraph's style up among all the styles every time (about a
        # millisecond a paragraph, seconds for a long file): the names are read once instead.
        names = {style.style_id: style.name or "" for style in document.styles}
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        unstyled = (default.name if default is not None else None) or ""
        for part in document.iter_inner_content():
            if isinstance(part, Paragraph):
                style_id = part._p.style  # the w:pStyle of the paragraph, or None
                style = names.get(style_id, unstyled) if style_id else unstyled
                new = [(_paragraph_kind(style), part.text)]
            else:
                new = list(_table_rows(part))
            for _, text in new:
                budget.add_text(text)
            blocks.extend(new)
            budget.check_time()
    return blocks


def _check_docx_archive(source: str, data: bytes, budget: Budget) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Invalid(f"{source} isn't a Word .docx document: it is damaged or not a zip.") from exc
    if "word/document.xml" not in sizes:
        raise Invalid(f"{source} isn't a Word .docx document: it is a zip with no document in it.")
    unzipped = budget.limits.unzipped
    if sum(sizes.values()) > unzipped:
        raise Invalid(f"{source} unpacks to more than {unzipped // 1024 // 1024} MB.")
    if sizes["word/document.xml"] > budget.limits.word_xml:
        limit = size_label(budget.limits.word_xml)
        raise budget.over(f"has a document part larger than {limit} unpacked")


def _paragraph_kind(style: str) -> Kind:
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
