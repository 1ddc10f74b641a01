"""What the practice tests share: two answers, and sessions and attempts made in a line."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from nextround.practice import services
from nextround.practice.models import Attempt, PracticeSession

# A behavioral answer with a plain structure, a number, and two fillers ("um", "you know").
GOOD = (
    "Last spring our clinic's appointment no-show rate had climbed to one in five. "
    "My job was to bring it down before the summer rush. "
    "I pulled six months of booking data, um, and found most no-shows were Monday mornings. "
    "I set up text reminders two days ahead and I moved Monday slots to the afternoon. "
    "As a result, no-shows fell to 8% within two months, you know, and we filled 40 more "
    "appointments a week."
)
RAMBLING = " ".join(["I think maybe we sort of just tried things, like, and so on."] * 45)


def _behavioral(user: User, count: int = 3) -> PracticeSession:
    return services.session_start(owner=user, category="behavioral", count=count)


def _attempt_at(user: User, category: str, text: str, days_ago: int) -> Attempt:
    session = services.session_start(owner=user, category=category, count=1)
    attempt = services.attempt_typed(owner=user, question=session.questions.get(), text=text)
    Attempt.objects.filter(pk=attempt.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return attempt


def _left_behind(user: User, status: str, progress: float) -> Attempt:
    question = _behavioral(user, count=1).questions.get()
    return Attempt.objects.create(
        owner=user,
        question=question,
        mode="spoken",
        status=status,
        progress=progress,
        audio="left-behind.wav",
    )
