"""The rehearsal app's records: case sessions (a prompt, the moment each phase began, the
scratch structure and the answer, typed or spoken) and presentation plans (one per round: the
slot, the audience's brief and the slides with their notes) with their recorded run-throughs.
The measuring lives in the pure packages ``nextround.cases`` and ``nextround.slides``."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from nextround.cases import thresholds as case_limits
from nextround.cases.bank import KIND_LABELS
from nextround.cases.phases import PHASES
from nextround.core.models import TEXT_LIMIT, TEXT_MAX, Owned
from nextround.interviews.models import Round, RoundNote
from nextround.slides import thresholds as slide_limits

KIND_CHOICES = list(KIND_LABELS.items())


class RunStatus(models.TextChoices):
    """Where a recording's transcription stands (a run-through's, a spoken case answer's)."""

    QUEUED = "queued", "Queued"
    TRANSCRIBING = "transcribing", "Transcribing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class CaseSession(Owned):
    """One case worked through: from the bank (``case_key``), the candidate's own prompt, or a
    case question noted in a round (``note``)."""

    case_key = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, blank=True)
    title = models.CharField(max_length=200)
    prompt = models.TextField(max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="case_sessions"
    )
    note = models.ForeignKey(
        RoundNote, on_delete=models.SET_NULL, null=True, blank=True, related_name="case_sessions"
    )
    structure = models.TextField(
        "scratch structure", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    answer = models.TextField(
        blank=True,
        max_length=case_limits.MAX_CASE_CHARS,
        validators=[MaxLengthValidator(case_limits.MAX_CASE_CHARS)],
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    clarify_at = models.DateTimeField(null=True, blank=True)
    structure_at = models.DateTimeField(null=True, blank=True)
    analyse_at = models.DateTimeField(null=True, blank=True)
    recommend_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A spoken answer: the recording (a file in the data folder's recordings, like a practice
    # answer's), its transcription's status, and once transcribed its text and length. The
    # transcript is kept apart from the answer, which it fills (see services).
    audio = models.CharField(max_length=200, blank=True)
    audio_status = models.CharField(  # blank: no recording
        max_length=12, choices=RunStatus.choices, blank=True, default=""
    )
    audio_error = models.CharField(max_length=500, blank=True)
    audio_seconds = models.FloatField(null=True, blank=True)
    transcript = models.TextField(
        blank=True,
        max_length=case_limits.MAX_CASE_CHARS,
        validators=[MaxLengthValidator(case_limits.MAX_CASE_CHARS)],
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audio_status__in=["", *RunStatus.values]),
                name="casesession_audio_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def transcribing(self) -> bool:
        return self.audio_status in (RunStatus.QUEUED, RunStatus.TRANSCRIBING)

    def started(self) -> dict[str, object]:
        """Each begun phase with the moment it began."""
        moments = {phase: getattr(self, f"{phase}_at") for phase in PHASES}
        return {phase: moment for phase, moment in moments.items() if moment is not None}


class PresentationPlan(Owned):
    """A round's presentation: the slot it has, the brief the audience gave, the slides."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="presentation")
    slot_minutes = models.PositiveSmallIntegerField(
        "slot (minutes)",
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(slide_limits.MAX_SLOT_MINUTES)],
        help_text="The time you have to present, without the questions afterwards.",
    )
    brief = models.TextField(
        "their brief",
        blank=True,
        max_length=TEXT_LIMIT,
        validators=[TEXT_MAX],
        help_text="What they asked you to present, in their words.",
    )

    def __str__(self) -> str:
        return f"Presentation for {self.round}"


class Slide(Owned):
    plan = models.ForeignKey(PresentationPlan, on_delete=models.CASCADE, related_name="slides")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    text = models.TextField(
        "on the slide", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    notes = models.TextField(
        "speaker notes",
        blank=True,
        max_length=slide_limits.MAX_NOTES_CHARS,
        validators=[MaxLengthValidator(slide_limits.MAX_NOTES_CHARS)],
    )
    minutes = models.DecimalField(
        "minutes (blank: share the slot)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0.1")),
            MaxValueValidator(slide_limits.MAX_SLOT_MINUTES),
        ],
    )

    class Meta:
        ordering = ["plan_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="slide_position_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class RunThrough(Owned):
    """One recorded rehearsal of a plan: the recording (a file in the data folder's recordings,
    like a practice answer's), the moments the candidate moved to the next slide (seconds from
    the start), and once transcribed, the words with their times."""

    plan = models.ForeignKey(
        PresentationPlan, on_delete=models.CASCADE, related_name="run_throughs"
    )
    audio = models.CharField(max_length=200, blank=True)  # file name in the recordings folder
    marks = models.JSONField(default=list, blank=True)  # [seconds, ...], ascending
    status = models.CharField(max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    seconds = models.FloatField(null=True, blank=True)  # the recording's measured length
    words = models.JSONField(default=list, blank=True)  # [[word, start, end], ...]
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RunStatus.values), name="runthrough_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Run-through of {self.plan}"

    @property
    def pending(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.TRANSCRIBING)
