"""Comments and replies: who may start, read, answer and resolve a thread; a moment of a
recording and words of a transcript; what revoking a share leaves; the candidate's audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nextround.coaching import comments, services
from nextround.coaching.models import Area, AuditAction, AuditEntry, Comment
from nextround.errors import Invalid, NotFound
from nextround.practice.models import Attempt, Mode, PracticeQuestion, PracticeSession
from nextround.stories.models import Story
from tests.coaching.conftest import Accounts

pytestmark = pytest.mark.django_db

ANSWER = "Well, I  led the Dock schedule rewrite, and dwell time fell by a fifth in six weeks."
TIMINGS = [
    ["Well,", 0.0, 0.4],
    ["I", 0.5, 0.6],
    ["led", 0.7, 0.9],
    ["the", 1.0, 1.1],
    ["Dock", 1.2, 1.5],
    ["schedule", 1.6, 2.1],
    ["rewrite,", 2.2, 2.8],
    ["and", 3.0, 3.1],
    ["dwell", 3.2, 3.5],
    ["time", 3.6, 3.9],
]


def shared_story(accounts: Accounts, *, coach: User | None = None) -> Story:
    story = Story.objects.create(owner=accounts.ana, title="The late shipment")
    services.share(
        candidate=accounts.ana,
        coach_name=(coach or accounts.cora).username,
        area=Area.STORIES,
        item_id=story.pk,
        now=timezone.now(),
    )
    return story


def shared_attempt(accounts: Accounts, *, spoken: bool) -> Attempt:
    session = PracticeSession.objects.create(owner=accounts.ana)
    question = PracticeQuestion.objects.create(
        session=session, position=1, text="Tell me about a delivery you rescued.", category="b"
    )
    attempt = Attempt.objects.create(
        owner=accounts.ana,
        question=question,
        mode=Mode.SPOKEN if spoken else Mode.TYPED,
        text=ANSWER,
        seconds=65.0 if spoken else None,
        timings=TIMINGS if spoken else [],
    )
    services.share(
        candidate=accounts.ana,
        coach_name="cora",
        area=Area.PRACTICE,
        item_id=None,
        now=timezone.now(),
    )
    return attempt


def add(
    author: User,
    item: Story | Attempt,
    body: str = "Lead with the number.",
    *,
    at_seconds: float | None = None,
    span: tuple[int, int] | None = None,
    quote: str = "",
) -> Comment:
    area = Area.PRACTICE if isinstance(item, Attempt) else Area.STORIES
    return comments.comment_add(
        author=author,
        area=area,
        item_id=item.pk,
        body=body,
        at_seconds=at_seconds,
        span=span,
        quote=quote,
        now=timezone.now(),
    )


def test_a_coach_comments_on_a_shared_story_and_the_candidate_reads_it(
    accounts: Accounts,
) -> None:
    story = shared_story(accounts)
    made = add(accounts.cora, story)
    assert (made.candidate, made.author, made.item_id) == (accounts.ana, accounts.cora, story.pk)
    seen = comments.thread_for(accounts.ana, Area.STORIES, story)
    assert seen.by_owner
    assert [t.root for t in seen.threads] == [made]
    assert [t.root for t in comments.thread_for(accounts.cora, Area.STORIES, story).threads] == [
        made
    ]
    logged = AuditEntry.objects.get(action=AuditAction.COMMENTED)
    assert (logged.candidate, logged.actor, logged.item_id) == (
        accounts.ana,
        accounts.cora,
        story.pk,
    )
    assert logged.label == "stories: The late shipment"


def test_nobody_without_a_share_comments_or_reads(accounts: Accounts) -> None:
    story = shared_story(accounts)
    add(accounts.cora, story)
    for outsider in (accounts.ben, accounts.dev):
        with pytest.raises(NotFound):
            add(outsider, story)
        with pytest.raises(NotFound):
            comments.thread_for(outsider, Area.STORIES, story)
    with pytest.raises(NotFound):
        comments.comment_add(
            author=accounts.cora,
            area=Area.STORIES,
            item_id=999_999,
            body="Hello",
            now=timezone.now(),
        )
    assert Comment.objects.count() == 1


def test_a_coach_sees_their_own_threads_and_the_candidates_never_another_coachs(
    accounts: Accounts,
) -> None:
    story = shared_story(accounts)
    services.share(
        candidate=accounts.ana,
        coach_name="dev",
        area=Area.STORIES,
        item_id=None,
        now=timezone.now(),
    )
    coras = add(accounts.cora, story, "Cut the situation to two sentences.")
    devs = add(accounts.dev, story, "Name the customer.")
    anas = add(accounts.ana, story, "I rewrote the result; does it land now?")
    comments.comment_reply(
        author=accounts.dev, comment_id=anas.pk, body="Yes, it does.", now=timezone.now()
    )

    def roots(viewer: User) -> list[Comment]:
        return [t.root for t in comments.thread_for(viewer, Area.STORIES, story).threads]

    assert roots(accounts.ana) == [coras, devs, anas]
    assert roots(accounts.cora) == [coras, anas]
    assert roots(accounts.dev) == [devs, anas]
    with pytest.raises(NotFound):
        comments.comment_reply(
            author=accounts.dev, comment_id=coras.pk, body="Agreed.", now=timezone.now()
        )
    # The candidate's own comments are not a coach's doing: only the coaches' are logged.
    assert AuditEntry.objects.filter(action=AuditAction.COMMENTED).count() == 3


def test_replies_by_both_sides_and_resolving_and_reopening(accounts: Accounts) -> None:
    story = shared_story(accounts)
    root = add(accounts.cora, story)
    now = timezone.now()
    answer = comments.comment_reply(
        author=accounts.ana, comment_id=root.pk, body="Done: 40% now leads.", now=now
    )
    # A reply to a reply joins the same thread.
    again = comments.comment_reply(
        author=accounts.cora, comment_id=answer.pk, body="Much better.", now=now
    )
    assert answer.parent == root and again.parent == root
    (only,) = comments.thread_for(accounts.ana, Area.STORIES, story).threads
    assert only.replies == [answer, again]
    assert [r.author for r in only.replies] == [accounts.ana, accounts.cora]

    with pytest.raises(NotFound):  # only the candidate resolves
        comments.comment_resolve(user=accounts.cora, comment_id=root.pk, now=now)
    comments.comment_resolve(user=accounts.ana, comment_id=again.pk, now=now)  # any comment in it
    seen = comments.thread_for(accounts.ana, Area.STORIES, story)
    assert seen.open == [] and [t.root for t in seen.resolved] == [root]

    comments.comment_resolve(user=accounts.ana, comment_id=root.pk, now=now, reopen=True)
    assert comments.thread_for(accounts.ana, Area.STORIES, story).resolved == []
    comments.comment_resolve(user=accounts.ana, comment_id=root.pk, now=now)
    comments.comment_reply(author=accounts.cora, comment_id=root.pk, body="One more.", now=now)
    root.refresh_from_db()
    assert root.resolved_at is None  # a new reply opens the thread again


def test_revoking_keeps_the_comments_and_stops_the_coach(accounts: Accounts) -> None:
    story = shared_story(accounts)
    root = add(accounts.cora, story)
    given = accounts.ana.shares_given.get()
    services.revoke(candidate=accounts.ana, share_id=given.pk, now=timezone.now())
    with pytest.raises(NotFound):
        add(accounts.cora, story, "One more thing.")
    with pytest.raises(NotFound):
        comments.comment_reply(
            author=accounts.cora, comment_id=root.pk, body="Still there?", now=timezone.now()
        )
    with pytest.raises(NotFound):
        comments.thread_for(accounts.cora, Area.STORIES, story)
    (kept,) = comments.thread_for(accounts.ana, Area.STORIES, story).threads
    assert kept.root == root
    comments.comment_reply(
        author=accounts.ana, comment_id=root.pk, body="Noted.", now=timezone.now()
    )


def test_an_empty_comment_is_refused(accounts: Accounts) -> None:
    story = shared_story(accounts)
    with pytest.raises(Invalid, match="Write something") as refused:
        add(accounts.cora, story, "  \n ")
    assert "body" in refused.value.field_errors
    root = add(accounts.cora, story)
    with pytest.raises(Invalid, match="Write something"):
        comments.comment_reply(author=accounts.ana, comment_id=root.pk, body="", now=timezone.now())
    assert Comment.objects.count() == 1


def test_a_moment_must_lie_within_the_recording(accounts: Accounts) -> None:
    attempt = shared_attempt(accounts, spoken=True)
    made = add(accounts.cora, attempt, "Here you rush.", at_seconds=1.0)
    assert made.at_seconds == 1.0
    (thread,) = comments.thread_for(accounts.ana, Area.PRACTICE, attempt).threads
    assert thread.quote == "the Dock schedule rewrite, and dwell time"  # spoken from 1 s on
    for wrong in (65.5, -1.0, float("nan"), float("inf")):
        with pytest.raises(Invalid, match="1:05 long") as refused:
            add(accounts.cora, attempt, at_seconds=wrong)
        assert "at" in refused.value.field_errors
    assert Comment.objects.count() == 1


def test_a_typed_answer_has_no_moment_and_a_story_no_span(accounts: Accounts) -> None:
    attempt = shared_attempt(accounts, spoken=False)
    with pytest.raises(Invalid, match="typed"):
        add(accounts.cora, attempt, at_seconds=3.0)
    story = shared_story(accounts)
    with pytest.raises(Invalid, match="Only a practice answer"):
        add(accounts.cora, story, quote="late shipment")
    with pytest.raises(Invalid, match="Only a practice answer"):
        add(accounts.cora, story, at_seconds=1.0)
    assert not Comment.objects.exists()


def test_quoted_words_are_found_in_the_transcript(accounts: Accounts) -> None:
    attempt = shared_attempt(accounts, spoken=True)
    # Any case, spaces as they come (the answer has two spaces after "I").
    made = add(accounts.cora, attempt, "Say what you did.", quote=" i led THE dock ")
    assert ANSWER[made.span_start : made.span_end] == "I  led the Dock"
    (thread,) = comments.thread_for(accounts.cora, Area.PRACTICE, attempt).threads
    assert thread.quote == "I  led the Dock"
    by_span = add(accounts.cora, attempt, "A number: good.", span=(55, 77))
    assert ANSWER[by_span.span_start : by_span.span_end] == "fell by a fifth in six"


def test_words_and_spans_not_in_the_answer_are_refused(accounts: Accounts) -> None:
    attempt = shared_attempt(accounts, spoken=True)
    with pytest.raises(Invalid, match="not in the answer") as refused:
        add(accounts.cora, attempt, quote="we led the dock")
    assert "quote" in refused.value.field_errors
    for span in ((5, 5), (10, 2), (-1, 4), (0, len(ANSWER) + 1)):
        with pytest.raises(Invalid, match="not within the answer"):
            add(accounts.cora, attempt, span=span)
    with pytest.raises(Invalid, match="not both"):
        add(accounts.cora, attempt, at_seconds=1.0, quote="dock")
    assert not Comment.objects.exists()


def test_a_thread_is_read_in_one_query_for_the_candidate_and_two_for_a_coach(
    accounts: Accounts,
) -> None:
    story = shared_story(accounts)
    later = timezone.now()
    for n in range(3):
        root = add(accounts.cora, story, f"Point {n}")
        for who in (accounts.ana, accounts.cora):
            comments.comment_reply(author=who, comment_id=root.pk, body="Reply", now=later)
    comments.comment_resolve(user=accounts.ana, comment_id=root.pk, now=later)
    for viewer, expected in ((accounts.ana, 1), (accounts.cora, 2)):
        with CaptureQueriesContext(connection) as queries:
            seen = comments.thread_for(viewer, Area.STORIES, story)
            names = [r.author.username for t in seen.threads for r in [t.root, *t.replies]]
        assert len(queries.captured_queries) == expected
        assert names == ["cora", "ana", "cora"] * 3
        assert [t.root.body for t in seen.threads] == ["Point 0", "Point 1", "Point 2"]
        assert [t.resolved for t in seen.threads] == [False, False, True]  # open ones first


def test_replies_are_ordered_by_time_whatever_their_ids(accounts: Accounts) -> None:
    story = shared_story(accounts)
    now = timezone.now()
    root = add(accounts.cora, story)
    late = comments.comment_reply(author=accounts.ana, comment_id=root.pk, body="2nd", now=now)
    early = comments.comment_reply(
        author=accounts.cora, comment_id=root.pk, body="1st", now=now - timedelta(minutes=5)
    )
    (thread,) = comments.thread_for(accounts.ana, Area.STORIES, story).threads
    assert thread.replies == [early, late]


def test_minutes_seconds() -> None:
    assert [comments.minutes_seconds(s) for s in (0, 5.9, 65, 600)] == [
        "0:00",
        "0:05",
        "1:05",
        "10:00",
    ]
