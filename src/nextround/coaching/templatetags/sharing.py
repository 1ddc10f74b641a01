"""``{% share_here area item_id %}``: a small form that shares the page's item with a coach,
for the pages of the apps below (a story, a round). Shown on a shared server only, and only
when there is a coach to share with; it posts to the sharing page, which checks everything."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.contrib.auth.models import User

from nextround.coaching import selectors
from nextround.coaching.models import Area

register = template.Library()


@register.inclusion_tag("coaching/_share_here.html", takes_context=True)
def share_here(context: template.Context, area: str, item_id: int) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or settings.APP.local_mode or not isinstance(user, User):
        return {"coaches": []}
    return {
        "coaches": [c.username for c in selectors.coaches(candidate=user)],
        "what": f"{Area(area).value}:{item_id}",
        "word": selectors.ITEM_WORD[Area(area)],
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
