"""Who may do what on a shared server. Local mode has one account and needs none of this: an
account without a ``Member`` row is a candidate."""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
