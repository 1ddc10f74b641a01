"""The candidate's evidence: STAR stories and where they were told, strengths, what others say
about them, and planned answers to concerns. Requirements and coverage are derived from the
posting (nextround.fit); only what the candidate decides is stored."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from nextround.core.models import TEXT_LIMIT, TEXT_MAX, Owned, validate_date_range
from nextround.core.stamps import StampedManager
from nextround.interviews.models import Opportunity, Person, Round, RoundNote

TOP_STRENGTHS = 5
# The rank a strength holds for a moment while two strengths swap places in one transaction.
PARKED = 0


class Story(Owned):
    """A STAR story, reusable across opportunities."""

    title = models.CharField(max_length=200)
    situation = models.TextField(blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    task = models.TextField(blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    action = models.TextField(blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    result = models.TextField(blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    numbers = models.CharField(
        "the numbers", max_length=300, blank=True, help_text="e.g. 30% fewer errors, $40k saved"
    )
    competencies = models.CharField(
        max_length=300, blank=True, help_text="Comma-separated, e.g. leadership, negotiation"
    )
    employer = models.CharField(max_length=200, blank=True)
    happened_on = models.DateField("when", null=True, blank=True, validators=[validate_date_range])
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title

    def competency_list(self) -> list[str]:
        return [c.strip() for c in self.competencies.split(",") if c.strip()]


class Telling(Owned):
    """One time a story was told: in which round, and to whom."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="tellings")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tellings")
    people = models.ManyToManyField(Person, blank=True, related_name="stories_heard")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["story", "round"], name="telling_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.story} in {self.round}"


class Strength(Owned):
    """One of the top five strengths, ranked, backed by stories; one is the differentiator."""

    name = models.CharField(max_length=120)
    description = models.TextField(
        "what it looks like", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    rank = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(TOP_STRENGTHS)]
    )
    differentiator = models.BooleanField(
        default=False, help_text="What sets you apart from the other finalists"
    )
    stories = models.ManyToManyField(Story, blank=True, related_name="strengths")

    class Meta:
        ordering = ["rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "rank"], name="strength_rank_unique"),
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(differentiator=True),
                name="one_differentiator",
            ),
            models.CheckConstraint(
                condition=models.Q(rank__gte=PARKED, rank__lte=TOP_STRENGTHS),
                name="strength_rank_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Quote(Owned):
    """What someone else said about the candidate, to quote in an interview."""

    text = models.TextField(max_length=1000)
    who = models.CharField(max_length=120, help_text="e.g. Dana Reyes, my manager at Acme")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.who}: {self.text[:40]}"


class AnswerKind(models.TextChoices):
    STORY = "story", "A story"
    EVIDENCE = "evidence", "Other evidence"
    LEARNING = "learning", "A learning plan"


class ConcernStatus(models.TextChoices):
    OPEN = "open", "No answer yet"
    PLANNED = "planned", "Answer planned"
    ADDRESSED = "addressed", "Addressed"


class ConcernAnswer(Owned):
    """The planned answer to a concern: one raised in a round (``note``) or a must-have no story
    covers (``requirement_key``, the requirement's stable key within the posting).

    A concern raised in a round keeps what I will say and whether it is addressed on its note
    (``RoundNote.response`` and ``status``), so the round page and the Concerns page edit one
    record; this row adds only what the round note cannot hold: how I answer and the story.
    Its own ``answer`` and ``status`` serve must-haves alone and stay blank and open for a note."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="concern_answers"
    )
    note = models.OneToOneField(
        RoundNote, on_delete=models.CASCADE, null=True, blank=True, related_name="concern_answer"
    )
    requirement_key = models.CharField(max_length=40, blank=True)
    requirement_text = models.TextField(blank=True, max_length=TEXT_LIMIT)
    kind = models.CharField(
        "answer with", max_length=10, choices=AnswerKind.choices, default=AnswerKind.STORY
    )
    story = models.ForeignKey(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="concern_answers"
    )
    answer = models.TextField(
        "what I will say", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    status = models.CharField(
        max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(note__isnull=False) & models.Q(requirement_key=""))
                | (models.Q(note__isnull=True) & ~models.Q(requirement_key="")),
                name="concern_from_note_or_requirement",
            ),
            models.UniqueConstraint(
                fields=["opportunity", "requirement_key"],
                condition=~models.Q(requirement_key=""),
                name="concern_once_per_requirement",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ConcernStatus.values), name="concern_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(note__isnull=True)
                | (models.Q(answer="") & models.Q(status=ConcernStatus.OPEN)),
                name="concern_note_answer_on_note",
            ),
        ]

    def __str__(self) -> str:
        return self.requirement_text[:60] if self.requirement_key else str(self.note)


class CheckStatus(models.TextChoices):
    TO_CHECK = "check", "To check"
    HAVE = "have", "I have it"
    PARTLY = "partly", "Partly"
    MISSING = "missing", "I don't have it"


class CVCheck(Owned):
    """What the candidate found when checking a requirement no story can prove (a credential,
    years, the right to work, place or hours) against their CV. Kept by the requirement's key,
    with its text as it read, like a planned answer."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="cv_checks")
    requirement_key = models.CharField(max_length=40)
    requirement_text = models.TextField(blank=True, max_length=TEXT_LIMIT)
    status = models.CharField(
        max_length=10, choices=CheckStatus.choices, default=CheckStatus.TO_CHECK
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "requirement_key"], name="cv_check_once_per_requirement"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CheckStatus.values), name="cv_check_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requirement_text[:60]}: {self.get_status_display()}"


class Embedding(models.Model):
    """A cached sentence vector, keyed by the text's hash and the model that made it. Holds no
    text, so it is shared between accounts."""

    model_id = models.CharField(max_length=40)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()

    objects = StampedManager()  # bulk_create: a new vector may change any page

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model_id", "text_hash"], name="embedding_unique")
        ]

    def __str__(self) -> str:
        return f"{self.model_id}:{self.text_hash[:12]}"
