"""The brief's three renderings carry the same text; the PDF is tagged with its fonts embedded;
no heading, label or table header ends a printed page."""

from __future__ import annotations

import io
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from nextround.brief import documents, selectors
from nextround.briefing import Brief, Entry, Line, Part, Section, Table
from nextround.briefing.pdf import render
from nextround.interviews.models import Round
from tests.brief.helpers import html_brief_text, last_text_tags, pdf_text, words
from tests.conftest import import_extra

HEADINGS = {"h1", "h2", "h3", "h4", "th", "dt"}


def test_html_pdf_and_markdown_hold_the_same_words(client: Client, final_round: Round) -> None:
    import_extra("weasyprint", "pdf")
    now = timezone.now()
    brief = selectors.round_brief(round_=final_round, now=now)
    markdown = words(documents.brief_markdown(brief))
    in_pdf = words(" ".join(pdf_text(documents.brief_pdf(brief))))
    page = client.get(f"/rounds/{final_round.pk}/brief/")
    in_html = words(html_brief_text(page.content.decode()))
    assert len(markdown) > 1500  # the demo's brief, every section but research filled
    assert "dwell" in markdown and "okafor" in markdown and "112" in markdown
    # Same words, same number of times each (the PDF reads tables and labels in layout order).
    assert Counter(in_pdf) == Counter(markdown)
    assert in_html == markdown


def test_the_pdf_is_tagged_with_its_language_title_and_embedded_fonts(final_round: Round) -> None:
    import_extra("weasyprint", "pdf")
    brief = selectors.round_brief(round_=final_round, now=timezone.now())
    reader = PdfReader(io.BytesIO(documents.brief_pdf(brief)))
    root: Any = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert reader.metadata is not None and reader.metadata.title == brief.title
    fonts = {}
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for name, ref in resources["/Font"].items():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[name] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts


def _long_brief(lines: int) -> Brief:
    """A brief whose first section is ``lines`` long, so the headings after it fall at every
    height of the page as ``lines`` grows."""
    filler = "A line of logistics long enough to wrap once on an A4 page of the brief. " * 2
    rows = tuple((f"Need {i}", "must-have", "“Dock scheduling trial”") for i in range(12))
    entries = tuple(
        Entry(f"Question {i}?", ("behavioral",), (Line("Story to land", filler),)) for i in range(6)
    )
    return Brief(
        title="A long brief",
        subtitle="For the layout test",
        sections=(
            Section("logistics", "Logistics", "", (Part(lines=(Line("Note", filler),) * lines),)),
            Section(
                "needs",
                "The job's needs",
                "",
                (
                    Part(title="Questions", entries=entries),
                    Part(title="Needs", table=Table(("Need", "Kind", "Proof"), rows)),
                ),
            ),
        ),
    )


def _page_ends(brief: Brief, extra_css: str = "") -> list[str]:
    html = documents.brief_html_document(brief)
    return last_text_tags(
        render(html, "about:blank", stylesheets=(*documents.stylesheets(), extra_css))
    )


# Sections flowing on instead of starting a page, so that every heading (the sections' too)
# comes to the foot of a page at some length of the first section.
FLOW = ".brief-section { break-before: auto !important; }"
LENGTHS = range(22, 60, 4)


@pytest.mark.django_db
@pytest.mark.parametrize("extra_css", ["", FLOW], ids=["a-page-per-section", "flowing"])
def test_no_heading_label_or_table_header_ends_a_page(extra_css: str) -> None:
    import_extra("weasyprint", "pdf")
    ends = [tag for n in LENGTHS for tag in _page_ends(_long_brief(n), extra_css)]
    assert len(ends) > 30  # pages enough for every height to have come up
    assert not HEADINGS & set(ends), Counter(ends)


@pytest.mark.django_db
def test_the_layout_check_finds_a_heading_left_alone_without_the_print_rules() -> None:
    import_extra("weasyprint", "pdf")
    loose = (
        FLOW + "h1, h2, h3, h4, dt, thead, .brief-entry .badges { break-after: auto !important; }"
    )
    loose += ".brief-entry, tr, dd { break-inside: auto !important; }"
    ends = Counter(tag for n in LENGTHS for tag in _page_ends(_long_brief(n), loose))
    # Without them, headings of every level and labels end pages.
    assert {"h2", "h3", "h4", "dt"} <= set(ends), ends


def test_the_demo_brief_starts_each_filled_section_on_a_page(final_round: Round) -> None:
    import_extra("weasyprint", "pdf")
    brief = selectors.round_brief(round_=final_round, now=timezone.now())
    pages = pdf_text(documents.brief_pdf(brief))
    firsts = [p.split("\n", 1)[0].strip() for p in pages]
    # Filled sections open a page (the demo fills them all, company research included).
    for title in ("The people", "Carried forward", "Likely questions", "Company research", "Money"):
        assert title in firsts, firsts
    assert not HEADINGS & set(_page_ends(brief))


def test_file_names_name_the_company_and_round(final_round: Round) -> None:
    assert documents.file_name(final_round, "pdf") == "tidewater-freight-round-2-brief.pdf"
    final_round.opportunity.company = "€€€"
    assert documents.file_name(final_round, "md") == "interview-round-2-brief.md"


def test_markdown_escapes_what_a_note_types(final_round: Round) -> None:
    final_round.logistics = "# Bring | two *copies*\n\nand ID"
    final_round.save()
    brief = selectors.round_brief(round_=final_round, now=timezone.now() - timedelta(days=1))
    text = documents.brief_markdown(brief)
    assert r"- **What to bring and know:** \# Bring \| two \*copies\* and ID" in text
    assert "\n\n\n" not in text
