"""While PostgreSQL is unreachable, pages answer 503 with Retry-After and a short page in both languages."""

import socket
from contextlib import contextmanager

import pytest
from django.db import connection


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def database_down():
    """Points the connection at a port where nothing listens, as during a PostgreSQL restart."""
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert "Temporarily unavailable" in text
    assert "一時的にご利用いただけません" in text


# The connection is closed and reopened, which the transaction of an ordinary test would not survive;
# such tests are slow to set up, hence few.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_answer_503_while_the_database_is_down_and_healthz_its_json(client):
    with database_down():
        pages = {path: client.get(path) for path in ["/ja/", "/en/news/", "/en/events/"]}
        health = client.get("/healthz")
    for response in pages.values():
        assert_unavailable_page(response)
    assert health.status_code == 503
    assert health.json() == {"status": "error", "database": "unavailable", "cache": "ok"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_signed_in_page_answers_503_when_the_session_cannot_be_loaded(client, member):
    client.force_login(member)
    client.raise_request_exception = False  # as a server would: the outage meets Django's error handler
    with database_down():
        response = client.get("/en/members/")
    assert_unavailable_page(response)
    text = response.content.decode()
    assert text.index("Temporarily unavailable") < text.index("一時的にご利用いただけません")
