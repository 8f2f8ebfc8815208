"""The benchmark's scenarios: each page measured, and the throughput and latency the issue asks of it."""

import re
from dataclasses import dataclass

from bench import REFERENCE_PATH, mixed, site_search

COMMON_WORD = "management"
"""In about a fifth of the demo experts' texts ("management of heritage sites", …)."""


@dataclass
class Scenario:
    name: str
    path: str
    member: bool = True
    goal: float | None = None
    """The least throughput, as a fraction of B, that the issue asks for."""
    p99_goal_ms: float | None = None
    matches: str = ""
    script: tuple | None = None
    """(Lua file, a function drawing the distinct paths) when wrk requests other paths than ``path``: the
    paths are asked for in a Zipf order, each thread from its own place (``bench.mixed``)."""


def all_scenarios(family_name):
    """Every scenario; ``family_name`` is the experts' commonest, as (kanji, katakana, roman letters)."""
    kanji, _katakana, roman = family_name
    return [
        Scenario("B: bare template page (no database)", "/" + REFERENCE_PATH, member=False),
        Scenario("B signed in as a member", "/" + REFERENCE_PATH),
        Scenario("/robots.txt (no template)", "/robots.txt", member=False),
        Scenario("public home page", "/ja/", member=False),
        Scenario("selective English word", "/en/experts/?q=Argentina", goal=0.10, p99_goal_ms=100),
        Scenario(f"common word ({COMMON_WORD})", f"/en/experts/?q={COMMON_WORD}", goal=0.05),
        Scenario("two-character Japanese name", "/ja/experts/?q=山田", goal=0.10, p99_goal_ms=100),
        Scenario("name in katakana", "/ja/experts/?q=ヤマザキ", goal=0.10, p99_goal_ms=100),
        Scenario(f"commonest family name ({kanji})", f"/ja/experts/?q={kanji}", goal=0.05, p99_goal_ms=100),
        Scenario(f"commonest family name ({roman})", f"/en/experts/?q={roman}", goal=0.05, p99_goal_ms=100),
        Scenario("facet-only browse", "/ja/experts/?specialty=archaeology&country=KH", goal=0.10, p99_goal_ms=100),
        Scenario("unified search", "/ja/database/?q=Angkor", goal=0.10, p99_goal_ms=100),
        Scenario(
            f"mixed: {mixed.DISTINCT:,} searches, Zipf",
            "/",
            goal=0.10,
            p99_goal_ms=100,
            script=(mixed.LUA_SCRIPT, mixed.distinct_searches),
        ),
        Scenario(
            f"public site search: {site_search.DISTINCT} searches",
            "/",
            member=False,
            goal=0.10,
            p99_goal_ms=100,
            script=(mixed.LUA_SCRIPT, site_search.distinct_searches),
        ),
    ]


def wanted(scenario, only):
    """Whether ``--only`` keeps the scenario: B, the reference, always."""
    return (
        only is None or scenario.path == "/" + REFERENCE_PATH and not scenario.member or re.search(only, scenario.name)
    )
