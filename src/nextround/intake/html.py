"""HTML to blocks: the page's own content (``<main>``, the largest ``<article>``), without
navigation, banners, scripts or hidden elements."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from bs4.exceptions import ParserRejectedMarkup
from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from nextround.errors import Invalid
from nextround.intake.blocks import SPACES, Block, Kind
from nextround.intake.limits import Budget

_CHUNK = 64 * 1024
# The text is decoded already, so an XML declaration says nothing more; left in, it makes bs4
# warn that the page may be XML read as HTML when its first element isn't <html>.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


class _Soup(BeautifulSoup):
    """A page whose whole text is a web address or a file name is still a page (its text is that
    address): bs4's warning that the caller may have meant to open it would only be noise, and
    a global warnings filter would change every thread's warnings."""

    @classmethod
    def _markup_is_url(cls, markup: object) -> bool:
        return False

    @classmethod
    def _markup_resembles_filename(cls, markup: object) -> bool:
        return False


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


def html_blocks(source: str, markup: str, budget: Budget | None = None) -> list[Block]:
    budget = budget or Budget(source)
    markup = _XML_DECLARATION.sub("", markup, count=1)
    _check_shape(markup, budget)
    try:
        soup = _Soup(markup, "lxml")
    except ParserRejectedMarkup as exc:
        raise Invalid(f"{source} isn't readable HTML: the parser gave up on its markup.") from exc
    for element in soup.find_all(_droppable):
        if not element.decomposed:  # an earlier match may have contained it
            element.decompose()
    walker = _HtmlWalker(budget)
    try:
        for root in _html_roots(soup):
            blocks = walker.run(root)
            if any(text.strip() for _, text in blocks):
                return blocks
    except RecursionError as exc:
        raise budget.over("is nested too deeply to read") from exc
    return []


def _check_shape(markup: str, budget: Budget) -> None:
    """Count the elements and their nesting in a streaming pass of the same parser (lxml, which
    closes ``<p>`` and ``<li>`` the way browsers do) before any tree of them is built, stopping
    at the first limit crossed."""
    limits = budget.limits
    parser = etree.HTMLPullParser(events=("start", "end"))
    depth = elements = 0
    for start in range(0, len(markup), _CHUNK):
        try:
            parser.feed(markup[start : start + _CHUNK])
        except etree.LxmlError:
            return  # what lxml can't parse, bs4 reports (or reads) on its own
        for event, _ in parser.read_events():
            if event == "end":
                depth -= 1
                continue
            depth += 1
            elements += 1
            if depth > limits.depth:
                raise budget.over(f"has elements nested more than {limits.depth:,} deep")
            if elements > limits.elements:
                raise budget.over(f"has more than {limits.elements:,} elements")
        budget.check_time()


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

    def __init__(self, budget: Budget) -> None:
        self._budget = budget
        self._blocks: list[Block] = []
        self._buffer: list[str] = []
        self._kinds: list[Kind] = ["para"]
        self._in_pre = 0

    def run(self, root: Tag) -> list[Block]:
        self._blocks, self._buffer, self._kinds, self._in_pre = [], [], ["para"], 0
        self._walk(root)
        self._flush()
        return self._blocks

    def _walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                self._element(child)
            elif type(child) is NavigableString:  # not comments, doctypes, CDATA
                self._budget.add_text(child)
                self._buffer.append(str(child) if self._in_pre else SPACES.sub(" ", child))

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
        self._budget.check_time()
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

    def _kind_of(self, name: str) -> Kind | None:
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
