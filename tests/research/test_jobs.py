"""The daily refresh: queued from a page only while serving, only when a feed is due, once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from nextround.interviews.models import Opportunity
from nextround.research import jobs
from nextround.research.models import Feed


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    seen: list[int] = []

    def enqueue(key: int) -> object | None:
        if key in seen:
            return None
        seen.append(key)
        return object()

    monkeypatch.setattr(jobs, "enqueue", enqueue)
    jobs.stop()  # a test of `serve` elsewhere may have left the process marked as serving
    yield seen
    jobs.stop()


def test_a_due_feed_is_queued_once_and_only_while_serving(
    opportunity: Opportunity, queued: list[int]
) -> None:
    owner = opportunity.owner
    now = timezone.now()
    feed = Feed.objects.create(owner=owner, opportunity=opportunity, url="https://example.com/f")
    assert not jobs.queue_if_due(owner, now)  # not serving: a command or a test
    jobs.start()
    assert jobs.queue_if_due(owner, now)  # never refreshed
    assert not jobs.queue_if_due(owner, now)  # already queued
    assert queued == [owner.pk]
    queued.clear()
    Feed.objects.filter(pk=feed.pk).update(checked_at=now - timedelta(hours=23))
    assert not jobs.queue_if_due(owner, now)
    Feed.objects.filter(pk=feed.pk).update(checked_at=now - timedelta(hours=25))
    assert jobs.queue_if_due(owner, now)


def test_the_dashboard_queues_the_refresh(
    opportunity: Opportunity, queued: list[int], client: object
) -> None:
    Feed.objects.create(owner=opportunity.owner, opportunity=opportunity, url="https://x.test/f")
    jobs.start()
    client.get("/")  # type: ignore[attr-defined]
    assert queued == [opportunity.owner.pk]
