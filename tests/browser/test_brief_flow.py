"""The brief from the demo's final round: open it from the round page, print-emulate it (no
button, link bar, navigation or form printed; each filled section starts a page), and download
the PDF and read it back."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from nextround.workspace import demo
from tests.conftest import import_extra

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_open_print_and_download_the_brief(page: Page, user: User) -> None:
    import_extra("weasyprint", "pdf")
    opportunity, _ = demo.demo_load(owner=user, now=timezone.now())
    final = opportunity.rounds.get(is_final=True)

    page.goto(f"/rounds/{final.pk}/")
    page.get_by_role("link", name="Read the brief").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Second round (final): Senior Operations Analyst at Tidewater Freight"
    )
    expect(page.get_by_role("heading", name="The people", level=2)).to_be_visible()
    download_link = page.get_by_role("link", name="Download the PDF")
    expect(download_link).to_be_visible()

    page.emulate_media(media="print")
    pressable = page.locator("button, form, nav, a.button, input, select, textarea")
    assert pressable.count() > 0  # the site's header and the brief's links are there...
    for i in range(pressable.count()):
        expect(pressable.nth(i)).to_be_hidden()  # ...and none of it is printed
    expect(page.get_by_role("heading", name="Likely questions", level=2)).to_be_visible()
    breaks = page.locator(".brief-section").evaluate_all(
        "sections => sections.map(s => getComputedStyle(s).breakBefore)"
    )
    # Every section after the logistics starts a page: the demo fills them all. (An empty
    # section, one line saying what to add, follows on: tests/brief/test_documents.py.)
    assert breaks == ["auto", "page", "page", "page", "page", "page", "page", "page"]

    page.emulate_media(media="screen")
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == "tidewater-freight-round-2-brief.pdf"
    path = download.path()
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert len(reader.pages) >= 8
    assert text.startswith("Second round (final): Senior Operations Analyst at Tidewater")
    assert "Maya Okafor, Director of Operations Analytics" in text
    assert "Download" not in text and "Dashboard" not in text
