"""Helpers for the World Heritage import tests: the real export and small crafted files.

Countries come from the consortium's reference-data migration, as in production.
"""

import csv
import io
from pathlib import Path

import pytest

# The consortium downloads the export; the tests read the copy kept next to the repository.
WHC_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "whc-sites-2019.csv"

HEADER = [
    *("unique_number", "id_no", "rev_bis", "name_en", "name_fr"),
    *("short_description_en", "short_description_fr", "justification_en", "justification_fr"),
    *("date_inscribed", "secondary_dates", "danger", "date_end", "danger_list"),
    *("longitude", "latitude", "area_hectares"),
    *("C1", "C2", "C3", "C4", "C5", "C6", "N7", "N8", "N9", "N10", "criteria_txt", "category", "category_short"),
    *("states_name_en", "states_name_fr", "region_en", "region_fr", "iso_code", "udnp_code", "transboundary"),
]


def require_whc_file():
    if not WHC_FILE.exists():
        pytest.skip(f"UNESCO's export is not at {WHC_FILE}")
    return WHC_FILE


def whc_row(**values):
    """One row of the export as a dict of text, a plausible property unless told otherwise."""
    row = dict.fromkeys(HEADER, "")
    row.update(
        {
            "unique_number": "1",
            "id_no": "191",
            "name_en": "Djémila",
            "name_fr": "Djémila",
            "short_description_en": "<p>Djémila or Cuicul, with its forum, temples, basilicas&hellip;</p>",
            "short_description_fr": "<p>Djémila, ou Cuicul, l&rsquo;ancienne cité romaine.</p>",
            "date_inscribed": "1982",
            "danger": "0",
            "longitude": "5.73667",
            "latitude": "36.32056",
            "area_hectares": "30.6",
            "C1": "0",
            "C2": "0",
            "C3": "1",
            "C4": "1",
            "C5": "0",
            "C6": "0",
            "N7": "0",
            "N8": "0",
            "N9": "0",
            "N10": "0",
            "criteria_txt": "(iii)(iv)",
            "category": "Cultural",
            "category_short": "C",
            "states_name_en": "Algeria",
            "region_en": "Arab States",
            "iso_code": "dz",
            "udnp_code": "dza",
            "transboundary": "0",
        }
    )
    row.update(values)
    return row


def write_export(path, rows, *, header=HEADER, encoding="cp1252"):
    """Write rows (dicts) as the export does: CSV, Windows-1252 unless told otherwise."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
