"""The mixed-query scenario: 1,000 distinct member searches drawn from the seeded data, requested as
real traffic would request them, so that a cache is measured at the hit ratio such traffic gives.

``distinct_searches`` draws the searches: names in every script (kanji, hiragana, katakana, roman
letters), specialties, countries, site names, words of the biographies in Japanese, facet
combinations, and pages 2 and 3 of some. ``request_sequence`` orders requests among them by a Zipf
distribution (the search of rank r is asked for in proportion to 1 / r): a few searches are
frequent, most are rare. ``mixed.lua`` makes wrk request the sequence's URLs in turn, each thread
from its own place in it.

Runs inside Django (``django.setup()`` done), against the benchmark's database.
"""

import random
import urllib.parse
from collections import Counter
from pathlib import Path

LUA_SCRIPT = Path(__file__).with_name("mixed.lua")
DISTINCT = 1_000
ZIPF_EXPONENT = 1.0
REQUESTS = 20_000
"""Length of the request sequence wrk cycles through: longer than a scenario's requests in one round."""

_LISTS = ("experts", "projects", "heritage")


def _hiragana(katakana):
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in katakana)


def _url(language, page, **params):
    query = urllib.parse.urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"/{language}/{page}/" + (f"?{query}" if query else "")


def family_names(limit):
    """The commonest family names of the experts, commonest first, as (kanji, katakana, roman letters)."""
    from django.db.models import Count

    from experts.models import Expert

    rows = (
        Expert.objects.exclude(family_name_kana="")
        .values_list("family_name", "family_name_kana", "family_name_en")
        .annotate(bearers=Count("pk"))
        .order_by("-bearers", "family_name")[:limit]
    )
    return [row[:3] for row in rows]


def _japanese_words(rng, limit):
    """Two- and three-character words of the experts' Japanese biographies: runs of kanji cut short."""
    import re

    from experts.models import Expert

    words = Counter()
    for text in Expert.objects.exclude(biography_ja="").values_list("biography_ja", flat=True)[:2000]:
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):
            words[run[: rng.choice((2, 3))]] += 1
    return [word for word, _count in words.most_common(limit)]


def distinct_searches(count=DISTINCT, seed=1):
    """``count`` distinct paths of member searches, in the order of their Zipf rank (commonest first)."""
    from consortium.models import Country
    from experts.models import Specialty
    from heritage.models import HeritageSite

    rng = random.Random(seed)  # noqa: S311 (reproducible, not secret)
    names = family_names(60)
    specialties = list(Specialty.objects.order_by("code").values_list("code", flat=True))
    countries = list(Country.objects.order_by("code").values_list("code", "name_en"))
    sites = list(HeritageSite.objects.exclude(whc_id=None).order_by("whc_id").values_list("name_en", "name_ja")[:400])
    words = _japanese_words(rng, 80)

    def name_search():
        kanji, katakana, roman = rng.choice(names[: rng.choice((5, 20, 60))])
        script = rng.choice((kanji, katakana, _hiragana(katakana), roman, roman.lower()))
        return _url(rng.choice(("ja", "en")), "experts", q=script)

    def facet_search():
        params = {"specialty": rng.choice(specialties), "country": rng.choice(countries)[0]}
        if rng.random() < 0.4:
            params.pop(rng.choice(list(params)))
        return _url("ja", "experts", **params)

    def country_search():
        code, name = rng.choice(countries)
        page = rng.choice(_LISTS)
        return rng.choice((_url("en", page, q=name), _url("ja", page, country=code)))

    def site_search():
        name_en, name_ja = rng.choice(sites)
        words_of_name = (name_en or "").split()
        english = " ".join(words_of_name[: rng.choice((1, 2))])
        text = rng.choice((english, name_ja)) or english
        return _url(rng.choice(("ja", "en")), rng.choice(("heritage", "projects", "database")), q=text)

    def word_search():
        return _url("ja", rng.choice(_LISTS), q=rng.choice(words))

    def word_and_facet():
        return _url("ja", "experts", q=rng.choice(words), specialty=rng.choice(specialties))

    kinds = (name_search, facet_search, country_search, site_search, word_search, word_and_facet)
    paths, seen = [], set()
    while len(paths) < count:
        path = rng.choice(kinds)()
        if rng.random() < 0.15:
            path += ("&" if "?" in path else "?") + f"page={rng.choice((2, 3))}"
        if path not in seen:
            seen.add(path)
            paths.append(path)
    return paths


def request_sequence(paths, length=REQUESTS, seed=1, exponent=ZIPF_EXPONENT):
    """``length`` requests among ``paths``, the path of rank r drawn with weight 1 / r ** exponent."""
    rng = random.Random(seed)  # noqa: S311 (reproducible, not secret)
    weights = [1 / rank**exponent for rank in range(1, len(paths) + 1)]
    return rng.choices(paths, weights=weights, k=length)


def write_sequence(sequence, path):
    """The sequence as wrk's Lua script reads it: one path a line."""
    Path(path).write_text("".join(f"{line}\n" for line in sequence), encoding="utf-8")
