"""The finding rules one by one, in Python: readings, Hepburn variants and variant kanji (no database)."""

import time

import pytest

from search import readings, textnorm, variants


@pytest.mark.parametrize(
    ("spellings", "folded"),
    [
        (["Ōno", "Ôno", "Ohno", "Oono", "Ouno", "Ono"], "ono"),
        (["Ūchi", "Uuchi", "Uchi", "Uti"], "uti"),
        (["Shimbashi", "Shinbashi", "Sinbasi"], "sinbasi"),
        (["Homma", "Honma"], "honma"),
        (["Namba", "Nanba"], "nanba"),
        (["Kampo", "Kanpo"], "kanpo"),
        (["Shiori", "Siori"], "siori"),
        (["Chihiro", "Tihiro"], "tihiro"),
        (["Tsutsumi", "Tutumi"], "tutumi"),
        (["Fujita", "Huzita", "Hujita", "Fuzita"], "huzita"),
        (["Jiro", "Ziro", "Diro"], "ziro"),
        (["Shōta", "Syota", "Shouta", "Syouta"], "syota"),
        (["Shūji", "Syuzi", "Shuuji"], "syuzi"),
        (["Sharaku", "Syaraku"], "syaraku"),
        (["Chōsokabe", "Tyosokabe", "Chousokabe"], "tyosokabe"),
        (["Chaya", "Tyaya"], "tyaya"),
        (["Junko", "Zyunko", "Jyunko"], "zyunko"),
        (["Jōmon", "Zyomon", "Jomon"], "zyomon"),
        (["Jun'ichi", "Jun-ichi", "Junichi", "Zyuniti"], "zyuniti"),
        (["Matcha", "Maccha", "Mattya"], "mattya"),
        (["Satō", "Satoh", "Satou", "Sato"], "sato"),
        (["Kōno", "Kohno", "Kouno", "Kono"], "kono"),
        (["ＯＨＮＯ", "ohno"], "ono"),
    ],
)
def test_hepburn_variants_fold_to_one_spelling(spellings, folded):
    assert {readings.fold_romaji(spelling) for spelling in spellings} == {folded}


@pytest.mark.parametrize(
    ("kana", "folded"),
    [
        ("ヤマザキ", "yamazaki"),
        ("やまざき", "yamazaki"),
        ("オオノ", "ono"),
        ("オーノ", "ono"),
        ("しんばし", "sinbasi"),
        ("じゅんいち", "zyuniti"),
        ("ちひろ", "tihiro"),
        ("つつみ", "tutumi"),
        ("ふじた", "huzita"),
        ("しょうた", "syota"),
        ("まっちゃ", "mattya"),
        ("ササキ", "sasaki"),
    ],
)
def test_kana_read_as_the_roman_letters_fold(kana, folded):
    assert readings.fold_romaji(readings.romanize(kana)) == folded


@pytest.mark.parametrize(
    ("names", "reading"),
    [
        ({"family_kana": "ヤマザキ", "given_kana": "タロウ", "family": "山崎", "given": "太郎"}, "yamazaki taro"),
        ({"family_en": "Ōno", "given_en": "Hiroshi"}, "ono hirosi"),
        # Roman letters and kana that read alike give one reading; that differ, both.
        ({"family_en": "Ohno", "given_en": "Shinji", "family_kana": "おおの", "given_kana": "しんじ"}, "ono sinzi"),
        ({"family_en": "Yamasaki", "family_kana": "ヤマザキ"}, "yamasaki | yamazaki"),
        # Without kana, the kanji are read by the dictionary, variant forms included.
        ({"family": "髙橋", "given": "一郎"}, "takahasi itiro"),
        ({"family": "佐々木"}, "sasaki"),
        # Every roman name folds alike, so a query folded the same way still meets it.
        ({"family_en": "Dupont", "given_en": "Jean"}, "dupont zyean"),
        ({}, ""),
    ],
)
def test_name_reading(names, reading):
    assert readings.name_reading(**names) == reading


def test_a_name_that_cannot_be_read_whole_gives_no_reading_from_it():
    assert readings.name_reading(family="〓〓", given="太郎") == ""
    assert readings.name_reading(family="〓〓", family_en="Nakamura") == "nakamura"


@pytest.mark.parametrize(
    ("term", "folded"),
    [
        ("ohno", "ono"),
        ("oono", "ono"),
        ("shimbashi", "sinbasi"),
        ("やまざき", "yamazaki"),
        ("おおの", "ono"),
        # Already in the stored spelling, or nothing to add: the term alone.
        ("yamazaki", None),
        ("ono", None),
        ("山崎", None),
        ("山崎たろう", None),
        ("oh", None),
        ("ooe", None),
    ],
)
def test_the_reading_a_query_term_adds(term, folded):
    assert readings.folded_term(textnorm.normalize(term)) == folded


@pytest.mark.parametrize(
    ("variant", "common"),
    [
        ("髙橋", "高橋"),
        ("山﨑", "山崎"),
        ("山嵜", "山崎"),
        ("川碕", "川崎"),
        ("渡邊", "渡辺"),
        ("渡邉", "渡辺"),
        ("齋藤", "斎藤"),
        ("齊藤", "斎藤"),
        ("斉藤", "斎藤"),
        ("濱田", "浜田"),
        ("澤田", "沢田"),
        ("櫻井", "桜井"),
        ("廣瀬", "広瀬"),
        ("國分", "国分"),
        ("眞田", "真田"),
        ("德川", "徳川"),
        ("惠子", "恵子"),
        ("冨田", "富田"),
        ("槇原", "槙原"),
        ("藪内", "薮内"),
        ("𠮷田", "吉田"),
        ("葛\U000e0100城", "葛城"),
        ("辻\ufe00", "辻"),
    ],
)
def test_variant_kanji_fold_to_the_common_form(variant, common):
    assert textnorm.normalize(variant) == textnorm.normalize(common) == common


def test_the_variant_table_maps_one_character_to_one_common_character():
    assert all(len(key) == len(value) == 1 for key, value in variants.VARIANT_KANJI.items())
    assert not set(variants.VARIANT_KANJI) & set(variants.VARIANT_KANJI.values())
    assert len(variants.FROM) - len(variants.TO) == len(variants.VARIATION_SELECTORS)


HOSTILE = [
    pytest.param("a" * 100_000, id="very-long-ascii"),
    pytest.param("ア" * 20_000, id="very-long-katakana"),
    pytest.param("sh" * 20_000 + "ou" * 20_000, id="very-long-foldable"),
    pytest.param("\u0301\u0301\u0301", id="lone-combining-marks"),
    pytest.param("\u3099\u309a", id="lone-kana-voicing-marks"),
    pytest.param("o\u0304\u0304h\u200bno", id="stacked-macrons-zero-width"),
    pytest.param("\x00\x01\x1b[31m\x7f", id="control-characters"),
    pytest.param("\ud800", id="lone-surrogate"),
    pytest.param("\U0001f600\u202eonho", id="emoji-and-bidi-override"),
    pytest.param("\ufeff\ufe0f\U000e01ef", id="invisible-selectors"),
    pytest.param("ﾞﾟｰ", id="half-width-marks-alone"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_folded_quickly_without_error(text):
    readings.romanize("よみ")  # pykakasi's dictionaries load once, not within the time measured
    started = time.perf_counter()
    folded = readings.fold_romaji(text)
    term = readings.folded_term(textnorm.normalize(text))
    reading = readings.name_reading(family_kana=text, family_en=text)
    assert time.perf_counter() - started < 2
    assert isinstance(folded, str) and isinstance(reading, str)
    assert term is None or (term.isascii() and len(term) >= 3)
