"""bin/backup and bin/restore: what is restored into an empty database matches, table by table."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]


def url_of(dbname):
    params = connection.settings_dict
    return f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{dbname}"


def fingerprint(url):
    """{table: (rows, md5 of every row in order)} and {sequence: last value}, for every table of the database."""
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        ]
        sums = {}
        for table in tables:
            query = sql.SQL("SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t")
            sums[table] = conn.execute(query.format(sql.Identifier(table))).fetchone()
        sequences = dict(conn.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"))
    return sums, sequences


@pytest.fixture
def scratch_database():
    """An empty database with a unique name, dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url_of("postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            ).format(sql.Identifier(name))
        )
    yield url_of(name)
    with psycopg.connect(url_of("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def run(script, *args, database_url, media, backups):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_MEDIA_ROOT": str(media), "BACKUP_DIR": str(backups)}
    return subprocess.run([ROOT / "bin" / script, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restores_into_an_empty_database_table_for_table(members_only_data, scratch_database, tmp_path):
    media = tmp_path / "media"
    (media / "news" / "2026").mkdir(parents=True)
    (media / "news" / "2026" / "photo.jpg").write_bytes(os.urandom(2048))
    source = url_of(connection.settings_dict["NAME"])

    backup = run("backup", database_url=source, media=media, backups=tmp_path / "backups")
    assert backup.returncode == 0, backup.stderr
    archive = Path(backup.stdout.strip())
    assert archive.parent == tmp_path / "backups" and archive.name.endswith(".tar")

    restored_media = tmp_path / "restored-media"
    restore = run("restore", archive, database_url=scratch_database, media=restored_media, backups=tmp_path)
    assert restore.returncode == 0, restore.stderr

    original, restored = fingerprint(source), fingerprint(scratch_database)
    assert original[0].keys() == restored[0].keys()
    assert original[0]["experts_expert"][0] >= 2, "the backup should have had experts to carry"
    mismatched = [table for table in original[0] if original[0][table] != restored[0][table]]
    assert not mismatched, mismatched
    assert original[1] == restored[1], "sequences would hand out ids that already exist"
    assert (restored_media / "news" / "2026" / "photo.jpg").read_bytes() == (
        media / "news" / "2026" / "photo.jpg"
    ).read_bytes()


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_tables(tmp_path):
    target = url_of(connection.settings_dict["NAME"])
    archive = tmp_path / "any.tar"
    archive.write_bytes(b"")
    result = run("restore", archive, database_url=target, media=tmp_path / "media", backups=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "restore only into an empty database" in result.stderr
    assert not (tmp_path / "media").exists()
