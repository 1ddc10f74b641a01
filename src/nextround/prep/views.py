"""Pages for a round's playbook: plan items, the calendar file, questions to ask."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from nextround.core.web import owner_of, page, see_other, submit
from nextround.errors import Invalid
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.selectors import carry_forward
from nextround.prep import selectors, services
from nextround.prep.forms import AskCreateForm, AskEditForm, PlanItemForm


def _plan_anchor(round_id: int, key: str = "") -> str:
    """Back to the round page, at the item just changed (its row's id) or at the plan."""
    return reverse("round_detail", args=[round_id]) + (f"#item-{slugify(key)}" if key else "#plan")


def _asks_anchor(round_id: int) -> str:
    return reverse("round_detail", args=[round_id]) + "#asks"


@require_http_methods(["GET", "POST"])
def plan_item(request: HttpRequest, pk: int) -> HttpResponse:
    """POST ticks, skips or annotates an item; GET (``?key=``) shows its full form."""
    round_ = interview_selectors.round_get(owner=owner_of(request), pk=pk)
    now = timezone.now()
    rp = selectors.round_plan(carry=carry_forward(round_=round_), now=now)
    data = request.POST if request.method == "POST" else None
    key = (data or request.GET).get("key", "")
    row = next((r for r in rp.rows if r.item.key == key), None)
    initial = {"key": key}
    if row is not None:
        initial.update(
            status=row.progress.status, note=row.progress.note, reason=row.progress.reason
        )
    form = PlanItemForm(data, initial=initial)
    if (
        data is not None
        and submit(
            form, lambda: services.plan_item_set(round_=round_, now=now, **form.service_kwargs())
        )
        is not None
    ):
        if request.headers.get("X-Fragment") == "plan":  # the round page's script: just the plan
            fresh = selectors.round_plan(carry=carry_forward(round_=round_), now=now)
            keep = key if data.get("place") == "next" else ""
            sections = selectors.plan_sections(
                fresh, past=interview_selectors.round_is_past(round_, now), keep=keep
            )
            return render(
                request, "prep/_plan.html", {"round": round_, "rp": fresh, "plan": sections}
            )
        messages.success(request, "Plan updated.")
        return see_other(_plan_anchor(round_.pk, key))
    if row is None and data is None:
        raise Invalid(f"The plan for this round has no item {key!r}.")
    return page(request, "prep/plan_item.html", {"round": round_, "row": row, "form": form}, form)


@require_POST
def ask_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep a suggested question, then open it to edit, mark as asked or record the answer."""
    owner = owner_of(request)
    round_ = interview_selectors.round_get(owner=owner, pk=pk)
    person = interview_selectors.person_get(owner=owner, pk=_int(request.POST.get("person")))
    item = services.ask_adopt(round_=round_, person=person, bank_id=request.POST.get("ask", ""))
    return see_other("ask_edit", item.pk)


@require_http_methods(["GET", "POST"])
def ask_create(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = interview_selectors.round_get(owner=owner_of(request), pk=pk)
    attendees = list(round_.attendees.all())
    form = AskCreateForm(
        request.POST or None, attendees=attendees, initial={"person": request.GET.get("person")}
    )
    if (
        request.method == "POST"
        and submit(
            form,
            lambda: services.ask_create(
                round_=round_, person=form.cleaned_data["person"], text=form.cleaned_data["text"]
            ),
        )
        is not None
    ):
        messages.success(request, "Question added.")
        return see_other(_asks_anchor(round_.pk))
    return page(request, "prep/ask_form.html", {"round": round_, "form": form}, form)


@require_http_methods(["GET", "POST"])
def ask_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.ask_get(owner=owner_of(request), pk=pk)
    form = AskEditForm(request.POST or None, instance=item)
    if (
        request.method == "POST"
        and submit(form, lambda: services.ask_update(item=item, **form.cleaned_data)) is not None
    ):
        messages.success(request, "Saved.")
        return see_other(_asks_anchor(item.round_id))
    return page(
        request, "prep/ask_form.html", {"round": item.round, "form": form, "item": item}, form
    )


def _int(value: str | None) -> int:
    """A posted id; anything else becomes an id no record has, so the lookup says not found."""
    try:
        return int(value or "")
    except ValueError:
        return 0
