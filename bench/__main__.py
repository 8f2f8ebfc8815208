"""``make bench``: requests per second and latency of the portal's pages and searches.

1. Builds the database ``consortium_bench`` (200,000 experts, 40,000 projects,
   the World Heritage list and 10,000 further sites), or reuses it when its
   marker says it holds these sizes (``bench/database.py``).
2. Serves it with gunicorn under the production settings (DJANGO_DEBUG=0,
   a random secret key, 2 workers) on a free loopback port.
3. Signs a member in by a session made with Django's own session engine.
4. Measures each scenario with wrk from loopback, for a fixed time each, in
   rounds: every scenario in turn, then again, so that a slow spell of the
   machine falls on all of them; it reports each scenario's median round and
   the spread of its throughput. It counts the queries of one request of each
   in-process (Django's test client and CaptureQueriesContext against the
   same database).
   The mixed scenario requests 1,000 distinct searches drawn from the data, as
   real traffic would (``bench/mixed.py``), and reports the cache's hit ratio
   where the cache keeps one (``bench/cache_stats.py``); the public site search
   scenario, 300 distinct searches of the public pages, signed out
   (``bench/site_search.py``).
5. Times the worst-case searches one request at a time, nothing else running
   (``bench/alone.py``), against the goal of 100 ms each.
6. Times the naive ``icontains`` search in-process with the ORM, for comparison.

B, the reference, is a bare template page: the portal's layout with an empty
body, touching no database (``bench/urls.py``, served only by the benchmark's
settings, ``bench/settings.py``). The same page signed in shows what the
session and the access rule add to every members' page; ``/robots.txt``, a
response that renders no template, shows what Django itself costs.
"""

import argparse
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import REFERENCE_PATH, alone, cache_stats, mixed
from bench.database import BENCH_MEMBER, prepare
from bench.scenarios import COMMON_WORD, all_scenarios, wanted
from bench.wrk import median_round, require_page, run_wrk

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/consortium_bench"
MIXED_CHECKED = 50
"""The commonest searches of a scenario of many paths, checked to answer 200 before the run (wrk counts
redirects)."""


def parse_args():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--experts", type=int, default=200_000)
    parser.add_argument("--projects", type=int, default=40_000)
    parser.add_argument("--sites", type=int, default=10_000, help="Sites beyond the World Heritage list.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=5, help="Seconds per scenario and round (default 5).")
    parser.add_argument(
        "--rounds", type=int, default=3, help="Rounds over every scenario, whose medians are reported (default 3)."
    )
    parser.add_argument("--connections", type=int, default=4, help="Open connections (default 4).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--only", metavar="REGEX", help="Only the scenarios whose name matches (B always).")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(url, port, secret_key):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_LOG_LEVEL": "warning",
    }


def start_gunicorn(env, workers, log):
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "--config",
        str(ROOT / "gunicorn.conf.py"),
        "--workers",
        str(workers),
        # Measure steady workers: no recycling after N requests in the middle of a run.
        "--max-requests",
        "0",
        "--access-logfile",
        os.devnull,
        "consortium.wsgi",
    ]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 (our own)


def wait_until_up(base, server, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped during start-up; see its log.")
        try:
            with urllib.request.urlopen(base + "/" + REFERENCE_PATH, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:  # Refused, reset or timed out while the workers boot; URLError is one too.
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time.")


# In-process (Django) ----------------------------------------------------------------


def ensure_member():
    from members.models import Membership, User

    user, _created = User.objects.get_or_create(email=BENCH_MEMBER, defaults={"first_name": "Bench"})
    Membership.objects.update_or_create(user=user, defaults={"status": Membership.Status.ACTIVE})
    return user


def session_cookie(user):
    """A signed-in session for ``user``, as django.contrib.auth.login would store it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def share_of_experts(word):
    from django.contrib.postgres.search import SearchQuery

    from experts.models import Expert
    from search.columns import SEARCH_CONFIG

    matching = Expert.objects.filter(search_document=SearchQuery(word, config=SEARCH_CONFIG)).count()
    return matching / Expert.objects.count()


def queries_per_request(user, scenarios):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for scenario in scenarios:
        if scenario.script:
            counts[scenario.name] = ""
            continue
        client = Client(SERVER_NAME="127.0.0.1")
        if scenario.member:
            client.force_login(user)
            client.get(scenario.path)  # The first request of a session writes it; count a steady one.
        with CaptureQueriesContext(connection) as queries:
            response = client.get(scenario.path)
        if response.status_code != 200:
            raise SystemExit(f"{scenario.path} answered {response.status_code} in-process.")
        counts[scenario.name] = len(queries.captured_queries)
        context = response.context
        if context and "result_count" in context:
            exact = "" if context["count_is_exact"] else "> "
            scenario.matches = f"{exact}{context['result_count']:,}"
    return counts


def naive_search(word, duration):
    """The search without the search machinery: icontains on every field it reads, timed in-process."""
    from django.db.models import Q

    from experts.models import Expert
    from search.columns import searched_fields

    condition = Q()
    for field in searched_fields(Expert):
        condition |= Q(**{f"{field}__icontains": word})
    queryset = Expert.objects.filter(condition).select_related("organization").order_by("family_name_en", "pk")
    timings = []
    deadline = time.monotonic() + duration
    while time.monotonic() < deadline or len(timings) < 3:
        started = time.perf_counter()
        queryset.count()
        list(queryset[:20])
        timings.append(time.perf_counter() - started)
    return timings


# Main -------------------------------------------------------------------------------


def main():
    args = parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk (make bench installs it where it may).")
    sizes = {"experts": args.experts, "projects": args.projects, "sites": args.sites}
    prepare(args.database_url, sizes, args.seed)

    print("Load average (1, 5, 15 min) at the start: " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
    port = free_port()
    env = production_env(args.database_url, port, secrets.token_urlsafe(50))
    subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--no-input", "--verbosity=0"],
        check=True,
        env=env,
        cwd=ROOT,
    )
    # In-process Django shares the server's settings, secret key included, so that its session is valid there.
    os.environ.update({key: env[key] for key in env if key.startswith(("DJANGO_", "DATABASE_URL"))})
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    # Lets the in-process test client see each page's context (its result count).
    setup_test_environment()

    member = ensure_member()
    family_name = mixed.family_names(1)[0]
    scenarios = [scenario for scenario in all_scenarios(family_name) if wanted(scenario, args.only)]
    common_share = share_of_experts(COMMON_WORD)
    queries = queries_per_request(member, scenarios)
    cookie = session_cookie(member)
    distinct, sequence_files = write_sequences(scenarios)

    base = f"http://127.0.0.1:{port}"
    log_path = Path(tempfile.gettempdir()) / "consortium-bench-gunicorn.log"
    results, hit_ratios = {}, {}
    with log_path.open("w") as log:
        server = start_gunicorn(env, args.workers, log)
        try:
            wait_until_up(base, server)
            pages = [
                (
                    scenario,
                    base + urllib.request.quote(scenario.path, safe="/?=&%"),
                    cookie if scenario.member else None,
                )
                for scenario in scenarios
            ]
            for scenario, url, cookie_or_none in pages:
                if scenario.script:
                    for path in distinct[scenario.name][:MIXED_CHECKED]:
                        require_page(base + path, cookie_or_none)
                else:
                    require_page(url, cookie_or_none)
            for round_number in range(args.rounds):
                for scenario, url, cookie_or_none in pages:
                    script = (scenario.script[0], [sequence_files[scenario.name]]) if scenario.script else None
                    if round_number == 0:
                        run_wrk(url, cookie_or_none, 2, args.connections, script)  # warm-up
                    before = cache_stats.hits_and_misses()
                    measured = run_wrk(url, cookie_or_none, args.duration, args.connections, script)
                    if scenario.script:
                        hit_ratios.setdefault(scenario.name, []).append(
                            cache_stats.hit_ratio(before, cache_stats.hits_and_misses())
                        )
                    results.setdefault(scenario.name, []).append(measured)
                    # Requests wrk gave up on at the end still run: let them finish before the next scenario.
                    time.sleep(min(30, measured.p99 / 1000 * args.connections / args.workers + 0.5))
            timed_alone = alone.time_alone(base, alone.worst_cases(family_name, COMMON_WORD), cookie)
        finally:
            server.terminate()
            server.wait(timeout=30)

    naive = naive_search(COMMON_WORD, args.duration)
    failed = report(args, scenarios, results, queries, naive, common_share)
    for name, ratios in hit_ratios.items():
        print(f"Cache hit ratio of the {name} scenario, round by round: {', '.join(ratios)}")
    failed |= not alone.report(timed_alone)
    sys.exit(1 if failed else 0)


def write_sequences(scenarios):
    """({scenario name: its distinct paths}, {scenario name: the file of its request sequence}) of the scenarios
    that request many paths (``Scenario.script``)."""
    distinct, files = {}, {}
    for number, scenario in enumerate(scenario for scenario in scenarios if scenario.script):
        distinct[scenario.name] = scenario.script[1]()
        files[scenario.name] = Path(tempfile.gettempdir()) / f"consortium-bench-sequence-{number}.txt"
        mixed.write_sequence(mixed.request_sequence(distinct[scenario.name]), files[scenario.name])
    return distinct, files


def report(args, scenarios, results, queries, naive, common_share):
    reference = median_round(results[scenarios[0].name])[0].rate
    print()
    print("Load average (1, 5, 15 min) at the end: " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
    print(
        f"{args.workers} gunicorn workers, {args.connections} connections, {args.rounds} rounds of {args.duration} s "
        f"per scenario, {os.cpu_count()} CPUs; B = /{REFERENCE_PATH}; “{COMMON_WORD}” is in {common_share:.0%} "
        "of the experts"
    )
    print("Each row is a scenario's median round; “spread” is its lowest and highest req/s over the rounds.")
    header = (
        f"{'scenario':<38} {'matches':>9} {'queries':>7} {'req/s':>8} {'spread':>13} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'× B':>7}  goal"
    )
    print(header)
    print("-" * len(header))
    failed = False
    for scenario in scenarios:
        measured, lowest, highest = median_round(results[scenario.name])
        ratio = measured.rate / reference
        verdict = ""
        if scenario.goal is not None:
            ok = ratio >= scenario.goal and (scenario.p99_goal_ms is None or measured.p99 < scenario.p99_goal_ms)
            failed |= not ok
            verdict = f"≥ {scenario.goal:.2f} × B"
            if scenario.p99_goal_ms:
                verdict += f", p99 < {scenario.p99_goal_ms:.0f} ms"
            verdict += "  ok" if ok else "  MISSED"
        errors = sum(run.errors for run in results[scenario.name])
        if errors:
            verdict += f"  ({errors} error responses)"
            failed = True
        spread = f"{lowest:.0f}–{highest:.0f}"
        print(
            f"{scenario.name:<38} {scenario.matches:>9} {queries[scenario.name]:>7} {measured.rate:>8.1f} "
            f"{spread:>13} {measured.p50:>7.1f} {measured.p99:>7.1f} {ratio:>7.3f}  {verdict}"
        )
    mean = statistics.mean(naive)
    print(
        f"{'naive icontains “' + COMMON_WORD + '” (in-process)':<38} {'':>9} {2:>7} {1 / mean:>8.2f} {'':>13} "
        f"{statistics.median(naive) * 1e3:>7.1f} {max(naive) * 1e3:>7.1f} {1 / mean / reference:>7.4f}  "
        f"(one process, {len(naive)} runs)"
    )
    return failed


if __name__ == "__main__":
    main()
