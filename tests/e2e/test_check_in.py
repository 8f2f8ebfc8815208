"""The event desk in a browser: a code typed by hand checks the person in, the scanner's script runs under
the Content-Security-Policy and stays out of the way where the browser cannot read QR codes (Chromium on
Linux has no BarcodeDetector), and the desk and the registrant's pass have no serious accessibility
violation."""

import pytest

from events.models import CheckIn, CheckInPass
from tests.e2e.conftest import BROWSER_TEST
from tests.e2e.test_accessibility import violations
from tests.events.conftest import make_event, make_registration

pytestmark = BROWSER_TEST


def errors_of(page):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def test_staff_check_a_registrant_in_by_typing_the_short_code(open_page, staff):
    event = make_event(slug="desk-seminar")
    check_in_pass = CheckInPass.objects.for_registration(make_registration(event, name="Ana Lima"))
    page = open_page(user=staff, locale="en-GB")
    errors = errors_of(page)
    page.goto(f"/en/events/{event.slug}/check-in/")
    assert page.locator("[data-check-in-scanner]").is_hidden()
    page.get_by_label("Code").fill(check_in_pass.short_code.lower())
    page.get_by_role("button", name="Check in", exact=True).click()
    page.get_by_text("Ana Lima is checked in.").wait_for()
    assert CheckIn.objects.get().registration == check_in_pass.registration
    assert errors == []


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_desk_and_the_pass_have_no_serious_accessibility_violation(open_page, staff, language):
    event = make_event(slug="desk-symposium", format="hybrid")
    registration = make_registration(event, name="Ana Lima", affiliation="Museu Nacional")
    make_registration(event, name="山田 花子")
    check_in_pass = CheckInPass.objects.for_registration(registration)
    desk = open_page(user=staff, bypass_csp=True)
    visitor = open_page(bypass_csp=True)
    pages = [
        (desk, f"/{language}/events/{event.slug}/check-in/?code={check_in_pass.token}"),
        (desk, f"/{language}/events/{event.slug}/check-in/registrants/"),
        (visitor, registration.get_absolute_url().replace("/ja/", f"/{language}/", 1)),
    ]
    problems = {}
    for browser_page, path in pages:
        response = browser_page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        found = violations(browser_page)
        if found:
            problems[path] = found
    assert not problems, "\n".join(f"{path}: {v}" for path, found in problems.items() for v in found)
