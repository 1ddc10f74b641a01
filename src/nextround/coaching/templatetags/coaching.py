"""Coaching drops into the candidate's own pages, which know nothing of it:

- ``{% thread "stories" story %}``: the comments on the item, for its candidate (nothing when
  there are none) or for a coach it is shared with (with a form to start a thread);
- ``{% assigned_practice %}``: the practice coaches set the signed-in candidate, not done yet;
- ``{% assigned_in_plan round %}``: the same, due by the round's date, as items of its plan (to a
  coach reading a shared plan, what they set).

In local mode there are no coaches: both render nothing, without a query. The partials are
rendered without the request, so no context processor adds a query of its own."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.utils import timezone

from nextround.coaching import assignments, comments
from nextround.coaching.forms import CommentForm
from nextround.coaching.models import Area
from nextround.core.models import Owned
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import Round

register = template.Library()


def _viewer(context: template.Context) -> User | None:
    request = context.get("request")
    user = getattr(request, "user", None)
    if settings.APP.local_mode or not isinstance(user, User):
        return None
    return user


@register.simple_tag(takes_context=True)
def thread(context: template.Context, area: str, item: Owned) -> str:
    viewer = _viewer(context)
    if viewer is None:
        return ""
    discussion = comments.thread_for(viewer, Area(area), item)
    if discussion.by_owner and not discussion.threads:
        return ""
    values: dict[str, Any] = {
        "discussion": discussion,
        "viewer": viewer,
        "form": CommentForm(initial={"area": area, "item_id": item.pk}),
        "next": context["request"].get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
    return render_to_string("coaching/_comments.html", values)


@register.simple_tag(takes_context=True)
def assigned_practice(context: template.Context) -> str:
    viewer = _viewer(context)
    if viewer is None:
        return ""
    due = list(assignments.assignments_open(viewer))
    if not due:
        return ""
    values = {"assignments": due, "today": timezone.localdate()}
    return render_to_string("coaching/_assigned.html", values)


@register.simple_tag(takes_context=True)
def assigned_in_plan(context: template.Context, round_: Round) -> str:
    viewer = _viewer(context)
    if viewer is None or interview_selectors.round_is_past(round_, timezone.now()):
        return ""
    coach = None if viewer.pk == round_.owner_id else viewer
    due = assignments.assignments_before(round_.owner_id, round_.local_start.date(), coach=coach)
    if not due:
        return ""
    values = {"assignments": due, "today": timezone.localdate(), "by_coach": coach is not None}
    return render_to_string("coaching/_assigned_plan.html", values)


@register.filter
def moment(seconds: float) -> str:
    """Seconds as ``m:ss``, how a moment of a recording is written."""
    return comments.minutes_seconds(seconds)
