"""People's names: Japanese ones as matching kanji, kana and roman-letter triples, others in roman letters."""

from dataclasses import dataclass
from itertools import accumulate

from faker import Faker
from faker.providers.person.ja_JP import Provider as JapaneseNames

# Two of Faker's triples disagree with their own kana; the roman letters follow the kana here.
_ROMAN_FIXES = {("修平", "シュウヘイ"): "Shuhei", ("充", "ミツル"): "Mitsuru"}

# Faker's ja_JP list holds the 50 commonest family names; these are the next
# ones by frequency, so that a database of 100,000 people is not all Satos.
# Weights continue Faker's scale (bearers in a national survey).
_MORE_FAMILY_NAMES = (
    (("中野", "ナカノ", "Nakano"), 54000),
    (("原田", "ハラダ", "Harada"), 53500),
    (("小野", "オノ", "Ono"), 53000),
    (("田村", "タムラ", "Tamura"), 52500),
    (("竹内", "タケウチ", "Takeuchi"), 52000),
    (("金子", "カネコ", "Kaneko"), 51500),
    (("和田", "ワダ", "Wada"), 51000),
    (("中山", "ナカヤマ", "Nakayama"), 50500),
    (("石田", "イシダ", "Ishida"), 50000),
    (("上田", "ウエダ", "Ueda"), 49500),
    (("森田", "モリタ", "Morita"), 49000),
    (("原", "ハラ", "Hara"), 48500),
    (("柴田", "シバタ", "Shibata"), 48000),
    (("酒井", "サカイ", "Sakai"), 47500),
    (("工藤", "クドウ", "Kudo"), 47000),
    (("横山", "ヨコヤマ", "Yokoyama"), 46500),
    (("宮崎", "ミヤザキ", "Miyazaki"), 46000),
    (("宮本", "ミヤモト", "Miyamoto"), 45500),
    (("内田", "ウチダ", "Uchida"), 45000),
    (("高木", "タカギ", "Takagi"), 44500),
    (("安藤", "アンドウ", "Ando"), 44000),
    (("谷口", "タニグチ", "Taniguchi"), 43500),
    (("大野", "オオノ", "Ono"), 43000),
    (("丸山", "マルヤマ", "Maruyama"), 42500),
    (("今井", "イマイ", "Imai"), 42000),
    (("高田", "タカダ", "Takada"), 41500),
    (("藤本", "フジモト", "Fujimoto"), 41000),
    (("武田", "タケダ", "Takeda"), 40500),
    (("村田", "ムラタ", "Murata"), 40000),
    (("上野", "ウエノ", "Ueno"), 39500),
    (("杉山", "スギヤマ", "Sugiyama"), 39000),
    (("増田", "マスダ", "Masuda"), 38500),
    (("平野", "ヒラノ", "Hirano"), 38000),
    (("大塚", "オオツカ", "Otsuka"), 37500),
    (("千葉", "チバ", "Chiba"), 37000),
    (("久保", "クボ", "Kubo"), 36500),
    (("松井", "マツイ", "Matsui"), 36000),
    (("小島", "コジマ", "Kojima"), 35500),
    (("岩崎", "イワサキ", "Iwasaki"), 35000),
    (("桜井", "サクライ", "Sakurai"), 34500),
    (("野口", "ノグチ", "Noguchi"), 34000),
    (("松尾", "マツオ", "Matsuo"), 33500),
    (("野村", "ノムラ", "Nomura"), 33000),
    (("木下", "キノシタ", "Kinoshita"), 32500),
    (("菊地", "キクチ", "Kikuchi"), 32000),
    (("佐野", "サノ", "Sano"), 31500),
    (("大西", "オオニシ", "Onishi"), 31000),
    (("杉本", "スギモト", "Sugimoto"), 30500),
    (("新井", "アライ", "Arai"), 30000),
)
_MORE_GIVEN_NAMES = (
    ("大輔", "ダイスケ", "Daisuke"),
    ("誠", "マコト", "Makoto"),
    ("隆", "タカシ", "Takashi"),
    ("剛", "ツヨシ", "Tsuyoshi"),
    ("健太", "ケンタ", "Kenta"),
    ("拓也", "タクヤ", "Takuya"),
    ("哲也", "テツヤ", "Tetsuya"),
    ("秀明", "ヒデアキ", "Hideaki"),
    ("正人", "マサト", "Masato"),
    ("徹", "トオル", "Toru"),
    ("恵", "メグミ", "Megumi"),
    ("由美", "ユミ", "Yumi"),
    ("智子", "トモコ", "Tomoko"),
    ("恵子", "ケイコ", "Keiko"),
    ("真理子", "マリコ", "Mariko"),
    ("美穂", "ミホ", "Miho"),
    ("彩", "アヤ", "Aya"),
    ("愛", "アイ", "Ai"),
    ("典子", "ノリコ", "Noriko"),
    ("幸子", "サチコ", "Sachiko"),
    ("綾子", "アヤコ", "Ayako"),
    ("理恵", "リエ", "Rie"),
    ("沙織", "サオリ", "Saori"),
    ("千尋", "チヒロ", "Chihiro"),
)

FAMILY_NAMES = tuple(JapaneseNames.last_name_pairs) + tuple(name for name, _ in _MORE_FAMILY_NAMES)
_FAMILY_CUMULATIVE = tuple(
    accumulate(
        float(weight) for weight in (*JapaneseNames.last_name_pairs.values(), *dict(_MORE_FAMILY_NAMES).values())
    )
)
GIVEN_NAMES = tuple(
    (kanji, kana, _ROMAN_FIXES.get((kanji, kana), roman))
    for kanji, kana, roman in (*JapaneseNames.first_name_pairs, *_MORE_GIVEN_NAMES)
)

# Faker locales for colleagues from the countries the consortium works with or
# alongside, in roman letters, with the country they come from. Locales whose
# names Faker writes in another script, or whose given names it lacks, are left out.
FOREIGN_LOCALES = (
    ("id_ID", "ID", 6),
    ("uz_UZ", "UZ", 4),
    ("tr_TR", "TR", 3),
    ("en_IN", "IN", 3),
    ("es", "PE", 4),  # Faker has no es_PE: its general Spanish names stand in
    ("es_MX", "MX", 2),
    ("es_CO", "CO", 1),
    ("es_CL", "CL", 1),
    ("en_PH", "PH", 3),
    ("fr_FR", "FR", 3),
    ("it_IT", "IT", 3),
    ("de_DE", "DE", 2),
    ("es_ES", "ES", 1),
    ("en_GB", "GB", 2),
    ("en_US", "US", 2),
    ("pt_BR", "BR", 1),
)


@dataclass(frozen=True, slots=True)
class PersonName:
    family: str = ""
    given: str = ""
    family_kana: str = ""
    given_kana: str = ""
    family_en: str = ""
    given_en: str = ""
    home_country: str = "JP"


def japanese_name(rng):
    family, family_kana, family_en = rng.choices(FAMILY_NAMES, cum_weights=_FAMILY_CUMULATIVE)[0]
    given, given_kana, given_en = rng.choice(GIVEN_NAMES)
    return PersonName(family, given, family_kana, given_kana, family_en, given_en, "JP")


class ForeignNames:
    """Roman-letter names from seeded Faker locales, each with the person's home country."""

    def __init__(self, seed, countries):
        usable = [(locale, code, weight) for locale, code, weight in FOREIGN_LOCALES if code in countries]
        self.fakers = []
        for locale, code, _ in usable:
            fake = Faker(locale, providers=["faker.providers.person"])  # names only: loading all takes a second
            fake.seed_instance(f"{seed}:{locale}")
            self.fakers.append((fake, code))
        self.cumulative = tuple(accumulate(weight for _, _, weight in usable))

    def __bool__(self):
        return bool(self.fakers)

    @property
    def countries(self):
        return {country for _, country in self.fakers}

    def draw(self, rng):
        fake, country = rng.choices(self.fakers, cum_weights=self.cumulative)[0]
        return PersonName(family_en=fake.last_name(), given_en=fake.first_name(), home_country=country)
