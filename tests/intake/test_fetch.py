"""Fetching postings from a real local HTTP server (nextround.intake.fetch): redirects, status
codes, charsets, content types, size limits and time-outs. No mocks."""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import quote, unquote

import pytest

from nextround.errors import Invalid
from nextround.intake import Document, fetch_bytes, fetch_url
from nextround.intake import fetch as documents  # its User-Agent carries this __version__
from nextround.intake.fetch import is_public_address
from tests.intake.helpers import POSTING_HTML, make_pdf

LOCAL = ("127.0.0.1",)


def fetch_local(url: str, **options: Any) -> Document:
    """Fetch from the test's own server, which the allow-list setting names."""
    return fetch_url(url, allow_hosts=LOCAL, **options)


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
        self.server.hits.append(self.path)
        path = self.path
        if path.startswith("/drip"):
            self._drip()
            return
        if path == "/slow":
            time.sleep(1.5)
        if path.startswith("/wait/"):  # /wait/<seconds>/<path>: that path, after a pause
            seconds, _, rest = path.removeprefix("/wait/").partition("/")
            time.sleep(float(seconds))
            path = f"/{rest}"
        if path.startswith("/to/"):  # /to/<address>: a redirect there
            status, headers, body = 302, {"Location": unquote(path[4:])}, b""
        elif path == "/agent":
            agent = self.headers.get("User-Agent", "").encode()
            status, headers, body = 200, {"Content-Type": "text/plain"}, agent
        else:
            status, headers, body = self.server.routes.get(path, (404, {}, b"Not here"))
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout test)
            pass

    def _drip(self) -> None:
        """Answer one byte every 0.2 s, for a minute: the headers too (/drip-head), or only
        the body (/drip)."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"
        if self.path == "/drip":
            self.wfile.write(head)
            head = b""
        try:
            for byte in head + b"x" * 300:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:  # the fetcher gave up, as it should
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


class _PostingServer(ThreadingHTTPServer):
    routes: dict[str, Route]
    hits: list[str]


class _PostingServer6(_PostingServer):
    address_family = socket.AF_INET6


def _routes() -> dict[str, Route]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
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


def _serve(server: _PostingServer) -> Iterator[_PostingServer]:
    server.hits = []
    server.routes = _routes()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[_PostingServer]:
    yield from _serve(_PostingServer(("127.0.0.1", 0), _Handler))


@pytest.fixture(scope="module")
def server6() -> Iterator[_PostingServer]:
    """The same site on the IPv6 loopback address."""
    yield from _serve(_PostingServer6(("::1", 0), _Handler))


@pytest.fixture(scope="module")
def site(server: _PostingServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def test_fetched_page_keeps_main_content(site: str) -> None:
    document = fetch_local(f"{site}/jobs/42")
    assert (document.source, document.format) == (f"{site}/jobs/42", "html")
    assert_in_order(document.text, "Data Analyst", "hiring & growing", "- Own the weekly report")
    for furniture in ("secret-tracker", "All jobs", "Copyright", "Barista"):
        assert furniture not in document.text


def test_redirect_is_followed_and_source_is_the_final_address(site: str) -> None:
    document = fetch_local(f"{site}/j/42")
    assert document.source == f"{site}/jobs/42"
    assert document.text.startswith("Data Analyst\n")


def test_redirect_away_from_the_web_is_refused(site: str) -> None:
    with pytest.raises(Invalid, match=r"^Only http:// and https:// addresses can be fetched"):
        fetch_local(f"{site}/to-ftp")


@pytest.mark.parametrize(("path", "status"), [("/gone", "404 Not Found"), ("/crash", "500")])
def test_http_error_status_is_reported(site: str, path: str, status: str) -> None:
    with pytest.raises(Invalid, match=rf"^Couldn't fetch .*{path}: the server answered {status}"):
        fetch_local(f"{site}{path}")


def test_plain_text_page_uses_the_header_charset(site: str) -> None:
    document = fetch_local(f"{site}/plain")
    assert (document.text, document.format) == ("Москва", "txt")


@pytest.mark.parametrize(
    ("path", "text"), [("/posting.pdf", "Served PDF"), ("/download", "Octet PDF")]
)
def test_pdf_is_read_from_its_content_type_or_its_bytes(site: str, path: str, text: str) -> None:
    document = fetch_local(f"{site}{path}")
    assert (document.text, document.format) == (text, "pdf")


def test_unreadable_content_type_is_refused(site: str) -> None:
    with pytest.raises(Invalid, match=r"logo\.png returned image/png; nextround reads plain text"):
        fetch_local(f"{site}/logo.png")


def test_user_agent_names_nextround(site: str) -> None:
    agent = fetch_local(f"{site}/agent").text
    # documents imports the package version without re-exporting it.
    assert agent.startswith(f"nextround/{documents.__version__} ")  # type: ignore[attr-defined]


def test_declared_oversized_body_is_refused_before_reading(site: str) -> None:
    with pytest.raises(Invalid, match=r"/claims-big is larger than the 4 KB limit\.$"):
        fetch_local(f"{site}/claims-big", max_bytes=4096)


def test_body_over_the_limit_is_refused_while_reading(site: str) -> None:
    with pytest.raises(Invalid, match=r"/big is larger than the 4 KB limit\.$"):
        fetch_local(f"{site}/big", max_bytes=4096)
    assert fetch_local(f"{site}/big", max_bytes=5000).text == "b" * 5000


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
        fetch_local(f"http://127.0.0.1:{port}/jobs")


def test_slow_server_times_out(site: str) -> None:
    with pytest.raises(Invalid, match=r"/slow: no complete answer within 0\.2 seconds\.$"):
        fetch_local(f"{site}/slow", deadline=0.2)


# --- addresses inside the machine or a private network (server-side request forgery) ---------

REFUSED = r"is inside this computer or a private network, and nextround fetches only public"

# Each host, and the loopback server it would reach if it were fetched ("v4", "v6", or None when
# nothing listens there: the address is refused before any connection is tried).
INSIDE = [
    ("127.0.0.1", "v4"),
    ("localhost", "v4"),
    ("LocalHost", "v4"),
    ("0.0.0.0", "v4"),  # Linux connects it to this machine
    ("127.0.0.2", None),
    ("127.1", "v4"),
    ("2130706433", "v4"),  # 127.0.0.1 as one decimal number
    ("0x7f.1", "v4"),  # … in hexadecimal
    ("0x7f000001", "v4"),
    ("017700000001", "v4"),  # … in octal
    ("0177.0.0.1", "v4"),
    ("[::ffff:127.0.0.1]", "v4"),  # IPv4-mapped IPv6
    ("[::ffff:7f00:1]", "v4"),
    ("[::1]", "v6"),
    ("[0:0:0:0:0:0:0:1]", "v6"),
    ("[::]", "v6"),
    ("10.0.0.1", None),
    ("172.16.0.1", None),
    ("172.31.255.254", None),
    ("192.168.1.1", None),
    ("169.254.169.254", None),  # the cloud metadata service
    ("100.64.0.1", None),  # shared address space (carrier-grade NAT)
    ("[fe80::1]", None),
    ("[fc00::1]", None),
    ("[fd12:3456::1]", None),
    ("224.0.0.1", None),
    ("239.255.255.250", None),
    ("[ff02::1]", None),
    ("240.0.0.1", None),
    ("255.255.255.255", None),
    ("[2002:7f00:1::]", None),  # 6to4 wrapping 127.0.0.1
    ("[64:ff9b::a00:1]", None),  # NAT64 wrapping 10.0.0.1
]


def _port(family: str | None, server: _PostingServer, server6: _PostingServer) -> int:
    return (server6 if family == "v6" else server).server_address[1]


@pytest.mark.parametrize(("host", "family"), INSIDE)
def test_addresses_inside_the_machine_are_refused(
    host: str, family: str | None, server: _PostingServer, server6: _PostingServer
) -> None:
    url = f"http://{host}:{_port(family, server, server6)}/jobs/42?{host}"
    started = time.monotonic()
    with pytest.raises(Invalid, match=rf"^Couldn't fetch .*: .* {REFUSED} web addresses"):
        fetch_url(url, deadline=5)
    assert time.monotonic() - started < 1  # refused before connecting, not timed out
    assert f"/jobs/42?{host}" not in server.hits + server6.hits


@pytest.mark.parametrize(("host", "family"), [h for h in INSIDE if h[0].lower() != "localhost"])
def test_redirects_inside_the_machine_are_refused(
    host: str, family: str | None, server: _PostingServer, server6: _PostingServer
) -> None:
    """The first address is allowed by name; where it redirects is checked again."""
    target = f"http://{host}:{_port(family, server, server6)}/jobs/42?via-{host}"
    url = f"http://localhost:{server.server_address[1]}/to/{quote(target, safe='')}"
    with pytest.raises(Invalid, match=rf"^Couldn't fetch {re.escape(url)}: .* {REFUSED}"):
        fetch_url(url, allow_hosts=["localhost"])
    assert f"/jobs/42?via-{host}" not in server.hits + server6.hits
    assert url.removeprefix(f"http://localhost:{server.server_address[1]}") in server.hits


def test_open_and_closed_ports_get_the_same_message(site: str) -> None:
    with socket.socket() as probe:  # find a port, then close it so nothing listens there
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    opened = int(site.rpartition(":")[2])
    messages = set()
    for port in (opened, closed):
        with pytest.raises(Invalid) as refused:
            fetch_url(f"http://127.0.0.1:{port}/")
        messages.add(str(refused.value).replace(str(port), "PORT"))
    assert len(messages) == 1, messages


def test_allowed_hosts_are_matched_as_written(
    server: _PostingServer, server6: _PostingServer
) -> None:
    v4, v6 = server.server_address[1], server6.server_address[1]
    assert fetch_url(f"http://LOCALHOST:{v4}/plain", allow_hosts=["localhost"]).text == "Москва"
    assert fetch_url(f"http://[::1]:{v6}/plain", allow_hosts=["0::1"]).text == "Москва"
    assert fetch_url(f"http://[::1]:{v6}/plain", allow_hosts=["[::1]"]).text == "Москва"
    for other in (f"http://2130706433:{v4}/plain", f"http://localhost:{v4}/plain"):
        with pytest.raises(Invalid, match=REFUSED):  # the same machine, written otherwise
            fetch_url(other, allow_hosts=["127.0.0.1"])


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:93.184.215.14", True),
        ("64:ff9b::5db8:d70e", True),  # NAT64 of a public address
        ("2002:5db8:d70e::1", True),  # 6to4 of a public address
        ("100.63.255.255", True),
        ("100.64.0.0", False),
        ("100.127.255.255", False),
        ("172.15.255.255", True),
        ("172.16.0.0", False),
        ("2002:c0a8:101::1", False),  # 6to4 of 192.168.1.1
        ("fec0::1", False),  # site-local, deprecated but not public
        ("::7f00:1", False),  # IPv4-compatible, deprecated
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public


# --- one deadline for the whole fetch -----------------------------------------------------------


@pytest.mark.parametrize("path", ["/drip", "/drip-head"])
def test_a_server_that_drips_its_answer_is_cut_off_at_the_deadline(site: str, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(Invalid, match=rf"{path}: no complete answer within 1 second\.$"):
        fetch_local(f"{site}{path}", deadline=1)
    assert 0.9 < time.monotonic() - started < 1.6


def test_the_deadline_counts_every_redirect(site: str) -> None:
    """Three answers of 0.4 s each: every one within the deadline, all of them over it."""
    last = f"{site}/wait/0.4/plain"
    second = f"{site}/wait/0.4/to/{quote(last, safe='')}"
    first = f"{site}/wait/0.4/to/{quote(second, safe='')}"
    assert fetch_local(last, deadline=1).text == "Москва"
    started = time.monotonic()
    with pytest.raises(Invalid, match=r"no complete answer within 1 second\.$"):
        fetch_local(first, deadline=1)
    assert time.monotonic() - started < 1.4


def test_https_addresses_are_checked_too() -> None:
    with pytest.raises(Invalid, match=rf"^Couldn't fetch https://10\.1\.2\.3/job: .* {REFUSED}"):
        fetch_url("https://10.1.2.3/job")


@pytest.fixture
def tls_drip() -> Iterator[int]:
    """A server that starts a TLS record and sends the rest of it a byte every 0.2 s."""
    listener = socket.create_server(("127.0.0.1", 0))
    done = threading.Event()

    def drip() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.sendall(b"\x16\x03\x03\x40\x00")  # a handshake record of 16 KB
            while not done.wait(0.2):
                try:
                    connection.sendall(b"\x00")
                except OSError:
                    return

    thread = threading.Thread(target=drip, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    done.set()
    listener.close()
    thread.join(2)


def test_a_tls_handshake_that_drips_is_cut_off_at_the_deadline(tls_drip: int) -> None:
    started = time.monotonic()
    with pytest.raises(Invalid, match=r"no complete answer within 1 second\.$"):
        fetch_local(f"https://127.0.0.1:{tls_drip}/job", deadline=1)
    assert time.monotonic() - started < 1.6


def test_fetch_bytes_leaves_the_reading_to_the_caller(site: str) -> None:
    fetched = fetch_bytes(f"{site}/j/42", allow_hosts=LOCAL)
    assert fetched.url == f"{site}/jobs/42"  # after the redirect
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.data == POSTING_HTML
    plain = fetch_bytes(f"{site}/plain", allow_hosts=LOCAL)
    assert plain.data == "Москва".encode("koi8-r")  # undecoded


def test_fetch_bytes_keeps_every_guard(site: str) -> None:
    with pytest.raises(Invalid, match=REFUSED):
        fetch_bytes(f"{site}/plain")  # not allowed this time
    with pytest.raises(Invalid, match=r"/big is larger than the 4 KB limit\.$"):
        fetch_bytes(f"{site}/big", max_bytes=4096, allow_hosts=LOCAL)
