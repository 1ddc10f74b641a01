"""Decision pages: an opportunity's fit scorecard (weights, scores with their anchors, the
evidence behind each, the criteria still without evidence and the questions that would get it,
the must-haves) and the decision page (the contenders side by side, the flip margin, the chart,
the decision recorded with its reasons, the notes that decline the other offers)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST, require_safe

from nextround.core.web import owner_of, page, see_other, submit
from nextround.decision import selectors, services, standings
from nextround.decision.forms import (
    NONE_CHOSEN,
    DecisionForm,
    EvidenceForm,
    GatesForm,
    MustHaveForm,
    ScoreForm,
    WeightsForm,
)
from nextround.errors import NotFound
from nextround.followup.thanks import eml_to
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import Opportunity
from nextround.scorecard.criteria import BY_KEY


def _opportunity(request: HttpRequest, pk: int) -> Opportunity:
    return interview_selectors.opportunity_get(owner=owner_of(request), pk=pk)


def _criterion(key: str) -> str:
    if key not in BY_KEY:
        raise NotFound("No such criterion.")
    return key


# --- the scorecard -------------------------------------------------------------------------------


def _fit_page(
    request: HttpRequest,
    opportunity: Opportunity,
    *,
    weights_form: WeightsForm | None = None,
    failed: tuple[str, ScoreForm | EvidenceForm] | None = None,
    gates_form: GatesForm | None = None,
    must_form: MustHaveForm | None = None,
) -> HttpResponse:
    view = selectors.fit_view(opportunity=opportunity)
    weights_form = weights_form or WeightsForm(initial=view.weights)
    rows = []
    for row in view.rows:
        key = row.criterion.key
        score_form = ScoreForm(
            initial={"score": row.value or "", "note": row.score.note if row.score else ""},
            prefix=key,
        )
        evidence_form = EvidenceForm(choices=view.choices, prefix=f"{key}-evidence")
        if failed and failed[0] == key:
            if isinstance(failed[1], ScoreForm):
                score_form = failed[1]
            else:
                evidence_form = failed[1]
        rows.append((row, score_form, evidence_form))
    gates_form = gates_form or GatesForm(
        must_haves=[g.must_have for g in view.gate_rows],
        initial={f"gate_{g.must_have.pk}": g.status for g in view.gate_rows}
        | {f"note_{g.must_have.pk}": g.note for g in view.gate_rows},
    )
    must_form = must_form or MustHaveForm()
    forms_ = [weights_form, gates_form, must_form, *([failed[1]] if failed else [])]
    return page(
        request,
        "decision/fit.html",
        {
            "opportunity": opportunity,
            "view": view,
            "rows": rows,
            "weights_form": weights_form,
            "gates_form": gates_form,
            "must_form": must_form,
        },
        *forms_,
    )


@require_safe
def fit(request: HttpRequest, pk: int) -> HttpResponse:
    return _fit_page(request, _opportunity(request, pk))


@require_POST
def fit_weights(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = WeightsForm(request.POST)
    if submit(form, lambda: services.weights_save(opportunity=opportunity, weights=form.weights())):
        messages.success(request, "Weights saved.")
        return see_other(reverse("fit", args=[pk]) + "#weights")
    return _fit_page(request, opportunity, weights_form=form)


@require_POST
def fit_score(request: HttpRequest, pk: int, criterion: str) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    key = _criterion(criterion)
    form = ScoreForm(request.POST, prefix=key)
    if submit(
        form,
        lambda: services.score_save(
            opportunity=opportunity,
            criterion=key,
            score=form.cleaned_data["score"],
            note=form.cleaned_data["note"],
        ),
    ):
        messages.success(request, f"{BY_KEY[key].label}: score saved.")
        return see_other(reverse("fit", args=[pk]) + f"#criterion-{key}")
    return _fit_page(request, opportunity, failed=(key, form))


@require_POST
def fit_evidence(request: HttpRequest, pk: int, criterion: str) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    key = _criterion(criterion)
    choices = selectors.fit_view(opportunity=opportunity).choices
    form = EvidenceForm(request.POST, choices=choices, prefix=f"{key}-evidence")
    if submit(
        form,
        lambda: services.evidence_add(
            opportunity=opportunity, criterion=key, source=form.cleaned_data["source"]
        ),
    ):
        messages.success(request, f"{BY_KEY[key].label}: evidence linked.")
        return see_other(reverse("fit", args=[pk]) + f"#criterion-{key}")
    return _fit_page(request, opportunity, failed=(key, form))


@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.evidence_get(owner=owner_of(request), pk=pk)
    score = evidence.score
    services.evidence_remove(evidence=evidence)
    messages.success(request, "Evidence unlinked; the observation itself is kept.")
    to = reverse("fit", args=[score.scorecard.opportunity_id])
    return see_other(to + f"#criterion-{score.criterion}")


@require_POST
def fit_gates(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    must = list(selectors.must_haves(owner=owner_of(request)))
    form = GatesForm(request.POST, must_haves=must)
    if submit(
        form,
        lambda: services.gates_save(
            opportunity=opportunity, statuses=form.statuses(), notes=form.notes()
        ),
    ):
        messages.success(request, "Must-haves saved.")
        return see_other(reverse("fit", args=[pk]) + "#gates")
    return _fit_page(request, opportunity, gates_form=form)


@require_POST
def must_have_add(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = _opportunity(request, pk)
    form = MustHaveForm(request.POST)
    if submit(
        form,
        lambda: services.must_have_add(owner=owner_of(request), text=form.cleaned_data["text"]),
    ):
        messages.success(request, "Must-have added: mark whether each job meets it.")
        return see_other(reverse("fit", args=[pk]) + "#gates")
    return _fit_page(request, opportunity, must_form=form)


@require_POST
def must_have_delete(request: HttpRequest, pk: int) -> HttpResponse:
    must = selectors.must_have_get(owner=owner_of(request), pk=pk)
    services.must_have_delete(must_have=must)
    messages.success(request, f"“{must.text}” is no longer a must-have.")
    return see_other(reverse("decide") + "#must-haves")


# --- the decision --------------------------------------------------------------------------------


def _options(view: standings.DecisionView) -> list[tuple[str, str]]:
    return [(str(s.opportunity.pk), s.total.name) for s in view.standings]


def _decide_page(request: HttpRequest, form: DecisionForm | None = None) -> HttpResponse:
    view = standings.decision_view(owner=owner_of(request))
    form = form or DecisionForm(options=_options(view))
    return page(
        request,
        "decision/decide.html",
        {
            "view": view,
            "form": form,
            "must_haves": list(selectors.must_haves(owner=owner_of(request))),
        },
        form,
    )


@require_safe
def decide(request: HttpRequest) -> HttpResponse:
    return _decide_page(request)


@require_POST
def decide_record(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    view = standings.decision_view(owner=owner)
    form = DecisionForm(request.POST, options=_options(view))

    def record() -> object:
        chosen_pk = form.cleaned_data["chosen"]
        chosen = None
        if chosen_pk != NONE_CHOSEN:
            chosen = next(
                s.opportunity for s in view.standings if str(s.opportunity.pk) == chosen_pk
            )
        return services.decision_record(
            owner=owner,
            chosen=chosen,
            reasons=form.cleaned_data["reasons"],
            standings=standings.standings_record(view),
        )

    if submit(form, record):
        messages.success(request, "Decision recorded.")
        return see_other(reverse("decide") + "#decision")
    return _decide_page(request, form)


@require_safe
def decline_eml(request: HttpRequest, pk: int) -> HttpResponse:
    owner = owner_of(request)
    note = standings.decline_offer_get(owner=owner, pk=pk)
    content = eml_to(note.draft, note.to, owner)
    response = HttpResponse(content, content_type="message/rfc822")
    name = slugify(f"decline-{note.offer.name}") or "decline"
    response["Content-Disposition"] = f'attachment; filename="{name}.eml"'
    return response
