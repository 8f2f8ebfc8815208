"""Reading the text of a report's PDF, so that search finds a report by a sentence deep inside it.

Bounded: at most MAX_PAGES pages, MAX_CHARACTERS characters and SECONDS_LIMIT seconds per file, so
that a hostile or enormous PDF cannot hold a request for long. A file whose text cannot be read is
kept all the same, marked so that staff see why.
"""

import logging
import time

from django.utils.translation import gettext

from reports.models import ReportFile

logger = logging.getLogger(__name__)

MAX_PAGES = 500
MAX_CHARACTERS = 200_000
"""Per file, and for a report's files together: well under PostgreSQL's 1 MB limit of a tsvector."""
SECONDS_LIMIT = 20


def read_text(fieldfile):
    """The text of the PDF, bounded; raises on a file pypdf cannot read."""
    from pypdf import PdfReader

    started = time.monotonic()
    pieces, length = [], 0
    with fieldfile.storage.open(fieldfile.name, "rb") as stream:
        reader = PdfReader(stream)
        if reader.is_encrypted:
            raise ValueError(gettext("The PDF is encrypted."))
        for number, page in enumerate(reader.pages):
            if number >= MAX_PAGES or length >= MAX_CHARACTERS or time.monotonic() - started > SECONDS_LIMIT:
                break
            text = page.extract_text() or ""
            pieces.append(text)
            length += len(text) + 1
    return "\n".join(pieces).replace("\x00", "")[:MAX_CHARACTERS]


def extract(report_file):
    """Read ``report_file``'s text into the row and its report's search text; on failure record why."""
    try:
        text = read_text(report_file.file)
    except Exception as error:  # noqa: BLE001 - any failure of a foreign file is the file's, not the request's
        logger.warning("Text of report file %s could not be read: %r", report_file.pk, error)
        fields = {
            "text": "",
            "extraction_status": ReportFile.Extraction.FAILED,
            "extraction_error": (str(error) or type(error).__name__)[:1000],
        }
    else:
        fields = {"text": text, "extraction_status": ReportFile.Extraction.DONE, "extraction_error": ""}
    ReportFile.objects.filter(pk=report_file.pk).update(**fields)
    for name, value in fields.items():
        setattr(report_file, name, value)
    report_file.report.refresh_file_text()
