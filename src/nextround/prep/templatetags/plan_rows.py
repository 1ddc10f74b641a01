"""``{% plan_rows rows in_next=True %}``: the rows of one list of the prep plan, drawn in one
pass from each row's plain values.

The template engine reads a dict's key at its first try, where a row of dataclasses costs a
failed lookup per step of ``row.item.title``; and the slug, the query-string key and the due
time (``on_clock``) are worked out once per row here instead of by filters and a tag inside
the loop. The markup stays in ``prep/_plan_rows.html``."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.template.context import Context
from django.template.defaultfilters import slugify, urlencode
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from nextround.core.templatetags.clock import on_clock
from nextround.prep.selectors import PlanRow

register = template.Library()

DUE_FORMAT = "D j M, H:i"


def plan_row_view(row: PlanRow, *, zone: str, past: bool) -> dict[str, object]:
    item, progress = row.item, row.progress
    return {
        "key": item.key,
        "slug": slugify(item.key),
        "query_key": urlencode(item.key),
        "title": item.title,
        "detail": item.detail,
        "weight": item.weight,
        "status": progress.status,
        "reason": progress.reason,
        "note": progress.note,
        "overdue": row.overdue and not past,
        "due": on_clock(row.due_local, zone, DUE_FORMAT),
    }


@register.simple_tag(takes_context=True)
def plan_rows(context: Context, rows: Sequence[PlanRow], *, in_next: bool = False) -> SafeString:
    """Reads ``round``, ``plan`` (its sections), ``plan_url``, ``read_only`` and the CSRF token
    from the page's context."""
    zone, past = context["round"].timezone, context["plan"].past
    html = get_template("prep/_plan_rows.html").render(
        {
            "rows": [plan_row_view(r, zone=zone, past=past) for r in rows],
            "in_next": in_next,
            "plan_url": context["plan_url"],
            "read_only": context.get("read_only", False),
            "csrf_token": context.get("csrf_token"),
        }
    )
    return mark_safe(html)  # escaped by the template engine as it drew it
