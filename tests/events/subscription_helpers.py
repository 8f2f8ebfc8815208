"""Builders for subscribers and subscriptions, shared by the subscription and digest tests."""

import re

from django.core import mail
from django.utils import timezone

from events.models import Subscriber, Subscription


def public_subscriber(email, language="en", since=None, **choice):
    """A public address with one confirmed subscription, its digests counting from ``since`` (now)."""
    subscriber = Subscriber.objects.create(email=email, language=language, digested_until=since or timezone.now())
    Subscription.objects.create(subscriber=subscriber, confirmed_at=timezone.now(), **choice)
    return subscriber


def account_subscriber(user, since=None, **choice):
    subscriber = Subscriber.objects.create(user=user, digested_until=since or timezone.now())
    Subscription.objects.create(subscriber=subscriber, confirmed_at=timezone.now(), **choice)
    return subscriber


def link_path(message, name):
    """The path of the first link to ``/subscriptions/<name>/…`` in an e-mail's body."""
    return re.search(rf"https?://[^/\s]+(/(?:ja|en)/subscriptions/{name}/\S+/)", message.body).group(1)


def messages_to(address):
    return [message for message in mail.outbox if message.to == [address]]
