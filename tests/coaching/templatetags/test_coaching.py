"""The tags that drop coaching into the candidate's pages: the thread (with the form to start
one, for a coach) and the assigned practice; in local mode nothing, without a query."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.coaching import comments, services
from nextround.coaching.models import Area
from nextround.practice.models import Attempt, PracticeQuestion, PracticeSession
from nextround.stories.models import Story
from tests.coaching.conftest import Accounts

pytestmark = pytest.mark.django_db

THREAD = Template("{% load coaching %}{% thread area item %}")
ASSIGNED = Template("{% load coaching %}{% assigned_practice %}")


def render(template: Template, viewer: User, **values: Any) -> tuple[str, int]:
    request = RequestFactory().get("/somewhere/?page=2")
    request.user = viewer
    with CaptureQueriesContext(connection) as captured:
        html = template.render(Context({"request": request, **values}))
    return html, len(captured.captured_queries)


@pytest.fixture
def shared(accounts: Accounts) -> tuple[Story, Attempt]:
    story = Story.objects.create(owner=accounts.ana, title="The late shipment")
    session = PracticeSession.objects.create(owner=accounts.ana)
    question = PracticeQuestion.objects.create(
        session=session, position=1, text="Why us?", category="basics"
    )
    attempt = Attempt.objects.create(owner=accounts.ana, question=question, text="Because.")
    for area in (Area.STORIES, Area.PRACTICE):
        services.share(
            candidate=accounts.ana, coach_name="cora", area=area, item_id=None, now=timezone.now()
        )
    return story, attempt


def test_a_coach_gets_the_form_to_start_a_thread(
    server: None, accounts: Accounts, shared: tuple[Story, Attempt]
) -> None:
    story, attempt = shared
    on_story, queries = render(THREAD, accounts.cora, area="stories", item=story)
    assert queries == 2  # the share, then the comments
    assert 'action="/comments/add/"' in on_story
    assert 'name="next" value="/somewhere/?page=2"' in on_story
    assert f'name="item_id" value="{story.pk}"' in on_story
    assert 'name="at"' not in on_story and "comments.js" not in on_story
    on_answer, _ = render(THREAD, accounts.cora, area="practice", item=attempt)
    assert 'name="at"' in on_answer and 'name="quote"' in on_answer
    assert "coaching/comments.js" in on_answer


def test_the_candidate_sees_nothing_until_there_is_a_comment(
    server: None, accounts: Accounts, shared: tuple[Story, Attempt]
) -> None:
    story, _ = shared
    assert render(THREAD, accounts.ana, area="stories", item=story) == ("", 1)
    comments.comment_add(
        author=accounts.cora,
        area=Area.STORIES,
        item_id=story.pk,
        body="Lead with the number.",
        now=timezone.now(),
    )
    html, queries = render(THREAD, accounts.ana, area="stories", item=story)
    assert queries == 1
    assert "Lead with the number." in html and "<strong>cora</strong>" in html


def test_local_mode_renders_nothing_without_a_query(user: User, accounts: Accounts) -> None:
    story = Story.objects.create(owner=user, title="Mine")
    services.share(
        candidate=user, coach_name="cora", area=Area.STORIES, item_id=None, now=timezone.now()
    )
    comments.comment_add(
        author=accounts.cora, area=Area.STORIES, item_id=story.pk, body="Hi", now=timezone.now()
    )
    assert render(THREAD, user, area="stories", item=story) == ("", 0)
    assert render(ASSIGNED, user) == ("", 0)


def test_assigned_practice_is_one_query_and_nothing_when_there_is_none(
    server: None, accounts: Accounts
) -> None:
    assert render(ASSIGNED, accounts.ana) == ("", 1)


def test_moment() -> None:
    assert Template("{% load coaching %}{{ s|moment }}").render(Context({"s": 125.9})) == "2:05"
