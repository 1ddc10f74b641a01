"""The research page of an opportunity (facts, glossary, news and feeds, people), its forms, and
the "What do you already know about us?" page. Every form works without a script; a POST
answers 303 back to the page's part it changed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nextround.core.web import owner_of, page, see_other, submit
from nextround.errors import Invalid
from nextround.intake.limits import MAX_BYTES, size_label
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import Opportunity
from nextround.research import jobs, selectors, services
from nextround.research.forms import (
    FactForm,
    FeedForm,
    NewsDateForm,
    PageForm,
    PasteForm,
    PersonResearchForm,
    TermForm,
)
from nextround.research.models import Fact
from nextround.research.services import Refreshed


def _opportunity(request: HttpRequest, pk: int) -> Opportunity:
    return interview_selectors.opportunity_get(owner=owner_of(request), pk=pk)


def _back(opportunity_pk: int, anchor: str) -> str:
    return reverse("research", args=[opportunity_pk]) + f"#{anchor}"


def _problems(form: forms.Form) -> str:
    return "; ".join(str(m) for errors in form.errors.values() for m in errors)


def _page_context(request: HttpRequest, opportunity: Opportunity, **forms_: Any) -> dict[str, Any]:
    now = timezone.now()
    research = selectors.research(opportunity=opportunity, today=timezone.localdate(now))
    bound_pk, bound_form = forms_.get("person_form") or (None, None)
    people = [
        (
            row,
            bound
            if bound is not None
            else PersonResearchForm(
                initial={
                    "decision_maker": row.person.decision_maker,
                    "background": row.person.background,
                    "common_ground": row.person.common_ground,
                },
                prefix=f"p{row.person.pk}",
            ),
        )
        for row in research.people
        for bound in [bound_form if row.person.pk == bound_pk else None]
    ]
    return {
        "opportunity": opportunity,
        "research": research,
        "people": people,
        "term_form": forms_.get("term_form") or TermForm(),
        "feed_form": forms_.get("feed_form") or FeedForm(),
        "date_form": NewsDateForm(),
        "refreshing": jobs.is_active(owner_of(request).pk),
    }


@require_safe
def research(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    jobs.queue_if_due(owner_of(request), timezone.now())
    return page(request, "research/research.html", _page_context(request, opportunity))


@require_safe
def learned(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    answer = selectors.learned(opportunity=opportunity, today=timezone.localdate())
    terms = ", ".join(t.term for t in selectors.words_to_work_in(opportunity))
    return page(
        request,
        "research/learned.html",
        {"opportunity": opportunity, "answer": answer, "terms": terms[:500]},
    )


# --- facts ---------------------------------------------------------------------------------


def _fact_page(
    request: HttpRequest, opportunity: Opportunity, form: FactForm, fact: Fact | None
) -> HttpResponse:
    context = {"opportunity": opportunity, "form": form, "fact": fact}
    return page(request, "research/fact_form.html", context, form)


@require_http_methods(["GET", "POST"])
def fact_create(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = FactForm(request.POST if request.method == "POST" else None, opportunity=opportunity)
    saved = (
        request.method == "POST"
        and submit(form, lambda: services.fact_save(opportunity=opportunity, **form.cleaned_data))
        is not None
    )
    if saved:
        messages.success(request, "Fact kept with its source.")
        return see_other(_back(opportunity.pk, "facts"))
    return _fact_page(request, opportunity, form, None)


@require_http_methods(["GET", "POST"])
def fact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    fact = selectors.fact_get(owner=owner_of(request), pk=pk)
    opportunity = fact.opportunity
    initial = {
        "kind": fact.kind,
        "text": fact.text,
        "note": fact.note_id,
        "source_name": "" if fact.note_id else fact.source_name,
        "source_url": fact.source_url,
        "source_date": fact.source_date,
    }
    data = request.POST if request.method == "POST" else None
    form = FactForm(data, opportunity=opportunity, initial=initial)
    saved = (
        request.method == "POST"
        and submit(
            form,
            lambda: services.fact_save(opportunity=opportunity, fact=fact, **form.cleaned_data),
        )
        is not None
    )
    if saved:
        messages.success(request, "Fact saved.")
        return see_other(_back(opportunity.pk, "facts"))
    return _fact_page(request, opportunity, form, fact)


@require_POST
def fact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    fact = selectors.fact_get(owner=owner_of(request), pk=pk)
    services.fact_delete(fact=fact)
    messages.success(request, "Fact removed.")
    return see_other(_back(fact.opportunity_id, "facts"))


# --- the glossary --------------------------------------------------------------------------


@require_POST
def term_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a suggestion or a term of one's own (with its meaning), or dismiss a suggestion
    (``dismiss`` in the form)."""
    opportunity = _opportunity(request, pk)
    form = TermForm(request.POST)
    dismiss = "dismiss" in request.POST

    def save() -> object:
        term = form.cleaned_data["term"]
        if dismiss:
            return services.term_dismiss(opportunity=opportunity, term=term)
        return services.term_confirm(
            opportunity=opportunity, term=term, meaning=form.cleaned_data["meaning"]
        )

    if submit(form, save) is None:
        context = _page_context(request, opportunity, term_form=form)
        return page(request, "research/research.html", context, form)
    term = " ".join(form.cleaned_data["term"].split())
    if dismiss:
        messages.success(request, f"“{term}” will not be suggested again.")
    else:
        messages.success(request, f"“{term}” is in your glossary.")
    return see_other(_back(opportunity.pk, "glossary"))


@require_POST
def term_delete(request: HttpRequest, pk: int) -> HttpResponse:
    term = selectors.term_get(owner=owner_of(request), pk=pk)
    services.term_delete(term=term)
    messages.success(request, f"“{term.term}” removed from the glossary.")
    return see_other(_back(term.opportunity_id, "glossary"))


# --- feeds ---------------------------------------------------------------------------------


def _report(request: HttpRequest, done: list[Refreshed]) -> None:
    for each in done:
        name = each.feed.title or each.feed.url
        if not each.ok:
            messages.error(request, f"{name}: {each.problem}")
            continue
        text = f"{name}: {each.added} new item{'s' if each.added != 1 else ''}"
        if each.duplicates:
            text += f", {each.duplicates} already kept"
        messages.success(request, text + (f". {each.problem}" if each.problem else "."))


@require_POST
def feed_add(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = FeedForm(request.POST)
    done = submit(
        form, lambda: services.feed_add(opportunity=opportunity, url=form.cleaned_data["url"])
    )
    if done is None:
        context = _page_context(request, opportunity, feed_form=form)
        return page(request, "research/research.html", context, form)
    _report(request, [done])
    return see_other(_back(opportunity.pk, "news"))


@require_POST
def news_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    """Refresh every feed of the opportunity now."""
    opportunity = _opportunity(request, pk)
    done = services.news_refresh(owner=owner_of(request), opportunity=opportunity)
    if not done:
        messages.info(request, "No feeds to refresh: add a feed's address first.")
    _report(request, done)
    return see_other(_back(opportunity.pk, "news"))


@require_POST
def feed_refresh(request: HttpRequest, pk: int) -> HttpResponse:
    feed = selectors.feed_get(owner=owner_of(request), pk=pk)
    _report(request, [services.feed_refresh(feed=feed)])
    return see_other(_back(feed.opportunity_id, "news"))


@require_POST
def feed_remove(request: HttpRequest, pk: int) -> HttpResponse:
    feed = selectors.feed_get(owner=owner_of(request), pk=pk)
    services.feed_remove(feed=feed)
    messages.success(request, "Feed removed; the items it brought are kept.")
    return see_other(_back(feed.opportunity_id, "news"))


# --- news items ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def news_paste(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = PasteForm(request.POST if request.method == "POST" else None)
    saved = (
        request.method == "POST"
        and submit(form, lambda: services.news_paste(opportunity=opportunity, **form.cleaned_data))
        is not None
    )
    if saved:
        messages.success(request, "News kept.")
        return see_other(_back(opportunity.pk, "news"))
    context = {"opportunity": opportunity, "form": form}
    return page(request, "research/news_paste.html", context, form)


@require_http_methods(["GET", "POST"])
def news_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A saved page uploaded, or an address fetched once."""
    opportunity = _opportunity(request, pk)
    posted = request.method == "POST"
    form = PageForm(request.POST if posted else None, request.FILES if posted else None)

    def save() -> object:
        data = form.cleaned_data
        upload = data["file"]
        if upload:
            if (upload.size or 0) > MAX_BYTES:
                message = f"{upload.name} is larger than the {size_label(MAX_BYTES)} limit."
                raise Invalid(message, {"file": [message]})
            return services.news_from_file(
                opportunity=opportunity,
                name=upload.name or "saved page",
                data=upload.read(),
                published_on=data["published_on"],
            )
        return services.news_fetch(
            opportunity=opportunity, url=data["url"], published_on=data["published_on"]
        )

    if request.method == "POST" and submit(form, save) is not None:
        messages.success(request, "Page kept as a news item.")
        return see_other(_back(opportunity.pk, "news"))
    context = {"opportunity": opportunity, "form": form}
    return page(request, "research/news_page.html", context, form)


@require_POST
def news_date(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.news_get(owner=owner_of(request), pk=pk)
    form = NewsDateForm(request.POST)
    if (
        submit(
            form,
            lambda: services.news_date_set(
                entry=entry, published_on=form.cleaned_data["published_on"]
            ),
        )
        is None
    ):
        raise Invalid(f"The date was not saved: {_problems(form)}")
    messages.success(request, f"“{entry.title}” is dated now.")
    return see_other(_back(entry.opportunity_id, "news"))


@require_POST
def news_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.news_get(owner=owner_of(request), pk=pk)
    services.news_delete(entry=entry)
    messages.success(request, "News item removed.")
    return see_other(_back(entry.opportunity_id, "news"))


# --- the people ----------------------------------------------------------------------------


@require_POST
def person_research(request: HttpRequest, pk: int) -> HttpResponse:
    person = interview_selectors.person_get(owner=owner_of(request), pk=pk)
    form = PersonResearchForm(request.POST, prefix=f"p{person.pk}")
    if submit(form, lambda: services.person_research_set(person=person, **form.cleaned_data)):
        messages.success(request, f"Saved what you know of {person.name}.")
        return see_other(_back(person.opportunity_id, f"person-{person.pk}"))
    context = _page_context(request, person.opportunity, person_form=(person.pk, form))
    return page(request, "research/research.html", context, form)
