"""PDF and Word postings (nextround.intake.office), built for each test with fpdf2 and python-docx:
text in page and document order, and damaged, locked, scanned or mislabelled files refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from nextround.errors import Invalid
from nextround.intake import read_bytes, read_path
from nextround.intake.limits import Limits
from tests.intake.helpers import make_docx, make_pdf


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


def test_long_word_document_is_read_within_a_small_time_limit() -> None:
    # python-docx looked each paragraph's style up among all the styles: about a millisecond a
    # paragraph of CPU, so 2,000 paragraphs ran past this limit.
    document = docx.Document()
    for number in range(2_000):
        document.add_paragraph(f"Duty {number}")
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_bytes("long.docx", buffer.getvalue(), limits=Limits(seconds=0.5)).text
    assert text.count("Duty") == 2_000
