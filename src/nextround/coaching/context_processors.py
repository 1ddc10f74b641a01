from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpRequest

from nextround.coaching import services
from nextround.coaching.models import Role


def roles(request: HttpRequest) -> dict[str, Any]:
    """Whether the menu offers "Invite": on a shared server, to coaches and administrators."""
    user = getattr(request, "user", None)
    if settings.APP.local_mode or not isinstance(user, User):
        return {"can_invite": False}
    return {"can_invite": services.role_of(user) in (Role.COACH, Role.ADMIN)}
