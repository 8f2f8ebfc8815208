"""The same normalisation on both sides: the SQL function and its Python twin agree."""

import pytest
from django.db import connection

from search import textnorm

SAMPLES = [
    "山田 太郎",
    "ヤマダ タロウ",
    "ﾔﾏﾀﾞ ﾀﾛｳ",
    "ＹＡＭＡＤＡ　Ｔａｒｏ",
    "サトー",
    "ジョージ・ルーカス",
    "コーヒー",
    "Djémila Ærøskøbing Straße Łódź Nguyễn",
    "Hôtel-Dieu  de\tBeaune",
    "㍻ ① ｶﾞｷﾞｸﾞｹﾞｺﾞ ヴァイオリン ヶ",
    # What the function translates only where it is: variants and selectors, katakana, the long-vowel mark.
    "髙橋 山﨑 渡邉 齋藤 葛\U000e0100城 辻\ufe00",
    "山田花子 やまだ はなこ",
    "ーあー ー Taro",
    "",
    "  \t\n ",
]


@pytest.mark.django_db
@pytest.mark.parametrize("text", SAMPLES)
def test_python_and_sql_normalise_alike(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_normalize(%s)", [text])
        in_sql = cursor.fetchone()[0]
    assert textnorm.normalize(text) == in_sql


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ヤマダ", "やまだ"),
        ("ﾔﾏﾀﾞ", "やまだ"),
        ("ＹＡＭＡＤＡ", "yamada"),
        ("Djémila", "djemila"),
        ("サトー", "さとう"),
        ("セーター", "せいたあ"),
    ],
)
def test_normalize_folds_scripts_widths_accents_and_long_vowels(typed, stored):
    assert textnorm.normalize(typed) == stored


@pytest.mark.django_db
def test_database_ctype_is_utf8_so_that_pg_trgm_indexes_japanese():
    with connection.cursor() as cursor:
        cursor.execute("SHOW lc_ctype")
        ctype = cursor.fetchone()[0]
        cursor.execute("SELECT show_trgm('山田太郎')")
        trigrams = cursor.fetchone()[0]
    assert ctype.replace("-", "").lower().endswith("utf8")
    # Under a C ctype pg_trgm drops every Japanese character and finds no trigram at all.
    # (It shows multibyte trigrams as hashes: "  山", " 山田", "山田太", "田太郎", "太郎 ".)
    assert len(trigrams) == 5


@pytest.mark.django_db
def test_bigrams_are_the_two_character_japanese_pieces():
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_bigrams(search_normalize(%s))", ["小山田 ab タロウ"])
        pieces = cursor.fetchone()[0]
    assert sorted(pieces) == sorted(["小山", "山田", "たろ", "ろう"])


def test_the_latest_migration_of_the_function_is_the_one_described_here():
    import importlib

    migration = importlib.import_module("search.migrations.0003_normalize_translates_only_what_it_must")
    assert migration.NORMALIZE == textnorm.NORMALIZE_FUNCTION
