"""Pages for stories, strengths, the posting and its requirements, coverage and concerns."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nextround.core.web import owner_of, page, see_other, submit
from nextround.errors import NotFound
from nextround.fit.requirements import facts_in_words
from nextround.fit.star import StoryReport, analyze_story
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import Opportunity
from nextround.stories import jobs, selectors, services
from nextround.stories.forms import (
    ConcernAnswerForm,
    CVCheckForm,
    PostingForm,
    QuoteForm,
    StoryForm,
    StrengthForm,
    TellingForm,
)
from nextround.stories.models import CheckStatus, Story

# The story fields the analysis reads.
ANALYSED = ("title", "situation", "task", "action", "result", "numbers")

# --- stories -------------------------------------------------------------------------------


@require_GET
def story_list(request: HttpRequest) -> HttpResponse:
    stories = list(selectors.story_list(owner=owner_of(request)))
    rows = [(s, selectors.story_report(s)) for s in stories]
    return render(request, "stories/story_list.html", {"rows": rows})


def _story_form_page(request: HttpRequest, story: Story | None) -> HttpResponse:
    form = StoryForm(request.POST or None, instance=story)
    if request.method == "POST":
        owner = owner_of(request)
        saved = submit(
            form,
            lambda: (
                services.story_update(story=story, **form.cleaned_data)
                if story
                else services.story_create(owner=owner, **form.cleaned_data)
            ),
        )
        if saved:
            messages.success(request, f"Saved “{saved}”.")
            return see_other("story_detail", pk=saved.pk)
    report = _draft_report(form)
    return page(
        request, "stories/story_form.html", {"form": form, "story": story, "report": report}, form
    )


def _draft_report(form: StoryForm) -> StoryReport:
    """The analysis of what the form holds now, saved or not."""
    data = form.data if form.is_bound else {k: form.initial.get(k, "") for k in form.fields}
    return analyze_story(**{part: str(data.get(part) or "") for part in ANALYSED})


@require_http_methods(["GET", "POST"])
def story_create(request: HttpRequest) -> HttpResponse:
    return _story_form_page(request, None)


@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _story_form_page(request, selectors.story_get(owner=owner_of(request), pk=pk))


@require_GET
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    story = selectors.story_get(owner=owner_of(request), pk=pk)
    context = {
        "story": story,
        "report": selectors.story_report(story),
        "tellings": selectors.story_tellings(story=story),
    }
    return render(request, "stories/story_detail.html", context)


@require_POST
def story_analysis(request: HttpRequest) -> HttpResponse:
    """The analysis fragment for the form as typed; the story page fetches it while you write."""
    form = StoryForm(request.POST)
    return render(request, "stories/_analysis.html", {"report": _draft_report(form)})


@require_http_methods(["GET", "POST"])
def story_delete(request: HttpRequest, pk: int) -> HttpResponse:
    story = selectors.story_get(owner=owner_of(request), pk=pk)
    if request.method == "POST":
        services.story_delete(story=story)
        messages.success(request, f"Deleted “{story}”.")
        return see_other("story_list")
    return render(
        request,
        "core/confirm_delete.html",
        {
            "thing": story,
            "what": "story",
            "consequence": "Where it was told, and strengths it backed, lose the link.",
            "cancel_url": reverse("story_detail", args=[pk]),
        },
    )


# --- strengths and quotes ------------------------------------------------------------------


def _strength_page(
    request: HttpRequest, form: StrengthForm, quote_form: QuoteForm, status: int = 200
) -> HttpResponse:
    owner = owner_of(request)
    context = {
        "strengths": selectors.strengths(owner=owner),
        "quotes": selectors.quotes(owner=owner),
        "form": form,
        "quote_form": quote_form,
        "has_stories": selectors.story_list(owner=owner).exists(),
    }
    return render(request, "stories/strengths.html", context, status=status)


@require_http_methods(["GET", "POST"])
def strengths(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = StrengthForm(request.POST or None, owner=owner)
    if request.method == "POST":
        saved = submit(form, lambda: services.strength_save(owner=owner, **form.cleaned_data))
        if saved:
            messages.success(request, f"Saved “{saved}”.")
            return see_other("strengths")
    status = 400 if form.errors else 200
    return _strength_page(request, form, QuoteForm(), status)


@require_http_methods(["GET", "POST"])
def strength_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    strength = selectors.strength_get(owner=owner, pk=pk)
    initial = {
        "name": strength.name,
        "description": strength.description,
        "rank": strength.rank,
        "differentiator": strength.differentiator,
        "stories": list(strength.stories.all()),
    }
    form = StrengthForm(request.POST or None, owner=owner, initial=initial)
    if request.method == "POST":
        saved = submit(
            form,
            lambda: services.strength_save(owner=owner, strength=strength, **form.cleaned_data),
        )
        if saved:
            messages.success(request, f"Saved “{saved}”.")
            return see_other("strengths")
    return page(request, "stories/strength_form.html", {"form": form, "strength": strength}, form)


@require_POST
def strength_delete(request: HttpRequest, pk: int) -> HttpResponse:
    strength = selectors.strength_get(owner=owner_of(request), pk=pk)
    services.strength_delete(strength=strength)
    messages.success(request, f"Removed “{strength}”.")
    return see_other("strengths")


@require_POST
def quote_create(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = QuoteForm(request.POST)
    if submit(form, lambda: services.quote_create(owner=owner, **form.cleaned_data)):
        return see_other(reverse("strengths") + "#quotes")
    return _strength_page(request, StrengthForm(owner=owner), form, status=400)


@require_POST
def quote_delete(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quotes(owner=owner_of(request)).filter(pk=pk).first()
    if quote is None:
        raise NotFound(f"No quote with id {pk}.")
    services.quote_delete(quote=quote)
    return see_other(reverse("strengths") + "#quotes")


# --- the posting, coverage and concerns ----------------------------------------------------


@require_http_methods(["GET", "POST"])
def posting(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = interview_selectors.opportunity_get(owner=owner_of(request), pk=pk)
    form = PostingForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        saved = submit(
            form,
            lambda: services.posting_set(
                opportunity=opportunity, text=form.cleaned_data["text"], document=form.document()
            ),
        )
        if saved:
            messages.success(request, "Posting saved; its requirements are below.")
            return see_other("posting", pk=pk)
    extraction = selectors.requirements(opportunity=opportunity)
    context = {
        "opportunity": opportunity,
        "form": form,
        "extraction": extraction,
        "facts": facts_in_words(extraction.facts),
    }
    return page(request, "stories/posting.html", context, form)


@require_GET
def coverage(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = interview_selectors.opportunity_get(owner=owner_of(request), pk=pk)
    return _coverage_page(request, opportunity)


def _coverage_page(
    request: HttpRequest, opportunity: Opportunity, status: int = 200
) -> HttpResponse:
    view = selectors.coverage(opportunity=opportunity)
    context = {"opportunity": opportunity, "view": view, "statuses": CheckStatus.choices}
    return render(request, "stories/coverage.html", context, status=status)


@require_POST
def cv_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Set what the CV shows for one requirement; back to the list either way."""
    opportunity = interview_selectors.opportunity_get(owner=owner_of(request), pk=pk)
    form = CVCheckForm(request.POST)
    saved = submit(
        form,
        lambda: services.cv_check_set(
            opportunity=opportunity,
            key=form.cleaned_data["key"],
            status=form.cleaned_data["status"],
        ),
    )
    if not saved:
        problems = [str(m) for errors in form.errors.values() for m in errors]
        messages.error(request, "Not saved: " + " ".join(problems))
        return _coverage_page(request, opportunity, status=400)
    messages.success(request, f"“{saved.requirement_text}”: {saved.get_status_display()}.")
    return see_other(reverse("coverage", args=[pk]) + "#cv-checks")


@require_POST
def coverage_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the embeddings the coverage page waits for (a GET never starts work)."""
    opportunity = interview_selectors.opportunity_get(owner=owner_of(request), pk=pk)
    jobs.enqueue(opportunity.owner_id)
    messages.info(request, "Preparing matching by meaning; this page shows it once it is ready.")
    return see_other(reverse("coverage", args=[pk]))


@require_GET
def concerns(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = interview_selectors.opportunity_get(owner=owner_of(request), pk=pk)
    rows = selectors.concerns(opportunity=opportunity)
    return render(request, "stories/concerns.html", {"opportunity": opportunity, "rows": rows})


@require_http_methods(["GET", "POST"])
def concern_answer(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    opportunity = interview_selectors.opportunity_get(owner=owner, pk=pk)
    ref = (request.POST or request.GET).get("ref", "")
    row = (
        selectors.concern_get(opportunity=opportunity, ref=ref)
        if request.method == "GET"
        # A must-have a story has covered since is no row, yet its answer can still be saved:
        # the service checks the ref.
        else selectors.concern_find(opportunity=opportunity, ref=ref)
    )
    initial = {"ref": ref, **selectors.concern_answer_draft(row=row)}
    form = ConcernAnswerForm(request.POST or None, owner=owner, initial=initial)
    if request.method == "POST":
        saved = submit(
            form,
            lambda: services.concern_answer_set(opportunity=opportunity, **form.cleaned_data),
        )
        if saved:
            messages.success(request, "Answer planned.")
            return see_other(reverse("concerns", args=[pk]))
    context: dict[str, object] = {"opportunity": opportunity, "row": row, "form": form}
    return page(request, "stories/concern_form.html", context, form)


# --- the ledger on the round page ----------------------------------------------------------


@require_POST
def round_tell(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    round_ = interview_selectors.round_get(owner=owner, pk=pk)
    form = TellingForm(request.POST, owner=owner, attendees=list(round_.attendees.all()))
    people_given = bool(request.POST.getlist("people"))
    done = submit(
        form,
        lambda: services.telling_record(
            story=form.cleaned_data["story"],
            round_=round_,
            people=list(form.cleaned_data["people"]) if people_given else None,
        ),
    )
    if done:
        messages.success(request, f"Logged “{done.story}” as told in this round.")
    else:
        problems = [str(m) for errors in form.errors.values() for m in errors]
        messages.error(request, "The story was not logged: " + " ".join(problems))
    return see_other(reverse("round_detail", args=[pk]) + "#stories")
