"""News pages (nextround.news.pages): the saved pages in tests/data/pages, each with the title,
date, main-text sentence and furniture sentence written by hand in its manifest; pages fetched
from a local server through the guarded fetcher; and trafilatura never fetching anything."""

from __future__ import annotations

import threading
import tomllib
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from nextround.errors import Invalid
from nextround.news.items import TEXT_CHARS, Origin
from nextround.news.pages import (
    MAX_ELEMENTS,
    NO_PAGE_DATE,
    Page,
    fetch_page,
    load_page,
    page_item,
    read_page,
)

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
MANIFEST: list[dict[str, Any]] = tomllib.loads((PAGES / "manifest.toml").read_text("utf-8"))["page"]
LOCAL = ("127.0.0.1",)


def spaced(text: str) -> str:
    return " ".join(text.split())


def test_there_are_at_least_twenty_kinds_of_page() -> None:
    assert len(MANIFEST) >= 20
    assert len({entry["kind"] for entry in MANIFEST}) == len(MANIFEST)
    assert {entry["file"] for entry in MANIFEST} == {p.name for p in PAGES.glob("*.html")}


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_saved_page(entry: dict[str, Any]) -> None:
    page = load_page(PAGES / entry["file"])
    assert spaced(page.title) == entry["title"]
    expected_day = date.fromisoformat(entry["date"]) if entry["date"] else None
    assert page.published_on == expected_day
    assert page.note == ("" if expected_day else NO_PAGE_DATE)
    assert spaced(entry["main"]) in spaced(page.text)
    assert spaced(entry["boilerplate"]) not in spaced(page.text)


def test_lists_and_subheadings_are_kept() -> None:
    text = load_page(PAGES / "release-notes.html").text
    assert (
        "Typo tolerance is now on by default; turn it off per index with the strict setting."
        in text
    )
    assert "The bulk import endpoint accepts files up to 2 GB." in text
    assert "Deprecations" in text


def test_the_address_in_a_saved_file_is_kept() -> None:
    page = load_page(PAGES / "date-in-url-only.html")
    assert (
        page.url == "https://blog.coalbrookheat.example/2026/05/12/what-a-heat-pump-survey-checks"
    )
    assert page.site == "blog.coalbrookheat.example"  # no site name in the page: its host


def test_the_site_name_comes_from_the_page() -> None:
    assert load_page(PAGES / "news-article.html").site == "The Ledger Daily"
    assert load_page(PAGES / "blog-post.html").url == (
        "https://engineering.velloway.example/blog/route-planner-rust"  # its canonical link
    )


def test_a_copyright_year_is_not_a_date() -> None:
    # "© 2011–2026" and "started in 2011" would read as 1 January 2011.
    page = load_page(PAGES / "about-page.html")
    assert (page.published_on, page.note) == (None, NO_PAGE_DATE)


def test_a_page_dated_1_january_in_its_markup_keeps_the_date() -> None:
    page = load_page(PAGES / "held_out" / "new-year-news.html")
    assert page.published_on == date(2026, 1, 1)


def test_page_item_takes_the_date_the_candidate_types() -> None:
    page = load_page(PAGES / "careers-page.html")
    undated = page_item(page)
    assert (undated.published_on, undated.note, undated.origin) == (None, NO_PAGE_DATE, Origin.PAGE)
    typed = page_item(page, published_on=date(2026, 11, 2))
    assert (typed.published_on, typed.note) == (date(2026, 11, 2), "")
    assert (typed.title, typed.source) == ("Careers at Orrin Analytics", "Orrin Analytics")
    dated = load_page(PAGES / "blog-post.html")
    item = page_item(dated)
    assert (item.published_on, item.link, item.source_url) == (
        date(2026, 3, 14),
        "https://engineering.velloway.example/blog/route-planner-rust",
        "https://engineering.velloway.example/",
    )
    assert page_item(dated, published_on=date(2026, 3, 15)).published_on == date(2026, 3, 15)


def test_a_typed_date_out_of_range_is_refused() -> None:
    page = load_page(PAGES / "careers-page.html")
    with pytest.raises(Invalid, match=r"^1969-12-31 is out of range") as refused:
        page_item(page, published_on=date(1969, 12, 31))
    assert list(refused.value.field_errors) == ["published_on"]


def test_text_input_and_bytes_in_a_declared_charset() -> None:
    html = (PAGES / "german.html").read_text("utf-8")
    from_text = read_page(html, name="german.html")
    latin = html.replace('<meta charset="utf-8">', "").encode("iso-8859-1")
    from_bytes = read_page(latin, content_type="text/html; charset=iso-8859-1")
    assert (
        from_text.title
        == from_bytes.title
        == "Brandt Röstereien übernimmt Kaffeehaus-Kette Morgenstund"
    )
    assert "Alle 240 Beschäftigten werden übernommen." in from_bytes.text


def test_a_long_article_is_cut_at_a_paragraph() -> None:
    paragraph = "Harbourline moved another record number of containers through the port. " * 10
    body = "".join(f"<p>{n} {paragraph}</p>" for n in range(60))  # ~44,000 characters
    page = read_page(f"<html><body><article><h1>Long</h1>{body}</article></body></html>")
    assert TEXT_CHARS - len(paragraph) - 4 < len(page.text) <= TEXT_CHARS + 2
    assert page.text.endswith("port.\n…")  # a whole paragraph last, then the mark of the cut


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("   ", r"^The page is empty\.$"),
        (
            "<html><body><div class=menu><a href='/'>Home</a> <a href='/b'>Blog</a></div>"
            "<footer>Copyright Acme</footer></body></html>",
            r"^The page has no main text that could be found",
        ),
    ],
)
def test_pages_without_text(markup: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        read_page(markup)


def test_a_page_with_too_many_elements_is_refused() -> None:
    markup = "<html><body>" + "<span>x</span>" * MAX_ELEMENTS + "</body></html>"
    with pytest.raises(Invalid, match=r"more than 50,000 HTML elements"):
        read_page(markup, name="huge.html")


def test_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match=r"^There is no file at "):
        load_page(tmp_path / "nothing.html")
    with pytest.raises(Invalid, match=r"is a folder; choose a saved page"):
        load_page(tmp_path)


class _Handler(BaseHTTPRequestHandler):
    server: _PageServer

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        if self.path.startswith("/news/blog-post"):
            kind, body = "text/html; charset=utf-8", (PAGES / "blog-post.html").read_bytes()
        elif self.path == "/unlabelled":  # no Content-Type: the bytes say HTML
            kind, body = "", (PAGES / "press-release.html").read_bytes()
        elif self.path == "/report.pdf":
            kind, body = "application/pdf", b"%PDF-1.7 not really"
        else:
            kind, body = "text/plain", b"trap"
        self.send_response(200)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _PageServer(ThreadingHTTPServer):
    hits: list[str]


@pytest.fixture(scope="module")
def server() -> Iterator[_PageServer]:
    server = _PageServer(("127.0.0.1", 0), _Handler)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def site(server: _PageServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_a_fetched_page(site: str) -> None:
    page = fetch_page(f"{site}/news/blog-post?utm_source=mail", allow_hosts=LOCAL)
    assert page.url == f"{site}/news/blog-post?utm_source=mail"  # the address fetched
    assert (page.title, page.published_on, page.site) == (
        "Why we rewrote our route planner in Rust",
        date(2026, 3, 14),
        "Velloway Engineering",
    )


def test_a_fetched_page_without_a_type_is_sniffed(site: str) -> None:
    page = fetch_page(f"{site}/unlabelled", allow_hosts=LOCAL)
    assert page.published_on == date(2026, 6, 2)


def test_a_fetched_file_that_is_not_html_is_refused(site: str) -> None:
    with pytest.raises(Invalid, match=r"report\.pdf returned application/pdf; a news page is read"):
        fetch_page(f"{site}/report.pdf", allow_hosts=LOCAL)


def test_a_fetched_page_on_loopback_is_refused_unless_allowed(
    site: str, server: _PageServer
) -> None:
    with pytest.raises(Invalid, match=r"is inside this computer or a private network"):
        fetch_page(f"{site}/news/blog-post?refused")
    assert "/news/blog-post?refused" not in server.hits


def test_trafilatura_fetches_nothing(site: str, server: _PageServer) -> None:
    """Addresses everywhere a reader might follow them: the whole text, the canonical link, the
    saved-from comment, an image, a stylesheet. The server logs any request."""
    with pytest.raises(Invalid, match=r"^The page isn't readable HTML\.$"):
        read_page(f"{site}/trap/whole-text")  # a text that is only an address
    markup = f"""<!-- saved from url=(0040){site}/trap/saved-from -->
<html><head><link rel="canonical" href="{site}/trap/canonical">
<link rel="stylesheet" href="{site}/trap/style.css"><title>Trap</title></head>
<body><article><h1>Trap</h1><img src="{site}/trap/image.png">
<p>This paragraph is long enough to be read as the main text of the page by the extractor, and it
names no date at all, so nothing should be looked up anywhere.</p></article></body></html>"""
    page = read_page(markup)
    assert page.title == "Trap"
    assert [hit for hit in server.hits if hit.startswith("/trap")] == []


def test_page_is_a_plain_value() -> None:
    page = Page(title="T", text="x", site="s")
    assert (page.url, page.published_on, page.note) == ("", None, "")
