"""What the playbook tests share: a Berlin round, three interviewers, and builders for round
facts and bank questions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from nextround.playbook.knowledge import Question
from nextround.playbook.plan import Attendee, RoundFacts

# Monday 2026-03-30 10:00 CEST in Berlin. Clocks went forward on Sunday 29 March at 02:00 CET.
BERLIN_START = datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
DETAIL = "Long enough to satisfy the schema's thirty-character minimum for guidance."

DANA = Attendee("p1", "Dana Ortiz", "hiring_manager", met_before=True)
SAM = Attendee("p2", "Sam Lee", "peer")
PRIYA = Attendee("p3", "Priya Nair", "managers_manager")


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def round_facts(**changes: object) -> RoundFacts:
    base: dict[str, object] = {
        "starts_at": BERLIN_START,
        "ends_at": BERLIN_START + timedelta(hours=1),
        "timezone": "Europe/Berlin",
        "format": "one_on_one",
        "number": 1,
    }
    return RoundFacts(**(base | changes))  # type: ignore[arg-type]


def question(id_: str, text: str, category: str, **extra: object) -> Question:
    fields: dict[str, object] = {
        "competencies": [],
        "asked_by": ["other"],
        "later_round": False,
        "testing": DETAIL,
        "approach": DETAIL,
    }
    return Question(id=id_, text=text, category=category, **(fields | extra))  # type: ignore[arg-type]
