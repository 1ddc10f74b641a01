"""The rehearsal part of the demo workspace: the panel round's ten-minute walk-through planned
on four slides (the dwell-time slide's notes too long for its share, so the warning shows),
and a finished case session on late deliveries, so both pages are filled in on a first start."""

from __future__ import annotations

from datetime import datetime, timedelta

from nextround.interviews.models import Round
from nextround.rehearsal import services

# About 190 words: more than the minute this slide is left with holds (150 at 150 a minute).
SCAN_NOTES = """I matched every gate entry to the first scan at a door for the last two \
quarters, about eleven thousand truck visits. The surprise was where the time goes: half of \
all waiting happens before a truck is scanned at all. Drivers arrive, check in at the gate, \
and then sit in the yard because no door is free and nobody has told them which one will be \
next. The queue is worst on Monday mornings, when inbound loads from the weekend and the \
first outbound runs of the week reach the same doors within the same hour. On those mornings \
the median wait before the first scan is fifty minutes, against fifteen on a Wednesday. \
Chelsea suffers most because it has the fewest doors for its volume, while Revere has spare \
doors most of the week. The data has gaps: some drivers scan late, and one scanner was \
broken for nine days in March, so I left those days out. Even with those caveats the pattern \
held in every month I looked at, and the dispatch leads recognised it at once when I showed \
them the chart, which is why the two changes on the next slide target the gate and the yard \
rather than the dock crews themselves."""

# (title, on the slide, speaker notes, minutes set by hand or None to share the rest)
SLIDES: list[tuple[str, str, str, int | None]] = [
    ("Where the hours go", "Dwell time per truck at the three terminals.", "", 1),
    ("What the scans show", "Half of the waiting happens before the first scan.", SCAN_NOTES, None),
    ("Two changes tried", "Booked slots at Chelsea; a second scanner at the gate.", "", 4),
    ("What I would do next", "Roll the slots out to Revere; measure for six weeks.", "", 4),
]

CASE_ANSWER = """Before I start: is the drop in one depot or across the region? And do we \
count a delivery on time within its booked window or within the day?

I'd look at three areas: demand, since volume is up; capacity at the depot that changed its \
shifts; and the routes themselves.

Let's assume the region makes 4,000 deliveries a week. A fall from 96% to 88% on time is 8 \
points, and 4,000 x 8% = 320 more late deliveries a week. If 60% of them come from the depot \
that changed shifts, 320 x 60% = 192 a week.

I recommend restoring the early shift at that depot first. The risk is overtime cost; the next \
step is to compare that depot's on-time rate week by week before and after the change."""


def demo_rehearsal(*, panel: Round, now: datetime) -> None:
    plan = services.plan_save(
        round_=panel,
        changes={
            "slot_minutes": 10,
            "brief": "Walk us through the dwell-time study: what you found and what you would "
            "do first.",
        },
    )
    for title, text, notes, minutes in SLIDES:
        services.slide_add(
            plan=plan, fields={"title": title, "text": text, "notes": notes, "minutes": minutes}
        )
    session = services.case_session_from_bank(
        owner=panel.owner, key="on-time-delivery", now=now - timedelta(days=1)
    )
    start = now - timedelta(days=1)
    for minutes, phase in ((0, "clarify"), (2, "structure"), (5, "analyse"), (19, "recommend")):
        services.case_phase_begin(
            session=session, phase=phase, now=start + timedelta(minutes=minutes)
        )
    services.case_answer_save(
        session=session,
        answer=CASE_ANSWER,
        structure="- Demand\n  - volume up 15%\n- Depot capacity\n  - new shift pattern\n"
        "- Routes\n  - traffic and drops per run",
        finish=True,
        now=start + timedelta(minutes=21),
    )
