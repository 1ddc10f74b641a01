"""The daily refresh of the news feeds, a background task (``core.tasks``, the ``news`` queue).

A feed is refreshed on its own once a day while the app runs: when the research page or the
dashboard is shown and one of the account's feeds was last refreshed more than 24 hours ago (or
never), the account's due feeds are queued for a refresh, once; the page does not wait for it.
Only a serving process queues (``start``, called by `nextround serve`): a command or a test never
leaves a fetch queued behind it, and `nextround news refresh` refreshes in the foreground.
"""

from __future__ import annotations

import threading
from datetime import datetime

from django.contrib.auth.models import User
from django_tasks import task

from nextround.core.tasks import enqueue_once, is_queued, once


@task(queue_name="news")
@once
def refresh(owner_id: int) -> None:
    from nextround.research.services import news_refresh  # services import this module's users

    owner = User.objects.get(pk=owner_id)
    news_refresh(owner=owner, due_only=True)


def enqueue(owner_id: int) -> bool:
    return enqueue_once(refresh, owner_id)


def is_active(owner_id: int) -> bool:
    return is_queued(refresh, owner_id)


_serving = threading.Event()


def start() -> None:
    """Queue the daily refresh from the pages from now on."""
    _serving.set()


def stop() -> None:
    _serving.clear()


def queue_if_due(owner: User, now: datetime) -> bool:
    """Queue the owner's refresh when serving and a feed is due; whether it was queued."""
    from nextround.research.services import refresh_due

    if not _serving.is_set() or not refresh_due(owner=owner, now=now):
        return False
    return enqueue(owner.pk)
