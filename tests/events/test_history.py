"""History of the outreach content staff edit: every change recorded, shown to staff, revertible."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events.models import Event, Material, NewsArticle, Page, Speaker
from tests.admin_checks import change_form_data, sign_in_to_admin
from tests.conftest import make_user
from tests.events.conftest import make_article, make_event, make_page, make_registration

pytestmark = pytest.mark.django_db


def test_editing_a_news_article_in_the_admin_records_who_changed_what(staff_client, staff):
    article = make_article(title_en="First title")
    url = reverse("admin:events_newsarticle_change", args=[article.pk])
    data = change_form_data(staff_client.get(url))
    data["title_en"] = "Second title"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = NewsArticle.history.filter(id=article.pk).latest()
    assert (latest.title_en, latest.history_type, latest.history_user) == ("Second title", "~", staff)


def test_editing_a_page_in_the_admin_records_the_change(staff_client, staff):
    page = make_page(title_en="About us")
    url = reverse("admin:events_page_change", args=[page.pk])
    data = change_form_data(staff_client.get(url))
    data["title_en"] = "About the consortium"
    assert staff_client.post(url, data).status_code == 302
    assert [version.title_en for version in Page.history.filter(id=page.pk)] == ["About the consortium", "About us"]
    assert Page.history.filter(id=page.pk).latest().history_user == staff


def test_editing_an_event_and_a_speaker_in_the_admin_records_both(staff_client, staff):
    event = make_event(title_en="Seminar on Bamiyan")
    url = reverse("admin:events_event_change", args=[event.pk])
    data = change_form_data(staff_client.get(url))
    data["title_en"] = "Seminar on the Bamiyan valley"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = Event.history.filter(id=event.pk).latest()
    assert (latest.title_en, latest.history_user) == ("Seminar on the Bamiyan valley", staff)

    speaker = Speaker.objects.create(event=event, name_en="Aiko Tanaka")
    url = reverse("admin:events_speaker_change", args=[speaker.pk])
    data = change_form_data(staff_client.get(url))
    data["name_en"] = "Dr Aiko Tanaka"
    assert staff_client.post(url, data).status_code == 302
    assert [version.name_en for version in speaker.history.all()] == ["Dr Aiko Tanaka", "Aiko Tanaka"]


def test_materials_and_registrations_keep_a_history(db):
    event = make_event()
    material = Material.objects.create(event=event, title_en="Slides", url="https://example.org/slides.pdf")
    registration = make_registration(event)
    assert (material.history.count(), registration.history.count()) == (1, 1)


@pytest.mark.parametrize(
    ("model", "make"),
    [
        ("newsarticle", make_article),
        ("page", make_page),
        ("event", make_event),
        ("registration", lambda: make_registration(make_event())),
        ("speaker", lambda: Speaker.objects.create(event=make_event(), name_en="Aiko Tanaka")),
    ],
)
def test_history_pages_open_for_staff(staff_client, model, make):
    record = make()
    version = type(record).history.filter(id=record.pk).latest()
    assert staff_client.get(reverse(f"admin:events_{model}_history", args=[record.pk])).status_code == 200
    url = reverse(f"admin:events_{model}_simple_history", args=[record.pk, version.history_id])
    assert staff_client.get(url).status_code == 200


def test_staff_revert_a_page_to_an_earlier_version_from_its_history(staff_client):
    page = make_page(title_en="Old title", body_en="Old body")
    page.title_en, page.body_en = "New title", "New body"
    page.save()
    url = reverse("admin:events_page_simple_history", args=[page.pk, page.history.earliest().history_id])
    response = staff_client.get(url)
    assert response.context["adminform"].form.initial["title_en"] == "Old title"
    assert staff_client.post(url, change_form_data(response)).status_code == 302
    page.refresh_from_db()
    assert (page.title_en, page.body_en) == ("Old title", "Old body")
    assert page.history.count() == 3


def test_staff_who_may_only_view_pages_cannot_revert_one(client, staff_client):
    page = make_page(title_en="Old title")
    page.title_en = "New title"
    page.save()
    url = reverse("admin:events_page_simple_history", args=[page.pk, page.history.earliest().history_id])
    data = change_form_data(staff_client.get(url))
    viewer = make_user("viewer@example.org", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_page"))
    sign_in_to_admin(client, viewer)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 403
    page.refresh_from_db()
    assert page.title_en == "New title"
