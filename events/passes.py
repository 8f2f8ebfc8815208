"""What a registrant is given to check in with: the QR code of their pass, on their page and in their e-mails.

The QR code holds an address, not the bare token: ``/events/<slug>/check-in/?code=<token>``, without a
language prefix (the portal sends it to the reader's language). The desk's own scanner reads the token out
of it; and a phone whose browser cannot scan (Safari has no ``BarcodeDetector``) scans it with the
camera app, which opens the desk's page with the code filled in. Either way only staff who may check
people in can do anything with it; the registrant who scans their own code is asked to sign in.
"""

import io

import segno
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from events.models import CheckInPass

PNG_NAME = "check-in-code.png"
# Medium error correction survives a cracked phone screen or a crumpled print-out.
ERROR_CORRECTION = "m"


def check_in_path(event, code=""):
    """The desk's address for ``event`` without a language prefix, with ``code`` filled in when given."""
    with translation.override(None):
        path = reverse("events:check_in", args=[event.slug])
    language_prefix = path.split("/", 2)[1]
    path = path.removeprefix(f"/{language_prefix}")
    return f"{path}?code={code}" if code else path


def pass_url(check_in_pass, base_url):
    """What the pass's QR code says."""
    return base_url + check_in_path(check_in_pass.registration.event, check_in_pass.token)


def qr_code(text):
    return segno.make(text, error=ERROR_CORRECTION, micro=False)


def qr_svg(text):
    """The QR code as an inline SVG that scales with its box (its size is set by CSS)."""
    svg = qr_code(text).svg_inline(omitsize=True, svgclass="qr-code__image", lineclass=None)
    return mark_safe(svg)  # noqa: S308 (segno's markup; the text is in the paths, never in markup)


def qr_png(text):
    """The QR code as a PNG large enough to scan from a phone's screen or a print-out."""
    out = io.BytesIO()
    qr_code(text).save(out, kind="png", scale=8, border=4)
    return out.getvalue()


def _pass_for(registration):
    """The registration's pass; None for those not confirmed, at a cancelled event, and at one held only
    online (no door to check in at)."""
    if registration.event.is_cancelled or not registration.event.has_venue:
        return None
    return CheckInPass.objects.for_registration(registration)


def for_page(registration, base_url):
    """What a registrant's page shows to check in with; empty when they have no pass."""
    check_in_pass = _pass_for(registration)
    if check_in_pass is None:
        return {}
    return {"check_in_pass": check_in_pass, "check_in_qr": qr_svg(pass_url(check_in_pass, base_url))}


def for_email(registration, base_url):
    """(context, attachments) that put the pass in an e-mail: the short code in the text, the QR code as a PNG.

    Both empty when the registrant has no pass (someone on the waiting list)."""
    check_in_pass = _pass_for(registration)
    if check_in_pass is None:
        return {}, []
    png = qr_png(pass_url(check_in_pass, base_url))
    return {"check_in_code": check_in_pass.short_code_display, "check_in_qr_name": PNG_NAME}, [
        (PNG_NAME, png, "image/png")
    ]
