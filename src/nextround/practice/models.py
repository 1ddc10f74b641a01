"""Practice: sessions of questions, and every attempt at answering one, typed or spoken.

An attempt keeps what is needed to analyse it again (the text, and for a recording the word
timings and measured pauses); the analysis itself is recomputed when shown, in a few
milliseconds, so improvements to the analyzer reach old attempts too. The few figures the
history charts need are stored alongside, so the charts never re-analyse hundreds of answers.
"""

from __future__ import annotations

import hashlib

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from nextround.core.models import Owned
from nextround.interviews.models import Round

ANSWER_LIMIT = 20_000  # characters: far beyond a ten-minute answer
QUESTION_LIMIT = 1_000
MAX_QUESTIONS = 20  # per session


def question_key(text: str) -> str:
    """Ties attempts at the same question together across sessions: case and spacing ignored."""
    normal = " ".join(text.casefold().split()).rstrip("?.! ")
    return hashlib.sha256(normal.encode()).hexdigest()[:32]


class PracticeSession(Owned):
    """A sitting: a handful of questions chosen for a round, a category, or by the candidate."""

    round = models.ForeignKey(
        Round, null=True, blank=True, on_delete=models.SET_NULL, related_name="practice_sessions"
    )
    category = models.CharField(max_length=20, blank=True)
    terms = models.CharField(
        "words to work in",
        max_length=500,
        blank=True,
        help_text="Comma-separated: the company's values, product names, the team's words.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Practice of {timezone.localtime(self.created_at):%d %b %Y %H:%M}"

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]


class PracticeQuestion(models.Model):
    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(MAX_QUESTIONS)]
    )
    text = models.CharField(max_length=QUESTION_LIMIT)
    category = models.CharField(max_length=20)
    bank_id = models.CharField(max_length=80, blank=True)  # the built-in question, when it is one
    key = models.CharField(max_length=32, db_index=True, editable=False)

    class Meta:
        ordering = ["session_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"], name="practice_question_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args: object, **kwargs: object) -> None:
        self.key = question_key(self.text)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Mode(models.TextChoices):
    TYPED = "typed", "Typed"
    SPOKEN = "spoken", "Spoken"


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting to be transcribed"
    TRANSCRIBING = "transcribing", "Transcribing"
    DONE = "done", "Analysed"
    FAILED = "failed", "Could not be transcribed"


class Attempt(Owned):
    question = models.ForeignKey(
        PracticeQuestion, on_delete=models.CASCADE, related_name="attempts"
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.TYPED)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DONE)
    progress = models.FloatField(default=0.0)  # 0–1 while transcribing
    error = models.CharField(max_length=500, blank=True)
    audio = models.CharField(max_length=200, blank=True)  # file name in the recordings folder
    text = models.TextField("answer", blank=True, max_length=ANSWER_LIMIT)
    seconds = models.FloatField(null=True, blank=True)  # measured length of a recording
    timings = models.JSONField(default=list, blank=True)  # [[word, start, end], …]
    pauses = models.JSONField(default=list, blank=True)  # [[start, end], …]
    # Figures for the history charts, written when the attempt is analysed.
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    fillers_per_minute = models.FloatField(null=True, blank=True)
    wpm = models.FloatField(null=True, blank=True)
    pace_measured = models.BooleanField(default=False)  # False: estimated from a typed answer
    # The analyzer's FIGURES_VERSION that wrote the figures above; older ones are recomputed.
    figures_version = models.PositiveSmallIntegerField(default=0, editable=False)
    kept = models.BooleanField("kept as the best", default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mode__in=Mode.values), name="attempt_mode_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="attempt_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Attempt at “{self.question}”"

    @property
    def pending(self) -> bool:
        return self.status in (Status.QUEUED, Status.TRANSCRIBING)
