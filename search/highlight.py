"""Highlighting: what a query matched in a name or title, wrapped in ``<mark>``; the ``|highlight``
template filter (``search.templatetags.highlighting``) is the way in for templates."""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search import textnorm


@lru_cache(maxsize=8192)
def _normalized_character(char):
    """One character as ``textnorm.normalize`` spells it, apart from the long-vowel mark, whose
    spelling depends on the character before. Remembered: a page highlights the same few hundred
    characters of Japanese names again and again."""
    return textnorm.fold_kana(textnorm.unaccent(unicodedata.normalize("NFKC", char)).lower())


def _normalized_with_positions(text):
    """The text normalised character by character, with each character's origin."""
    if text.isascii():
        # Most names and titles: normalising ASCII only lowers it, one character for one.
        return text.lower(), range(len(text))
    chars, origins = [], []
    previous = ""
    for index, char in enumerate(text):
        if char == textnorm.LONG_VOWEL or char == "ｰ":
            piece = textnorm.fold_kana(previous + textnorm.LONG_VOWEL)[len(previous) :] if previous else char
        else:
            piece = _normalized_character(char)
        for normalized_char in piece:
            chars.append(normalized_char)
            origins.append(index)
        if piece:
            previous = piece[-1]
    return "".join(chars), origins


def highlight(text, query):
    """``text`` escaped, with what ``query`` matched wrapped in <mark>."""
    text = str(text or "")
    if not text or not query:
        return escape(text)
    normalized, origins = _normalized_with_positions(text)
    spans = []
    for term in query.terms:
        start = normalized.find(term)
        while start != -1:
            spans.append((origins[start], origins[start + len(term) - 1] + 1))
            start = normalized.find(term, start + len(term))
    for stem in query.stems:
        for found in re.finditer(rf"\b{re.escape(stem)}\w*", normalized):
            spans.append((origins[found.start()], origins[found.end() - 1] + 1))
    if not spans:
        return escape(text)
    spans.sort()
    merged = [list(spans[0])]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, position = [], 0
    for start, end in merged:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
