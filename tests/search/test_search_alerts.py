"""Saved searches' e-mail alerts: only new matches, once, in the member's language, only what the member may
see when it is sent; nothing for a lapsed member; one-click unsubscribing with a signed link."""

import io
import logging
import re
import threading
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortium.visibility import Visibility
from experts.models import Expert
from members.models import Membership
from search import alerts, saved, watch
from search.models import SavedSearch
from tests.conftest import make_user

ARCHAEOLOGY = {"specialty": ["archaeology"]}


def archaeologist(records, name, **fields):
    expert = Expert.objects.create(family_name_en=name, given_name_en="A.", **fields)
    expert.specialties.set(records.yamada.specialties.all())
    return expert


def make_due(*searches):
    SavedSearch.objects.filter(pk__in=[search.pk for search in searches]).update(
        next_alert_at=timezone.now() - timedelta(minutes=1)
    )


def run():
    out = io.StringIO()
    call_command("send_search_alerts", stdout=out)
    return out.getvalue()


def unsubscribe_path(message):
    return re.search(r"https?://[^/]+(/\S+/members/searches/unsubscribe/\S+/)", message.body).group(1)


@pytest.fixture
def weekly(member, records):
    return saved.create(member, "experts", ARCHAEOLOGY, name="Archaeologists", alerts="weekly")


def test_an_alert_lists_only_the_new_matches_with_absolute_links(weekly, records):
    newcomer = archaeologist(records, "Newcomer")
    make_due(weekly)
    assert "1 alert(s) sent" in run()
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert f"{settings.PORTAL_URL}/ja/experts/{newcomer.pk}/" in message.body
    # Those that matched when the search was saved are not new.
    assert f"/experts/{records.yamada.pk}/" not in message.body
    assert f"{settings.PORTAL_URL}/ja/experts/?specialty=archaeology" in message.body
    weekly.refresh_from_db()
    assert set(weekly.seen_ids) == {records.yamada.pk, records.dupont.pk, newcomer.pk}
    assert weekly.last_sent_at is not None
    assert weekly.next_alert_at > timezone.now() + timedelta(days=6)


def test_an_alert_is_sent_once_however_often_the_command_runs(weekly, records):
    archaeologist(records, "Newcomer")
    make_due(weekly)
    run()
    run()
    assert len(mail.outbox) == 1
    # Due again a week later, with nothing new since: nothing is sent, and the check is recorded.
    make_due(weekly)
    assert "0 alert(s) sent" in run()
    assert len(mail.outbox) == 1
    weekly.refresh_from_db()
    assert weekly.next_alert_at > timezone.now()


def test_nothing_is_sent_before_the_alert_is_due(weekly, records):
    archaeologist(records, "Newcomer")
    run()
    assert mail.outbox == []


def test_the_alert_is_in_the_members_language(member, records):
    english = make_user("reader.en@example.org", status=Membership.Status.ACTIVE, language="en")
    searches = [
        saved.create(user, "projects", {"q": ["Bamiyan"]}, name="Bamiyan", alerts="monthly")
        for user in (member, english)
    ]
    project = records.bamiyan_project.__class__.objects.create(
        title_en="Bamiyan cave survey", title_ja="バーミヤン石窟の調査", kind="research", start_year=2024
    )
    make_due(*searches)
    run()
    by_reader = {message.to[0]: message for message in mail.outbox}
    japanese, english_message = by_reader["member@example.org"], by_reader["reader.en@example.org"]
    assert "保存した検索「Bamiyan」に新たに1件が該当しました" in japanese.subject
    assert "バーミヤン石窟の調査" in japanese.body
    assert f"/ja/projects/{project.pk}/" in japanese.body
    assert "毎月" in japanese.body
    assert "A new match for your saved search “Bamiyan”" in english_message.subject
    assert "Bamiyan cave survey" in english_message.body
    assert f"/en/projects/{project.pk}/" in english_message.body
    assert "once a month" in english_message.body


def test_an_alert_lists_only_what_the_member_may_see_when_it_is_sent(weekly, records):
    open_record = archaeologist(records, "Open")
    staff_only = archaeologist(records, "Confidential", visibility=Visibility.STAFF)
    make_due(weekly)
    run()
    [first] = mail.outbox
    assert f"/experts/{open_record.pk}/" in first.body
    assert f"/experts/{staff_only.pk}/" not in first.body
    assert "Confidential" not in first.body
    # Opened to members later, the record is new to them: the next alert lists it.
    staff_only.visibility = Visibility.MEMBERS
    staff_only.save()
    make_due(weekly)
    run()
    assert len(mail.outbox) == 2
    assert f"/experts/{staff_only.pk}/" in mail.outbox[1].body
    assert f"/experts/{open_record.pk}/" not in mail.outbox[1].body


def test_staff_alerts_never_carry_staff_only_records(staff, records):
    search = saved.create(staff, "experts", ARCHAEOLOGY, alerts="weekly")
    archaeologist(records, "Confidential", visibility=Visibility.STAFF)
    make_due(search)
    run()
    assert mail.outbox == []


def test_a_lapsed_member_gets_nothing_until_they_are_active_again(weekly, member, records):
    newcomer = archaeologist(records, "Newcomer")
    Membership.objects.filter(user=member).update(status=Membership.Status.SUSPENDED)
    make_due(weekly)
    assert "1 skipped" in run()
    assert mail.outbox == []
    weekly.refresh_from_db()
    assert newcomer.pk not in weekly.seen_ids  # what they were not told stays new
    assert weekly.next_alert_at > timezone.now()
    Membership.objects.filter(user=member).update(status=Membership.Status.ACTIVE)
    make_due(weekly)
    run()
    [message] = mail.outbox
    assert f"/experts/{newcomer.pk}/" in message.body


def test_records_that_stop_matching_and_match_again_are_new_again(weekly, records):
    make_due(weekly)
    records.dupont.specialties.clear()
    run()
    assert mail.outbox == []
    records.dupont.specialties.set(records.yamada.specialties.all())
    make_due(weekly)
    run()
    [message] = mail.outbox
    assert f"/experts/{records.dupont.pk}/" in message.body


def test_a_long_list_is_cut_with_a_link_to_the_rest(weekly, records, monkeypatch):
    monkeypatch.setattr(alerts, "LISTED", 2)
    newest = [archaeologist(records, f"Newcomer {number}") for number in range(3)]
    make_due(weekly)
    run()
    [message] = mail.outbox
    assert "3件の記録が該当しました" in message.body
    assert f"/experts/{newest[2].pk}/" in message.body
    assert f"/experts/{newest[0].pk}/" not in message.body
    assert "ほかに1件あります" in message.body


def test_every_due_search_is_checked_in_batches(member, records):
    searches = [
        saved.create(member, "experts", {"q": [word]}, alerts="weekly") for word in ("Newcomer", "Alpha", "Beta")
    ]
    for name in ("Newcomer", "Alpha", "Beta"):
        Expert.objects.create(family_name_en=name)
    make_due(*searches)
    outcomes = alerts.send_due(settings.PORTAL_URL, batch_size=1)
    assert len(outcomes) == 3
    assert len(mail.outbox) == 3


def test_a_failed_send_is_logged_by_ids_and_its_records_are_listed_next_time(weekly, records, monkeypatch, caplog):
    newcomer = archaeologist(records, "Newcomer")

    def refuse(*args, **kwargs):
        raise OSError("550 <member@example.org> unknown")

    monkeypatch.setattr(alerts.EmailMessage, "send", refuse)
    make_due(weekly)
    with caplog.at_level(logging.WARNING, logger="search.alerts"):
        assert "1 failed" in run()
    assert "member@example.org" not in caplog.text
    assert f"saved search {weekly.pk}" in caplog.text
    weekly.refresh_from_db()
    assert newcomer.pk not in weekly.seen_ids
    monkeypatch.undo()
    make_due(weekly)
    run()
    assert f"/experts/{newcomer.pk}/" in mail.outbox[0].body


def test_only_the_newest_matches_are_kept_beyond_the_bound(weekly, records, monkeypatch):
    monkeypatch.setattr(watch, "WATCH_LIMIT", 2)
    older = archaeologist(records, "Older")
    newer = archaeologist(records, "Newer")
    make_due(weekly)
    run()
    weekly.refresh_from_db()
    assert weekly.seen_ids == [newer.pk, older.pk]
    assert weekly.seen_from_id == older.pk
    # A record added later is always found; one older than the kept ids that starts to match is the bound's price.
    newest = archaeologist(records, "Newest")
    records.oyamada.specialties.add(*records.yamada.specialties.all())
    make_due(weekly)
    run()
    body = mail.outbox[-1].body
    assert f"/experts/{newest.pk}/" in body
    assert f"/experts/{records.oyamada.pk}/" not in body


def test_monthly_alerts_fall_on_the_same_day_or_the_months_last():
    tokyo = timezone.get_current_timezone()
    january_31 = datetime(2025, 1, 31, 9, 0, tzinfo=tokyo)
    assert saved.period_after(january_31, "monthly") == datetime(2025, 2, 28, 9, 0, tzinfo=tokyo)
    assert saved.period_after(datetime(2025, 12, 15, 9, 0, tzinfo=tokyo), "monthly") == datetime(
        2026, 1, 15, 9, 0, tzinfo=tokyo
    )
    assert saved.period_after(january_31, "weekly") == january_31 + timedelta(days=7)


# Unsubscribing ------------------------------------------------------------------------------------


def test_the_alert_carries_a_one_click_unsubscribe_header(weekly, records):
    archaeologist(records, "Newcomer")
    make_due(weekly)
    run()
    [message] = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link.startswith(settings.PORTAL_URL + "/ja/members/searches/unsubscribe/")
    assert link in message.body


def test_the_signed_link_turns_the_alerts_off_without_signing_in(client, weekly, records):
    archaeologist(records, "Newcomer")
    make_due(weekly)
    run()
    path = unsubscribe_path(mail.outbox[0])
    confirm = client.get(path)
    assert confirm.status_code == 200
    assert "Archaeologists" in confirm.content.decode()
    weekly.refresh_from_db()
    assert weekly.alerts == "weekly"  # a GET changes nothing: mail systems' link checkers follow links
    # A mail program's one-click POST carries no CSRF token and no session.
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    weekly.refresh_from_db()
    assert (weekly.alerts, weekly.next_alert_at) == ("none", None)
    assert SavedSearch.objects.filter(pk=weekly.pk).exists()  # the search itself stays
    assert "通知は停止しています" in client.get(path).content.decode()


def test_a_forged_unsubscribe_link_is_refused(client, weekly, member, records):
    other = saved.create(make_user("other@example.org", status=Membership.Status.ACTIVE), "experts", ARCHAEOLOGY)
    token = alerts.unsubscribe_token(weekly)
    _payload, signature = token.rsplit(":", 1)
    other_payload = alerts.unsubscribe_token(other).rsplit(":", 1)[0]
    for bad in [f"{other_payload}:{signature}", token[:-2] + "xx", "not-a-token"]:
        response = client.post(reverse("saved_searches:unsubscribe", args=[bad]))
        assert response.status_code == 400
    weekly.refresh_from_db()
    assert weekly.alerts == "weekly"


def test_a_deleted_searchs_link_no_longer_works(client, weekly):
    token = alerts.unsubscribe_token(weekly)
    weekly.delete()
    assert client.post(reverse("saved_searches:unsubscribe", args=[token])).status_code == 400


# Runs at once ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_search_another_run_holds_is_skipped_and_sent_once(member, records):
    weekly = saved.create(member, "experts", ARCHAEOLOGY, alerts="weekly")
    archaeologist(records, "Newcomer")
    make_due(weekly)
    locked, release = threading.Event(), threading.Event()

    def hold():
        with transaction.atomic():
            list(SavedSearch.objects.select_for_update().filter(pk=weekly.pk))
            locked.set()
            release.wait(timeout=10)
        connection.close()

    other_run = threading.Thread(target=hold)
    other_run.start()
    try:
        assert locked.wait(timeout=10)
        assert "Checked 0" in run()
    finally:
        release.set()
        other_run.join()
    run()
    run()
    assert len(mail.outbox) == 1
