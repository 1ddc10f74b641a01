"""`nextround brief`: Markdown by default, the page's HTML, a PDF to a file; bad input refused."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone
from pypdf import PdfReader

from nextround.interviews.models import Round
from nextround.workspace import demo
from tests.conftest import import_extra


def _final(user: User) -> Round:
    opportunity, _ = demo.demo_load(owner=user, now=timezone.now())
    return opportunity.rounds.get(is_final=True)


def test_brief_prints_markdown_and_writes_html(
    ok: Callable[..., str], user: User, tmp_path: Path
) -> None:
    final = _final(user)
    text = ok("brief", str(final.pk))
    assert text.startswith("# Second round (final): Senior Operations Analyst")
    assert "## The people" in text and "### Maya Okafor" in text
    said = ok("brief", str(final.pk), "--format", "html", "-o", str(tmp_path / "b.html"))
    assert said.startswith(f"Wrote {tmp_path / 'b.html'}")
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<style>" in html and "Maya Okafor" in html


def test_brief_writes_a_pdf(ok: Callable[..., str], user: User, tmp_path: Path) -> None:
    import_extra("weasyprint", "pdf")
    final = _final(user)
    ok("brief", str(final.pk), "--format", "pdf", "-o", str(tmp_path / "b.pdf"))
    reader = PdfReader(io.BytesIO((tmp_path / "b.pdf").read_bytes()))
    assert "Logistics" in reader.pages[0].extract_text()


def test_brief_refuses_bad_input(bad: Callable[..., str], user: User, tmp_path: Path) -> None:
    final = _final(user)
    assert "add -o FILE" in bad("brief", str(final.pk), "--format", "pdf")
    assert "No round with id 999999" in bad("brief", "999999")
    assert bad("brief", str(final.pk), "--format", "docx")
    assert bad("brief", str(final.pk), "-o", str(tmp_path / "missing" / "b.md"))
