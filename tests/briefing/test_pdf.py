"""The PDF renderer: tagged PDF/UA-1, nothing fetched from outside, and a clear message when
WeasyPrint is missing."""

from __future__ import annotations

import io
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from nextround.briefing import pdf
from nextround.errors import Invalid
from tests.conftest import import_extra

PAGE = """<!doctype html><html lang="en"><head><title>Round two</title>{head}</head>
<body><h1>Round two</h1><p>Bring photo ID.</p>{body}</body></html>"""


def test_a_pdf_is_tagged_and_reads_back() -> None:
    import_extra("weasyprint", "pdf")
    content = pdf.pdf_bytes(PAGE.format(head="", body=""), "about:blank")
    reader = PdfReader(io.BytesIO(content))
    assert reader.pages[0].extract_text().split("\n") == ["Round two", "Bring photo ID."]
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert reader.metadata is not None and reader.metadata.title == "Round two"


def test_nothing_is_fetched_from_the_network_or_the_disk(tmp_path: Path) -> None:
    import_extra("weasyprint", "pdf")
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_error(404)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        secret = tmp_path / "secret.css"
        secret.write_text("h1 { display: none; }", encoding="utf-8")
        address = f"http://127.0.0.1:{server.server_address[1]}"
        html = PAGE.format(
            head=f'<link rel="stylesheet" href="{secret.as_uri()}">',
            body=f'<img src="{address}/pixel.png" alt="">',
        )
        content = pdf.pdf_bytes(html, address + "/", stylesheets=["p { color: #333; }"])
    finally:
        server.shutdown()
        server.server_close()
    assert asked == []
    assert "Round two" in PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_without_weasyprint_the_message_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    pdf._weasyprint.cache_clear()
    try:
        with pytest.raises(Invalid, match=r"pip install 'nextround\[pdf\]'.*print it to PDF"):
            pdf.pdf_bytes("<p>x</p>", "about:blank")
    finally:
        pdf._weasyprint.cache_clear()
    monkeypatch.setattr(pdf, "find_spec", lambda name: None)
    assert pdf.pdf_available() is False
