"""Markdown to blocks: headings, list items, table rows and paragraphs, inline formatting
stripped."""

from __future__ import annotations

import re

from nextround.intake.blocks import Block

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_MD_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
_MD_RULE = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(.*)$")
_MD_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")
_MD_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_MD_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")

_MD_CODE = re.compile(r"(`+)(.+?)\1")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_INLINE = (
    (re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url "title")
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),  # not __dunder__ words
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\*(?=\S)(.+?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),  # not snake_case
)
_PRIVATE_USE = 0xE000  # escaped characters hide here while emphasis is stripped


def _md_inline(text: str) -> str:
    """Strip inline formatting; code spans and backslash escapes are kept literally."""
    pieces = _MD_CODE.split(text)
    out: list[str] = []
    # split() yields text, fence, code, fence, code...; code is every third piece from 2.
    for index, piece in enumerate(pieces):
        if index % 3 == 1:
            continue
        if index % 3 == 2:
            out.append(piece.strip())
            continue
        hidden = _MD_ESCAPE.sub(lambda m: chr(_PRIVATE_USE + ord(m.group(1))), piece)
        for pattern, replacement in _MD_INLINE:
            hidden = pattern.sub(replacement, hidden)
        out.append(re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - _PRIVATE_USE), hidden))
    return "".join(out)


def markdown_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[str] = []
    code: list[str] | None = None  # lines of an open fenced block, kept literally

    def flush() -> None:
        if para:
            blocks.append(("para", "\n".join(_md_inline(line) for line in para)))
            para.clear()

    for line in text.splitlines():
        if _MD_FENCE.match(line):
            flush()
            if code is not None:
                blocks.append(("para", "\n".join(code)))
            code = [] if code is None else None
        elif code is not None:
            code.append(line)
        elif not line.strip() or _MD_REFERENCE.match(line) or _MD_TABLE_RULE.match(line):
            flush()
        elif _MD_SETEXT.match(line) and para:
            heading = para.pop()
            flush()
            blocks.append(("heading", _md_inline(heading)))
        elif _MD_RULE.match(line):
            flush()
        elif heading_match := _MD_HEADING.match(line):
            flush()
            blocks.append(("heading", _md_inline(heading_match.group(1) or "")))
        elif item := _MD_ITEM.match(_MD_QUOTE.sub("", line)):
            flush()
            blocks.append(("item", _md_inline(item.group(1))))
        elif line.lstrip().startswith("|"):
            flush()
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            blocks.append(("row", _md_inline(" | ".join(cells))))
        elif line[:1].isspace() and not para and blocks and blocks[-1][0] == "item":
            kind, previous = blocks.pop()  # an indented continuation of the item above
            blocks.append((kind, f"{previous} {_md_inline(line)}"))
        else:
            para.append(_MD_QUOTE.sub("", line))
    flush()
    if code:  # an unclosed fence runs to the end
        blocks.append(("para", "\n".join(code)))
    return blocks
