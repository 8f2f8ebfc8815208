"""Each record's facet codes (``search.facet_codes``): what the triggers keep equals what the
filter sets' own definitions give, after every kind of change."""

import pytest
from django.db.models import Case, Value, When

from consortium.models import Country, Region
from experts.filters import ExpertFilterSet
from experts.models import Expert, Specialty
from heritage.filters import HeritageSiteFilterSet
from heritage.models import HeritageSite
from members.models import Organization
from projects.filters import ProjectFilterSet
from projects.models import CooperationProject
from search.facets import YesNoFacetFilter, facet_filters

FILTER_SETS = [ExpertFilterSet, ProjectFilterSet, HeritageSiteFilterSet]


def expected_codes(filterset_class):
    """{record id: its codes}, read through the ORM from the filter set's facets, not from the triggers."""
    model = filterset_class._meta.model
    codes = {pk: set() for pk in model._base_manager.values_list("pk", flat=True)}
    for name, facet_filter in facet_filters(filterset_class.base_filters):
        records = model._base_manager.all()
        if isinstance(facet_filter, YesNoFacetFilter):
            answer = Case(When(facet_filter.condition, then=Value("yes")), default=Value("no"))
            pairs = records.annotate(answer=answer).values_list("pk", "answer")
        elif facet_filter.label_path:
            key = f"{facet_filter.label_path}__pk"
            pairs = records.filter(**{f"{key}__isnull": False}).values_list("pk", key)
        else:
            pairs = records.filter(**{f"{facet_filter.path}__isnull": False}).values_list("pk", facet_filter.path)
        for pk, value in pairs:
            codes[pk].add(f"{name}:{value}")
    return codes


def stored_codes(filterset_class):
    codes = filterset_class.facet_codes
    return {getattr(row, codes._meta.pk.attname): set(row.codes) for row in codes.objects.all()}


def assert_codes_agree():
    for filterset_class in FILTER_SETS:
        assert stored_codes(filterset_class) == expected_codes(filterset_class), filterset_class.__name__


def test_every_facet_is_kept_in_the_codes(records):
    assert_codes_agree()
    assert stored_codes(ExpertFilterSet)[records.yamada.pk] == {
        f"specialty:{Specialty.objects.get(code='archaeology').pk}",
        "country:AF",
        f"region:{Country.objects.get(code='AF').subcommittee_region_id}",
        "organization_kind:research_institute",
    }


def test_links_added_changed_and_removed_refresh_the_codes(records):
    archaeology = Specialty.objects.get(code="archaeology")
    records.oyamada.specialties.add(archaeology)
    records.oyamada.countries.remove(Country.objects.get(code="AF"))
    records.dupont.languages.clear()
    records.bamiyan_project.funders.clear()
    records.djemila.countries.add(Country.objects.get(code="MM"))
    # Written in bulk, as the importers and the demo data do.
    Expert.countries.through.objects.bulk_create(
        [Expert.countries.through(expert=expert, country_id="DZ") for expert in (records.oyamada, records.yamada)]
    )
    assert_codes_agree()


def test_a_record_created_updated_or_deleted_keeps_its_codes(records):
    made = Expert.objects.create(family_name_en="New", organization=records.oyamada.organization)
    made.specialties.set(Specialty.objects.all())
    records.djemila_project.kind = "conservation"
    records.djemila_project.save()
    HeritageSite.objects.filter(pk=records.djemila.pk).update(in_danger=True, whc_id=None)
    CooperationProject.objects.filter(pk=records.djemila_project.pk).update(status="ongoing")
    records.dupont.organization = records.oyamada.organization
    records.dupont.save()
    assert_codes_agree()
    records.yamada.delete()
    records.bamiyan.delete()
    assert_codes_agree()


def test_what_the_codes_derive_from_refreshes_them(records):
    Organization.objects.filter(kind="university").update(kind="ngo")
    country = Country.objects.get(code="AF")
    country.subcommittee_region = Region.objects.get(scheme=Region.Scheme.SUBCOMMITTEE, code="africa")
    country.unesco_region = Region.objects.get(scheme=Region.Scheme.UNESCO, code="arab-states")
    country.save()
    assert_codes_agree()
    Country.objects.filter(code="DZ").update(subcommittee_region=None)
    assert_codes_agree()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_deleted_record_takes_its_codes_with_it():
    expert = Expert.objects.create(family_name_en="Only")
    expert.specialties.add(Specialty.objects.create(code="epigraphy", name_en="Epigraphy"))
    assert ExpertFilterSet.facet_codes.objects.get(expert=expert).codes
    # Django deletes the links first, whose trigger writes the codes again, then the record.
    expert.delete()
    assert not ExpertFilterSet.facet_codes.objects.exists()
