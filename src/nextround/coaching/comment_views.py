"""Comments and their replies, and a coach setting practice: the forms' endpoints. Every form
works without a script; a POST that worked answers 303 back to the page the form was on (never
to another site); what the user may not see answers 404, through ``coaching.access``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nextround.coaching import access, assignments, comments
from nextround.coaching.forms import AssignForm, CommentForm, ReplyForm
from nextround.coaching.models import Area, Assignment, Comment
from nextround.core.web import owner_of, page, safe_next, see_other, submit

# --- comments ------------------------------------------------------------------------------

#: Where an item's candidate reads it; the page a comment form sends them back to when the
#: form carried no usable address.
ITEM_PAGES = {
    Area.STORIES: "story_detail",
    Area.PRACTICE: "practice_attempt",
    Area.ROUNDS: "round_detail",
    Area.FIT: "fit",
}
#: Where a coach reads a shared item.
COACH_PAGES = {
    Area.STORIES: "coach_story",
    Area.PRACTICE: "coach_attempt",
    Area.ROUNDS: "coach_round",
    Area.FIT: "coach_fit",
}


def _to_thread(request: HttpRequest, comment: Comment, *, folded: bool = False) -> HttpResponse:
    """Back to the page the form was on, at the thread (at the comments when it was just
    folded away: a browser opens a fold to show the element an address points at); without a
    usable address, to the item's page: its candidate's own, or the coach's read-only one."""
    back = safe_next(request, request.POST.get("next", ""))
    if not back:
        pages = ITEM_PAGES if comment.candidate_id == owner_of(request).pk else COACH_PAGES
        back = reverse(pages[Area(comment.area)], args=[comment.item_id])
    back = back.partition("#")[0]
    anchor = "comments" if folded else f"comment-{comment.parent_id or comment.pk}"
    return see_other(f"{back}#{anchor}")


def _comment_page(request: HttpRequest, form: forms.Form, action: str, what: str) -> HttpResponse:
    """A form that came back with errors, on a page of its own, to correct and send again."""
    context = {
        "form": form,
        "action": action,
        "what": what,
        "next": request.POST.get("next", ""),
        "back": safe_next(request, request.POST.get("next", "")),
    }
    return page(request, "coaching/comment_form.html", context, form)


@require_POST
def comment_add(request: HttpRequest) -> HttpResponse:
    author = owner_of(request)
    form = CommentForm(request.POST)
    form.is_valid()
    if {"area", "item_id"} <= form.cleaned_data.keys():
        # What is not the author's to see is not found, however the rest of the form reads.
        access.item_get(author, Area(form.cleaned_data["area"]), form.cleaned_data["item_id"])

    def add() -> Comment:
        data = form.cleaned_data
        return comments.comment_add(
            author=author,
            area=Area(data["area"]),
            item_id=data["item_id"],
            body=data["body"],
            at_seconds=data["at"],
            quote=data["quote"],
            now=timezone.now(),
        )

    if (made := submit(form, add)) is not None:
        return _to_thread(request, made)
    return _comment_page(request, form, reverse("comment_add"), "Your comment")


@require_POST
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    author = owner_of(request)
    comments.thread_get(author, pk)  # not found before any word of the form is read
    form = ReplyForm(request.POST)

    def reply() -> Comment:
        return comments.comment_reply(
            author=author, comment_id=pk, body=form.cleaned_data["body"], now=timezone.now()
        )

    if (made := submit(form, reply)) is not None:
        return _to_thread(request, made)
    return _comment_page(request, form, reverse("comment_reply", args=[pk]), "Your reply")


@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    root = comments.comment_resolve(user=owner_of(request), comment_id=pk, now=timezone.now())
    return _to_thread(request, root, folded=True)


@require_POST
def comment_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    root = comments.comment_resolve(
        user=owner_of(request), comment_id=pk, now=timezone.now(), reopen=True
    )
    return _to_thread(request, root)


# --- assigned practice ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """A coach sets practice for a candidate who shares something with them."""
    coach = owner_of(request)
    candidate = assignments.candidate_get(coach, pk)
    form = AssignForm(request.POST if request.method == "POST" else None)

    def set_practice() -> Assignment:
        return assignments.assignment_create(
            coach=coach,
            candidate_id=candidate.pk,
            questions=form.cleaned_data["questions"].splitlines(),
            due_on=form.cleaned_data["due_on"],
            now=timezone.now(),
        )

    if request.method == "POST" and (made := submit(form, set_practice)) is not None:
        messages.success(
            request,
            f"Practice set for {candidate.get_username()}: due {made.due_on:%A %d %B %Y}.",
        )
        return see_other("assign", candidate.pk)
    context = {
        "form": form,
        "candidate": candidate,
        "assignments": assignments.assignments_set(coach, candidate),
    }
    return page(request, "coaching/assign.html", context, form)
