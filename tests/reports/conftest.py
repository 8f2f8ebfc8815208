import itertools

import pytest
from django.core.files.base import ContentFile

from reports.models import Access, Report, ReportFile
from reports.samplepdf import make_pdf

_serial = itertools.count(1)

FILLER = "The survey team recorded the condition of the walls and the drainage of the site."

# A sentence on page 40 of a 45-page survey, and a Japanese line on page 41.
DEEP_SENTENCE = "The lime mortars of the northern gallery were consolidated with nanolime injections."
DEEP_JAPANESE = "北回廊の壁画は修復後も定期的な点検が必要である。"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def long_survey_pdf():
    pages = [[f"Page {number}", FILLER, FILLER] for number in range(1, 46)]
    pages[39].append(DEEP_SENTENCE)
    pages[40].append(DEEP_JAPANESE)
    return make_pdf(pages)


def make_report(*, access=Access.MEMBERS, pdf=None, language=ReportFile.Language.EN, countries=(), **fields):
    number = next(_serial)
    defaults = {
        "title_ja": f"報告書{number}",
        "title_en": f"Report {number}",
        "kind": Report.Kind.COUNTRY_SURVEY,
        "fiscal_year": 2024,
        "access": access,
    }
    report = Report.objects.create(**(defaults | fields))
    if countries:
        report.countries.set(countries)
    if pdf is not None:
        ReportFile.objects.create(report=report, file=ContentFile(pdf, name="Survey Report.pdf"), language=language)
        report.refresh_from_db()
    return report
