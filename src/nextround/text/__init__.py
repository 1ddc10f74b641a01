"""The text toolkit every analyzer and matcher in nextround shares: words and tokens normalised
one way (``words``), stems and stop words (``stems``), figures in text (``quantities``), "I"
against "we" (``voice``), how long words take to say (``speaking``), and two texts merged into
one without losing either (``merge``). Plain Python; nothing here imports Django."""

from nextround.text.merge import join_texts
from nextround.text.quantities import Quantity, find_quantities, quantities_in
from nextround.text.speaking import seconds_to_say
from nextround.text.stems import content_stems, overlap, stem, stems
from nextround.text.voice import Voice, voice_of
from nextround.text.words import STOPWORDS, Tokens, normalise, word_count, words

__all__ = [
    "STOPWORDS",
    "Quantity",
    "Tokens",
    "Voice",
    "content_stems",
    "find_quantities",
    "join_texts",
    "normalise",
    "overlap",
    "quantities_in",
    "seconds_to_say",
    "stem",
    "stems",
    "voice_of",
    "word_count",
    "words",
]
