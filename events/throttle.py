"""A small limit on how often the public registration form may send e-mail.

The form sends a message to any address typed into it, so without a limit it
could be used to flood someone's mailbox. Counts live in the shared cache, so
the limit holds across processes and hosts.
"""

import hashlib

from allauth.account.adapter import get_adapter
from django.core.cache import cache

CONFIRMATIONS_PER_ADDRESS = 3
CONFIRMATIONS_PER_CLIENT = 20
PERIOD = 60 * 60


def _spend(scope, identity, limit):
    key = "events:throttle:" + hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()
    if cache.add(key, 1, timeout=PERIOD):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # The window ended between the two calls.
        return cache.add(key, 1, timeout=PERIOD)


def may_send_confirmation(request, email):
    """Count one confirmation e-mail; False once the address or the client has had its share this hour."""
    client = get_adapter(request).get_client_ip(request)
    return _spend("client", client, CONFIRMATIONS_PER_CLIENT) and _spend(
        "address", email.lower(), CONFIRMATIONS_PER_ADDRESS
    )
