"""What the prep tests share: rounds dated relative to today, and short ways into a round's
plan and its questions to ask."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from nextround.interviews.models import Person, Round
from nextround.interviews.selectors import carry_forward
from nextround.playbook import knowledge
from nextround.prep.selectors import PlanRow, RoundAsks, RoundPlan, round_asks, round_plan

TZ = "America/Chicago"
T = TypeVar("T")


def wall(days: int, hour: int, minute: int = 0) -> datetime:
    """A naive wall-clock time ``days`` from today, for the round's own time zone."""
    day = datetime.now(ZoneInfo(TZ)).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute))


def plan_of(round_: Round, now: datetime | None = None) -> RoundPlan:
    return round_plan(carry=carry_forward(round_=round_), now=now or timezone.now())


def asks_of(round_: Round) -> RoundAsks:
    return round_asks(carry=carry_forward(round_=round_))


def before_weight(rp: RoundPlan) -> int:
    return sum(row.item.weight for row in rp.before)


def weight_of(rp: RoundPlan, key: str) -> int:
    return next(row.item.weight for row in rp.rows if row.item.key == key)


def row_of(rp: RoundPlan, key: str) -> PlanRow:
    return next(row for row in rp.rows if row.item.key == key)


def suggestions(asks: RoundAsks, person: Person) -> list[knowledge.Ask]:
    rows = next(pa.rows for pa in asks.people if pa.person.pk == person.pk)
    return [row.ask for row in rows if row.ask is not None]


def all_suggestions(asks: RoundAsks) -> list[knowledge.Ask]:
    return [row.ask for pa in asks.people for row in pa.rows if row.ask is not None]


def at_once(count: int, work: Callable[[], T]) -> list[T]:
    """``work()`` in ``count`` threads let go together, as the web server's threads would run
    requests that arrive at the same moment. Each thread has its own database connection
    (closed when it is done), so the test needs ``django_db(transaction=True)``."""
    start = threading.Barrier(count)
    results: list[T] = []
    failures: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            results.append(work())
        except BaseException as exc:  # reported below, in the test's own thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return results
