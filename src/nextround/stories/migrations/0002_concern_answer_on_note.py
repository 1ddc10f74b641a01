"""A concern raised in a round keeps its planned answer and its status on the note alone.

Before, the Concerns page kept its own answer and status beside the note's planned response and
open/addressed. Forward, each answer's text joins the note's response (both kept, a blank line
between them, the same text once) and the answer row keeps only how I answer and the story. The
note's status stays: the round page was the only place that could change it after the Concerns
page had written both. Backward, the row gets the note's text and status again."""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Q

PARAGRAPH = "\n\n"


def join_texts(*texts: str) -> str:
    # A frozen copy of nextround.text.join_texts: a migration must not change when the app does.
    kept: list[str] = []
    for text in texts:
        cleaned = text.strip()
        if cleaned and cleaned not in kept:
            kept.append(cleaned)
    return PARAGRAPH.join(kept)


def answers_onto_notes(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    ConcernAnswer = apps.get_model("stories", "ConcernAnswer")
    for answer in ConcernAnswer.objects.filter(note__isnull=False).select_related("note"):
        note = answer.note
        merged = join_texts(note.response, answer.answer)
        if merged != note.response:
            note.response = merged
            note.save(update_fields=["response"])
        if answer.answer or answer.status != "open":
            answer.answer, answer.status = "", "open"
            answer.save(update_fields=["answer", "status"])


def notes_onto_answers(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    ConcernAnswer = apps.get_model("stories", "ConcernAnswer")
    for answer in ConcernAnswer.objects.filter(note__isnull=False).select_related("note"):
        note = answer.note
        answer.answer = note.response
        answer.status = "addressed" if note.status == "closed" else "planned"
        answer.save(update_fields=["answer", "status"])


class Migration(migrations.Migration):

    dependencies = [
        ("interviews", "0002_round_created_question_category"),
        ("stories", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(answers_onto_notes, notes_onto_answers),
        migrations.AddConstraint(
            model_name="concernanswer",
            constraint=models.CheckConstraint(
                condition=Q(note__isnull=True) | (Q(answer="") & Q(status="open")),
                name="concern_note_answer_on_note",
            ),
        ),
    ]
