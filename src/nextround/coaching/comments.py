"""Comments on a candidate's material: a coach's remark on a shared story, practice answer,
round (its plan and brief) or fit scorecard, and the replies in its thread.

Who may do what, every check through ``coaching.access``:

- a thread is started by a coach who may see the item, or by the candidate (a note to every
  coach who may see it);
- the candidate sees every thread on their item; a coach sees the threads they started and the
  candidate's, while the item is shared with them, never another coach's;
- whoever sees a thread may reply to it while they may still see the item; a reply to a
  resolved thread opens it again;
- only the candidate resolves a thread, or opens it again.

Taking a share back keeps the comments already written, for the candidate to read; the coach
can neither read nor add to them until the item is shared again.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q

from nextround.coaching import access, services
from nextround.coaching.models import Area, AuditAction, Comment
from nextround.core.models import Owned
from nextround.core.services import save_validated
from nextround.errors import Invalid, NotFound
from nextround.practice.models import Attempt

#: How many words of the transcript a comment at a moment of the recording quotes.
WORDS_AT_MOMENT = 8


@dataclass(frozen=True)
class Thread:
    """A comment and its replies, with what it points at in an answer, in words."""

    root: Comment
    replies: list[Comment] = field(default_factory=list)
    quote: str = ""  # the span of the transcript, or the words spoken at the moment

    @property
    def resolved(self) -> bool:
        return self.root.resolved_at is not None


@dataclass(frozen=True)
class Discussion:
    """The threads on one item that one viewer may read, open ones first."""

    area: Area
    item: Owned
    threads: list[Thread]
    by_owner: bool  # the viewer is the candidate: they reply and resolve, a coach starts

    @property
    def open(self) -> list[Thread]:
        return [t for t in self.threads if not t.resolved]

    @property
    def resolved(self) -> list[Thread]:
        return [t for t in self.threads if t.resolved]

    @property
    def pointable(self) -> bool:
        """Whether a new comment can point at a moment or at words: a practice answer."""
        return self.area == Area.PRACTICE


def minutes_seconds(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _may_see(viewer: User, *, candidate_id: int, area: str, item_id: int) -> bool:
    return access.may_see(viewer, candidate_id=candidate_id, area=Area(area), item_id=item_id)


def _in_thread(viewer: User, root: Comment) -> bool:
    """Whether ``viewer`` takes part in the thread: its candidate always, a coach in their own
    thread or the candidate's while the item is shared with them."""
    if viewer.pk == root.candidate_id:
        return True
    if root.author_id not in (viewer.pk, root.candidate_id):
        return False
    return _may_see(viewer, candidate_id=root.candidate_id, area=root.area, item_id=root.item_id)


def thread_get(viewer: User, comment_id: int) -> Comment:
    """The first comment of the thread that ``comment_id`` is in, if ``viewer`` takes part in
    it; NotFound otherwise, the same whether it does not exist or is not theirs to see."""
    comment = Comment.objects.select_related("parent").filter(pk=comment_id).first()
    root = None if comment is None else comment.parent or comment
    if root is None or not _in_thread(viewer, root):
        raise NotFound(access.NOTHING_HERE)
    return root


def _body(body: str) -> str:
    text = body.strip()
    if not text:
        raise Invalid("Write something first.", {"body": ["Write something first."]})
    return text


def _located(text: str, quote: str) -> tuple[int, int]:
    """Where the quoted words are in the transcript: the first place they occur, in any case
    and however the spaces between them run."""
    words = quote.split()
    found = re.search(r"\s+".join(map(re.escape, words)), text, re.IGNORECASE) if words else None
    if found is None:
        message = "Those words are not in the answer: copy them from the text as it stands."
        raise Invalid(message, {"quote": [message]})
    return found.start(), found.end()


def _moment(attempt: Attempt, at_seconds: float) -> float:
    if attempt.seconds is None:
        message = "This answer was typed: there is no recording to point at."
        raise Invalid(message, {"at": [message]})
    if not math.isfinite(at_seconds) or not 0 <= at_seconds <= attempt.seconds:
        length = minutes_seconds(math.ceil(attempt.seconds))
        message = f"The recording is {length} long: give a moment within it."
        raise Invalid(message, {"at": [message]})
    return at_seconds


def _span(attempt: Attempt, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    if not 0 <= start < end <= len(attempt.text):
        message = "That span is not within the answer."
        raise Invalid(message, {"quote": [message]})
    return start, end


@dataclass(frozen=True)
class _Pointer:
    at_seconds: float | None = None
    span_start: int | None = None
    span_end: int | None = None


def _pointer(
    area: Area,
    item: Owned,
    *,
    at_seconds: float | None,
    span: tuple[int, int] | None,
    quote: str,
) -> _Pointer:
    """What a new comment points at in a practice answer: a moment of the recording, or a
    span of the transcript given by its characters or as the quoted words."""
    quote = quote.strip()
    asked = [x for x in (at_seconds is not None, span is not None, bool(quote)) if x]
    if not asked:
        return _Pointer()
    if area != Area.PRACTICE or not isinstance(item, Attempt):
        raise Invalid("Only a practice answer has a moment or words to point at.")
    if len(asked) > 1:
        message = "Point at a moment or at words, not both."
        raise Invalid(message, {"quote": [message]})
    if at_seconds is not None:
        return _Pointer(at_seconds=_moment(item, at_seconds))
    start, end = _span(item, span) if span is not None else _located(item.text, quote)
    return _Pointer(span_start=start, span_end=end)


@transaction.atomic
def comment_add(
    *,
    author: User,
    area: Area,
    item_id: int,
    body: str,
    at_seconds: float | None = None,
    span: tuple[int, int] | None = None,
    quote: str = "",
    now: datetime,
) -> Comment:
    """Start a thread on an item the author owns or may see. On a practice answer it can point
    at a moment of the recording (``at_seconds``) or at words of the transcript (``span`` in
    characters, or ``quote``, the words themselves)."""
    item = access.item_get(author, area, item_id)  # NotFound unless theirs or shared
    pointer = _pointer(area, item, at_seconds=at_seconds, span=span, quote=quote)
    comment = save_validated(
        Comment(
            candidate_id=item.owner_id,
            author=author,
            area=area,
            item_id=item.pk,
            body=_body(body),
            at_seconds=pointer.at_seconds,
            span_start=pointer.span_start,
            span_end=pointer.span_end,
            created_at=now,
        ),
        what="comment",
    )
    services.record_read(viewer=author, item=item, area=area, now=now, action=AuditAction.COMMENTED)
    return comment


@transaction.atomic
def comment_reply(*, author: User, comment_id: int, body: str, now: datetime) -> Comment:
    """Answer in a thread the author takes part in; the thread opens again if it was resolved."""
    root = thread_get(author, comment_id)
    area = Area(root.area)
    reply = save_validated(
        Comment(
            candidate_id=root.candidate_id,
            author=author,
            area=area,
            item_id=root.item_id,
            parent=root,
            body=_body(body),
            created_at=now,
        ),
        what="reply",
    )
    if root.resolved_at is not None:
        Comment.objects.filter(pk=root.pk).update(resolved_at=None)
    if author.pk != root.candidate_id:
        item = access.item_get(author, area, root.item_id)
        services.record_read(
            viewer=author, item=item, area=area, now=now, action=AuditAction.COMMENTED
        )
    return reply


def comment_resolve(*, user: User, comment_id: int, now: datetime, reopen: bool = False) -> Comment:
    """The candidate marks a thread dealt with, or (``reopen``) open again. The thread is
    the one ``comment_id`` is in; nobody else finds it."""
    comment = Comment.objects.select_related("parent").filter(pk=comment_id).first()
    root = None if comment is None else comment.parent or comment
    if root is None or root.candidate_id != user.pk:
        raise NotFound(access.NOTHING_HERE)
    root.resolved_at = None if reopen else now
    root.save(update_fields=["resolved_at"])
    return root


def _words_at(attempt: Attempt, seconds: float) -> str:
    """The words spoken from a moment on, from the recording's word timings."""
    timings: list[list[Any]] = attempt.timings or []
    words = [str(word) for word, _start, end in timings if float(end) >= seconds]
    return " ".join(words[:WORDS_AT_MOMENT])


def _quote(item: Owned, root: Comment) -> str:
    if not isinstance(item, Attempt):
        return ""
    if root.span_start is not None and root.span_end is not None:
        return item.text[root.span_start : root.span_end]
    if root.at_seconds is not None:
        return _words_at(item, root.at_seconds)
    return ""


def thread_for(viewer: User, area: Area, item: Owned) -> Discussion:
    """The threads on ``item`` that ``viewer`` may read, with their authors, in one query (two
    for a coach: the share is asked first). NotFound unless the viewer may see the item."""
    owner_id: int = item.owner_id
    by_owner = viewer.pk == owner_id
    if not by_owner and not _may_see(viewer, candidate_id=owner_id, area=area, item_id=item.pk):
        raise NotFound(access.NOTHING_HERE)
    rows = Comment.objects.filter(candidate_id=owner_id, area=area, item_id=item.pk)
    if not by_owner:
        started_by = [viewer.pk, owner_id]
        rows = rows.filter(
            Q(parent__isnull=True, author_id__in=started_by) | Q(parent__author_id__in=started_by)
        )
    comments = list(rows.select_related("author"))
    roots = {c.pk: Thread(c, [], _quote(item, c)) for c in comments if c.parent_id is None}
    for reply in comments:
        if reply.parent_id in roots:
            roots[reply.parent_id].replies.append(reply)
    threads = sorted(roots.values(), key=lambda t: t.resolved)  # stable: open first, by time
    return Discussion(area=area, item=item, threads=threads, by_owner=by_owner)
