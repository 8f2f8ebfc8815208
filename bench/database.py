"""The benchmark database: built once for given sizes, reused while its marker matches.

The marker is the database's own comment (``COMMENT ON DATABASE``), so that it
lives and dies with the data it describes.
"""

import os
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
WHC_FILE = ROOT.parent / "shared" / "data" / "whc-sites-2019.csv"
BENCH_MEMBER = "bench-member@example.org"


def marker(sizes):
    return "consortium bench: " + ", ".join(f"{name}={value}" for name, value in sorted(sizes.items()))


def _admin_connection(url):
    params = psycopg.conninfo.conninfo_to_dict(url)
    params["dbname"] = "postgres"
    return psycopg.connect(**params, autocommit=True), params


def current_marker(url):
    conn, params = _admin_connection(url)
    with conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [psycopg.conninfo.conninfo_to_dict(url)["dbname"]],
        ).fetchone()
    return row[0] if row else None


def drop_database(url):
    conn, _params = _admin_connection(url)
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    with conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def set_marker(url, text):
    conn, _params = _admin_connection(url)
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    with conn:
        conn.execute(sql.SQL("COMMENT ON DATABASE {} IS {}").format(sql.Identifier(name), sql.Literal(text)))


def vacuum(url):
    with psycopg.connect(url, autocommit=True) as bench:
        bench.execute("VACUUM ANALYZE")


def manage(*args, env):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, env=env, cwd=ROOT)  # noqa: S603


def prepare(url, sizes, seed, *, log=print):
    """Create, migrate and fill the database unless its marker says it already holds ``sizes``."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1"}
    wanted = marker({**sizes, "seed": seed})
    reuse = current_marker(url) == wanted
    if not reuse:
        log(f"Building the benchmark database ({wanted}); this takes a few minutes, once.")
        drop_database(url)
    subprocess.run([sys.executable, str(ROOT / "bin" / "ensure-db")], check=True, env=env, cwd=ROOT)  # noqa: S603
    manage("migrate", "--no-input", "--verbosity=0", env=env)
    manage("createcachetable", env=env)
    if reuse:
        log(f"Reusing the benchmark database ({wanted}).")
        # A migration may have rewritten a table: refresh statistics and the visibility map.
        vacuum(url)
        return
    started = time.monotonic()
    manage("import_whc", str(WHC_FILE), "--verbosity=0", env=env)
    manage(
        "seed_demo",
        f"--experts={sizes['experts']}",
        f"--projects={sizes['projects']}",
        f"--seed={seed}",
        "--verbosity=1",
        env=env,
    )
    manage("shell", "-c", f"from bench.database import add_sites; add_sites({sizes['sites']}, {seed})", env=env)
    vacuum(url)
    set_marker(url, wanted)
    log(f"Built in {time.monotonic() - started:.0f} s.")


# Run inside Django (manage.py shell) ---------------------------------------------------


SITE_KINDS = (
    ("Temple ruins of {}", "{}の寺院遺跡", "cultural"),
    ("Old town of {}", "{}の旧市街", "cultural"),
    ("{} rock art", "{}の岩壁画", "cultural"),
    ("{} mountain forest", "{}の山岳森林", "natural"),
    ("Burial mounds of {}", "{}古墳群", "cultural"),
    ("{} wetlands", "{}湿地", "natural"),
    ("Sacred landscape of {}", "{}の聖なる景観", "mixed"),
    ("{} festival traditions", "{}の祭礼", "intangible"),
    ("Historic bridges of {}", "{}の歴史的橋梁", "other"),
)


def add_sites(count, seed):
    """``count`` invented heritage sites beyond the World Heritage list, in bulk, reproducibly."""
    from django.db import transaction
    from faker import Faker

    from consortium.models import Country
    from heritage.models import HeritageSite

    rng = random.Random(seed)  # noqa: S311 (reproducible, not secret)
    english, japanese = Faker("en_US"), Faker("ja_JP")
    english.seed_instance(seed)
    japanese.seed_instance(seed)
    countries = list(Country.objects.values_list("code", flat=True))
    sites, links = [], []
    for _ in range(count):
        name_en, name_ja, category = rng.choice(SITE_KINDS)
        has_coordinates = rng.random() < 0.9
        sites.append(
            HeritageSite(
                name_en=name_en.format(english.city()),
                name_ja=name_ja.format(japanese.city()),
                category=category,
                latitude=Decimal(f"{rng.uniform(-55, 70):.6f}") if has_coordinates else None,
                longitude=Decimal(f"{rng.uniform(-180, 180):.6f}") if has_coordinates else None,
                description_en=english.paragraph(nb_sentences=3),
            )
        )
    Through = HeritageSite.countries.through
    with transaction.atomic():
        made = HeritageSite.objects.bulk_create(sites, batch_size=2000)
        for site in made:
            links.append(Through(heritagesite_id=site.pk, country_id=rng.choice(countries)))
        Through.objects.bulk_create(links, batch_size=5000)
