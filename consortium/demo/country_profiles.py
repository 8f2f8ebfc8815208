"""Demo country profiles: a few partner countries described in both languages, as staff would keep them.

Called by ``seed_demo`` as ``seed(rng, stdout)``. Keyed by country, so running it again updates them.
The texts are written for the demo: a sketch of each country's situation, not a reference.
"""

from datetime import timedelta

from django.utils import timezone

from consortium.models import Country, CountryProfile

PROFILES = {
    "KH": {
        "protection_ja": (
            "1996年の文化遺産保護法が基本となる法律で、文化芸術省が全国の文化遺産を所管しています。"
            "アンコール地域の保存と開発の調整は、政府機関であるアプサラ機構が担っています。"
        ),
        "protection_en": (
            "The 1996 law on the protection of cultural heritage is the main statute, and the Ministry of Culture "
            "and Fine Arts oversees heritage nationwide. In the Angkor area, the APSARA National Authority "
            "balances conservation with development."
        ),
        "needs_ja": (
            "- 石造建築の構造調査と修復技術者の育成\n"
            "- 地方の遺跡の記録と目録づくり\n"
            "- 観光客の増加に対応した遺跡管理計画"
        ),
        "needs_en": (
            "- Structural survey of stone temples, and training of restoration engineers\n"
            "- Recording and inventories of provincial sites\n"
            "- Site management plans that cope with growing numbers of visitors"
        ),
        "japan_ja": (
            "1990年代から、大学や研究機関がアンコール遺跡群の修復と人材育成を続けてきました。"
            "現地の技術者が主体となって修復を進める体制づくりを重視しています。"
        ),
        "japan_en": (
            "Since the 1990s, Japanese universities and institutes have worked on the restoration of the Angkor "
            "monuments and on training, aiming for restorations that Cambodian engineers lead themselves."
        ),
        "sources_ja": "- 当コンソーシアム 国別調査報告（デモ）",
        "sources_en": "- The consortium's country survey report (demo)",
    },
    "MM": {
        "protection_ja": (
            "文化遺産地域の保護に関する法律（2019年改正）のもと、宗教文化省考古・国立博物館局が遺跡を管理しています。"
            "バガンは2019年に世界遺産に登録されました。"
        ),
        "protection_en": (
            "Under the law on the protection of cultural heritage regions, revised in 2019, the Department of "
            "Archaeology and National Museum of the Ministry of Religious Affairs and Culture manages sites. "
            "Bagan was inscribed on the World Heritage List in 2019."
        ),
        "needs_ja": "2016年の地震で被災した仏塔の修復と、壁画の保存処理の専門家が求められています。",
        "needs_en": (
            "Help is sought with the repair of pagodas damaged by the 2016 earthquake, and with specialists in the "
            "conservation of mural paintings."
        ),
        "japan_ja": "地震後の被害調査、壁画保存の研修、考古資料のデジタル記録を支援してきました。",
        "japan_en": (
            "Japan has supported damage surveys after the earthquake, training in mural conservation and the "
            "digital recording of archaeological collections."
        ),
        "sources_en": "- Notes from the consortium's West and Southeast Asia seminars (demo)",
    },
    "NP": {
        "protection_ja": (
            "1956年の古代記念物保護法にもとづき、考古局が記念物と遺跡を所管しています。"
            "カトマンズ盆地では自治体や寺院の管理組織も保存に関わっています。"
        ),
        "protection_en": (
            "The Ancient Monuments Preservation Act of 1956 gives the Department of Archaeology responsibility for "
            "monuments and sites; in the Kathmandu Valley, municipalities and temple trusts share in their care."
        ),
        "needs_ja": (
            "2015年のゴルカ地震からの復興が続いており、伝統的な木造・れんが造建築の耐震補強と職人技術の継承が課題です。"
        ),
        "needs_en": (
            "Recovery from the 2015 Gorkha earthquake continues: strengthening traditional timber and brick "
            "buildings against earthquakes, and passing craft skills to a new generation, are the main needs."
        ),
        "japan_ja": "地震直後の緊急調査に始まり、王宮広場の建物の構造解析や修復計画づくりに協力してきました。",
        "japan_en": (
            "Starting with emergency surveys just after the earthquake, Japanese teams have helped with structural "
            "analysis and restoration plans for buildings on the palace squares."
        ),
        "sources_ja": "- 災害復興調査報告（デモ）",
        "sources_en": "- Disaster recovery survey report (demo)",
    },
    "LA": {
        "protection_ja": "国家遺産法（2005年、2013年改正）のもと、情報文化観光省が文化遺産を所管しています。",
        "needs_ja": "ワット・プーの石造遺構の保存と、地方博物館の収蔵品管理の改善が求められています。",
        "japan_ja": "遺跡の測量と、博物館職員の研修に協力してきました。",
    },
}


def seed(rng, stdout):
    today = timezone.localdate()
    countries = Country.objects.in_bulk(list(PROFILES))
    for code, texts in PROFILES.items():
        if code not in countries:
            continue
        # Some reviewed lately, one long ago: the admin's "review overdue" filter has something to show.
        reviewed_on = today - timedelta(days=rng.randint(30, 400) if code != "LA" else 900)
        CountryProfile.objects.update_or_create(
            country=countries[code], defaults={**texts, "reviewed_on": reviewed_on}
        )
