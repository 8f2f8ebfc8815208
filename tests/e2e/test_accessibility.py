"""axe-core on the main pages in both languages; the main pages and flows by keyboard alone."""

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
        f"/{language}/search/?q=Chan+Chan",
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

    # The list's own box, after the header's, which searches the whole site.
    tab_to(page, "el.name === 'q' && el.closest('main')")
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


# Marks every control a person could use on the page, then returns how many there are. What a closed
# <details> holds is not shown until its summary opens it: the summary is the control then.
MARK_CONTROLS = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
    const controls = [...document.querySelectorAll(selector)].filter(el =>
        !el.disabled && el.getAttribute('tabindex') !== '-1' && el.getClientRects().length > 0
        && getComputedStyle(el).visibility !== 'hidden'
        && (el.tagName === 'SUMMARY' || !el.closest('details:not([open])')));
    // Tab reaches one radio button of a group; the arrow keys move within it.
    const groups = {};
    const marked = controls.filter(el => {
        if (el.type !== 'radio') return true;
        if (el.name in groups) { el.dataset.keyboardCheck = groups[el.name]; return false; }
        groups[el.name] = null;
        return true;
    });
    marked.forEach((el, index) => {
        el.dataset.keyboardCheck = index;
        if (el.type === 'radio') groups[el.name] = index;
    });
    controls.filter(el => el.type === 'radio').forEach(el => el.dataset.keyboardCheck = groups[el.name]);
    return marked.map(el => el.outerHTML.slice(0, 120));
}"""

# The focused control's mark, and whether its focus can be seen.
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return [el.dataset.keyboardCheck ?? null, outlined || style.boxShadow !== 'none', el.outerHTML.slice(0, 120)];
}"""


@pytest.mark.parametrize("language", ["en"])
def test_every_control_of_the_main_pages_is_reached_by_tab_with_visible_focus(
    open_page, member, database_records, outreach, language
):
    public = [
        f"/{language}/",
        f"/{language}/news/",
        f"/{language}/events/adobe-seminar/",
        f"/{language}/events/adobe-seminar/register/",
        f"/{language}/accounts/login/",
    ]
    members_only = [
        f"/{language}/database/?q=Chan+Chan",
        f"/{language}/experts/?q=Iwasaki",
        database_records["expert"].get_absolute_url().replace("/ja/", f"/{language}/", 1),
        database_records["project"].get_absolute_url().replace("/ja/", f"/{language}/", 1),
        database_records["site"].get_absolute_url().replace("/ja/", f"/{language}/", 1),
    ]
    problems = []
    for browser_page, paths in ((open_page(), public), (open_page(user=member), members_only)):
        for path in paths:
            assert browser_page.goto(path).status == 200, path
            controls = browser_page.evaluate(MARK_CONTROLS)
            reached = set()
            # Tab once per control and a few more: focus leaves the page and comes back to its start.
            for _ in range(len(controls) + 5):
                browser_page.keyboard.press("Tab")
                mark, visible, html = browser_page.evaluate(FOCUSED)
                if mark is not None:
                    reached.add(int(mark))
                    if not visible:
                        problems.append(f"{path}: focus cannot be seen on {html}")
            problems += [
                f"{path}: Tab never reaches {html}" for index, html in enumerate(controls) if index not in reached
            ]
    assert not problems, "\n".join(problems)
