"""Subscriptions to news and events as sections of a person's data (``members.personal_data``): what each
subscription names, and the digests sent.

A person's subscribers are the account's, and those of public addresses the account has verified (an
address not proved the person's may be someone else's). Closing the account deletes them, with their
subscriptions and their digests: a digest is the record of one e-mail to one address, not a statistic the
secretariat keeps (the admin counts subscribers and their subscriptions, which closing leaves to the
others), just as unsubscribing a public address deletes its digests with it.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from events.models import Digest, Subscriber, Subscription
from members.personal_data import any_address, section, verified_addresses


def own_subscribers(user, addresses):
    """The account's subscriber, and the public ones whose address is among ``addresses``."""
    return Subscriber.objects.filter(Q(user=user) | (Q(user__isnull=True) & any_address(addresses)))


def _close(closing):
    own_subscribers(closing.user, closing.addresses).delete()


def _language(subscriber):
    return subscriber.user.get_language_display() if subscriber.user_id else subscriber.get_language_display()


def _name(place):
    return str(place) if place is not None else ""


@section(
    "subscriptions",
    _("Subscriptions to news and events"),
    order=65,
    close=_close,
    fields=[
        ("email", _("E-mail address")),
        ("language", _("Language of our e-mails")),
        ("region", _("Region")),
        ("country", _("Country")),
        ("committee", _("Committee")),
        ("topic", _("Topic")),
        ("event_kind", _("Kind of event")),
        ("created_at", _("Subscribed")),
        ("confirmed_at", _("Confirmed")),
    ],
)
def subscriptions(user):
    found = (
        Subscription.objects.described()
        .filter(subscriber__in=own_subscribers(user, verified_addresses(user)))
        .select_related("subscriber__user")
        .order_by("created_at", "pk")
    )
    return [
        {
            "email": subscription.subscriber.address,
            "language": _language(subscription.subscriber),
            "region": _name(subscription.region),
            "country": _name(subscription.country),
            "committee": _name(subscription.committee),
            "topic": _name(subscription.topic),
            "event_kind": subscription.get_event_kind_display(),
            "created_at": subscription.created_at,
            "confirmed_at": subscription.confirmed_at,
        }
        for subscription in found
    ]


@section(
    "subscription_digests",
    _("Digests of news and events sent to you"),
    order=66,
    fields=[
        ("date", _("When")),
        ("email", _("Sent to")),
        ("status", _("Status")),
        ("items", _("News articles and events")),
        ("language", _("Language")),
    ],
)
def subscription_digests(user):
    found = (
        Digest.objects.filter(subscriber__in=own_subscribers(user, verified_addresses(user)))
        .select_related("subscriber__user")
        .annotate(items=Count("entries"))
        .order_by("claimed_at", "pk")
    )
    return [
        {
            "date": digest.sent_at or digest.claimed_at,
            "email": digest.subscriber.address,
            "status": digest.get_status_display(),
            "items": digest.items,
            "language": digest.get_language_display(),
        }
        for digest in found
    ]
