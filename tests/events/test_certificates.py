"""Certificates of attendance: a PDF in the attendee's language with the event and their name, asked for from
their own page; refused to anyone who did not attend."""

import io

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from events import certificates
from events.models import Certificate, CheckIn, Registration
from tests.events.conftest import make_registration
from tests.events.questionnaire_helpers import attend, attendee, held_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return held_event(
        title_ja="第20回 災害と文化遺産シンポジウム",
        title_en="20th Symposium on Disasters and Heritage",
        venue_name_ja="東京国立博物館 平成館",
        venue_name_en="Tokyo National Museum, Heiseikan",
    )


def certificate_url(registration, language=None, page_language="ja"):
    with translation.override(page_language):
        url = reverse("events:certificate", args=[registration.manage_key])
    return f"{url}?language={language}" if language else url


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_a_japanese_attendee_gets_a_certificate_in_japanese(client, event):
    person = attendee(event, name="佐藤 花子", language="ja")
    response = client.get(certificate_url(person))
    assert response.status_code == 200
    text = pdf_text(response)
    assert "佐藤 花子" in text
    assert "第20回 災害と文化遺産シンポジウム" in text
    assert "参加証明書" in text
    assert "文化遺産国際協力コンソーシアム" in text
    assert "東京国立博物館 平成館" in text
    assert "Symposium" not in text
    # The date, on the venue's calendar.
    assert event.starts_at.astimezone(event.zone).strftime("%Y年%-m月%-d日") in text
    assert Certificate.objects.get(registration=person).reference_display in text


def test_an_english_attendee_gets_a_certificate_in_english(client, event):
    person = attendee(event, name="Amira Haddad", language="en")
    text = pdf_text(client.get(certificate_url(person, page_language="ja")))
    assert "Amira Haddad" in text
    assert "20th Symposium on Disasters and Heritage" in text
    assert "Certificate of Attendance" in text
    assert "Consortium for International Cooperation in Cultural Heritage" in text
    assert "シンポジウム" not in text


def test_the_other_language_may_be_asked_for(client, event):
    person = attendee(event, name="佐藤 花子", language="ja")
    text = pdf_text(client.get(certificate_url(person, "en")))
    assert "20th Symposium on Disasters and Heritage" in text
    assert "佐藤 花子" in text


def test_an_online_attendee_attended_online(client, event):
    person = attend(make_registration(event, name="Lucas Martin", language="en"), CheckIn.Mode.ONLINE)
    text = pdf_text(client.get(certificate_url(person)))
    assert "Venue Online" in text
    assert "Heiseikan" not in text


def test_the_certificate_is_issued_once_with_one_reference(client, event):
    person = attendee(event)
    client.get(certificate_url(person))
    client.get(certificate_url(person, "en"))
    (certificate,) = Certificate.objects.all()
    assert certificate.registration == person
    assert len(certificate.reference) == 10


def test_someone_who_did_not_attend_is_refused(client, event):
    person = make_registration(event, name="Absent Person", language="en")
    response = client.get(certificate_url(person, page_language="en"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "We have no record of your attendance" in page
    assert not Certificate.objects.exists()


def test_a_cancelled_registration_or_unknown_link_is_refused(client, event):
    person = attendee(event)
    Registration.objects.filter(pk=person.pk).update(status=Registration.Status.CANCELLED)
    assert client.get(certificate_url(person)).status_code == 400
    with translation.override("en"):
        assert client.get(reverse("events:certificate", args=["not-a-key"])).status_code == 400
    assert not Certificate.objects.exists()


def test_the_manage_page_offers_the_certificate_to_attendees_only(client, event):
    person = attendee(event, language="en")
    with translation.override("en"):
        page = client.get(person.get_absolute_url()).content.decode()
    assert certificate_url(person, page_language="en") + "?language=en" in page.replace("&amp;", "&")
    absent = make_registration(event)
    with translation.override("en"):
        page = client.get(absent.get_absolute_url()).content.decode()
    assert "certificate.pdf" not in page


def test_without_a_font_the_attendee_is_told_and_nothing_is_issued(client, event, tmp_path):
    person = attendee(event)
    with override_settings(CERTIFICATE_FONT=str(tmp_path / "missing.ttf")):
        response = client.get(certificate_url(person, page_language="en"))
    assert response.status_code == 503
    assert "Certificates cannot be made at the moment" in response.content.decode()
    assert not Certificate.objects.exists()


def test_a_font_is_installed_for_certificates():
    """``make`` installs IPAex Mincho; without it (or DJANGO_CERTIFICATE_FONT) no certificate can be made."""
    assert certificates.font() == certificates.FONT_NAME


def test_staff_find_a_certificate_by_its_printed_reference(staff_client, event):
    person = attendee(event, name="佐藤 花子")
    certificate = Certificate.objects.issue(person)
    response = staff_client.get(reverse("admin:events_certificate_changelist"), {"q": certificate.reference_display})
    assert "佐藤 花子" in response.content.decode()
    assert staff_client.get(reverse("admin:events_certificate_add")).status_code == 403
