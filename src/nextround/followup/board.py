"""The dashboard's follow-ups: debriefs to write and notes to send across the workspace, read
only from the rounds whose schedule can show anything there."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q

from nextround import cadence
from nextround.followup.models import Reply
from nextround.followup.selectors import (
    DECIDED_SHOWN_FOR,
    THANKS_STALE_AFTER,
    Row,
    followups_of,
    rounds_for_followups,
)
from nextround.interviews.models import (
    ACTIVE_STAGES,
    NoteKind,
    NoteStatus,
    Round,
    RoundNote,
    StageChange,
)


@dataclass
class Board:
    """Follow-ups across the workspace: debriefs to write and notes to send, earliest first."""

    debriefs: list[Round] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.rows if r.overdue)

    @property
    def thanks_due(self) -> int:
        return sum(1 for r in self.rows if r.kind == cadence.Kind.THANKS)


def _may_show(now: datetime) -> Q:
    """The rounds that are over whose follow-ups can reach the dashboard. Any other round ended
    before the thank-you notes went stale and the debrief stopped being asked for, has a later
    round (an invitation: it closes the status checks, and the decision belongs to the last
    round), no open concern to answer, and no reply giving a new date (the one thing that
    opens a status check again after an invitation): its schedule holds nothing shown."""
    since = now - max(DECIDED_SHOWN_FOR, cadence.THANKS_AFTER + THANKS_STALE_AFTER)
    later = Round.objects.filter(opportunity=OuterRef("opportunity"), number__gt=OuterRef("number"))
    open_concerns = RoundNote.objects.filter(
        round=OuterRef("pk"), kind=NoteKind.CONCERN, status=NoteStatus.OPEN
    )
    new_dates = Reply.objects.filter(round=OuterRef("pk"), new_date__isnull=False)
    return (
        Q(ends_at__gte=since) | Q(~Exists(later)) | Q(Exists(open_concerns)) | Q(Exists(new_dates))
    )


def dashboard_followups(*, owner: User, now: datetime) -> Board:
    """Rounds that are over, of opportunities still open or decided lately."""
    recent = now - DECIDED_SHOWN_FOR
    # Decided long ago: nothing of theirs is shown, so the database leaves them out.
    shown = Q(opportunity__stage__in=ACTIVE_STAGES) | Q(
        Exists(
            StageChange.objects.filter(opportunity=OuterRef("opportunity"), on__gte=recent.date())
        )
    )
    rounds = rounds_for_followups(None, shown, _may_show(now), owner=owner, ends_at__lte=now)
    board = Board()
    for round_ in rounds:
        result = followups_of(round_, now)
        if result.debrief_due and round_.ends_at >= recent:
            board.debriefs.append(round_)
        board.rows.extend(
            row
            for row in result.rows
            if not (row.kind == cadence.Kind.THANKS and now - row.due > THANKS_STALE_AFTER)
        )
    board.rows.sort(key=lambda r: r.due.astimezone(UTC))
    board.debriefs.sort(key=lambda r: r.ends_at)
    return board
