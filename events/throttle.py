"""A small limit on how often the public registration form may send e-mail.

The form sends a message to any address typed into it, so without a limit it
could be used to flood someone's mailbox. Counts live in the shared cache, so
the limit holds across processes and hosts.
"""

from consortium.throttle import client_address, spend

CONFIRMATIONS_PER_ADDRESS = 3
CONFIRMATIONS_PER_CLIENT = 20
PERIOD = 60 * 60


def may_send_confirmation(request, email):
    """Count one confirmation e-mail; False once the address or the client has had its share this hour."""
    client = client_address(request)
    return spend("events:client", client, limit=CONFIRMATIONS_PER_CLIENT, period=PERIOD) and spend(
        "events:address", email.lower(), limit=CONFIRMATIONS_PER_ADDRESS, period=PERIOD
    )
