"""The word lists behind the rules, read from data/requirements.toml, and sets derived from
them. The file sits in nextround.fit's data folder, shipped as package data, so it loads the same
from a source tree or an installed wheel."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import NamedTuple

import msgspec


class _Lists(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    verb_words: str
    verb_particle_words: str
    trait_words: str
    trait_suffix_words: str
    fluff_words: str
    cue_words: str
    quantity_words: str
    generic_words: str
    noise_words: str
    plain_words: str
    kept_head_words: str
    occupation_words: str
    function_words: str
    object_det_words: str
    fixed_pair_phrases: str
    idiom_phrases: str
    tool_phrases: str
    cased_tool_phrases: str
    credential_phrases: str
    language_words: str
    domain_phrases: str
    abbreviation_words: str


class Vocabulary(NamedTuple):
    verbs: frozenset[str]
    particles: frozenset[str]
    traits: frozenset[str]
    trait_suffixes: frozenset[str]
    fluff: frozenset[str]
    cues: frozenset[str]
    quantities: frozenset[str]
    generic: frozenset[str]
    noise: frozenset[str]
    plain: frozenset[str]
    kept_heads: frozenset[str]
    occupations: frozenset[str]
    function: frozenset[str]
    object_dets: frozenset[str]
    fixed_pairs: frozenset[tuple[str, ...]]
    idioms: frozenset[tuple[str, ...]]
    tools: frozenset[tuple[str, ...]]
    cased_tools: frozenset[tuple[str, ...]]
    credentials: frozenset[tuple[str, ...]]
    languages: frozenset[str]
    domains: frozenset[tuple[str, ...]]
    domains_single: frozenset[str]
    abbreviations: frozenset[str]


def word_set(field: str) -> frozenset[str]:
    return frozenset(field.split())


def _phrases(field: str, *, lower: bool = True) -> frozenset[tuple[str, ...]]:
    entries = (e.strip() for e in field.split(","))
    return frozenset(tuple((e.lower() if lower else e).split()) for e in entries if e)


@cache
def word_lists() -> Vocabulary:
    raw = (resources.files("nextround.fit") / "data" / "requirements.toml").read_bytes()
    lists = msgspec.toml.decode(raw, type=_Lists)
    return Vocabulary(
        verbs=word_set(lists.verb_words),
        particles=word_set(lists.verb_particle_words),
        traits=word_set(lists.trait_words),
        trait_suffixes=word_set(lists.trait_suffix_words),
        fluff=word_set(lists.fluff_words),
        cues=word_set(lists.cue_words),
        quantities=word_set(lists.quantity_words),
        generic=word_set(lists.generic_words) | word_set(lists.noise_words),
        noise=word_set(lists.noise_words),
        plain=word_set(lists.plain_words),
        kept_heads=word_set(lists.kept_head_words),
        occupations=word_set(lists.occupation_words),
        function=word_set(lists.function_words),
        object_dets=word_set(lists.object_det_words),
        fixed_pairs=_phrases(lists.fixed_pair_phrases),
        idioms=_phrases(lists.idiom_phrases),
        tools=_phrases(lists.tool_phrases),
        cased_tools=_phrases(lists.cased_tool_phrases, lower=False),
        credentials=_phrases(lists.credential_phrases),
        languages=word_set(lists.language_words),
        domains=_phrases(lists.domain_phrases),
        domains_single=frozenset(d[0] for d in _phrases(lists.domain_phrases) if len(d) == 1),
        abbreviations=word_set(lists.abbreviation_words),
    )


@cache
def named_phrases() -> frozenset[tuple[str, ...]]:
    """Phrases kept whole: fixed pairs and multi-word names of tools, credentials, fields."""
    vocab = word_lists()
    named = vocab.tools | vocab.credentials | vocab.domains | vocab.fixed_pairs
    return frozenset(p for p in named if len(p) > 1)


@cache
def listed_firsts() -> frozenset[str]:
    """First words of listed tools and credentials: only spans holding one need a lookup."""
    vocab = word_lists()
    cased = frozenset(p[0].lower() for p in vocab.cased_tools)
    return frozenset(p[0] for p in vocab.tools | vocab.credentials) | cased


@cache
def common_words() -> frozenset[str]:
    """Words of ordinary prose: a capital on one of them is only the sentence's. Names of tools,
    credentials, languages and fields are left out: their capitals belong to them."""
    vocab = word_lists()
    words = (
        vocab.verbs | vocab.particles | vocab.traits | vocab.fluff | vocab.cues | vocab.quantities
    )
    words |= vocab.generic | vocab.plain | vocab.kept_heads | vocab.occupations | vocab.function
    firsts = frozenset(p[0] for p in vocab.fixed_pairs | vocab.idioms)
    return (words | firsts) - listed_firsts() - vocab.languages - vocab.abbreviations


@cache
def idiom_firsts() -> frozenset[str]:
    return frozenset(p[0] for p in word_lists().idioms)


@cache
def named_firsts() -> frozenset[str]:
    return frozenset(p[0] for p in named_phrases())
