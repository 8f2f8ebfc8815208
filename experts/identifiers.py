"""Researcher identifiers an expert records: ORCID iD, researchmap ID and KAKEN researcher number.

Each has a ``normalize_*`` function that reads what a person pastes (the identifier's page address,
full-width digits, an ORCID iD without hyphens) and returns the stored form, or raises ValidationError
with a message saying what is wrong; a model validator of the stored form; and the address of the
identifier's public page.

- ORCID iD: sixteen characters in four groups of four (``0000-0002-1825-0097``), the last a check
  character computed by ISO 7064 MOD 11-2 over the fifteen digits before it (``X`` stands for 10).
- researchmap ID: the end of the researcher's address on researchmap.jp, three to twenty letters,
  digits, hyphens, underscores or full stops, never containing "admin" (which researchmap reserves).
- KAKEN researcher number (e-Rad): eight digits. Its page is the NII researcher identifier (NRID)
  ``10000`` followed by the number.

A publication's DOI (``10.1234/abc``) is read the same way, from its doi.org address too.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RESEARCHMAP_PATTERN = re.compile(r"^[0-9A-Za-z._-]{3,20}$")
KAKEN_PATTERN = re.compile(r"^\d{8}$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")

_ORCID_ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?orcid\.org/", re.IGNORECASE)
_RESEARCHMAP_ADDRESS = re.compile(r"^(?:https?://)?(?:www\.)?researchmap\.jp/", re.IGNORECASE)
_DOI_ADDRESS = re.compile(r"^(?:(?:https?://)?(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_NRID_ADDRESS = re.compile(r"^(?:https?://)?nrid\.nii\.ac\.jp/(?:(?:ja|en)/)?nrid/10000(\d{8})/?$", re.IGNORECASE)


def _typed(value):
    """What was typed, with full-width letters and digits made ASCII and spaces around it removed."""
    return unicodedata.normalize("NFKC", value or "").strip()


def orcid_check_character(digits):
    """The ISO 7064 MOD 11-2 check character of an ORCID iD's first fifteen digits."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid(value):
    """``value`` as a stored ORCID iD (``0000-0002-1825-0097``), or "" for an empty value."""
    typed = _ORCID_ADDRESS.sub("", _typed(value)).rstrip("/")
    if not typed:
        return ""
    compact = typed.replace("-", "").replace(" ", "").upper()
    if not re.fullmatch(r"\d{15}[\dX]", compact):
        raise ValidationError(
            _("An ORCID iD has sixteen characters in four groups of four, such as 0000-0002-1825-0097."),
            code="orcid_format",
        )
    if orcid_check_character(compact[:15]) != compact[15]:
        raise ValidationError(
            _(
                "This ORCID iD's last character does not match the digits before it: "
                "please check it for a typing error."
            ),
            code="orcid_check_digit",
        )
    return "-".join(compact[n : n + 4] for n in range(0, 16, 4))


def normalize_researchmap(value):
    """``value`` as a stored researchmap ID, or "" for an empty value."""
    typed = _RESEARCHMAP_ADDRESS.sub("", _typed(value)).strip("/")
    if not typed:
        return ""
    if not RESEARCHMAP_PATTERN.match(typed) or "admin" in typed.lower():
        raise ValidationError(
            _(
                "A researchmap ID is the end of your researchmap address (https://researchmap.jp/…): "
                "3 to 20 letters, digits, hyphens, underscores or full stops."
            ),
            code="researchmap_format",
        )
    return typed


def normalize_kaken(value):
    """``value`` as a stored KAKEN researcher number (eight digits), or "" for an empty value."""
    typed = _typed(value)
    from_address = _NRID_ADDRESS.match(typed)
    if from_address:
        return from_address.group(1)
    typed = typed.replace(" ", "").replace("-", "")
    if not typed:
        return ""
    if not KAKEN_PATTERN.match(typed):
        raise ValidationError(_("A KAKEN researcher number has exactly eight digits."), code="kaken_format")
    return typed


def normalize_doi(value):
    """``value`` as a stored DOI (``10.1234/abc``), or "" for an empty value."""
    typed = _DOI_ADDRESS.sub("", _typed(value))
    if not typed:
        return ""
    if not DOI_PATTERN.match(typed):
        raise ValidationError(_("A DOI begins with 10. and has a slash, such as 10.1000/xyz123."), code="doi_format")
    return typed


def _check_stored_form(normalize, value):
    if normalize(value) != value:
        raise ValidationError(_("Enter the identifier in its usual form."), code="not_normalized")


# The model fields' validators (module-level functions, so that migrations can name them): a stored
# value must be what the normalising function makes of it.
def validate_orcid(value):
    _check_stored_form(normalize_orcid, value)


def validate_researchmap(value):
    _check_stored_form(normalize_researchmap, value)


def validate_kaken(value):
    _check_stored_form(normalize_kaken, value)


def validate_doi(value):
    _check_stored_form(normalize_doi, value)


def orcid_url(orcid):
    return f"https://orcid.org/{orcid}"


def researchmap_url(researchmap_id):
    return f"https://researchmap.jp/{researchmap_id}"


def kaken_url(number):
    return f"https://nrid.nii.ac.jp/nrid/10000{number}/"


def doi_url(doi):
    return f"https://doi.org/{doi}"
