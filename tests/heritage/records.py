"""The sites the admin tests build: the countries and threat they point to, the sites, and their import header."""

from consortium.models import Country
from heritage.models import DangerPeriod, HeritageSite, Threat

HEADER = (
    "id,whc_id,name_ja,name_en,name_fr,category,countries,transboundary,inscription_year,criteria,in_danger,"
    "latitude,longitude,area_hectares,description_ja,description_en,description_fr,threats"
)


def make_places():
    """Two neighbouring countries and a threat for the sites."""
    found = [
        Country.objects.get_or_create(code=code, defaults={"alpha3": alpha3, "name_ja": ja, "name_en": en})[0]
        for code, alpha3, ja, en in [
            ("BA", "BIH", "ボスニア・ヘルツェゴビナ", "Bosnia and Herzegovina"),
            ("HR", "HRV", "クロアチア", "Croatia"),
        ]
    ]
    threat, _ = Threat.objects.get_or_create(
        code="armed-conflict", defaults={"name_ja": "武力紛争", "name_en": "Armed conflict"}
    )
    return {"countries": found, "threat": threat}


def make_sites(count, places):
    start = HeritageSite.objects.count()
    sites = HeritageSite.objects.bulk_create(
        HeritageSite(
            name_en=f"Stećci {start + n}",
            name_ja=f"ステチュツィ{start + n}",
            whc_id=9000 + start + n,
            category="cultural",
            transboundary=True,
            criteria=["iii", "vi"],
        )
        for n in range(count)
    )
    for site in sites:
        site.countries.add(*places["countries"])
        site.threats.add(places["threat"])
    return sites


def add_danger_periods(site, count):
    """``count`` more periods ``site`` spent on the List in Danger: the rows of the site's change form."""
    start = DangerPeriod.objects.filter(site=site).count()
    for n in range(count):
        DangerPeriod.objects.create(site=site, start_year=1950 + 2 * (start + n), end_year=1951 + 2 * (start + n))
