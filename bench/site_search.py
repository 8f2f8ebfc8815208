"""The public site search scenario: distinct searches of ``/<lang>/search/?q=`` as visitors would make them.

A visitor searches the news, events, outreach pages and public reports for words of what they read there,
in Japanese or English, for a country, for something the site does not hold, or for one kind of page;
``distinct_searches`` draws such searches from the published pages themselves, and the scenario
requests them in a Zipf order (``bench.mixed.request_sequence``) through ``mixed.lua``, signed out.

Runs inside Django (``django.setup()`` done), against the benchmark's database.
"""

import random
import re
from collections import Counter

from bench.mixed import _url

DISTINCT = 300
KINDS = ("news", "events", "pages")
_ENGLISH_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
_JAPANESE_RUN = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]{2,}")
_COMMON = {"with", "from", "their", "that", "this", "these", "into", "about", "under", "after", "what", "which"}
UNKNOWN = ("zzyzx", "qwertyuiop", "該当なし語", "Xylophone-restoration")
"""Searches that find nothing: a visitor's typing, and the page that says so."""


def _published_texts():
    """(English, Japanese) texts of every public page's title and summary: what a visitor has read."""
    from django.contrib.auth.models import AnonymousUser

    from reports.models import Report
    from search.site import PUBLIC_KINDS

    english, japanese = [], []
    for kind in PUBLIC_KINDS.values():
        for row in kind.records().values(*(name for name in kind.shown if name.endswith(("_en", "_ja")))):
            english += [value for name, value in row.items() if name.endswith("_en") and value]
            japanese += [value for name, value in row.items() if name.endswith("_ja") and value]
    for title_en, title_ja in Report.objects.visible_to(AnonymousUser()).values_list("title_en", "title_ja"):
        english.append(title_en)
        japanese.append(title_ja)
    return english, japanese


def _words(texts, pattern, rng, cut=None):
    """The words of ``texts`` that ``pattern`` finds, commonest first; runs of Japanese cut to 2 or 3 characters."""
    words = Counter()
    for text in texts:
        for word in pattern.findall(text or ""):
            word = word[: rng.choice(cut)] if cut else word.lower()
            if word not in _COMMON:
                words[word] += 1
    return [word for word, _count in words.most_common()]


def distinct_searches(count=DISTINCT, seed=2):
    """``count`` distinct paths of public site searches, in the order of their Zipf rank (commonest first)."""
    from consortium.models import Country

    rng = random.Random(seed)  # noqa: S311 (reproducible, not secret)
    english_texts, japanese_texts = _published_texts()
    english = _words(english_texts, _ENGLISH_WORD, rng) or ["heritage"]
    japanese = _words(japanese_texts, _JAPANESE_RUN, rng, cut=(2, 3)) or ["文化遺産"]
    countries = list(Country.objects.order_by("code").values_list("name_en", "name_ja")) or [("Japan", "日本")]

    def common(words):
        return rng.choice(words[: rng.choice((5, 20, len(words)))])

    def english_search():
        return _url("en", "search", q=" ".join(dict.fromkeys(common(english) for _ in range(rng.choice((1, 1, 2))))))

    def japanese_search():
        return _url("ja", "search", q=common(japanese))

    def country_search():
        name_en, name_ja = rng.choice(countries)
        return rng.choice((_url("en", "search", q=name_en), _url("ja", "search", q=name_ja)))

    def one_kind():
        language, words = rng.choice((("en", english), ("ja", japanese)))
        return _url(language, "search", q=common(words), kind=rng.choice(KINDS))

    def nothing_found():
        return _url(rng.choice(("en", "ja")), "search", q=rng.choice(UNKNOWN) + str(rng.randrange(100)))

    kinds = (english_search, english_search, japanese_search, japanese_search, country_search, one_kind)
    paths, seen = [], set()
    for _attempt in range(count * 20):
        if len(paths) == count:
            break
        path = (nothing_found if rng.random() < 0.05 else rng.choice(kinds))()
        if "kind=" in path and rng.random() < 0.2:
            path += "&page=2"
        if path not in seen:
            seen.add(path)
            paths.append(path)
    return paths
