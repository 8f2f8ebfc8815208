"""Questionnaires in the admin: writing and opening them, their results with a chart, the CSV downloads, and who
may do each."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from consortium.models import DataExport
from events import questionnaires
from events.models import Questionnaire
from members.models import User
from tests.admin_checks import assert_flat_queries, sign_in_to_admin
from tests.conftest import make_user
from tests.events.questionnaire_helpers import attendee, held_event, invitation_of, make_questionnaire, question

pytestmark = pytest.mark.django_db
EDIT = ["view_questionnaire", "add_questionnaire", "change_questionnaire", "view_event"]


@pytest.fixture
def event():
    return held_event()


def staff_with(client, codenames):
    """``client`` signed in as a staff member holding exactly ``codenames`` (of the events app)."""
    user = User.objects.filter(email="outreach@example.org").first() or make_user(
        "outreach@example.org", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="events", codename__in=codenames))
    return sign_in_to_admin(client, user)


def admin_url(name, questionnaire):
    return reverse(f"admin:events_questionnaire_{name}", args=[questionnaire.pk])


def answered(questionnaire, people_answers):
    """Each of ``people_answers`` ({label_en: value}) answered by a new attendee of the questionnaire's event."""
    for answers in people_answers:
        person = attendee(questionnaire.event, name=answers.pop("name", "Someone"))
        values = {question(questionnaire, label).pk: value for label, value in answers.items()}
        questionnaires.submit(invitation_of(questionnaire, person), values)


def read_csv(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff"))))


def test_staff_write_a_questionnaire_with_a_rating(staff_client, event):
    closes = timezone.localtime(event.ends_at + timedelta(days=10))
    response = staff_client.post(
        reverse("admin:events_questionnaire_add"),
        {
            "event": event.pk,
            "anonymous": "on",
            "closes_at_0": closes.strftime("%Y-%m-%d"),
            "closes_at_1": closes.strftime("%H:%M:%S"),
            "intro_ja": "",
            "intro_en": "Thank you for coming.",
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-0-kind": "rating",
            "questions-0-required": "on",
            "questions-0-order": "0",
            "questions-0-label_ja": "満足度",
            "questions-0-label_en": "Satisfaction",
            "questions-0-help_ja": "",
            "questions-0-help_en": "",
            "questions-0-options": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    questionnaire = Questionnaire.objects.get(event=event)
    assert questionnaire.status == Questionnaire.Status.DRAFT
    assert [(q.kind, q.label_en) for q in questionnaire.questions.all()] == [("rating", "Satisfaction")]
    assert staff_client.get(admin_url("change", questionnaire)).status_code == 200


def test_opening_needs_questions_and_the_permission(client, event):
    questionnaire = make_questionnaire(event, opened=False)
    staff_with(client, EDIT)
    assert client.post(admin_url("open", questionnaire)).status_code == 403
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.DRAFT

    staff_with(client, [*EDIT, "open_questionnaire"])
    page = client.get(admin_url("change", questionnaire)).content.decode()
    assert "Open the questionnaire" in page
    response = client.post(admin_url("open", questionnaire), follow=True)
    assert "it will be e-mailed to the attendees within a few minutes" in response.content.decode()
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.OPEN
    assert questionnaire.opened_at is not None
    # Whether answers are anonymous is no longer a field staff can change.
    assert 'name="anonymous"' not in client.get(admin_url("change", questionnaire)).content.decode()


def test_a_questionnaire_without_questions_is_not_opened(staff_client, event):
    questionnaire = Questionnaire.objects.create(event=event, closes_at=event.ends_at + timedelta(days=7))
    response = staff_client.post(admin_url("open", questionnaire), follow=True)
    assert "Add at least one question before opening it." in response.content.decode()
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.DRAFT


def test_anonymity_cannot_change_once_open(event):
    questionnaire = make_questionnaire(event, anonymous=True)
    questionnaire.anonymous = False
    with translation.override("en"), pytest.raises(ValidationError, match="can no longer change"):
        questionnaire.full_clean()
    draft = make_questionnaire(held_event(), anonymous=True, opened=False)
    draft.anonymous = False
    draft.full_clean()


def test_a_questionnaire_closes_after_its_event(event):
    questionnaire = make_questionnaire(event, opened=False, closes_at=event.ends_at - timedelta(minutes=1))
    with translation.override("en"), pytest.raises(ValidationError, match="must close after the event ends"):
        questionnaire.full_clean()


def test_the_results_page_counts_and_charts_each_question(staff_client, event):
    questionnaire = make_questionnaire(event)
    answered(
        questionnaire,
        [
            {"Overall satisfaction": 5, "Affiliation": "museum", "Comments": "Excellent <b>talks</b>."},
            {"Overall satisfaction": 4, "Affiliation": "museum"},
            {"Overall satisfaction": 4, "Would you come again?": True},
        ],
    )
    page = staff_client.get(admin_url("results", questionnaire)).content.decode()
    assert "3 responses" in page
    assert "average 4.33 out of 5" in page
    # The bars are inline SVG, their lengths the shares: two of three rated 4, both who answered chose Museum.
    assert '<rect x="0" y="2" width="66.7%"' in page
    assert '<rect x="0" y="2" width="100.0%"' in page
    assert "Excellent &lt;b&gt;talks&lt;/b&gt;." in page


def test_results_are_for_staff_who_may_view_the_responses(client, event):
    questionnaire = make_questionnaire(event)
    staff_with(client, EDIT)
    for name in ("results", "answers_csv", "summary_csv"):
        assert client.get(admin_url(name, questionnaire)).status_code == 403
    assert "Questionnaire results" not in client.get(admin_url("change", questionnaire)).content.decode()
    staff_with(client, [*EDIT, "view_questionnaireresponse"])
    for name in ("results", "answers_csv", "summary_csv"):
        assert client.get(admin_url(name, questionnaire)).status_code == 200
    assert "Questionnaire results" in client.get(admin_url("change", questionnaire)).content.decode()


def test_the_answers_of_an_anonymous_questionnaire_download_without_names(staff_client, event):
    questionnaire = make_questionnaire(event, anonymous=True)
    answers = {"name": "佐藤 花子", "Overall satisfaction": 3, "Fields of interest": ["museum", "other"]}
    answered(questionnaire, [answers])
    rows = read_csv(staff_client.get(admin_url("answers_csv", questionnaire)))
    assert rows[0][:3] == ["response", "Overall satisfaction", "Affiliation"]
    assert rows[1][:4] == ["1", "3", "", "Museum, Other"]
    assert "佐藤 花子" not in str(rows)
    export = DataExport.objects.get()
    assert export.kind == DataExport.Kind.QUESTIONNAIRE
    assert export.row_count == 1


def test_the_answers_of_a_named_questionnaire_download_with_names(staff_client, event):
    questionnaire = make_questionnaire(event, anonymous=False)
    answered(questionnaire, [{"name": "佐藤 花子", "Overall satisfaction": 5, "Comments": "=HYPERLINK(1)"}])
    rows = read_csv(staff_client.get(admin_url("answers_csv", questionnaire)))
    assert rows[0][:6] == ["response", "name", "e-mail address", "affiliation", "answered", "Overall satisfaction"]
    assert rows[1][1] == "佐藤 花子"
    # A formula in an answer is written as text.
    assert rows[1][-1] == "'=HYPERLINK(1)"


def test_the_summary_downloads_as_csv(staff_client, event):
    questionnaire = make_questionnaire(event)
    answered(questionnaire, [{"Overall satisfaction": 5}, {"Overall satisfaction": 2, "Comments": "Too long."}])
    rows = read_csv(staff_client.get(admin_url("summary_csv", questionnaire)))
    assert rows[0] == ["question", "answer", "count", "share (%)"]
    assert ["responses", "", "2", ""] in rows
    assert ["Overall satisfaction", "5", "1", "50.0"] in rows
    assert ["Overall satisfaction", "average", "3.50", ""] in rows
    assert ["Comments", "written answers", "1", ""] in rows


def test_the_list_counts_emails_and_responses(staff_client, event):
    questionnaire = make_questionnaire(event)
    answered(questionnaire, [{"Overall satisfaction": 5}])
    page = staff_client.get(reverse("admin:events_questionnaire_changelist")).content.decode()
    assert str(questionnaire) in page


def test_the_results_and_the_list_take_as_many_queries_whatever_the_number_of_responses(staff_client, event):
    questionnaire = make_questionnaire(event)
    answered(questionnaire, [{"Overall satisfaction": 4, "Comments": "Good."}])

    def more():
        answers = {"Overall satisfaction": 5, "Fields of interest": ["museum"], "Comments": "Yes."}
        answered(questionnaire, [dict(answers) for _ in range(3)])
        make_questionnaire(held_event())

    assert_flat_queries(staff_client, admin_url("results", questionnaire), more, most=30)
    assert_flat_queries(staff_client, reverse("admin:events_questionnaire_changelist"), more, most=30)
