"""Reading postings from real files and a real local HTTP server: no mocks, no database."""

from __future__ import annotations

import io
import socket
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from nextround.errors import Invalid
from nextround.intake import MAX_BYTES, Document, fetch_url, read_bytes, read_path
from nextround.intake import fetch as documents  # its User-Agent carries this __version__


def assert_in_order(text: str, *parts: str) -> None:
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} missing after position {position} in:\n{text}"
        position = found + len(part)


def make_pdf(
    pages: list[list[str]], *, owner_password: str = "", user_password: str | None = None
) -> bytes:
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # the core fonts can then draw "•"
    pdf.set_font("Helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(text=line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if owner_password:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password)
    return bytes(pdf.output())


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Data Analyst", level=1)
    document.add_paragraph("Acme Health is hiring an analyst in Chicago.")
    document.add_heading("What you will do", level=2)
    document.add_paragraph("Own the weekly operations report", style="List Bullet")
    document.add_paragraph("Build dashboards for clinic managers", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Salary"
    table.cell(0, 1).text = "$90,000"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Hybrid, three days on site"
    document.add_paragraph("Apply by June 30.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


POSTING_HTML = b"""<!doctype html>
<html><head><title>Data Analyst | Acme Careers</title><meta charset="utf-8">
<style>body { color: red }</style><script>window.tracking = "secret-tracker";</script></head>
<body>
<header><a href="/">Acme logo</a><nav><a href="/jobs">All jobs</a></nav></header>
<main><article>
<header><h1>Data  Analyst</h1></header>
<p>Acme Health is hiring &amp; growing.<br>Start date: September</p>
<h2>What you&#39;ll do</h2>
<ul><li>Own the <a href="/r">weekly</a> report</li><li><p>Build dashboards</p></li></ul>
<table><tr><th>Salary</th><td>$90k</td></tr></table>
<!-- internal note -->
<form><label>Email <input name="e"></label><button>Apply now</button></form>
</article></main>
<aside>Similar jobs: Barista</aside>
<footer>Copyright Acme 2026</footer>
<noscript>Enable JavaScript</noscript>
</body></html>"""


# --- plain text and Markdown -----------------------------------------------------------------


def test_plain_text_keeps_lines_and_normalises_whitespace(tmp_path: Path) -> None:
    path = tmp_path / "posting.txt"
    text = (
        "\ufeffData Analyst\r\n\r\n\r\n\r\nAcme   Health\tChicago\r\n• Own reporting\r\n* SQL\r\n"
    )
    path.write_bytes(text.encode("utf-8"))
    document = read_path(path)
    assert document == Document(
        text="Data Analyst\n\nAcme Health Chicago\n- Own reporting\n- SQL",
        source="posting.txt",
        format="txt",
    )


def test_windows_1252_text_is_decoded() -> None:
    data = "Café – Zürich, “hybrid”".encode("cp1252")
    assert read_bytes("posting.txt", data).text == "Café – Zürich, “hybrid”"


def test_markdown_formatting_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "posting.md"
    path.write_text(
        "# Senior **Data** Analyst\n\n"
        'Acme is hiring. See [our careers site](https://acme.example/jobs "Jobs").\n'
        "![Acme logo](logo.png)We value `snake_case` names and _clear_ writing.\n\n"
        "Requirements\n------------\n\n"
        "* SQL and __Python__\n"
        "- Dashboards in `Tableau`\n\n"
        "---\n\n"
        "## Benefits ##\n\n"
        "1. Health insurance\n",
        encoding="utf-8",
    )
    document = read_path(path)
    assert document.format == "md"
    assert document.text == (
        "Senior Data Analyst\n\n"
        "Acme is hiring. See our careers site.\n"
        "We value snake_case names and clear writing.\n\n"
        "Requirements\n\n"
        "- SQL and Python\n"
        "- Dashboards in Tableau\n\n"
        "Benefits\n\n"
        "- Health insurance"
    )


# --- HTML ------------------------------------------------------------------------------------


def test_html_file_keeps_the_main_content_and_drops_page_furniture(tmp_path: Path) -> None:
    path = tmp_path / "posting.html"
    path.write_bytes(POSTING_HTML)
    document = read_path(path)
    assert document.format == "html"
    assert document.text == (
        "Data Analyst\n\n"
        "Acme Health is hiring & growing.\nStart date: September\n\n"
        "What you'll do\n\n"
        "- Own the weekly report\n"
        "- Build dashboards\n\n"
        "Salary | $90k"
    )
    for furniture in ("tracking", "All jobs", "Acme logo", "Barista", "Copyright", "Apply now"):
        assert furniture not in document.text
    assert "Acme Careers" not in document.text  # the <title> isn't added to the text


def test_html_without_main_reads_the_body_without_navigation() -> None:
    page = (
        b"<html><body><nav>Home | Jobs</nav><div role='navigation'>Menu</div>"
        b"<div><h3>Nurse</h3><ol><li>Night shifts</li><li>Weekends</li></ol></div>"
        b"<p hidden>Hidden promo</p><footer>Legal</footer></body></html>"
    )
    assert read_bytes("job.htm", page).text == "Nurse\n\n- Night shifts\n- Weekends"


def test_html_meta_charset_is_honoured() -> None:
    page = '<html><head><meta charset="iso-8859-7"></head><body><p>Αθήνα</p></body></html>'
    assert read_bytes("greek.html", page.encode("iso-8859-7")).text == "Αθήνα"


# --- PDF -------------------------------------------------------------------------------------


def test_one_page_pdf(tmp_path: Path) -> None:
    path = tmp_path / "posting.pdf"
    path.write_bytes(make_pdf([["Data Analyst", "Acme Health, Chicago", "• Own   reporting"]]))
    document = read_path(path)
    assert document.format == "pdf"
    assert document.source == "posting.pdf"
    assert document.text == "Data Analyst\nAcme Health, Chicago\n- Own reporting"


def test_two_page_pdf_keeps_page_order() -> None:
    data = make_pdf([["Page one: the role"], ["Page two: benefits", "Dental cover"]])
    text = read_bytes("posting.pdf", data).text
    assert text == "Page one: the role\n\nPage two: benefits\nDental cover"


def test_pdf_with_only_an_owner_password_opens() -> None:
    data = make_pdf([["Restricted printing only"]], owner_password="owner-secret")
    assert read_bytes("posting.pdf", data).text == "Restricted printing only"


# --- Word ------------------------------------------------------------------------------------


def test_docx_headings_bullets_and_table_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "posting.docx"
    path.write_bytes(make_docx())
    document = read_path(path)
    assert document.format == "docx"
    assert document.text == (
        "Data Analyst\n\n"
        "Acme Health is hiring an analyst in Chicago.\n\n"
        "What you will do\n\n"
        "- Own the weekly operations report\n"
        "- Build dashboards for clinic managers\n\n"
        "Salary | $90,000\n"
        "Hybrid, three days on site\n\n"
        "Apply by June 30."
    )


# --- format detection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "expected_format", "expected_start"),
    [
        ("download", lambda: make_pdf([["Sniffed PDF"]]), "pdf", "Sniffed PDF"),
        ("posting.bin", make_docx, "docx", "Data Analyst"),
        ("saved-page", lambda: POSTING_HTML, "html", "Data Analyst"),
    ],
)
def test_format_is_sniffed_when_the_name_has_no_known_suffix(
    name: str, make: Callable[[], bytes], expected_format: str, expected_start: str
) -> None:
    document = read_bytes(name, make())
    assert document.format == expected_format
    assert document.text.startswith(expected_start)


def test_declared_content_type_is_used_when_the_name_says_nothing() -> None:
    document = read_bytes("blob", b"# Role\n\n**Bold** claim", content_type="text/markdown")
    assert (document.format, document.text) == ("md", "Role\n\nBold claim")


# --- bad files -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.pdf", "empty.docx"])
def test_empty_file_has_no_readable_text(name: str) -> None:
    with pytest.raises(Invalid, match=rf"^{name} has no readable text: the file is empty\.$"):
        read_bytes(name, b"")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("blank.txt", b"  \r\n\t\n   \n"),
        ("blank.md", b"\n\n---\n\n![only an image](x.png)\n"),
        ("blank.html", b"<html><body><script>x()</script><nav>Menu</nav></body></html>"),
    ],
)
def test_file_without_words_has_no_readable_text(name: str, data: bytes) -> None:
    with pytest.raises(Invalid, match=rf"^{name} has no readable text\.$"):
        read_bytes(name, data)


def test_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    at_limit = tmp_path / "long.txt"
    at_limit.write_bytes(b"word " * (MAX_BYTES // 5))
    assert read_path(at_limit).text.startswith("word word")
    too_big = tmp_path / "huge.txt"
    too_big.write_bytes(b"word " * (MAX_BYTES // 5) + b"x")
    with pytest.raises(Invalid, match=r"^huge\.txt is larger than the 5 MB limit\.$"):
        read_path(too_big)


def test_oversized_upload_is_refused_before_parsing() -> None:
    with pytest.raises(Invalid, match="larger than the 5 MB limit"):
        read_bytes("scan.pdf", b"%PDF-" + b"\0" * MAX_BYTES)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"this is not a pdf at all", id="garbage"),
        pytest.param(make_pdf([["Cut short"]])[:400], id="truncated"),
    ],
)
def test_damaged_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(Invalid, match=r"^posting\.pdf isn't a readable PDF: it may be damaged"):
        read_bytes("posting.pdf", data)


def test_password_protected_pdf_is_refused() -> None:
    data = make_pdf([["Secret"]], owner_password="owner", user_password="reader")
    with pytest.raises(Invalid, match=r"^locked\.pdf is password-protected\. Remove the password"):
        read_bytes("locked.pdf", data)


def test_pdf_without_text_is_reported_as_a_scan() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    with pytest.raises(Invalid, match="has no readable text: it looks like a scanned image") as e:
        read_bytes("scan.pdf", bytes(pdf.output()))
    assert "paste it instead" in e.value.message


def test_zip_that_is_not_a_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(Invalid, match=r"^cv\.docx isn't a Word \.docx document: it is a zip with"):
        read_bytes("cv.docx", buffer.getvalue())


def test_garbage_named_docx_is_refused() -> None:
    with pytest.raises(Invalid, match=r"isn't a Word \.docx document: it is damaged or not a zip"):
        read_bytes("cv.docx", b"definitely not a zip file")


def test_word_document_with_broken_xml_is_refused() -> None:
    source = zipfile.ZipFile(io.BytesIO(make_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            body = source.read(info)
            archive.writestr(
                info, b"<w:document><broken" if info.filename.endswith("t.xml") else body
            )
    with pytest.raises(Invalid, match=r"^cv\.docx isn't a readable Word document"):
        read_bytes("cv.docx", buffer.getvalue())


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00"),
        ("resume.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"),
    ],
)
def test_unknown_format_lists_the_accepted_ones(name: str, data: bytes) -> None:
    with pytest.raises(Invalid, match=rf"^Can't read {name}: upload plain text \(\.txt\)") as e:
        read_bytes(name, data)
    for suffix in (".md", ".html", ".pdf", ".docx"):
        assert suffix in e.value.message


def test_binary_data_named_txt_is_refused() -> None:
    with pytest.raises(Invalid, match=r"^tool\.txt doesn't look like a text file"):
        read_bytes("tool.txt", b"MZ\x90\x00\x03\x00\x00\x00")


def test_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match=r"^There is no file at .*nowhere\.pdf\.$"):
        read_path(tmp_path / "nowhere.pdf")


def test_folder_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match=r"is a folder; choose a posting file inside it\.$"):
        read_path(tmp_path)


# --- fetching over HTTP ----------------------------------------------------------------------

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
