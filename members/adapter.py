"""The portal's allauth adapter."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import ValidationError
from django.urls import translate_url
from django.utils import translation

from members.models import User


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

    def send_mail(self, template_prefix, email, context):
        """Account e-mails go out in the language the person chose, whatever page they were on,
        and their links open the pages in that language.

        An address with no account (allauth writes to it to prevent
        enumeration) gets the language of the page.
        """
        user = context.get("user")
        if getattr(user, "language", None) is None:
            user = User.objects.filter(email__iexact=email).only("language").first()
        language = getattr(user, "language", None) or translation.get_language()
        # allauth builds the links under the page's language prefix: point them at the reader's.
        context = {
            key: translate_url(value, language) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
