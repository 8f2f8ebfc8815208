"""Sign-in safeguards that apply to every request."""

import time

from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from members.access import has_second_factor, mark_second_factor_passed, passed_second_factor
from members.signals import LAST_SEEN_AT, SIGNED_IN_AT

# Record activity at most this often, so that reading pages does not write the session each time.
LAST_SEEN_RESOLUTION = 60


class SessionLifetimeMiddleware:
    """Sign out a session that was idle too long or has lived too long since sign-in.

    Django's session cookie age alone cannot do both: it either slides with
    activity (no absolute limit) or not (no idle limit). The session is
    flushed on the server, not only forgotten by the browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = request.session.get(LAST_SEEN_AT, now)
            idle = now - last_seen_at > settings.MEMBERS_SESSION_IDLE_TIMEOUT.total_seconds()
            too_old = now - signed_in_at > settings.MEMBERS_SESSION_MAX_LIFETIME.total_seconds()
            if idle or too_old:
                logout(request)
                messages.info(request, _("You have been signed out because your session expired."))
            elif now - last_seen_at >= LAST_SEEN_RESOLUTION or LAST_SEEN_AT not in request.session:
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)


class StaffSecondFactorMiddleware:
    """Mark whether the session passed a second factor, and keep staff out of the admin until it has.

    Staff without a second factor are sent to set one up; staff whose session
    has not passed theirs (it began before they added it) are asked for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            records = get_authentication_records(request, user)
            mark_second_factor_passed(user, any(record.get("method") == "mfa" for record in records))
            if user.is_staff and request.path.startswith(reverse("admin:index")) and not passed_second_factor(user):
                if has_second_factor(user):
                    messages.warning(request, _("Please confirm your second factor to use the admin."))
                    return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
                messages.warning(
                    request, _("Staff accounts need two-factor authentication. Please set it up to use the admin.")
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
