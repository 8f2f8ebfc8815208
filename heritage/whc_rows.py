"""One row of UNESCO's World Heritage list export: its columns read into the fields of a site.

``parse_row`` parses each column (``heritage.whc_fields``), checks the columns
against each other (a warning where they disagree, a ``RowError`` where the
row cannot be used) and gives a ``WHCRow``, whose ``site_values`` are the
``heritage.HeritageSite`` fields an import sets.
"""

from dataclasses import dataclass
from decimal import Decimal

from heritage.whc_fields import (
    ROMAN_CRITERIA,
    DangerSpan,
    RowError,
    parse_category,
    parse_country_codes,
    parse_criteria,
    parse_danger_list,
    parse_decimal,
    parse_flag,
    parse_regions,
    parse_whc_id,
    parse_year,
)
from heritage.whc_text import html_to_text, lost_letters

CRITERIA_FLAG_COLUMNS = ("C1", "C2", "C3", "C4", "C5", "C6", "N7", "N8", "N9", "N10")

# The HeritageSite fields an import sets from a row; heritage.whc_sync compares and writes them.
SITE_FIELDS = (
    "name_en",
    "name_fr",
    "category",
    "inscription_year",
    "criteria",
    "in_danger",
    "latitude",
    "longitude",
    "area_hectares",
    "description_en",
    "description_fr",
    "transboundary",
)


@dataclass(frozen=True)
class WHCRow:
    """One property, cleaned; ``row`` is its row number as a spreadsheet shows it (header = 1)."""

    row: int
    whc_id: int
    name_en: str
    name_fr: str
    category: str
    inscription_year: int | None
    criteria: tuple[str, ...]
    in_danger: bool
    danger_periods: tuple[DangerSpan, ...]
    latitude: Decimal | None
    longitude: Decimal | None
    area_hectares: Decimal | None
    description_en: str
    description_fr: str
    country_codes: tuple[str, ...]
    regions: tuple[str, ...]  # UNESCO's regions, in English, as the file names them
    transboundary: bool
    warnings: tuple[str, ...] = ()

    def site_values(self):
        """The values of ``heritage.HeritageSite`` fields this row sets, by field name."""
        values = {name: getattr(self, name) for name in SITE_FIELDS}
        values["criteria"] = list(self.criteria)
        return values


def parse_row(record, row):
    """A ``WHCRow`` from one decoded record (column → text); raises ``RowError`` if it cannot be used."""
    warnings = []

    def warn(message):
        warnings.append(f"row {row} (id_no {whc_id}): {message}")

    whc_id = parse_whc_id(record["id_no"])
    name_en = html_to_text(record["name_en"], single_line=True)
    name_fr = html_to_text(record["name_fr"], single_line=True)
    if not (name_en or name_fr):
        raise RowError("the property has no name in English or French")
    for column, name in (("name_en", name_en), ("name_fr", name_fr)):
        if len(name) > 400:
            raise RowError(f"{column} is longer than 400 characters")

    criteria = parse_criteria(record["criteria_txt"])
    flags = [record.get(column, "").strip() for column in CRITERIA_FLAG_COLUMNS]
    if all(flag in ("0", "1") for flag in flags):
        flagged = tuple(c for c, flag in zip(ROMAN_CRITERIA, flags, strict=True) if flag == "1")
        if flagged != criteria:
            warn(f"criteria_txt {record['criteria_txt']!r} disagrees with the columns C1..N10; criteria_txt kept")

    in_danger = parse_flag(record["danger"], "danger")
    periods = parse_danger_list(record["danger_list"])
    if in_danger != any(span.end_year is None for span in periods):
        warn(f"danger is {int(in_danger)} but danger_list is {record['danger_list'].strip()!r}; danger kept")

    latitude = parse_decimal(record["latitude"], "latitude", places=6, low=-90, high=90)
    longitude = parse_decimal(record["longitude"], "longitude", places=6, low=-180, high=180)
    if (latitude is None) != (longitude is None):
        raise RowError("latitude and longitude must both be given, or neither")
    if latitude == 0 and longitude == 0:
        warn("coordinates 0, 0 are a placeholder, not a place; imported without coordinates")
        latitude = longitude = None
    area = parse_decimal(record["area_hectares"], "area_hectares", places=2, low=0, max_digits=14)
    if area == 0:
        area = None  # UNESCO writes 0 where no area was recorded

    codes, junk = parse_country_codes(record["iso_code"])
    if junk:
        warn(f"iso_code {record['iso_code']!r}: {', '.join(junk)} ignored, not country codes")
    states = html_to_text(record["states_name_en"], single_line=True)
    regions = parse_regions(record["region_en"])
    if not codes:
        where = ", ".join(filter(None, (states, *regions))) or "no state named"
        warn(f"no country code ({where}): imported without a country, so without a region")
    transboundary = parse_flag(record["transboundary"], "transboundary")
    if transboundary != (len(codes) > 1):
        warn(f"transboundary is {int(transboundary)} but {len(codes)} countries are listed; transboundary kept")

    description_en = html_to_text(record["short_description_en"])
    description_fr = html_to_text(record["short_description_fr"])
    damaged = [
        column
        for column, text, is_name in (
            ("name_en", name_en, True),
            ("name_fr", name_fr, True),
            ("short_description_en", description_en, False),
            ("short_description_fr", description_fr, False),
        )
        if lost_letters(text, is_name=is_name)
    ]
    if damaged:
        warn(f"letters lost in the source file, shown as '?': {', '.join(damaged)}")

    return WHCRow(
        row=row,
        whc_id=whc_id,
        name_en=name_en,
        name_fr=name_fr,
        category=parse_category(record["category"]),
        inscription_year=parse_year(record["date_inscribed"], "date_inscribed"),
        criteria=criteria,
        in_danger=in_danger,
        danger_periods=periods,
        latitude=latitude,
        longitude=longitude,
        area_hectares=area,
        description_en=description_en,
        description_fr=description_fr,
        country_codes=codes,
        regions=regions,
        transboundary=transboundary,
        warnings=tuple(warnings),
    )
