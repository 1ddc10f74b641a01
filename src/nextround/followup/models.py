"""What happens after a round that has no home in the round's notes: the debrief on each
interviewer (topics, what they cared about, something particular they said, the rapport), the
round's overall feel, the thank-you notes as the candidate edited them, the follow-ups sent and
the replies received.

Questions asked, concerns raised, stories told, next steps and money talk are written by the
debrief into the records that already hold them (``RoundNote``, ``Telling``): nothing twice.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from nextround.core.models import TEXT_LIMIT, TEXT_MAX, Owned, validate_date_range
from nextround.interviews.models import Person, Round, RoundNote


class Rapport(models.IntegerChoices):
    COOL = 1, "Cool or hard to read"
    POLITE = 2, "Polite"
    WARM = 3, "Warm"
    STRONG = 4, "A real connection"


class Debrief(Owned):
    """The round as a whole, as the candidate saw it just after; a draft until marked done."""

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="debrief")
    overall = models.PositiveSmallIntegerField(
        "how it went overall (1–5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    feel = models.TextField(
        "overall feel", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    done = models.BooleanField("debrief finished", default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Debrief of {self.round}"


class PersonDebrief(Owned):
    """What the candidate noted about one interviewer of the round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="person_debriefs")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="debriefs")
    topics = models.TextField(
        "topics discussed",
        blank=True,
        max_length=TEXT_LIMIT,
        validators=[TEXT_MAX],
        help_text="One per line.",
    )
    cared_about = models.TextField(
        "what they seemed to care about", blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX]
    )
    specific = models.TextField(
        "something particular they said",
        blank=True,
        max_length=TEXT_LIMIT,
        validators=[TEXT_MAX],
        help_text="A project, a challenge, a shared interest.",
    )
    rapport = models.PositiveSmallIntegerField(
        "your read of the rapport", null=True, blank=True, choices=Rapport.choices
    )

    class Meta:
        ordering = ["round_id", "person__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="person_debrief_once"),
        ]

    def __str__(self) -> str:
        return f"Debrief on {self.person} in {self.round}"

    def topic_list(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]

    @property
    def is_blank(self) -> bool:
        return not (self.topic_list() or self.cared_about.strip() or self.specific.strip())


class ThankYou(Owned):
    """A thank-you note the candidate edited; without one, the page shows the fresh draft."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="thank_yous")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="thank_yous")
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round_id", "person__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="thank_you_once"),
        ]

    def __str__(self) -> str:
        return f"Thank-you to {self.person}"


class SentKind(models.TextChoices):
    THANKS = "thanks", "Thank-you note"
    STATUS_CHECK = "status_check", "Status check"
    CONCERN_ANSWER = "concern_answer", "Answer to a concern"
    FEEDBACK_REQUEST = "feedback_request", "Feedback request"


class Sent(Owned):
    """A follow-up the candidate sent from their own mail program, and the day they sent it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="followups_sent")
    kind = models.CharField(max_length=20, choices=SentKind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="followups_sent"
    )
    concern = models.ForeignKey(
        RoundNote, on_delete=models.SET_NULL, null=True, blank=True, related_name="answers_sent"
    )
    sent_on = models.DateField("sent on", validators=[validate_date_range])
    answered = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["round_id", "sent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SentKind.values), name="followup_sent_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} sent {self.sent_on:%Y-%m-%d}"


class Reply(Owned):
    """A reply from the employer after a round: when, what it said, and a new date if any."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="replies")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="replies"
    )
    received_on = models.DateField("received on", validators=[validate_date_range])
    said = models.TextField("what it said", max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    new_date = models.DateField(
        "a new date they gave",
        null=True,
        blank=True,
        validators=[validate_date_range],
        help_text="When they now say they will be in touch, if they said.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["round_id", "received_on", "id"]
        verbose_name_plural = "replies"

    def __str__(self) -> str:
        return f"Reply of {self.received_on:%Y-%m-%d}"
