"""allauth's own e-mails (password reset, verification) in the recipient's chosen language."""

import pytest
from django.core import mail

from tests.conftest import make_user


@pytest.mark.django_db
def test_password_reset_mail_follows_the_users_language_not_the_page(client):
    make_user("english.reader@example.org", language="en")
    client.post("/ja/accounts/password/reset/", {"email": "english.reader@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.isascii(), mail.outbox[0].subject
    assert "password" in mail.outbox[0].body.lower()
    assert "/en/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_password_reset_mail_in_japanese_for_a_japanese_reader_on_an_english_page(client):
    make_user("nihongo@example.org", language="ja")
    client.post("/en/accounts/password/reset/", {"email": "nihongo@example.org"})
    assert len(mail.outbox) == 1
    assert "パスワード" in mail.outbox[0].subject + mail.outbox[0].body


@pytest.mark.django_db
def test_unknown_address_is_answered_in_the_page_language(client):
    client.post("/ja/accounts/password/reset/", {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1
    assert not mail.outbox[0].subject.isascii()


def sign_up(client, page_language, language, email="aiko@example.org"):
    return client.post(
        f"/{page_language}/accounts/signup/",
        {
            "last_name": "Tanaka",
            "first_name": "Aiko",
            "email": email,
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "kind": "individual",
            "statement": "Conservation architect working in Central Asia.",
            "language": language,
            "consent": "on",
        },
    )


@pytest.mark.django_db
def test_verification_mail_at_sign_up_follows_the_language_chosen_not_the_page(client):
    sign_up(client, "ja", "en")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.isascii(), mail.outbox[0].subject
    assert mail.outbox[0].body.isascii(), mail.outbox[0].body
    assert "/en/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_verification_mail_at_sign_up_in_japanese_from_an_english_page(client):
    sign_up(client, "en", "ja")
    assert len(mail.outbox) == 1
    assert not mail.outbox[0].subject.isascii(), mail.outbox[0].subject
    assert "/ja/accounts/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_already_registered_mail_follows_the_account_holders_language(client):
    make_user("aiko@example.org", language="ja")
    sign_up(client, "en", "en")
    assert len(mail.outbox) == 1
    assert not mail.outbox[0].subject.isascii(), mail.outbox[0].subject
