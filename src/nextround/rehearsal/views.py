"""Rehearsal pages: the case picker, a case session (prompt, phase buttons, scratch structure,
answer typed or recorded) and its feedback; a round's presentation plan with its slides,
budgets and import; a run-through recorded with its slide changes, and its per-slide report."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nextround.cases import bank
from nextround.core.web import owner_of, page, see_other, submit
from nextround.errors import Invalid
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import Round
from nextround.practice.services import voice_ready
from nextround.rehearsal import selectors, services
from nextround.rehearsal.forms import (
    AnswerForm,
    CasePickForm,
    ImportForm,
    OwnCaseForm,
    PlanForm,
    RunThroughForm,
    SlideForm,
)
from nextround.rehearsal.models import CaseSession, RunThrough
from nextround.slides import thresholds as slide_limits
from nextround.slides.rehearsal import marks_text

# --- the case picker ----------------------------------------------------------------------------


def _cases_page(request: HttpRequest, own_form: OwnCaseForm | None = None) -> HttpResponse:
    owner = owner_of(request)
    pick = CasePickForm(request.GET or None)
    kind = field = ""
    if pick.is_valid():
        kind, field = pick.cleaned_data["kind"], pick.cleaned_data["field"]
    return page(
        request,
        "rehearsal/cases.html",
        {
            "pick": pick,
            "cases": bank.cases_for(kind=kind, field=field),
            "field_choices": selectors.field_choices(owner=owner),
            "notes": selectors.case_notes(owner=owner)[:20],
            "sessions": selectors.case_session_list(owner=owner)[:20],
            "own_form": own_form or OwnCaseForm(),
        },
        pick,
        own_form,
    )


@require_safe
def cases(request: HttpRequest) -> HttpResponse:
    return _cases_page(request)


def _to_session(session: CaseSession) -> HttpResponse:
    return see_other(reverse("case_session", args=[session.pk]))


@require_POST
def case_start(request: HttpRequest) -> HttpResponse:
    """A session on a case of the bank (``key``)."""
    key = request.POST.get("key", "")
    session = services.case_session_from_bank(owner=owner_of(request), key=key, now=timezone.now())
    return _to_session(session)


@require_POST
def case_own(request: HttpRequest) -> HttpResponse:
    form = OwnCaseForm(request.POST)
    session = submit(
        form,
        lambda: services.case_session_own(
            owner=owner_of(request), now=timezone.now(), **form.cleaned_data
        ),
    )
    if session is None:
        return _cases_page(request, own_form=form)
    return _to_session(session)


@require_POST
def case_from_note(request: HttpRequest, pk: int) -> HttpResponse:
    note = interview_selectors.note_get(owner=owner_of(request), pk=pk)
    return _to_session(services.case_session_from_note(note=note, now=timezone.now()))


# --- a session ----------------------------------------------------------------------------------


def _session(request: HttpRequest, pk: int) -> CaseSession:
    return selectors.case_session_get(owner=owner_of(request), pk=pk)


def _session_page(
    request: HttpRequest, session: CaseSession, form: AnswerForm | None = None
) -> HttpResponse:
    view = selectors.session_view(session=session)
    return page(
        request,
        "rehearsal/case_session.html",
        {
            "view": view,
            "session": session,
            "form": form or AnswerForm(instance=session),
            "voice": voice_ready(),
        },
        form,
    )


@require_http_methods(["GET", "POST"])
def case_session(request: HttpRequest, pk: int) -> HttpResponse:
    """The session; a POST saves the scratch structure and the answer (and, with ``finish``,
    stops the clock and shows the feedback). A POST with a recording stops the clock too, and
    the feedback page waits for its transcript."""
    session = _session(request, pk)
    if request.method != "POST":
        return _session_page(request, session)
    form = AnswerForm(request.POST, request.FILES, instance=session)
    finish = request.POST.get("finish") == "1"

    def save() -> CaseSession:
        upload = form.cleaned_data["audio"]
        if upload:
            return services.case_answer_recorded(
                session=session,
                structure=form.cleaned_data["structure"],
                answer=form.cleaned_data["answer"],
                name=upload.name or "",
                chunks=upload.chunks(),
                size=upload.size or 0,
                now=timezone.now(),
            )
        return services.case_answer_save(
            session=session,
            answer=form.cleaned_data["answer"],
            structure=form.cleaned_data["structure"],
            finish=finish,
            now=timezone.now(),
        )

    saved = submit(form, save)
    if saved is None:
        session.refresh_from_db()
        return _session_page(request, session, form)
    if finish or saved.transcribing:
        return see_other(reverse("case_feedback", args=[session.pk]))
    messages.success(request, "Saved.")
    return see_other(reverse("case_session", args=[session.pk]) + "#answer")


@require_POST
def case_phase(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    services.case_phase_begin(
        session=session, phase=request.POST.get("phase", ""), now=timezone.now()
    )
    return see_other(reverse("case_session", args=[session.pk]) + "#timer")


@require_safe
def case_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    view = selectors.session_view(session=session)
    if view.report is None and not session.audio_status:
        raise Invalid("Finish the answer first: the feedback is measured on it.")
    return page(request, "rehearsal/case_feedback.html", {"view": view, "session": session})


@require_POST
def case_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.case_session_delete(session=_session(request, pk))
    messages.success(request, "Session deleted.")
    return see_other(reverse("cases"))


# --- a round's presentation ---------------------------------------------------------------------


def _round(request: HttpRequest, pk: int) -> Round:
    return interview_selectors.round_get(owner=owner_of(request), pk=pk)


def _plan_page(
    request: HttpRequest,
    round_: Round,
    plan_form: PlanForm | None = None,
    slide_form: SlideForm | None = None,
    import_form: ImportForm | None = None,
) -> HttpResponse:
    view = selectors.plan_view(round_=round_)
    return page(
        request,
        "rehearsal/presentation.html",
        {
            "view": view,
            "round": round_,
            "plan_form": plan_form or PlanForm(instance=view.plan),
            "slide_form": slide_form or SlideForm(),
            "import_form": import_form or ImportForm(),
            "words_per_minute": slide_limits.WORDS_PER_MINUTE,
        },
        plan_form,
        slide_form,
        import_form,
    )


@require_http_methods(["GET", "POST"])
def presentation(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    if request.method != "POST":
        return _plan_page(request, round_)
    form = PlanForm(request.POST)
    if submit(form, lambda: services.plan_save(round_=round_, changes=form.cleaned_data)):
        messages.success(request, "Plan saved.")
        return see_other(reverse("presentation", args=[round_.pk]))
    return _plan_page(request, round_, plan_form=form)


@require_POST
def slide_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    form = SlideForm(request.POST)
    if submit(
        form,
        lambda: services.slide_add_to_round(round_=round_, fields=form.cleaned_data),
    ):
        messages.success(request, "Slide added.")
        return see_other(reverse("presentation", args=[round_.pk]) + "#slides")
    return _plan_page(request, round_, slide_form=form)


@require_POST
def slides_import(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    form = ImportForm(request.POST, request.FILES)

    def run() -> int:
        upload = form.cleaned_data["file"]
        return len(
            services.slides_import(
                round_=round_,
                name=upload.name or "file",
                data=upload.read(),
                replace=form.cleaned_data["replace"],
            )
        )

    count = submit(form, run)
    if count is None:
        return _plan_page(request, round_, import_form=form)
    messages.success(request, f"{count} slides imported.")
    return see_other(reverse("presentation", args=[round_.pk]) + "#slides")


@require_http_methods(["GET", "POST"])
def slide_edit(request: HttpRequest, pk: int) -> HttpResponse:
    slide = selectors.slide_get(owner=owner_of(request), pk=pk)
    form = SlideForm(request.POST or None, instance=slide)
    if request.method == "POST" and (
        submit(form, lambda: services.slide_update(slide=slide, fields=form.cleaned_data))
        is not None
    ):
        messages.success(request, "Slide saved.")
        return see_other(reverse("presentation", args=[slide.plan.round_id]) + "#slides")
    return page(request, "rehearsal/slide_form.html", {"slide": slide, "form": form}, form)


@require_POST
def slide_move(request: HttpRequest, pk: int) -> HttpResponse:
    slide = selectors.slide_get(owner=owner_of(request), pk=pk)
    services.slide_move(slide=slide, by=-1 if request.POST.get("to") == "up" else 1)
    return see_other(reverse("presentation", args=[slide.plan.round_id]) + "#slides")


@require_POST
def slide_delete(request: HttpRequest, pk: int) -> HttpResponse:
    slide = selectors.slide_get(owner=owner_of(request), pk=pk)
    services.slide_delete(slide=slide)
    messages.success(request, f"Slide “{slide.title}” deleted.")
    return see_other(reverse("presentation", args=[slide.plan.round_id]) + "#slides")


@require_POST
def presentation_practise(request: HttpRequest, pk: int) -> HttpResponse:
    """A practice session on the audience's likely questions."""
    session = services.presentation_practice_start(
        owner=owner_of(request), round_=_round(request, pk)
    )
    return see_other(reverse("practice_session", args=[session.pk]))


# --- run-throughs -------------------------------------------------------------------------------


def _run_page(
    request: HttpRequest, round_: Round, form: RunThroughForm | None = None
) -> HttpResponse:
    view = selectors.plan_view(round_=round_)
    runs = list(view.plan.run_throughs.all()[:20]) if view.plan else []
    return page(
        request,
        "rehearsal/presentation_run.html",
        {
            "view": view,
            "round": round_,
            "form": form or RunThroughForm(),
            "voice": voice_ready(),
            "runs": runs,
        },
        form,
    )


@require_http_methods(["GET", "POST"])
def presentation_run(request: HttpRequest, pk: int) -> HttpResponse:
    """The run-through recorder; a POST is the recording with its slide changes."""
    round_ = _round(request, pk)
    if request.method != "POST":
        return _run_page(request, round_)
    form = RunThroughForm(request.POST, request.FILES)

    def save() -> RunThrough:
        upload = form.cleaned_data["audio"]
        return services.run_through_recorded(
            round_=round_,
            marks=form.cleaned_data["marks"],
            name=upload.name or "",
            chunks=upload.chunks(),
            size=upload.size or 0,
        )

    run = submit(form, save)
    if run is None:
        return _run_page(request, round_, form)
    return see_other(reverse("run_through", args=[run.pk]))


@require_safe
def run_through(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_through_get(owner=owner_of(request), pk=pk)
    report = error = None
    try:
        report = selectors.run_report(run=run)
    except Invalid as exc:  # the plan changed since: say why there is no report
        error = exc.message
    return page(
        request,
        "rehearsal/run_through.html",
        {
            "run": run,
            "round": run.plan.round,
            "report": report,
            "error": error,
            "marks": marks_text(run.marks),
        },
    )


@require_POST
def run_through_delete(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_through_get(owner=owner_of(request), pk=pk)
    round_id = run.plan.round_id
    services.run_through_delete(run=run)
    messages.success(request, "Run-through deleted, with its recording.")
    return see_other(reverse("presentation_run", args=[round_id]))
