"""The brief's people section: who attends, the likely decision-maker first, each with what
they heard, cared about and are to be asked."""

from __future__ import annotations

from collections.abc import Iterable

from nextround.briefing import Entry, Line, Part, PersonFacts, Section, decision_maker, order_people
from nextround.followup import thanks as followup_thanks
from nextround.followup.models import PersonDebrief
from nextround.interviews.models import Person
from nextround.interviews.selectors import CarryForward
from nextround.prep.models import AskStatus
from nextround.prep.selectors import RoundAsks
from nextround.stories.models import Telling


def _cared(debriefs: Iterable[PersonDebrief]) -> list[Line]:
    lines = []
    for d in debriefs:
        said = [d.cared_about.strip()]
        if d.specific.strip():
            said.append(f"they mentioned {d.specific.strip()}")
        if d.topic_list():
            said.append("topics: " + ", ".join(d.topic_list()))
        lines.append(
            Line(f"Cared about ({d.round.label.lower()})", "; ".join(s for s in said if s))
        )
    return lines


def _person_entry(
    person: Person,
    facts: PersonFacts,
    *,
    asks: list[str],
    heard: list[Telling],
    debriefs: list[PersonDebrief],
) -> Entry:
    badges = [person.get_relation_display()]
    if facts.decides:
        badges.append("decision-maker" if person.decision_maker else "likely decision-maker")
    badges.append("met before" if facts.met_before else "new")
    lines = [Line("Background", person.background), Line("Common ground", person.common_ground)]
    lines += [
        Line("Heard from you", f"“{t.story.title}” in the {t.round.label.lower()}") for t in heard
    ]
    lines += _cared(debriefs)
    lines += [Line("Ask", text) for text in asks]
    title = f"{person.name}, {person.title}" if person.title else person.name
    return Entry(title=title, badges=tuple(badges), lines=tuple(ln for ln in lines if ln.text))


def people_section(
    carry: CarryForward, *, asks: RoundAsks, heard: dict[int, list[Telling]]
) -> Section:
    attending = carry.attending
    # The person the candidate marked as the decision-maker; else a guess from the relations.
    marked = [i for i, p in enumerate(attending) if p.decision_maker]
    guess = decision_maker([p.relation for p in attending])
    deciders = set(marked) if marked else ({guess} if guess is not None else set())
    met = {p.pk for p in carry.people_met}
    facts = [
        PersonFacts(p.pk, p.name, p.relation, met_before=p.pk in met, decides=i in deciders)
        for i, p in enumerate(attending)
    ]
    by_id = {p.pk: p for p in attending}
    to_ask = {
        pa.person.pk: [r.text for r in pa.rows if r.status == AskStatus.PLANNED]
        for pa in asks.people
    }
    debriefs = followup_thanks.debriefs_before(round_=carry.round)
    entries = tuple(
        _person_entry(
            by_id[f.id],
            f,
            asks=to_ask.get(f.id, []),
            heard=heard.get(f.id, []),
            debriefs=debriefs.get(f.id, []),
        )
        for f in order_people(facts)
    )
    away = ", ".join(p.name for p in carry.people_met_not_attending)
    return Section(
        key="people",
        title="The people",
        empty="No one is listed for this round: add the people you will meet on the round page.",
        parts=(
            Part(entries=entries),
            Part(lines=(Line("Met before, not in this round", away),) if away else ()),
        ),
    )
