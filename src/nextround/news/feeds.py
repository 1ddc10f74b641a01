"""RSS (0.9x, 1.0, 2.0) and Atom feeds read with feedparser, from bytes our guarded fetcher
brought back. feedparser never sees an address it could open: it is handed a byte stream, and
the feed's own address goes in as a response header so relative links resolve against it."""

from __future__ import annotations

import io
import time
import xml.sax
from collections.abc import Collection, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import msgspec
from bs4 import BeautifulSoup
from feedparser.exceptions import (
    CharacterEncodingOverride,
    CharacterEncodingUnknown,
    NonXMLContentType,
)

from nextround.errors import Invalid
from nextround.intake.decode import parse_content_type
from nextround.intake.fetch import DEADLINE, fetch_bytes
from nextround.intake.limits import MAX_BYTES
from nextround.news.items import (
    SUMMARY_CHARS,
    TITLE_CHARS,
    URL_CHARS,
    NewsItem,
    Origin,
    first_sentence,
    shorten,
)
from nextround.timeutil import in_range

#: What a feed's address is asked for: the feed types first, any XML next, then anything.
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
#: Items kept from one feed: newest-first feeds put what matters at the top.
MAX_ITEMS = 200

NO_FEED_DATE = "No date: the feed gives none for this item; type the day it was published."


class Feed(msgspec.Struct, frozen=True):
    """A feed's name, its address (after redirects), the site it belongs to, its items in the
    feed's order, and ``problem``: what was wrong with a feed read anyway ("" when nothing)."""

    title: str
    url: str
    site: str
    items: tuple[NewsItem, ...]
    problem: str = ""


def fetch_feed(
    url: str,
    *,
    allow_hosts: Collection[str] = (),
    deadline: float = DEADLINE,
    max_bytes: int = MAX_BYTES,
) -> Feed:
    """Fetch a feed through the guarded fetcher (http(s) only, public addresses unless a host is
    in ``allow_hosts``, one deadline, a size limit) and read it."""
    fetched = fetch_bytes(
        url, deadline=deadline, max_bytes=max_bytes, allow_hosts=allow_hosts, accept=ACCEPT
    )
    return parse_feed(fetched.data, fetched.url, content_type=fetched.content_type)


def parse_feed(data: bytes, url: str, *, content_type: str = "") -> Feed:
    """Read a feed's bytes. ``url`` is where they came from: links are made absolute against it
    and it names the source. A feed with a fault but with items keeps its items and says what
    was wrong in ``problem``; one with nothing usable raises ``Invalid`` ("… is not a feed: …").
    """
    if not data.strip():
        raise Invalid(f"{url} is not a feed: it is empty.")
    headers: dict[str, str] = {"content-location": url}
    mime, charset = parse_content_type(content_type)
    # feedparser takes the charset from here, then from the XML declaration; a saved file or a
    # server that says nothing is taken as XML, which it must be to be a feed.
    declared = mime or "application/xml"
    headers["content-type"] = f"{declared}; charset={charset}" if charset else declared
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    channel: Mapping[str, Any] = parsed.get("feed", {})
    entries: list[Mapping[str, Any]] = list(parsed.get("entries", []))
    fault = _fault(parsed.get("bozo_exception")) if parsed.get("bozo") else ""
    recognised = bool(parsed.get("version"))
    if not entries and (fault or not recognised):
        raise Invalid(f"{url} is not a feed: {fault or _not_a_feed_reason(data, mime)}.")
    title = _plain(str(channel.get("title", "")), TITLE_CHARS) or _host(url)
    site = _web_link(str(channel.get("link", "")), url)
    items = tuple(
        item
        for entry in entries[:MAX_ITEMS]
        if (item := _item(entry, feed_title=title, feed_url=url)) is not None
    )
    if not items and entries:
        raise Invalid(f"{url} is not a feed: none of its items has a title, link or text.")
    problem = ""
    if fault:
        count = f"{len(items)} item{' was' if len(items) == 1 else 's were'}"
        problem = f"{count} read all the same, but the feed has a fault: {fault}."
    return Feed(title=title, url=url, site=site, items=items, problem=problem)


def _item(entry: Mapping[str, Any], *, feed_title: str, feed_url: str) -> NewsItem | None:
    link = _web_link(str(entry.get("link", "")), feed_url)
    summary = _plain(_entry_html(entry), SUMMARY_CHARS)
    title = _plain(str(entry.get("title", "")), TITLE_CHARS)
    if not title:
        title = first_sentence(summary) if summary else ""
    if not (title or link or summary):
        return None
    published = _published(entry)
    return NewsItem(
        title=title or _host(link) or feed_title,
        text=summary,
        origin=Origin.FEED,
        source=feed_title,
        source_url=feed_url,
        link=link,
        published_on=published.date() if published else None,
        published_at=published,
        note="" if published else NO_FEED_DATE,
    )


def _entry_html(entry: Mapping[str, Any]) -> str:
    """The entry's summary, or its full content when it has no summary."""
    summary = str(entry.get("summary", "") or "")
    if summary.strip():
        return summary
    for content in entry.get("content", []) or []:
        value = str(content.get("value", "") or "")
        if value.strip():
            return value
    return ""


def _published(entry: Mapping[str, Any]) -> datetime | None:
    """The entry's published time, else its updated time, as aware UTC (feedparser gives both
    as UTC ``struct_time``); None when neither is there or readable, or out of range."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                moment = datetime(*value[:6], tzinfo=UTC)
            except ValueError:
                continue
            if in_range(moment):
                return moment
    return None


def _plain(markup: str, limit: int) -> str:
    """Text of a bit of HTML (or of plain text), spacing collapsed, cut at ``limit``."""
    if not markup.strip():
        return ""
    if "<" in markup or "&" in markup:
        soup = _Soup(markup, "lxml")
        for tag in soup.find_all(_BREAKS):  # a space between blocks, none around inline tags
            tag.insert_after(" ")
        text = soup.get_text()
    else:
        text = markup
    return shorten(" ".join(text.split()), limit)


class _Soup(BeautifulSoup):
    """A summary that is only an address or a file name is still text: bs4's warning that the
    caller may have meant to open it is noise (a global filter would change every thread's)."""

    @classmethod
    def _markup_is_url(cls, markup: object) -> bool:
        return False

    @classmethod
    def _markup_resembles_filename(cls, markup: object) -> bool:
        return False


_BREAKS = [
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "h1",
    "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table", "td", "th",
    "tr", "ul",
]  # fmt: skip


def _web_link(link: str, base: str) -> str:
    """The link made absolute against ``base``; "" unless it is an http(s) address."""
    link = link.strip()
    if not link:
        return ""
    try:
        absolute = urljoin(base, link)
        parts = urlsplit(absolute)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return absolute if len(absolute) <= URL_CHARS else ""


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def _fault(error: object) -> str:
    """feedparser's reason for a fault, in words a candidate can pass on to the site; "" for
    the faults that change nothing in what is read (a feed served as text/html or text/plain,
    a character set declared wrong but read right)."""
    if isinstance(error, xml.sax.SAXParseException):
        line, column = error.getLineNumber(), error.getColumnNumber()
        return f"its XML breaks at line {line}, column {column}: {error.getMessage()}"
    if isinstance(error, NonXMLContentType | CharacterEncodingOverride):
        return ""
    if isinstance(error, CharacterEncodingUnknown):
        return "its character set is unknown, so some letters may be wrong"
    text = " ".join(str(error or "").split())
    return text or "it could not be read"


def _not_a_feed_reason(data: bytes, mime: str) -> str:
    head = data[:2048].lower()
    if (
        mime in ("text/html", "application/xhtml+xml")
        or b"<html" in head
        or b"<!doctype html" in head
    ):
        return "it is a web page; give the address of its RSS or Atom feed instead"
    return "no RSS or Atom channel or items in it"
