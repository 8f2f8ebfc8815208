"""Certificates of attendance: the record that one was issued to an attendee, with its verification reference.

The PDF itself is made again on each download (``events.certificates``) from the registration and the event
as they stand, with the reference and the issue date recorded here, so that the secretariat can confirm a
certificate someone shows them by its reference.
"""

import secrets

from django.db import IntegrityError, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models.checkins import SHORT_CODE_ALPHABET

REFERENCE_LENGTH = 10
REFERENCE_PREFIX = "JCIC"
ISSUE_ATTEMPTS = 5


def new_reference():
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class CertificateQuerySet(models.QuerySet):
    def issue(self, registration):
        """The registration's certificate, recorded now if it has none (the caller checks attendance)."""
        for attempt in range(ISSUE_ATTEMPTS):
            try:
                certificate, _created = self.get_or_create(
                    registration=registration, defaults={"reference": new_reference}
                )
            except IntegrityError:
                # Another request issued it meanwhile, or the reference is taken: look again, or draw again.
                if attempt == ISSUE_ATTEMPTS - 1:
                    raise
                continue
            certificate.registration = registration
            return certificate
        return None


class Certificate(models.Model):
    """A certificate of attendance issued to a checked-in registrant."""

    registration = models.OneToOneField(
        "events.Registration", verbose_name=_("registration"), on_delete=models.CASCADE, related_name="certificate"
    )
    reference = models.CharField(_("verification reference"), max_length=REFERENCE_LENGTH, editable=False)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # Verifying a certificate: its reference names exactly one.
            models.UniqueConstraint(fields=["reference"], name="certificate_reference_unique"),
        ]

    def __str__(self):
        return self.reference_display

    @property
    def reference_display(self):
        """The reference as printed: ``JCIC-K7QF3-M9X2B``."""
        half = REFERENCE_LENGTH // 2
        return f"{REFERENCE_PREFIX}-{self.reference[:half]}-{self.reference[half:]}"
