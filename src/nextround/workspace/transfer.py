"""Export and import of one owner's whole workspace as a versioned JSON document.

The document carries no database ids: people are named by refs ("p1", "p2", …) and stories by
refs ("s1", "s2", …) given in export order, so a file can be imported into any workspace. Export
order is deterministic, which makes export → import into an empty workspace → export give the
same document (except ``exported_at``). Import writes through the services where they fit, so it
obeys the same rules as the web forms; records a service would re-derive or refuse for reasons
that do not hold for a copy are written as stored, after ``full_clean``. It runs in one
transaction: an invalid record anywhere saves nothing.

This module owns the header, the versions and the order of the sections; each app writes and
reads its own records (``<app>/transfer.py``). A new app adds its section here: its top-level
keys, or its keys in each round or opportunity through
:class:`~nextround.interviews.transfer.Parts`.

Version 2 added ``stories``, ``strengths`` and ``quotes`` at the top, ``concern_answers`` per
opportunity, and ``created_at``, ``plan``, ``asks`` and ``tellings`` per round. Version 3 added
``practice`` at the top: each practice session with its questions and their analysed attempts.
Version 4 carries a concern's planned answer once: on its note (``response``, ``status``), no
longer also as ``answer`` and ``status`` in the concern's entry of ``concern_answers`` (a
must-have's entry keeps them). Files of versions 1 to 3 still import; an optional key left out
takes the model's default, and an older answer to a concern raised in a round joins its note's
response (see ``stories/transfer/``).
Version 6 adds each person's ``decision_maker``; per opportunity, the research app's
``facts``, ``terms``, ``feeds`` and ``news`` (``research/transfer.py``) and the money app's
``market`` and ``offers``; and ``money`` at the top (budget, notice period, current job;
``money/transfer.py``). Each is written only when there is something to write, so files of
earlier versions import as before.
Version 7 adds, per opportunity, the decision app's ``scorecard`` (weights, scores with the
evidence behind them, the must-haves checked) and ``decision`` at the top (the must-haves and
the decisions recorded; ``decision/transfer.py``), each only when there is something to write.
``cv_checks`` per opportunity (what the CV shows for each requirement to check against it) is
written only when there are some and is optional on import, so files without it, of any version,
still import. Version 6 gives each note ``category`` and ``category_by_hand``: a question's kind,
read back only when the candidate set it by hand (older files: every question is tagged afresh).
Version 7 adds the rehearsal app's ``presentation`` per round (slot, brief, slides) and ``cases``
at the top (case sessions; ``rehearsal/transfer.py``), each only when there is some, so older
files import as before.
Version 8 adds each presentation's transcribed ``run_throughs`` (slide changes, length, the
words heard with their times; no recording) and a spoken case answer's ``transcript`` and
``audio_seconds``, each only when there is some, so older files import as before.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from nextround.core.transfer import Doc, Record, Tally, json_kind
from nextround.decision import transfer as decision
from nextround.errors import Invalid
from nextround.followup import transfer as followup
from nextround.interviews import transfer as interviews
from nextround.interviews.transfer import Parts
from nextround.money import transfer as money
from nextround.practice import transfer as practice
from nextround.prep import transfer as prep
from nextround.rehearsal import transfer as rehearsal
from nextround.research import transfer as research
from nextround.stories.transfer import export as stories_export
from nextround.stories.transfer import importing as stories_import

FORMAT = "nextround-workspace"
VERSION = 8


class Header(Doc):
    format: str
    version: int


def workspace_export(*, owner: User, now: datetime) -> dict[str, Any]:
    library, story_refs = stories_export.library_export(owner=owner)
    parts = Parts(
        round_prefetch=[
            *prep.round_prefetch(),
            *stories_export.round_prefetch(),
            *followup.round_prefetch(),
            *rehearsal.round_prefetch(),
        ],
        round_export=[
            prep.round_export,
            stories_export.tellings_export(story_refs),
            followup.round_export,
            rehearsal.round_export,
        ],
        opportunity_prefetch=[
            *stories_export.opportunity_prefetch(),
            *research.opportunity_prefetch(),
            *money.opportunity_prefetch(),
            *decision.opportunity_prefetch(),
        ],
        opportunity_export=[
            stories_export.concern_answers_export(story_refs),
            stories_export.cv_checks_export,
            research.opportunity_export,
            money.opportunity_export,
            decision.opportunity_export,
        ],
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        **library,
        "opportunities": interviews.opportunities_export(owner=owner, parts=parts),
        **practice.practice_export(owner=owner),
        **money.money_export(owner=owner),
        **rehearsal.cases_export(owner=owner),
        **decision.decision_export(owner=owner),
    }


class ImportReport(Tally):
    """What an import added, by kind, and how many records it skipped as already present."""

    def summary(self) -> str:
        counts = [
            *interviews.imported(self),
            *stories_import.imported(self),
            *practice.imported(self),
            *money.imported(self),
            *rehearsal.imported(self),
            *decision.imported(self),
        ]
        return f"Imported {', '.join(counts)}; skipped {self.skipped} already present."


def workspace_import(*, owner: User, document: dict[str, Any]) -> ImportReport:
    """Add the document's records to the owner's workspace. What is already here is skipped,
    never overwritten: an opportunity with the same uid, a story with the same title and
    creation time, a quote with the same text, author and creation time, all of the file's
    strengths when the workspace already ranks its own, and a practice session with the same
    creation time and the same question texts in the same order. Raises Invalid naming the
    first bad record's path; then nothing is saved."""
    check_header(document)
    root = Record(document, Header, "")
    report = ImportReport()
    with transaction.atomic():
        library = stories_import.library_import(owner=owner, root=root, report=report)
        parts = Parts(
            round_import=[
                prep.round_import,
                stories_import.tellings_import(library),
                followup.round_import,
                rehearsal.round_import,
            ],
            opportunity_import=[
                stories_import.concern_answers_import(library),
                stories_import.cv_checks_import,
                research.opportunity_import,
                money.opportunity_import(report),
                decision.opportunity_import(report),
            ],
        )
        interviews.opportunities_import(owner=owner, root=root, parts=parts, report=report)
        practice.practice_import(owner=owner, root=root, report=report)  # names rounds
        money.money_import(owner=owner, root=root, report=report)
        rehearsal.cases_import(owner=owner, root=root, report=report)  # names rounds
        decision.decision_import(owner=owner, root=root, report=report)  # names opportunities
    return report


# --- reading the file ----------------------------------------------------------------------


def parse_document(data: bytes | str) -> dict[str, Any]:
    """The document in ``data``, checked to be a workspace export this version can read."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
        except UnicodeDecodeError:
            raise Invalid("Not a nextround export: the file is not UTF-8 text.") from None
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise Invalid(
            f"Not a nextround export: not valid JSON ({exc.msg} at line {exc.lineno}, "
            f"column {exc.colno})."
        ) from None
    except RecursionError:
        raise Invalid("Not a nextround export: the JSON is nested too deeply.") from None
    return check_header(document)


def check_header(document: object) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise Invalid(f"Not a nextround export: expected a JSON object, got {json_kind(document)}.")
    if document.get("format") != FORMAT:
        found = f"format is {document['format']!r}" if "format" in document else "no format"
        raise Invalid(f"Not a nextround export: {found}, expected {FORMAT!r}.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise Invalid(f"Unsupported export version {version!r}; expected a whole number >= 1.")
    if version > VERSION:
        raise Invalid(
            f"This export is version {version}, newer than this nextround reads "
            f"(up to {VERSION}); upgrade nextround to import it."
        )
    if not isinstance(document.get("opportunities"), list):
        raise Invalid(
            f"opportunities: expected a list, got {json_kind(document.get('opportunities'))}."
        )
    return document
