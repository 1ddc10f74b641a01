"""The sharing page and the coach's pages, through the web as remote browsers on a shared
server: sharing and taking back, the form's refusals, the log the candidate reads, the coach's
read-only pages of what is shared (and 404 for the rest, in the same words), the dashboard's
upcoming rounds, readiness and what is new, in queries that do not grow with the candidates."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.coaching import access, services
from nextround.coaching.models import Area, AuditAction, AuditEntry, Role, Share
from nextround.interviews.models import Opportunity, Round
from nextround.interviews.selectors import carry_forward
from nextround.practice import services as practice
from nextround.practice.models import Attempt
from nextround.prep import selectors as prep_selectors
from nextround.prep import services as prep
from nextround.stories.models import Story
from nextround.workspace.demo import demo_load
from tests.coaching.conftest import account

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def server_mode(settings: Any, tmp_path: Path) -> None:
    settings.APP = dataclasses.replace(settings.APP, mode="server", data_dir=tmp_path)


def browser(user: User) -> Client:
    client = Client(REMOTE_ADDR="192.0.2.20")  # not this machine: nobody is signed in for it
    client.force_login(user)
    return client


def share(candidate: User, area: Area, item_id: int | None = None, coach: str = "cora") -> Share:
    return services.share(
        candidate=candidate, coach_name=coach, area=area, item_id=item_id, now=timezone.now()
    )


def first(model: type[Any], owner: User) -> Any:
    return model.objects.filter(owner=owner).order_by("pk").first()


def typed_attempt(owner: User) -> Attempt:
    session = practice.session_start(owner=owner, category="behavioral", count=1)
    return practice.attempt_typed(
        owner=owner,
        question=session.questions.get(),
        text="I rewrote the dock schedule; trucks waited a fifth less within six weeks.",
    )


def text(response: Any) -> str:
    return str(response.content.decode())


def only_comment_forms(page: str) -> bool:
    """The page's main part posts nothing but a comment: the coach reads, and may comment."""
    actions = re.findall(r'<form method="post" action="([^"]*)"', page.split("<main")[1])
    posts = page.split("<main")[1].count('method="post"')
    return posts == len(actions) and all(a.startswith("/comments/") for a in actions)


# --- the candidate's sharing page ----------------------------------------------------------


def test_sharing_an_area_then_taking_it_back_shows_in_the_list_and_the_log(
    ana: User, cora: User
) -> None:
    account("dev", Role.COACH)
    page = browser(ana)
    shown = text(page.get("/sharing/"))
    assert '<option value="cora">' in shown and '<option value="dev">' in shown
    assert 'value="stories"' in shown  # a whole area
    story = first(Story, ana)
    assert f'value="stories:{story.pk}"' in shown  # or one item

    response = page.post("/sharing/", {"coach": "cora", "what": "stories"})
    assert response.status_code == 303
    assert response["Location"] == "/sharing/"
    given = Share.objects.get()
    assert (given.coach, given.area, given.item_id) == (cora, Area.STORIES, None)
    shown = text(page.get("/sharing/"))
    assert "All stories" in shown
    assert "shared all stories with cora" in shown  # the log

    response = page.post(f"/sharing/{given.pk}/revoke/")
    assert response.status_code == 303
    assert not Share.objects.exists()
    shown = text(page.get("/sharing/"))
    assert "no coach sees any of your material" in shown
    assert "revoked all stories from cora" in shown


def test_a_bad_share_answers_400_and_saves_nothing(ana: User, cora: User) -> None:
    ben = account("ben", Role.CANDIDATE)
    theirs = Story.objects.create(owner=ben, title="Ben's own")
    page = browser(ana)
    for data in (
        {"coach": "ben", "what": "stories"},  # not a coach
        {"coach": "nobody", "what": "stories"},
        {"coach": "cora", "what": f"stories:{theirs.pk}"},  # another's story
        {"coach": "cora", "what": "stories:99999999999999999999"},
        {"coach": "cora", "what": "everything"},
        {"coach": "cora"},
    ):
        response = page.post("/sharing/", data)
        assert response.status_code == 400, data
        assert "errorlist" in text(response)
    assert not Share.objects.exists()
    assert not AuditEntry.objects.exists()


def test_only_the_candidate_takes_a_share_back(ana: User, cora: User) -> None:
    given = share(ana, Area.FIT)
    ben = account("ben", Role.CANDIDATE)
    assert browser(ben).post(f"/sharing/{given.pk}/revoke/").status_code == 404
    assert browser(cora).post(f"/sharing/{given.pk}/revoke/").status_code == 404
    assert Share.objects.filter(pk=given.pk).exists()


def test_the_story_and_round_pages_share_their_item_and_come_back(ana: User, cora: User) -> None:
    page = browser(ana)
    story = first(Story, ana)
    shown = text(page.get(f"/stories/{story.pk}/"))
    assert f'name="what" value="stories:{story.pk}"' in shown
    response = page.post(
        "/sharing/",
        {"coach": "cora", "what": f"stories:{story.pk}", "next": f"/stories/{story.pk}/"},
    )
    assert response.status_code == 303
    assert response["Location"] == f"/stories/{story.pk}/"
    assert access.item_get(cora, Area.STORIES, story.pk) == story

    round_ = first(Round, ana)
    assert f'value="rounds:{round_.pk}"' in text(page.get(f"/rounds/{round_.pk}/"))
    elsewhere = {"coach": "cora", "what": f"rounds:{round_.pk}", "next": "https://evil.example/"}
    response = page.post("/sharing/", elsewhere)
    assert response["Location"] == "/sharing/"  # never to another site


def test_the_menu_offers_sharing_to_all_and_the_coach_pages_to_coaches(
    ana: User, cora: User
) -> None:
    mine = text(browser(ana).get("/"))
    assert 'href="/sharing/"' in mine and 'href="/coach/"' not in mine
    theirs = text(browser(cora).get("/coach/"))
    assert 'href="/coach/"' in theirs and 'href="/sharing/"' in theirs


# --- the coach's pages ---------------------------------------------------------------------


def test_a_shared_story_is_read_only_for_the_coach_and_the_read_is_logged(
    ana: User, cora: User
) -> None:
    shared, private = Story.objects.filter(owner=ana).order_by("pk")[:2]
    share(ana, Area.STORIES, shared.pk)
    response = browser(cora).get(f"/coach/stories/{shared.pk}/")
    assert response.status_code == 200
    shown = text(response)
    assert shared.title in shown and "How it reads" in shown
    assert only_comment_forms(shown)  # nothing of the candidate's to change
    read = AuditEntry.objects.get(action=AuditAction.READ)
    assert (read.candidate, read.actor, read.item_id) == (ana, cora, shared.pk)
    assert "cora" in text(browser(ana).get("/sharing/"))

    missing = browser(cora).get(f"/coach/stories/{private.pk}/")
    unknown = browser(cora).get("/coach/stories/99999999/")
    assert missing.status_code == unknown.status_code == 404
    assert access.NOTHING_HERE in text(missing) and access.NOTHING_HERE in text(unknown)
    assert AuditEntry.objects.filter(action=AuditAction.READ).count() == 1


def test_coach_pages_are_not_for_candidates(ana: User, cora: User) -> None:
    share(ana, Area.STORIES)
    story = first(Story, ana)
    for url in ("/coach/", f"/coach/candidates/{ana.pk}/", f"/coach/stories/{story.pk}/"):
        assert browser(ana).get(url).status_code == 404, url


def test_a_shared_attempt_shows_its_feedback_and_plays_its_recording(ana: User, cora: User) -> None:
    typed = typed_attempt(ana)
    spoken = typed_attempt(ana)
    sound = b"RIFF\x24\x00\x00\x00WAVEfmt "
    (practice.recordings_dir() / "answer.wav").write_bytes(sound)
    Attempt.objects.filter(pk=spoken.pk).update(audio="answer.wav")
    share(ana, Area.PRACTICE)
    coach = browser(cora)

    shown = text(coach.get(f"/coach/attempts/{typed.pk}/"))
    assert typed.question.text in shown and "Score" in shown and "dock schedule" in shown
    assert "<audio" not in shown
    assert coach.get(f"/coach/attempts/{typed.pk}/audio/").status_code == 404

    assert f"/coach/attempts/{spoken.pk}/audio/" in text(coach.get(f"/coach/attempts/{spoken.pk}/"))
    audio = coach.get(f"/coach/attempts/{spoken.pk}/audio/")
    assert audio.status_code == 200
    assert b"".join(audio.streaming_content) == sound  # type: ignore[attr-defined]
    dev = browser(account("dev", Role.COACH))
    assert dev.get(f"/coach/attempts/{spoken.pk}/audio/").status_code == 404


def test_a_shared_round_shows_its_plan_and_brief_read_only(ana: User, cora: User) -> None:
    round_ = Round.objects.filter(owner=ana).order_by("-starts_at").first()
    assert round_ is not None
    share(ana, Area.ROUNDS, round_.pk)
    shown = text(browser(cora).get(f"/coach/rounds/{round_.pk}/"))
    assert "ready" in shown and 'class="brief"' in shown and round_.opportunity.company in shown
    assert "/plan/" not in shown and only_comment_forms(shown)


def test_a_shared_scorecard_is_read_only(ana: User, cora: User) -> None:
    opportunity = first(Opportunity, ana)
    share(ana, Area.FIT, opportunity.pk)
    shown = text(browser(cora).get(f"/coach/opportunities/{opportunity.pk}/fit/"))
    assert "Weighted total" in shown and "Must-haves" in shown
    assert only_comment_forms(shown)


def test_the_candidate_page_lists_what_is_shared_and_nothing_else(ana: User, cora: User) -> None:
    story = first(Story, ana)
    share(ana, Area.STORIES, story.pk)
    shown = text(browser(cora).get(f"/coach/candidates/{ana.pk}/"))
    assert f"/coach/stories/{story.pk}/" in shown
    others = Story.objects.filter(owner=ana).exclude(pk=story.pk)
    assert others.exists()
    assert all(f"/coach/stories/{s.pk}/" not in shown for s in others)
    assert "/coach/rounds/" not in shown
    ben = account("ben", Role.CANDIDATE)
    assert browser(cora).get(f"/coach/candidates/{ben.pk}/").status_code == 404


# --- the dashboard -------------------------------------------------------------------------


def test_the_dashboard_shows_shared_rounds_with_readiness_and_what_is_new(
    ana: User, cora: User
) -> None:
    coach = browser(cora)
    story = first(Story, ana)
    share(ana, Area.STORIES, story.pk)
    ahead = Round.objects.filter(owner=ana, starts_at__gt=timezone.now()).get()
    shown = text(coach.get("/coach/"))
    assert "ana" in shown and f"/coach/stories/{story.pk}/" in shown  # new: never opened
    assert f"/coach/rounds/{ahead.pk}/" not in shown  # not shared: not even mentioned
    assert "None shared" in shown

    share(ana, Area.ROUNDS)
    now = timezone.now()
    keys = prep_selectors.round_plan(carry=carry_forward(round_=ahead), now=now).plan.item_keys()
    prep.plan_item_set(round_=ahead, key=sorted(keys)[0], status="done", now=now)
    expected = prep_selectors.round_plan(carry=carry_forward(round_=ahead), now=now).readiness
    shown = text(coach.get("/coach/"))
    assert f"/coach/rounds/{ahead.pk}/" in shown
    readiness = re.search(r"<strong>(\d+)</strong>/100 ready", shown)
    assert readiness is not None and int(readiness.group(1)) == expected.score

    coach.get(f"/coach/stories/{story.pk}/")  # read: no longer new
    shown = text(coach.get("/coach/"))
    assert f'href="/coach/stories/{story.pk}/"' not in shown
    assert "You last looked on" in shown

    later = timezone.now() + timedelta(seconds=1)
    Story.objects.filter(pk=story.pk).update(updated_at=later)  # changed since the read
    assert f'href="/coach/stories/{story.pk}/"' in text(coach.get("/coach/"))


def test_the_dashboard_keeps_each_card_until_that_candidates_records_change(
    cora: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card is drawn again only for the candidate whose stamp moved (the clock is held, an
    hour after the material was made, so the minute cannot turn between requests)."""
    _candidates(2, 0)
    held = timezone.now() + timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: held)
    coach = browser(cora)

    def drawn() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            response = coach.get("/coach/")
        assert response.status_code == 200
        return text(response), len(queries)

    first, drawing = drawn()
    again, keeping = drawn()
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')  # the sign-out form's
    assert token.sub("", again) == token.sub("", first) and keeping < drawing
    story = Story.objects.filter(owner__username="candidate01").first()
    assert story is not None and f"/coach/stories/{story.pk}/" in again
    coach.get(f"/coach/stories/{story.pk}/")  # read: the card of candidate01 only moves
    after, redrawing = drawn()
    assert f'href="/coach/stories/{story.pk}/"' not in after
    assert keeping < redrawing and after.count("You have not opened anything") == 1


def _candidates(count: int, start: int) -> None:
    for n in range(start, start + count):
        candidate = account(f"candidate{n:02d}", Role.CANDIDATE)
        demo_load(owner=candidate, now=timezone.now())
        for area in Area:
            share(candidate, area)


def test_the_dashboard_needs_the_same_queries_for_2_and_20_candidates(cora: User) -> None:
    coach = browser(cora)
    counts = []
    for count, start in ((2, 0), (18, 2)):
        _candidates(count, start)
        with CaptureQueriesContext(connection) as queries:
            response = coach.get("/coach/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert text(response).count('data-testid="candidate"') == 20
    assert counts[0] == counts[1], counts
