from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest

from nextround.coaching import services
from nextround.coaching.models import Role


def roles(request: HttpRequest) -> dict[str, Any]:
    """What the menu offers on a shared server: "Sharing" to everyone, "Invite" and "Coach" to
    coaches and administrators. Local mode has one account and none of them."""
    user = getattr(request, "user", None)
    if settings.APP.local_mode or not isinstance(user, User):
        return {"can_invite": False, "can_share": False, "can_coach": False}
    coach = services.role_of(user) in (Role.COACH, Role.ADMIN)
    return {"can_invite": coach, "can_share": True, "can_coach": coach}
