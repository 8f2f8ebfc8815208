"""The portal's main journeys, in a real browser."""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import NoReverseMatch, reverse

from events.models import Registration
from members import approval
from members.models import Membership, User
from tests.admin_checks import sign_in_to_admin
from tests.e2e.conftest import BROWSER_TEST, link_in_last_mail

pytestmark = BROWSER_TEST

PASSWORD = "a long enough passphrase 42"


def submit(page, button):
    """Click a form's submit button and wait for the page it leads to."""
    with page.expect_navigation():
        button.click()


def test_visitor_switches_to_english_and_reads_the_news(page, outreach):
    page.goto("/ja/")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.locator(".lang-switch").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".main-nav").get_by_role("link", name="News").click()
    page.wait_for_url(re.compile(r"/en/news/$"))
    page.get_by_role("link", name="Report from Chan Chan").first.click()
    page.wait_for_url(re.compile(r"/en/news/chan-chan-report/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Report from Chan Chan"
    assert "The mission returned from Peru." in page.locator("main").inner_text()


def test_applicant_signs_up_is_approved_and_searches_the_database(open_page, database_records, staff):
    page = open_page(locale="en-GB")
    page.goto("/en/accounts/signup/")
    page.fill("#id_last_name", "Lovelace")
    page.fill("#id_first_name", "Ada")
    page.fill("#id_email", "ada@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.fill("#id_organization_name", "Analytical Engines Ltd")
    page.fill("#id_statement", "I survey adobe architecture.")
    page.check("#id_consent")
    submit(page, page.locator("form").filter(has=page.locator("#id_email")).locator("[type=submit]"))

    page.goto(link_in_last_mail("/accounts/confirm-email/"))
    submit(page, page.locator("main form [type=submit]"))
    user = User.objects.get(email="ada@example.org")
    assert EmailAddress.objects.filter(user=user, verified=True).exists()
    assert user.membership.status == Membership.Status.APPLIED

    assert approval.decide(user.membership, approval.APPROVE, by=staff)

    page = open_page(locale="en-GB")
    page.goto("/en/accounts/login/")
    page.fill("#id_login", "ada@example.org")
    page.fill("#id_password", PASSWORD)
    submit(page, page.locator("main form [type=submit]"))

    page.goto("/en/database/")
    # The page's own box: the header's searches the whole site.
    page.locator("main").get_by_role("searchbox").fill("Chan Chan")
    page.locator("main").get_by_role("searchbox").press("Enter")
    page.wait_for_url(re.compile(r"/en/database/\?q=Chan"))
    main = page.locator("main")
    assert "Adobe conservation at Chan Chan" in main.inner_text()
    assert "Chan Chan Archaeological Zone" in main.inner_text()

    page.goto("/en/experts/")
    page.get_by_label(re.compile(r"Surveying \(1\)")).check()
    page.locator(".search-facets [type=submit]").click()
    page.wait_for_url(re.compile(r"specialty=e2e-survey"))
    page.get_by_role("link", name="Osamu Iwasaki").click()
    page.wait_for_url(re.compile(r"/en/experts/\d+/$"))
    assert "Surveys of adobe architecture in Peru." in page.locator("main").inner_text()

    page.get_by_role("link", name="Adobe conservation at Chan Chan").first.click()
    page.wait_for_url(re.compile(r"/en/projects/\d+/$"))
    page.get_by_role("link", name="Chan Chan Archaeological Zone").first.click()
    page.wait_for_url(re.compile(r"/en/heritage/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Chan Chan Archaeological Zone"

    try:
        reverse("projects:export", args=["csv"])
    except NoReverseMatch:
        return  # exports are not part of this build
    page.goto("/en/projects/?q=adobe")
    with page.expect_download() as download:
        page.locator(".search-export").get_by_role("button", name="CSV").click()
    with open(download.value.path(), encoding="utf-8-sig") as exported:
        assert "Adobe conservation at Chan Chan" in exported.read()


def test_visitor_registers_for_an_event_and_confirms_by_mail(page, outreach):
    page.goto("/en/events/adobe-seminar/")
    page.locator("main").get_by_role("link", name=re.compile("Register", re.IGNORECASE)).first.click()
    page.wait_for_url(re.compile(r"/register/$"))
    page.fill("#id_name", "Grace Hopper")
    page.fill("#id_email", "grace@example.org")
    page.check("#id_consent")
    submit(page, page.locator("main form [type=submit]"))
    assert "grace@example.org" in page.locator("main").inner_text()
    assert len(mail.outbox) == 1

    page.goto(link_in_last_mail("/events/registration/confirm/"))
    submit(page, page.locator("main form [type=submit]"))
    registration = Registration.objects.get(email="grace@example.org")
    assert registration.event == outreach["event"]
    assert registration.status == Registration.Status.CONFIRMED


def test_staff_edit_an_expert_in_the_admin_and_see_its_history(open_page, client, staff, database_records):
    sign_in_to_admin(client, staff)  # gives staff the second factor the admin requires
    expert = database_records["expert"]
    page = open_page(user=staff, locale="en-GB")
    page.goto(f"/admin/experts/expert/{expert.pk}/change/")
    page.fill("#id_position_en", "Chief conservator")
    submit(page, page.locator("[name=_continue]"))
    expert.refresh_from_db()
    assert expert.position_en == "Chief conservator"

    page.get_by_role("link", name="History").click()
    page.wait_for_url(re.compile(r"/history/$"))
    newest = page.locator("#change-history tbody tr").first
    entry = " ".join(newest.inner_text().split())
    assert staff.get_full_name() in entry, entry
    assert "Conservator → Chief conservator" in entry, entry
