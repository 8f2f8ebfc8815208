"""Every URL name in the project against the five fixed users.

The table says what each user gets from a GET: a status code, or a set of
acceptable ones. A URL added without an entry here fails
``test_every_url_name_has_an_entry``, so nobody adds a page without deciding
who may see it. Names in the admin namespace share one rule (the admin is
closed to everyone but staff as a whole); entries of their own override it.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from experts.models import Expert

USERS = ["anonymous", "applicant", "member", "suspended_member", "staff"]

PUBLIC = (200, 200, 200, 200, 200)
MEMBERS_ONLY = (302, 403, 200, 403, 200)
SIGNED_IN = (302, 200, 200, 200, 200)
SIGNED_OUT_ONLY = (200, 302, 302, 302, 302)
MISSING = (404, 404, 404, 404, 404)
BAD_TOKEN = (400, 400, 400, 400, 400)
# A members-only page for an object that does not exist: the guard answers before the look-up.
MEMBERS_ONLY_MISSING = (302, 403, 404, 403, 404)
STAFF_ONLY = (302, 302, 302, 302, 200)
POST_ONLY = (405, 405, 405, 405, 405)
NOT_A_REPRESENTATIVE = (302, 403, 403, 403, 403)
# Staff who may check people in, for an event that does not exist; everyone else is refused first.
CHECK_IN_DESK = (302, 403, 403, 403, 404)
# A member's own expert record: for active members (staff accounts here hold no membership).
EXPERT_KEEPERS_ONLY = (302, 403, 200, 403, 403)
# Staff reach every admin page; object pages for objects that do not exist redirect or 404.
ADMIN = (302, 302, 302, 302, {200, 302, 404})

TABLE = {
    "healthz": PUBLIC,
    "robots_txt": PUBLIC,
    "sitemap": PUBLIC,
    "home": PUBLIC,
    "statistics": PUBLIC,
    # The site search: public texts for everyone, the database's groups for members (tests/search/test_site_search.py).
    "site_search": PUBLIC,
    "countries:list": PUBLIC,
    "countries:detail": MISSING,
    "pages:index": PUBLIC,
    "pages:detail": MISSING,
    "activities:index": PUBLIC,
    # A fiscal year with nothing to report (here, one far in the future) has no report.
    "activities:detail": MISSING,
    "activities:csv": MISSING,
    "news:list": PUBLIC,
    "news:feed_rss": PUBLIC,
    "news:feed_atom": PUBLIC,
    "news:detail": MISSING,
    "events:list": PUBLIC,
    "events:past": PUBLIC,
    "events:calendar": PUBLIC,
    "events:confirm": BAD_TOKEN,
    "events:registration": BAD_TOKEN,
    "events:detail": MISSING,
    "events:register": MISSING,
    "events:ics": MISSING,
    # The event desk: staff who may record check-ins (tests/events/test_check_in_desk.py tries each user).
    "events:check_in": CHECK_IN_DESK,
    "events:check_in_list": CHECK_IN_DESK,
    # After the event (tests/events/test_questionnaires.py, test_certificates.py): the questionnaire's personal
    # link, and the certificate behind the registrant's own link (refused, 403, to those who did not attend).
    "events:questionnaire": BAD_TOKEN,
    "events:certificate": BAD_TOKEN,
    # Subscriptions (tests/events/test_subscription*.py): the form for everyone, an account's own list when
    # signed in; removing one of one's own by POST; the e-mails' links and the calendars behind their secrets.
    "subscriptions:index": PUBLIC,
    "subscriptions:remove": (302, 405, 405, 405, 405),
    "subscriptions:confirm": BAD_TOKEN,
    "subscriptions:manage": BAD_TOKEN,
    "subscriptions:unsubscribe": BAD_TOKEN,
    "subscriptions:feed": MISSING,
    # The members' database.
    "database": MEMBERS_ONLY,
    "experts:list": MEMBERS_ONLY,
    "experts:detail": MEMBERS_ONLY_MISSING,
    "projects:list": MEMBERS_ONLY,
    "projects:map": MEMBERS_ONLY,
    "projects:detail": MEMBERS_ONLY_MISSING,
    "heritage:list": MEMBERS_ONLY,
    "heritage:map": MEMBERS_ONLY,
    "heritage:detail": MEMBERS_ONLY_MISSING,
    # The library of reports: public, with members-only and staff-only reports inside (tests/reports/).
    "reports:list": PUBLIC,
    "reports:detail": MISSING,
    "reports:file": MISSING,
    # Uploaded files, each behind its owner's rule (tests/consortium/test_files.py tries every kind).
    "files:project_document": MEMBERS_ONLY_MISSING,
    "files:event_material": MISSING,
    "files:news_attachment": MISSING,
    "files:news_image": MISSING,
    # Meeting papers follow the meeting's audience (tests/members/test_committees_pages.py tries each).
    "files:meeting_file": MEMBERS_ONLY_MISSING,
    # The committees (tests/members/test_committees_*.py): public pages, members' requests by POST only.
    "committees:list": PUBLIC,
    "committees:detail": MISSING,
    "committees:join": POST_ONLY,
    "committees:leave": POST_ONLY,
    "committees:withdraw_request": POST_ONLY,
    # Downloads take a POST (with a CSRF token) only; tests/search/test_exports.py posts them as each user.
    "experts:export": POST_ONLY,
    "projects:export": POST_ONLY,
    "heritage:export": POST_ONLY,
    # Accounts (django-allauth).
    "account_login": SIGNED_OUT_ONLY,
    "account_signup": SIGNED_OUT_ONLY,
    "account_logout": (302, 200, 200, 200, 200),
    "account_inactive": PUBLIC,
    "account_reauthenticate": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": SIGNED_IN,
    "account_set_password": (302, 302, 302, 302, 302),
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_confirm_login_code": (302, 302, 302, 302, 302),
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": (302, 302, 302, 302, 302),
    # Changing a second factor asks for the password again first (reauthentication).
    "mfa_reauthenticate": (302, 302, 302, 302, 200),
    "mfa_activate_totp": (302, 302, 302, 302, 302),
    "mfa_deactivate_totp": (302, 404, 404, 404, 302),
    "mfa_view_recovery_codes": (302, 404, 404, 404, 404),
    "mfa_generate_recovery_codes": (302, 302, 302, 302, 302),
    "mfa_download_recovery_codes": (302, 404, 404, 404, 404),
    "mfa_list_webauthn": SIGNED_IN,
    "mfa_add_webauthn": (302, 302, 302, 302, 302),
    "mfa_reauthenticate_webauthn": (302, 302, 302, 302, 302),
    "mfa_remove_webauthn": (302, 302, 302, 302, 302),
    "mfa_edit_webauthn": (302, 302, 302, 302, 302),
    # The member's own pages.
    "members:home": SIGNED_IN,
    # The member's own expert record (tests/experts/test_own_*.py): the fixed member keeps none, so the edit
    # form sends them to the record's page, and the record to claim does not exist.
    "members:expert": EXPERT_KEEPERS_ONLY,
    "members:expert_edit": (302, 403, 302, 403, 403),
    "members:expert_claim": (302, 403, 404, 403, 403),
    "members:expert_request": EXPERT_KEEPERS_ONLY,
    "members:expert_withdraw": POST_ONLY,
    "members:expert_confirm": BAD_TOKEN,
    "members:unsubscribe": (400, 400, 400, 400, 400),
    # Staff accounts here hold no membership: nothing to withdraw.
    "members:withdraw": (302, 200, 200, 200, 409),
    "members:apply_again": (302, 405, 405, 405, 405),
    # Saved searches (tests/search/test_saved_searches.py, test_search_alerts.py): saved from a list page by POST;
    # edited and deleted by their owner alone, whatever their membership; alerts stopped by a signed link.
    "saved_searches:save": POST_ONLY,
    "saved_searches:edit": (302, 404, 404, 404, 404),
    "saved_searches:delete": (302, 404, 404, 404, 404),
    "saved_searches:unsubscribe": BAD_TOKEN,
    # A person's own data (tests/members/test_personal_data_*.py, test_close_account.py): the page for anyone
    # signed in, the download by POST only; closing asks for the password again when the form is sent, and
    # staff accounts are closed by an administrator.
    "members:personal_data": SIGNED_IN,
    "members:personal_data_download": POST_ONLY,
    "members:close_account": (302, 200, 200, 200, 409),
    # Member organisations: the public directory; the representative's pages (tests/members/test_organisations.py
    # tries a representative), refused to everyone else before the method is looked at; an invitation's link.
    "members:organisations": PUBLIC,
    "members:organisation": NOT_A_REPRESENTATIVE,
    "members:revoke_invitation": NOT_A_REPRESENTATIVE,
    "members:remove_colleague": NOT_A_REPRESENTATIVE,
    "members:invitation": MISSING,
    # The admin: entries of their own for the pages this app adds.
    "admin:index": STAFF_ONLY,
    # allauth's secure_admin_login: signed-in people who are not staff are refused outright.
    "admin:login": (302, 403, 403, 403, 302),
    "admin:logout": (302, 302, 302, 302, 405),
    # Without its query parameters the autocomplete refuses.
    "admin:autocomplete": (302, 302, 302, 302, 403),
    # Reference data is loaded by migrations, never added or deleted by hand.
    "admin:consortium_country_add": (302, 302, 302, 302, 403),
    "admin:consortium_country_delete": (302, 302, 302, 302, 403),
    "admin:consortium_language_add": (302, 302, 302, 302, 403),
    "admin:consortium_language_delete": (302, 302, 302, 302, 403),
    # The export log is written by the exports themselves, never by hand.
    "admin:consortium_dataexport_add": (302, 302, 302, 302, 403),
    "admin:consortium_dataexport_delete": (302, 302, 302, 302, 403),
    # Members keep their saved searches on their own page; staff only read them.
    "admin:search_savedsearch_add": (302, 302, 302, 302, 403),
    "admin:search_savedsearch_delete": (302, 302, 302, 302, 403),
    # Representatives send invitations from their own page, never staff from the admin.
    "admin:members_invitation_add": (302, 302, 302, 302, 403),
    # django-import-export's second step takes a POST only.
    "admin:experts_expert_process_import": (302, 302, 302, 302, 405),
    "admin:heritage_heritagesite_process_import": (302, 302, 302, 302, 405),
    "admin:members_organization_process_import": (302, 302, 302, 302, 405),
    "admin:projects_cooperationproject_process_import": (302, 302, 302, 302, 405),
    "admin:members_membership_changelist": STAFF_ONLY,
    # The translation queue, beside the admin (tests/consortium/test_translation_queue.py tries each role).
    "translation_queue": STAFF_ONLY,
    "admin:members_newsissue_changelist": STAFF_ONLY,
    # Check-ins are made at the event desk, never typed in the admin.
    "admin:events_checkin_add": (302, 302, 302, 302, 403),
    # Subscribers confirm their own addresses and the digest command writes the digests: neither is added by hand.
    "admin:events_subscriber_add": (302, 302, 302, 302, 403),
    "admin:events_digest_add": (302, 302, 302, 302, 403),
    # Members file their requests from the committee's page; staff only decide them.
    "admin:members_committeerequest_add": (302, 302, 302, 302, 403),
    # Change notices are made by saving an event, never by hand (tests/events/test_change_notices_admin.py).
    "admin:events_changenotice_add": (302, 302, 302, 302, 403),
    # Previewing and sending messages to registrants: each role's answer in tests/events/test_event_messages_admin.py.
    "admin:events_eventmessage_preview": ADMIN,
    "admin:events_eventmessage_send": ADMIN,
    # Certificates are issued from the attendee's own page, never added by hand.
    "admin:events_certificate_add": (302, 302, 302, 302, 403),
    # Members file claims of expert records and requests for new ones from their own page; staff only decide them.
    "admin:experts_expertclaim_add": (302, 302, 302, 302, 403),
    "admin:experts_expertrecordrequest_add": (302, 302, 302, 302, 403),
    # Consents and views of contact details are recorded by the forms and pages themselves, never by hand.
    "admin:members_consent_add": (302, 302, 302, 302, 403),
    "admin:members_consent_delete": (302, 302, 302, 302, 403),
    "admin:experts_contactview_add": (302, 302, 302, 302, 403),
    "admin:experts_contactview_delete": (302, 302, 302, 302, 403),
}
NAMESPACE_RULES = {"admin": ADMIN}

# Arguments for names whose patterns are regular expressions.
KWARGS = {
    "account_confirm_email": {"key": "not-a-key"},
    "account_reset_password_from_key": {"uidb36": "zz", "key": "not-a-key"},
    "admin:app_list": {"app_label": "members"},
    "admin:view_on_site": {"content_type_id": "999999", "object_id": "999999"},
    "experts:export": {"fmt": "csv"},
    "projects:export": {"fmt": "csv"},
    "heritage:export": {"fmt": "xlsx"},
    "countries:detail": {"code": "zz"},
}
CONVERTER_SAMPLES = {"int": "999999", "slug": "no-such-page", "str": "not-a-token", "path": "999999"}
PATH_ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")
REGEX_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
REGEX_UNNAMED_GROUP = re.compile(r"\((?!\?)")


def url_names(patterns=None, namespace=""):
    """Every named URL: (name, route) pairs, walking includes and namespaces."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            for name, route in url_names(pattern.url_patterns, inner):
                yield name, str(pattern.pattern) + route
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, str(pattern.pattern)


def sample_url(name, route):
    """A URL for ``name``, with arguments that name no existing object."""
    if name in KWARGS:
        return reverse(name, kwargs=KWARGS[name])
    kwargs = {argument: CONVERTER_SAMPLES[converter or "str"] for converter, argument in PATH_ARGUMENT.findall(route)}
    kwargs.update(dict.fromkeys(REGEX_NAMED_GROUP.findall(route), "999999"))
    if kwargs:
        return reverse(name, kwargs=kwargs)
    return reverse(name, args=["999999"] * len(REGEX_UNNAMED_GROUP.findall(route)))


def expected(name):
    if name in TABLE:
        return TABLE[name]
    return NAMESPACE_RULES.get(name.split(":", 1)[0]) if ":" in name else None


ALL_NAMES = sorted(set(url_names()))


def test_every_url_name_has_an_entry():
    missing = [name for name, _route in ALL_NAMES if expected(name) is None]
    assert missing == [], f"Add these URL names to TABLE in {__file__}: {missing}"


def test_table_names_only_existing_urls():
    existing = {name for name, _route in ALL_NAMES}
    assert sorted(set(TABLE) - existing) == []


@pytest.mark.parametrize("who", USERS)
def test_each_url_answers_as_the_table_says(request, client, db, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    column = USERS.index(who)
    wrong = []
    for name, route in ALL_NAMES:
        want = expected(name)
        if want is None:
            continue
        want = want[column]
        got = client.get(sample_url(name, route)).status_code
        if got != want and not (isinstance(want, set) and got in want):
            wrong.append((name, want, got))
    assert wrong == [], "\n".join(f"{name}: expected {want}, got {got}" for name, want, got in wrong)


@pytest.fixture
def seeded_expert(db):
    return Expert.objects.create(
        family_name="山田",
        given_name="一郎",
        family_name_en="Yamada",
        given_name_en="Ichiro",
        email="ichiro.yamada.contact@example.ac.jp",
        phone="+81-75-000-4321",
    )


@pytest.mark.parametrize("who", ["anonymous", "applicant", "suspended_member"])
def test_no_expert_contact_details_on_pages_non_members_reach(request, client, who, seeded_expert):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    leaks = []
    for name, route in ALL_NAMES:
        url = sample_url(name, route).replace("999999", str(seeded_expert.pk))
        content = client.get(url).content.decode(errors="replace")
        if seeded_expert.email in content or seeded_expert.phone in content:
            leaks.append(name)
    assert leaks == []
