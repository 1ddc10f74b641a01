"""An iCalendar (RFC 5545) file for a round: the interview, its prep items and follow-ups."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from nextround.playbook.plan import Plan, Progress

PRODID = "-//nextround//second-round playbook//EN"
REMINDERS = (timedelta(hours=24), timedelta(hours=1))
TODO_STATUS = {"todo": "NEEDS-ACTION", "done": "COMPLETED", "skipped": "CANCELLED"}


@dataclass(frozen=True)
class Interview:
    uid: str  # stable, so importing the file again updates rather than duplicates
    summary: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    location: str = ""
    video_link: str = ""
    description: str = ""


@dataclass(frozen=True)
class Todo:
    """A to-do beyond the plan's items (the follow-ups after the round), due at ``due``."""

    key: str  # stable within the round, so importing again updates rather than duplicates
    summary: str
    description: str
    due: datetime


def _alarm(before: timedelta, text: str, *, related: str = "START") -> icalendar.Alarm:
    """A reminder ``before`` the event's start, or (``related="END"``) a to-do's due time."""
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before, parameters={"RELATED": related} if related == "END" else {})
    return alarm


def _event(interview: Interview, tz: ZoneInfo, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{interview.uid}@nextround")
    event.add("dtstamp", stamp)
    event.add("summary", interview.summary)
    event.add("dtstart", interview.starts_at.astimezone(tz))
    event.add("dtend", interview.ends_at.astimezone(tz))
    if interview.location:
        event.add("location", interview.location)
    if interview.video_link:
        event.add("url", interview.video_link)
    description = "\n".join(p for p in (interview.description, interview.video_link) if p)
    if description:
        event.add("description", description)
    for before in REMINDERS:
        hours = int(before.total_seconds() // 3600)
        event.add_component(_alarm(before, f"{interview.summary} in {hours} h"))
    return event


def build_calendar(
    interview: Interview,
    plan: Plan,
    progress: Mapping[str, Progress],
    *,
    now: datetime | None = None,
    todos: Sequence[Todo] = (),
) -> bytes:
    """The interview as an event with reminders a day and an hour before, every plan item
    (prep before, the debrief after) and every extra to-do (the follow-ups: thank-you notes,
    status checks, ...) as a to-do with a due time, all in the round's own time zone with its
    VTIMEZONE definition."""
    tz = ZoneInfo(interview.timezone)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add_component(_event(interview, tz, stamp))
    for item in plan.items:
        state = progress.get(item.key, Progress())
        todo = icalendar.Todo()
        todo.add("uid", f"{interview.uid}-{item.key.replace(':', '-')}@nextround")
        todo.add("dtstamp", stamp)
        todo.add("summary", item.title)
        todo.add("description", item.detail + (f"\n\nNote: {state.note}" if state.note else ""))
        todo.add("due", item.due_at.astimezone(tz))
        todo.add("status", TODO_STATUS[state.status])
        todo.add("related-to", f"{interview.uid}@nextround")
        if not item.before:  # follow-ups are easy to forget: remind at the deadline
            todo.add_component(_alarm(timedelta(0), item.title, related="END"))
        cal.add_component(todo)
    for extra in todos:
        todo = icalendar.Todo()
        todo.add("uid", f"{interview.uid}-{extra.key.replace(':', '-')}@nextround")
        todo.add("dtstamp", stamp)
        todo.add("summary", extra.summary)
        todo.add("description", extra.description)
        todo.add("due", extra.due.astimezone(tz))
        todo.add("status", "NEEDS-ACTION")
        todo.add("related-to", f"{interview.uid}@nextround")
        todo.add_component(_alarm(timedelta(0), extra.summary, related="END"))
        cal.add_component(todo)
    # A VTIMEZONE covering only the years the file spans keeps it small but exact.
    dues = [item.due_at for item in plan.items] + [t.due for t in todos] + [interview.starts_at]
    cal.add_missing_timezones(
        first_date=(min(dues) - timedelta(days=366)).date(),
        last_date=(max(dues) + timedelta(days=366)).date(),
    )
    return bytes(cal.to_ical())
