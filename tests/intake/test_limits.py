"""The size limit on postings (nextround.intake.limits), for files on disk and for uploads."""

from __future__ import annotations

from pathlib import Path

import pytest

from nextround.errors import Invalid
from nextround.intake import MAX_BYTES, read_bytes, read_path
from nextround.intake.limits import Limits
from tests.intake.helpers import make_docx, make_page_tree_pdf, make_pdf


def test_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    at_limit = tmp_path / "long.txt"
    at_limit.write_bytes(b"word " * (MAX_BYTES // 5))
    # The size limit alone: the character limit would refuse this much text first.
    assert read_path(at_limit, limits=Limits(chars=MAX_BYTES)).text.startswith("word word")
    too_big = tmp_path / "huge.txt"
    too_big.write_bytes(b"word " * (MAX_BYTES // 5) + b"x")
    with pytest.raises(Invalid, match=r"^huge\.txt is larger than the 5 MB limit\.$"):
        read_path(too_big)


def test_oversized_upload_is_refused_before_parsing() -> None:
    with pytest.raises(Invalid, match="larger than the 5 MB limit"):
        read_bytes("scan.pdf", b"%PDF-" + b"\0" * MAX_BYTES)


# Hostile files of the allowed size, each refused at the limit it crosses while it is read (the
# limits are made small here so the files stay small; benchmarks/uploads.py times the real ones).


def test_pdf_claiming_too_many_pages_is_refused_before_any_page_is_read() -> None:
    data = make_pdf([["Page"]] * 4)
    with pytest.raises(Invalid, match=r"^cv\.pdf has 4 pages, more than a posting needs\. Copy"):
        read_bytes("cv.pdf", data, limits=Limits(pages=3))
    assert read_bytes("cv.pdf", data, limits=Limits(pages=4)).text.count("Page") == 4


def test_pdf_whose_page_tree_claims_fewer_pages_than_it_holds_is_stopped_at_the_limit() -> None:
    data = make_page_tree_pdf(5, count=1)
    with pytest.raises(Invalid, match=r"^lies\.pdf has more than 3 pages, more than a posting"):
        read_bytes("lies.pdf", data, limits=Limits(pages=3))
    assert read_bytes("ok.pdf", make_page_tree_pdf(3, count=3)).text == "Nurse\n\nNurse\n\nNurse"


def test_pdf_text_is_counted_while_a_page_is_read() -> None:
    data = make_pdf([[f"Line {n} of a very long posting" for n in range(40)]])
    with pytest.raises(Invalid, match=r"^long\.pdf has more than 200 characters of text, more"):
        read_bytes("long.pdf", data, limits=Limits(chars=200))


def test_pdf_page_content_is_measured_before_it_is_read() -> None:
    data = make_pdf([[f"Line {n} of the posting" for n in range(30)]] * 2)
    with pytest.raises(Invalid, match=r"^cv\.pdf has more than 1 KB of page content, more than"):
        read_bytes("cv.pdf", data, limits=Limits(pdf_content=1024))


def test_pdf_stream_inflating_past_the_limit_is_refused() -> None:
    data = make_pdf([[f"Line {n}" for n in range(30)]])  # fpdf2 compresses page content
    with pytest.raises(Invalid, match=r"^cv\.pdf holds parts too large to read safely\. Copy"):
        read_bytes("cv.pdf", data, limits=Limits(pdf_stream=100))


def test_deeply_nested_html_is_refused_before_its_tree_is_built() -> None:
    with pytest.raises(Invalid, match=r"^deep\.html has elements nested more than 200 deep"):
        read_bytes("deep.html", b"<html><body>" + b"<div>" * 100_000 + b"deep")
    nested = b"<body>" + b"<div>" * 15 + b"Nurse" + b"</div>" * 15
    assert read_bytes("ok.html", nested, limits=Limits(depth=17)).text == "Nurse"


def test_html_with_too_many_elements_is_refused() -> None:
    page = b"<html><body>" + b"<p>Dental cover</p>" * 120 + b"</body></html>"
    with pytest.raises(Invalid, match=r"^paras\.html has more than 100 elements, more than a"):
        read_bytes("paras.html", page, limits=Limits(elements=100))


def test_html_paragraphs_left_open_are_closed_not_nested() -> None:
    page = b"<html><body>" + b"<p>Dental cover" * 1_000
    text = read_bytes("open.html", page).text
    assert text.count("Dental cover") == 1_000


def test_html_text_over_the_character_limit_is_refused() -> None:
    page = b"<p>" + b"Dental cover. " * 50 + b"</p>"
    with pytest.raises(Invalid, match=r"^paras\.htm has more than 500 characters of text"):
        read_bytes("paras.htm", page, limits=Limits(chars=500))


def test_docx_with_too_large_a_document_part_is_refused_before_it_is_parsed() -> None:
    data = make_docx()
    with pytest.raises(Invalid, match=r"^cv\.docx has a document part larger than 1 KB unpacked"):
        read_bytes("cv.docx", data, limits=Limits(word_xml=1024))


def test_docx_text_over_the_character_limit_is_refused() -> None:
    with pytest.raises(Invalid, match=r"^cv\.docx has more than 50 characters of text"):
        read_bytes("cv.docx", make_docx(), limits=Limits(chars=50))


@pytest.mark.parametrize("name", ["long.txt", "long.md"])
def test_text_over_the_character_limit_is_refused(name: str) -> None:
    with pytest.raises(Invalid, match=r"has more than 100 characters of text"):
        read_bytes(name, b"- Dental cover\n" * 10, limits=Limits(chars=100))


def test_reading_stops_at_the_time_limit() -> None:
    data = make_pdf([["Page one"], ["Page two"]])
    with pytest.raises(Invalid, match=r"^slow\.pdf took more than 0 seconds of work to read"):
        read_bytes("slow.pdf", data, limits=Limits(seconds=0))
