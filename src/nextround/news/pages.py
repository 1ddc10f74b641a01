"""A news page's main text, title, date and site, read with trafilatura from a file the
candidate saved or from an address fetched once through our guarded fetcher.

trafilatura is only ever handed a parsed tree: it never opens an address or a file itself, and
its settings come from the file inside the package (``settings.cfg``), read once at import.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import msgspec
from lxml.html import HtmlElement  # type: ignore[import-untyped]  # no stubs installed
from trafilatura import bare_extraction
from trafilatura.settings import Document as Extracted
from trafilatura.utils import load_html

from nextround.errors import Invalid
from nextround.intake.decode import decode_html, parse_content_type, sniff
from nextround.intake.fetch import DEADLINE, fetch_bytes
from nextround.intake.limits import MAX_BYTES, check_size
from nextround.news.items import (
    TEXT_CHARS,
    TITLE_CHARS,
    URL_CHARS,
    NewsItem,
    Origin,
    first_sentence,
    shorten,
    tidy_text,
)
from nextround.timeutil import check_date, in_range

#: Elements a page may have; a long article with its site around it has a few thousand.
MAX_ELEMENTS = 50_000
#: Characters of main text (spaces aside, so that Japanese or Chinese counts the same) below
#: which a page is taken to have none: a menu, a cookie notice.
MIN_CHARS = 40
ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
NO_PAGE_DATE = "No date found on the page: type the day it was published."
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Class or id words that mark a site's furniture around an article: calls to action, promotions,
# newsletter and sign-up boxes, "was this useful?", cookie notices, share buttons, related links,
# adverts. Matched as whole words of the attribute (split at spaces, "-" and "_"), on elements
# that hold no <h1>, <article> or <main> (a wrapper named "share-enabled" keeps its article).
_FURNITURE_WORDS = (
    "cta", "promo", "promotion", "newsletter", "subscribe", "subscription", "signup",
    "feedback", "cookie", "cookies", "consent", "share", "sharing", "related", "advert",
    "advertisement", "ad", "ads", "sponsored",
)  # fmt: skip


_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _has_word(attribute: str, word: str) -> str:
    """XPath 1.0: the attribute, lower-cased, holds ``word`` between separators."""
    lowered = f"translate(@{attribute}, '-_{_UPPER}', '  {_UPPER.lower()}')"
    return f"contains(concat(' ', {lowered}, ' '), ' {word} ')"


_FURNITURE = (
    "//*["
    + " or ".join(_has_word(a, w) for a in ("class", "id") for w in _FURNITURE_WORDS)
    + "][not(.//h1)][not(.//article)][not(.//main)][not(self::body)][not(self::html)]"
)
# "Save page as" in Chromium-based browsers and Internet Explorer leaves the address in a
# comment at the top of the file: <!-- saved from url=(0042)https://... -->
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://[^\s>]+?)\s*-->", re.I)


class Page(msgspec.Struct, frozen=True, kw_only=True):
    """What a news page says and where it is from. ``published_on`` is None when no date was
    found, and then ``note`` says so; ``url`` is the page's address when it is known (fetched,
    or named in the saved file), else ""; ``site`` its site's name, or host."""

    title: str
    text: str
    site: str
    url: str = ""
    published_on: date | None = None
    note: str = ""


def fetch_page(
    url: str,
    *,
    allow_hosts: Collection[str] = (),
    deadline: float = DEADLINE,
    max_bytes: int = MAX_BYTES,
) -> Page:
    """Fetch a page once through the guarded fetcher and read it."""
    fetched = fetch_bytes(
        url, deadline=deadline, max_bytes=max_bytes, allow_hosts=allow_hosts, accept=ACCEPT
    )
    mime, _ = parse_content_type(fetched.content_type)
    if mime not in _HTML_TYPES and sniff(fetched.data) != "html":
        kind = mime or "content of an unknown type"
        raise Invalid(f"{url.strip()} returned {kind}; a news page is read from its HTML.")
    return read_page(fetched.data, url=fetched.url, content_type=fetched.content_type)


def load_page(path: Path) -> Page:
    """Read a page the candidate saved ("Save page as", HTML only)."""
    try:
        if path.is_dir():
            raise Invalid(f"{path} is a folder; choose a saved page (.html) inside it.")
        check_size(path.name, path.stat().st_size, MAX_BYTES)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise Invalid(f"There is no file at {path}.") from exc
    except PermissionError as exc:
        raise Invalid(f"Can't open {path}: permission denied.") from exc
    except OSError as exc:
        raise Invalid(f"Can't open {path}: {exc.strerror or exc}.") from exc
    return read_page(data, name=path.name)


def read_page(data: bytes | str, *, url: str = "", name: str = "", content_type: str = "") -> Page:
    """Read a page's HTML (bytes as saved or fetched, or text). ``url`` is its address when it
    was fetched; ``name`` names a saved file in messages. The main text leaves out navigation,
    headers, footers, related links and comments."""
    source = url or name or "The page"
    if isinstance(data, bytes):
        check_size(source, len(data), MAX_BYTES)
        _, charset = parse_content_type(content_type)
        markup = decode_html(data, charset)
    else:
        check_size(source, len(data.encode("utf-8", "surrogatepass")), MAX_BYTES)
        markup = data
    markup = markup.replace("\x00", "")
    if not markup.strip():
        raise Invalid(f"{source} is empty.")
    address = _web_address(url) or _saved_from(markup)
    tree = _tree(source, markup)
    extracted = _extract(tree, address, extensive=True)
    if extracted is None or len("".join((extracted.text or "").split())) < MIN_CHARS:
        raise Invalid(
            f"{source} has no main text that could be found: save the article's own page, "
            "or paste its text instead."
        )
    text = tidy_text(extracted.text or "")
    address = address or _web_address(extracted.url or "")
    site = (extracted.sitename or "").strip() or _host(address) or (extracted.hostname or "")
    title = " ".join((extracted.title or "").split()) or first_sentence(text)
    published = _day(extracted.date)
    if published is not None and (published.month, published.day) == (1, 1):
        # A bare year in the text ("since 2011", "© 2011–2026") comes back as 1 January from
        # the search through the text; a 1 January the page's markup or address gives stands.
        again = _extract(_tree(source, markup), address, extensive=False)  # a fresh tree
        published = _day(again.date) if again is not None else None
    return Page(
        title=shorten(title, TITLE_CHARS),
        text=_cut(text, TEXT_CHARS),
        site=shorten(" ".join(site.split()), TITLE_CHARS),
        url=address,
        published_on=published,
        note="" if published else NO_PAGE_DATE,
    )


def _extract(tree: HtmlElement, address: str, *, extensive: bool) -> Extracted | None:
    """trafilatura on a parsed tree. ``favor_recall`` keeps lists and subheadings (release
    notes are lists); the furniture rule above takes the calls to action it would keep too.
    ``extensive`` lets the date be looked for in the text, not only the markup and address."""
    extracted = bare_extraction(
        tree,
        url=address or None,
        favor_recall=True,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        prune_xpath=_FURNITURE,
        date_extraction_params={
            "extensive_search": extensive,
            "original_date": True,
            "max_date": date.today().isoformat(),
        },
    )
    return extracted if isinstance(extracted, Extracted) else None


def page_item(page: Page, *, published_on: date | None = None) -> NewsItem:
    """The page as a news item; ``published_on``, when given, is the day the candidate typed
    (it wins over the day found on the page)."""
    if published_on is not None:
        try:
            check_date(published_on)
        except Invalid as exc:
            raise Invalid(exc.message, {"published_on": [exc.message]}) from exc
    day = published_on or page.published_on
    return NewsItem(
        title=page.title,
        text=page.text,
        origin=Origin.PAGE,
        source=page.site or "saved page",
        source_url=_site_root(page.url),
        link=page.url,
        published_on=day,
        note="" if day else NO_PAGE_DATE,
    )


def _tree(source: str, markup: str) -> HtmlElement:
    tree = load_html(markup)
    if tree is None:
        raise Invalid(f"{source} isn't readable HTML.")
    count = sum(1 for _ in tree.iter())
    if count > MAX_ELEMENTS:
        raise Invalid(
            f"{source} has more than {MAX_ELEMENTS:,} HTML elements, too many to read; "
            "paste the article's text instead."
        )
    return tree


def _saved_from(markup: str) -> str:
    match = _SAVED_FROM.search(markup[:4096])
    return _web_address(match.group(1)) if match else ""


def _web_address(url: str) -> str:
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    ok = parts.scheme.lower() in ("http", "https") and parts.hostname and len(url) <= URL_CHARS
    return url if ok else ""


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _site_root(url: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if in_range(day) else None


def _cut(text: str, limit: int) -> str:
    """At most about ``limit`` characters, cut after the last whole paragraph (line) that fits,
    or at a word when the first paragraph alone is longer."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind("\n")
    kept = cut[:end].rstrip() if end > 0 else shorten(cut, limit - 1).removesuffix("…")
    return f"{kept}\n…"
