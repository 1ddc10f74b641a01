"""The brief's page, its PDF and Markdown downloads, the link from the round page, and what the
page says without the pdf extra."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nextround.brief import views
from nextround.briefing import pdf
from nextround.interviews.models import Round
from tests.brief.helpers import grow
from tests.conftest import import_extra


def test_the_round_page_links_to_its_brief(client: Client, final_round: Round) -> None:
    page = client.get(f"/rounds/{final_round.pk}/").content.decode()
    assert f'href="/rounds/{final_round.pk}/brief/"' in page


def test_the_page_offers_the_pdf_and_the_markdown_and_a_print_stylesheet(
    client: Client, final_round: Round
) -> None:
    import_extra("weasyprint", "pdf")
    page = client.get(f"/rounds/{final_round.pk}/brief/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="/rounds/{final_round.pk}/brief.pdf"' in html
    assert f'href="/rounds/{final_round.pk}/brief.md"' in html
    assert "/static/brief/brief.css" in html
    assert html.count('class="brief-section') == 8
    assert "Add company facts, terms and news on the research page." not in html  # filled
    assert "A refrigerated trailer" in html  # a confirmed term of the demo
    assert "Save as PDF" not in html


def test_the_page_reads_each_record_once_however_much_there_is(
    client: Client, final_round: Round, user: User
) -> None:
    """The demo fills every section; grown, the page reads no more: one query per kind of
    record (each reader's own), whatever the number of rounds, people, notes and stories."""
    url = f"/rounds/{final_round.pk}/brief/"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    grow(final_round.opportunity, final_round, user)
    assert count() == before == 26


def test_without_the_extra_the_page_says_how_to_print_it(
    client: Client, final_round: Round, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "pdf_available", lambda: False)
    html = client.get(f"/rounds/{final_round.pk}/brief/").content.decode()
    assert "brief.pdf" not in html
    assert "choose “Save as PDF” as the printer" in html
    assert "<code>pip install 'nextround[pdf]'</code>" in html


def test_the_pdf_downloads_with_its_name(client: Client, final_round: Round) -> None:
    import_extra("weasyprint", "pdf")
    answer = client.get(f"/rounds/{final_round.pk}/brief.pdf")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    assert answer["Content-Disposition"] == (
        'attachment; filename="tidewater-freight-round-2-brief.pdf"'
    )


def test_without_weasyprint_the_pdf_answers_how_to_install_it(
    client: Client, final_round: Round, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "weasyprint", None)
    pdf._weasyprint.cache_clear()
    try:
        answer = client.get(f"/rounds/{final_round.pk}/brief.pdf")
    finally:
        pdf._weasyprint.cache_clear()
    assert answer.status_code == 400
    assert "pip install &#x27;nextround[pdf]&#x27;" in answer.content.decode()


def test_the_markdown_downloads_as_text(client: Client, final_round: Round) -> None:
    answer = client.get(f"/rounds/{final_round.pk}/brief.md")
    assert answer["Content-Type"] == "text/markdown; charset=utf-8"
    text = answer.content.decode()
    assert text.startswith("# Second round (final): Senior Operations Analyst at Tidewater")
    research = text.split("\n## Company research\n", 1)[1].split("\n## ", 1)[0]
    assert "400 regional shippers" in research and "reefer" in research
    assert "\n| Figure | Amount | Said in |\n|---|---|---|\n" in text


@pytest.mark.parametrize("suffix", ["brief/", "brief.pdf", "brief.md"])
def test_someone_else_s_round_is_not_found(
    client: Client, final_round: Round, other_user: User, suffix: str
) -> None:
    client.force_login(other_user)
    assert client.get(f"/rounds/{final_round.pk}/{suffix}").status_code == 404
    assert client.post(f"/rounds/{final_round.pk}/{suffix}").status_code in {403, 405}
