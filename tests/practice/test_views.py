"""The practice pages: the home page, a typed answer from question to feedback, keeping and
deleting, the status poll and the history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup, Tag
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.interviews.models import Round
from nextround.practice import services
from nextround.practice.models import Attempt, PracticeSession, Status
from tests.practice.helpers import GOOD, RAMBLING, _attempt_at, _behavioral, _left_behind

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(user: User) -> Client:
    return Client()


def _soup(html: bytes) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_home_offers_the_three_sources_and_preselects_a_round(
    client: Client, rounds: list[Round]
) -> None:
    response = client.get(f"/practice/?round={rounds[1].pk}")
    assert response.status_code == 200
    soup = _soup(response.content)
    assert soup.select_one('input[name="source"][value="round"][checked]')
    assert soup.select_one(f'select[name="round"] option[value="{rounds[1].pk}"][selected]')


def _untouched(form: Tag) -> dict[str, str]:
    """What a browser sends for the start form as it first shows."""
    inputs = form.select("input[name]:not([type=radio])")
    data = {str(i["name"]): str(i.get("value", "")) for i in inputs}
    data |= {str(i["name"]): str(i["value"]) for i in form.select("input[type=radio][checked]")}
    for select in form.select("select[name]"):
        chosen = select.select_one("option[selected]") or select.select_one("option")
        data[str(select["name"])] = str(chosen["value"]) if chosen else ""
    data |= {str(t["name"]): t.get_text() for t in form.select("textarea[name]")}
    return data


def _start_untouched(client: Client) -> PracticeSession:
    form = _soup(client.get("/practice/").content).select_one("form.start-form")
    assert form is not None
    started = client.post("/practice/start/", _untouched(form))
    assert started.status_code == 303, started.content.decode()[:500]
    return PracticeSession.objects.get()


def test_the_untouched_form_starts_on_the_basics_without_a_round(client: Client) -> None:
    session = _start_untouched(client)
    assert (session.category, session.round_id) == ("basics", None)
    assert session.questions.count() > 0


def test_the_untouched_form_starts_on_the_next_rounds_questions(
    client: Client, rounds: list[Round]
) -> None:
    ahead = rounds[1]
    ahead.starts_at = timezone.now() + timedelta(days=3)
    ahead.ends_at = ahead.starts_at + timedelta(hours=2)
    ahead.save()
    session = _start_untouched(client)
    assert session.round_id == ahead.pk
    assert session.questions.count() > 0


def test_each_source_has_its_own_part_of_the_form(client: Client) -> None:
    form = _soup(client.get("/practice/").content).select_one("form.start-form")
    assert form is not None
    parts = {p["class"][1]: p for p in form.select(".source-part")}
    assert set(parts) == {"for-round", "for-category", "for-own"}
    assert parts["for-round"].select_one("select[name=round]")
    assert parts["for-category"].select_one("select[name=category]")
    assert parts["for-own"].select_one("textarea[name=own]")


def test_starting_without_a_category_shows_a_form_error(client: Client) -> None:
    response = client.post("/practice/start/", {"source": "category", "count": 3})
    assert response.status_code == 400
    assert "Choose a kind of question." in response.content.decode()
    assert not PracticeSession.objects.exists()


def test_a_typed_answer_goes_from_question_to_feedback(client: Client, user: User) -> None:
    response = client.post(
        "/practice/start/", {"source": "category", "category": "behavioral", "count": 2}
    )
    assert response.status_code == 303
    session = PracticeSession.objects.get()
    assert response["Location"] == f"/practice/sessions/{session.pk}/1/"
    question_page = client.get(response["Location"])
    assert session.questions.get(position=1).text in question_page.content.decode()

    answered = client.post(response["Location"], {"text": GOOD})
    assert answered.status_code == 303
    attempt = Attempt.objects.get()
    assert answered["Location"] == f"/practice/attempts/{attempt.pk}/"
    feedback = _soup(client.get(answered["Location"]).content)
    assert feedback.select_one(".score").get_text() == str(attempt.score)  # type: ignore[union-attr]
    assert [m.get_text() for m in feedback.select(".transcript mark.filler")] == ["um", "you know"]
    assert len(feedback.select("ul.tips li")) >= 2
    checks = feedback.select("ul.parts")[0].select("li")
    assert [li.strong.get_text() for li in checks] == ["Point first", "Conclusion", "Length"]  # type: ignore[union-attr]
    assert all(li["class"] in (["ok"], ["missing"]) for li in checks)
    assert feedback.select_one(f'a[href="/practice/sessions/{session.pk}/2/"]')


def test_an_empty_typed_answer_answers_400_with_the_message(client: Client, user: User) -> None:
    session = _behavioral(user)
    response = client.post(f"/practice/sessions/{session.pk}/1/", {"text": "  "})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_keep_and_delete_redirect_with_303(client: Client, user: User) -> None:
    question = _behavioral(user).questions.get(position=1)
    attempt = services.attempt_typed(owner=user, question=question, text=GOOD)
    kept = client.post(f"/practice/attempts/{attempt.pk}/keep/")
    assert kept.status_code == 303
    attempt.refresh_from_db()
    assert attempt.kept
    deleted = client.post(f"/practice/attempts/{attempt.pk}/delete/")
    assert deleted.status_code == 303
    assert deleted["Location"] == f"/practice/sessions/{question.session_id}/1/"
    assert not Attempt.objects.exists()


def test_the_status_of_an_attempt_is_json(client: Client, user: User) -> None:
    question = _behavioral(user).questions.get(position=1)
    attempt = services.attempt_typed(owner=user, question=question, text=GOOD)
    state = client.get(f"/practice/attempts/{attempt.pk}/status/").json()
    assert state == {
        "status": "done",
        "progress": 0.0,
        "error": "",
        "url": f"/practice/attempts/{attempt.pk}/",
    }


def test_history_page_draws_svg_charts_with_a_table_of_figures(client: Client, user: User) -> None:
    _attempt_at(user, "behavioral", GOOD, 2)
    _attempt_at(user, "behavioral", RAMBLING, 1)
    soup = _soup(client.get("/practice/history/").content)
    svgs = soup.select("svg[role=img]")
    assert len(svgs) == 2  # score and fillers; pace has no recordings to draw
    assert len(soup.select("svg polyline")) == 2
    rows = soup.select("figure.chart table tbody tr")
    assert len(rows) == 4
    assert soup.find(string="Nothing to draw yet.")


def test_another_accounts_session_is_not_found(
    client: Client, user: User, other_user: User
) -> None:
    theirs = _behavioral(other_user)
    assert client.get(f"/practice/sessions/{theirs.pk}/").status_code == 404
    assert client.get(f"/practice/sessions/{theirs.pk}/1/").status_code == 404
    mine = _behavioral(user, count=1)
    assert client.get(f"/practice/sessions/{mine.pk}/9/").status_code == 404


# --- recordings left queued: the pages never queue them again ------------------------------


def test_pages_and_the_status_poll_queue_nothing(
    client: Client, user: User, queue: list[int]
) -> None:
    attempt = _left_behind(user, Status.TRANSCRIBING, 0.4)
    table = Attempt._meta.db_table
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/practice/").status_code == 200
        page = client.get(f"/practice/attempts/{attempt.pk}/")
        state = client.get(f"/practice/attempts/{attempt.pk}/status/").json()
    assert _soup(page.content).select_one("progress#transcribe-progress")  # still shown waiting
    assert (state["status"], state["progress"]) == ("transcribing", 0.4)
    assert queue == []
    writes = [
        q["sql"]
        for q in captured.captured_queries
        if table in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert writes == []
    attempt.refresh_from_db()
    assert (attempt.status, attempt.progress) == (Status.TRANSCRIBING, 0.4)
