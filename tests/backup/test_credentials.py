"""bin/backup and bin/restore keep the database password off command lines and the archive private."""

import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "s3cret:pass"
URL = "postgres://portal:s3cret%3Apass@db.example.org:5432/consortium"

# Stands in for pg_dump, psql and pg_restore: notes its arguments and the password file it was given.
FAKE_TOOL = """#!/usr/bin/env bash
{
	echo "args: $*"
	echo "pgpassfile-mode: $(stat -c %a "$PGPASSFILE")"
	echo "pgpass: $(cat "$PGPASSFILE")"
	echo "pgpassfile: $PGPASSFILE"
} >>"$FAKE_LOG"
case "$(basename "$0")" in
	pg_dump) for arg; do case "$arg" in --file=*) echo dump >"${arg#--file=}";; esac; done;;
	psql) echo 0;;
esac
"""


def run(script, tmp_path, *args):
    tools = tmp_path / "tools"
    tools.mkdir(exist_ok=True)
    for name in ("pg_dump", "psql", "pg_restore"):
        (tools / name).write_text(FAKE_TOOL)
        (tools / name).chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{tools}:{os.environ['PATH']}",
        "FAKE_LOG": str(tmp_path / "log"),
        "DATABASE_URL": URL,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "BACKUP_DIR": str(tmp_path / "backups"),
    }
    result = subprocess.run([ROOT / "bin" / script, *args], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result, (tmp_path / "log").read_text()


def assert_password_only_in_a_private_file(log):
    arguments = [line for line in log.splitlines() if line.startswith("args: ")]
    assert arguments
    assert not any("s3cret" in line for line in arguments), arguments
    assert "pgpassfile-mode: 600" in log
    assert "pgpass: *:*:*:*:s3cret\\:pass" in log
    assert "--dbname=postgres://portal@db.example.org:5432/consortium" in log
    password_file = log.split("pgpassfile: ")[1].splitlines()[0]
    assert not Path(password_file).exists()


def test_backup_passes_the_password_in_a_private_file_and_writes_a_private_archive(tmp_path):
    result, log = run("backup", tmp_path)
    assert_password_only_in_a_private_file(log)
    archive = Path(result.stdout.strip())
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(archive.parent.stat().st_mode) == 0o700


def test_restore_passes_the_password_in_a_private_file(tmp_path):
    result, _ = run("backup", tmp_path)
    (tmp_path / "log").unlink()
    _, log = run("restore", tmp_path, result.stdout.strip())
    assert_password_only_in_a_private_file(log)
