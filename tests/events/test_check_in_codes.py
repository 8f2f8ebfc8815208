"""Reading codes at the event desk: each valid code admits its registrant once; every other one is refused
with a message that says why, and changes nothing."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import signing
from django.db import connection
from django.utils import translation

from events import checkins, registrations
from events.models import CheckIn, CheckInPass, Registration
from events.models.checkins import SHORT_CODE_ALPHABET, SIGNING_SALT, normalise_short_code
from events.passes import pass_url
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db
BASE_URL = "https://portal.example.org"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def a_pass(event=None, **fields):
    registration = make_registration(event or make_event(), **fields)
    return CheckInPass.objects.for_registration(registration)


def test_the_token_holds_nothing_personal_and_the_short_code_is_readable(staff):
    check_in_pass = a_pass(name="Hanako Suzuki", email="hanako@example.org")
    token = check_in_pass.token
    # The readable half is the random nonce, nothing derived from the registration; the other half signs it.
    nonce, _signature = token.split(".")
    assert nonce == check_in_pass.nonce and len(nonce) == 22
    for personal in ("Hanako", "Suzuki", "hanako@example.org"):
        assert personal not in token
    assert "Suzuki" not in pass_url(check_in_pass, BASE_URL)
    assert len(check_in_pass.short_code) == 8
    assert set(check_in_pass.short_code) <= set(SHORT_CODE_ALPHABET)
    assert not set("ILOU") & set(check_in_pass.short_code)
    assert check_in_pass.short_code_display == f"{check_in_pass.short_code[:4]}-{check_in_pass.short_code[4:]}"


def test_a_pass_is_made_once_and_only_for_a_confirmed_place():
    event = make_event()
    confirmed = make_registration(event)
    first = CheckInPass.objects.for_registration(confirmed)
    assert CheckInPass.objects.for_registration(confirmed) == first
    waiting = make_registration(event, status=Registration.Status.WAITLISTED)
    assert CheckInPass.objects.for_registration(waiting) is None
    assert CheckInPass.objects.count() == 1


@pytest.mark.parametrize("how", ["token", "url", "short code", "short code typed loosely"])
def test_a_valid_code_checks_its_registrant_in_once(staff, how):
    check_in_pass = a_pass(name="Ana Lima")
    event = check_in_pass.registration.event
    code = {
        "token": check_in_pass.token,
        "url": pass_url(check_in_pass, BASE_URL),
        "short code": check_in_pass.short_code_display,
        "short code typed loosely": " " + check_in_pass.short_code.lower()[:4] + " " + check_in_pass.short_code[4:],
    }[how]

    outcome = checkins.check_in(event, code, by=staff)
    assert outcome.admitted
    assert outcome.message == "Ana Lima is checked in."
    check_in = CheckIn.objects.get()
    assert (check_in.registration, check_in.checked_in_by, check_in.mode) == (
        check_in_pass.registration,
        staff,
        CheckIn.Mode.IN_PERSON,
    )
    assert check_in.method == (CheckIn.Method.QR_CODE if how in ("token", "url") else CheckIn.Method.SHORT_CODE)
    assert Registration.objects.checked_in().get() == check_in_pass.registration

    again = checkins.check_in(event, code, by=staff)
    assert again.kind == "already" and not again.admitted
    assert again.message.startswith("Already checked in on ") and again.message.endswith("by Keiko Sato.")
    assert CheckIn.objects.count() == 1


def test_a_pass_used_once_is_used_whichever_of_its_codes_comes_next(staff, staff_without_second_factor):
    check_in_pass = a_pass()
    event = check_in_pass.registration.event
    assert checkins.check_in(event, check_in_pass.token, by=staff_without_second_factor).admitted
    again = checkins.check_in(event, check_in_pass.short_code, by=staff)
    assert again.kind == "already"
    assert "by Ken Mori" in again.message
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        ("", "empty", "Enter or scan a code."),
        ("K7QF-3M9", "malformed", "not a check-in code"),
        ("これは何ですか", "malformed", "not a check-in code"),
        ("ZZZZ-ZZZZ", "unknown", "No registration has this code"),
    ],
)
def test_an_empty_malformed_or_unknown_code_is_refused(staff, code, kind, words):
    event = a_pass().registration.event
    outcome = checkins.check_in(event, code, by=staff)
    assert (outcome.kind, outcome.admitted) == (kind, False)
    assert words in outcome.message
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("tamper", ["signature", "nonce", "truncated", "foreign key"])
def test_a_tampered_or_forged_token_is_refused_before_any_look_up(staff, tamper, django_assert_num_queries):
    check_in_pass = a_pass()
    event = check_in_pass.registration.event
    nonce, signature = check_in_pass.token.split(".")
    if tamper == "signature":
        token = f"{nonce}.{signature[:-2]}{'A' if signature[-2] != 'A' else 'B'}{signature[-1]}"
    elif tamper == "nonce":
        token = f"{nonce[:-1]}{'a' if nonce[-1] != 'a' else 'b'}.{signature}"
    elif tamper == "truncated":
        token = check_in_pass.token[:-5]
    else:
        token = signing.Signer(key="another portal's key", salt=SIGNING_SALT, sep=".").sign(nonce)
    with django_assert_num_queries(0):
        outcome = checkins.find(token)
    assert outcome[0] == "forged"
    refused = checkins.check_in(event, f"{BASE_URL}/events/{event.slug}/check-in/?code={token}", by=staff)
    assert refused.kind == "forged"
    assert "altered or was not issued by the portal" in refused.message
    assert not CheckIn.objects.exists()


def test_a_signed_token_whose_pass_is_gone_is_unknown(staff):
    check_in_pass = a_pass()
    event, token = check_in_pass.registration.event, check_in_pass.token
    check_in_pass.delete()
    assert checkins.check_in(event, token, by=staff).kind == "unknown"


def test_a_code_for_another_event_is_refused_and_names_that_event(staff):
    seminar = make_event(title_en="Seminar on Bagan")
    symposium = make_event(title_en="Annual symposium")
    check_in_pass = a_pass(seminar)
    for code in (check_in_pass.token, check_in_pass.short_code):
        outcome = checkins.check_in(symposium, code, by=staff)
        assert outcome.kind == "other_event"
        assert "another event: “Seminar on Bagan”" in outcome.message
    assert not CheckIn.objects.exists()
    assert checkins.check_in(seminar, check_in_pass.short_code, by=staff).admitted


def test_a_cancelled_registration_is_refused_and_says_when(staff):
    check_in_pass = a_pass()
    registration = check_in_pass.registration
    registrations.cancel(registration, base_url=BASE_URL)
    outcome = checkins.check_in(registration.event, check_in_pass.token, by=staff)
    assert outcome.kind == "cancelled"
    assert outcome.message.startswith("This registration was cancelled on ")
    assert not CheckIn.objects.exists()


def test_a_registration_put_back_on_the_waiting_list_and_a_cancelled_event_are_refused(staff):
    check_in_pass = a_pass()
    registration = check_in_pass.registration
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.WAITLISTED)
    assert checkins.check_in(registration.event, check_in_pass.token, by=staff).kind == "waitlisted"

    other = a_pass()
    other.registration.event.status = other.registration.event.Status.CANCELLED
    other.registration.event.save()
    assert checkins.check_in(other.registration.event, other.short_code, by=staff).kind == "event_cancelled"
    assert not CheckIn.objects.exists()


def test_looking_at_a_code_changes_nothing(staff):
    check_in_pass = a_pass()
    event = check_in_pass.registration.event
    outcome = checkins.examine(event, check_in_pass.token)
    assert outcome.may_check_in and outcome.registration == check_in_pass.registration
    assert not CheckIn.objects.exists()
    checkins.check_in(event, check_in_pass.token, by=staff)
    assert checkins.examine(event, check_in_pass.token).kind == "already"


@pytest.mark.parametrize(
    ("typed", "read"),
    [("k7qf-3m9x", "K7QF3M9X"), ("K7QF 3M9X", "K7QF3M9X"), ("k7qf.3m9x", "K7QF3M9X"), ("IL0O-2345", "11002345")],
)
def test_short_codes_are_read_as_people_type_them(typed, read):
    assert normalise_short_code(typed) == read


def test_a_short_code_with_a_letter_outside_the_alphabet_is_malformed():
    assert normalise_short_code("K7QF-3M9U") is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_desks_scanning_the_same_pass_at_once_admit_it_once(staff):
    check_in_pass = a_pass()
    event, token = check_in_pass.registration.event, check_in_pass.token

    def scan(_):
        try:
            return checkins.check_in(event, token, by=staff).kind
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        kinds = sorted(pool.map(scan, range(2)))
    assert kinds == ["already", "checked_in"]
    assert CheckIn.objects.count() == 1
