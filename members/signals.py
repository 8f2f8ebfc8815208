import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SIGNED_IN_AT = "members.signed_in_at"
LAST_SEEN_AT = "members.last_seen_at"


@receiver(user_logged_in)
def remember_sign_in_time(sender, request, user, **kwargs):
    """Start the session's clocks (see members.middleware.SessionLifetimeMiddleware)."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now
