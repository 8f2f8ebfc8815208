"""Demo reports: a handful of surveys, proceedings and activity reports with small bilingual PDF files.

Called by ``seed_demo`` as ``seed(rng, stdout)``, after the projects, sites and events exist. Reports are
keyed by their English title, so running it again updates them (their files are written once). The PDF
files are made here (``reports.samplepdf``) with English and Japanese text, so that search by a word
from a file (``drainage``, ``修復``) can be tried at once.
"""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from events.models import Event
from heritage.models import HeritageSite
from projects.models import CooperationProject
from reports.models import Access, Report, ReportFile
from reports.samplepdf import make_pdf

# (kind, fiscal year, country codes, access, title_ja, title_en, abstract_ja, abstract_en, authors, English and
# Japanese lines of the PDF's findings)
REPORTS = [
    (
        Report.Kind.COUNTRY_SURVEY, 2023, ["LA"], Access.PUBLIC,
        "ラオス人民民主共和国 文化遺産保護に関する協力相手国調査報告書",
        "Partner-country survey: cultural heritage protection in the Lao PDR",
        "ラオスの文化遺産保護制度、担当機関、協力の要望を現地調査に基づいてまとめた。",
        "The system for protecting cultural heritage in Laos, its responsible bodies and the requests for "
        "cooperation, from a field survey.",
        "Sato K., Phommachanh S.",
        ["Sandstone temples at Vat Phou show salt weathering and failing drainage.",
         "Local conservators asked for training in documentation and monitoring."],
        ["ワット・プー寺院の砂岩は塩類風化が進み、排水の修復が急務である。", "記録作成と点検の研修が求められている。"],
    ),
    (
        Report.Kind.COUNTRY_SURVEY, 2022, ["MN"], Access.MEMBERS,
        "モンゴル国 文化遺産協力相手国調査報告書",
        "Partner-country survey: Mongolia",
        "モンゴルの遊牧文化に関わる無形遺産と考古遺跡の保存状況を調査した。",
        "A survey of the intangible heritage of nomadic culture and of archaeological sites in Mongolia.",
        "Tanaka Y., Bat-Erdene O.",
        ["Rock art of the Altai is exposed to frost cycles and to visitors.",
         "Museum storage needs climate control and an inventory of collections."],
        ["アルタイの岩画は凍結融解と来訪者の影響を受けている。", "博物館収蔵庫の保存環境の改善が必要である。"],
    ),
    (
        Report.Kind.RECOVERY_SURVEY, 2016, ["NP"], Access.PUBLIC,
        "ネパール地震後の文化遺産被害調査報告書",
        "Survey of damage to cultural heritage after the Nepal earthquake",
        "2015年ネパール地震で被災したカトマンズ盆地の歴史的建造物の被害と復旧の課題を記録した。",
        "Damage to the historic buildings of the Kathmandu Valley after the 2015 earthquake, and the "
        "questions their recovery raises.",
        "Suzuki M., Shrestha R.",
        ["Timber temples collapsed where their brick plinths had been altered.",
         "Salvaged carvings were numbered and stored for reassembly."],
        ["改変された煉瓦基壇の上の木造寺院が倒壊した。", "救出された彫刻部材は番号を付けて保存し、再組立に備える。"],
    ),
    (
        Report.Kind.PROCEEDINGS, 2024, ["AM", "BH"], Access.PUBLIC,
        "第18回 文化遺産国際協力コンソーシアム シンポジウム報告書",
        "Proceedings of the 18th symposium of the consortium",
        "西アジア・コーカサスの文化遺産保護協力をテーマとしたシンポジウムの講演と討議の記録。",
        "Talks and discussion of the symposium on cooperation for heritage in West Asia and the Caucasus.",
        "JCIC-Heritage secretariat",
        ["Speakers compared the restoration of Armenian monasteries with the conservation of Dilmun burial mounds.",
         "The panel discussed the training of young specialists."],
        ["アルメニアの修道院の修復とディルムンの墳墓群の保存を比較した講演があった。",
         "若手専門家の育成について討議した。"],
    ),
    (
        Report.Kind.SEMINAR, 2021, ["MM", "LK"], Access.MEMBERS,
        "研究会報告書：南アジア・東南アジアの仏教遺跡の保存",
        "Seminar report: conserving Buddhist sites in South and Southeast Asia",
        "バガンとアヌラーダプラの保存事例を紹介した研究会の記録。",
        "A seminar on conservation at Bagan and Anuradhapura.",
        "Ito N.",
        ["Brick stupas at Bagan were reinforced after the 2016 earthquake.",
         "Mural paintings need stable humidity and careful cleaning."],
        ["バガンの煉瓦造仏塔は2016年の地震後に補強された。", "壁画の保存には安定した湿度と慎重な清掃が必要である。"],
    ),
    (
        Report.Kind.ANNUAL, 2024, ["PH", "LA", "MN"], Access.PUBLIC,
        "文化遺産国際協力コンソーシアム 令和6年度 活動報告書",
        "Annual activity report, FY2024",
        "本年度の調査、シンポジウム、研究会、データベースの整備についての報告。",
        "The year's surveys, symposium, seminars and work on the database.",
        "JCIC-Heritage secretariat",
        ["Rice terraces of the Philippine Cordilleras were surveyed with local communities.",
         "The expert database passed three hundred entries."],
        ["フィリピン・コルディリェーラの棚田を地域住民とともに調査した。",
         "専門家データベースの登録は300件を超えた。"],
    ),
]  # fmt: skip


def _pdfs(title_en, title_ja, english, japanese):
    """(name suffix, language, PDF): the report in English and in Japanese, each with both titles on its cover."""
    cover = [title_en, title_ja, "", "JCIC-Heritage"]
    return [
        ("en", ReportFile.Language.EN, make_pdf([cover, ["Findings", *english], ["Method", METHOD_EN]])),
        ("ja", ReportFile.Language.JA, make_pdf([cover, ["調査の結果", *japanese], ["調査方法", METHOD_JA]])),
    ]


METHOD_EN = "Sites were visited, photographed and measured."
METHOD_JA = "現地で写真撮影と実測を行った。"


@transaction.atomic
def seed(rng, stdout):
    symposium = Event.objects.filter(kind=Event.Kind.SYMPOSIUM).order_by("starts_at").last()
    seminar = Event.objects.filter(kind=Event.Kind.SEMINAR).order_by("starts_at").last()
    for number, spec in enumerate(REPORTS):
        kind, year, countries, access, title_ja, title_en, abstract_ja, abstract_en, authors, english, japanese = spec
        report, _created = Report.objects.update_or_create(
            title_en=title_en,
            defaults={
                "title_ja": title_ja,
                "abstract_ja": abstract_ja,
                "abstract_en": abstract_en,
                "kind": kind,
                "fiscal_year": year,
                "access": access,
                "authors_text": authors,
                "published_on": date(year + 1, 3, 31),
            },
        )
        report.countries.set(countries)
        projects = CooperationProject.objects.filter(countries__in=countries).order_by("pk").distinct()
        report.projects.set(projects[:2])
        sites = HeritageSite.objects.filter(countries__in=countries).order_by("pk").distinct()
        report.sites.set(sites[:2])
        event = {Report.Kind.PROCEEDINGS: symposium, Report.Kind.SEMINAR: seminar}.get(kind)
        report.events.set([event] if event else [])
        if not report.files.exists():
            for suffix, language, pdf in _pdfs(title_en, title_ja, english, japanese):
                name = f"report-{year}-{number + 1}-{suffix}.pdf"
                ReportFile.objects.create(report=report, file=ContentFile(pdf, name=name), language=language)
    stdout.write(f"{len(REPORTS)} reports with their PDF files")
