"""The stories pages: the story bank, logging a telling, strengths and quotes, the posting and
its requirements, coverage and concerns."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, cast

import docx
import pytest
from bs4 import Tag
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from fpdf import FPDF

from nextround.fit import semantic
from nextround.interviews import services as interview_services
from nextround.interviews.models import NoteKind, Opportunity, Person, Round, RoundNote
from nextround.stories import jobs, matching, selectors, services
from nextround.stories.matching import matcher
from nextround.stories.models import (
    ConcernAnswer,
    Embedding,
    Quote,
    Story,
    Strength,
    Telling,
)
from tests.conftest import drain
from tests.prep.helpers import at_once
from tests.stories.helpers import (
    DASHBOARD,
    DEGREE_REQ,
    INVOICE_REQ,
    MORALE,
    NEGOTIATE_REQ,
    NEGOTIATION,
    POSTING,
    SIX_SIGMA_REQ,
    SQL_REQ,
    TABLEAU_REQ,
    page_text,
    ranks,
    requirement,
    soup_of,
)

if TYPE_CHECKING:  # what the test client returns, in django-stubs only
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db


def story_form(fields: dict[str, str], **changes: str) -> dict[str, str]:
    """The story form as the browser posts it: every field, blanks included."""
    data = {
        name: ""
        for name in (
            "title",
            "situation",
            "task",
            "action",
            "result",
            "numbers",
            "competencies",
            "employer",
            "happened_on",
        )
    }
    return {**data, **fields, **changes}


def squash(tag: Tag | None) -> str:
    return " ".join(cast(Tag, tag).get_text(" ").split())


@pytest.fixture
def dashboard(user: User) -> Story:
    return services.story_create(owner=user, **DASHBOARD)


@pytest.fixture
def morale(user: User) -> Story:
    return services.story_create(owner=user, **MORALE)


# --- the story bank on the web -------------------------------------------------------------


def test_story_create_redirects_to_its_page(client: Client) -> None:
    response = client.post("/stories/new/", story_form(NEGOTIATION, happened_on="2024-03-01"))
    assert response.status_code == 303
    story = Story.objects.get()
    assert response["Location"] == f"/stories/{story.pk}/"
    assert story.title == NEGOTIATION["title"]
    assert story.competency_list() == ["negotiation", "cost control"]
    assert story.happened_on is not None and story.happened_on.isoformat() == "2024-03-01"


def test_story_without_title_is_a_400_and_saves_nothing(client: Client) -> None:
    response = client.post("/stories/new/", story_form(NEGOTIATION, title=""))
    assert response.status_code == 400
    assert "This field is required." in page_text(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert Story.objects.count() == 0


def test_story_edit_saves_and_redirects(client: Client, morale: Story) -> None:
    before = morale.updated_at
    response = client.post(
        f"/stories/{morale.pk}/edit/",
        story_form(MORALE, result="Complaints fell from 12 a month to 2."),
    )
    assert response.status_code == 303
    assert response["Location"] == f"/stories/{morale.pk}/"
    morale.refresh_from_db()
    assert morale.result == "Complaints fell from 12 a month to 2."
    assert morale.updated_at > before


def test_story_edit_without_title_keeps_the_story(client: Client, morale: Story) -> None:
    response = client.post(f"/stories/{morale.pk}/edit/", story_form(MORALE, title=""))
    assert response.status_code == 400
    assert "This field is required." in page_text(response)
    morale.refresh_from_db()
    assert morale.title == MORALE["title"]


def test_story_delete_asks_first_then_deletes(
    client: Client, negotiation: Story, rounds: list[Round]
) -> None:
    services.telling_record(story=negotiation, round_=rounds[0])
    confirm = client.get(f"/stories/{negotiation.pk}/delete/")
    assert confirm.status_code == 200
    assert Story.objects.filter(pk=negotiation.pk).exists()
    response = client.post(f"/stories/{negotiation.pk}/delete/")
    assert response.status_code == 303
    assert response["Location"] == "/stories/"
    assert not Story.objects.filter(pk=negotiation.pk).exists()
    assert Telling.objects.count() == 0


def test_story_page_shows_the_analysis(client: Client, morale: Story) -> None:
    text = page_text(client.get(f"/stories/{morale.pk}/"))
    assert MORALE["result"] in text
    assert "Result quantified: no number yet" in text
    assert "Put a number on the result" in text
    assert "Not told yet." in text


def test_story_page_with_a_figure_has_no_number_suggestion(
    client: Client, negotiation: Story
) -> None:
    text = page_text(client.get(f"/stories/{negotiation.pk}/"))
    assert "Result quantified: yes" in text
    assert "no number yet" not in text
    assert "Put a number on the result" not in text


def test_story_page_lists_where_it_was_told(
    client: Client, negotiation: Story, rounds: list[Round]
) -> None:
    services.telling_record(story=negotiation, round_=rounds[0])
    text = page_text(client.get(f"/stories/{negotiation.pk}/"))
    assert "First round — Operations Analyst at Northwind Health" in text
    assert "to Dana Ortiz, Director of Operations" in text
    assert "Not told yet." not in text


def test_story_list_shows_score_number_badge_and_times_told(
    client: Client, negotiation: Story, morale: Story, rounds: list[Round]
) -> None:
    services.telling_record(story=negotiation, round_=rounds[0])
    services.telling_record(story=negotiation, round_=rounds[1])
    rows = soup_of(client.get("/stories/")).select("tbody tr")
    by_title = {squash(row.select_one("td a")): row for row in rows}
    assert set(by_title) == {NEGOTIATION["title"], MORALE["title"]}
    told = {t: squash(r.find_all("td")[4]) for t, r in by_title.items()}
    assert told == {NEGOTIATION["title"]: "2×", MORALE["title"]: "0×"}
    quantified = {t: squash(r.find_all("td")[3]) for t, r in by_title.items()}
    assert quantified == {NEGOTIATION["title"]: "yes", MORALE["title"]: "no number"}
    score = selectors.story_report(morale).score
    assert squash(by_title[MORALE["title"]].find_all("td")[1]) == str(score)


def test_story_list_is_in_title_order(client: Client, user: User) -> None:
    titles = ["Fixed", "Expanded", "Drafted", "Cut", "Built", "Automated"]
    for title in titles:  # created in reverse alphabetical order
        services.story_create(owner=user, title=title)
    # The query itself must ask for an order; a lucky plan may sort it anyway.
    assert selectors.story_list(owner=user).ordered
    rows = soup_of(client.get("/stories/")).select("tbody tr")
    assert [squash(row.find_all("td")[0]) for row in rows] == sorted(titles)


def test_empty_story_list_invites_the_first_story(client: Client) -> None:
    assert "No stories yet." in page_text(client.get("/stories/"))


def test_analysis_fragment_for_unsaved_text_says_team(client: Client) -> None:
    response = client.post(
        "/stories/analysis/",
        {
            "title": "",
            "action": "We mapped the process, we agreed the changes and we rolled them out.",
        },
    )
    assert response.status_code == 200
    text = page_text(response)
    assert "Voice in the action: 0 × I, 3 × we (team)" in text
    assert "The action says “we” 3 times and “I” 0 times" in text
    assert "<html" not in response.content.decode()  # a fragment, not a page
    assert Story.objects.count() == 0


def test_analysis_fragment_for_first_person_text(client: Client) -> None:
    response = client.post(
        "/stories/analysis/",
        {"action": "I mapped the process, I agreed the changes and I rolled them out."},
    )
    assert "3 × I, 0 × we (first-person)" in page_text(response)


def test_someone_elses_story_is_not_found(client: Client, theirs: dict[str, Any]) -> None:
    story = theirs["story"]
    responses = [
        client.get(f"/stories/{story.pk}/"),
        client.get(f"/stories/{story.pk}/edit/"),
        client.post(f"/stories/{story.pk}/edit/", story_form({"title": "Mine now"})),
        client.get(f"/stories/{story.pk}/delete/"),
        client.post(f"/stories/{story.pk}/delete/"),
    ]
    assert [r.status_code for r in responses] == [404] * 5
    assert all("Secret merger" not in r.content.decode() for r in responses)
    story.refresh_from_db()
    assert story.title == "Secret merger"
    assert "Secret merger" not in page_text(client.get("/stories/"))


# --- logging a telling from the round page -------------------------------------------------


def test_log_a_telling_from_the_round_page(
    client: Client, negotiation: Story, rounds: list[Round], people: list[Person]
) -> None:
    response = client.post(f"/rounds/{rounds[1].pk}/stories/", {"story": negotiation.pk})
    assert response.status_code == 303
    assert response["Location"] == f"/rounds/{rounds[1].pk}/#stories"
    telling = Telling.objects.get()
    assert (telling.story, telling.round) == (negotiation, rounds[1])
    assert set(telling.people.all()) == set(people)


def test_log_a_telling_to_chosen_people(
    client: Client, negotiation: Story, rounds: list[Round], people: list[Person]
) -> None:
    response = client.post(
        f"/rounds/{rounds[1].pk}/stories/",
        {"story": negotiation.pk, "people": [people[1].pk, people[2].pk]},
    )
    assert response.status_code == 303
    assert set(Telling.objects.get().people.all()) == {people[1], people[2]}


@pytest.mark.parametrize("which", ["missing", "theirs"])
def test_log_a_bad_story_id_shows_a_message_and_saves_nothing(
    client: Client, rounds: list[Round], theirs: dict[str, Any], which: str
) -> None:
    story_id = 987654 if which == "missing" else theirs["story"].pk
    response = client.post(f"/rounds/{rounds[1].pk}/stories/", {"story": story_id}, follow=True)
    assert response.redirect_chain == [(f"/rounds/{rounds[1].pk}/#stories", 303)]
    assert "Select a valid choice" in page_text(response)
    assert Telling.objects.count() == 0


def test_log_a_bad_story_id_message_is_plain_words(client: Client, rounds: list[Round]) -> None:
    response = client.post(f"/rounds/{rounds[1].pk}/stories/", {"story": 987654}, follow=True)
    messages = soup_of(response).select_one(".messages")
    assert isinstance(messages, Tag)
    assert squash(messages) == (
        "The story was not logged: "
        "Select a valid choice. That choice is not one of the available choices."
    )


def test_log_a_telling_to_someone_not_there_saves_nothing(
    client: Client, negotiation: Story, rounds: list[Round], people: list[Person]
) -> None:
    response = client.post(
        f"/rounds/{rounds[0].pk}/stories/",
        {"story": negotiation.pk, "people": [people[1].pk]},
        follow=True,
    )
    assert "Select a valid choice" in page_text(response)
    assert Telling.objects.count() == 0


def test_log_a_telling_in_someone_elses_round_is_not_found(
    client: Client, negotiation: Story, theirs: dict[str, Any]
) -> None:
    response = client.post(f"/rounds/{theirs['round'].pk}/stories/", {"story": negotiation.pk})
    assert response.status_code == 404
    assert Telling.objects.count() == 0


# --- strengths and quotes ------------------------------------------------------------------


def strength_form(name: str, rank: int, stories: list[Story], **extra: str) -> dict[str, Any]:
    return {
        "name": name,
        "description": "",
        "rank": str(rank),
        "stories": [s.pk for s in stories],
        **extra,
    }


def test_strength_needs_a_story(client: Client, negotiation: Story) -> None:
    response = client.post("/strengths/", strength_form("Negotiation", 1, []))
    assert response.status_code == 400
    assert "Pick at least one story that shows it." in page_text(response)
    assert Strength.objects.count() == 0


def test_strength_with_a_story_is_saved(client: Client, user: User, negotiation: Story) -> None:
    response = client.post("/strengths/", strength_form("Negotiation", 1, [negotiation]))
    assert response.status_code == 303
    assert response["Location"] == "/strengths/"
    strength = Strength.objects.get()
    assert (strength.name, strength.rank, list(strength.stories.all())) == (
        "Negotiation",
        1,
        [negotiation],
    )
    assert "Proved by: " + NEGOTIATION["title"] in page_text(client.get("/strengths/"))


def test_strength_backed_by_someone_elses_story_is_refused(
    client: Client, negotiation: Story, theirs: dict[str, Any]
) -> None:
    response = client.post("/strengths/", strength_form("Negotiation", 1, [theirs["story"]]))
    assert response.status_code == 400
    assert "Select a valid choice" in page_text(response)
    assert Strength.objects.filter(name="Negotiation").count() == 0


def test_a_sixth_strength_posted_is_a_400_and_saves_nothing(
    client: Client, user: User, negotiation: Story
) -> None:
    for rank in range(1, 6):
        services.strength_save(owner=user, name=f"S{rank}", rank=rank, stories=[negotiation])
    response = client.post("/strengths/", strength_form("Sixth", 3, [negotiation]))
    assert response.status_code == 400
    assert ranks(user) == {"S1": 1, "S2": 2, "S3": 3, "S4": 4, "S5": 5}


def test_a_sixth_strength_posted_says_why(client: Client, user: User, negotiation: Story) -> None:
    for rank in range(1, 6):
        services.strength_save(owner=user, name=f"S{rank}", rank=rank, stories=[negotiation])
    response = client.post("/strengths/", strength_form("Sixth", 3, [negotiation]))
    assert "Five is the limit" in page_text(response)


def test_a_new_strength_taking_a_rank_moves_the_holder_to_a_free_one(
    client: Client, user: User, negotiation: Story
) -> None:
    services.strength_save(owner=user, name="Negotiation", rank=1, stories=[negotiation])
    services.strength_save(owner=user, name="Reporting", rank=2, stories=[negotiation])
    response = client.post("/strengths/", strength_form("Calm", 1, [negotiation]))
    assert response.status_code == 303
    assert ranks(user) == {"Calm": 1, "Reporting": 2, "Negotiation": 3}


def test_an_edited_strength_taking_a_rank_swaps_with_the_holder(
    client: Client, user: User, negotiation: Story
) -> None:
    services.strength_save(owner=user, name="Negotiation", rank=1, stories=[negotiation])
    reporting = services.strength_save(owner=user, name="Reporting", rank=4, stories=[negotiation])
    response = client.post(
        f"/strengths/{reporting.pk}/edit/", strength_form("Reporting", 1, [negotiation])
    )
    assert response.status_code == 303
    assert response["Location"] == "/strengths/"
    assert ranks(user) == {"Reporting": 1, "Negotiation": 4}


def test_only_one_differentiator(client: Client, user: User, negotiation: Story) -> None:
    first = services.strength_save(
        owner=user, name="Negotiation", rank=1, differentiator=True, stories=[negotiation]
    )
    second = services.strength_save(owner=user, name="Reporting", rank=2, stories=[negotiation])
    response = client.post(
        f"/strengths/{second.pk}/edit/",
        strength_form("Reporting", 2, [negotiation], differentiator="on"),
    )
    assert response.status_code == 303
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.differentiator, second.differentiator) == (False, True)
    items = soup_of(client.get("/strengths/")).select("ol.strengths > li")
    marked = [squash(li.find("strong")) for li in items if "differentiator" in squash(li)]
    assert marked == ["Reporting"]


def test_strength_edit_without_stories_keeps_the_old_ones(
    client: Client, user: User, negotiation: Story
) -> None:
    strength = services.strength_save(owner=user, name="A", rank=1, stories=[negotiation])
    response = client.post(f"/strengths/{strength.pk}/edit/", strength_form("Renamed", 1, []))
    assert response.status_code == 400
    assert "Pick at least one story that shows it." in page_text(response)
    strength.refresh_from_db()
    assert (strength.name, list(strength.stories.all())) == ("A", [negotiation])


def test_strength_delete(client: Client, user: User, negotiation: Story) -> None:
    strength = services.strength_save(owner=user, name="A", rank=1, stories=[negotiation])
    response = client.post(f"/strengths/{strength.pk}/delete/")
    assert response.status_code == 303
    assert response["Location"] == "/strengths/"
    assert Strength.objects.count() == 0
    assert Story.objects.filter(pk=negotiation.pk).exists()


def test_quote_add_and_delete(client: Client) -> None:
    response = client.post(
        "/strengths/quotes/", {"text": "She never drops a ball.", "who": "Dana Reyes, my manager"}
    )
    assert response.status_code == 303
    assert response["Location"] == "/strengths/#quotes"
    quote = Quote.objects.get()
    assert "“She never drops a ball.” — Dana Reyes, my manager" in page_text(
        client.get("/strengths/")
    )
    response = client.post(f"/strengths/quotes/{quote.pk}/delete/")
    assert response.status_code == 303
    assert Quote.objects.count() == 0


def test_quote_without_who_is_a_400(client: Client) -> None:
    response = client.post("/strengths/quotes/", {"text": "Great to work with.", "who": ""})
    assert response.status_code == 400
    assert "This field is required." in page_text(response)
    assert Quote.objects.count() == 0


def test_someone_elses_strengths_and_quotes_are_untouchable(
    client: Client, negotiation: Story, theirs: dict[str, Any]
) -> None:
    strength, quote = theirs["strength"], theirs["quote"]
    responses = [
        client.get(f"/strengths/{strength.pk}/edit/"),
        client.post(f"/strengths/{strength.pk}/edit/", strength_form("Mine", 1, [negotiation])),
        client.post(f"/strengths/{strength.pk}/delete/"),
    ]
    assert [r.status_code for r in responses] == [404] * 3
    client.post(f"/strengths/quotes/{quote.pk}/delete/")
    strength.refresh_from_db()
    assert strength.name == "Secrecy"
    assert Quote.objects.filter(pk=quote.pk).exists()
    page = page_text(client.get("/strengths/"))
    assert "Secrecy" not in page
    assert "Very discreet." not in page


# --- the posting ---------------------------------------------------------------------------


def posting_kinds(response: TestResponse) -> dict[str, str]:
    """Requirement text → kind, from the posting page's table."""
    rows = soup_of(response).select("#req-title ~ table tbody tr")
    return {squash(row.find_all("td")[0]): squash(row.find_all("td")[1]) for row in rows}


EXPECTED_KINDS = {
    TABLEAU_REQ: "responsibility",
    INVOICE_REQ: "responsibility",
    SQL_REQ: "must-have",
    NEGOTIATE_REQ: "must-have",
    DEGREE_REQ: "must-have",
    SIX_SIGMA_REQ: "nice-to-have",
}


def test_posting_pasted(client: Client, opportunity: Opportunity) -> None:
    url = f"/opportunities/{opportunity.pk}/posting/"
    assert posting_kinds(client.get(url)) == {}
    response = client.post(url, {"text": POSTING})
    assert response.status_code == 303
    assert response["Location"] == url
    opportunity.refresh_from_db()
    assert opportunity.posting_text == POSTING.strip()
    page = client.get(url)
    assert posting_kinds(page) == EXPECTED_KINDS
    assert "Requirements (6)" in page_text(page)


def test_posting_page_shows_the_posting_facts_apart(
    client: Client, opportunity: Opportunity
) -> None:
    url = f"/opportunities/{opportunity.pk}/posting/"
    assert "About the posting" not in page_text(client.get(url))
    text = f"{POSTING}\n**Pay:** $24 - $28 an hour\n**Job Type:** Part-time\n"
    assert client.post(url, {"text": text}).status_code == 303
    page = client.get(url)
    facts = soup_of(page).find("dl", class_="facts")
    assert isinstance(facts, Tag)
    assert [dt.get_text() for dt in facts.find_all("dt")] == ["Pay", "Employment"]
    assert [dd.get_text() for dd in facts.find_all("dd")] == ["$24–$28 an hour", "part-time"]
    assert posting_kinds(page) == EXPECTED_KINDS  # the labelled lines are no requirements


def docx_posting() -> bytes:
    document = docx.Document()
    document.add_heading("Operations Analyst", level=1)
    document.add_heading("Requirements", level=2)
    document.add_paragraph(NEGOTIATE_REQ, style="List Bullet")
    document.add_paragraph(SQL_REQ, style="List Bullet")
    document.add_heading("Nice to have", level=2)
    document.add_paragraph(SIX_SIGMA_REQ, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_posting() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("Operations Analyst", "Requirements", f"- {NEGOTIATE_REQ}", f"- {SQL_REQ}"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_posting_uploaded_as_word(client: Client, opportunity: Opportunity) -> None:
    url = f"/opportunities/{opportunity.pk}/posting/"
    upload = SimpleUploadedFile(
        "posting.docx",
        docx_posting(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response = client.post(url, {"file": upload})
    assert response.status_code == 303
    opportunity.refresh_from_db()
    assert f"- {NEGOTIATE_REQ}" in opportunity.posting_text.splitlines()
    assert posting_kinds(client.get(url)) == {
        NEGOTIATE_REQ: "must-have",
        SQL_REQ: "must-have",
        SIX_SIGMA_REQ: "nice-to-have",
    }


def test_posting_uploaded_as_pdf(client: Client, opportunity: Opportunity) -> None:
    url = f"/opportunities/{opportunity.pk}/posting/"
    upload = SimpleUploadedFile("posting.pdf", pdf_posting(), content_type="application/pdf")
    response = client.post(url, {"file": upload})
    assert response.status_code == 303
    opportunity.refresh_from_db()
    assert opportunity.posting_text.startswith("Operations Analyst")
    assert posting_kinds(client.get(url)) == {NEGOTIATE_REQ: "must-have", SQL_REQ: "must-have"}


HTML_POSTING = f"""<!doctype html>
<html><head><title>Operations Analyst</title></head>
<body><nav><a href="/">All jobs</a></nav>
<main><h1>Operations Analyst</h1><h2>Requirements</h2>
<ul><li>{NEGOTIATE_REQ}</li><li>{SQL_REQ}</li></ul></main></body></html>"""


@pytest.fixture
def job_site(html_site: Callable[[dict[str, str]], str]) -> str:
    return html_site({"/jobs/ops-analyst": HTML_POSTING})


def test_posting_fetched_from_an_address(
    client: Client, opportunity: Opportunity, job_site: str
) -> None:
    url = f"/opportunities/{opportunity.pk}/posting/"
    address = f"{job_site}/jobs/ops-analyst"
    response = client.post(url, {"url": address})
    assert response.status_code == 303
    opportunity.refresh_from_db()
    assert opportunity.source_url == address
    assert "All jobs" not in opportunity.posting_text  # the navigation is dropped
    assert posting_kinds(client.get(url)) == {NEGOTIATE_REQ: "must-have", SQL_REQ: "must-have"}


def test_posting_address_that_answers_404_keeps_the_old_posting(
    client: Client, posted: Opportunity, job_site: str
) -> None:
    response = client.post(f"/opportunities/{posted.pk}/posting/", {"url": f"{job_site}/jobs/gone"})
    assert response.status_code == 400
    assert "the server answered 404" in page_text(response)
    posted.refresh_from_db()
    assert (posted.posting_text, posted.source_url) == (POSTING.strip(), "")


def test_posting_address_inside_the_machine_is_refused_and_the_old_posting_kept(
    client: Client, posted: Opportunity, job_site: str
) -> None:
    # The allow-list names 127.0.0.1 (html_site); localhost is the same machine, not named.
    inside = job_site.replace("127.0.0.1", "localhost") + "/jobs/ops-analyst"
    response = client.post(f"/opportunities/{posted.pk}/posting/", {"url": inside})
    assert response.status_code == 400
    assert "localhost is inside this computer or a private network" in page_text(response)
    posted.refresh_from_db()
    assert (posted.posting_text, posted.source_url) == (POSTING.strip(), "")


@pytest.mark.parametrize(
    ("name", "data", "content_type", "message"),
    [
        ("posting.pdf", b"", "application/pdf", "The submitted file is empty."),
        (
            "posting.pdf",
            b"%PDF-1.4\nthis is not really a pdf",
            "application/pdf",
            "posting.pdf isn't a readable PDF: it may be damaged or incomplete.",
        ),
        (
            "photo.jpg",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
            "image/jpeg",
            "Can't read photo.jpg: upload plain text (.txt), Markdown (.md), HTML (.html), "
            "PDF (.pdf) or Word (.docx).",
        ),
        (
            "photo.txt",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
            "text/plain",
            "photo.txt doesn't look like a text file",
        ),
        (
            "deep.html",
            b"<html><body>" + b"<div>" * 50_000,
            "text/html",
            "deep.html has elements nested more than 200 deep, more than a posting needs.",
        ),
    ],
    ids=["empty", "garbage-pdf", "jpeg", "binary-as-txt", "nested-html"],
)
def test_unreadable_upload_is_a_400_and_keeps_the_old_posting(
    client: Client, posted: Opportunity, name: str, data: bytes, content_type: str, message: str
) -> None:
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    response = client.post(f"/opportunities/{posted.pk}/posting/", {"file": upload})
    assert response.status_code == 400
    assert message in page_text(response)
    posted.refresh_from_db()
    assert posted.posting_text == POSTING.strip()
    # The page still shows the requirements of the posting that was kept.
    assert posting_kinds(response) == EXPECTED_KINDS


def test_two_ways_at_once_is_refused(client: Client, posted: Opportunity) -> None:
    response = client.post(
        f"/opportunities/{posted.pk}/posting/",
        {"text": "Must know Python.", "url": "https://jobs.example.com/1"},
    )
    assert response.status_code == 400
    assert "Use one of the three ways at a time." in page_text(response)
    posted.refresh_from_db()
    assert posted.posting_text == POSTING.strip()


def test_empty_posting_form_is_refused(client: Client, posted: Opportunity) -> None:
    response = client.post(f"/opportunities/{posted.pk}/posting/", {"text": "   "})
    assert response.status_code == 400
    assert "Paste the posting, upload a file or give its address." in page_text(response)
    posted.refresh_from_db()
    assert posted.posting_text == POSTING.strip()


def test_someone_elses_posting_is_not_found(client: Client, theirs: dict[str, Any]) -> None:
    opportunity = theirs["opportunity"]
    for path in ("posting", "coverage", "concerns"):
        assert client.get(f"/opportunities/{opportunity.pk}/{path}/").status_code == 404
    response = client.post(f"/opportunities/{opportunity.pk}/posting/", {"text": POSTING})
    assert response.status_code == 404
    opportunity.refresh_from_db()
    assert opportunity.posting_text == ""


# --- coverage ------------------------------------------------------------------------------


def coverage_rows(response: TestResponse) -> dict[str, dict[str, Any]]:
    """Requirement text → whether marked a gap, and the listed stories with their evidence."""
    rows: dict[str, dict[str, Any]] = {}
    for tr in soup_of(response).select("table.coverage tbody tr"):
        first, second = tr.find_all("td")
        badges = [squash(b) for b in first.select(".badge")]
        for badge in first.select(".badge"):
            badge.extract()
        matches = []
        for li in second.select("ol.matches > li"):
            shows = [squash(m) for m in li.select(".meta") if "shows:" in squash(m)]
            matches.append(
                {
                    "title": squash(li.find("a")),
                    "covers": "covers" in li["class"],
                    "related": li.select_one(".related-mark") is not None,
                    "evidence": shows[0].removeprefix("shows: ").split(", ") if shows else [],
                    "text": squash(li),
                }
            )
        rows[squash(first)] = {"badges": badges, "gap": "gap" in badges, "matches": matches}
    return rows


def check_rows(response: TestResponse) -> dict[str, tuple[str, str]]:
    """Requirement text → (its kind of check, the status selected in its form)."""
    rows = {}
    for li in soup_of(response).select("#cv-checks li"):
        label = li.select_one("label")
        assert isinstance(label, Tag)
        badge = label.select_one(".badge")
        assert isinstance(badge, Tag)
        kind = squash(badge.extract())
        selected = li.select_one("select[name=status] option[selected]")
        assert isinstance(selected, Tag)
        rows[squash(label)] = (kind, str(selected["value"]))
    return rows


@pytest.fixture
def stories(negotiation: Story, dashboard: Story, morale: Story) -> list[Story]:
    return [negotiation, dashboard, morale]


def test_coverage_page_with_sentence_embeddings(
    client: Client, posted: Opportunity, stories: list[Story]
) -> None:
    matcher.cache_clear()
    try:
        services.embeddings_prepare(owner_id=posted.owner_id)  # the background worker's job
        response = client.get(f"/opportunities/{posted.pk}/coverage/")
    finally:
        matcher.cache_clear()
    assert response.status_code == 200
    text = page_text(response)
    assert "Matching: Meaning and words: sentence embeddings (minilm-l6-" in text
    assert "words only" not in text
    rows = coverage_rows(response)
    checks = check_rows(response)
    assert set(rows) | set(checks) == set(EXPECTED_KINDS) and not set(rows) & set(checks)
    assert {t: row["badges"][0] for t, row in rows.items()} == {
        t: k for t, k in EXPECTED_KINDS.items() if t in rows
    }
    assert checks == {
        SQL_REQ: ("years of experience", "check"),
        DEGREE_REQ: ("licence, degree or certificate", "check"),
    }
    assert not rows[NEGOTIATE_REQ]["gap"]
    best, *others = rows[NEGOTIATE_REQ]["matches"]
    assert best["title"] == NEGOTIATION["title"] and best["covers"] and not best["related"]
    assert "negotiating contracts" in best["evidence"]
    # The dashboard story is near in meaning but names no contract or supplier: related only.
    (near,) = others
    assert near["title"] == DASHBOARD["title"] and near["related"] and not near["covers"]
    assert "~ related" in near["text"] and "does not show negotiating" in near["text"]
    assert rows[TABLEAU_REQ]["matches"][0]["title"] == DASHBOARD["title"]
    assert "Tableau" in rows[TABLEAU_REQ]["matches"][0]["evidence"]


def test_coverage_page_shows_word_matching_until_the_embeddings_are_ready(
    client: Client, posted: Opportunity, stories: list[Story]
) -> None:
    url = f"/opportunities/{posted.pk}/coverage/"
    matcher.cache_clear()
    try:
        before = client.get(url)
        assert not Embedding.objects.exists()  # a page never embeds
        waiting = soup_of(before).select_one("#matching-pending")
        assert waiting is not None
        assert "Semantic matching is still being prepared." in squash(waiting)
        assert "this page matches words only (BM25)" in squash(waiting)
        form = waiting.select_one("form")
        assert form is not None and form["action"] == f"{url}prepare/"
        rows = coverage_rows(before)
        # Word matching alone: the night-shift story shares no word with negotiating.
        assert all(m["title"] != MORALE["title"] for m in rows[NEGOTIATE_REQ]["matches"])
        services.embeddings_prepare(owner_id=posted.owner_id)
        after = client.get(url)
    finally:
        matcher.cache_clear()
    assert soup_of(after).select_one("#matching-pending") is None
    assert "sentence embeddings" in page_text(after)


def test_the_coverage_page_never_loads_the_model_nor_embeds(
    client: Client, posted: Opportunity, stories: list[Story], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages read stored vectors only: with the model made unloadable and embedding made to
    fail, the page answers before the worker has run (words, and the note) and after it
    (meaning), in this process as in a fresh one."""
    url = f"/opportunities/{posted.pk}/coverage/"

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a request loaded the model or embedded a text")

    matcher.cache_clear()
    matching._embedding.cache_clear()  # what the worker loaded, as if in another process
    try:
        with monkeypatch.context() as patched:
            patched.setattr(semantic, "load", refuse)
            patched.setattr(semantic.Embedder, "embed", refuse)
            before = client.get(url)
        assert before.status_code == 200
        note = soup_of(before).select_one("#matching-pending")
        assert note is not None and "still being prepared" in squash(note)
        refresh = note.select_one("a#matching-refresh")
        assert refresh is not None and refresh["href"] == url
        services.embeddings_prepare(owner_id=posted.owner_id)  # the worker's job
        matcher.cache_clear()
        matching._embedding.cache_clear()
        with monkeypatch.context() as patched:
            patched.setattr(semantic, "load", refuse)
            patched.setattr(semantic.Embedder, "embed", refuse)
            after = client.get(url)
    finally:
        matcher.cache_clear()
        matching._embedding.cache_clear()
    assert after.status_code == 200
    assert soup_of(after).select_one("#matching-pending") is None
    assert "sentence embeddings" in page_text(after)
    # Meaning lists the dashboard story as related to negotiating; words alone do not.
    titles = [m["title"] for m in coverage_rows(after)[NEGOTIATE_REQ]["matches"]]
    assert DASHBOARD["title"] in titles


@pytest.mark.django_db(transaction=True)
def test_asking_to_prepare_the_embeddings_queues_them_for_a_worker(
    client: Client, posted: Opportunity, stories: list[Story]
) -> None:
    url = f"/opportunities/{posted.pk}/coverage/"
    matcher.cache_clear()
    try:
        response = client.post(f"{url}prepare/")
        assert response.status_code == 303 and response["Location"] == url
        assert jobs.is_active(posted.owner_id)
        drain("embed")
        assert not jobs.is_active(posted.owner_id)
        text = page_text(client.get(url))
    finally:
        matcher.cache_clear()
    assert "sentence embeddings" in text
    assert client.get(f"{url}prepare/").status_code == 405  # a GET never starts work


@pytest.fixture
def word_matching() -> Iterator[None]:
    matcher.cache_clear()
    with override_settings(APP=dataclasses.replace(settings.APP, matching="lexical")):
        try:
            yield
        finally:
            matcher.cache_clear()


def test_coverage_page_with_word_matching(
    client: Client, posted: Opportunity, stories: list[Story], word_matching: None
) -> None:
    response = client.get(f"/opportunities/{posted.pk}/coverage/")
    text = page_text(response)
    assert "Matching: Word matching (BM25), as NEXTROUND_MATCHING asks." in text
    assert "sentence embeddings" not in text
    rows = coverage_rows(response)
    assert DEGREE_REQ not in rows and DEGREE_REQ in check_rows(response)
    assert rows[NEGOTIATE_REQ]["matches"][0]["title"] == NEGOTIATION["title"]
    assert rows[NEGOTIATE_REQ]["matches"][0]["evidence"][0] == "negotiating contracts"
    # Word matching lists only stories that share a specific word: the night-shift story and
    # the dashboard story share none.
    assert [m["title"] for m in rows[NEGOTIATE_REQ]["matches"]] == [NEGOTIATION["title"]]
    # Only everyday words ("against") in common with the invoices: no story is listed.
    assert rows[INVOICE_REQ]["matches"] == [] and rows[INVOICE_REQ]["gap"]


def test_coverage_page_without_posting_or_stories(
    client: Client, opportunity: Opportunity, user: User
) -> None:
    url = f"/opportunities/{opportunity.pk}/coverage/"
    assert "There are no requirements to cover yet." in page_text(client.get(url))
    services.posting_set(opportunity=opportunity, text=POSTING)
    assert "You have no stories yet." in page_text(client.get(url))


def test_coverage_lists_a_strength_the_job_asks_for(
    client: Client, user: User, posted: Opportunity, negotiation: Story, word_matching: None
) -> None:
    services.strength_save(owner=user, name="Supplier negotiation", rank=1, stories=[negotiation])
    services.strength_save(owner=user, name="Calm under pressure", rank=2, stories=[negotiation])
    section = soup_of(client.get(f"/opportunities/{posted.pk}/coverage/")).find(
        "section", attrs={"aria-labelledby": "fit-title"}
    )
    assert isinstance(section, Tag)
    assert [squash(li) for li in section.select("li")] == [
        "Supplier negotiation meets 1 requirement"
    ]


@pytest.mark.parametrize("matching", ["auto", "lexical"])
def test_coverage_page_queries_do_not_grow_with_stories(
    client: Client, user: User, posted: Opportunity, matching: str
) -> None:
    url = f"/opportunities/{posted.pk}/coverage/"

    def queries() -> int:
        services.embeddings_prepare(owner_id=user.pk)  # fills the cache for any new text
        client.get(url)  # and the process keeps the background sentences' vectors
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    matcher.cache_clear()
    try:
        with override_settings(APP=dataclasses.replace(settings.APP, matching=matching)):
            for i in range(3):
                services.story_create(owner=user, **{**NEGOTIATION, "title": f"Story {i}"})
            few = queries()
            for i in range(3, 30):
                services.story_create(owner=user, **{**DASHBOARD, "title": f"Story {i}"})
            many = queries()
    finally:
        matcher.cache_clear()
    assert few == many


# --- concerns ------------------------------------------------------------------------------


def mark_check(client: Client, opportunity: Opportunity, text: str, status: str) -> None:
    key = requirement(opportunity, text).key
    url = f"/opportunities/{opportunity.pk}/coverage/check/"
    response = client.post(url, {"key": key, "status": status})
    assert response.status_code == 303
    assert response["Location"] == f"/opportunities/{opportunity.pk}/coverage/#cv-checks"


def test_a_cv_check_is_set_without_javascript_and_kept(
    client: Client, posted: Opportunity, word_matching: None
) -> None:
    mark_check(client, posted, SQL_REQ, "have")
    mark_check(client, posted, DEGREE_REQ, "missing")
    response = client.get(f"/opportunities/{posted.pk}/coverage/")
    assert check_rows(response) == {
        SQL_REQ: ("years of experience", "have"),
        DEGREE_REQ: ("licence, degree or certificate", "missing"),
    }
    text = page_text(response)
    assert "Now: I don't have it · on the concerns page" in text
    # Neither a story gap nor covered, even with no stories at all.
    assert DEGREE_REQ not in coverage_rows(response)
    mark_check(client, posted, DEGREE_REQ, "have")
    assert check_rows(client.get(f"/opportunities/{posted.pk}/coverage/"))[DEGREE_REQ][1] == "have"
    assert posted.cv_checks.count() == 2


def test_a_bad_cv_check_answers_400_or_404_and_saves_nothing(
    client: Client, posted: Opportunity, theirs: dict[str, Any], word_matching: None
) -> None:
    url = f"/opportunities/{posted.pk}/coverage/check/"
    key = requirement(posted, DEGREE_REQ).key
    response = client.post(url, {"key": key, "status": "maybe"})
    assert response.status_code == 400
    assert "Not saved: Select a valid choice." in page_text(response)
    negotiate = requirement(posted, NEGOTIATE_REQ).key  # a story can prove it: no check
    assert client.post(url, {"key": negotiate, "status": "have"}).status_code == 404
    elsewhere = f"/opportunities/{theirs['opportunity'].pk}/coverage/check/"
    assert client.post(elsewhere, {"key": key, "status": "have"}).status_code == 404
    assert client.get(url).status_code == 405
    assert posted.cv_checks.count() == 0


@pytest.mark.django_db(transaction=True)
def test_first_writes_at_once_all_succeed_and_keep_one_record(
    posted: Opportunity,
    negotiation: Story,
    concern: RoundNote,
    rounds: list[Round],
    word_matching: None,
) -> None:
    """Issue 15: the same first write sent eight times at once (a double click, two tabs) gives
    eight 303s and one record, for every record kept once per thing it is about."""
    degree = requirement(posted, DEGREE_REQ).key
    sql = requirement(posted, SQL_REQ).key
    posts = {
        "cv check": (
            f"/opportunities/{posted.pk}/coverage/check/",
            {"key": degree, "status": "have"},
        ),
        "round concern": (
            f"/opportunities/{posted.pk}/concerns/answer/",
            answer_form(f"note-{concern.pk}", story=negotiation.pk),
        ),
        "must-have": (
            f"/opportunities/{posted.pk}/concerns/answer/",
            answer_form(f"req-{sql}", kind="learning", answer="A course this month"),
        ),
        "telling": (f"/rounds/{rounds[1].pk}/stories/", {"story": negotiation.pk}),
    }
    answered = {}
    for what, (url, data) in posts.items():

        def send(url: str = url, data: dict[str, Any] = data) -> int:
            return Client(raise_request_exception=False).post(url, data).status_code

        answered[what] = sorted(at_once(8, send))
    assert answered == {what: [303] * 8 for what in posts}
    assert posted.cv_checks.get().status == "have"
    answers = ConcernAnswer.objects.order_by("pk")
    assert [(a.note_id, a.requirement_key) for a in answers] == [(concern.pk, ""), (None, sql)]
    assert Telling.objects.count() == 1


def concern_rows(response: TestResponse) -> dict[str, str]:
    return {
        squash(li.select_one(".note-text")): squash(li)
        for li in soup_of(response).select("li.note")
    }


def test_concerns_lists_round_concerns_and_uncovered_must_haves(
    client: Client, posted: Opportunity, negotiation: Story, concern: RoundNote
) -> None:
    rows = concern_rows(client.get(f"/opportunities/{posted.pk}/concerns/"))
    assert concern.text in rows
    assert (
        "Raised in First round — Operations Analyst at Northwind Health by Dana Ortiz, "
        "Director of Operations · No answer yet"
    ) in rows[concern.text]
    # The degree is checked against the CV, not a story gap: a concern once it is missing.
    assert DEGREE_REQ not in rows
    mark_check(client, posted, DEGREE_REQ, "missing")
    rows = concern_rows(client.get(f"/opportunities/{posted.pk}/concerns/"))
    assert (
        "Checked against your CV: you don't have it (licence, degree or certificate)"
        in rows[DEGREE_REQ]
    )
    assert SQL_REQ not in rows  # still to check
    assert NEGOTIATE_REQ not in rows  # the negotiation story covers it
    assert SIX_SIGMA_REQ not in rows  # only nice to have
    assert TABLEAU_REQ not in rows  # a responsibility


def test_concerns_only_from_this_opportunity(
    client: Client, posted: Opportunity, concern: RoundNote, theirs: dict[str, Any]
) -> None:
    interview_services.note_create(
        round_=theirs["round"], kind=NoteKind.CONCERN, text="Their own worry"
    )
    assert "Their own worry" not in page_text(client.get(f"/opportunities/{posted.pk}/concerns/"))


def answer_form(ref: str, **fields: Any) -> dict[str, Any]:
    return {"ref": ref, "kind": "story", "story": "", "answer": "", "status": "planned", **fields}


def test_plan_a_story_answer_to_a_round_concern(
    client: Client, posted: Opportunity, negotiation: Story, concern: RoundNote
) -> None:
    url = f"/opportunities/{posted.pk}/concerns/answer/"
    form = client.get(url, {"ref": f"note-{concern.pk}"})
    assert form.status_code == 200
    assert concern.text in page_text(form)
    response = client.post(url, answer_form(f"note-{concern.pk}", story=negotiation.pk))
    assert response.status_code == 303
    assert response["Location"] == f"/opportunities/{posted.pk}/concerns/"
    answer = ConcernAnswer.objects.get()
    assert (answer.note, answer.story, answer.kind) == (concern, negotiation, "story")
    # What I say and the status are the note's; the row holds no second copy.
    assert (answer.answer, answer.status) == ("", "open")
    concern.refresh_from_db()
    assert (concern.status, concern.response) == ("open", "")
    row = concern_rows(client.get(f"/opportunities/{posted.pk}/concerns/"))[concern.text]
    assert f"Answer planned A story: {NEGOTIATION['title']}" in row


def test_a_learning_plan_needs_words(
    client: Client, posted: Opportunity, concern: RoundNote
) -> None:
    response = client.post(
        f"/opportunities/{posted.pk}/concerns/answer/",
        answer_form(f"note-{concern.pk}", kind="learning"),
    )
    assert response.status_code == 400
    assert "Write the answer in short." in page_text(response)
    assert ConcernAnswer.objects.count() == 0


def test_a_story_answer_needs_a_story(
    client: Client, posted: Opportunity, concern: RoundNote
) -> None:
    response = client.post(
        f"/opportunities/{posted.pk}/concerns/answer/", answer_form(f"note-{concern.pk}")
    )
    assert response.status_code == 400
    assert "Pick a story." in page_text(response)
    assert ConcernAnswer.objects.count() == 0


def test_addressed_closes_the_note_and_planned_reopens_it(
    client: Client, posted: Opportunity, concern: RoundNote
) -> None:
    url = f"/opportunities/{posted.pk}/concerns/answer/"
    fields = {"kind": "evidence", "answer": "I ran a $2M budget at Acme."}
    response = client.post(url, answer_form(f"note-{concern.pk}", status="addressed", **fields))
    assert response.status_code == 303
    concern.refresh_from_db()
    assert concern.status == "closed"
    row = concern_rows(client.get(f"/opportunities/{posted.pk}/concerns/"))[concern.text]
    assert "Addressed Other evidence — I ran a $2M budget at Acme." in row
    client.post(url, answer_form(f"note-{concern.pk}", status="planned", **fields))
    concern.refresh_from_db()
    assert (concern.status, concern.response) == ("open", "I ran a $2M budget at Acme.")
    assert ConcernAnswer.objects.count() == 1


def test_the_answer_is_one_record_on_the_round_note_and_the_concerns_page(
    client: Client, posted: Opportunity, concern: RoundNote, negotiation: Story
) -> None:
    ref = f"note-{concern.pk}"
    note_url = f"/notes/{concern.pk}/edit/"
    concerns_url = f"/opportunities/{posted.pk}/concerns/"
    edit = {"text": concern.text, "person": concern.person_id, "status": "open"}
    # Planned on the round note: the Concerns page shows it, and its form starts from it.
    client.post(note_url, {**edit, "response": "Name the $2M Acme budget."})
    row = concern_rows(client.get(concerns_url))[concern.text]
    assert "Answer planned Name the $2M Acme budget." in row
    assert "No answer yet" not in row
    form = soup_of(client.get(f"{concerns_url}answer/", {"ref": ref}))
    textarea = form.find("textarea", attrs={"name": "answer"})
    assert isinstance(textarea, Tag) and textarea.get_text().strip() == "Name the $2M Acme budget."
    # Changed on the Concerns page, with a story and addressed: the round note shows it.
    said = "The Acme budget story, then what I would do in the first month."
    posted_answer = client.post(
        f"{concerns_url}answer/",
        answer_form(ref, story=negotiation.pk, answer=said, status="addressed"),
    )
    assert posted_answer.status_code == 303
    note_form = soup_of(client.get(note_url))
    response = note_form.find("textarea", attrs={"name": "response"})
    assert isinstance(response, Tag) and response.get_text().strip() == said
    selected = note_form.select_one('select[name="status"] option[selected]')
    assert selected is not None and selected.get("value") == "closed"
    row = concern_rows(client.get(concerns_url))[concern.text]
    assert f"Addressed A story: {NEGOTIATION['title']} — {said}" in row
    # Reopened on the round note: open again on the Concerns page, the story kept.
    client.post(note_url, {**edit, "response": said})
    row = concern_rows(client.get(concerns_url))[concern.text]
    assert f"Answer planned A story: {NEGOTIATION['title']} — {said}" in row
    assert ConcernAnswer.objects.get().answer == ""  # never a second copy


def test_unknown_concern_is_not_found(
    client: Client, posted: Opportunity, negotiation: Story, concern: RoundNote
) -> None:
    url = f"/opportunities/{posted.pk}/concerns/answer/"
    for ref in ("note-987654", "req-000000000000", "nonsense"):
        assert client.get(url, {"ref": ref}).status_code == 404
        response = client.post(url, answer_form(ref, story=negotiation.pk))
        assert response.status_code == 404
    assert ConcernAnswer.objects.count() == 0


def test_a_question_note_is_not_a_concern(
    client: Client, posted: Opportunity, rounds: list[Round], negotiation: Story
) -> None:
    question = interview_services.note_create(
        round_=rounds[0], kind=NoteKind.QUESTION, text="Why do you want to leave?"
    )
    response = client.post(
        f"/opportunities/{posted.pk}/concerns/answer/",
        answer_form(f"note-{question.pk}", story=negotiation.pk),
    )
    assert response.status_code == 404
    assert ConcernAnswer.objects.count() == 0


def test_answer_to_an_uncovered_must_have_persists_and_shows(
    client: Client, posted: Opportunity, negotiation: Story
) -> None:
    degree = requirement(posted, DEGREE_REQ)
    mark_check(client, posted, DEGREE_REQ, "partly")
    ref = f"req-{degree.key}"
    url = f"/opportunities/{posted.pk}/concerns/answer/"
    said = "A procurement diploma and six years buying for a $40M budget."
    response = client.post(url, answer_form(ref, kind="evidence", answer=said))
    assert response.status_code == 303
    answer = ConcernAnswer.objects.get()
    assert (answer.requirement_key, answer.requirement_text, answer.note) == (
        degree.key,
        DEGREE_REQ,
        None,
    )
    row = concern_rows(client.get(f"/opportunities/{posted.pk}/concerns/"))[DEGREE_REQ]
    assert f"Answer planned Other evidence — {said}" in row
    form = soup_of(client.get(url, {"ref": ref}))
    textarea = form.find("textarea", attrs={"name": "answer"})
    assert isinstance(textarea, Tag)
    assert textarea.get_text().strip() == said


def test_someone_elses_opportunity_concern_answer_is_not_found(
    client: Client, negotiation: Story, theirs: dict[str, Any]
) -> None:
    opportunity = theirs["opportunity"]
    note = interview_services.note_create(
        round_=theirs["round"], kind=NoteKind.CONCERN, text="Their own worry"
    )
    response = client.post(
        f"/opportunities/{opportunity.pk}/concerns/answer/",
        answer_form(f"note-{note.pk}", story=negotiation.pk),
    )
    assert response.status_code == 404
    assert ConcernAnswer.objects.count() == 0


def test_concern_answer_with_someone_elses_story_is_refused(
    client: Client, posted: Opportunity, concern: RoundNote, theirs: dict[str, Any]
) -> None:
    response = client.post(
        f"/opportunities/{posted.pk}/concerns/answer/",
        answer_form(f"note-{concern.pk}", story=theirs["story"].pk),
    )
    assert response.status_code == 400
    assert "Select a valid choice" in page_text(response)
    assert ConcernAnswer.objects.count() == 0


def test_an_answer_to_a_must_have_covered_since_is_still_saved(
    client: Client, posted: Opportunity, negotiation: Story
) -> None:
    """The form was opened while the must-have was a gap; a story covers it by the time the
    answer is posted. The page no longer lists it, but the answer is kept."""
    ref = f"req-{requirement(posted, NEGOTIATE_REQ).key}"
    url = f"/opportunities/{posted.pk}/concerns/answer/"
    assert client.get(url, {"ref": ref}).status_code == 404  # not a concern now
    said = "Three supplier contracts renegotiated last year."
    response = client.post(url, answer_form(ref, kind="evidence", answer=said))
    assert response.status_code == 303
    assert ConcernAnswer.objects.get().requirement_text == NEGOTIATE_REQ


# --- ids too large for the database ---------------------------------------------------------

HUGE = "99999999999999999999999"


def test_a_strength_proved_by_a_huge_story_id_is_a_form_error(
    client: Client, negotiation: Story
) -> None:
    form = strength_form("Negotiation", 1, [negotiation])
    form["stories"] = [negotiation.pk, HUGE]
    response = client.post("/strengths/", form)
    assert response.status_code == 400
    assert f"{HUGE} is not one of the available choices" in page_text(response)
    assert Strength.objects.count() == 0


@pytest.mark.parametrize(("story", "told_to"), [("own", [HUGE]), (HUGE, [])])
def test_a_telling_with_a_huge_id_shows_a_message_and_saves_nothing(
    client: Client, negotiation: Story, rounds: list[Round], story: str, told_to: list[str]
) -> None:
    chosen = negotiation.pk if story == "own" else story
    response = client.post(
        f"/rounds/{rounds[1].pk}/stories/", {"story": chosen, "people": told_to}, follow=True
    )
    assert response.redirect_chain == [(f"/rounds/{rounds[1].pk}/#stories", 303)]
    assert "valid choice" in page_text(response)
    assert Telling.objects.count() == 0


def test_a_concern_answered_by_a_huge_story_id_is_a_form_error(
    client: Client, posted: Opportunity, concern: RoundNote
) -> None:
    response = client.post(
        f"/opportunities/{posted.pk}/concerns/answer/",
        answer_form(f"note-{concern.pk}", story=HUGE),
    )
    assert response.status_code == 400
    assert "Select a valid choice" in page_text(response)
    assert ConcernAnswer.objects.count() == 0


# --- no posting, one story, semantic matching on (issue 15, item 1) ------------------------


def test_coverage_and_concerns_without_a_posting_with_semantic_matching(
    client: Client, user: User, opportunity: Opportunity, concern: RoundNote
) -> None:
    matcher.cache_clear()
    assert matcher().method == "semantic"  # the ml extra is installed in this environment
    assert opportunity.posting_text == ""
    services.story_create(owner=user, title="T", action="I cut costs by 10%")
    coverage = client.get(f"/opportunities/{opportunity.pk}/coverage/")
    assert coverage.status_code == 200
    assert "T" in page_text(coverage)
    assert client.get(f"/opportunities/{opportunity.pk}/concerns/").status_code == 200
    url = f"/opportunities/{opportunity.pk}/concerns/answer/"
    assert client.get(url, {"ref": f"note-{concern.pk}"}).status_code == 200
    answered = client.post(
        url, answer_form(f"note-{concern.pk}", kind="learning", answer="I ran a team budget.")
    )
    assert answered.status_code == 303
    concern.refresh_from_db()
    assert concern.response == "I ran a team budget."
