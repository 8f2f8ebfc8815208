import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/consortium",
}


def run_manage(*args, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    base["DJANGO_SETTINGS_MODULE"] = "consortium.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_required_variable(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.parametrize("weak", ["short", "local-development-only-not-a-secret", "a" * 60])
def test_production_refuses_a_weak_secret_key(weak):
    result = run_manage("check", **{**PRODUCTION, "DJANGO_SECRET_KEY": weak})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be a random string" in result.stderr


def test_bad_boolean_is_refused_not_guessed():
    result = run_manage("check", DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_local_work_needs_only_debug():
    result = run_manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_debug_is_off_and_the_portal_refuses_to_start_when_nothing_is_set():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL" in result.stderr


def test_debug_is_off_unless_asked_for():
    code = "from django.conf import settings; print(settings.DEBUG)"
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_DEBUG"}
    result = run_manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_check_deploy_passes_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def setting(name, **env):
    result = run_manage("shell", "-c", f"from django.conf import settings; print(repr(settings.{name}))", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_trusted_proxies_come_from_the_environment_and_default_to_none():
    assert setting("ALLAUTH_TRUSTED_PROXY_COUNT", **PRODUCTION) == "0"
    assert setting("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", **PRODUCTION) == "None"
    assert setting("ALLAUTH_TRUSTED_PROXY_COUNT", **PRODUCTION, DJANGO_TRUSTED_PROXY_COUNT="1") == "1"
    header = setting("ALLAUTH_TRUSTED_CLIENT_IP_HEADER", **PRODUCTION, DJANGO_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
    assert header == "'X-Real-IP'"


@pytest.mark.parametrize(
    "env",
    [
        {"DJANGO_TRUSTED_PROXY_COUNT": "-1"},
        {"DJANGO_TRUSTED_PROXY_COUNT": "one"},
        {"DJANGO_TRUSTED_PROXY_COUNT": "1", "DJANGO_TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"},
    ],
)
def test_a_bad_trusted_proxy_setting_is_refused(env):
    result = run_manage("check", **{**PRODUCTION, **env})
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT" in result.stderr


def test_upload_limits_and_accel_redirect_come_from_the_environment():
    script = (
        "from django.conf import settings as s; "
        "print(s.UPLOAD_MAX_DOCUMENT_BYTES, s.UPLOAD_MAX_IMAGE_BYTES, s.FILES_ACCEL_REDIRECT)"
    )
    result = run_manage(
        "shell", "--no-imports", "-c", script,
        DJANGO_DEBUG="1", DJANGO_UPLOAD_MAX_DOCUMENT_MB="7", DJANGO_UPLOAD_MAX_IMAGE_MB="2",
        DJANGO_FILES_ACCEL_REDIRECT="/protected-media/",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        str(7 * 1024 * 1024),
        str(2 * 1024 * 1024),
        "/protected-media/",
    ]
    result = run_manage("check", DJANGO_DEBUG="1", DJANGO_UPLOAD_MAX_IMAGE_MB="ten")
    assert result.returncode != 0 and "DJANGO_UPLOAD_MAX_IMAGE_MB must be a whole number" in result.stderr
