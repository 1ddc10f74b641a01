"""The comment forms as a browser sends them: a coach comments, the candidate reads the thread
in place on their own pages, replies and resolves; POST answers 303 back to the page it came
from (never to another site), bad input 400 with the form's error, what is not theirs 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.coaching import comments, services
from nextround.coaching.models import Area, Comment
from nextround.interviews import services as interviews
from nextround.interviews.models import Opportunity, Round
from nextround.practice.models import Attempt, Mode, PracticeQuestion, PracticeSession
from nextround.stories.models import Story
from tests.coaching.conftest import Accounts

pytestmark = pytest.mark.django_db

Browser = Callable[[User], Client]


@pytest.fixture
def story(accounts: Accounts) -> Story:
    mine = Story.objects.create(owner=accounts.ana, title="The late shipment")
    services.share(
        candidate=accounts.ana,
        coach_name="cora",
        area=Area.STORIES,
        item_id=mine.pk,
        now=timezone.now(),
    )
    return mine


def post_comment(client: Client, story: Story, **fields: str) -> tuple[int, str]:
    data = {"area": "stories", "item_id": str(story.pk), "body": "Lead with the 40%."}
    data.update(fields)
    response = client.post("/comments/add/", data)
    return response.status_code, response.get("Location", response.content.decode())


def test_a_coach_comments_and_the_candidate_replies_and_resolves_in_place(
    accounts: Accounts, story: Story, browser_of: Browser
) -> None:
    coach, candidate = browser_of(accounts.cora), browser_of(accounts.ana)
    page = f"/stories/{story.pk}/"
    assert 'id="comments"' not in candidate.get(page).content.decode()  # none yet: no card

    status, location = post_comment(coach, story, next="/coach/somewhere/?tab=1")
    root = Comment.objects.get()
    assert (status, location) == (303, f"/coach/somewhere/?tab=1#comment-{root.pk}")

    shown = candidate.get(page).content.decode()
    assert "Lead with the 40%." in shown
    assert f'action="/comments/{root.pk}/reply/"' in shown
    assert f'action="/comments/{root.pk}/resolve/"' in shown
    assert 'action="/comments/add/"' not in shown  # a candidate answers; coaches start threads

    reply = candidate.post(f"/comments/{root.pk}/reply/", {"body": "Done.", "next": page})
    assert (reply.status_code, reply["Location"]) == (303, f"{page}#comment-{root.pk}")
    assert coach.post(f"/comments/{root.pk}/reply/", {"body": "Better."}).status_code == 303
    shown = candidate.get(page).content.decode()
    assert shown.index("Lead with the 40%.") < shown.index("Done.") < shown.index("Better.")

    resolved = candidate.post(f"/comments/{root.pk}/resolve/", {"next": page})
    # At the comments, not the thread: a browser would open the fold to show it.
    assert (resolved.status_code, resolved["Location"]) == (303, f"{page}#comments")
    shown = candidate.get(page).content.decode()
    assert "1 resolved thread" in shown
    assert shown.index("<details") < shown.index("Lead with the 40%.")  # folded away
    assert f'action="/comments/{root.pk}/reopen/"' in shown
    assert candidate.post(f"/comments/{root.pk}/reopen/").status_code == 303
    assert "resolved thread" not in candidate.get(page).content.decode()


@pytest.mark.parametrize(
    "next_",
    [
        "",
        "https://elsewhere.example/stories/",
        "//elsewhere.example/",
        "javascript:alert(1)",
        "/stories/\nSet-Cookie: x=1",
        "stories/",
    ],
)
def test_a_comment_never_sends_anyone_to_another_site(
    accounts: Accounts, story: Story, browser_of: Browser, next_: str
) -> None:
    status, location = post_comment(browser_of(accounts.cora), story, next=next_)
    root = Comment.objects.get()
    # A coach lands on their read-only page of the item.
    assert (status, location) == (303, f"/coach/stories/{story.pk}/#comment-{root.pk}")
    mine = browser_of(accounts.ana).post(
        f"/comments/{root.pk}/reply/", {"next": next_, "body": "Ok"}
    )
    assert mine["Location"] == f"/stories/{story.pk}/#comment-{root.pk}"  # the item's page


def test_bad_input_answers_400_with_the_form_error_and_keeps_what_was_typed(
    accounts: Accounts, story: Story, browser_of: Browser
) -> None:
    coach = browser_of(accounts.cora)
    status, body = post_comment(coach, story, body="   ")
    assert status == 400
    assert "Write something first." in body
    assert 'action="/comments/add/"' in body  # the form again, to send once corrected
    status, body = post_comment(coach, story, quote="late", body="Which words?")
    assert status == 400
    assert "Only a practice answer has a moment or words to point at." in body
    assert "Which words?" in body
    root = comments.comment_add(
        author=accounts.cora, area=Area.STORIES, item_id=story.pk, body="Hi", now=timezone.now()
    )
    empty = browser_of(accounts.ana).post(f"/comments/{root.pk}/reply/", {"body": ""})
    assert empty.status_code == 400
    assert "Write something first." in empty.content.decode()
    assert Comment.objects.count() == 1


def test_what_is_not_theirs_is_not_found(
    accounts: Accounts, story: Story, browser_of: Browser
) -> None:
    root = comments.comment_add(
        author=accounts.cora, area=Area.STORIES, item_id=story.pk, body="Hi", now=timezone.now()
    )
    for outsider in (accounts.dev, accounts.ben):
        client = browser_of(outsider)
        assert post_comment(client, story)[0] == 404
        assert post_comment(client, story, body="")[0] == 404  # before the form is judged
        assert client.post(f"/comments/{root.pk}/reply/", {"body": "Hi"}).status_code == 404
        assert client.post(f"/comments/{root.pk}/reply/", {"body": ""}).status_code == 404
        for action in ("resolve", "reopen"):
            assert client.post(f"/comments/{root.pk}/{action}/").status_code == 404
    coach = browser_of(accounts.cora)
    assert coach.post(f"/comments/{root.pk}/resolve/").status_code == 404  # the candidate's call
    assert post_comment(coach, story, item_id="999999")[0] == 404
    assert post_comment(coach, story, area="fit")[0] == 404  # the story's id, another area
    assert coach.post("/comments/999999/reply/", {"body": "Hi"}).status_code == 404
    assert coach.get("/comments/add/").status_code == 405
    assert coach.get(f"/comments/{root.pk}/reply/").status_code == 405
    assert Comment.objects.count() == 1


def test_after_revoking_the_coach_adds_nothing_and_the_candidate_keeps_the_thread(
    accounts: Accounts, story: Story, browser_of: Browser
) -> None:
    coach = browser_of(accounts.cora)
    post_comment(coach, story)
    root = Comment.objects.get()
    given = accounts.ana.shares_given.get()
    services.revoke(candidate=accounts.ana, share_id=given.pk, now=timezone.now())
    assert post_comment(coach, story, body="Still there?")[0] == 404
    assert coach.post(f"/comments/{root.pk}/reply/", {"body": "Hello?"}).status_code == 404
    assert (
        "Lead with the 40%."
        in browser_of(accounts.ana).get(f"/stories/{story.pk}/").content.decode()
    )
    assert Comment.objects.count() == 1


def test_a_comment_on_an_answer_points_at_a_moment_or_at_words(
    accounts: Accounts, browser_of: Browser
) -> None:
    session = PracticeSession.objects.create(owner=accounts.ana)
    question = PracticeQuestion.objects.create(
        session=session, position=1, text="Why this warehouse?", category="basics"
    )
    attempt = Attempt.objects.create(
        owner=accounts.ana,
        question=question,
        mode=Mode.SPOKEN,
        text="Because the dock runs like a clock.",
        seconds=42.0,
        timings=[["Because", 0.0, 0.5], ["the", 0.6, 0.7], ["dock", 0.8, 1.2]],
    )
    services.share(
        candidate=accounts.ana,
        coach_name="cora",
        area=Area.PRACTICE,
        item_id=attempt.pk,
        now=timezone.now(),
    )
    coach = browser_of(accounts.cora)
    base = {"area": "practice", "item_id": str(attempt.pk), "body": "Slow down here."}
    assert coach.post("/comments/add/", {**base, "at": "0:00.7"}).status_code == 303
    assert coach.post("/comments/add/", {**base, "quote": "RUNS like"}).status_code == 303
    too_late = coach.post("/comments/add/", {**base, "at": "0:43"})
    assert too_late.status_code == 400
    assert "The recording is 0:42 long" in too_late.content.decode()
    for moment in ("abc", "1:75", "-3", "1e309", "NaN"):
        refused = coach.post("/comments/add/", {**base, "at": moment})
        assert refused.status_code == 400, moment
        assert "minutes:seconds" in refused.content.decode()
    missing = coach.post("/comments/add/", {**base, "quote": "runs like a train"})
    assert missing.status_code == 400
    assert "not in the answer" in missing.content.decode()

    shown = browser_of(accounts.ana).get(f"/practice/attempts/{attempt.pk}/").content.decode()
    assert "At 0:00 of the recording: “the dock …”" in shown
    assert '<blockquote class="pointer">runs like</blockquote>' in shown
    assert Comment.objects.count() == 2


def test_every_page_of_the_candidate_shows_its_thread(
    accounts: Accounts, browser_of: Browser
) -> None:
    opportunity = interviews.opportunity_create(
        owner=accounts.ana, company="Northwind", role_title="Analyst", stage="interviewing"
    )
    round_ = interviews.round_create(
        opportunity=opportunity,
        starts=datetime(2027, 3, 3, 9, 30),
        ends=datetime(2027, 3, 3, 10, 30),
        timezone_name="Europe/Berlin",
        format="panel",
        attendees=[],
    )
    now = timezone.now()
    for area in (Area.ROUNDS, Area.FIT):
        services.share(candidate=accounts.ana, coach_name="cora", area=area, item_id=None, now=now)
    item: tuple[tuple[Area, Round | Opportunity, list[str]], ...] = (
        (Area.ROUNDS, round_, [f"/rounds/{round_.pk}/", f"/rounds/{round_.pk}/brief/"]),
        (Area.FIT, opportunity, [f"/opportunities/{opportunity.pk}/fit/"]),
    )
    candidate = browser_of(accounts.ana)
    for area, record, pages in item:
        for page in pages:
            assert 'id="comments"' not in candidate.get(page).content.decode(), page
        comments.comment_add(
            author=accounts.cora, area=area, item_id=record.pk, body=f"On the {area}", now=now
        )
        for page in pages:
            shown = candidate.get(page)
            assert shown.status_code == 200
            assert f"On the {area}" in shown.content.decode(), page
    # The round's thread is the plan's and the brief's; the fit scorecard's is its own.
    assert "On the fit" not in candidate.get(f"/rounds/{round_.pk}/").content.decode()


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_thread_costs_the_same_queries_however_long(
    accounts: Accounts, story: Story, browser_of: Browser
) -> None:
    candidate = browser_of(accounts.ana)
    page = f"/stories/{story.pk}/"
    candidate.get(page)
    none = _queries(candidate, page)
    now = timezone.now()
    for n in range(4):
        root = comments.comment_add(
            author=accounts.cora, area=Area.STORIES, item_id=story.pk, body=f"{n}", now=now
        )
        for who in (accounts.ana, accounts.cora):
            comments.comment_reply(author=who, comment_id=root.pk, body="…", now=now)
    comments.comment_resolve(user=accounts.ana, comment_id=root.pk, now=now)
    assert _queries(candidate, page) == none
