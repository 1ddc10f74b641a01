"""Fetching postings from a real local HTTP server (nextround.intake.fetch): redirects, status
codes, charsets, content types, size limits and time-outs. No mocks."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nextround.errors import Invalid
from nextround.intake import fetch as documents  # its User-Agent carries this __version__
from nextround.intake import fetch_url
from tests.intake.helpers import POSTING_HTML, make_pdf


def assert_in_order(text: str, *parts: str) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing after position {position} in:\n{text}"
        position = found + len(part)


Route = tuple[int, dict[str, str], bytes]


class _Handler(BaseHTTPRequestHandler):
    server: _PostingServer

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/agent":
            agent = self.headers.get("User-Agent", "").encode()
            status, headers, body = 200, {"Content-Type": "text/plain"}, agent
        else:
            status, headers, body = self.server.routes.get(self.path, (404, {}, b"Not here"))
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout test)
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


class _PostingServer(ThreadingHTTPServer):
    routes: dict[str, Route]


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = _PostingServer(("127.0.0.1", 0), _Handler)
    html = {"Content-Type": "text/html; charset=utf-8"}
    server.routes = {
        "/jobs/42": (200, html, POSTING_HTML),
        "/j/42": (301, {"Location": "/jobs/42"}, b""),
        "/to-ftp": (302, {"Location": "ftp://127.0.0.1/posting.txt"}, b""),
        "/gone": (404, html, b"<h1>Not found</h1>"),
        "/crash": (500, html, b"<h1>Oops</h1>"),
        "/plain": (200, {"Content-Type": "text/plain; charset=koi8-r"}, "Москва".encode("koi8-r")),
        "/posting.pdf": (200, {"Content-Type": "application/pdf"}, make_pdf([["Served PDF"]])),
        "/download": (
            200,
            {"Content-Type": "application/octet-stream"},
            make_pdf([["Octet PDF"]]),
        ),
        "/logo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n\x00\x00"),
        # Declares a large body but sends little: only the header check can refuse it.
        "/claims-big": (200, {"Content-Type": "text/plain", "Content-Length": "9000"}, b"tiny"),
        "/big": (200, {"Content-Type": "text/plain"}, b"b" * 5000),  # no Content-Length
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetched_page_keeps_main_content(site: str) -> None:
    document = fetch_url(f"{site}/jobs/42")
    assert (document.source, document.format) == (f"{site}/jobs/42", "html")
    assert_in_order(document.text, "Data Analyst", "hiring & growing", "- Own the weekly report")
    for furniture in ("secret-tracker", "All jobs", "Copyright", "Barista"):
        assert furniture not in document.text


def test_redirect_is_followed_and_source_is_the_final_address(site: str) -> None:
    document = fetch_url(f"{site}/j/42")
    assert document.source == f"{site}/jobs/42"
    assert document.text.startswith("Data Analyst\n")


def test_redirect_away_from_the_web_is_refused(site: str) -> None:
    with pytest.raises(Invalid, match=r"^Only http:// and https:// addresses can be fetched"):
        fetch_url(f"{site}/to-ftp")


@pytest.mark.parametrize(("path", "status"), [("/gone", "404 Not Found"), ("/crash", "500")])
def test_http_error_status_is_reported(site: str, path: str, status: str) -> None:
    with pytest.raises(Invalid, match=rf"^Couldn't fetch .*{path}: the server answered {status}"):
        fetch_url(f"{site}{path}")


def test_plain_text_page_uses_the_header_charset(site: str) -> None:
    document = fetch_url(f"{site}/plain")
    assert (document.text, document.format) == ("Москва", "txt")


@pytest.mark.parametrize(
    ("path", "text"), [("/posting.pdf", "Served PDF"), ("/download", "Octet PDF")]
)
def test_pdf_is_read_from_its_content_type_or_its_bytes(site: str, path: str, text: str) -> None:
    document = fetch_url(f"{site}{path}")
    assert (document.text, document.format) == (text, "pdf")


def test_unreadable_content_type_is_refused(site: str) -> None:
    with pytest.raises(Invalid, match=r"logo\.png returned image/png; nextround reads plain text"):
        fetch_url(f"{site}/logo.png")


def test_user_agent_names_nextround(site: str) -> None:
    agent = fetch_url(f"{site}/agent").text
    # documents imports the package version without re-exporting it.
    assert agent.startswith(f"nextround/{documents.__version__} ")  # type: ignore[attr-defined]


def test_declared_oversized_body_is_refused_before_reading(site: str) -> None:
    with pytest.raises(Invalid, match=r"/claims-big is larger than the 4 KB limit\.$"):
        fetch_url(f"{site}/claims-big", max_bytes=4096)


def test_body_over_the_limit_is_refused_while_reading(site: str) -> None:
    with pytest.raises(Invalid, match=r"/big is larger than the 4 KB limit\.$"):
        fetch_url(f"{site}/big", max_bytes=4096)
    assert fetch_url(f"{site}/big", max_bytes=5000).text == "b" * 5000


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/job.txt", "javascript:alert(1)", "acme.com"]
)
def test_only_web_addresses_are_fetched(url: str) -> None:
    with pytest.raises(Invalid, match=r"^Only http:// and https:// addresses can be fetched"):
        fetch_url(url)


def test_refused_connection_is_reported() -> None:
    with socket.socket() as probe:  # find a port, then close it so nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(Invalid, match="the connection was refused"):
        fetch_url(f"http://127.0.0.1:{port}/jobs")


def test_slow_server_times_out(site: str) -> None:
    with pytest.raises(Invalid, match=r"/slow: no answer within 0\.2 seconds\.$"):
        fetch_url(f"{site}/slow", timeout=0.2)
