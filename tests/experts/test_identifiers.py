"""Researcher identifiers are read as people paste them and refused, with a message, when they cannot be."""

import pytest
from django.core.exceptions import ValidationError

from experts import identifiers


@pytest.mark.parametrize(
    "typed",
    [
        "0000-0002-1825-0097",
        "0000000218250097",
        "https://orcid.org/0000-0002-1825-0097",
        "orcid.org/0000-0002-1825-0097/",
        "００００-０００２-１８２５-００９７",  # full-width, as a Japanese keyboard may type it
        " 0000 0002 1825 0097 ",
    ],
)
def test_an_orcid_id_is_read_in_the_forms_people_paste(typed):
    assert identifiers.normalize_orcid(typed) == "0000-0002-1825-0097"


def test_an_orcid_id_whose_check_character_is_x_is_read():
    # 0000-0002-1694-233X is ORCID's own example of the check character 10.
    assert identifiers.orcid_check_character("000000021694233") == "X"
    assert identifiers.normalize_orcid("0000-0002-1694-233x") == "0000-0002-1694-233X"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("0000-0002-1825-0098", "orcid_check_digit"),  # one digit off
        ("0000-0002-1825-0079", "orcid_check_digit"),  # two digits swapped
        ("0000-0002-1825-009", "orcid_format"),
        ("0000-0002-1825-00970", "orcid_format"),
        ("0000-000X-1825-0097", "orcid_format"),
        ("https://example.org/0000-0002-1825-0097", "orcid_format"),
    ],
)
def test_a_wrong_orcid_id_is_refused_with_the_reason(typed, code):
    with pytest.raises(ValidationError) as refused:
        identifiers.normalize_orcid(typed)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("read0123456", "read0123456"),
        ("https://researchmap.jp/taro.yamada/", "taro.yamada"),
        ("narita_yusuke", "narita_yusuke"),
        ("ｋ－ｔａｎａｋａ", "k-tanaka"),
    ],
)
def test_a_researchmap_id_is_read_from_the_id_or_the_address(typed, stored):
    assert identifiers.normalize_researchmap(typed) == stored


@pytest.mark.parametrize("typed", ["ab", "a" * 21, "taro yamada", "山田太郎", "x_admin_1", "taro/yamada"])
def test_a_wrong_researchmap_id_is_refused(typed):
    with pytest.raises(ValidationError):
        identifiers.normalize_researchmap(typed)


@pytest.mark.parametrize(
    "typed", ["60273570", "６０２７３５７０", "6027-3570", "https://nrid.nii.ac.jp/nrid/1000060273570/"]
)
def test_a_kaken_researcher_number_has_eight_digits(typed):
    assert identifiers.normalize_kaken(typed) == "60273570"


@pytest.mark.parametrize("typed", ["6027357", "602735701", "6027357a", "https://nrid.nii.ac.jp/nrid/60273570/"])
def test_a_kaken_number_of_another_length_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        identifiers.normalize_kaken(typed)
    assert refused.value.code == "kaken_format"


def test_empty_identifiers_stay_empty():
    for normalize in (identifiers.normalize_orcid, identifiers.normalize_researchmap, identifiers.normalize_kaken):
        assert normalize("  ") == ""
    assert identifiers.normalize_researchmap("https://researchmap.jp/") == ""


def test_the_model_validators_take_the_stored_form_only():
    identifiers.validate_orcid("0000-0002-1825-0097")
    with pytest.raises(ValidationError):
        identifiers.validate_orcid("0000000218250097")
    with pytest.raises(ValidationError):
        identifiers.validate_kaken("6027357")


def test_a_doi_is_read_from_its_address():
    assert identifiers.normalize_doi("https://doi.org/10.1000/xyz123") == "10.1000/xyz123"
    assert identifiers.normalize_doi("doi: 10.5334/ijic.2000") == "10.5334/ijic.2000"
    with pytest.raises(ValidationError):
        identifiers.normalize_doi("not a doi")


def test_each_identifier_links_to_its_public_page():
    assert identifiers.orcid_url("0000-0002-1825-0097") == "https://orcid.org/0000-0002-1825-0097"
    assert identifiers.researchmap_url("taro.yamada") == "https://researchmap.jp/taro.yamada"
    assert identifiers.kaken_url("60273570") == "https://nrid.nii.ac.jp/nrid/1000060273570/"
