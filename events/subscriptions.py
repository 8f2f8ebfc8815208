"""Subscribing, confirming and unsubscribing; which news and events a subscription matches; its links.

Members (anyone signed in) subscribe from their account: the account's address is verified, so their
subscriptions count at once. The public confirm their address: the link carries a random secret of which
only the digest is kept, works once, and for as long as a registration's confirmation link; unconfirmed
subscriptions are then dropped. The manage and unsubscribe links in every e-mail are signed and carry the
subscriber's key: a new key (staff renew it in the admin) revokes them.
"""

import hmac
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation

from consortium.link_secrets import digest, new_secret
from consortium.models import Country
from consortium.throttle import client_address, spend
from events.models import Event, Subscriber, Subscription
from events.models.subscriptions import MAX_SUBSCRIPTIONS

MANAGE_SALT = "events.subscriptions.manage"
UNSUBSCRIBE_SALT = "events.subscriptions.unsubscribe"
# Links in digests keep working for a year; a renewed key revokes them at once.
LINK_MAX_AGE = timedelta(days=365)
# A subscription's calendar holds its upcoming events and those of the last few weeks.
FEED_PAST = timedelta(days=30)
FEED_SIZE = 200
# As many confirmation e-mails as the public registration form may send (events.throttle).
CONFIRMATIONS_PER_ADDRESS = 3
CONFIRMATIONS_PER_CLIENT = 20
PERIOD = 60 * 60


class SubscriptionRefused(Exception):
    """Why a subscription cannot be added, in words for the visitor (the form shows it)."""


def may_send_confirmation(request, email):
    """Count one confirmation e-mail; False once the address or the client has had its share this hour."""
    return spend(
        "subscriptions:client", client_address(request), limit=CONFIRMATIONS_PER_CLIENT, period=PERIOD
    ) and spend("subscriptions:address", email.lower(), limit=CONFIRMATIONS_PER_ADDRESS, period=PERIOD)


def drop_expired(now=None):
    """Delete unconfirmed subscriptions whose link has expired, and public addresses left with none."""
    Subscription.objects.expired(now).delete()
    Subscriber.objects.filter(user__isnull=True).exclude(
        Exists(Subscription.objects.filter(subscriber=OuterRef("pk")))
    ).delete()


# Subscribing ---------------------------------------------------------------------------------------------


def _same_choice(subscriber, choice):
    return subscriber.subscriptions.filter(
        region=choice.get("region"),
        country=choice.get("country"),
        committee=choice.get("committee"),
        topic=choice.get("topic"),
        event_kind=choice.get("event_kind") or "",
    )


def _check_room(subscriber):
    if subscriber.pk and subscriber.subscriptions.count() >= MAX_SUBSCRIPTIONS:
        raise SubscriptionRefused("limit")


def subscriber_for_user(user):
    """The account's subscriber, made on first use; a public subscriber with the account's (verified)
    address becomes the account's, so that one address never gets two digests."""
    subscriber = Subscriber.objects.filter(user=user).first()
    if subscriber is not None:
        return subscriber
    with transaction.atomic():
        public = Subscriber.objects.select_for_update().filter(user__isnull=True, email__iexact=user.email).first()
        if public is not None:
            public.user = user
            public.email = ""
            public.save(update_fields=["user", "email"])
            return public
        try:
            with transaction.atomic():
                return Subscriber.objects.create(user=user, language=user.language)
        except IntegrityError:  # Another request of the same person made it first.
            return Subscriber.objects.get(user=user)


def subscribe_account(user, choice, now=None):
    """Add a confirmed subscription for a signed-in person; SubscriptionRefused("duplicate" or "limit")."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber = _locked(subscriber_for_user(user))
        if _same_choice(subscriber, choice).filter(confirmed_at__isnull=False).exists():
            raise SubscriptionRefused("duplicate")
        # An unconfirmed request for the same choice (made while signed out) is confirmed by this one.
        _same_choice(subscriber, choice).delete()
        _check_room(subscriber)
        subscription = Subscription.objects.create(subscriber=subscriber, confirmed_at=now, **_fields(choice))
        _start_digests(subscriber, now)
    return subscription


def _locked(subscriber):
    """The subscriber again, locked until the transaction ends: two requests for one address (a double
    click) change its subscriptions one after the other, never into the same unique row at once."""
    return Subscriber.objects.select_for_update(of=("self",)).select_related("user").get(pk=subscriber.pk)


def _fields(choice):
    return {name: choice.get(name) for name in ("region", "country", "committee", "topic")} | {
        "event_kind": choice.get("event_kind") or ""
    }


def _start_digests(subscriber, now):
    """A new subscriber's first digest tells of what is announced from now on, not of the archive."""
    if subscriber.digested_until is None:
        Subscriber.objects.filter(pk=subscriber.pk, digested_until__isnull=True).update(digested_until=now)
        subscriber.digested_until = now


def request_public(email, choice, language):
    """A member of the public asks for a subscription: returns (what to send, subscriber, token).

    What to send is "confirm" (with the link's secret), "already" (the address has this subscription) or
    "limit" (it has as many as one address may): the last two are told so, with the manage link. The page
    says the same in every case, so that nobody learns from it whether an address subscribes to anything.
    """
    drop_expired()
    with transaction.atomic():
        subscriber = Subscriber.objects.for_address(email)
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, language=language)
            except IntegrityError:
                subscriber = Subscriber.objects.for_address(email)
        subscriber = _locked(subscriber)
        same = _same_choice(subscriber, choice)
        if same.filter(confirmed_at__isnull=False).exists():
            return "already", subscriber, None
        # A new request for the same choice replaces the earlier one: only the latest link works.
        same.delete()
        try:
            _check_room(subscriber)
        except SubscriptionRefused:
            return "limit", subscriber, None
        token = new_secret()
        Subscription.objects.create(subscriber=subscriber, token_hash=digest(token), **_fields(choice))
    return "confirm", subscriber, token


def confirm(subscription, language, now=None):
    """Confirm a public subscription from its link; the language of the page becomes the e-mails' language."""
    now = now or timezone.now()
    with transaction.atomic():
        updated = Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, token_hash=""
        )
        subscriber = subscription.subscriber
        if updated and subscriber.user_id is None and language in dict(settings.LANGUAGES):
            subscriber.language = language
            subscriber.save(update_fields=["language"])
        _start_digests(subscriber, now)
    return bool(updated)


def unsubscribe(subscriber, subscription=None):
    """Remove one subscription, or (without one) every subscription and, for a public address, the address.

    An account keeps its subscriber row (and its digests' record) when it has none left; a public
    address is personal data kept only while it is used.
    """
    if subscription is not None:
        subscription.delete()
        if subscriber.user_id is None and not subscriber.subscriptions.exists():
            subscriber.delete()
        return
    if subscriber.user_id is None:
        subscriber.delete()
    else:
        subscriber.subscriptions.all().delete()


# Links ----------------------------------------------------------------------------------------------------


def manage_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.key], salt=MANAGE_SALT)


def unsubscribe_token(subscriber, subscription=None):
    """One subscription's link, or (without one) the link that stops every digest to the address."""
    values = [subscriber.pk, subscriber.key, subscription.pk if subscription else 0]
    return signing.dumps(values, salt=UNSUBSCRIBE_SALT)


def _load(token, salt):
    try:
        values = signing.loads(token, salt=salt, max_age=LINK_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(values, list) or len(values) < 2:
        return None
    subscriber = Subscriber.objects.filter(pk=values[0]).select_related("user").first()
    if subscriber is None or not hmac.compare_digest(str(values[1]), subscriber.key):
        return None
    return subscriber, values[2:]


def subscriber_from_manage_token(token):
    loaded = _load(token, MANAGE_SALT)
    return loaded[0] if loaded else None


def from_unsubscribe_token(token):
    """(subscriber, subscription pk or 0 for all) of a valid link, or None.

    The subscription may have gone since (unsubscribed already): the caller says so rather than fail."""
    loaded = _load(token, UNSUBSCRIBE_SALT)
    if loaded is None or len(loaded[1]) != 1 or not isinstance(loaded[1][0], int):
        return None
    return loaded[0], loaded[1][0]


def absolute(path):
    return settings.PORTAL_URL.rstrip("/") + path


def links(subscriber, language, subscriptions=()):
    """The e-mail's absolute links, in ``language``: manage, unsubscribe from all, and one per subscription."""

    def unsubscribe_url(subscription=None):
        return absolute(reverse("subscriptions:unsubscribe", args=[unsubscribe_token(subscriber, subscription)]))

    with translation.override(language):
        return {
            "manage_url": absolute(reverse("subscriptions:manage", args=[manage_token(subscriber)])),
            "unsubscribe_url": unsubscribe_url(),
            "each": [(subscription, unsubscribe_url(subscription)) for subscription in subscriptions],
        }


def feed_url(subscription):
    return reverse("subscriptions:feed", args=[subscription.feed_key])


# Matching ---------------------------------------------------------------------------------------------------


def _countries(subscription):
    """The countries a subscription's place covers, as a query; None when it names no place."""
    if subscription.country_id:
        return Country.objects.filter(pk=subscription.country_id).values("pk")
    if subscription.region_id:
        return Country.objects.filter(
            Q(unesco_region=subscription.region_id) | Q(subcommittee_region=subscription.region_id)
        ).values("pk")
    if subscription.committee_id:
        return subscription.committee.covered_countries().values("pk")
    return None


def _linked(model, field, **condition):
    """Exists a row of ``model``'s many-to-many ``field`` from the outer row that meets ``condition``."""
    through = model._meta.get_field(field).remote_field.through
    return Exists(through.objects.filter(**{f"{model._meta.model_name}_id": OuterRef("pk")}, **condition))


def matching(subscription, model):
    """A Q on ``model`` (NewsArticle or Event) for what the subscription asks for; None for nothing.

    Everything the subscription names must match: a country among the item's countries in its place, its
    topic among the item's topics, its kind of event (which news have not)."""
    if subscription.event_kind and model is not Event:
        return None
    condition = Q()
    countries = _countries(subscription)
    if countries is not None:
        condition &= Q(_linked(model, "countries", country__in=countries))
    if subscription.topic_id:
        condition &= Q(_linked(model, "topics", specialty=subscription.topic_id))
    if subscription.event_kind:
        condition &= Q(kind=subscription.event_kind)
    return condition


def matching_any(subscriptions, model):
    """A Q for what any of the subscriptions asks for; None when none can match ``model``."""
    conditions = [condition for condition in (matching(s, model) for s in subscriptions) if condition is not None]
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def feed_events(subscription, now=None):
    """The subscription's calendar: matching announced events, upcoming and of the last weeks.

    It carries what the public events list and calendar show: public events and the announcements of
    members-only ones (whose pages say who may register), cancelled ones marked so, which calendars
    then update. So it is the same for whoever holds its address, and needs no sign-in.
    """
    now = now or timezone.now()
    condition = matching(subscription, Event)
    return (
        Event.objects.announced()
        .filter(condition, ends_at__gte=now - FEED_PAST)
        .order_by("starts_at", "pk")[:FEED_SIZE]
    )
