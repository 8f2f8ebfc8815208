"""axe-core on the main pages in both languages, and the home page by keyboard alone."""

from pathlib import Path

import pytest

from tests.e2e.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def violations(page):
    """axe's serious and critical violations on the page, each as 'rule: target …'."""
    page.add_script_tag(path=AXE)
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(str(n['target']) for n in v['nodes'][:5])}"
        for v in found
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_main_pages_have_no_serious_accessibility_violation(open_page, member, database_records, outreach, language):
    public = [
        f"/{language}/",
        f"/{language}/news/",
        f"/{language}/news/chan-chan-report/",
        f"/{language}/events/adobe-seminar/",
        f"/{language}/events/",
        f"/{language}/statistics/",
        f"/{language}/accounts/login/",
        f"/{language}/accounts/signup/",
    ]
    members_only = [
        f"/{language}/members/",
        f"/{language}/database/?q=Chan+Chan",
        f"/{language}/experts/?q=Iwasaki",
        database_records["expert"].get_absolute_url().replace("/ja/", f"/{language}/", 1),
        database_records["project"].get_absolute_url().replace("/ja/", f"/{language}/", 1),
        database_records["site"].get_absolute_url().replace("/ja/", f"/{language}/", 1),
    ]
    # axe is injected as a script of its own, which the Content-Security-Policy would refuse.
    visitor = open_page(bypass_csp=True)
    reader = open_page(user=member, bypass_csp=True)
    problems = {}
    for browser_page, paths in ((visitor, public), (reader, members_only)):
        for path in paths:
            response = browser_page.goto(path)
            assert response.status == 200, f"{path} answered {response.status}"
            found = violations(browser_page)
            if found:
                problems[path] = found
    assert not problems, "\n".join(f"{path}: {v}" for path, found in problems.items() for v in found)


def test_keyboard_reaches_the_skip_link_first_then_the_main_navigation(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"], focused
    assert page.locator(".skip-link").is_visible(), "the skip link must show when it has focus"

    wanted = {"Home", "About", "News", "Events", "Database"}
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        in_nav = page.evaluate("() => !!document.activeElement.closest('.main-nav')")
        if in_nav:
            reached.add(page.evaluate("() => document.activeElement.textContent.trim()"))
        if wanted <= reached:
            break
    assert wanted <= reached, f"reached only {sorted(reached)} of the main navigation"

    page.goto("/en/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def tab_to(page, condition, most=60):
    """Press Tab until ``condition`` (a JavaScript expression about ``el``, the focused element) holds."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({condition}); }}"):
            return
    raise AssertionError(f"{most} presses of Tab never reached {condition}")


def test_member_signs_in_and_searches_by_keyboard_alone(open_page, member, database_records):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    page = open_page(locale="en-GB")
    page.goto("/en/accounts/login/?next=/en/experts/")
    tab_to(page, "el.name === 'login'")
    page.keyboard.type(member.email)
    tab_to(page, "el.name === 'password'")
    page.keyboard.type("correct horse battery staple")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/en/experts/")

    tab_to(page, "el.name === 'q'")
    page.keyboard.type("Iwasaki")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=Iwasaki" in page.url

    tab_to(page, "el.name === 'specialty'")
    page.keyboard.press("Space")
    tab_to(page, "el.closest('.search-facets') && el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "specialty=e2e-survey" in page.url

    tab_to(page, "el.closest('.search-hit') && el.tagName === 'A'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(database_records["expert"].get_absolute_url().replace("/ja/", "/en/", 1))
