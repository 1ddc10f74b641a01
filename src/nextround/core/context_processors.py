from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from nextround import __version__


def product(request: HttpRequest) -> dict[str, Any]:
    return {"version": __version__, "local_mode": settings.APP.local_mode}
