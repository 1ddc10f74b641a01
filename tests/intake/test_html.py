"""HTML postings (nextround.intake.html): the page's own content without navigation, banners,
scripts or hidden elements."""

from __future__ import annotations

from pathlib import Path

from nextround.intake import read_bytes, read_path
from tests.intake.helpers import POSTING_HTML


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


def test_markup_html_parser_rejected_is_read() -> None:
    # Python's html.parser gave up on an unknown marked section (bs4's ParserRejectedMarkup).
    assert read_bytes("odd.html", b"<![foo bar]><p>Nurse</p>").text == "Nurse"


def test_page_that_is_only_a_web_address_is_read_without_a_warning() -> None:
    # The test suite turns warnings into errors; bs4 warned that this looks like an address.
    assert read_bytes("link.html", b"https://example.com/jobs/1").text == (
        "https://example.com/jobs/1"
    )


def test_fragment_after_an_xml_declaration_is_read_without_a_warning() -> None:
    # bs4 warned that this might be XML read as HTML (an error in the test suite).
    page = b'<?xml version="1.0" encoding="utf-8"?>\n<div><p>Nurse</p></div>'
    assert read_bytes("job.xhtml", page).text == "Nurse"
