"""What the prep app's Jinja2 partials call (``nextround.core.jinja``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import jinja2
from django.template.defaultfilters import slugify, urlencode
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from nextround.core.templatetags.clock import on_clock
from nextround.prep.selectors import PlanRow

DUE_FORMAT = "D j M, H:i"


@lru_cache(maxsize=2048)
def _key_forms(key: str) -> tuple[str, str]:
    """An item's key as an anchor and in a query string. Most keys are the checklist's ids (a
    per-interviewer item adds the person's), the same in every round's plan, so each is worked
    out once rather than once per row drawn."""
    return slugify(key), urlencode(key)


class PlanRowView(NamedTuple):
    """One row's plain values: the slug, the query-string key and the due time on the round's
    clock worked out once, and no chain of attribute lookups left to the template. Jinja reads
    ``row.title`` as an attribute first, which a tuple's field is (a dict's key is read only
    after a failed attribute lookup)."""

    key: str
    slug: str
    query_key: str
    title: str
    detail: str
    weight: int
    status: str
    reason: str
    note: str
    overdue: bool
    due: str


def plan_row_view(row: PlanRow, *, zone: str, past: bool) -> PlanRowView:
    item, progress = row.item, row.progress
    slug, query_key = _key_forms(item.key)
    return PlanRowView(
        key=item.key,
        slug=slug,
        query_key=query_key,
        title=item.title,
        detail=item.detail,
        weight=item.weight,
        status=progress.status,
        reason=progress.reason,
        note=progress.note,
        overdue=row.overdue and not past,
        due=on_clock(row.due_local, zone, DUE_FORMAT),
    )


@jinja2.pass_context
def plan_rows(
    context: jinja2.runtime.Context, rows: Sequence[PlanRow], *, in_next: bool = False
) -> SafeString:
    """``{{ plan_rows(plan.next_up, in_next=True) }}`` in ``prep/_plan.html``: the rows of one
    list of the plan, drawn by ``prep/_plan_rows.html`` with the page's ``round`` (its clock),
    ``plan`` (over or not), ``plan_url``, ``read_only`` and CSRF token."""
    zone, past = context["round"].timezone, context["plan"].past
    html = get_template("prep/_plan_rows.html").render(
        {
            "rows": [plan_row_view(r, zone=zone, past=past) for r in rows],
            "in_next": in_next,
            "plan_url": context["plan_url"],
            "read_only": context["read_only"],
            # once: Django's Jinja2 backend hands a lazy token that is masked anew at each read
            "csrf_token": str(context.get("csrf_token", "")),
        }
    )
    return mark_safe(html)  # escaped by Jinja2 as it drew it


GLOBALS = {"plan_rows": plan_rows}
