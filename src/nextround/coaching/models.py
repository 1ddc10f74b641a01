"""Who may do what on a shared server. Local mode has one account and needs none of this: an
account without a ``Member`` row is a candidate."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from nextround.core.models import TEXT_LIMIT, TEXT_MAX, validate_date_range
from nextround.core.stamps import StampedManager
from nextround.practice.models import PracticeSession


class Role(models.TextChoices):
    CANDIDATE = "candidate", "Candidate"
    COACH = "coach", "Coach"
    ADMIN = "admin", "Administrator"


class Member(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CANDIDATE)

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class Invitation(models.Model):
    """A one-time code to create an account with a role. Only the code's SHA-256 is kept, so
    reading the database gives nobody a way in."""

    code_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=16, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_by = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitation",
    )
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} invitation for {self.email or 'anyone with the code'}"


class Area(models.TextChoices):
    """What a candidate can share: a whole area, or one item of it (``Share.item_id``)."""

    STORIES = "stories", "Stories"
    PRACTICE = "practice", "Practice attempts"
    ROUNDS = "rounds", "Round plans and briefs"
    FIT = "fit", "Fit scorecards"


class Share(models.Model):
    """A candidate lets a coach see an area, or one item in it. Revoking deletes the row, so
    an existing row is the whole answer to "may this coach see it"; the audit log keeps the
    history."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares_given"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares_received"
    )
    area = models.CharField(max_length=16, choices=Area.choices)
    #: The story, attempt, round or opportunity shared; empty for the whole area.
    item_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["area", "item_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "coach", "area", "item_id"],
                name="one_share_per_item",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        what = self.get_area_display() if self.item_id is None else f"{self.area} #{self.item_id}"
        return f"{what} shared with {self.coach.get_username()}"


class AuditAction(models.TextChoices):
    READ = "read", "read"
    SHARED = "shared", "shared"
    REVOKED = "revoked", "revoked"
    COMMENTED = "commented", "commented on"
    ASSIGNED = "assigned", "assigned practice:"


class AuditEntry(models.Model):
    """What happened to a candidate's material on the server, for the candidate to read:
    every page a coach opened on it, and every share given or taken back."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_actions"
    )
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    area = models.CharField(max_length=16, choices=Area.choices)
    item_id = models.PositiveBigIntegerField(null=True, blank=True)
    #: What the entry was about, in words, kept so the log reads well after the item is gone.
    label = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.actor.get_username()} {self.get_action_display()} {self.label}"


class LastRead(models.Model):
    """When a coach last opened an item: the newest of the item's read entries in the audit
    log, kept beside it so the dashboard's "new since you last looked" reads one row per item
    instead of the coach's whole history. ``services.record_read`` writes both."""

    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="last_reads"
    )
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="last_read_by"
    )
    area = models.CharField(max_length=16, choices=Area.choices)
    item_id = models.PositiveBigIntegerField()
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["coach", "area", "item_id"], name="one_last_read")
        ]

    def __str__(self) -> str:
        return f"{self.coach.get_username()} read {self.area} #{self.item_id} at {self.at}"


class Comment(models.Model):
    """A coach's remark on a shared item, or a reply in its thread (``parent``). A remark on a
    practice recording can point at a moment (``at_seconds``) or a span of the transcript
    (``span_start``..``span_end``, characters of the attempt's text)."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments_on_mine"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments_written"
    )
    area = models.CharField(max_length=16, choices=Area.choices)
    item_id = models.PositiveBigIntegerField()
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    at_seconds = models.FloatField(null=True, blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = StampedManager()  # a thread's update() renews the candidate's stamp

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["candidate", "area", "item_id"])]

    def __str__(self) -> str:
        return f"{self.author.get_username()} on {self.area} #{self.item_id}"


class Assignment(models.Model):
    """Practice a coach set a candidate: a practice session of the coach's questions, in the
    candidate's own workspace, to be done by a date. It is done once every question has an
    attempt; deleting the session deletes the assignment."""

    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments_set"
    )
    session = models.OneToOneField(
        PracticeSession, on_delete=models.CASCADE, related_name="assignment"
    )
    due_on = models.DateField(validators=[validate_date_range])
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"Practice from {self.coach.get_username()}, due {self.due_on:%d %b %Y}"
