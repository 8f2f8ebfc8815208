"""One request at a time, nothing else running: the worst-case searches, each timed alone.

The issue's goal is that no search at the benchmark's size, whatever it matches, takes more than
100 ms alone. Load hides a slow search in a percentile; this asks each of a list of the worst cases
(the commonest family names in every script, the common word, broad browses, later pages) a few
times in turn, with no other request running, and reports the slowest.
"""

import statistics
import time
import urllib.parse

from bench.wrk import fetch_status

GOAL_MS = 100
TIMES = 5
"""Requests of each search; its time is their median, after one untimed request."""


def worst_cases(family_name, common_word):
    """Paths of the searches most likely to be slow; ``family_name`` is (kanji, katakana, roman letters)."""
    kanji, katakana, roman = family_name
    hiragana = "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in katakana)
    searches = [
        ("ja", "experts", {"q": kanji}),
        ("ja", "experts", {"q": hiragana}),
        ("ja", "experts", {"q": katakana}),
        ("en", "experts", {"q": roman}),
        ("en", "experts", {"q": roman.lower(), "sort": "name", "page": 3}),
        ("ja", "experts", {"q": kanji, "sort": "updated"}),
        ("ja", "experts", {"q": kanji, "specialty": "archaeology"}),
        ("ja", "database", {"q": kanji}),
        ("en", "database", {"q": roman}),
        ("ja", "search", {"q": kanji}),
        ("en", "search", {"q": common_word}),
        ("en", "experts", {"q": common_word}),
        ("en", "experts", {"q": common_word, "page": 3}),
        ("en", "projects", {"q": common_word}),
        ("ja", "experts", {}),
        ("ja", "experts", {"page": 3}),
        ("ja", "experts", {"specialty": "archaeology"}),
        ("ja", "projects", {}),
        ("ja", "heritage", {}),
    ]
    return [
        f"/{language}/{page}/" + (f"?{urllib.parse.urlencode(params)}" if params else "")
        for language, page, params in searches
    ]


def time_alone(base, paths, cookie):
    """[(median ms, path)] of each path, requested alone, slowest first."""
    timed = []
    for path in paths:
        url = base + path
        if fetch_status(url, cookie) != 200:
            raise SystemExit(f"{path} did not answer 200 to the benchmark's member.")
        runs = []
        for _ in range(TIMES):
            started = time.perf_counter()
            fetch_status(url, cookie)
            runs.append((time.perf_counter() - started) * 1e3)
        timed.append((statistics.median(runs), path))
    return sorted(timed, reverse=True)


def report(timed):
    """Print the searches timed alone, slowest first; return whether the slowest met the goal."""
    slowest = timed[0][0]
    print()
    print(f"One request at a time, nothing else running (median of {TIMES}; goal: under {GOAL_MS} ms each):")
    for milliseconds, path in timed:
        print(f"  {milliseconds:>7.1f} ms  {urllib.parse.unquote(path)}")
    verdict = "ok" if slowest < GOAL_MS else "MISSED"
    print(f"Slowest alone: {slowest:.1f} ms against the goal of {GOAL_MS} ms: {verdict}")
    return slowest < GOAL_MS
