"""The daily refresh: queued from a page only while serving, only when a feed is due, once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nextround.core.models import QueuedTask
from nextround.interviews.models import Opportunity
from nextround.research import jobs
from nextround.research.models import Feed


@pytest.fixture(autouse=True)
def _not_serving() -> Iterator[None]:
    jobs.stop()  # a test of `serve` elsewhere may have left the process marked as serving
    yield
    jobs.stop()


def _queued() -> list[int]:
    """The accounts whose refresh waits in the database queue."""
    return [row.args_kwargs["args"][0] for row in DBTaskResult.objects.filter(status="READY")]


def test_a_due_feed_is_queued_once_and_only_while_serving(opportunity: Opportunity) -> None:
    owner = opportunity.owner
    now = timezone.now()
    feed = Feed.objects.create(owner=owner, opportunity=opportunity, url="https://example.com/f")
    assert not jobs.queue_if_due(owner, now)  # not serving: a command or a test
    jobs.start()
    assert jobs.queue_if_due(owner, now)  # never refreshed
    assert not jobs.queue_if_due(owner, now)  # already queued
    assert _queued() == [owner.pk] and jobs.is_active(owner.pk)
    QueuedTask.objects.all().delete()  # as when a worker has run it
    Feed.objects.filter(pk=feed.pk).update(checked_at=now - timedelta(hours=23))
    assert not jobs.queue_if_due(owner, now)
    Feed.objects.filter(pk=feed.pk).update(checked_at=now - timedelta(hours=25))
    assert jobs.queue_if_due(owner, now)


def test_the_dashboard_queues_the_refresh(opportunity: Opportunity, client: object) -> None:
    Feed.objects.create(owner=opportunity.owner, opportunity=opportunity, url="https://x.test/f")
    jobs.start()
    client.get("/")  # type: ignore[attr-defined]
    assert _queued() == [opportunity.owner.pk]
