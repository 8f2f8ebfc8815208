"""Staff export an event's registrations with the answers: one column per question, UTF-8 with a BOM,
for staff who may view registrations, every download recorded."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from consortium.models import DataExport
from events.models import Registration, RegistrationAnswer, RegistrationQuestion
from events.questions import QuestionKind, parse_options
from tests.admin_checks import sign_in_to_admin
from tests.conftest import make_user
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db

HEADER = ["event", "name", "e-mail address", "affiliation", "status", "language", "registered",
          "moved up from the waiting list", "cancelled on"]  # fmt: skip


@pytest.fixture
def symposium():
    event = make_event(title_ja="年次シンポジウム", title_en="Annual symposium", capacity=1)
    affiliation = RegistrationQuestion.objects.create(
        event=event, kind=QuestionKind.ONE_CHOICE, label_ja="ご所属の種別", label_en="Type of affiliation", order=1,
        options=parse_options("university | 大学 | University\nngo | NGO・NPO | NGO or NPO"),
    )  # fmt: skip
    heard = RegistrationQuestion.objects.create(
        event=event, kind=QuestionKind.SEVERAL_CHOICES, label_ja="何で知りましたか", label_en="Heard from", order=2,
        options=parse_options("web | ウェブ | Website\nnews | ニュース | E-mail news\nfriend | 知人 | A friend"),
    )  # fmt: skip
    reception = RegistrationQuestion.objects.create(
        event=event, kind=QuestionKind.YES_NO, label_ja="懇親会", label_en="Reception", order=3
    )
    diet = RegistrationQuestion.objects.create(event=event, kind=QuestionKind.SHORT_TEXT, label_ja="食事", order=4)
    hanako = make_registration(event, name="佐藤 花子", email="hanako@example.org", affiliation="東京大学")
    for question, value in ((affiliation, "university"), (heard, ["web", "friend"]), (reception, True),
                            (diet, "=HYPERLINK(\"http://evil\")")):  # fmt: skip
        RegistrationAnswer.objects.create(registration=hanako, question=question, value=value)
    ana = make_registration(event, name="Ana Lima", email="ana@example.org", status=Registration.Status.WAITLISTED)
    RegistrationAnswer.objects.create(registration=ana, question=affiliation, value="ngo")
    RegistrationAnswer.objects.create(registration=ana, question=reception, value=False)
    return event


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="jcic-heritage-registrations-')
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def export_events(client, *events, language="en"):
    return client.post(
        reverse("admin:events_event_changelist"),
        {"action": "export_registrations", "_selected_action": [event.pk for event in events]},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_an_events_registrations_are_exported_with_one_column_per_question(staff_client, staff, symposium):
    rows = read_csv(export_events(staff_client, symposium))
    assert rows[0] == [*HEADER, "Type of affiliation", "Heard from", "Reception", "食事"]
    hanako, ana = rows[1:]
    assert hanako[:6] == ["Annual symposium", "佐藤 花子", "hanako@example.org", "東京大学", "confirmed", "ja"]
    assert hanako[9:] == ["University", "Website, A friend", "Yes", '\'=HYPERLINK("http://evil")']
    assert ana[4] == "on the waiting list"
    assert ana[9:] == ["NGO or NPO", "", "No", ""]

    record = DataExport.objects.get()
    assert (record.user, record.kind, record.format, record.row_count) == (staff, "registrations", "csv", 2)
    assert record.query_string == f"event={symposium.pk}"


def test_the_export_is_written_in_the_language_staff_read_the_admin_in(staff_client, symposium):
    rows = read_csv(export_events(staff_client, symposium, language="ja"))
    assert rows[0][0] == "イベント" and rows[0][9:] == ["ご所属の種別", "何で知りましたか", "懇親会", "食事"]
    assert rows[1][0] == "年次シンポジウム" and rows[1][4] == "参加確定"
    assert rows[1][9:12] == ["大学", "ウェブ、知人", "はい"]


def test_a_label_corrected_after_the_answers_is_exported_as_corrected(staff_client, symposium):
    question = symposium.registration_questions.get(order=1)
    question.options = parse_options("university | 大学・研究機関 | University or research institute\nngo | NGO | NGO")
    question.save()
    rows = read_csv(export_events(staff_client, symposium))
    assert [rows[1][9], rows[2][9]] == ["University or research institute", "NGO"]


def test_the_registration_list_exports_the_selection_with_each_events_questions(staff_client, symposium):
    seminar = make_event(title_en="Seminar")
    RegistrationQuestion.objects.create(event=seminar, kind=QuestionKind.LONG_TEXT, label_en="Comments")
    make_registration(seminar, name="Keiko")
    response = staff_client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "export_csv", "_selected_action": list(Registration.objects.values_list("pk", flat=True))},
    )
    rows = read_csv(response)
    assert rows[0][9:] == [
        "Annual symposium: Type of affiliation", "Annual symposium: Heard from", "Annual symposium: Reception",
        "Annual symposium: 食事", "Seminar: Comments",
    ]  # fmt: skip
    assert [row[1] for row in rows[1:]] == ["佐藤 花子", "Ana Lima", "Keiko"]
    assert DataExport.objects.get().row_count == 3


def test_staff_who_may_view_registrations_may_export_them(client, symposium):
    viewer = make_user("viewer@example.org", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__in=["view_event", "view_registration"]))
    sign_in_to_admin(client, viewer)
    assert len(read_csv(export_events(client, symposium))) == 3
    assert DataExport.objects.get().user == viewer


def test_staff_who_may_not_view_registrations_are_neither_offered_nor_given_the_export(client, symposium):
    editor = make_user("editor@example.org", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__in=["view_event", "change_event"]))
    sign_in_to_admin(client, editor)
    action_form = client.get(reverse("admin:events_event_changelist")).context["action_form"]
    assert action_form is None or "export_registrations" not in dict(action_form.fields["action"].choices)
    response = export_events(client, symposium)
    assert not response["Content-Type"].startswith("text/csv")
    assert not DataExport.objects.exists()
