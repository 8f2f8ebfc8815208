"""The privacy policy and the terms of use as a fresh portal shows them (events.policies): written for a
Japanese consortium under the Act on the Protection of Personal Information, for staff to adapt.

The texts are Markdown files in ``policies_text/`` (``<slug>.<language>.md``). The retention periods they
state match the defaults of the settings that apply them (DJANGO_RETENTION_*_DAYS), and the daily limits
those of DJANGO_CONTACT_VIEWS_PER_DAY and DJANGO_EXPORT_ROWS_PER_DAY: change the texts when the settings
change.
"""

import datetime
from pathlib import Path

TEXTS = Path(__file__).resolve().parent / "policies_text"
VERSION_DATE = datetime.date(2026, 4, 1)


def _body(slug, language):
    return (TEXTS / f"{slug}.{language}.md").read_text(encoding="utf-8")


PRIVACY = {
    "slug": "privacy",
    "version": 1,
    "version_date": VERSION_DATE,
    "title_ja": "個人情報の取扱いについて（プライバシーポリシー）",
    "title_en": "Privacy policy",
    "summary_ja": "コンソーシアムが取得する個人情報、その利用目的、保存期間、開示等のご請求の方法を定めています。",
    "summary_en": "What personal data the consortium holds, why, for how long, and how to see, correct or delete it.",
    "body_ja": _body("privacy", "ja"),
    "body_en": _body("privacy", "en"),
}

TERMS = {
    "slug": "terms",
    "version": 1,
    "version_date": VERSION_DATE,
    "title_ja": "利用規約",
    "title_en": "Terms of use",
    "summary_ja": "本サイト及び会員向けデータベースをご利用いただく際の条件を定めています。",
    "summary_en": "The conditions for using this site and the members' database.",
    "body_ja": _body("terms", "ja"),
    "body_en": _body("terms", "en"),
}

POLICIES = [PRIVACY, TERMS]
