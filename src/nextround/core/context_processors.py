from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from nextround import __version__
from nextround.core.middleware import SIGNED_IN_BY_LOOPBACK


def product(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "version": __version__,
        "local_mode": settings.APP.local_mode,
        # Only a session that signed in with a password can sign out.
        "can_sign_out": signed_in and not request.session.get(SIGNED_IN_BY_LOOPBACK, False),
    }
