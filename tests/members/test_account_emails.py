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
