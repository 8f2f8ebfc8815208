"""The pass a confirmed registrant checks in with: its QR code in the confirmation, promotion and reminder
e-mails (a PNG) and on their page (an inline SVG), and its short code in words.

segno makes QR codes but cannot read them, so the tests read the images the way a scanner would: the
PNG's modules, pixel by pixel, and the SVG's drawing, each compared with the QR code of the pass's
address, which carries the token the desk accepts.
"""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core import mail
from PIL import Image

from events import checkins, emails, registrations
from events.models import CheckIn, CheckInPass, Event, Registration
from events.passes import ERROR_CORRECTION, pass_url, qr_code, qr_svg
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db
BASE_URL = "https://portal.example.org"
# qr_png's drawing: 8 pixels a module, 4 modules of quiet zone.
SCALE, BORDER = 8, 4


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def modules_of_png(png):
    """The dark (1) and light (0) modules of a QR code drawn as qr_png draws it, read from the image's pixels."""
    image = Image.open(BytesIO(png)).convert("L")
    size = image.width // SCALE - 2 * BORDER
    return tuple(
        bytes(
            int(image.getpixel(((BORDER + column) * SCALE + SCALE // 2, (BORDER + row) * SCALE + SCALE // 2)) < 128)
            for column in range(size)
        )
        for row in range(size)
    )


def modules_of_svg(svg):
    """The modules of a QR code drawn as segno draws it in SVG: one path of horizontal strokes, half a module
    below each row's top, inside a quiet zone of ``BORDER`` modules."""
    drawing = re.search(r' d="([^"]+)"', svg).group(1)
    dark = set()
    x = y = 0.0
    for command, numbers in re.findall(r"([Mmh])([-\d. ]+)", drawing):
        values = [float(number) for number in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            dark.update((int(y), int(x) + step) for step in range(int(values[0])))
            x += values[0]
    size = max(column for _row, column in dark) + 1 - BORDER
    return tuple(bytes(int((BORDER + row, BORDER + column) in dark) for column in range(size)) for row in range(size))


def english(path):
    return "/en" + path.removeprefix("/ja")


def modules_of(text):
    return tuple(bytes(row) for row in qr_code(text).matrix)


def the_pass(registration):
    return CheckInPass.objects.get(registration=registration)


def test_the_qr_code_is_the_pass_address_with_its_token():
    check_in_pass = CheckInPass.objects.for_registration(make_registration(make_event()))
    url = pass_url(check_in_pass, BASE_URL)
    assert url == f"{BASE_URL}/events/{check_in_pass.registration.event.slug}/check-in/?code={check_in_pass.token}"
    assert qr_code(url).error == ERROR_CORRECTION.upper()


def test_the_confirmation_e_mail_carries_the_qr_code_and_the_short_code(client, member, committed):
    event = make_event()
    member.language = "en"
    member.save(update_fields=["language"])
    client.force_login(member)
    with committed():
        client.post(f"/en/events/{event.slug}/register/")
    registration = Registration.objects.get()
    check_in_pass = the_pass(registration)
    message = mail.outbox[0]
    assert f"Your check-in code: {check_in_pass.short_code_display}" in message.body
    assert "show the attached QR code (check-in-code.png)" in message.body
    [(name, png, mimetype)] = message.attachments
    assert (name, mimetype) == ("check-in-code.png", "image/png")
    assert modules_of_png(png) == modules_of(pass_url(check_in_pass, "http://testserver"))
    assert check_in_pass.token not in message.body

    # What the image says, the desk accepts.
    outcome = checkins.check_in(event, pass_url(check_in_pass, "http://testserver"), by=None)
    assert outcome.admitted and outcome.registration == registration


def test_the_japanese_e_mail_gives_the_code_in_japanese(client, committed):
    event = make_event()
    registration = make_registration(event, language="ja")
    emails.send_registration_notice(registration, BASE_URL)
    body = mail.outbox[0].body
    assert f"受付コード: {the_pass(registration).short_code_display}" in body
    assert "check-in-code.png" in body


def test_someone_on_the_waiting_list_has_no_code_until_promoted(client, committed):
    event = make_event(capacity=1)
    first = make_registration(event)
    with committed():
        waiting = registrations.register(event, base_url=BASE_URL, email="wait@example.org", name="Wai Ting")
    assert waiting.status == Registration.Status.WAITLISTED
    assert not mail.outbox[0].attachments
    assert "check-in code" not in mail.outbox[0].body
    assert not CheckInPass.objects.filter(registration=waiting).exists()
    page = client.get(waiting.get_absolute_url()).content.decode()
    assert "qr-code" not in page and "Short code" not in page

    with committed():
        registrations.cancel(first, base_url=BASE_URL)
    promotion = mail.outbox[-1]
    check_in_pass = the_pass(waiting)
    assert promotion.to == ["wait@example.org"]
    assert check_in_pass.short_code_display in promotion.body
    assert modules_of_png(promotion.attachments[0][1]) == modules_of(pass_url(check_in_pass, BASE_URL))


def test_the_reminder_carries_the_pass_too():
    registration = make_registration(make_event())
    emails.send_reminder(registration, BASE_URL)
    assert the_pass(registration).short_code_display in mail.outbox[0].body
    assert mail.outbox[0].attachments[0][0] == "check-in-code.png"


def test_the_manage_page_shows_the_qr_code_of_the_pass_in_svg(client):
    registration = make_registration(make_event())
    response = client.get(english(registration.get_absolute_url()))
    html = response.content.decode()
    check_in_pass = the_pass(registration)
    url = pass_url(check_in_pass, "http://testserver")
    svg = re.search(r'<figure class="qr-code"[^>]*>(<svg.*?</svg>)</figure>', html).group(1)
    assert svg == qr_svg(url)
    assert modules_of_svg(svg) == modules_of(url)
    assert check_in_pass.short_code_display in html
    assert "no-store" in response["Cache-Control"]
    # The page is asked for again: the same pass, not a new one.
    client.get(registration.get_absolute_url())
    assert CheckInPass.objects.count() == 1


def test_the_manage_page_says_when_the_registrant_checked_in_and_no_longer_offers_to_cancel(client, staff):
    registration = make_registration(make_event())
    page = client.get(registration.get_absolute_url()).content.decode()
    assert "button--danger" in page
    CheckIn.objects.create(registration=registration, method=CheckIn.Method.LIST, checked_in_by=staff)
    page = client.get(english(registration.get_absolute_url())).content.decode()
    assert "You checked in on" in page
    assert "qr-code" not in page and "button--danger" not in page
    client.post(registration.get_absolute_url())
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "fields",
    [
        {"format": Event.Format.ONLINE, "venue_name_ja": "", "venue_name_en": ""},
        {"status": Event.Status.CANCELLED},
    ],
    ids=["online only", "cancelled"],
)
def test_no_pass_for_an_event_held_online_only_or_cancelled(client, fields):
    registration = make_registration(make_event(**fields))
    emails.send_registration_notice(registration, BASE_URL)
    assert not mail.outbox[0].attachments
    assert "qr-code" not in client.get(registration.get_absolute_url()).content.decode()
    assert not CheckInPass.objects.exists()


def test_no_pass_on_the_page_once_the_event_is_over(client):
    starts = make_event().starts_at - timedelta(days=60)
    registration = make_registration(make_event(starts_at=starts, ends_at=starts + timedelta(hours=2)))
    assert "qr-code" not in client.get(registration.get_absolute_url()).content.decode()
