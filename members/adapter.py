"""The portal's allauth adapter."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import ValidationError


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request, **credentials):
        """Answer 429 Too Many Requests once the ``login_failed`` limit is spent.

        allauth reports the spent limit as a form error with status 200; a
        429 tells scripts and proxies plainly to back off, and the page still
        explains it to a person.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            raise ImmediateHttpResponse(ratelimit.respond_429(request)) from error
