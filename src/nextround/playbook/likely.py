"""Likely questions for a round, ranked, each with the reasons it made the list."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import MappingProxyType

from nextround.playbook import knowledge
from nextround.playbook.field import FIELD_LABELS
from nextround.playbook.knowledge import RELATIONS, Question, suits
from nextround.playbook.plan import RoundFacts
from nextround.playbook.wording import PLAIN, Wording, end_sentence
from nextround.text import content_stems, stems

FIELD_BONUS = 1.5  # a question written for the employer's own field
SAME_QUESTION = 0.5  # stem overlap above which an earlier question is a bank question
PER_CATEGORY = 4  # keep the list varied
ONLY_IN_FORMAT = {"case": "case", "presentation": "presentation"}
RELATION_LABELS = {
    "hiring_manager": "hiring managers",
    "managers_manager": "the manager's manager",
    "executive": "executives",
    "peer": "future colleagues",
    "hr": "HR and recruiters",
    "other": "interviewers",
}
assert set(RELATION_LABELS) == set(RELATIONS)


@dataclass(frozen=True)
class EarlierQuestion:
    """A question noted in an earlier round."""

    text: str
    round_number: int
    asked_by: str = ""  # a name, or "" when not noted
    rating: int | None = None  # the candidate's own 1–5 rating of the answer
    improve: str = ""
    category: str = ""


@dataclass
class LikelyQuestion:
    text: str
    category: str
    score: float
    reasons: list[str] = field(default_factory=list)
    bank: Question | None = None  # what it tests and how to approach it
    earlier: list[EarlierQuestion] = field(default_factory=list)

    @property
    def asked_before(self) -> bool:
        return bool(self.earlier)

    @property
    def went_badly(self) -> bool:
        return any(e.rating is not None and e.rating <= 2 for e in self.earlier)


@dataclass(frozen=True)
class _Wordings:
    """Every wording of every bank question as a stem set, with an index from stem to wording,
    so matching a note compares it only with wordings that share a word."""

    owners: tuple[Question, ...]
    stem_sets: tuple[frozenset[str], ...]
    sizes: tuple[int, ...]  # each stem set's size
    by_stem: Mapping[str, tuple[int, ...]]  # read-only: the built-in one is shared by threads


def _index(bank: Sequence[Question]) -> _Wordings:
    owners: list[Question] = []
    stem_sets: list[frozenset[str]] = []
    by_stem: defaultdict[str, list[int]] = defaultdict(list)
    for q in bank:
        for wording in (q.text, *q.variants):
            stem_set = content_stems(wording)
            for s in stem_set:
                by_stem[s].append(len(owners))
            owners.append(q)
            stem_sets.append(stem_set)
    return _Wordings(
        tuple(owners),
        tuple(stem_sets),
        tuple(map(len, stem_sets)),
        MappingProxyType({s: tuple(found) for s, found in by_stem.items()}),
    )


@cache
def _built_in_index() -> _Wordings:
    return _index(knowledge.questions())


def match_bank(text: str, bank: Sequence[Question]) -> Question | None:
    """The bank question an earlier question most resembles, if it is close enough."""
    index = _built_in_index() if bank is knowledge.questions() else _index(bank)
    wanted = content_stems(text)
    shared: Counter[int] = Counter()  # each wording's stems in common with the text: |A ∩ B|
    for s in wanted:
        shared.update(index.by_stem.get(s, ()))
    # A wording scores SAME_QUESTION (t) or more, common / (|A| + |B| - common), only when
    # common * (1 + t) >= t * (|A| + |B|): the few that can are picked out by that (with room
    # for rounding) before the scores are worked out, and most share a word or two at most.
    n, sizes, t = len(wanted), index.sizes, SAME_QUESTION
    close = sorted(i for i, c in shared.items() if c * (1 + t) >= t * (n + sizes[i]) - 1e-9)
    best, best_score = None, SAME_QUESTION
    for i in close:
        common = shared[i]
        score = common / (n + sizes[i] - common)  # Jaccard, as overlap
        if score > best_score or (best is None and score == best_score):
            best, best_score = index.owners[i], score
    return best


@lru_cache(maxsize=1024)
def _phrase_terms(phrase: str) -> str:
    """A competency's stems as the posting's terms are searched for them: the bank's few
    hundred phrases, stemmed once instead of once per round."""
    return f" {' '.join(stems(phrase))} "


def _competencies(bank: Sequence[Question]) -> frozenset[str]:
    """The competencies the bank's questions test: the built-in bank's, found once."""
    if bank is knowledge.questions():
        return _built_in_competencies()
    return frozenset(c for q in bank for c in q.competencies)


@cache
def _built_in_competencies() -> frozenset[str]:
    return frozenset(c for q in knowledge.questions() for c in q.competencies)


def _job_terms(job_text: str) -> str:
    return " " + " ".join(stems(job_text)) + " "


def _earlier_reason(seen: EarlierQuestion) -> str:
    who = f" by {seen.asked_by}" if seen.asked_by else ""
    text = f"Asked in round {seen.round_number}{who}"
    if seen.rating is not None:
        text += f"; you rated your answer {seen.rating}/5"
    if seen.improve.strip():
        text += f". To improve: {seen.improve.strip()}"
    return end_sentence(text)


def _score_bank_question(
    q: Question,
    facts: RoundFacts,
    asked_for: frozenset[str],
    new_names: list[str],
    field: str,
    relations: frozenset[str],
) -> tuple[float, list[str]]:
    """``asked_for`` (the competencies the posting asks for), ``new_names`` and ``relations``
    (the attendees' relations) are the round's, worked out once for the whole bank."""
    score, reasons = 1.0, []
    if field != "general" and field in q.fields:
        score += FIELD_BONUS
        reasons.append(f"Typical of the field ({FIELD_LABELS[field]}).")
    fmt = facts.format
    if q.category in ONLY_IN_FORMAT.values():
        if ONLY_IN_FORMAT.get(fmt) != q.category:
            return 0.0, []
        score += 3
        reasons.append(f"This is a {fmt} round.")
    later = facts.number >= 2 or facts.is_final
    if later and q.later_round:
        score += 1
        reasons.append("Typical of second and final rounds.")
    if later and q.category in {"company", "approach", "motivation"}:
        score += 1.5
        reasons.append("Later rounds test what you learned about them and how you would work.")
    if q.category == "salary":
        if facts.is_final or facts.money_discussed:
            score += 2
            reasons.append(
                "Money came up in an earlier round: expect pay and terms again."
                if facts.money_discussed
                else "A final round often turns to pay and terms."
            )
        else:
            score -= 1.5
    for relation in sorted(relations.intersection(q.asked_by)):
        names = [a.name for a in facts.attendees if a.relation == relation]
        score += 1.2
        verb = "attends" if len(names) == 1 else "attend"
        reasons.append(f"Often asked by {RELATION_LABELS[relation]}: {', '.join(names)} {verb}.")
    if q.category == "basics" and new_names:
        score += 2.5
        reasons.append(
            f"New interviewers ({', '.join(new_names)}) often start here, even if you "
            "covered it before."
        )
    if fmt in {"panel", "all_day", "series"} and q.category == "behavioral":
        score += 0.5
        reasons.append("Panels lean on behavioral questions to compare candidates.")
    matched = [c for c in q.competencies if c in asked_for]
    if matched:
        score += min(2, len(matched)) * 0.8
        reasons.append("The posting asks for " + ", ".join(matched[:2]) + ".")
    return score, reasons


def likely_questions(
    facts: RoundFacts,
    *,
    job_text: str = "",
    earlier: Sequence[EarlierQuestion] = (),
    limit: int = 15,
    bank: Sequence[Question] | None = None,
    wording: Wording = PLAIN,
) -> list[LikelyQuestion]:
    """The ``limit`` questions most likely in this round, never more than ``PER_CATEGORY`` of
    one category, every one with its reasons: first those asked before (the weak answers
    first), then the rest, best first. The order does not depend on ``limit``: a shorter list
    is the start of a longer one. Bank questions that do not suit the employer's field are
    left out (unless they were asked all the same) and the rest are worded for it."""
    bank = knowledge.questions() if bank is None else bank
    earlier_by_bank, unmatched = _match_earlier(earlier, bank)
    ranked = _rank_bank(
        bank, facts, job_text=job_text, earlier_by_bank=earlier_by_bank, wording=wording
    )
    ranked += [_unmatched_question(seen) for seen in unmatched]
    ranked.sort(key=lambda lq: (-lq.score, lq.category, lq.text))
    return _choose(ranked, limit=limit)


def _match_earlier(
    earlier: Sequence[EarlierQuestion], bank: Sequence[Question]
) -> tuple[dict[str, list[EarlierQuestion]], list[EarlierQuestion]]:
    """Questions asked before, by the bank question they match; and those that match none."""
    by_bank: dict[str, list[EarlierQuestion]] = {}
    unmatched: list[EarlierQuestion] = []
    for seen in earlier:
        found = match_bank(seen.text, bank)
        if found is None:
            unmatched.append(seen)
        else:
            by_bank.setdefault(found.id, []).append(seen)
    return by_bank, unmatched


def _rank_bank(
    bank: Sequence[Question],
    facts: RoundFacts,
    *,
    job_text: str,
    earlier_by_bank: Mapping[str, list[EarlierQuestion]],
    wording: Wording = PLAIN,
) -> list[LikelyQuestion]:
    """Every bank question this round gives a reason for, with its score and reasons."""
    job = _job_terms(job_text)
    asked_for = frozenset(c for c in _competencies(bank) if _phrase_terms(c) in job)
    new_names = [a.name for a in facts.attendees if not a.met_before]
    relations = frozenset(a.relation for a in facts.attendees)
    ranked: list[LikelyQuestion] = []
    for q in bank:
        score, reasons = _score_bank_question(
            q, facts, asked_for, new_names, wording.field, relations
        )
        seen_list = earlier_by_bank.get(q.id, [])
        if (score <= 0 or not suits(q.fields, wording.field)) and not seen_list:
            continue
        for seen in seen_list:
            score += 3 if seen.rating is not None and seen.rating <= 2 else 1.5
            reasons.insert(0, _earlier_reason(seen))
        text = wording.word(q.text)
        ranked.append(LikelyQuestion(text, q.category, score, reasons, q, list(seen_list)))
    return ranked


def _unmatched_question(seen: EarlierQuestion) -> LikelyQuestion:
    """A question asked before that the bank has nothing like: kept all the same."""
    weak = seen.rating is not None and seen.rating <= 2
    reasons = [_earlier_reason(seen), "They may come back to it to hear a better answer."]
    return LikelyQuestion(
        seen.text, seen.category or "other", 5 if weak else 3.5, reasons, None, [seen]
    )


def _choose(ranked: Sequence[LikelyQuestion], *, limit: int) -> list[LikelyQuestion]:
    """``ranked`` is best first. What this employer really asked comes first and always stays,
    answers that went badly first: it is the surest guide to what comes next, and the weak
    ones are what most needs reworking. The rest follow in ``ranked`` order. Every choice
    depends only on those before it, so the list for a smaller limit is the start of this one
    (sorting the chosen by score afterwards, as before, moved questions asked before down a
    long list but kept them near the top of a short one)."""
    chosen = sorted((lq for lq in ranked if lq.asked_before), key=lambda lq: not lq.went_badly)
    chosen = chosen[:limit]
    per_category: Counter[str] = Counter(lq.category for lq in chosen)
    for lq in ranked:
        if len(chosen) >= limit:
            break
        if lq in chosen or (per_category[lq.category] >= PER_CATEGORY and not lq.asked_before):
            continue
        chosen.append(lq)
        per_category[lq.category] += 1
    return chosen
