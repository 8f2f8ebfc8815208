"""The certificate of attendance as a PDF: one A4 page in the attendee's language, drawn with reportlab.

The Japanese font is embedded (as a subset of the glyphs used), so the certificate reads the same on
every computer. reportlab embeds TrueType outlines only: Noto Sans CJK, which Debian's fonts-noto-cjk
installs, has PostScript (CFF) outlines and cannot be used. The portal takes ``CERTIFICATE_FONT``
(``DJANGO_CERTIFICATE_FONT``) when it is set, else the first of ``SYSTEM_FONTS`` installed: IPAex Mincho
from Debian's fonts-ipaexfont-mincho, which ``make`` installs, first (IPA Font License, which allows
embedding).
"""

import functools
import html
import io
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from consortium.bilingual import localized
from events.models import CheckIn

FONT_NAME = "CertificateFont"
SYSTEM_FONTS = [
    "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-mincho.ttf",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/truetype/takao-mincho/TakaoMincho.ttf",
    "/usr/share/fonts/truetype/takao-gothic/TakaoGothic.ttf",
    "/usr/share/fonts/truetype/vlgothic/VL-Gothic-Regular.ttf",
]
INK = HexColor("#1f2a37")
ACCENT = HexColor("#7a5c1e")
MARGIN = 22 * mm
# The secretariat issues certificates in Tokyo, whatever the event's zone.
ISSUING_ZONE = ZoneInfo(settings.TIME_ZONE)


class FontUnavailable(Exception):
    """No Japanese TrueType font to embed: the message says what to install or set."""


def font_path():
    """The font file to embed: the setting's, else the first system font found. Raises FontUnavailable."""
    configured = getattr(settings, "CERTIFICATE_FONT", "")
    if configured:
        if not Path(configured).is_file():
            raise FontUnavailable(f"DJANGO_CERTIFICATE_FONT names no file: {configured}")
        return configured
    for candidate in SYSTEM_FONTS:
        if Path(candidate).is_file():
            return candidate
    raise FontUnavailable(
        "No Japanese TrueType font for certificates: install Debian's fonts-ipaexfont-mincho (make does, as "
        "root), or set DJANGO_CERTIFICATE_FONT to a .ttf file with TrueType outlines."
    )


@functools.cache
def _registered(path):
    """Register the font with reportlab once per process (its registry is global); returns its name."""
    try:
        pdfmetrics.registerFont(TTFont(FONT_NAME, path))
    except (TTFError, OSError) as error:
        raise FontUnavailable(f"{path} cannot be embedded in a PDF: {error}") from error
    return FONT_NAME


def font():
    return _registered(font_path())


def _style(name, size, *, leading=None, alignment=TA_CENTER, color=INK):
    return ParagraphStyle(
        name,
        fontName=font(),
        fontSize=size,
        leading=leading or size * 1.45,
        alignment=alignment,
        textColor=color,
        wordWrap="CJK",  # breaks Japanese lines between any two characters, and Latin ones between words
    )


# Month names in full on a certificate; the language's own date format otherwise (2026年2月14日).
DATE_FORMATS = {"en": "F j, Y"}


def _date(moment, zone):
    language = translation.get_language()
    return formats.date_format(timezone.localtime(moment, zone), DATE_FORMATS.get(language, "DATE_FORMAT"))


def event_dates(event):
    """The day (or the first and last days) of the event, on the venue's calendar, in the active language."""
    first, last = _date(event.starts_at, event.zone), _date(event.ends_at, event.zone)
    return first if first == last else f"{first} – {last}"


def venue(registration):
    """Where the attendee attended: online for those checked in online, else the event's venue."""
    event = registration.event
    attended_online = getattr(registration, "check_in", None) and registration.check_in.mode == CheckIn.Mode.ONLINE
    if attended_online or not event.has_venue:
        return gettext("Online")
    name = localized(event, "venue_name").text
    address = localized(event, "venue_address").text
    if name and address:
        return gettext("%(venue)s (%(address)s)") % {"venue": name, "address": address}
    return name or address


def facts(certificate, language):
    """What the certificate states, in ``language``: a dict of its texts (the tests read them too)."""
    registration = certificate.registration
    event = registration.event
    with translation.override(language):
        return {
            "heading": gettext("Certificate of Attendance"),
            "name": pgettext("name on a certificate", "%(name)s") % {"name": registration.name},
            "statement": gettext("This is to certify that the person named above attended the following event."),
            "rows": [
                (gettext("Event"), localized(event, "title", language).text),
                (gettext("Date"), event_dates(event)),
                (gettext("Venue"), venue(registration)),
            ],
            "issued": gettext("Issued on %(date)s") % {"date": _date(certificate.issued_at, ISSUING_ZONE)},
            "issuer": gettext("Consortium for International Cooperation in Cultural Heritage"),
            "reference": gettext("Verification reference: %(reference)s")
            % {"reference": certificate.reference_display},
            "verification": gettext(
                "The consortium's secretariat confirms this certificate on request, quoting its reference."
            ),
            "document_title": gettext("Certificate of Attendance: %(event)s")
            % {"event": localized(event, "title", language).text},
        }


def _draw(pdf, paragraph, x, top, width):
    """Draw ``paragraph`` with its top at ``top``; returns the height it took."""
    _width, height = paragraph.wrap(width, top)
    paragraph.drawOn(pdf, x, top - height)
    return height


def render(certificate, language):
    """The certificate as PDF bytes, in ``language``."""
    texts = facts(certificate, language)
    page_width, page_height = A4
    width = page_width - 2 * MARGIN
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(texts["document_title"])
    pdf.setAuthor(texts["issuer"])
    pdf.setSubject(texts["heading"])
    pdf.setCreator("JCIC-Heritage")

    # A double frame, as printed certificates have.
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(2)
    pdf.rect(12 * mm, 12 * mm, page_width - 24 * mm, page_height - 24 * mm)
    pdf.setLineWidth(0.6)
    pdf.rect(15 * mm, 15 * mm, page_width - 30 * mm, page_height - 30 * mm)

    def text(value):
        # Paragraphs read a little markup: names and titles are text.
        return html.escape(value, quote=False)

    top = page_height - 45 * mm
    top -= _draw(pdf, Paragraph(text(texts["issuer"]), _style("issuer-top", 11, color=ACCENT)), MARGIN, top, width)
    top -= 14 * mm
    top -= _draw(pdf, Paragraph(text(texts["heading"]), _style("heading", 28)), MARGIN, top, width)
    top -= 22 * mm
    top -= _draw(pdf, Paragraph(text(texts["name"]), _style("name", 22)), MARGIN, top, width)
    top -= 14 * mm
    top -= _draw(pdf, Paragraph(text(texts["statement"]), _style("statement", 12)), MARGIN, top, width)
    top -= 12 * mm

    label_style = _style("label", 11, alignment=TA_LEFT, color=ACCENT)
    value_style = _style("value", 12, alignment=TA_LEFT)
    table = Table(
        [[Paragraph(text(label), label_style), Paragraph(text(value), value_style)] for label, value in texts["rows"]],
        colWidths=[32 * mm, width - 52 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, ACCENT),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    top -= _draw(pdf, table, MARGIN + 10 * mm, top, width - 20 * mm)

    bottom = 38 * mm
    closing = [
        Paragraph(text(texts["issued"]), _style("issued", 12)),
        Paragraph(text(texts["issuer"]), _style("issuer", 15)),
        Paragraph(text(texts["reference"]), _style("reference", 10)),
        Paragraph(text(texts["verification"]), _style("verification", 8, color=ACCENT)),
    ]
    gaps = [6 * mm, 8 * mm, 2 * mm, 0]
    heights = [paragraph.wrap(width, page_height)[1] for paragraph in closing]
    y = bottom + sum(heights) + sum(gaps)
    for paragraph, height, gap in zip(closing, heights, gaps, strict=True):
        paragraph.drawOn(pdf, MARGIN, y - height)
        y -= height + gap

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
