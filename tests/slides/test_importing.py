"""Slides read from files the tests make: a .pptx with python-pptx, a PDF with fpdf2."""

from __future__ import annotations

import io

import pytest
from fpdf import FPDF
from pptx import Presentation
from pptx.util import Inches

from nextround.errors import Invalid
from nextround.slides.importing import slides_from_file


def _pptx() -> bytes:
    deck = Presentation()
    title_and_content = deck.slide_layouts[1]
    first = deck.slides.add_slide(title_and_content)
    first.shapes.title.text = "Why waits grew"
    first.placeholders[1].text = "Arrivals up 3%\nDischarges later in the day"
    first.notes_slide.notes_text_frame.text = "Start with the chart of the last six months."
    second = deck.slides.add_slide(deck.slide_layouts[5])  # title only
    second.shapes.title.text = "What we change"
    table = second.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1)).table
    table.cell(0, 0).text = "Step"
    table.cell(0, 1).text = "Owner"
    table.cell(1, 0).text = "Discharge lounge"
    table.cell(1, 1).text = "Ward sister"
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _pdf(pages: list[list[str]]) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=14)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pptx_slides_keep_title_text_and_notes() -> None:
    first, second = slides_from_file("deck.PPTX", _pptx())
    assert first.title == "Why waits grew"
    assert first.text.splitlines() == ["Arrivals up 3%", "Discharges later in the day"]
    assert first.notes == "Start with the chart of the last six months."
    assert second.title == "What we change"
    assert second.text.splitlines() == ["Step | Owner", "Discharge lounge | Ward sister"]
    assert second.notes == ""


def test_pdf_pages_become_slides_with_the_first_line_as_title() -> None:
    slides = slides_from_file(
        "deck.pdf", _pdf([["The problem", "Waits up 12 points"], ["The plan", "Three steps"]])
    )
    assert [(s.title, s.text) for s in slides] == [
        ("The problem", "Waits up 12 points"),
        ("The plan", "Three steps"),
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("deck.pptx", b"not a zip", "damaged or not a zip"),
        ("deck.pdf", b"%PDF-1.4 broken", "readable PDF"),
        ("deck.key", b"whatever", ".pptx or a PDF"),
    ],
)
def test_unreadable_files_are_refused_clearly(name: str, data: bytes, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        slides_from_file(name, data)
