"""The rehearsal pages: GET renders, POST answers 303 or, with errors, 400 and saves nothing."""

from __future__ import annotations

import threading

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client

from nextround.interviews.models import Round
from nextround.practice.models import PracticeSession
from nextround.rehearsal import services, views
from nextround.rehearsal.models import CaseSession, PresentationPlan, Slide
from tests.prep.helpers import at_once


def _soup(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _text(page: BeautifulSoup, test_id: str) -> str:
    found = page.select_one(f"[data-testid={test_id}]")
    assert found is not None, test_id
    return found.get_text()


def test_the_case_list_filters_by_kind_and_field(client: Client, user: User) -> None:
    page = _soup(client, "/cases/?field=clinical")
    listed = page.select("[data-testid=case-list] li")
    assert listed and all("Product improvement" not in li.get_text() for li in listed)
    page = _soup(client, "/cases/?kind=sizing")
    assert all("Market sizing" in li.get_text() for li in page.select("[data-testid=case-list] li"))
    assert client.get("/cases/?kind=riddles").status_code == 400


def test_a_case_session_from_start_to_feedback(client: Client, user: User) -> None:
    response = client.post("/cases/start/", {"key": "kitchen-waste"})
    assert response.status_code == 303
    session = CaseSession.objects.get(owner=user)
    url = f"/cases/sessions/{session.pk}/"
    assert response["Location"] == url
    assert client.post(url + "phase/", {"phase": "clarify"}).status_code == 303
    page = _soup(client, url)
    assert "Clarify" in _text(page, "current-phase")
    assert "Structure" in _text(page, "next-phase")
    # No answer: refused with 400, nothing finished.
    assert client.post(url, {"answer": "", "structure": "", "finish": "1"}).status_code == 400
    session.refresh_from_db()
    assert session.finished_at is None
    answer = "What is the goal? I'd look at three areas. 100 x 15% = 15.\n\nI recommend a pilot."
    response = client.post(
        url, {"answer": answer, "structure": "- buy\n- cook\n- serve", "finish": "1"}
    )
    assert response.status_code == 303 and response["Location"] == url + "feedback/"
    page = _soup(client, url + "feedback/")
    checks = _text(page, "case-checks")
    assert "100 x 15% = 15: right" in checks
    assert "Clarifying questions first" in checks


def test_the_case_session_offers_the_recorder_and_works_without_js(
    client: Client, user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.post("/cases/start/", {"key": "kitchen-waste"})
    session = CaseSession.objects.get(owner=user)
    url = f"/cases/sessions/{session.pk}/"
    page = _soup(client, url)
    form = page.select_one("#upload-form")
    assert form is not None and form["enctype"] == "multipart/form-data"
    assert form.select_one("textarea[name=answer]")  # typed, as before
    assert form.select_one("input[type=file][name=audio]")  # a recording made elsewhere
    assert page.select_one("#recorder[hidden] #record-start")  # shown by the script
    scripts = [s["src"] for s in page.select("script[src]")]
    assert scripts.index("/static/rehearsal/case-recording.js") < scripts.index(
        "/static/practice/recorder.js"
    )
    # Without the voice extra the page is the typed answer alone.
    monkeypatch.setattr(views, "voice_ready", lambda: False)
    page = _soup(client, url)
    assert page.select_one("textarea[name=answer]") and not page.select_one("input[name=audio]")
    assert not page.select_one("#recorder")


def test_feedback_before_an_answer_and_others_sessions(
    client: Client, user: User, other_user: User
) -> None:
    client.post("/cases/start/", {"key": "kitchen-waste"})
    mine = CaseSession.objects.get(owner=user)
    assert client.get(f"/cases/sessions/{mine.pk}/feedback/").status_code == 400
    theirs = CaseSession.objects.create(owner=other_user, title="x", prompt="y")
    assert client.get(f"/cases/sessions/{theirs.pk}/").status_code == 404
    assert client.post("/cases/start/", {"key": "no-such"}).status_code == 404


def test_an_own_prompt_with_errors_answers_400(client: Client, user: User) -> None:
    assert client.post("/cases/own/", {"title": "", "prompt": ""}).status_code == 400
    assert not CaseSession.objects.exists()
    response = client.post("/cases/own/", {"title": "Mine", "prompt": "Size the market."})
    assert response.status_code == 303


def test_the_presentation_plan_warns_about_long_notes(client: Client, rounds: list[Round]) -> None:
    url = f"/rounds/{rounds[1].pk}/presentation/"
    page = _soup(client, url)
    assert "Dana Ortiz" in _text(page, "audience")
    assert client.post(url, {"slot_minutes": "0"}).status_code == 400
    assert not PresentationPlan.objects.exists()
    assert client.post(url, {"slot_minutes": "2", "brief": "Tell us"}).status_code == 303
    add = url + "slides/"
    assert client.post(add, {"title": "One", "notes": "word " * 200}).status_code == 303
    assert client.post(add, {"title": "Two"}).status_code == 303
    assert client.post(add, {"title": ""}).status_code == 400
    page = _soup(client, url)
    warnings = _text(page, "plan-warnings")
    assert "Slide 1 (One): the notes have 200 words; about 150 fit" in warnings
    slide = Slide.objects.get(title="One")
    response = client.post(f"/slides/{slide.pk}/edit/", {"title": "One", "notes": "short"})
    assert response.status_code == 303
    assert client.get(url).content.decode().count("plan-warnings") == 0


def test_an_unreadable_import_answers_400(client: Client, rounds: list[Round]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = f"/rounds/{rounds[1].pk}/presentation/import/"
    upload = SimpleUploadedFile("deck.pptx", b"junk")
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "damaged or not a zip" in response.content.decode()
    assert not Slide.objects.exists()


def test_the_audience_questions_are_shown_and_practised(
    client: Client, rounds: list[Round]
) -> None:
    url = f"/rounds/{rounds[1].pk}/presentation/"
    practise = url + "practise/"
    assert "audience-questions" not in client.get(url).content.decode()  # no slides yet
    assert client.post(practise).status_code == 400
    assert not PracticeSession.objects.exists()
    client.post(url, {"slot_minutes": "10"})
    client.post(url + "slides/", {"title": "Results", "text": "Waits dropped 30% in a year."})
    client.post(url + "slides/", {"title": "Recommendation", "notes": "Roll it out widely."})
    page = _soup(client, url)
    items = page.select("[data-testid=audience-questions] li")
    texts = [item.get_text(" ", strip=True) for item in items]
    # Dana (hiring manager) first; her reason and Slide 2's gap are shown with the questions.
    assert texts[0].startswith("How would this land with the team")
    assert "Dana Ortiz is the hiring manager" in texts[0]
    assert any("Slide 1 (Results) states 30%" in text for text in texts)
    assert any("Slide 2 (Recommendation) recommends a next step" in text for text in texts)
    response = client.post(practise)
    assert response.status_code == 303
    session = PracticeSession.objects.get()
    assert response["Location"] == f"/practice/sessions/{session.pk}/"
    assert session.round == rounds[1]
    asked = list(session.questions.order_by("position").values_list("text", flat=True))
    assert len(asked) == len(items)
    assert all(text.startswith(question) for text, question in zip(texts, asked, strict=True))
    assert "round 2" in client.get(response["Location"]).content.decode()


def test_the_run_through_page_lists_the_slides_and_works_without_js(
    client: Client, rounds: list[Round]
) -> None:
    round_ = rounds[1]
    url = f"/rounds/{round_.pk}/presentation/run/"
    page = _soup(client, url)
    assert page.select_one("#upload-form") is None  # no slides: nothing to time yet
    for title in ("Problem", "Plan"):
        client.post(f"/rounds/{round_.pk}/presentation/slides/", {"title": title})
    page = _soup(client, url)
    assert [str(li.contents[0]).strip() for li in page.select("#run-slides li")] == [
        "Problem",
        "Plan",
    ]
    form = page.select_one("#upload-form")
    assert form is not None and form["enctype"] == "multipart/form-data"
    assert form.select_one("input[type=file][name=audio]")
    assert form.select_one("input[name=marks]")  # typed by hand when there is no recorder
    assert page.select_one("#recorder[hidden] #next-slide")  # shown by the script
    scripts = [s["src"] for s in page.select("script[src]")]
    assert scripts.index("/static/rehearsal/slide-marks.js") < scripts.index(
        "/static/practice/recorder.js"
    )
    plan_page = _soup(client, f"/rounds/{round_.pk}/presentation/")
    assert plan_page.select_one(f"a[href='{url}']")


@pytest.mark.django_db(transaction=True)
def test_slides_moved_and_deleted_at_once_keep_one_order(rounds: list[Round]) -> None:
    """Four "move up" clicks on the last of eight slides and four deletes of the first four,
    all at once: every request is answered, and the slides left are numbered 1 to 4 with the
    moved one first (it passes the three kept before it whatever the order of the requests)."""
    made = [
        services.slide_add_to_round(round_=rounds[0], fields={"title": f"S{n}"})
        for n in range(1, 9)
    ]
    last, first_four = made[-1], made[:4]
    taken = threading.Lock()
    numbers = iter(range(8))

    def send() -> int:
        with taken:
            n = next(numbers)
        client = Client(raise_request_exception=False)  # a 500 counts, like any answer
        if n % 2:
            return client.post(f"/slides/{last.pk}/move/", {"to": "up"}).status_code
        return client.post(f"/slides/{first_four[n // 2].pk}/delete/").status_code

    assert at_once(8, send) == [303] * 8
    kept = Slide.objects.order_by("position").values_list("position", "title")
    assert list(kept) == [(1, "S8"), (2, "S5"), (3, "S6"), (4, "S7")]
