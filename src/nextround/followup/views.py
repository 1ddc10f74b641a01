"""Pages after a round: the debrief, the thank-you notes (edit, .eml, mark sent), a reply
received, and the follow-ups marked sent."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nextround.core.forms import could_be_id
from nextround.core.web import owner_of, page, see_other, submit
from nextround.errors import Invalid
from nextround.followup import selectors, services
from nextround.followup import thanks as thank_you
from nextround.followup.forms import (
    PersonDebriefForm,
    ReplyForm,
    RoundDebriefForm,
    SentForm,
    SignatureForm,
    ThankYouForm,
)
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import NoteKind, Person, Round
from nextround.stories import selectors as story_selectors


def _round(request: HttpRequest, pk: int) -> Round:
    return interview_selectors.round_get(owner=owner_of(request), pk=pk)


def _problems(form: forms.Form) -> str:
    return "; ".join(str(m) for errors in form.errors.values() for m in errors)


def _thanks_url(round_: Round, anchor: str = "") -> str:
    return reverse("thanks", args=[round_.pk]) + (f"#{anchor}" if anchor else "")


@require_safe
def round_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    name, content = selectors.round_calendar(round_=round_, now=timezone.now())
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the debrief --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def debrief(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    sheet = thank_you.debrief_sheet(round_=round_)
    stories = list(story_selectors.story_list(owner=owner_of(request)))
    data = request.POST if request.method == "POST" else None
    saved = sheet.debrief
    round_form = RoundDebriefForm(
        data,
        initial={"overall": saved.overall, "feel": saved.feel} if saved else None,
    )
    person_forms = [
        PersonDebriefForm(
            data,
            person=part.person,
            stories=stories,
            initial={
                "topics": part.debrief.topics if part.debrief else "",
                "cared_about": part.debrief.cared_about if part.debrief else "",
                "specific": part.debrief.specific if part.debrief else "",
                "rapport": part.debrief.rapport if part.debrief else None,
                "stories": part.told,
            },
        )
        for part in sheet.people
    ]
    if data is not None:
        finish = "finish" in data
        valid = round_form.is_valid() & all([f.is_valid() for f in person_forms])
        saved_now = None
        if valid:
            saved_now = submit(
                round_form,
                lambda: services.debrief_save(
                    round_=round_,
                    entry=round_form.entry(done=finish),
                    people=[f.entry() for f in person_forms],
                ),
            )
        if saved_now is not None:
            if finish:
                messages.success(request, "Debrief saved. Your thank-you drafts are ready.")
                return see_other(_thanks_url(round_))
            messages.success(request, "Draft saved.")
            return see_other("debrief", pk=round_.pk)
    parts = list(zip(sheet.people, person_forms, strict=True))
    return page(
        request,
        "followup/debrief.html",
        {"round": round_, "sheet": sheet, "round_form": round_form, "parts": parts},
        round_form,
        *person_forms,
    )


# --- thank-you notes ----------------------------------------------------------------------------


@require_safe
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    owner = owner_of(request)
    followups = selectors.round_followups_get(owner=owner, pk=pk, now=now)
    round_ = followups.round
    board = thank_you.thanks(
        round_=round_, now=now, attendees=followups.attendees, sent=followups.sent
    )
    followups = selectors.with_drafts(followups, owner)
    context = {
        "round": round_,
        "board": board,
        "followups": followups,
        "signature_form": SignatureForm(
            initial={"name": owner.get_full_name(), "email": owner.email}
        ),
        "notes": [
            (
                note,
                ThankYouForm(
                    initial={"subject": note.subject, "body": note.body},
                    prefix=f"note{note.person.pk}",
                ),
            )
            for note in board.notes
        ],
        "today": timezone.localdate(now),
    }
    return page(request, "followup/thanks.html", context)


def _person(request: HttpRequest, round_: Round, value: str | None) -> Person:
    """The interviewer a request names (``person``), who must have attended the round."""
    if not value or not value.isdigit() or not could_be_id(value):
        raise Invalid("Say whose note: the person is missing.")
    who = interview_selectors.person_get(owner=owner_of(request), pk=int(value))
    if not round_.attendees.filter(pk=who.pk).exists():
        raise Invalid(f"{who.name} did not attend this round.")
    return who


@require_POST
def thank_you_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    who = _person(request, round_, request.POST.get("person"))
    anchor = f"note-{who.pk}"
    if "reset" in request.POST:
        services.thank_you_reset(round_=round_, person=who)
        messages.success(request, f"The note to {who.name} is the fresh draft again.")
        return see_other(_thanks_url(round_, anchor))
    form = ThankYouForm(request.POST, prefix=f"note{who.pk}")
    if submit(
        form,
        lambda: services.thank_you_save(
            round_=round_,
            person=who,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        ),
    ):
        messages.success(request, f"Your note to {who.name} is saved.")
        return see_other(_thanks_url(round_, anchor))
    now = timezone.now()
    note = thank_you.note_for(round_=round_, person=who, now=now)
    return page(
        request,
        "followup/thank_you_edit.html",
        {"round": round_, "note": note, "form": form},
        form,
    )


@require_safe
def thank_you_eml(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    who = _person(request, round_, request.GET.get("person"))
    note = thank_you.note_for(round_=round_, person=who, now=timezone.now())
    current = note.as_draft()
    if current is None:
        raise Invalid(note.missing.message if note.missing else "There is no note to write yet.")
    content = thank_you.eml_to(current, who, owner_of(request))
    return _eml_response(content, f"thank-you-{who.name}")


@require_safe
def followup_eml(request: HttpRequest, pk: int) -> HttpResponse:
    """A status check, a concern's answer or a feedback request as an .eml file."""
    round_ = _round(request, pk)
    row = selectors.row_for(round_=round_, key=request.GET.get("key", ""), now=timezone.now())
    if row.draft is None:
        raise Invalid(row.draft_problem or "There is nothing to send for this follow-up.")
    to_person = row.recipient
    content = thank_you.eml_to(row.draft, to_person, owner_of(request))
    return _eml_response(content, f"{row.kind}-{to_person.name if to_person else 'contact'}")


def _eml_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="message/rfc822")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "note"}.eml"'
    return response


@require_POST
def signature(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    form = SignatureForm(request.POST)
    if submit(
        form,
        lambda: services.signature_set(
            owner=owner_of(request),
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
        ),
    ):
        messages.success(request, "Your notes are signed with your name now.")
        return see_other(_thanks_url(round_))
    messages.error(request, _problems(form))
    return see_other(_thanks_url(round_, "signature"))


# --- follow-ups sent and replies ----------------------------------------------------------------


@require_POST
def followup_sent(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    form = SentForm(
        request.POST,
        people=round_.opportunity.people.all(),
        concerns=round_.notes.filter(kind=NoteKind.CONCERN),
    )
    back = request.POST.get("next", "")
    sent = submit(
        form,
        lambda: services.followup_sent(
            round_=round_,
            kind=form.cleaned_data["kind"],
            on=form.cleaned_data["on"],
            person=form.cleaned_data["person"],
            concern=form.cleaned_data["concern"],
        ),
    )
    if sent is None:
        raise Invalid(f"Not marked sent: {_problems(form)}")
    messages.success(request, f"{sent.get_kind_display()} marked sent on {sent.sent_on:%d %b %Y}.")
    return see_other(back if back == "dashboard" else _thanks_url(round_, "followups"))


@require_POST
def followup_unsend(request: HttpRequest, pk: int) -> HttpResponse:
    sent = selectors.sent_get(owner=owner_of(request), pk=pk)
    round_ = sent.round
    services.followup_unsend(sent=sent)
    messages.success(request, "No longer marked sent.")
    return see_other(_thanks_url(round_, "followups"))


@require_http_methods(["GET", "POST"])
def reply_create(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    form = ReplyForm(
        request.POST or None,
        people=round_.opportunity.people.all(),
        initial={"received_on": timezone.localdate()},
    )
    if (
        request.method == "POST"
        and submit(form, lambda: services.reply_record(round_=round_, **form.cleaned_data))
        is not None
    ):
        messages.success(request, "Reply recorded.")
        return see_other(_thanks_url(round_, "followups"))
    return page(request, "followup/reply_form.html", {"round": round_, "form": form}, form)


@require_POST
def reply_delete(request: HttpRequest, pk: int) -> HttpResponse:
    reply = selectors.reply_get(owner=owner_of(request), pk=pk)
    round_ = reply.round
    services.reply_delete(reply=reply)
    messages.success(request, "Reply removed.")
    return see_other(_thanks_url(round_, "followups"))
