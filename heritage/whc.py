"""Reading UNESCO's World Heritage list export ("whc-sites"), without the database.

The file is a real one with the faults of one: its bytes are mostly
Windows-1252 with some UTF-8 sequences in between, its descriptions are HTML
fragments full of entities, its names carry stray spaces, a transboundary
property lists several countries in one field, and letters that Windows-1252
cannot hold were replaced by "?" before publication. ``read_export`` turns it
into one ``WHCRow`` per property and the list of rows it could not read, with
the reason; ``heritage.whc_sync`` writes them for the ``import_whc`` command.
"""

import csv
import html
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path

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
CRITERIA_FLAG_COLUMNS = ("C1", "C2", "C3", "C4", "C5", "C6", "N7", "N8", "N9", "N10")
ROMAN_CRITERIA = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")

# Above this share of unreadable rows the file is not the export it claims to be.
MAX_REJECTED_FRACTION = 0.10

CATEGORIES = ("cultural", "natural", "mixed")  # UNESCO's, spelt as HeritageSite.Category values
FIRST_INSCRIPTION_YEAR = 1978
MAX_WHC_ID = 2**31 - 1  # the largest value of HeritageSite.whc_id's column

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


class ExportError(Exception):
    """The file as a whole is not a usable World Heritage list export."""


class RowError(ValueError):
    """One row cannot be imported; the message says why."""


@dataclass(frozen=True)
class DangerSpan:
    start_year: int
    end_year: int | None  # None: still on the List in Danger


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


# --- Text ---------------------------------------------------------------------------------

# Two- and three-byte UTF-8 sequences. Their continuation bytes (0x80-0xBF) can
# never start a sequence, so a scan from left to right cannot miss one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def _plausible_utf8(char):
    """Whether a character decoded from a UTF-8 sequence belongs in this Latin-script list.

    Three Windows-1252 characters can happen to form valid UTF-8: "íž" followed by a
    no-break space reads as U+D7A0, a Hangul letter. Two-byte sequences (Latin-1 to
    Arabic) are accepted unless they are control characters; three-byte ones only
    when they give punctuation, a symbol, a space or a Latin letter.
    """
    if ord(char) < 0x800:
        return unicodedata.category(char) != "Cc"
    return unicodedata.category(char)[0] in "PSZ" or "LATIN" in unicodedata.name(char, "")


def decode_text(raw: bytes) -> str:
    """Decode bytes that are Windows-1252 with UTF-8 sequences in between, sequence by sequence."""
    if raw.isascii():
        return raw.decode("ascii")
    parts = []
    position = 0
    for match in _UTF8_SEQUENCE.finditer(raw):
        try:
            char = match.group().decode("utf-8")
        except UnicodeDecodeError:  # an overlong form or a surrogate: not UTF-8
            continue
        if _plausible_utf8(char):
            parts.append(raw[position : match.start()].decode("cp1252", errors="replace"))
            parts.append(char)
            position = match.end()
    parts.append(raw[position:].decode("cp1252", errors="replace"))
    return "".join(parts)


_BLOCK_TAGS = {"p", "div", "ul", "ol", "table", "tr", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}
_LINE_TAGS = {"br", "li"}
_SKIPPED_TAGS = {"script", "style"}
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")  # what is not already a single plain space
_TAG = re.compile(r"</?[a-zA-Z]")
_PARAGRAPH_BREAK = "\n\n"
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, marking paragraph and line breaks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = 0
        self.superscript = 0

    def handle_starttag(self, tag, attrs):
        self._break(tag)
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "sup":
            self.superscript += 1
        elif tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "sup":
            self.superscript = max(0, self.superscript - 1)
        if tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH_BREAK)

    def handle_startendtag(self, tag, attrs):
        self._break(tag)

    def handle_data(self, data):
        if self.skipping:
            return
        # In HTML a line break in the source is a space; only tags break lines.
        data = data.replace("\r", " ").replace("\n", " ")
        # km<sup>2</sup> is km²; "13<sup>th</sup>" and "XVIII<sup>e</sup>" read as 13th and XVIIIe.
        self.parts.append(data.translate(_SUPERSCRIPT_DIGITS) if self.superscript else data)

    def _break(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append(_PARAGRAPH_BREAK)
        elif tag in _LINE_TAGS:
            self.parts.append("\n")


# A no-break space stays where typography wants one: inside French « guillemets »,
# before : ; ! ? and after a number ("1 300 ha", "170 km"). Elsewhere it is an editor's accident.
_UNWANTED_NO_BREAK_SPACE = re.compile(r"(?<![«\d])\xa0(?![»:;!?])")


def _normalise_spaces(line):
    """Collapse each run of white space into one space, or one no-break space where typography wants it."""
    line = _WHITESPACE.sub(lambda match: "\xa0" if set(match.group()) == {"\xa0"} else " ", line)
    return _UNWANTED_NO_BREAK_SPACE.sub(" ", line).strip()


def html_to_text(fragment: str, *, single_line=False) -> str:
    """Plain text of an HTML fragment: entities decoded, no tags, white space normalised.

    Paragraphs are separated by a blank line and list items or ``<br>`` start a new
    line; with ``single_line`` (names) every break becomes one space.
    """
    if _TAG.search(fragment):
        extractor = _TextExtractor()
        extractor.feed(fragment)
        extractor.close()
        text = "".join(extractor.parts)
    else:
        # Plain text (a few descriptions have no tags): its blank lines are the paragraph breaks.
        text = html.unescape(fragment)
    if single_line:
        return _normalise_spaces(text)
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_normalise_spaces(line) for line in block.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return _PARAGRAPH_BREAK.join(paragraphs)


# A "?" that stands where the export lost a letter Windows-1252 could not hold:
# touching a letter on its right ("?widnica", "Krom??íž") or doubled after one ("Zamo??").
_LOST_LETTER = re.compile(r"\?(?=\w)|(?<=\w)\?\?")


def lost_letters(text, *, is_name=False):
    """Whether the text shows letters replaced by "?" in the source (no name holds a question mark)."""
    return "\ufffd" in text or ("?" in text if is_name else bool(_LOST_LETTER.search(text)))


# --- Fields -------------------------------------------------------------------------------


def parse_whc_id(value):
    value = value.strip()
    # isascii: "²".isdigit() is true, and int("²") fails; the length keeps int() from long strings.
    if not (value.isascii() and value.isdigit() and len(value) <= 10 and 0 < int(value) <= MAX_WHC_ID):
        raise RowError(f"id_no {value!r} is not a positive whole number")
    return int(value)


def parse_category(value):
    category = value.strip().lower()
    if category not in CATEGORIES:
        raise RowError(f"category {value!r} is not Cultural, Natural or Mixed")
    return category


def parse_year(value, column):
    value = value.strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) == 4 and int(value) >= FIRST_INSCRIPTION_YEAR):
        raise RowError(f"{column} {value!r} is not a year since {FIRST_INSCRIPTION_YEAR}")
    return int(value)


_CRITERION = re.compile(r"\(([ivx]+)\)")


def parse_criteria(value):
    """ "(i)(ii)(iv)" → ("i", "ii", "iv"), in the order of the list."""
    text = value.strip().lower().replace(" ", "")
    found = _CRITERION.findall(text)
    if "".join(f"({c})" for c in found) != text or any(c not in ROMAN_CRITERIA for c in found):
        raise RowError(f"criteria_txt {value!r} is not a list of criteria such as (i)(ii)(iv)")
    return tuple(sorted(set(found), key=ROMAN_CRITERIA.index))


_DANGER_ENTRY = re.compile(r"([YP])\s*(\d{4})(?:\s*-\s*(\d{4}))?")


def parse_danger_list(value):
    """ "Y 2011 P 1996-2007" → periods 1996–2007 and 2011 onwards. Y: in danger since; P: a past period."""
    text = value.strip()
    spans = []
    position = 0
    for match in _DANGER_ENTRY.finditer(text):
        if text[position : match.start()].strip(" ,;"):
            break
        kind, start, end = match.group(1), int(match.group(2)), match.group(3)
        if kind == "Y" and end:
            raise RowError(f"danger_list {value!r}: a current period (Y) has no end year")
        if kind == "P" and not end:
            raise RowError(f"danger_list {value!r}: a past period (P) needs an end year")
        end = int(end) if end else None
        if end is not None and end < start:
            raise RowError(f"danger_list {value!r}: a period ends before it starts")
        spans.append(DangerSpan(start, end))
        position = match.end()
    if text[position:].strip(" ,;"):
        raise RowError(f"danger_list {value!r} is not a list such as 'Y 2003' or 'P 1997-2005'")
    starts = [span.start_year for span in spans]
    if len(set(starts)) != len(starts):
        raise RowError(f"danger_list {value!r} gives two periods starting the same year")
    if sum(span.end_year is None for span in spans) > 1:
        raise RowError(f"danger_list {value!r} gives two current periods")
    return tuple(sorted(spans, key=lambda span: span.start_year))


def parse_flag(value, column):
    value = value.strip()
    if value not in ("0", "1", ""):
        raise RowError(f"{column} {value!r} is not 0 or 1")
    return value == "1"


def parse_decimal(value, column, *, places, low=None, high=None, max_digits=None):
    value = value.strip()
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise RowError(f"{column} {value!r} is not a number") from None
    if not number.is_finite():
        raise RowError(f"{column} {value!r} is not a number")
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = f"{low} to {high}" if low is not None and high is not None else f"at least {low}"
        raise RowError(f"{column} {value} is out of range ({bounds})")
    if max_digits is None:
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    too_large = RowError(f"{column} {value} is too large (at most {max_digits - places} digits before the point)")
    # Checked before rounding too: rounding 1e100 to two places overflows the decimal context.
    if number.adjusted() >= max_digits - places:
        raise too_large
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if len(number.as_tuple().digits) > max_digits:
        raise too_large
    return number


_COUNTRY_CODE = re.compile(r"[a-z]{2}")


def parse_country_codes(value):
    """ "ba,hr,rs,me" → ("BA", "HR", "RS", "ME"); returns the codes and the parts that are not codes."""
    codes, junk = [], []
    for part in value.split(","):
        part = part.strip().lower()
        if not part:
            continue
        if _COUNTRY_CODE.fullmatch(part):
            if part.upper() not in codes:
                codes.append(part.upper())
        else:
            junk.append(part)
    return tuple(codes), junk


def parse_regions(value):
    """ "Europe and North America,Asia and the Pacific" → both names, once each."""
    parts = (part.strip() for part in html_to_text(value, single_line=True).split(","))
    return tuple(dict.fromkeys(part for part in parts if part))


# --- Rows ---------------------------------------------------------------------------------


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


# --- The file -----------------------------------------------------------------------------


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
