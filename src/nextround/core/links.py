"""Addresses of records, reversed once per URL name (issue 18).

Django's ``reverse`` walks the URL patterns, checks each argument against its converter and
quotes the result, on every call: a list that links each of its rows paid that per row, and
on the round page it was about 5% of a request. An address whose arguments are all record
ids (whole numbers, not negative) has the same text around them whichever ids they are, so
``link`` reverses each URL name once, with stand-in ids, and puts the real ids in the gaps.
Anything else goes to ``reverse`` as before. The pieces are kept per script prefix and URL
configuration, as ``reverse`` would read them.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Ids no record has, one per argument; an address is cut into pieces where they stand.
_STAND_IN = 9_876_543_210_120
_Pieces = tuple[str, ...]  # the text before the first id, between the ids, after the last
_kept: dict[tuple[str, int, str, str | None], _Pieces | None] = {}


def link(name: str, *args: object) -> str:
    """``reverse(name, args=args)``."""
    if not args or not all(type(arg) is int and arg >= 0 for arg in args):
        return reverse(name, args=args)
    key = (name, len(args), get_script_prefix(), get_urlconf())
    if key not in _kept:
        _kept[key] = pieces(name, len(args))
    found = _kept[key]
    if found is None:
        return reverse(name, args=args)
    text = found[0]
    for arg, after in zip(args, found[1:], strict=True):
        text += f"{arg}{after}"
    return text


def pieces(name: str, arity: int) -> _Pieces | None:
    """The address of ``name`` for ``arity`` ids, cut where they go; None when a stand-in id
    is refused (a pattern narrower than any id) or does not appear once, in order."""
    stand_ins = [str(_STAND_IN + i) for i in range(arity)]
    try:
        rest = reverse(name, args=[int(s) for s in stand_ins])
    except NoReverseMatch:
        return None
    found = []
    for stand_in in stand_ins:
        before, seen, rest = rest.partition(stand_in)
        if not seen or stand_in in rest:
            return None
        found.append(before)
    return (*found, rest)
