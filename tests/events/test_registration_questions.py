"""The questions staff set on an event's registration form: asked in the visitor's language, checked, and kept
with the registration, for members at once and for the public once their address is confirmed."""

import re

import pytest
from django.core import mail

from events.models import PendingRegistration, Registration, RegistrationAnswer, RegistrationQuestion
from events.questions import QuestionKind, parse_options
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db

AFFILIATION_OPTIONS = "university | 大学・研究機関 | University or research institute\nngo | NGO・NPO | NGO or NPO"
HEARD_OPTIONS = "website | ウェブサイト | Website\nnews | メールニュース | E-mail news\ncolleague | 同僚 | A colleague"


def ask(event, kind, label_ja="", label_en="", *, options="", required=False, order=0, **fields):
    return RegistrationQuestion.objects.create(
        event=event,
        kind=kind,
        label_ja=label_ja,
        label_en=label_en,
        options=parse_options(options),
        required=required,
        order=order,
        **fields,
    )


@pytest.fixture
def event():
    return make_event(slug="symposium", title_en="Annual symposium")


@pytest.fixture
def questions(event):
    return {
        "affiliation": ask(
            event, QuestionKind.ONE_CHOICE, "ご所属の種別", "Type of affiliation", options=AFFILIATION_OPTIONS,
            required=True, order=1, help_ja="集計のために伺います。", help_en="For our attendance figures.",
        ),
        "reception": ask(event, QuestionKind.YES_NO, "懇親会に参加されますか", "Will you join the reception?",
                         required=True, order=2),
        "heard": ask(event, QuestionKind.SEVERAL_CHOICES, "何でお知りになりましたか", "How did you hear of it?",
                     options=HEARD_OPTIONS, order=3),
        # Asked in Japanese only: the English form shows it in Japanese, with a note.
        "diet": ask(event, QuestionKind.SHORT_TEXT, "食事に関する配慮", order=4),
        "comments": ask(event, QuestionKind.LONG_TEXT, "ご意見", "Comments", order=5),
    }  # fmt: skip


def answers(questions, **given):
    """Form data answering ``questions`` by name: ``affiliation="ngo"``, ``heard=["website"]``."""
    return {f"question_{questions[name].pk}": value for name, value in given.items()}


def details(**fields):
    return {
        "name": "Ana Lima",
        "email": "ana@example.org",
        "affiliation": "Museu Nacional",
        "language": "en",
        "consent": "on",
    } | fields


def kept(registration):
    return {
        answer.question.label_en or answer.question.label_ja: answer.value for answer in registration.answers.all()
    }


# The form in the visitor's language -------------------------------------------------------------------


def test_the_english_form_asks_the_questions_in_english_in_their_order(client, event, questions):
    html = client.get("/en/events/symposium/register/").content.decode()
    positions = [html.index(label) for label in ("Type of affiliation", "Will you join", "How did you hear")]
    assert positions == sorted(positions)
    assert "University or research institute" in html and "For our attendance figures." in html
    assert "大学・研究機関" not in html and "ご所属の種別" not in html


def test_the_japanese_form_asks_the_questions_in_japanese(client, event, questions):
    html = client.get("/ja/events/symposium/register/").content.decode()
    assert "ご所属の種別" in html and "大学・研究機関" in html and "集計のために伺います。" in html
    assert "Type of affiliation" not in html
    assert "はい" in html and "いいえ" in html


def test_a_question_only_in_japanese_is_shown_in_japanese_with_a_note_on_the_english_form(client, event, questions):
    html = client.get("/en/events/symposium/register/").content.decode()
    assert re.search(r'<label for="id_question_\d+" lang="ja">食事に関する配慮', html)
    assert html.count("This question is only available in Japanese.") == 1
    japanese = client.get("/ja/events/symposium/register/").content.decode()
    assert "でのみ提供されています" not in japanese and "only available" not in japanese


def test_an_option_only_in_english_is_noted_on_the_japanese_form(client, event):
    ask(
        event,
        QuestionKind.ONE_CHOICE,
        "参加方法",
        "How will you attend?",
        options="a | 会場 | In person\nb | | Online",
    )
    html = client.get("/ja/events/symposium/register/").content.decode()
    assert "Online" in html and "会場" in html
    assert "この設問の一部は英語でのみ提供されています。" in html


def test_optional_questions_are_marked_optional(client, event, questions):
    html = client.get("/en/events/symposium/register/").content.decode()
    assert html.count("(optional)") == 3


# Checking the answers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Please choose one of the options."), ("ja", "選択肢から一つお選びください。")],
)
def test_a_required_question_left_blank_is_refused_with_a_clear_message_and_nothing_is_sent(
    client, event, questions, language, message
):
    data = details() | answers(questions, reception="yes")
    response = client.post(f"/{language}/events/symposium/register/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors[f"question_{questions['affiliation'].pk}"] == [message]
    assert not mail.outbox and not PendingRegistration.objects.exists()


def test_a_required_yes_or_no_must_be_answered(client, event, questions):
    response = client.post("/en/events/symposium/register/", details() | answers(questions, affiliation="ngo"))
    assert response.context["form"].errors[f"question_{questions['reception'].pk}"] == ["Please answer yes or no."]
    assert not mail.outbox


@pytest.mark.parametrize(
    "given",
    [{"affiliation": "museum", "reception": "yes"}, {"affiliation": "ngo", "reception": "yes", "heard": ["radio"]}],
)
def test_an_answer_that_is_not_among_the_options_is_refused(client, event, questions, given):
    response = client.post("/en/events/symposium/register/", details() | answers(questions, **given))
    assert response.status_code == 200
    assert "Please choose among the options given." in response.content.decode()
    assert not mail.outbox and not PendingRegistration.objects.exists()


def test_a_short_answer_longer_than_200_characters_is_refused(client, event, questions):
    data = details() | answers(questions, affiliation="ngo", reception="no", diet="x" * 201)
    response = client.post("/en/events/symposium/register/", data)
    assert response.context["form"].errors[f"question_{questions['diet'].pk}"]
    assert not mail.outbox


# The public path: the answers wait with the confirmation link -------------------------------------------


def test_public_answers_wait_with_the_confirmation_link_and_are_kept_when_it_is_used(client, event, questions):
    given = answers(questions, affiliation="ngo", reception="no", heard=["colleague", "website"], diet="ベジタリアン")
    response = client.post("/en/events/symposium/register/", details() | given)
    assert response.status_code == 200
    pending = PendingRegistration.objects.get()
    assert pending.answers == {
        str(questions["affiliation"].pk): "ngo",
        str(questions["reception"].pk): False,
        str(questions["heard"].pk): ["website", "colleague"],
        str(questions["diet"].pk): "ベジタリアン",
    }
    assert not Registration.objects.exists()
    (message,) = mail.outbox
    # The request goes to an address nobody has confirmed yet: it carries none of the typed text.
    assert "ベジタリアン" not in message.body and "NGO" not in message.body

    link = re.search(r"http://testserver(/en/events/registration/confirm/\S+)", message.body).group(1)
    page = client.get(link).content.decode()
    assert "NGO or NPO" in page and "Website, A colleague" in page and "ベジタリアン" in page
    client.post(link)
    registration = Registration.objects.get()
    assert kept(registration) == {
        "Type of affiliation": "ngo",
        "Will you join the reception?": False,
        "How did you hear of it?": ["website", "colleague"],
        "食事に関する配慮": "ベジタリアン",
    }
    assert not PendingRegistration.objects.exists()


def test_the_manage_page_shows_the_answers_in_the_registrants_language(client, event, questions):
    client.post("/ja/events/symposium/register/", details(language="ja") | answers(questions, affiliation="university",
                                                                                    reception="yes"))  # fmt: skip
    link = re.search(r"http://testserver(/ja/events/registration/confirm/\S+)", mail.outbox[0].body).group(1)
    manage = client.post(link)["Location"]
    page = client.get(manage).content.decode()
    assert "ご所属の種別" in page and "大学・研究機関" in page and "はい" in page


def test_answers_that_no_longer_fit_the_questions_are_dropped_on_confirmation(client, event, questions):
    given = answers(questions, affiliation="ngo", reception="yes", heard=["news"], comments="楽しみにしています")
    client.post("/en/events/symposium/register/", details() | given)
    link = re.search(r"http://testserver(/en/events/registration/confirm/\S+)", mail.outbox[0].body).group(1)
    # Meanwhile staff drop an option (nobody had chosen it yet) and a question.
    questions["heard"].options = parse_options("website | ウェブサイト | Website\ncolleague | 同僚 | A colleague")
    questions["heard"].save()
    questions["comments"].delete()
    client.post(link)
    registration = Registration.objects.get()
    assert kept(registration) == {"Type of affiliation": "ngo", "Will you join the reception?": True}


# The member path: one form, one click -------------------------------------------------------------------


def test_a_member_answers_the_questions_and_the_answers_are_kept(client, member, event, questions):
    client.force_login(member)
    page = client.get("/en/events/symposium/register/").content.decode()
    assert "Type of affiliation" in page
    response = client.post(
        "/en/events/symposium/register/", answers(questions, affiliation="university", reception="yes", comments="")
    )
    assert response.status_code == 302
    registration = Registration.objects.get(user=member)
    assert kept(registration) == {"Type of affiliation": "university", "Will you join the reception?": True}


def test_a_member_who_leaves_a_required_question_blank_is_not_registered(client, member, event, questions):
    client.force_login(member)
    response = client.post("/ja/events/symposium/register/", answers(questions, reception="no"))
    assert response.status_code == 200
    assert "選択肢から一つお選びください。" in response.content.decode()
    assert not Registration.objects.exists() and not mail.outbox


def test_an_event_without_questions_still_registers_members_in_one_click(client, member):
    make_event(slug="seminar")
    client.force_login(member)
    assert client.post("/en/events/seminar/register/").status_code == 302
    registration = Registration.objects.get()
    assert not RegistrationAnswer.objects.filter(registration=registration).exists()
