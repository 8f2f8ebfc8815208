"""The production security settings, as the production settings module computes them, and members-only data to hide."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from consortium.visibility import Visibility
from experts.models import Expert
from heritage.models import HeritageSite
from projects.models import CooperationProject, Participation
from tests.events.conftest import make_article, make_event, make_page

ROOT = Path(__file__).resolve().parents[2]
HOST = "portal.example.org"

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": HOST,
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/consortium",
}

# Every setting that shapes headers and cookies, read from a process started as production starts.
SECURITY_SETTINGS = [
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_CSP",
    "SECURE_CSP_REPORT_ONLY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_REFERRER_POLICY",
    "SECURE_SSL_REDIRECT",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_DOMAIN",
    "SESSION_COOKIE_PATH",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_DOMAIN",
    "CSRF_COOKIE_PATH",
    "LANGUAGE_COOKIE_NAME",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_DOMAIN",
    "LANGUAGE_COOKIE_PATH",
]

_DUMP = """
import json
from django.conf import settings
names = json.loads(input())
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


@pytest.fixture(scope="session")
def production_security_settings():
    """The values of SECURITY_SETTINGS in a process configured exactly as a deployment is."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="consortium.settings")
    script = "import django; django.setup()\n" + _DUMP
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(SECURITY_SETTINGS),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout)
    # JSON has no tuples; Django compares the proxy header as a pair.
    if values["SECURE_PROXY_SSL_HEADER"]:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_security_settings):
    """Serve this test with the production security settings (the test client then says it is HTTPS)."""
    for name, value in production_security_settings.items():
        setattr(settings, name, value)
    return production_security_settings


SECRET_EMAIL = "zq7731.hidden-contact@members-only.example"
SECRET_PHONE = "+81-3-9471-7731"
SECRET_NAMES = ["Kakushiya", "隠屋", "Zanzibarre", "Classifiedshire"]


@pytest.fixture
def members_only_data(db):
    """Database records no visitor may see, public content that links around them, and what to look for."""
    visible = Expert.objects.create(
        family_name="隠屋", given_name="秘子", family_name_en="Kakushiya", given_name_en="Himeko",
        email=SECRET_EMAIL, phone=SECRET_PHONE, biography_en="Members-only biography.",
    )  # fmt: skip
    hidden = Expert.objects.create(
        family_name_en="Zanzibarre", given_name_en="Ottoline", email="staff-only." + SECRET_EMAIL,
        visibility=Visibility.STAFF,
    )  # fmt: skip
    project = CooperationProject.objects.create(
        title_en="Classifiedshire restoration", title_ja="非公開修復", kind="conservation", status="ongoing",
        start_year=2020, visibility=Visibility.STAFF,
    )  # fmt: skip
    Participation.objects.create(project=project, expert=visible, role="leader")
    site = HeritageSite.objects.create(name_en="Zanzibarre citadel", name_ja="ザンジバール城塞", category="cultural")
    make_article(
        slug="annual-report", title_en="Annual report published", body_en="Read the [about page](/en/about/)."
    )
    make_event(slug="spring-symposium", title_en="Spring symposium")
    make_page(slug="mission", title_en="Our mission")
    return {
        "secrets": [SECRET_EMAIL, SECRET_PHONE, *SECRET_NAMES],
        "database_urls": [
            visible.get_absolute_url(),
            hidden.get_absolute_url(),
            project.get_absolute_url(),
            site.get_absolute_url(),
        ],
    }
