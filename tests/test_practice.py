"""Practice sessions: choosing questions, typed attempts and their figures, keeping the best,
the history and its charts, and the pages. Recordings are in test_practice_voice.py."""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Callable
from datetime import timedelta
from typing import Any, cast

import pytest
import waitress
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.errors import Invalid, NotFound
from nextround.feedback import analyze_answer
from nextround.interviews.models import Round
from nextround.playbook import knowledge
from nextround.practice import charts, jobs, selectors, services
from nextround.practice.models import (
    Attempt,
    PracticeQuestion,
    PracticeSession,
    Status,
    question_key,
)
from nextround.practice.present import highlighted

pytestmark = pytest.mark.django_db

# A behavioral answer with a plain structure, a number, and two fillers ("um", "you know").
GOOD = (
    "Last spring our clinic's appointment no-show rate had climbed to one in five. "
    "My job was to bring it down before the summer rush. "
    "I pulled six months of booking data, um, and found most no-shows were Monday mornings. "
    "I set up text reminders two days ahead and I moved Monday slots to the afternoon. "
    "As a result, no-shows fell to 8% within two months, you know, and we filled 40 more "
    "appointments a week."
)
RAMBLING = " ".join(["I think maybe we sort of just tried things, like, and so on."] * 45)


def _behavioral(user: User, count: int = 3) -> PracticeSession:
    return services.session_start(owner=user, category="behavioral", count=count)


# --- choosing questions --------------------------------------------------------------------


def test_a_category_session_takes_that_kind_of_question_from_the_bank(user: User) -> None:
    session = _behavioral(user, count=4)
    questions = list(session.questions.all())
    bank = {q.id: q for q in knowledge.questions()}
    assert [q.position for q in questions] == [1, 2, 3, 4]
    assert all(q.category == "behavioral" for q in questions)
    assert all(bank[q.bank_id].text == q.text for q in questions)


def test_a_category_session_puts_the_least_practised_questions_first(user: User) -> None:
    first = _behavioral(user, count=2)
    done = first.questions.get(position=1)
    services.attempt_typed(owner=user, question=done, text=GOOD)
    again = _behavioral(user, count=2)
    assert done.key not in [q.key for q in again.questions.all()]
    assert first.questions.get(position=2).key == again.questions.get(position=1).key


def test_a_round_session_takes_the_rounds_likely_questions(user: User, rounds: list[Round]) -> None:
    session = services.session_start(owner=user, round_=rounds[1], count=6)
    texts = [q.text for q in session.questions.all()]
    assert len(texts) == 6
    assert session.round == rounds[1]
    from nextround.interviews.selectors import carry_forward
    from nextround.prep.selectors import round_likely

    expected = [q.text for q in round_likely(carry=carry_forward(round_=rounds[1]), limit=6)]
    assert texts == expected


def test_own_questions_are_classified_and_blank_lines_skipped(user: User) -> None:
    session = services.session_start(
        owner=user,
        own=["Tell me about a time you disagreed with your manager.", "  ", "Why us?"],
    )
    questions = list(session.questions.all())
    assert [q.text for q in questions] == [
        "Tell me about a time you disagreed with your manager.",
        "Why us?",
    ]
    assert questions[0].category == "behavioral"
    assert all(q.bank_id == "" for q in questions)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "Choose one"),
        ({"category": "behavioral", "own": ["Why us?"]}, "Choose one"),
        ({"category": "astrology"}, "no question category"),
        ({"category": "behavioral", "count": 0}, "between 1 and 20"),
        ({"own": [f"Question {i}?" for i in range(21)]}, "at most 20"),
        ({"own": ["x" * 1001]}, "at most 1000 characters"),
    ],
)
def test_a_session_needs_one_valid_source(user: User, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(Invalid, match=message):
        services.session_start(owner=user, **kwargs)
    assert not PracticeSession.objects.exists()


def test_the_same_question_has_the_same_key_whatever_its_case_and_spacing() -> None:
    assert question_key("Why  this company?") == question_key("why this company")
    assert question_key("Why this company?") != question_key("Why this role?")


# --- attempts ------------------------------------------------------------------------------


def test_a_typed_attempt_keeps_the_figures_of_its_analysis(user: User) -> None:
    question = cast(PracticeQuestion, _behavioral(user).questions.first())
    attempt = services.attempt_typed(owner=user, question=question, text=f"  {GOOD}\n")
    report = analyze_answer(GOOD, question=question.text)
    attempt.refresh_from_db()
    assert attempt.text == GOOD
    assert attempt.mode == "typed" and attempt.status == "done"
    assert attempt.score == report.score
    assert attempt.fillers_per_minute == report.fillers.per_minute
    assert report.fillers.count == 2
    assert attempt.pace_measured is False  # a typed answer's pace is an estimate


def test_an_empty_answer_is_refused_and_nothing_is_saved(user: User) -> None:
    question = cast(PracticeQuestion, _behavioral(user).questions.first())
    with pytest.raises(Invalid):
        services.attempt_typed(owner=user, question=question, text="   ")
    assert not Attempt.objects.exists()


def test_the_posting_and_chosen_words_are_checked_in_a_round_session(
    user: User, rounds: list[Round]
) -> None:
    opportunity = rounds[1].opportunity
    opportunity.posting_text = (
        "Requirements\n- 3+ years with SQL and Tableau dashboards\n- Lean Six Sigma\n"
    )
    opportunity.save()
    session = services.session_start(
        owner=user, round_=rounds[1], count=1, terms="patients first, Northwind"
    )
    attempt = services.attempt_typed(
        owner=user,
        question=session.questions.get(),
        text=GOOD + " I built the Tableau dashboard in SQL, because patients first matters.",
    )
    report = selectors.report_for(attempt)
    assert "patients first" in report.company_terms.used
    assert "Northwind" in report.company_terms.missed
    assert any("tableau" in t.lower() for t in report.requirements.used)
    assert any("six sigma" in t.lower() for t in report.requirements.missed)


def test_keeping_an_attempt_unkeeps_the_others_at_the_same_question(user: User) -> None:
    first_session = _behavioral(user, count=1)
    second_session = _behavioral(user, count=1)  # least practised first: another question
    question = first_session.questions.get()
    same = second_session.questions.create(
        position=2, text=question.text.upper(), category="behavioral"
    )
    a = services.attempt_typed(owner=user, question=question, text=GOOD)
    b = services.attempt_typed(owner=user, question=same, text=RAMBLING)
    services.attempt_keep(attempt=a)
    services.attempt_keep(attempt=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.kept, b.kept) == (False, True)
    earlier = selectors.earlier_attempts(owner=user, key=question.key)
    assert [x.pk for x in earlier.attempts] == [a.pk, b.pk]
    assert earlier.best == b  # kept wins over a higher score
    assert a.score > b.score  # type: ignore[operator]


def test_without_a_kept_attempt_the_best_is_the_highest_score(user: User) -> None:
    question = _behavioral(user, count=1).questions.get()
    low = services.attempt_typed(owner=user, question=question, text=RAMBLING)
    high = services.attempt_typed(owner=user, question=question, text=GOOD)
    assert high.score > low.score  # type: ignore[operator]
    assert selectors.earlier_attempts(owner=user, key=question.key).best == high


def test_attempts_of_another_account_are_not_compared_or_found(
    user: User, other_user: User
) -> None:
    question = _behavioral(user, count=1).questions.get()
    mine = services.attempt_typed(owner=user, question=question, text=GOOD)
    theirs_q = _behavioral(other_user, count=1).questions.get()
    services.attempt_typed(owner=other_user, question=theirs_q, text=GOOD)
    assert theirs_q.key == question.key
    assert selectors.earlier_attempts(owner=user, key=question.key).attempts == [mine]
    with pytest.raises(NotFound):
        selectors.attempt_get(owner=other_user, pk=mine.pk)


# --- history and charts --------------------------------------------------------------------


def _attempt_at(user: User, category: str, text: str, days_ago: int) -> Attempt:
    session = services.session_start(owner=user, category=category, count=1)
    attempt = services.attempt_typed(owner=user, question=session.questions.get(), text=text)
    Attempt.objects.filter(pk=attempt.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return attempt


def test_history_groups_by_category_and_suggests_the_weakest(
    user: User, django_assert_num_queries: object
) -> None:
    _attempt_at(user, "behavioral", GOOD, 3)
    _attempt_at(user, "behavioral", GOOD, 2)
    _attempt_at(user, "motivation", RAMBLING, 1)
    with django_assert_num_queries(1):  # type: ignore[operator]
        data = selectors.history(owner=user)
    assert data.total == 3
    assert [c.category for c in data.categories] == ["behavioral", "motivation"]
    assert data.weakest[0].category == "motivation"
    behavioral = data.categories[0]
    assert [p.at for p in behavioral.score] == sorted(p.at for p in behavioral.score)
    assert behavioral.pace == []  # typed answers have no measured pace


def test_a_chart_places_higher_values_higher_and_later_points_further_right(user: User) -> None:
    _attempt_at(user, "behavioral", RAMBLING, 5)
    _attempt_at(user, "behavioral", GOOD, 1)
    chart = charts.over_time(
        selectors.history(owner=user).categories, "score", title="Score", unit="", high=100
    )
    (series,) = chart.series
    (x1, y1), (x2, y2) = series.points
    assert x1 == charts.LEFT and x2 == charts.WIDTH - charts.RIGHT
    assert y2 < y1  # the better, later score is drawn higher
    assert all(charts.TOP <= y <= charts.HEIGHT - charts.BOTTOM for _, y in series.points)
    assert [t.label for t in chart.y_ticks] == ["0", "25", "50", "75", "100"]


def test_an_empty_metric_draws_no_chart_and_a_band_is_shaded(user: User) -> None:
    _attempt_at(user, "behavioral", GOOD, 1)
    categories = selectors.history(owner=user).categories
    assert charts.over_time(categories, "pace", title="Pace", unit="").empty
    chart = charts.over_time(categories, "fillers", title="F", unit="", band=(1.0, 2.0))
    assert chart.band is not None and chart.band.height > 0


def test_highlighting_marks_fillers_and_hedges_and_loses_no_text() -> None:
    text = "Um, I think it was, like, sort of hard, but I just fixed it."
    report = analyze_answer(text)
    pieces = highlighted(text, report)
    assert "".join(p.text for p in pieces) == text
    marked = {(p.text.lower(), p.kind) for p in pieces if p.kind}
    assert ("um", "filler") in marked
    assert ("i think", "hedge") in marked
    assert ("like", "filler") in marked


# --- pages ---------------------------------------------------------------------------------


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


# --- recordings left queued: only the server's start-up queues them again ------------------


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """What would have been handed to the transcription worker, which never runs here."""
    queued: list[int] = []
    monkeypatch.setattr(jobs, "enqueue", lambda pk: queued.append(pk))
    return queued


def _left_behind(user: User, status: str, progress: float) -> Attempt:
    question = _behavioral(user, count=1).questions.get()
    return Attempt.objects.create(
        owner=user,
        question=question,
        mode="spoken",
        status=status,
        progress=progress,
        audio="left-behind.wav",
    )


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


def test_serve_queues_recordings_left_behind_before_it_takes_requests(
    ok: Callable[..., str],
    user: User,
    other_user: User,
    queue: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    halfway = _left_behind(user, Status.TRANSCRIBING, 0.4)
    waiting = _left_behind(other_user, Status.QUEUED, 0.0)
    done = services.attempt_typed(owner=user, question=halfway.question, text=GOOD)
    queued_when_serving: list[list[int]] = []
    monkeypatch.setattr(waitress, "serve", lambda *a, **kw: queued_when_serving.append([*queue]))
    wsgi = types.ModuleType("nextround.wsgi")
    wsgi.application = object()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "nextround.wsgi", wsgi)
    for name in ("NEXTROUND_HOST", "NEXTROUND_PORT"):  # serve sets them; put them back after
        monkeypatch.setenv(name, os.environ.get(name, ""))

    out = ok("serve", "--port", "8799")
    assert "Transcribing 2 recording(s) left from the last run." in out
    assert [sorted(q) for q in queued_when_serving] == [sorted([halfway.pk, waiting.pk])]
    assert done.pk not in queue
    halfway.refresh_from_db()
    assert (halfway.status, halfway.progress) == (Status.QUEUED, 0.0)  # starts over
