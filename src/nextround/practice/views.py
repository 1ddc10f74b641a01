"""Practice pages: start a session, answer one question at a time, see the feedback, history."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nextround.core.web import owner_of, page, see_other, submit
from nextround.feedback import thresholds
from nextround.playbook import knowledge
from nextround.practice import charts, selectors, services
from nextround.practice.forms import AnswerForm, RecordingForm, StartForm
from nextround.practice.models import Attempt, PracticeQuestion, Status
from nextround.practice.present import highlighted


@require_GET
def practice_home(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    initial = {}
    if request.GET.get("round", "").isdigit():
        initial = {"source": "round", "round": int(request.GET["round"])}
    elif request.GET.get("category") in knowledge.CATEGORIES:
        initial = {"source": "category", "category": request.GET["category"]}
    form = StartForm(owner=owner, initial=initial)
    return _home(request, form)


def _home(request: HttpRequest, form: StartForm) -> HttpResponse:
    owner = owner_of(request)
    context = {
        "form": form,
        "sessions": selectors.session_list(owner=owner)[:10],
        "history": selectors.history(owner=owner),
        "voice": services.voice_ready(),
    }
    return page(request, "practice/home.html", context, form)


@require_POST
def practice_start(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    form = StartForm(request.POST, owner=owner)
    session = submit(form, lambda: services.session_start(owner=owner, **form.service_kwargs()))
    if session is None:
        return _home(request, form)
    return see_other("practice_question", pk=session.pk, position=1)


@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(owner=owner_of(request), pk=pk)
    questions = list(session.questions.prefetch_related("attempts"))
    return render(request, "practice/session.html", {"session": session, "questions": questions})


def _question_context(request: HttpRequest, question: PracticeQuestion) -> dict[str, object]:
    session = question.session
    earlier = selectors.earlier_attempts(owner=owner_of(request), key=question.key)
    total = session.questions.count()
    return {
        "session": session,
        "question": question,
        "bank": knowledge.question_by_id(question.bank_id),
        "earlier": earlier,
        "next_position": question.position + 1 if question.position < total else None,
        "total": total,
        "voice": services.voice_ready(),
        "target": (thresholds.TARGET_SECONDS_MIN, thresholds.TARGET_SECONDS_MAX),
        "rambling": thresholds.RAMBLING_SECONDS,
        "brief": thresholds.BRIEF_SECONDS,
        "hesitation": thresholds.HESITATION_SECONDS,
        "long_pause": thresholds.LONG_PAUSE_SECONDS,
    }


@require_http_methods(["GET", "POST"])
def question_page(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    owner = owner_of(request)
    session = selectors.session_get(owner=owner, pk=pk)
    question = selectors.question_get(session=session, position=position)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        attempt = submit(
            form,
            lambda: services.attempt_typed(
                owner=owner, question=question, text=form.cleaned_data["text"]
            ),
        )
        if attempt:
            return see_other("practice_attempt", pk=attempt.pk)
    context = _question_context(request, question)
    context.update(form=form, recording_form=RecordingForm())
    return page(request, "practice/question.html", context, form)


@require_POST
def question_record(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    owner = owner_of(request)
    session = selectors.session_get(owner=owner, pk=pk)
    question = selectors.question_get(session=session, position=position)
    recording_form = RecordingForm(request.POST, request.FILES)

    def save() -> Attempt:
        upload = recording_form.cleaned_data["audio"]
        return services.attempt_recorded(
            owner=owner,
            question=question,
            name=upload.name or "",
            chunks=upload.chunks(),
            size=upload.size or 0,
        )

    attempt = submit(recording_form, save)
    if attempt:
        return see_other("practice_attempt", pk=attempt.pk)
    context = _question_context(request, question)
    context.update(form=AnswerForm(), recording_form=recording_form)
    return page(request, "practice/question.html", context, recording_form)


@require_GET
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    attempt = selectors.attempt_get(owner=owner, pk=pk)
    question = attempt.question
    context = _question_context(request, question)
    context["attempt"] = attempt
    if attempt.status == Status.DONE:
        report = selectors.report_for(attempt)
        context.update(
            report=report,
            marked=highlighted(attempt.text, report),
            form=AnswerForm(),
        )
    return render(request, "practice/attempt.html", context)


@require_GET
def attempt_status(request: HttpRequest, pk: int) -> JsonResponse:
    attempt = selectors.attempt_get(owner=owner_of(request), pk=pk)
    return JsonResponse(
        {
            "status": attempt.status,
            "progress": round(attempt.progress, 2),
            "error": attempt.error,
            "url": reverse("practice_attempt", args=[attempt.pk]),
        }
    )


@require_POST
def attempt_keep(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_get(owner=owner_of(request), pk=pk)
    services.attempt_keep(attempt=attempt)
    messages.success(request, "Kept as your best answer to this question.")
    return see_other("practice_attempt", pk=attempt.pk)


@require_POST
def attempt_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_get(owner=owner_of(request), pk=pk)
    question = attempt.question
    services.attempt_delete(attempt=attempt)
    messages.success(request, "Attempt deleted, with its recording.")
    return see_other("practice_question", pk=question.session_id, position=question.position)


@require_GET
def history(request: HttpRequest) -> HttpResponse:
    data = selectors.history(owner=owner_of(request))
    context = {
        "history": data,
        "score_chart": charts.over_time(
            data.categories, "score", title="Score", unit="", low=0, high=100
        ),
        "fillers_chart": charts.over_time(
            data.categories, "fillers", title="Fillers per minute", unit="/min", low=0
        ),
        "pace_chart": charts.over_time(
            data.categories,
            "pace",
            title="Pace (recordings)",
            unit=" wpm",
            low=60,
            band=(thresholds.PACE_SLOW_BELOW, thresholds.PACE_GOOD_MAX),
        ),
    }
    return render(request, "practice/history.html", context)
