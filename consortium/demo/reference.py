"""The reference data demo records point to, loaded once and in a fixed order."""

from dataclasses import dataclass

from babel.languages import get_official_languages

from consortium.models import Country, Language
from experts.models import Specialty
from projects.models import Funder, FundingScheme


class MissingReferenceData(Exception):
    """The data migrations that load countries, languages, specialties and funders have not run."""


@dataclass(frozen=True)
class Reference:
    countries: dict  # ISO code -> Country
    languages: dict  # ISO 639 code -> Language
    specialties: tuple
    funders: tuple
    schemes: dict  # funder pk -> its funding schemes

    def languages_of(self, country_code):
        """The languages spoken in a country, as far as the portal lists them (Khmer for Cambodia…)."""
        codes = (code.split("_")[0] for code in get_official_languages(country_code, de_facto=True))
        return tuple(dict.fromkeys(code for code in codes if code in self.languages))


def load_reference():
    countries = {country.code.upper(): country for country in Country.objects.order_by("code")}
    languages = {language.code: language for language in Language.objects.order_by("code")}
    specialties = tuple(Specialty.objects.order_by("order", "code"))
    funders = tuple(Funder.objects.order_by("code"))
    schemes = {}
    for scheme in FundingScheme.objects.order_by("code"):
        schemes.setdefault(scheme.funder_id, []).append(scheme)
    missing = [
        label
        for label, present in (
            ("countries", "JP" in countries),
            ("languages", "ja" in languages and "en" in languages),
            ("specialties", specialties),
            ("funders", funders),
        )
        if not present
    ]
    if missing:
        raise MissingReferenceData(
            f"Reference data is missing ({', '.join(missing)}). It is loaded by the data migrations: "
            "run `python manage.py migrate` first."
        )
    return Reference(countries, languages, specialties, funders, schemes)
