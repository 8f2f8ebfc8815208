"""Reading and cleaning the export's fields: pure functions, no database."""

from decimal import Decimal

import pytest

from heritage.whc_fields import (
    DangerSpan,
    RowError,
    parse_country_codes,
    parse_criteria,
    parse_danger_list,
    parse_regions,
)
from heritage.whc_rows import parse_row
from heritage.whc_text import decode_text, html_to_text, lost_letters
from tests.heritage.whc_export import whc_row


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"Djemila", "Djemila"),
        ("Djémila".encode("cp1252"), "Djémila"),
        ("Réserves naturelles de l’Aïr".encode("cp1252"), "Réserves naturelles de l’Aïr"),
        ("l’ancienne Bactriane".encode(), "l’ancienne Bactriane"),
        # Windows-1252 and UTF-8 in one field, as in the export.
        ("Djémila, ".encode("cp1252") + "28° N, “collision point”".encode(), "Djémila, 28° N, “collision point”"),
        # "íž" and a no-break space in Windows-1252 are valid UTF-8 for a Hangul letter: not taken as such.
        (b"Krom??\xed\x9e\xa0stands", "Krom??íž\xa0stands"),
        ("Spišský Hrad – Kroměříž".encode(), "Spišský Hrad – Kroměříž"),
    ],
)
def test_decode_text_reads_windows_1252_and_utf8_sequences(raw, text):
    assert decode_text(raw) == text


def test_html_to_text_decodes_entities_and_keeps_paragraphs():
    html = (
        "<p>R&eacute;sidence imp&eacute;riale des Habsbourg du XVIII<sup>e</sup> si&egrave;cle,\n"
        " l&rsquo;&oelig;uvre de Fischer von Erlach.</p>\n<p>&nbsp;</p><p><em>Criterion (i):</em>  "
        'a <span style="font-size: 8pt">masterpiece</span>&hellip;</p>'
    )
    assert html_to_text(html) == (
        "Résidence impériale des Habsbourg du XVIIIe siècle, l’œuvre de Fischer von Erlach.\n\n"
        "Criterion (i): a masterpiece…"
    )


def test_html_to_text_writes_superscript_numbers_as_such():
    assert html_to_text("<p>5,000 km<sup>2</sup> since the 13<sup>th</sup> century</p>") == (
        "5,000 km² since the 13th century"
    )


def test_html_to_text_puts_list_items_and_breaks_on_their_own_lines():
    html = "<p>It comprises:</p><ul><li>the dunes;</li><li>the craters.</li></ul>A line<br />and the next"
    assert html_to_text(html) == "It comprises:\n\n• the dunes;\n• the craters.\n\nA line\nand the next"


def test_html_to_text_treats_blank_lines_of_plain_text_as_paragraphs():
    assert html_to_text("First  part.\n\n  Second\npart. ") == "First part.\n\nSecond\npart."


def test_html_to_text_keeps_the_no_break_spaces_typography_wants_and_no_other():
    html = "Le &laquo;&nbsp;marais&nbsp;&raquo; couvre 1&nbsp;300&nbsp;ha&nbsp;: it\xa0began in\xa0the 14th\xa0 to"
    assert html_to_text(html) == "Le «\xa0marais\xa0» couvre 1\xa0300\xa0ha\xa0: it began in the 14th to"


def test_html_to_text_makes_a_name_one_trimmed_line():
    html = " Auschwitz Birkenau <br /><small>German Nazi Concentration Camp</small>  "
    assert html_to_text(html, single_line=True) == "Auschwitz Birkenau German Nazi Concentration Camp"
    assert html_to_text("Ulu<U>r</U>u-Kata Tju<U>t</U>a", single_line=True) == "Uluru-Kata Tjuta"


@pytest.mark.parametrize(
    ("text", "is_name", "lost"),
    [
        ("Churches of Peace in Jawor and ?widnica", False, True),
        ("Old City of Zamo??", False, True),
        ("Kernav? Archaeological Site", True, True),
        ("Why was it built? Nobody knows.", False, False),
        ("Djémila", True, False),
    ],
)
def test_lost_letters_spots_the_question_marks_that_replaced_letters(text, is_name, lost):
    assert lost_letters(text, is_name=is_name) is lost


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("", ()),
        ("Y 2003", (DangerSpan(2003, None),)),
        ("P 1997-2005", (DangerSpan(1997, 2005),)),
        ("Y 2011 P 1996-2007", (DangerSpan(1996, 2007), DangerSpan(2011, None))),
        ("P 1984-1988 P 2000-2006", (DangerSpan(1984, 1988), DangerSpan(2000, 2006))),
    ],
)
def test_parse_danger_list_gives_the_periods_in_order(text, spans):
    assert parse_danger_list(text) == spans


@pytest.mark.parametrize("text", ["Y", "P 1997", "Y 2003-2005", "P 2005-1997", "in danger", "Y 2003 Y 2005"])
def test_parse_danger_list_refuses_what_it_cannot_read(text):
    with pytest.raises(RowError, match="danger_list"):
        parse_danger_list(text)


def test_parse_criteria_reads_roman_numerals():
    assert parse_criteria("(i)(ii)(iv)") == ("i", "ii", "iv")
    assert parse_criteria(" (vii)(x) ") == ("vii", "x")
    for text in ("(xi)", "i, ii", "(ii)(iv"):
        with pytest.raises(RowError, match="criteria_txt"):
            parse_criteria(text)


def test_parse_country_codes_upper_cases_and_sets_aside_what_is_not_a_code():
    assert parse_country_codes("ba,hr, rs,me,ba") == (("BA", "HR", "RS", "ME"), [])
    assert parse_country_codes("") == ((), [])
    assert parse_country_codes("ba,bosnia") == (("BA",), ["bosnia"])


def test_parse_regions_splits_the_regions_of_a_transboundary_property():
    assert parse_regions("Europe and North America,Asia and the Pacific ") == (
        "Europe and North America",
        "Asia and the Pacific",
    )
    assert parse_regions("") == ()


def test_parse_row_cleans_a_row():
    row = parse_row(whc_row(name_en="  Djémila ", area_hectares="30.605", danger="1", danger_list="Y 2003"), 2)
    assert row.whc_id == 191
    assert row.name_en == "Djémila"
    assert row.category == "cultural"
    assert row.criteria == ("iii", "iv")
    assert (row.latitude, row.longitude) == (Decimal("36.320560"), Decimal("5.736670"))
    assert row.area_hectares == Decimal("30.61")
    assert row.in_danger and row.danger_periods == (DangerSpan(2003, None),)
    assert row.description_fr == "Djémila, ou Cuicul, l’ancienne cité romaine."
    assert row.country_codes == ("DZ",)
    assert row.warnings == ()


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"id_no": "abc"}, "id_no 'abc' is not a positive whole number"),
        ({"id_no": "99999999999"}, "id_no '99999999999' is not a positive whole number"),
        ({"latitude": "200"}, "latitude 200 is out of range"),
        ({"longitude": "east"}, "longitude 'east' is not a number"),
        ({"latitude": ""}, "latitude and longitude must both be given"),
        ({"category": "Intangible"}, "category 'Intangible' is not Cultural, Natural or Mixed"),
        ({"date_inscribed": "82"}, "date_inscribed '82' is not a year"),
        ({"name_en": " ", "name_fr": ""}, "no name"),
        ({"area_hectares": "-3"}, "area_hectares -3 is out of range"),
    ],
)
def test_parse_row_rejects_a_row_with_a_reason(values, reason):
    with pytest.raises(RowError, match=reason):
        parse_row(whc_row(**values), 7)


def test_parse_row_warns_about_what_it_imports_with_doubt():
    row = parse_row(
        whc_row(iso_code="", states_name_en="Jerusalem", latitude="0", longitude="0", area_hectares="0", danger="1"),
        9,
    )
    assert (row.country_codes, row.latitude, row.longitude, row.area_hectares) == ((), None, None, None)
    assert row.in_danger is True
    assert len(row.warnings) == 3
    assert all(warning.startswith("row 9 (id_no 191): ") for warning in row.warnings)
    assert "no country code (Jerusalem, Arab States)" in row.warnings[2]


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"area_hectares": "1e100"}, "area_hectares 1e100 is too large"),
        ({"area_hectares": "1" * 40}, f"area_hectares {'1' * 40} is too large"),
        ({"area_hectares": "999999999999.999"}, "area_hectares 999999999999.999 is too large"),
        ({"area_hectares": "inf"}, "area_hectares 'inf' is not a number"),
        ({"area_hectares": "-Infinity"}, "area_hectares '-Infinity' is not a number"),
        ({"area_hectares": "nan"}, "area_hectares 'nan' is not a number"),
        ({"area_hectares": "sNaN"}, "area_hectares 'sNaN' is not a number"),
        ({"area_hectares": "-5"}, r"area_hectares -5 is out of range \(at least 0\)"),
        ({"latitude": "200"}, r"latitude 200 is out of range \(-90 to 90\)"),
        ({"latitude": "1e100"}, "latitude 1e100 is out of range"),
        ({"longitude": "-" + "9" * 40}, "longitude -9+ is out of range"),
        ({"id_no": "²"}, "id_no '²' is not a positive whole number"),
        ({"id_no": "1" * 5000}, "id_no '1+' is not a positive whole number"),
        ({"date_inscribed": "198²"}, "date_inscribed '198²' is not a year"),
    ],
)
def test_parse_row_rejects_numbers_it_cannot_store_with_the_column_and_value(values, reason):
    with pytest.raises(RowError, match=reason):
        parse_row(whc_row(**values), 7)


def test_parse_row_keeps_the_largest_area_the_database_holds():
    assert parse_row(whc_row(area_hectares="99999999999.99"), 7).area_hectares == Decimal("99999999999.99")
