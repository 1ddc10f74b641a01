"""Pages for opportunities, people, rounds and notes. Views parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nextround.core.pagecache import cached_page
from nextround.core.web import owner_of, page, safe_next, see_other, submit
from nextround.errors import Invalid, NotFound
from nextround.interviews import selectors, services
from nextround.interviews.forms import (
    AttendeeForm,
    OpportunityCreateForm,
    OpportunityForm,
    PersonForm,
    RoundForm,
    StageForm,
    note_form_class,
)
from nextround.interviews.models import NoteKind, Person, Stage


def _notes_anchor(round_pk: int, kind: str) -> str:
    return reverse("round_detail", args=[round_pk]) + f"#notes-{kind}"


def _another_note(round_pk: int, kind: str, person: Person | None) -> str:
    url = reverse("note_create", args=[round_pk, kind])
    return f"{url}?person={person.pk}" if person is not None else url


# --- opportunities -------------------------------------------------------------------------


@require_safe
def opportunity_list(request: HttpRequest) -> HttpResponse:
    stage = request.GET.get("stage") or None
    if stage and stage not in Stage.values:
        raise NotFound(f"No stage called {stage!r}.")
    items = selectors.opportunity_rows(owner=owner_of(request), stage=stage)
    return render(
        request,
        "interviews/opportunity_list.html",
        {"opportunities": items, "stage": stage, "stages": Stage.choices},
    )


@require_http_methods(["GET", "POST"])
def opportunity_create(request: HttpRequest) -> HttpResponse:
    form = OpportunityCreateForm(request.POST or None)
    if request.method == "POST":
        created = submit(
            form, lambda: services.opportunity_create(owner=owner_of(request), **form.cleaned_data)
        )
        if created:
            messages.success(request, f"Added {created}.")
            return see_other("opportunity_detail", pk=created.pk)
    return page(request, "interviews/opportunity_form.html", {"form": form}, form)


@require_safe
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_detail(owner=owner_of(request), pk=pk)
    stage_form = StageForm(initial={"stage": opportunity.stage, "on": timezone.localdate()})
    return render(
        request,
        "interviews/opportunity_detail.html",
        {"opportunity": opportunity, "stage_form": stage_form},
    )


@require_http_methods(["GET", "POST"])
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(owner=owner_of(request), pk=pk)
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if (
        request.method == "POST"
        and submit(
            form, lambda: services.opportunity_update(opportunity=opportunity, **form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, "Saved.")
        return see_other("opportunity_detail", pk=pk)
    return page(
        request,
        "interviews/opportunity_form.html",
        {"form": form, "opportunity": opportunity},
        form,
    )


@require_POST
def opportunity_stage(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(owner=owner_of(request), pk=pk)
    form = StageForm(request.POST)
    if submit(
        form,
        lambda: services.opportunity_set_stage(
            opportunity=opportunity, stage=form.cleaned_data["stage"], on=form.cleaned_data["on"]
        ),
    ):
        messages.success(request, f"Stage set to {opportunity.get_stage_display()}.")
        return see_other("opportunity_detail", pk=pk)
    detail = selectors.opportunity_detail(owner=owner_of(request), pk=pk)
    return page(
        request,
        "interviews/opportunity_detail.html",
        {"opportunity": detail, "stage_form": form},
        form,
    )


@require_http_methods(["GET", "POST"])
def opportunity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(owner=owner_of(request), pk=pk)
    if request.method == "POST":
        services.opportunity_delete(opportunity=opportunity)
        messages.success(request, f"Deleted {opportunity}.")
        return see_other("opportunity_list")
    return render(
        request,
        "core/confirm_delete.html",
        {
            "thing": opportunity,
            "what": "opportunity",
            "consequence": "Its rounds, people and notes are deleted with it.",
            "cancel_url": reverse("opportunity_detail", args=[pk]),
        },
    )


# --- people --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = selectors.opportunity_get(owner=owner_of(request), pk=pk)
    # Opened from a round's page: that round ticked, and back to it afterwards. A value that
    # names none of this opportunity's rounds is ignored.
    from_round = next(
        (r for r in opportunity.rounds.all() if str(r.pk) == request.GET.get("round")), None
    )
    form = PersonForm(
        request.POST or None,
        opportunity=opportunity,
        initial={"rounds": [from_round]} if from_round else None,
    )
    if (
        request.method == "POST"
        and submit(
            form, lambda: services.person_create(opportunity=opportunity, **form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, f"Added {form.cleaned_data['name']}.")
        return see_other(
            safe_next(request, request.POST.get("next") or "")
            or reverse("opportunity_detail", args=[pk])
        )
    return page(
        request,
        "interviews/person_form.html",
        {"form": form, "opportunity": opportunity, "from_round": from_round},
        form,
    )


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(owner=owner_of(request), pk=pk)
    form = PersonForm(request.POST or None, instance=person, opportunity=person.opportunity)
    if (
        request.method == "POST"
        and submit(form, lambda: services.person_update(person=person, **form.cleaned_data))
        is not None
    ):
        messages.success(request, "Saved.")
        return see_other("opportunity_detail", pk=person.opportunity_id)
    return page(
        request,
        "interviews/person_form.html",
        {"form": form, "opportunity": person.opportunity, "person": person},
        form,
    )


@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(owner=owner_of(request), pk=pk)
    if request.method == "POST":
        services.person_delete(person=person)
        messages.success(request, f"Removed {person.name}.")
        return see_other("opportunity_detail", pk=person.opportunity_id)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "thing": person,
            "what": "person",
            "consequence": "Notes that name them stay, without the name.",
            "cancel_url": reverse("opportunity_detail", args=[person.opportunity_id]),
        },
    )


# --- rounds --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    opportunity = selectors.opportunity_get(owner=owner, pk=pk)
    form = RoundForm(
        request.POST or None,
        opportunity=opportunity,
        default_timezone=selectors.default_timezone(owner=owner),
        initial={"number": services.next_round_number(opportunity)},
    )
    if request.method == "POST":
        created = submit(
            form, lambda: services.round_create(opportunity=opportunity, **form.service_kwargs())
        )
        if created:
            messages.success(request, f"Added the {created.label.lower()}.")
            return see_other("round_detail", pk=created.pk)
    return page(
        request, "interviews/round_form.html", {"form": form, "opportunity": opportunity}, form
    )


@require_POST
def round_attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get(owner=owner_of(request), pk=pk)
    form = AttendeeForm(request.POST, round_=round_)
    if not form.is_valid():
        raise Invalid("Choose someone of this opportunity who does not attend this round yet.")
    person = form.cleaned_data["person"]
    services.round_attendee_add(round_=round_, person=person)
    messages.success(request, f"{person.name} attends this round too.")
    return see_other(reverse("round_detail", args=[pk]) + "#who")


@require_safe
@cached_page
def round_carry_forward(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get(owner=owner_of(request), pk=pk)
    return render(
        request,
        "interviews/round_carry_forward.html",
        {
            "round": round_,
            "carry": selectors.carry_forward(round_=round_),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get(owner=owner_of(request), pk=pk)
    form = RoundForm(
        request.POST or None,
        instance=round_,
        opportunity=round_.opportunity,
        default_timezone=round_.timezone,
    )
    if (
        request.method == "POST"
        and submit(form, lambda: services.round_update(round_=round_, **form.service_kwargs()))
        is not None
    ):
        messages.success(request, "Saved.")
        return see_other("round_detail", pk=pk)
    return page(
        request,
        "interviews/round_form.html",
        {"form": form, "opportunity": round_.opportunity, "round": round_},
        form,
    )


@require_http_methods(["GET", "POST"])
def round_delete(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_get(owner=owner_of(request), pk=pk)
    if request.method == "POST":
        services.round_delete(round_=round_)
        messages.success(request, f"Deleted the {round_.label.lower()}.")
        return see_other("opportunity_detail", pk=round_.opportunity_id)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "thing": round_,
            "what": "round",
            "consequence": "Its notes are deleted with it.",
            "cancel_url": reverse("round_detail", args=[pk]),
        },
    )


# --- notes ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def note_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    round_ = selectors.round_get(owner=owner_of(request), pk=pk)
    if kind not in NoteKind.values:
        raise NotFound(f"No kind of note called {kind!r}.")
    # "Save and add another" comes back with the same person chosen: several questions from
    # one interviewer are typed in a row.
    person = request.GET.get("person", "")
    initial = {"person": int(person)} if person.isdigit() else None
    form = note_form_class(kind)(request.POST or None, round_=round_, initial=initial)
    if (
        request.method == "POST"
        and submit(
            form, lambda: services.note_create(round_=round_, kind=kind, **form.service_kwargs())
        )
        is not None
    ):
        messages.success(request, f"{NoteKind(kind).label} saved.")
        if "another" in request.POST:
            return see_other(_another_note(pk, kind, form.cleaned_data.get("person")))
        return see_other(_notes_anchor(pk, kind))
    return page(
        request,
        "interviews/note_form.html",
        {"form": form, "round": round_, "kind": NoteKind(kind)},
        form,
    )


@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    note = selectors.note_get(owner=owner_of(request), pk=pk)
    form = note_form_class(note.kind)(request.POST or None, instance=note, round_=note.round)
    if (
        request.method == "POST"
        and submit(form, lambda: services.note_update(note=note, **form.service_kwargs()))
        is not None
    ):
        messages.success(request, "Saved.")
        return see_other(_notes_anchor(note.round_id, note.kind))
    return page(
        request,
        "interviews/note_form.html",
        {"form": form, "round": note.round, "kind": NoteKind(note.kind), "note": note},
        form,
    )


@require_http_methods(["GET", "POST"])
def note_delete(request: HttpRequest, pk: int) -> HttpResponse:
    note = selectors.note_get(owner=owner_of(request), pk=pk)
    if request.method == "POST":
        services.note_delete(note=note)
        messages.success(request, "Note deleted.")
        return see_other(_notes_anchor(note.round_id, note.kind))
    return render(
        request,
        "core/confirm_delete.html",
        {
            "thing": note,
            "what": "note",
            "consequence": "",
            "cancel_url": reverse("round_detail", args=[note.round_id]),
        },
    )
