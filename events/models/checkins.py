"""Check-in at an event: each confirmed registrant's pass, and the record that they came.

A pass has two codes, both meaning "this registration" and nothing else:

- a **token**, which the QR code carries: a random nonce (16 bytes) and Django's signature of it
  (``django.core.signing.Signer``, the project's secret key, a salt of its own). The registrant's
  page shows the QR code again whenever it is opened, so the server must be able to rebuild the
  token; a secret stored only as a digest (as the confirmation links are) could never be shown
  again. Signing a stored nonce gives what a digest would: a copy of the database alone cannot
  make a working token, since the signature needs the secret key. It also lets the desk tell a
  tampered or invented token from one it merely does not know, before any look-up. The token
  holds no registration number, name or address: it is opaque, and nothing can be learnt from
  reading it.
- a **short code** a person can read out or type when no camera works: 8 characters of
  Crockford's base 32 (digits and capitals without I, L, O and U; a typed I or L is read as 1, an
  O as 0), unique across all events, so that a code typed at the wrong event's desk is still
  recognised as another event's. 32⁸ (10¹²) codes leave nothing to guess, and only staff who may
  check people in can try one.

A pass is made the first time a confirmed registration needs it (its e-mail, its page): a person
on the waiting list has none until they move up. It is single-use because a registration has at
most one ``CheckIn`` (a unique one-to-one), whichever code, or the staff's list, admitted them.
"""

import re
import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SHORT_CODE_LENGTH = 8
# What people type for the letters the alphabet leaves out.
SHORT_CODE_READINGS = str.maketrans({"I": "1", "L": "1", "O": "0"})
SIGNING_SALT = "events.check-in"
SIGNATURE_SEPARATOR = "."
# A new pass is retried on the rare clash of a short code with another's.
ISSUE_ATTEMPTS = 5


def new_nonce():
    return secrets.token_urlsafe(16)


def new_short_code():
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))


def looks_like_token(text):
    """Longer than any short code, with the token's separator: the desk reads it as a token, signed or not."""
    return SIGNATURE_SEPARATOR in text and len(text) > 2 * SHORT_CODE_LENGTH


def token_signer():
    return signing.Signer(salt=SIGNING_SALT, sep=SIGNATURE_SEPARATOR)


def normalise_short_code(text):
    """The short code ``text`` spells, in capitals without spaces, hyphens or dots; None when it spells none."""
    code = re.sub(r"[\s.\-]", "", text).upper().translate(SHORT_CODE_READINGS)
    if len(code) != SHORT_CODE_LENGTH or any(character not in SHORT_CODE_ALPHABET for character in code):
        return None
    return code


class CheckInPassQuerySet(models.QuerySet):
    def for_registration(self, registration):
        """The registration's pass, made now if it has none; None unless the registration is confirmed."""
        if registration.status != registration.Status.CONFIRMED:
            return None
        for attempt in range(ISSUE_ATTEMPTS):
            try:
                found, _created = self.get_or_create(
                    registration=registration, defaults={"nonce": new_nonce, "short_code": new_short_code}
                )
            except IntegrityError:
                # Another request made it meanwhile, or the short code is taken: look again, or draw again.
                if attempt == ISSUE_ATTEMPTS - 1:
                    raise
                continue
            found.registration = registration
            return found
        return None

    def for_nonce(self, nonce):
        return self.select_related("registration__event").filter(nonce=nonce).first()

    def for_short_code(self, code):
        return self.select_related("registration__event").filter(short_code=code).first()


class CheckInPass(models.Model):
    """The codes a confirmed registrant shows at the door: a token in a QR code, and a short code."""

    registration = models.OneToOneField(
        "events.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="check_in_pass",
    )
    nonce = models.CharField(_("random part of the token"), max_length=32, unique=True, editable=False)
    short_code = models.CharField(_("short code"), max_length=SHORT_CODE_LENGTH, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)

    objects = CheckInPassQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in pass")
        verbose_name_plural = _("check-in passes")

    def __str__(self):
        return self.short_code_display

    @property
    def token(self):
        """What the QR code carries: the nonce and its signature, nothing personal."""
        return token_signer().sign(self.nonce)

    @property
    def short_code_display(self):
        """The short code in two halves, easier to read out: ``K7QF-3M9X``."""
        half = SHORT_CODE_LENGTH // 2
        return f"{self.short_code[:half]}-{self.short_code[half:]}"


class CheckIn(models.Model):
    """A registrant's attendance: made once, by the staff at the door or from their list."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")

    class Method(models.TextChoices):
        QR_CODE = "qr", _("QR code")
        SHORT_CODE = "code", _("short code")
        LIST = "list", _("from the list")

    registration = models.OneToOneField(
        "events.Registration", verbose_name=_("registration"), on_delete=models.CASCADE, related_name="check_in"
    )
    mode = models.CharField(_("attended"), max_length=16, choices=Mode.choices, default=Mode.IN_PERSON)
    method = models.CharField(_("checked in with"), max_length=16, choices=Method.choices)
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at", "-pk"]

    def __str__(self):
        return str(self.registration)

    def get_absolute_url(self):
        return reverse("events:check_in_list", args=[self.registration.event.slug])

    @property
    def staff_name(self):
        """Who checked the person in, as their colleagues know them; empty when the account is gone."""
        user = self.checked_in_by
        if user is None:
            return ""
        return user.get_full_name() or user.email


def check_in_count(mode):
    """The number of check-ins in ``mode`` at the event of the outer query (a subquery, 0 when none)."""
    counted = (
        CheckIn.objects.filter(registration__event=OuterRef("pk"), mode=mode)
        .order_by()
        .values("registration__event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted), 0)
