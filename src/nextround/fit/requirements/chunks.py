"""Where phrases start and end in a tokenised statement: hand-written chunking rules, not a
trained tagger. A verb phrase runs from an action verb through its object ("managing all aspects
of the kitchen"); other phrases are runs of content words between function words and
punctuation. terms.py turns the phrases into terms."""

from __future__ import annotations

from collections.abc import Sequence

from nextround.fit.requirements.tokens import (
    FORM_ED,
    FORM_ING,
    FORM_NONE,
    is_adverb,
    is_titled,
    to_tok,
)
from nextround.fit.requirements.vocabulary import (
    idiom_firsts,
    named_firsts,
    named_phrases,
    word_lists,
    word_set,
)

_COORDINATORS = frozenset({"and", "or", "&"})
_ACTIVE_FORMS = frozenset({"base", "ing", "s"})
_CLAUSE_OPENERS = word_set("a an the all their our your its with within in on for to across from")
OF_DETS = frozenset({"of", "the", "a", "an", "all", "both", "its", "their", "our", "your"})
# Subjects and modals after which a base-form verb is a verb ("you will manage").
_VERB_LEADS = word_set(
    """to will would must can could should shall may might and or also you we then not
    help please i"""
)
_DETERMINERS = word_set(
    """a an the this that these those my our your their its his her any each every some no
    another"""
)


class Chunker:
    """One tokenised statement and the rules that find where its phrases start and end."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.toks = [to_tok(t) for t in tokens]
        self.n = len(self.toks)
        self._mute_idioms()
        self.titled = is_titled(self.toks)
        self.vocab = word_lists()
        self.fixed = self._fixed_phrases()
        self.inside_fixed = {k for start, end in self.fixed.items() for k in range(start, end)}

    def _mute_idioms(self) -> None:
        """Words of prepositional idioms are function words: "in relation to", "in line with"."""
        idioms, firsts = word_lists().idioms, idiom_firsts()
        lows = [t.low for t in self.toks]
        for k in range(self.n):
            if lows[k] not in firsts:
                continue
            for size in (4, 3, 2):
                if k + size <= self.n and tuple(lows[k : k + size]) in idioms:
                    for m in range(k, k + size):
                        self.toks[m] = self.toks[m]._replace(content=False, form="")
                    break

    def _fixed_phrases(self) -> dict[int, int]:
        """Start -> end of phrases kept whole: "attention to detail", "SQL Server"."""
        found: dict[int, int] = {}
        named, firsts = named_phrases(), named_firsts()
        lows = [t.low for t in self.toks]
        for k, low in enumerate(lows):
            if low not in firsts:
                continue
            for size in (5, 4, 3, 2):
                if k + size <= self.n and tuple(lows[k : k + size]) in named:
                    found[k] = k + size
                    break
        return found

    # -- where phrases start and end

    def _case_break(self, i: int) -> bool:
        """A capital after a lower-case word starts a new name or, in run-together bullets, a
        new statement: "experience of Selenium", "maintain records Ensure compliance"."""
        if self.titled or i == 0 or not self.toks[i].cap:
            return False
        prev = self.toks[i - 1]
        return prev.content and prev.text[:1].islower()

    def _new_bullet(self, i: int) -> bool:
        """A capitalised verb after a lower-case word: bullets run together by text extraction."""
        return self.toks[i].form in _ACTIVE_FORMS and self._case_break(i)

    def _participle_clause(self, j: int) -> bool:
        """An -ing word taking its own object after a noun: "a team working with suppliers"."""
        return (
            self.toks[j].low.endswith("ing")
            and j + 1 < self.n
            and self.toks[j + 1].low in _CLAUSE_OPENERS
        )

    def _opens_verb_phrase(self, i: int) -> bool:
        tok = self.toks[i]
        if tok.form in (FORM_NONE, FORM_ED):
            return False
        if i + 1 < self.n and self.toks[i + 1].low in self.vocab.cues:
            return False  # "working knowledge", "management experience"
        if i == 0 or not self.toks[i - 1].word or self._new_bullet(i):
            return True
        if tok.form == FORM_ING and self._participle_clause(i):
            return True
        prev = self.toks[i - 1]
        if prev.low in _DETERMINERS:
            return False
        if tok.form == FORM_ING:
            # A gerund after a preposition or a cue noun ("experience managing"), not after an
            # adjective or noun it would belong to ("project planning").
            return not prev.content or prev.low in self.vocab.cues or is_adverb(prev.low)
        return prev.low in _VERB_LEADS or is_adverb(prev.low)

    def _run_end(self, i: int) -> int:
        """End of the run of content words from i: the core of every phrase."""
        j = i
        while j < self.n and self.toks[j].content:
            if j > i and (self._case_break(j) or self._participle_clause(j)):
                break
            if j in self.fixed:
                j = self.fixed[j]
                continue
            j += 1
            if self.toks[j - 1].low in self.vocab.cues:
                break  # "knowledge" ends a run; what it introduces starts a new one
        return j

    def _of_phrase_end(self, j: int) -> int:
        """After "X of", the end of "the Y" when it continues the phrase, else j."""
        k = j + 1
        while k < self.n and self.toks[k].low in OF_DETS:
            k += 1
        if k < self.n and self.toks[k].content and not self._new_bullet(k):
            return self._run_end(k)
        return j

    def _noun_phrase_end(self, i: int) -> int:
        end = self._run_end(i)
        vocab = self.vocab
        while end < self.n and self.toks[end].low == "of":
            head = self.toks[end - 1].low
            if head in vocab.cues or head in vocab.quantities or head in vocab.generic:
                break
            joined = self._of_phrase_end(end)
            if joined == end:
                break
            end = joined
        return end

    def _verb_phrase_end(self, i: int) -> tuple[int, int]:
        """Where the verbs end and where the phrase ends (the same when there is no object)."""
        toks, n = self.toks, self.n
        j = i + 1
        # Coordinated verbs share an object: "training and developing new members".
        while (
            j + 1 < n
            and toks[j].low in _COORDINATORS
            and toks[j + 1].form == toks[i].form
            and toks[j + 1].content
        ):
            j += 2
        k = j
        if k < n and is_adverb(toks[k].low):
            k += 1
        if k < n and toks[k].low in self.vocab.particles:
            k += 1
        end = self._object_end(k)
        return (j, j) if end == k else (j, end)

    def _object_end(self, k: int) -> int:
        toks, n = self.toks, self.n
        start = k
        while k < n and toks[k].low in self.vocab.object_dets:
            k += 1
        if k >= n or not toks[k].content or self._new_bullet(k):
            return start
        end = self._run_end(k)
        while end + 1 < n:
            low = toks[end].low
            if low == "of":
                joined = self._of_phrase_end(end)
            elif (
                low in _COORDINATORS
                and toks[end + 1].content
                and toks[end + 1].form == FORM_NONE
                and not self._new_bullet(end + 1)
            ):
                joined = self._run_end(end + 1)  # "teams and suppliers"
            else:
                break
            if joined == end:
                break
            end = joined
        return end
