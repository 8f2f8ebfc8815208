import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-GB,en;q=0.9", "/en/"), ("ja,en;q=0.5", "/ja/"), ("fr-FR", "/ja/"), ("", "/ja/")],
)
def test_root_redirects_by_browser_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "phrase"),
    [
        ("/ja/", "ja", "文化遺産国際協力コンソーシアム"),
        ("/en/", "en", "Consortium for International Cooperation in Cultural Heritage"),
    ],
)
def test_home_renders_in_each_language(client, path, lang, phrase):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert phrase in html


@pytest.mark.django_db
def test_japanese_catalogue_is_compiled_and_loaded(client):
    html = client.get("/ja/").content.decode()
    # Interface strings, not content: only the compiled catalogue can produce these.
    assert "メインコンテンツへ移動" in html
    assert "ホーム" in html
    assert "Skip to main content" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "other"),
    [("/ja/", '/en/" hreflang="en"'), ("/en/", '/ja/" hreflang="ja"'), ("/en/accounts/login/", "/ja/accounts/login/")],
)
def test_language_switcher_keeps_the_page(client, path, other):
    html = client.get(path).content.decode()
    assert f'href="{other}' in html


@pytest.mark.django_db
def test_language_switcher_keeps_the_query_string(client):
    html = client.get("/en/accounts/login/?next=/en/").content.decode()
    assert 'href="/ja/accounts/login/?next=/en/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["//evil.example/ja/", "///evil.example/ja/", "//evil.example/ja/news/?q=1"])
def test_language_switcher_links_stay_on_the_site(client, settings, path):
    """A path that reads as another site's address (``https://portal//evil.example/ja/``) is not
    translated into a link to that site."""
    settings.DEBUG = False
    html = client.get("/", PATH_INFO=path.split("?")[0], QUERY_STRING=path.partition("?")[2]).content.decode()
    links = re.findall(r'<(?:a|link) [^>]*href="([^"]*)"', html)
    assert any("evil.example" in link for link in links)  # the switcher's links are there
    elsewhere = [link for link in links if link.startswith("//") or urlsplit(link).netloc not in ("", "testserver")]
    assert elsewhere == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "lang", "phrase"),
    [("/ja/no-such-page/", "ja", "ページが見つかりません"), ("/en/no-such-page/", "en", "Page not found")],
)
def test_not_found_page_in_each_language(client, settings, path, lang, phrase):
    settings.DEBUG = False
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert phrase in html


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down():
    # A separate process whose database address has nothing listening on it.
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='127.0.0.1');"
        "print(r.status_code, json.dumps(r.json()))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "consortium.settings_test",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:1/unreachable",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == '503 {"status": "error", "database": "unavailable", "cache": "ok"}', result.stderr


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
