"""Parsing one field of UNESCO's World Heritage list export into the value it stands for.

Each ``parse_*`` function takes the decoded text of one column and returns a
clean value, or raises ``RowError`` saying why the row cannot be imported.
``heritage.whc_rows`` puts them together into one row.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from heritage.whc_text import html_to_text

ROMAN_CRITERIA = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
CATEGORIES = ("cultural", "natural", "mixed")  # UNESCO's, spelt as HeritageSite.Category values
FIRST_INSCRIPTION_YEAR = 1978
MAX_WHC_ID = 2**31 - 1  # the largest value of HeritageSite.whc_id's column


class RowError(ValueError):
    """One row cannot be imported; the message says why."""


@dataclass(frozen=True)
class DangerSpan:
    start_year: int
    end_year: int | None  # None: still on the List in Danger


def parse_whc_id(value):
    value = value.strip()
    # isascii: "²".isdigit() is true, and int("²") fails; the length keeps int() from long strings.
    if not (value.isascii() and value.isdigit() and len(value) <= 10 and 0 < int(value) <= MAX_WHC_ID):
        raise RowError(f"id_no {value!r} is not a positive whole number")
    return int(value)


def parse_category(value):
    category = value.strip().lower()
    if category not in CATEGORIES:
        raise RowError(f"category {value!r} is not Cultural, Natural or Mixed")
    return category


def parse_year(value, column):
    value = value.strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) == 4 and int(value) >= FIRST_INSCRIPTION_YEAR):
        raise RowError(f"{column} {value!r} is not a year since {FIRST_INSCRIPTION_YEAR}")
    return int(value)


_CRITERION = re.compile(r"\(([ivx]+)\)")


def parse_criteria(value):
    """ "(i)(ii)(iv)" → ("i", "ii", "iv"), in the order of the list."""
    text = value.strip().lower().replace(" ", "")
    found = _CRITERION.findall(text)
    if "".join(f"({c})" for c in found) != text or any(c not in ROMAN_CRITERIA for c in found):
        raise RowError(f"criteria_txt {value!r} is not a list of criteria such as (i)(ii)(iv)")
    return tuple(sorted(set(found), key=ROMAN_CRITERIA.index))


_DANGER_ENTRY = re.compile(r"([YP])\s*(\d{4})(?:\s*-\s*(\d{4}))?")


def parse_danger_list(value):
    """ "Y 2011 P 1996-2007" → periods 1996–2007 and 2011 onwards. Y: in danger since; P: a past period."""
    text = value.strip()
    spans = []
    position = 0
    for match in _DANGER_ENTRY.finditer(text):
        if text[position : match.start()].strip(" ,;"):
            break
        kind, start, end = match.group(1), int(match.group(2)), match.group(3)
        if kind == "Y" and end:
            raise RowError(f"danger_list {value!r}: a current period (Y) has no end year")
        if kind == "P" and not end:
            raise RowError(f"danger_list {value!r}: a past period (P) needs an end year")
        end = int(end) if end else None
        if end is not None and end < start:
            raise RowError(f"danger_list {value!r}: a period ends before it starts")
        spans.append(DangerSpan(start, end))
        position = match.end()
    if text[position:].strip(" ,;"):
        raise RowError(f"danger_list {value!r} is not a list such as 'Y 2003' or 'P 1997-2005'")
    starts = [span.start_year for span in spans]
    if len(set(starts)) != len(starts):
        raise RowError(f"danger_list {value!r} gives two periods starting the same year")
    if sum(span.end_year is None for span in spans) > 1:
        raise RowError(f"danger_list {value!r} gives two current periods")
    return tuple(sorted(spans, key=lambda span: span.start_year))


def parse_flag(value, column):
    value = value.strip()
    if value not in ("0", "1", ""):
        raise RowError(f"{column} {value!r} is not 0 or 1")
    return value == "1"


def parse_decimal(value, column, *, places, low=None, high=None, max_digits=None):
    value = value.strip()
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise RowError(f"{column} {value!r} is not a number") from None
    if not number.is_finite():
        raise RowError(f"{column} {value!r} is not a number")
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = f"{low} to {high}" if low is not None and high is not None else f"at least {low}"
        raise RowError(f"{column} {value} is out of range ({bounds})")
    if max_digits is None:
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    too_large = RowError(f"{column} {value} is too large (at most {max_digits - places} digits before the point)")
    # Checked before rounding too: rounding 1e100 to two places overflows the decimal context.
    if number.adjusted() >= max_digits - places:
        raise too_large
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if len(number.as_tuple().digits) > max_digits:
        raise too_large
    return number


_COUNTRY_CODE = re.compile(r"[a-z]{2}")


def parse_country_codes(value):
    """ "ba,hr,rs,me" → ("BA", "HR", "RS", "ME"); returns the codes and the parts that are not codes."""
    codes, junk = [], []
    for part in value.split(","):
        part = part.strip().lower()
        if not part:
            continue
        if _COUNTRY_CODE.fullmatch(part):
            if part.upper() not in codes:
                codes.append(part.upper())
        else:
            junk.append(part)
    return tuple(codes), junk


def parse_regions(value):
    """ "Europe and North America,Asia and the Pacific" → both names, once each."""
    parts = (part.strip() for part in html_to_text(value, single_line=True).split(","))
    return tuple(dict.fromkeys(part for part in parts if part))
