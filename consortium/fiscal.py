"""The consortium's fiscal year (年度): April to March, named after the calendar year it starts in."""

from datetime import date

from django.utils.translation import gettext

FIRST_MONTH = 4


def fiscal_year(day):
    """The fiscal year of a date: 1 April 2024 to 31 March 2025 is fiscal year 2024."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def fiscal_year_label(year):
    """``2024年度`` in Japanese, ``FY2024`` in English; empty for no year."""
    if year in (None, ""):
        return ""
    return gettext("FY%(year)s") % {"year": int(year)}


def fiscal_year_range_label(first, last=None):
    """A run of fiscal years as the language writes it: ``2022〜2024年度`` in Japanese, ``FY2022–FY2024``
    in English; one year alone when ``first`` and ``last`` are the same, an open run when ``last`` is None."""
    if first in (None, ""):
        return ""
    if last is None or last == "":
        return gettext("FY%(first)s onwards") % {"first": int(first)}
    if int(last) == int(first):
        return fiscal_year_label(first)
    return gettext("FY%(first)s–FY%(last)s") % {"first": int(first), "last": int(last)}


def fiscal_year_dates(year):
    """The first day of fiscal year ``year`` and the first day of the next one: the year is ``[start, end)``."""
    return date(year, FIRST_MONTH, 1), date(year + 1, FIRST_MONTH, 1)
