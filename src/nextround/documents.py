"""Readable text of a job posting from a file, an upload or a web address.

Supported formats are plain text, Markdown, HTML, PDF and Word ``.docx``. The text comes back
normalised: headings and list items on their own lines, bullets as ``- ``, a blank line between
blocks. Every bad input becomes :class:`~nextround.errors.Invalid` with a message the candidate
can act on; library exceptions never escape. Plain Python, no Django: the web form and the CLI
both call in here.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import socket
import ssl
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from email.message import Message
from http.client import HTTPException, HTTPMessage
from pathlib import Path, PurePosixPath
from typing import IO, Literal
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, OpenerDirector, Request, build_opener

import docx
import msgspec
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from nextround import __version__
from nextround.errors import Invalid

# pypdf logs its complaints about damaged files; the reader turns them into one clear message,
# so the log lines would only repeat it as noise on the terminal.
logging.getLogger("pypdf").setLevel(logging.ERROR)

FORMATS = ("txt", "md", "html", "pdf", "docx")
MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = f"nextround/{__version__} (job posting reader; runs on the candidate's computer)"

_ACCEPTED = "plain text (.txt), Markdown (.md), HTML (.html), PDF (.pdf) or Word (.docx)"
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
_MIME_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
    "application/pdf": "pdf",
    _DOCX_MIME: "docx",
}
# A .docx inflates to a few times its size; far more than this is a zip bomb, not a posting.
_MAX_UNZIPPED = 20 * MAX_BYTES


class Document(msgspec.Struct, frozen=True):
    """A posting's readable text, where it came from, and the format it was read as."""

    text: str
    source: str
    format: str


def read_bytes(name: str, data: bytes, *, content_type: str = "") -> Document:
    """Read an upload. The format comes from the file name's suffix, then the declared content
    type, then the first bytes (PDF, Word and HTML signatures)."""
    _check_size(name, len(data), MAX_BYTES)
    mime, charset = _parse_content_type(content_type)
    fmt = _SUFFIXES.get(PurePosixPath(name).suffix.lower()) or _MIME_TYPES.get(mime)
    fmt = fmt or _sniff(data)
    if fmt is None:
        raise Invalid(f"Can't read {name}: upload {_ACCEPTED}.")
    return _read(name, data, fmt, charset)


def read_path(path: Path) -> Document:
    """Read a file on disk, checking its size before loading it."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise Invalid(f"{path} is a folder; choose a posting file inside it.")
        _check_size(path.name, size, MAX_BYTES)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise Invalid(f"There is no file at {path}.") from exc
    except PermissionError as exc:
        raise Invalid(f"Can't open {path}: permission denied.") from exc
    except OSError as exc:
        raise Invalid(f"Can't open {path}: {exc.strerror or exc}.") from exc
    return read_bytes(path.name, data)


def fetch_url(
    url: str,
    *,
    timeout: float = 15,
    max_bytes: int = MAX_BYTES,
    opener: OpenerDirector | None = None,
) -> Document:
    """Download a posting over http(s) and read it. ``source`` is the address after redirects.

    The request runs on the candidate's own machine with a plain User-Agent naming nextround.
    """
    url = url.strip()
    _check_web_address(url)
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with (opener or _default_opener()).open(request, timeout=timeout) as response:
            final_url: str = response.geturl()
            headers: HTTPMessage = response.headers
            _check_size(url, _content_length(headers), max_bytes)
            data = _read_limited(url, response, max_bytes)
    except HTTPError as exc:
        exc.close()  # it holds the error page's open connection
        raise Invalid(
            f"Couldn't fetch {url}: the server answered {exc.code} {exc.reason}."
        ) from exc
    except URLError as exc:
        raise Invalid(f"Couldn't fetch {url}: {_network_reason(exc.reason, timeout)}.") from exc
    except (HTTPException, OSError, ValueError) as exc:
        raise Invalid(f"Couldn't fetch {url}: {_network_reason(exc, timeout)}.") from exc
    mime, charset = _parse_content_type(headers.get("Content-Type", ""))
    fmt = _MIME_TYPES.get(mime) or _sniff(data)
    if fmt is None:
        kind = mime or "content of an unknown type"
        raise Invalid(f"{url} returned {kind}; nextround reads {_ACCEPTED}.")
    return _read(final_url, data, fmt, charset)


# --- dispatch and limits ---------------------------------------------------------------------


def _read(source: str, data: bytes, fmt: str, charset: str | None) -> Document:
    if not data:
        raise Invalid(f"{source} has no readable text: the file is empty.")
    if fmt == "pdf":
        text = _pdf_text(source, data)
    elif fmt == "docx":
        text = _render(_docx_blocks(source, data))
    elif fmt == "html":
        text = _render(_html_blocks(source, _decode_html(data, charset)))
    elif fmt == "md":
        text = _render(_markdown_blocks(_decode_text(source, data, charset)))
    else:
        text = _plain_text(_decode_text(source, data, charset))
    if not text:
        raise Invalid(f"{source} has no readable text.")
    return Document(text=text, source=source, format=fmt)


def _check_size(source: str, size: int, limit: int) -> None:
    if size > limit:
        raise Invalid(f"{source} is larger than the {_size_label(limit)} limit.")


def _size_label(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{round(size / 1024 / 1024, 1):g} MB"
    return f"{max(1, round(size / 1024))} KB"


def _sniff(data: bytes) -> str | None:
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


def _parse_content_type(value: str) -> tuple[str, str | None]:
    """``text/html; charset=...`` → (mime, a charset Python knows, or None)."""
    if not value.strip():
        return "", None
    message = Message()
    message["Content-Type"] = value
    return message.get_content_type(), _known_charset(message.get_content_charset())


def _known_charset(name: str | bytes | None) -> str | None:
    if isinstance(name, bytes):
        name = name.decode("ascii", "replace")
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


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


# --- fetching --------------------------------------------------------------------------------


class _WebOnlyRedirects(HTTPRedirectHandler):
    """urllib follows redirects to ftp://; a posting link should stay on the web."""

    def redirect_request(
        self,
        req: Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> Request | None:
        try:
            _check_web_address(newurl)
        except Invalid:
            fp.close()  # urllib only closes the redirect response when it follows it
            raise
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _default_opener() -> OpenerDirector:
    return build_opener(_WebOnlyRedirects)


def _check_web_address(url: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise Invalid(f"{url} isn't a valid web address.") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise Invalid(f"Only http:// and https:// addresses can be fetched, not {url}.")
    if not parts.hostname:
        raise Invalid(f"{url} has no host name.")


def _content_length(headers: HTTPMessage) -> int:
    value = headers.get("Content-Length", "")
    return int(value) if value.strip().isdigit() else 0


def _read_limited(url: str, response: IO[bytes], max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes: Content-Length may be missing or wrong."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = response.read(min(64 * 1024, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    _check_size(url, total, max_bytes)
    return b"".join(chunks)


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused (is the address right, and the site up?)"
    if isinstance(reason, socket.gaierror):
        return "the host name couldn't be found (check the address and your connection)"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} seconds"
    if isinstance(reason, ssl.SSLError):
        return "the secure connection failed (certificate or TLS problem)"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[0].lower() + reason.strerror[1:]
    return str(reason) or type(reason).__name__


# --- text, Markdown and HTML decoding --------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode_text(source: str, data: bytes, charset: str | None) -> str:
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


def _decode_html(data: bytes, charset: str | None) -> str:
    """HTML's order of precedence: BOM, the HTTP header, then ``<meta charset>``."""
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(bom_encoding, "replace")
    match = _META_CHARSET.search(data[:4096])
    declared = charset or _known_charset(match.group(1) if match else None)
    if declared and declared.startswith("utf-16") and not charset:
        declared = "utf-8"  # a meta tag readable as ASCII can't be UTF-16 (HTML spec rule)
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    return data.decode("cp1252", "replace")


# --- blocks and rendering --------------------------------------------------------------------

_Kind = Literal["para", "heading", "item", "row"]
_Block = tuple[_Kind, str]

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
# Bullet glyphs from word processors and PDF exports (U+F0B7 and U+F0A7 are Symbol/Wingdings).
_BULLET_GLYPHS = "\u2022\u25e6\u25aa\u25cf\u2023\u2043\u2219\u00b7\uf0b7\uf0a7"
_BULLET = re.compile(f"^(?:[{_BULLET_GLYPHS}]\\s*|[-*+\u2013\u2014]\\s+)")


def _squash(line: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def _render(blocks: Iterable[_Block]) -> str:
    """Items and table rows that follow each other share a block; everything else is separated
    by a blank line."""
    parts: list[str] = []
    previous: _Kind | None = None
    for kind, raw in blocks:
        lines = [line for line in map(_squash, raw.splitlines()) if line]
        if not lines:
            continue
        text = "\n".join(lines) if kind == "para" else " ".join(lines)
        if kind == "item":
            text = "- " + _BULLET.sub("", text)
        if parts:
            parts.append("\n" if kind == previous and kind in ("item", "row") else "\n\n")
        parts.append(text)
        previous = kind
    return "".join(parts)


def _plain_text(text: str) -> str:
    """Keep the author's lines (PDF lines are visual lines), squash spaces, mark bullets."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = _squash(raw)
        if _BULLET.match(line):
            line = "- " + _BULLET.sub("", line)
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


# --- Markdown --------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_MD_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_MD_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")

_MD_CODE = re.compile(r"(`+)(.+?)\1")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url "title")
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),  # not __dunder__ words
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # not snake_case
)
_PRIVATE_USE = 0xE000  # escaped characters hide here while emphasis is stripped


def _md_inline(text: str) -> str:
    """Strip inline formatting; code spans and backslash escapes are kept literally."""
    pieces = _MD_CODE.split(text)
    out: list[str] = []
    # split() yields text, fence, code, fence, code...; code is every third piece from 2.
    for index, piece in enumerate(pieces):
        if index % 3 == 1:
            continue
        if index % 3 == 2:
            out.append(piece.strip())
            continue
        hidden = _MD_ESCAPE.sub(lambda m: chr(_PRIVATE_USE + ord(m.group(1))), piece)
        for pattern, replacement in _MD_INLINE:
            hidden = pattern.sub(replacement, hidden)
        out.append(re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - _PRIVATE_USE), hidden))
    return "".join(out)


def _markdown_blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    para: list[str] = []
    code: list[str] | None = None  # lines of an open fenced block, kept literally

    def flush() -> None:
        if para:
            blocks.append(("para", "\n".join(_md_inline(line) for line in para)))
            para.clear()

    for line in text.splitlines():
        if _MD_FENCE.match(line):
            flush()
            if code is not None:
                blocks.append(("para", "\n".join(code)))
            code = [] if code is None else None
        elif code is not None:
            code.append(line)
        elif not line.strip() or _MD_REFERENCE.match(line) or _MD_TABLE_RULE.match(line):
            flush()
        elif _MD_SETEXT.match(line) and para:
            heading = para.pop()
            flush()
            blocks.append(("heading", _md_inline(heading)))
        elif _MD_RULE.match(line):
            flush()
        elif heading_match := _MD_HEADING.match(line):
            flush()
            blocks.append(("heading", _md_inline(heading_match.group(1) or "")))
        elif item := _MD_ITEM.match(_MD_QUOTE.sub("", line)):
            flush()
            blocks.append(("item", _md_inline(item.group(1))))
        elif line.lstrip().startswith("|"):
            flush()
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            blocks.append(("row", _md_inline(" | ".join(cells))))
        elif line[:1].isspace() and not para and blocks and blocks[-1][0] == "item":
            kind, previous = blocks.pop()  # an indented continuation of the item above
            blocks.append((kind, f"{previous} {_md_inline(line)}"))
        else:
            para.append(_MD_QUOTE.sub("", line))
    flush()
    if code:  # an unclosed fence runs to the end
        blocks.append(("para", "\n".join(code)))
    return blocks


# --- HTML ------------------------------------------------------------------------------------

# <head> holds the <title>, which the page's own heading normally repeats.
_HTML_DROP = {
    "head", "title", "script", "style", "noscript", "template", "nav", "header", "footer",
    "aside", "form", "svg", "iframe", "object", "canvas",
}  # fmt: skip
_ROLES_DROP = {"navigation", "banner", "contentinfo", "complementary", "search"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {
    "address", "article", "blockquote", "body", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "hgroup", "html", "main", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "ul",
}  # fmt: skip


def _html_blocks(source: str, markup: str) -> list[_Block]:
    soup = BeautifulSoup(markup, "html.parser")
    for element in soup.find_all(_droppable):
        if not element.decomposed:  # an earlier match may have contained it
            element.decompose()
    walker = _HtmlWalker()
    try:
        for root in _html_roots(soup):
            blocks = walker.run(root)
            if any(text.strip() for _, text in blocks):
                return blocks
    except RecursionError as exc:
        raise Invalid(f"{source} is nested too deeply to read.") from exc
    return []


def _droppable(element: Tag) -> bool:
    if element.name == "header":
        # A site banner goes; an article's own header often holds the job title.
        return element.find_parent(["main", "article"]) is None
    role = element.get("role")
    return (
        element.name in _HTML_DROP
        or (isinstance(role, str) and role.lower() in _ROLES_DROP)
        or element.has_attr("hidden")
        or element.get("aria-hidden") == "true"
    )


def _html_roots(soup: BeautifulSoup) -> Iterator[Tag]:
    """The posting's own content first, then the whole page if that turns out empty."""
    main = soup.find("main") or soup.select_one('[role="main"]')
    if isinstance(main, Tag):
        yield main
    articles = [tag for tag in soup.find_all("article") if isinstance(tag, Tag)]
    if articles:
        yield max(articles, key=lambda tag: len(tag.get_text()))
    yield soup.body if isinstance(soup.body, Tag) else soup


class _HtmlWalker:
    """Turns an element tree into blocks: headings, list items and table rows keep their kind,
    nested generic blocks inherit it (``<li><p>`` is still an item)."""

    def __init__(self) -> None:
        self._blocks: list[_Block] = []
        self._buffer: list[str] = []
        self._kinds: list[_Kind] = ["para"]
        self._in_pre = 0

    def run(self, root: Tag) -> list[_Block]:
        self._blocks, self._buffer, self._kinds, self._in_pre = [], [], ["para"], 0
        self._walk(root)
        self._flush()
        return self._blocks

    def _walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                self._element(child)
            elif type(child) is NavigableString:  # not comments, doctypes, CDATA
                self._buffer.append(str(child) if self._in_pre else _SPACES.sub(" ", child))

    def _element(self, element: Tag) -> None:
        name = element.name
        if name == "br":
            self._buffer.append("\n")
            return
        if name in ("td", "th") and self._kinds[-1] == "row":
            if "".join(self._buffer).strip():
                self._buffer.append(" | ")
            self._walk(element)
            return
        kind = self._kind_of(name)
        if kind is None:
            self._walk(element)
            return
        self._flush()
        self._kinds.append(kind)
        self._in_pre += name == "pre"
        self._walk(element)
        self._flush()
        self._in_pre -= name == "pre"
        self._kinds.pop()

    def _kind_of(self, name: str) -> _Kind | None:
        if name in _HEADINGS:
            return "heading"
        if name == "li":
            return "item"
        if name == "tr":
            return "row"
        if name in _BLOCKS or name == "hr":
            # Layout tables put whole postings inside cells: paragraphs there stay paragraphs.
            return "para" if self._kinds[-1] == "row" else self._kinds[-1]
        return None

    def _flush(self) -> None:
        text = "".join(self._buffer)
        self._buffer.clear()
        if text.strip():
            self._blocks.append((self._kinds[-1], text))


# --- PDF -------------------------------------------------------------------------------------


def _pdf_text(source: str, data: bytes) -> str:
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
        pages = [_plain_text(page.extract_text()) for page in reader.pages]
    text = "\n\n".join(page for page in pages if page)
    if not text:
        raise Invalid(
            f"{source} has no readable text: it looks like a scanned image. "
            "Copy the posting's text and paste it instead."
        )
    return text


# --- Word ------------------------------------------------------------------------------------


def _docx_blocks(source: str, data: bytes) -> list[_Block]:
    _check_docx_archive(source, data)
    blocks: list[_Block] = []
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


def _paragraph_kind(paragraph: Paragraph) -> _Kind:
    style = (paragraph.style.name if paragraph.style is not None else None) or ""
    if style.startswith(("Heading", "Title", "Subtitle")):
        return "heading"
    if "List" in style:
        return "item"
    return "para"


def _table_rows(table: Table) -> Iterator[_Block]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                cells.append(text)
        yield "row", " | ".join(cells)
