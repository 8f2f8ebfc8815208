"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Playwright's synchronous API runs an event loop in the test's thread, and
Django refuses database access from a thread with a running loop unless told
it is safe; while the browser runs it is, since the tests themselves are
synchronous.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connections
from django.test import Client
from django.utils import timezone

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

if not CHROMIUM.exists():
    pytest.skip(
        "browser tests skipped: /usr/bin/chromium is missing (apt-get install chromium)", allow_module_level=True
    )

# Every browser test serves pages from a live server in another thread, so each runs in a real
# transaction; the reference data of the migrations is put back after each one. Test modules set
# ``pytestmark = BROWSER_TEST``.
BROWSER_TEST = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so the page fixture knows whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Chromium, for the tests of one module: the tests after them find no event loop in the thread."""
    from playwright.sync_api import sync_playwright

    # Once Playwright's event loop runs in this thread, Django keeps its connections per async
    # context, so the test code gets new connection objects. Hand them the migrations' reference
    # data that the serialized rollback restores after each test.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if unsafe is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = unsafe


@pytest.fixture
def open_page(browser, live_server, request):
    """open_page(user=None, **context options) → a new page on the live server, signed in as ``user``.

    When the test fails, every page it opened is saved as a screenshot in test-artifacts/.
    """
    contexts = []

    def open_page(user=None, **options):
        options.setdefault("locale", "ja-JP")
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        if user is not None:
            context.add_cookies([session_cookie(user, live_server.url)])
        contexts.append(context)
        return context.new_page()

    yield open_page
    report = getattr(request.node, "rep_call", None)
    failed = report is None or report.failed
    for number, context in enumerate(contexts):
        for page_number, page in enumerate(context.pages):
            if failed:
                ARTIFACTS.mkdir(exist_ok=True)
                name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
                page.screenshot(path=ARTIFACTS / f"{name}-{number}-{page_number}.png", full_page=True)
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


def session_cookie(user, url):
    """A cookie that signs the browser in as ``user``, from a session made by Django's test client."""
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


def link_in_last_mail(pattern):
    """The first link in the newest e-mail whose address matches ``pattern``."""
    assert mail.outbox, "no e-mail was sent"
    message = mail.outbox[-1]
    bodies = [message.body] + [content for content, _type in getattr(message, "alternatives", [])]
    for body in bodies:
        found = re.search(r"https?://[^\s\"'<>]*" + pattern + r"[^\s\"'<>]*", body)
        if found:
            return found.group(0)
    raise AssertionError(f"no link matching {pattern!r} in {message.subject!r}")


def soon(days=30):
    return timezone.now() + timedelta(days=days)


@pytest.fixture
def database_records(db):
    """An expert, a project and a site that members see, linked to one another."""
    from consortium.models import Country
    from experts.models import Expert, Specialty
    from heritage.models import HeritageSite
    from projects.models import CooperationProject, Participation

    peru = Country.objects.get(code="PE")
    survey = Specialty.objects.get_or_create(code="e2e-survey", defaults={"name_en": "Surveying", "name_ja": "測量"})[
        0
    ]
    expert = Expert.objects.create(
        family_name="岩崎", given_name="修", family_name_kana="いわさき", given_name_kana="おさむ",
        family_name_en="Iwasaki", given_name_en="Osamu", position_en="Conservator", position_ja="保存修復師",
        biography_en="Surveys of adobe architecture in Peru.", biography_ja="ペルーの日干し煉瓦建築の調査。",
    )  # fmt: skip
    expert.specialties.set([survey])
    expert.countries.set([peru])
    site = HeritageSite.objects.create(
        name_en="Chan Chan Archaeological Zone", name_ja="チャン・チャン遺跡地帯", category="cultural",
        whc_id=366, inscription_year=1986, in_danger=True,
    )  # fmt: skip
    site.countries.set([peru])
    project = CooperationProject.objects.create(
        title_en="Adobe conservation at Chan Chan", title_ja="チャン・チャン遺跡の日干し煉瓦保存",
        kind="conservation", status="ongoing", start_year=2019,
        summary_en="Conservation of adobe walls.", summary_ja="日干し煉瓦壁の保存。",
    )  # fmt: skip
    project.sites.set([site])
    project.countries.set([peru])
    Participation.objects.create(project=project, expert=expert, role="leader")
    return {"expert": expert, "project": project, "site": site}


@pytest.fixture
def outreach(db):
    """A published news article and an event open for registration."""
    from tests.events.conftest import make_article, make_event

    article = make_article(
        slug="chan-chan-report", title_en="Report from Chan Chan", title_ja="チャン・チャン報告",
        body_en="The mission returned from Peru.", body_ja="調査団がペルーから帰国しました。",
    )  # fmt: skip
    event = make_event(slug="adobe-seminar", title_en="Adobe seminar", title_ja="日干し煉瓦研究会", capacity=50)
    return {"article": article, "event": event}
