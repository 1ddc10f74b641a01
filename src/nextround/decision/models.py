"""The candidate's verdict on each job and the choice between them: a scorecard per opportunity
(its weights), a score per criterion with the observations behind it, the candidate's
must-haves and whether each job meets them, and the decisions recorded with their reasons. The
arithmetic lives in the pure package ``nextround.scorecard``."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from nextround.core.models import TEXT_LIMIT, TEXT_MAX, Owned
from nextround.interviews.models import Opportunity, RoundNote
from nextround.prep.models import AskItem
from nextround.research.models import Fact
from nextround.scorecard.criteria import CRITERIA, DEFAULT_WEIGHTS

CRITERION_CHOICES = [(c.key, c.label) for c in CRITERIA]


def default_weights() -> dict[str, int]:
    return dict(DEFAULT_WEIGHTS)


class Scorecard(Owned):
    """One opportunity's scorecard: the weights (criterion → share of 100, checked by
    ``scorecard.check_weights`` before every save)."""

    opportunity = models.OneToOneField(
        Opportunity, on_delete=models.CASCADE, related_name="scorecard"
    )
    weights = models.JSONField(default=default_weights)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Scorecard for {self.opportunity}"


class Score(Owned):
    """One criterion of a scorecard: the score (blank until given) and why."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=20, choices=CRITERION_CHOICES)
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField("why", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scorecard_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="decision_score_once"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="decision_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class EvidenceKind(models.TextChoices):
    NOTE = "note", "A note from a round"
    ASK = "ask", "An answer I heard to my question"
    FACT = "fact", "A research fact"


class Evidence(Owned):
    """An observation behind a score: exactly one of a round's note, an asked question's answer
    or a research fact, named by ``kind``."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    note = models.ForeignKey(
        RoundNote, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    ask = models.ForeignKey(
        AskItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    fact = models.ForeignKey(
        Fact, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["score_id", "created_at", "id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=EvidenceKind.NOTE,
                        note__isnull=False,
                        ask__isnull=True,
                        fact__isnull=True,
                    )
                    | models.Q(
                        kind=EvidenceKind.ASK,
                        note__isnull=True,
                        ask__isnull=False,
                        fact__isnull=True,
                    )
                    | models.Q(
                        kind=EvidenceKind.FACT,
                        note__isnull=True,
                        ask__isnull=True,
                        fact__isnull=False,
                    )
                ),
                name="decision_evidence_one_source",
            ),
            models.UniqueConstraint(
                fields=["score", "note"],
                condition=models.Q(note__isnull=False),
                name="decision_evidence_note_once",
            ),
            models.UniqueConstraint(
                fields=["score", "ask"],
                condition=models.Q(ask__isnull=False),
                name="decision_evidence_ask_once",
            ),
            models.UniqueConstraint(
                fields=["score", "fact"],
                condition=models.Q(fact__isnull=False),
                name="decision_evidence_fact_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Evidence ({self.kind}) for {self.score}"

    @property
    def source(self) -> RoundNote | AskItem | Fact:
        found = self.note or self.ask or self.fact
        assert found is not None
        return found


class MustHave(Owned):
    """Something the candidate will not go without (remote work, visa support…): a gate no
    score outweighs."""

    text = models.CharField("must-have", max_length=120, help_text="e.g. “Remote work”")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "text"], name="decision_must_once")]

    def __str__(self) -> str:
        return self.text


class GateStatus(models.TextChoices):
    UNKNOWN = "unknown", "Not known yet"
    MET = "met", "Met"
    MISSING = "missing", "Missing"


class MustHaveCheck(Owned):
    """Whether one opportunity meets one must-have."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="checks")
    must_have = models.ForeignKey(MustHave, on_delete=models.CASCADE, related_name="checks")
    status = models.CharField(max_length=10, choices=GateStatus.choices, default=GateStatus.UNKNOWN)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "must_have"], name="decision_check_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=GateStatus.values), name="decision_check_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.must_have}: {self.status}"


class Decision(Owned):
    """The choice the candidate made, with its reasons and the standings it was made on."""

    chosen = models.ForeignKey(
        Opportunity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank: none of them, keep looking.",
    )
    chosen_name = models.CharField(max_length=420, blank=True)  # kept if the opportunity goes
    reasons = models.TextField(max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    standings = models.JSONField(default=list, blank=True)  # [{name, total, failed}] at the time
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"Decision: {self.chosen_name or 'none of them'}"
