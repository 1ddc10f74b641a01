"""``{% main_nav %}``: the menu at the top of every page, drawn once per page name and role and
kept by that (``nextround.core.fragments``): its twelve links and their conditions cost about a
millisecond of every page drawn through the template engine (issue 18)."""

from __future__ import annotations

from django import template
from django.template.context import Context
from django.urls import get_script_prefix
from django.utils.safestring import SafeString

from nextround.core.fragments import render_cached

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context: Context) -> SafeString:
    match = getattr(context.get("request"), "resolver_match", None)
    values = {
        "url_name": match.url_name if match else None,
        "can_share": bool(context.get("can_share")),
        "can_coach": bool(context.get("can_coach")),
        "can_invite": bool(context.get("can_invite")),
    }
    state = (get_script_prefix(), tuple(values.items()))
    return render_cached("core/_nav.html", values, state=state)
