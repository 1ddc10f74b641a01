"""Opportunities, their rounds, the people met, and what each round produced."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from nextround import timeutil
from nextround.core.models import (
    POSTING_LIMIT,
    POSTING_MAX,
    TEXT_LIMIT,
    TEXT_MAX,
    Owned,
    WebAddressField,
    validate_date_range,
)
from nextround.errors import Invalid
from nextround.playbook.knowledge import CATEGORIES, CATEGORY_LABELS


def validate_timezone(value: str) -> None:
    try:
        timeutil.zone(value)
    except Invalid as exc:
        raise ValidationError(exc.message, code="timezone") from exc


class Stage(models.TextChoices):
    APPLIED = "applied", "Applied"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


ACTIVE_STAGES = (Stage.APPLIED, Stage.INTERVIEWING, Stage.OFFER)


class Opportunity(Owned):
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    company = models.CharField(max_length=200)
    role_title = models.CharField("role title", max_length=200)
    location = models.CharField(max_length=200, blank=True)
    source_url = WebAddressField("posting URL", max_length=500, blank=True)
    posting_text = models.TextField(
        "posting text", blank=True, max_length=POSTING_LIMIT, validators=[POSTING_MAX]
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.APPLIED)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.UniqueConstraint(fields=["owner", "uid"], name="opportunity_uid_per_owner"),
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="opportunity_stage_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_title} at {self.company}"


class StageChange(models.Model):
    """When the opportunity entered each stage; the latest one is ``Opportunity.stage``."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="stage_changes"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices)
    on = models.DateField(validators=[validate_date_range])

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} since {self.on:%Y-%m-%d}"


class Relation(models.TextChoices):
    HIRING_MANAGER = "hiring_manager", "Hiring manager"
    MANAGERS_MANAGER = "managers_manager", "Manager's manager"
    EXECUTIVE = "executive", "Executive"
    PEER = "peer", "Peer / future colleague"
    HR = "hr", "HR / recruiter"
    OTHER = "other", "Other"


class Person(Owned):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    relation = models.CharField(
        "relation to the role", max_length=20, choices=Relation.choices, default=Relation.OTHER
    )
    email = models.EmailField(max_length=254, blank=True)
    profile_url = WebAddressField("profile URL", max_length=500, blank=True)
    background = models.TextField(blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    common_ground = models.TextField(
        "common ground", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    decision_maker = models.BooleanField(
        "decision-maker",
        default=False,
        help_text="The person whose yes decides; shown first.",
    )

    class Meta:
        ordering = ["-decision_maker", "name", "id"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


class Format(models.TextChoices):
    ONE_ON_ONE = "one_on_one", "One-on-one"
    PANEL = "panel", "Panel"
    SERIES = "series", "Series of meetings"
    ALL_DAY = "all_day", "All-day"
    CASE = "case", "Case"
    PRESENTATION = "presentation", "Presentation"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone"


ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth"]


class Round(Owned):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="1 for the first round, 2 for the second…",
    )
    is_final = models.BooleanField("final round", default=False)
    kind = models.CharField(
        "kind of meeting", max_length=200, blank=True, help_text="e.g. Meet the team"
    )
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.ONE_ON_ONE)
    starts_at = models.DateTimeField(validators=[validate_date_range])
    ends_at = models.DateTimeField(validators=[validate_date_range])
    # (Declared before `timezone`, which shadows django.utils.timezone in this class.)
    # When preparation could begin; a short-notice round gets a compressed prep plan.
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, validators=[validate_date_range]
    )
    timezone = models.CharField("time zone", max_length=64, validators=[validate_timezone])
    location = models.CharField("place", max_length=300, blank=True)
    video_link = WebAddressField("video link", max_length=500, blank=True)
    dress_code = models.CharField("dress code", max_length=200, blank=True)
    logistics = models.TextField(
        "logistics notes", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    attendees = models.ManyToManyField(Person, related_name="rounds", blank=True)

    class Meta:
        ordering = ["opportunity_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "number"], name="round_number_unique"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="round_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} — {self.opportunity}"

    @property
    def label(self) -> str:
        ordinal = ORDINALS[self.number - 1] if self.number <= len(ORDINALS) else f"#{self.number}"
        return f"{ordinal} round" + (" (final)" if self.is_final else "")

    @property
    def date_in_range(self) -> bool:
        """False for a round saved before dates were checked (or written straight into the
        database) with a date outside the range: its pages ask for the date to be edited."""
        return timeutil.in_range(self.starts_at) and timeutil.in_range(self.ends_at)

    @property
    def local_start(self) -> datetime:
        return timeutil.to_local(self.starts_at, self.timezone)

    @property
    def local_end(self) -> datetime:
        return timeutil.to_local(self.ends_at, self.timezone)

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The round must end after it starts."})


class NoteKind(models.TextChoices):
    QUESTION = "question", "Question asked"
    FEEDBACK = "feedback", "Feedback heard"
    CONCERN = "concern", "Concern raised"
    PROMISE = "promise", "Promise or next step"
    NUMBER = "number", "Number discussed"
    FREE = "free", "Note"


class NoteStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Addressed / done"


class Party(models.TextChoices):
    ME = "me", "Me"
    THEM = "them", "Them"


class RoundNote(Owned):
    """One item a round produced. Which fields apply depends on ``kind`` (see forms)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(max_length=20, choices=NoteKind.choices)
    text = models.TextField(max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    # For questions: what kind of question it was, tagged by the playbook's classifier unless
    # the candidate corrected it (then ``category_by_hand``, and saving never re-tags it).
    category = models.CharField(
        max_length=20, blank=True, choices=[(c, CATEGORY_LABELS[c]) for c in CATEGORIES]
    )
    # A database default too: rows written by older code (a migration going back) get False.
    category_by_hand = models.BooleanField(default=False, db_default=False)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes"
    )
    answer = models.TextField(
        "my answer in short", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    rating = models.PositiveSmallIntegerField(
        "how it went (1–5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    improve = models.TextField(
        "what to improve", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    status = models.CharField(max_length=10, choices=NoteStatus.choices, default=NoteStatus.OPEN)
    response = models.TextField(
        "planned response", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    promised_by = models.CharField("who owes it", max_length=10, choices=Party.choices, blank=True)
    due_on = models.DateField("due date", null=True, blank=True, validators=[validate_date_range])
    amount_low = models.DecimalField("from", max_digits=12, decimal_places=2, null=True, blank=True)
    amount_high = models.DecimalField("to", max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text="e.g. USD")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["round_id", "created_at", "id"]
        indexes = [
            # The dashboard's "overdue promises" for one account.
            models.Index(fields=["owner", "kind", "status", "due_on"], name="note_open_by_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=NoteKind.values), name="note_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="note_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        person = self.person if self.person_id else None
        if person and self.round_id and person.opportunity_id != self.round.opportunity_id:
            errors["person"] = "That person is not part of this opportunity."
        if (
            self.amount_low is not None
            and self.amount_high is not None
            and self.amount_high < self.amount_low
        ):
            errors["amount_high"] = "The upper figure must not be below the lower one."
        if errors:
            raise ValidationError(errors)
