"""What the candidate did with a round's playbook. The plan and the suggestions themselves are
derived (nextround.playbook); only progress, edits and answers are stored."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from nextround.core.models import TEXT_LIMIT, TEXT_MAX, Owned
from nextround.interviews.models import Person, Round
from nextround.playbook.knowledge import THEME_LABELS


class ItemStatus(models.TextChoices):
    TODO = "todo", "To do"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


class PlanProgress(Owned):
    """Progress on one prep-plan item, keyed by the item so it survives plan changes."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="plan_progress")
    key = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=ItemStatus.choices, default=ItemStatus.TODO)
    note = models.TextField(blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    reason = models.CharField("why skip it", max_length=300, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="plan_progress_unique"),
            models.CheckConstraint(
                condition=models.Q(status__in=ItemStatus.values), name="plan_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.status}"


class AskStatus(models.TextChoices):
    PLANNED = "planned", "To ask"
    ASKED = "asked", "Asked"
    DROPPED = "dropped", "Dropped"


class AskItem(Owned):
    """A question the candidate means to ask (or asked) one interviewer, and what they heard.

    ``bank_id`` links a suggestion taken from the playbook; it is blank for the candidate's own.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="asks")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="asks"
    )
    bank_id = models.CharField(max_length=60, blank=True)
    theme = models.CharField(max_length=20, blank=True, choices=list(THEME_LABELS.items()))
    text = models.TextField("question", max_length=1000)
    status = models.CharField(max_length=10, choices=AskStatus.choices, default=AskStatus.PLANNED)
    answer = models.TextField(
        "what I heard", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["round_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person", "bank_id"],
                condition=~models.Q(bank_id=""),
                name="ask_bank_once_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AskStatus.values), name="ask_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]
