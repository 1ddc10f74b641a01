from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest

from nextround import __version__


def product(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "version": __version__,
        "local_mode": settings.APP.local_mode,
        # Only a session that signed in with a password can sign out; the local account of
        # local mode is put on each request without one (core.middleware).
        "can_sign_out": signed_in and SESSION_KEY in request.session,
    }
