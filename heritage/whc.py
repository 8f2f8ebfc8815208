"""Reading UNESCO's World Heritage list export ("whc-sites"), without the database.

The file is a real one with the faults of one: its bytes are mostly
Windows-1252 with some UTF-8 sequences in between, its descriptions are HTML
fragments full of entities, its names carry stray spaces, a transboundary
property lists several countries in one field, and letters that Windows-1252
cannot hold were replaced by "?" before publication. ``read_export`` splits
the file into records, has each read by ``heritage.whc_rows`` (which cleans
the text with ``heritage.whc_text`` and parses the fields with
``heritage.whc_fields``) and returns one ``WHCRow`` per property and the list
of rows it could not read, with the reason; ``heritage.whc_sync`` writes them
for the ``import_whc`` command.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from heritage.whc_fields import RowError
from heritage.whc_rows import WHCRow, parse_row
from heritage.whc_text import decode_text

# The columns the importer reads; UNESCO's export has a few more, which are ignored.
REQUIRED_COLUMNS = (
    "id_no",
    "name_en",
    "name_fr",
    "short_description_en",
    "short_description_fr",
    "date_inscribed",
    "danger",
    "danger_list",
    "longitude",
    "latitude",
    "area_hectares",
    "criteria_txt",
    "category",
    "states_name_en",
    "region_en",
    "iso_code",
    "transboundary",
)

# Above this share of unreadable rows the file is not the export it claims to be.
MAX_REJECTED_FRACTION = 0.10


class ExportError(Exception):
    """The file as a whole is not a usable World Heritage list export."""


@dataclass
class RejectedRow:
    row: int
    reason: str
    whc_id: str = ""

    def __str__(self):
        label = f"row {self.row}" + (f" (id_no {self.whc_id})" if self.whc_id else "")
        return f"{label}: {self.reason}"


@dataclass
class Export:
    rows: list[WHCRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def warnings(self):
        return [warning for row in self.rows for warning in row.warnings]


def _records(raw, name):
    """The header and the (row number, fields) of each record, fields still as bytes."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        raise ExportError(f"{name} is empty.")
    if b"\x00" in raw[:65536]:
        raise ExportError(f"{name} is not a text file; it holds binary data.")
    # Latin-1 maps each byte to one character and back, so the CSV is split on the
    # bytes themselves; each field is decoded on its own afterwards.
    reader = csv.reader(io.StringIO(raw.decode("latin-1"), newline=""), strict=True)
    try:
        header = next(reader)
        records = [(index, fields) for index, fields in enumerate(reader, start=2) if any(f.strip() for f in fields)]
    except csv.Error as error:
        raise ExportError(f"{name} cannot be read as CSV (line {reader.line_num}: {error}).") from None
    header = [column.strip().lower() for column in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
        raise ExportError(
            f"{name} is not UNESCO's World Heritage list export (whc-sites): "
            f"{len(missing)} of its columns are missing ({shown})."
        )
    if not records:
        raise ExportError(f"{name} has the export's columns but no rows.")
    return header, records


def read_export(path, *, progress=None):
    """Read a whc-sites CSV export into an ``Export``; raise ``ExportError`` if the file is unusable.

    ``progress`` may wrap the list of records (a tqdm bar, say). Rows that cannot be
    used are rejected with their reason; if more than ``MAX_REJECTED_FRACTION`` of
    the rows are, the whole file is refused.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ExportError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise ExportError(f"{path} is a directory, not a file.") from None
    except OSError as error:
        raise ExportError(f"{path} cannot be read: {error.strerror}.") from None

    header, records = _records(raw, path.name)
    export = Export()
    seen = {}
    for row, fields in progress(records) if progress else records:
        if len(fields) != len(header):
            export.rejected.append(RejectedRow(row, f"has {len(fields)} fields where the header has {len(header)}"))
            continue
        record = {column: decode_text(value.encode("latin-1")) for column, value in zip(header, fields, strict=True)}
        try:
            parsed = parse_row(record, row)
        except RowError as error:
            export.rejected.append(RejectedRow(row, str(error), record["id_no"].strip()))
            continue
        if parsed.whc_id in seen:
            export.rejected.append(
                RejectedRow(row, f"id_no {parsed.whc_id} is already on row {seen[parsed.whc_id]}", str(parsed.whc_id))
            )
            continue
        seen[parsed.whc_id] = row
        export.rows.append(parsed)

    total = len(export.rows) + len(export.rejected)
    if len(export.rejected) > MAX_REJECTED_FRACTION * total:
        raise ExportError(
            f"{path.name}: {len(export.rejected)} of its {total} rows cannot be read, more than "
            f"{MAX_REJECTED_FRACTION:.0%}; the file is not usable and nothing was imported. "
            f"First: {export.rejected[0]}."
        )
    return export
